"""The quality gate: every suite under ../shared/data scores at or above eval/floors.json.

This is how CI enforces the floors (it skips where ../shared/data is absent).
"""
from __future__ import annotations

from diplograph.eval import check_floors, discover, load_floors, run_suite
from diplograph.eval.report import summary_table


def test_quality_gate(shared_data, repo_root):
    floors = load_floors(repo_root / "eval" / "floors.json")
    suites = discover(shared_data)
    assert {s.name for s in suites} >= {"seed", "dev"}
    results = [run_suite(s) for s in suites]
    problems = check_floors(results, floors, require_all=True)
    assert not problems, "quality gate failed:\n" + "\n".join(problems) + "\n\n" + summary_table(results)
