"""Generate src/diplograph/data/actors/states.csv and state_aliases.csv.

Sources: pycountry (ISO 3166-1 codes and English names; build-time only) and the curated
facts in scripts/actor_sources/states.psv (Wikidata QIDs, display names, capitals and seats,
demonyms, variants). Run: python scripts/build_actors.py  (needs `pip install pycountry`).
The runtime reads only the generated CSV files.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "scripts" / "actor_sources" / "states.psv"
OUT = ROOT / "src" / "diplograph" / "data" / "actors"
# names that name no actor without a qualifier ("Congo": which one?)
UNQUALIFIED = {"Congo"}


def split(field: str) -> list[str]:
    return [x.strip() for x in field.split(";") if x.strip()]


def case_of(text: str) -> str:
    # one-token names can be common words or person names (Chad, Turkey, china):
    # match them exactly; longer names are safe to match in any case
    return "lower" if (" " in text.strip() or "-" in text) and not text.isupper() else "exact"


def load_curated() -> dict[str, list[str]]:
    rows = {}
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = (line.split("|") + [""] * 7)[:7]
        rows[parts[0].strip()] = [p.strip() for p in parts]
    return rows


def main() -> None:
    curated = load_curated()
    with (OUT / "actors.csv").open(encoding="utf-8") as fh:
        hand_made = {row["code"] for row in csv.DictReader(fh)}  # they win over ISO rows
    states, aliases = [], []
    seen: set[tuple[str, str, str]] = set()

    def alias(text: str, code: str, role: str, via: str) -> None:
        text = text.strip()
        key = (text, code, via)
        if text and key not in seen and text not in UNQUALIFIED and "," not in text:
            seen.add(key)
            aliases.append({"text": text, "code": code, "role": role, "via": via,
                            "case": case_of(text), "start": "", "end": ""})

    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        code = country.alpha_3
        if code in hand_made:
            continue
        cur = curated.get(code)
        iso_name = country.name
        common = getattr(country, "common_name", None)
        official = getattr(country, "official_name", None) or iso_name
        name = (cur[2] if cur and cur[2] else common or iso_name)
        kind = "state" if cur else "territory"
        states.append({"code": code, "kind": kind, "name": name, "official_name": official,
                       "wikidata": cur[1] if cur else "", "iso2": country.alpha_2})
        for text in (name, common, official, iso_name if "," not in iso_name else None):
            if text:
                alias(text, code, "", "name")
        if not cur:
            continue
        for text in split(cur[6]):
            alias(text, code, "", "variant")
        for text in split(cur[3]):
            alias(text, code, "GOV", "capital")
        for text in split(cur[4]):
            alias(text, code, "", "demonym_adj")
        for text in split(cur[5]):
            alias(text, code, "", "demonym")
    missing = set(curated) - {s["code"] for s in states}
    if missing:
        raise SystemExit(f"curated codes not in ISO 3166-1: {sorted(missing)}")
    write(OUT / "states.csv", states, ["code", "kind", "name", "official_name", "wikidata", "iso2"])
    write(OUT / "state_aliases.csv", aliases, ["text", "code", "role", "via", "case", "start", "end"])
    print(f"{len(states)} states and territories, {len(aliases)} aliases")


def write(path: Path, rows: list[dict], columns: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
