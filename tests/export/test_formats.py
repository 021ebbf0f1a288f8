"""JSONL, CSV, Parquet, GEXF and the dispatcher."""
import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from diplograph.errors import UsageError
from diplograph.export.flat import FLAT_COLUMNS
from diplograph.export.graph import export_events


def test_jsonl_keeps_the_contract_and_mentions(stored_events):
    out = io.StringIO()
    export_events(stored_events, "jsonl", out)
    recs = [json.loads(x) for x in out.getvalue().splitlines()]
    rec = next(r for r in recs if r["type"] == "recognize")
    for key in ("id", "doc_id", "type", "cameo", "plover", "source", "target", "date",
                "date_precision", "polarity", "background", "evidence", "confidence"):
        assert key in rec
    assert len(rec["mentions"]) == 2 and rec["num_sources"] == 2


def test_csv_header_and_rows(stored_events):
    out = io.StringIO()
    assert export_events(stored_events, "csv", out) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == FLAT_COLUMNS and {r["type"] for r in rows} == {"recognize", "veto",
                                                                            "sever_relations"}


def test_parquet_roundtrip(stored_events, tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "e.parquet"
    assert export_events(stored_events, "parquet", path) == 3
    table = pq.read_table(path)
    assert table.num_rows == 3 and table.schema.field("num_mentions").type.bit_width == 64
    assert sorted(table.column("source").to_pylist()) == ["PRK", "RUS", "UKR"]
    with pytest.raises(UsageError):
        export_events(stored_events, "parquet", None)


def test_parquet_of_nothing_has_the_columns(tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "none.parquet"
    assert export_events([], "parquet", path) == 0
    assert pq.read_table(path).column_names == FLAT_COLUMNS


def test_gexf_is_valid_xml_with_weighted_edges(stored_events):
    out = io.StringIO()
    export_events(stored_events, "gexf", out)
    root = ET.fromstring(out.getvalue())
    ns = {"g": "http://gexf.net/1.3"}
    nodes = {n.get("id") for n in root.findall(".//g:node", ns)}
    assert {"PRK", "DPR", "UKR", "RUS", "UNSC"} == nodes
    edge = next(e for e in root.findall(".//g:edge", ns) if e.get("label") == "recognize")
    assert edge.get("weight") == "2" and edge.get("start") == "2022-07-13"


def test_unknown_format(stored_events):
    with pytest.raises(UsageError):
        export_events(stored_events, "xlsx", io.StringIO())
