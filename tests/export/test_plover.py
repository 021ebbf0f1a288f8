import io
import json

from diplograph.export.plover import write_plover


def test_plover_records(stored_events, model_events):
    out = io.StringIO()
    assert write_plover(stored_events, out) == 3
    recs = [json.loads(line) for line in out.getvalue().splitlines()]
    rec = next(r for r in recs if r["event"] == "SUPPORT")
    for key in ("id", "date", "actor", "recipient", "event", "mode", "context", "text_info",
                "cite_info"):
        assert key in rec
    assert rec["actor"][0]["code"] == "PRK" and rec["recipient"][0]["code"] == "DPR"
    assert rec["context"] == ["diplomatic"] and rec["cite_info"]["num_mentions"] == 2
    assert rec["text_info"]["sentence"].startswith("PRK did recognize")
    out = io.StringIO()
    write_plover(model_events, out)
    first = json.loads(out.getvalue().splitlines()[0])
    assert first["actor"][0]["wikidata"].startswith("Q")  # ActorRef carries the QID
