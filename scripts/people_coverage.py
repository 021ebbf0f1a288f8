"""Coverage report of people.csv: which UN members and entities lack leader terms.

Run: python scripts/people_coverage.py [--all] [--since YEAR] [--gaps]
Prints one line per polity with a gap: the number of terms per office (head of state,
head of government, foreign minister), the earliest start year, and whether a term is
open (no end date). --all prints every polity. The 193 UN members are the `state` rows of
states.csv minus the four ISO entries that are not members (Greenland, Hong Kong, Macau,
Puerto Rico); the entities are the `entity` rows of actors.csv plus the Holy See.
A `leader` term (the heads of the Donetsk and Luhansk "people's republics" and of Crimea)
counts as a head of state here, so those polities are not reported as lacking one, and
so does Iran's `supreme_leader`; people.csv keeps those offices.

--gaps lists instead, per polity and office, every stretch of more than 60 days between
2000-01-01 (or the polity's later start, POLITY_START) and TODAY that no term covers,
longest first. A month- or year-only date counts as the first of the month or year. A
head-of-government office is only checked from its first term on (and not at all where
there is none: presidential systems), and up to OFFICE_ENDED where it was abolished. Its
header lines give the share of those windows' office-years that terms cover.

A stretch in scripts/actor_sources/vacancies.psv (an office vacant, abolished for a while,
or held by a collegial body such as San Marino's two Captains Regent), each sourced like a
term, is no gap either: there is no single holder to add. The header gives its share.
"""
from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "diplograph" / "data" / "actors"
VACANCIES = ROOT / "scripts" / "actor_sources" / "vacancies.psv"
OFFICES = ("head_of_state", "head_of_government", "foreign_minister")
NOT_MEMBERS = {"GRL", "HKG", "MAC", "PRI"}
# offices counted as another one in this report (people.csv is not changed)
COUNT_AS = {"leader": "head_of_state", "supreme_leader": "head_of_state"}
TODAY = date(2026, 11, 28)
MIN_GAP = 60  # days
# polities founded after 2000 (independence or proclamation)
POLITY_START = {"TLS": date(2002, 5, 20), "MNE": date(2006, 6, 3), "XKX": date(2008, 2, 17),
                "SSD": date(2011, 7, 9), "CRIMEA": date(2014, 3, 17), "DPR": date(2014, 4, 7),
                "LPR": date(2014, 4, 27)}
# offices abolished since 2000: no gap after this day
OFFICE_ENDED = {("KEN", "head_of_government"): date(2013, 4, 9),
                ("TUR", "head_of_government"): date(2018, 7, 9),
                ("SYR", "head_of_government"): date(2025, 3, 29)}

NO_OFFICE = {("CRIMEA", "foreign_minister")}


def day(text: str) -> date:
    """'2019', '2019-11' or '2019-11-05' -> a date (first of the year or month)."""
    parts = [int(x) for x in text.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def window(code: str, office: str, rows: list[dict]) -> tuple[date, date] | None:
    """The stretch an office is checked over, or None where the office does not exist."""
    if not rows and (office == "head_of_government" or (code, office) in NO_OFFICE):
        return None  # no such office (presidential system; Crimea has no foreign minister)
    lo = POLITY_START.get(code, date(2000, 1, 1))
    if office == "head_of_government":
        lo = max(lo, min(day(r["start"]) for r in rows))
    return lo, OFFICE_ENDED.get((code, office), TODAY)


def gaps(code: str, office: str, rows: list[dict], vacant=()) -> list[tuple[date, date]]:
    """Stretches longer than MIN_GAP days in the office's window that neither a term nor a
    documented vacancy (``vacant``: rows of vacancies.psv) covers."""
    span = window(code, office, rows)
    if span is None:
        return []
    lo, hi = span
    spans = sorted((day(r["start"]), day(r["end"]) if r["end"] else TODAY)
                   for r in [*rows, *vacant])
    out, covered = [], lo
    for start, end in spans + [(hi, hi)]:
        if start > covered and (min(start, hi) - covered).days > MIN_GAP:
            out.append((covered, min(start, hi)))
        covered = max(covered, end)
    return out


def window_days(code: str, office: str, rows: list[dict]) -> int:
    span = window(code, office, rows)
    return max(0, (span[1] - span[0]).days) if span else 0


def vacancies() -> dict[str, dict[str, list[dict]]]:
    out: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    with open(VACANCIES, encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="|"):
            out[r["code"]][r["office"]].append(r)
    return out


def print_gaps(members: dict[str, str], entities: dict[str, str]) -> None:
    held, vacant = terms(0), vacancies()
    for title, group in (("UN members", members), ("entities", entities)):
        found, window, explained = [], 0, 0
        for code in group:
            for office in OFFICES:
                rows = held.get(code, {}).get(office, [])
                empty = vacant.get(code, {}).get(office, [])
                window += window_days(code, office, rows)
                left = [((b - a).days, code, office, a, b) for a, b in gaps(code, office, rows, empty)]
                found += left
                explained += sum((b - a).days for a, b in gaps(code, office, rows)) - sum(
                    g[0] for g in left)
        missing = sum(g[0] for g in found)
        print(f"# {title}: {len(found)} gaps of more than {MIN_GAP} days, "
              f"{missing / 365.25:,.0f} of {window / 365.25:,.0f} office-years "
              f"({1 - missing / window:.1%} covered, {explained / 365.25:,.0f} of them "
              "by documented vacancies or collegial bodies)" if window else f"# {title}: no office")
        for days, code, office, a, b in sorted(found, key=lambda g: (-g[0], g[1], g[2])):
            print(f"{code:<6} {group[code][:24]:<24} {office:<18} {a} .. {b} {days:>5} days")


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
    parser.add_argument("--gaps", action="store_true",
                        help="list the stretches no term covers, longest first")
    args = parser.parse_args()
    members, entities = polities()
    if args.gaps:
        print_gaps(members, entities)
        return
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
