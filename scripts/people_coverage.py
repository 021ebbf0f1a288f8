"""Coverage report of people.csv: which UN members and entities lack leader terms.

Run: python scripts/people_coverage.py [--all] [--since YEAR]
Prints one line per polity with a gap: the number of terms per office (head of state,
head of government, foreign minister), the earliest start year, and whether a term is
open (no end date). --all prints every polity. The 193 UN members are the `state` rows of
states.csv minus the four ISO entries that are not members (Greenland, Hong Kong, Macau,
Puerto Rico); the entities are the `entity` rows of actors.csv plus the Holy See.
A `leader` term (the heads of the Donetsk and Luhansk "people's republics" and of Crimea)
counts as a head of state here, so those polities are not reported as lacking one;
people.csv keeps the office `leader`.
"""
from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "diplograph" / "data" / "actors"
OFFICES = ("head_of_state", "head_of_government", "foreign_minister")
NOT_MEMBERS = {"GRL", "HKG", "MAC", "PRI"}
# offices counted as another one in this report (people.csv is not changed)
COUNT_AS = {"leader": "head_of_state"}


def polities() -> tuple[dict[str, str], dict[str, str]]:
    with open(DATA / "states.csv", encoding="utf-8") as f:
        members = {r["code"]: r["name"] for r in csv.DictReader(f)
                   if r["kind"] == "state" and r["code"] not in NOT_MEMBERS}
    with open(DATA / "actors.csv", encoding="utf-8") as f:
        entities = {r["code"]: r["name"] for r in csv.DictReader(f)
                    if r["kind"] == "entity" or r["code"] == "VAT"}
    return members, entities


def terms(since: int) -> dict[str, dict[str, list[dict]]]:
    out: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    with open(DATA / "people.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            end_year = int(r["end"][:4]) if r["end"] else 9999
            office = COUNT_AS.get(r["office"], r["office"])
            if office in OFFICES and end_year >= since:
                out[r["code"]][office].append(r)
    return out


def line(code: str, name: str, held: dict[str, list[dict]]) -> tuple[bool, str]:
    cells, gap = [], False
    for office in OFFICES:
        rows = held.get(office, [])
        if not rows:
            cells.append(f"{'-':>12}")
            gap = True
            continue
        first = min(r["start"][:4] for r in rows)
        open_ = "open" if any(not r["end"] for r in rows) else "closed"
        cells.append(f"{len(rows):>2} {first} {open_:<6}")
    return gap, f"{code:<5} {name[:28]:<28} " + " ".join(cells)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="print every polity, not only gaps")
    parser.add_argument("--since", type=int, default=2000, help="count terms ending from this year")
    args = parser.parse_args()
    members, entities = polities()
    held = terms(args.since)
    header = f"{'code':<5} {'name':<28} " + " ".join(f"{o[:12]:>12}" for o in OFFICES)
    for title, group in (("UN members", members), ("entities", entities)):
        print(f"# {title} ({len(group)})\n{header}")
        missing = {o: 0 for o in OFFICES}
        for code in sorted(group):
            gap, text = line(code, group[code], held.get(code, {}))
            for office in OFFICES:
                missing[office] += office not in held.get(code, {})
            if gap or args.all:
                print(text)
        print("# lacking: " + ", ".join(f"{o} {n}" for o, n in missing.items()) + "\n")


if __name__ == "__main__":
    main()
