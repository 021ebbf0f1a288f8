"""The canonical example in a real browser: ingest the seed article with the real coder, then
read the DPR map at two dates and follow an event to its evidence sentence."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from .browser import browser_page, need_chromium, serve, shot

pytestmark = [pytest.mark.browser, pytest.mark.shared, pytest.mark.slow]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().strip(".").lower()


@pytest.fixture(scope="module")
def seed_app(shared_data, tmp_path_factory):
    need_chromium()
    from diplograph import Graph
    from diplograph.web import create_app

    graph = Graph(str(tmp_path_factory.mktemp("seed") / "seed.db"))
    summary = graph.ingest([str(shared_data / "seed" / "index.jsonl")], progress=False)
    assert graph.events(target="DPR", type="recognize"), \
        f"the coder found no recognition of DPR in the seed article: {summary}"
    yield create_app(graph)
    graph.close()


@pytest.fixture()
def out_dir(tmp_path) -> Path:
    where = os.environ.get("DIPLOGRAPH_SCREENSHOTS")
    return Path(where) / "seed" if where else tmp_path / "screenshots"


def _status(page, code: str) -> str | None:
    return page.locator(f'#map [data-code="{code}"]').first.get_attribute("data-status")


def _fill(page, code: str) -> str:
    return page.locator(f'#map [data-code="{code}"]').first.evaluate(
        "e => getComputedStyle(e).fill")


def test_seed_dpr_map_slider_and_evidence(seed_app, shared_data, out_dir):
    gold = [json.loads(line) for line in
            (shared_data / "seed" / "gold.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    # the sentences the annotators gave as evidence of a recognition of DPR
    gold_dpr = {_norm(e["evidence"]) for g in gold for e in g["events"]
                if (e["type"], e["target"]) == ("recognize", "DPR")}
    with serve(seed_app) as base, browser_page(base, out_dir) as (page, rec):
        page.goto(f"{base}/entity/DPR?as_of=2022-07-18")
        page.wait_for_selector('#map[data-ready="2022-07-18"]')
        green = page.locator(".legend .s-recognises").evaluate(
            "e => getComputedStyle(e).backgroundColor")
        for code in ("RUS", "SYR", "PRK"):
            assert _status(page, code) == "recognises", code
            assert _fill(page, code) == green, code
        shot(page, out_dir, "seed-dpr-2022-07-18")

        page.locator("#as-of-slider").focus()
        for _ in range(17):
            page.keyboard.press("ArrowLeft")
        page.wait_for_selector('#map[data-ready="2022-07-01"]')
        assert _status(page, "PRK") != "recognises"
        assert _fill(page, "PRK") != green
        shot(page, out_dir, "seed-dpr-2022-07-01")

        page.goto(f"{base}/entity/DPR?as_of=2022-07-18")
        page.wait_for_selector('#map[data-ready="2022-07-18"]')
        # the dated report of North Korea's recognition, chosen by its facts, not its text
        row = ('tr.event-row[data-source="PRK"][data-type="recognize"][data-target="DPR"]'
               '[data-date="2022-07-13"]')
        page.locator(f"{row} a.etype").first.click()
        page.wait_for_selector("#evidence")
        sentence = page.locator("#evidence").text_content()
        marks = page.locator("mark.evidence-mark").all_text_contents()
        assert _norm(sentence) and any(_norm(m) == _norm(sentence) for m in marks), \
            "the event page must highlight its evidence sentence in the article text"
        shot(page, out_dir, "seed-event")
        assert not rec.foreign, rec.foreign
        assert not rec.errors and not rec.dialogs
        # and it is a sentence the annotators also gave as evidence of a recognition of DPR
        assert any(_norm(sentence) in g or g in _norm(sentence) for g in gold_dpr), (
            f"the evidence of PRK recognize DPR is {sentence!r}, not a gold evidence sentence")
