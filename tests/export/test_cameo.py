import csv
import io

from diplograph.export.cameo import COLUMNS, goldstein, quad_class, write_cameo


def test_goldstein_and_quad_from_data():
    assert goldstein("054") == 6.0 and goldstein("161") == -4.0 and goldstein("1011") == -5.0
    assert quad_class("054") == 1 and quad_class("163") == 4 and quad_class("111") == 3
    assert goldstein(None) is None and quad_class("") is None


def test_cameo_tsv_from_graph_events(stored_events):
    out = io.StringIO()
    assert write_cameo(stored_events, out) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert list(rows[0]) == COLUMNS
    rec = next(r for r in rows if r["EventCode"] == "054")
    assert rec["Date"] == "20220713" and rec["SourceActorEntity"] == "PRK"
    assert rec["SourceActorFull"] == "PRKGOV" and rec["QuadClass"] == "1"
    assert rec["GoldsteinScale"] == "6.0" and rec["NumMentions"] == "2"
    assert rec["URLs"].split(";") == ["https://news.example/a", "https://other.example/b"]
    assert set(rec["NewsSources"].split(";")) == {"News A", "Other B"}
    veto = next(r for r in rows if r["EventCode"] == "129")
    assert veto["Date"] == "" and veto["QuadClass"] == "3"


def test_cameo_tsv_from_model_events(model_events):
    out = io.StringIO()
    write_cameo(model_events, out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3 and lines[2].split("\t")[1] == "202207"
