"""The map's geometry ships with the package, keyed by ISO alpha-3 and our entity codes."""
from __future__ import annotations

import csv
import json
from importlib import resources

GEO = resources.files("diplograph.web") / "static" / "geo"
ENTITIES = {"DPR", "LPR", "ABK", "SOS", "PMR", "XKX", "PSE", "TWN", "ESH", "SML", "TRNC",
            "CRIMEA", "VAT"}


def world() -> dict:
    return json.loads((GEO / "world-110m.json").read_text(encoding="utf-8"))


def test_countries_are_keyed_by_alpha3():
    w = world()
    with (GEO / "iso-numeric.csv").open(encoding="utf-8") as f:
        alpha3 = {row["alpha3"] for row in csv.DictReader(f)}
    codes = [c["code"] for c in w["countries"]]
    assert len(codes) == len(set(codes)) > 170
    assert set(codes) - alpha3 <= {"XKX", "TRNC", "SML"}
    assert {"RUS", "SYR", "PRK", "UKR", "USA", "CHN", "FJI"} <= set(codes)
    for c in w["countries"]:
        assert c["d"].startswith("M") and c["d"].endswith("Z")


def test_every_entity_is_drawn_or_marked():
    w = world()
    shown = {c["code"] for c in w["countries"]} | {m["code"] for m in w["markers"]}
    assert ENTITIES <= shown
    for m in w["markers"]:
        assert 0 <= m["x"] <= 360 and 0 <= m["y"] <= 150


def test_small_un_members_have_markers():
    marked = {m["code"] for m in world()["markers"]}
    assert {"SGP", "MLT", "NRU", "TUV", "BHR"} <= marked


def test_numeric_mapping_is_sound():
    with (GEO / "iso-numeric.csv").open(encoding="utf-8") as f:
        rows = {r["numeric"]: r["alpha3"] for r in csv.DictReader(f)}
    assert rows["643"] == "RUS" and rows["408"] == "PRK" and rows["760"] == "SYR"
    assert rows["158"] == "TWN" and rows["275"] == "PSE" and rows["732"] == "ESH"


def test_licence_note_ships():
    note = (GEO / "LICENSE.txt").read_text(encoding="utf-8")
    assert "Natural Earth" in note and "world-atlas" in note
