"""The UI in a real browser (Chromium from Debian, driven by Playwright) on a hand-built graph."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from .browser import browser_page, need_chromium, serve, shot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base(web_app):
    need_chromium()
    with serve(web_app) as url:
        yield url


@pytest.fixture()
def out_dir(tmp_path) -> Path:
    where = os.environ.get("DIPLOGRAPH_SCREENSHOTS")
    return Path(where) if where else tmp_path / "screenshots"


def status_of(page, code: str) -> str | None:
    """The status the map gives a code, checked against the colour it is painted in."""
    shape = page.locator(f'#map [data-code="{code}"]').first
    status = shape.get_attribute("data-status")
    swatch = {"recognises": "s-recognises", "withdrawn": "s-withdrawn", "refuses": "s-refuses",
              "none": "s-none", "self": "s-self"}[status]
    fill = shape.evaluate("e => getComputedStyle(e).fill")
    want = page.locator(f".legend .{swatch}").evaluate("e => getComputedStyle(e).backgroundColor")
    assert fill == want, f"{code} is {status} but painted {fill}, not {want}"
    return status


def test_entity_map_and_slider(base, out_dir):
    with browser_page(base, out_dir) as (page, rec):
        page.goto(f"{base}/entity/DPR?as_of=2022-07-18")
        page.wait_for_selector('#map[data-ready="2022-07-18"]')
        assert [status_of(page, c) for c in ("RUS", "SYR", "PRK")] == ["recognises"] * 3
        assert status_of(page, "FRA") == "none"
        assert status_of(page, "DPR") == "self"  # the entity itself, drawn as a marker
        assert "3 recognise" in page.locator("#map-status").text_content()
        shot(page, out_dir, "entity-2022-07-18")
        slider = page.locator("#as-of-slider")
        slider.focus()
        for _ in range(17):  # one day a key press: back to 2022-07-01
            page.keyboard.press("ArrowLeft")
        page.wait_for_selector('#map[data-ready="2022-07-01"]')
        assert page.locator("#as-of-label").text_content() == "2022-07-01"
        assert status_of(page, "PRK") == "none"
        assert status_of(page, "RUS") == "recognises"
        codes = page.locator('ul.rec-list[data-group="recognisers"] li[data-code]')
        assert sorted(codes.evaluate_all("els => els.map(e => e.dataset.code)")) == ["RUS", "SYR"]
        assert page.url.endswith("as_of=2022-07-01")
        shot(page, out_dir, "entity-2022-07-01")
        page.locator('#map path[data-code="RUS"]').dispatch_event("click")
        page.wait_for_url("**/dyad/RUS/DPR")
        assert "recognize" in page.locator("table.events").text_content()
        assert not rec.foreign and not rec.errors and not rec.dialogs
        assert not [u for u in rec.requests if "favicon" in u]


def test_map_shows_withdrawn_and_refusing_states(base, out_dir):
    with browser_page(base, out_dir) as (page, rec):
        page.goto(f"{base}/entity/ABK?as_of=2014-01-01")
        page.wait_for_selector('#map[data-ready="2014-01-01"]')
        assert status_of(page, "RUS") == "recognises"
        assert status_of(page, "VUT") == "withdrawn"
        assert status_of(page, "GEO") == "refuses"
        assert status_of(page, "ABK") == "self"
        assert page.locator('ul.rec-list[data-group="withdrawn"] li[data-code="VUT"]').count() == 1
        # small states get a visible dot in their status colour; unreported ones none
        assert page.locator('#map circle.dot[data-dot-for="GEO"]').is_visible()
        assert page.locator('#map circle.dot[data-dot-for="GEO"]').evaluate(
            "e => getComputedStyle(e).fill") == page.locator(".legend .s-refuses").evaluate(
            "e => getComputedStyle(e).backgroundColor")
        assert not page.locator('#map circle.dot[data-dot-for="ALB"]').is_visible()
        # the ◀ button steps back to the last reported change: Vanuatu still recognised
        page.click("#prev-change")
        page.wait_for_selector('#map[data-ready="2013-05-20"]')
        page.click("#prev-change")
        page.wait_for_selector('#map[data-ready="2011-05-23"]')
        assert status_of(page, "VUT") == "recognises"
        page.click("#next-change")
        page.wait_for_selector('#map[data-ready="2013-05-20"]')
        assert status_of(page, "VUT") == "withdrawn"
        shot(page, out_dir, "entity-abk")
        assert not rec.foreign and not rec.errors


def test_event_page_shows_evidence_and_mentions(base, out_dir):
    with browser_page(base, out_dir) as (page, rec):
        page.goto(f"{base}/entity/DPR?as_of=2022-07-18")
        page.wait_for_selector('#map[data-ready="2022-07-18"]')
        page.locator('ul.rec-list li[data-code="PRK"] blockquote a').first.click()
        page.wait_for_selector("#evidence")
        assert "Pyongyang became the latest capital" in page.locator("#evidence").text_content()
        marks = page.locator("mark.evidence-mark").all_text_contents()
        assert len(marks) == 2  # two outlets reported it
        assert any("latest capital" in m for m in marks)
        outlets = page.locator("ol.mentions .meta strong").all_text_contents()
        assert sorted(outlets) == ["Daily Example", "Example Wire"]
        links = page.locator("a.article-link").evaluate_all("els => els.map(e => e.href)")
        assert "https://news.example.org/wire-1" in links
        shot(page, out_dir, "event")
        assert not rec.foreign and not rec.errors


def test_dyad_search_and_index(base, out_dir):
    with browser_page(base, out_dir) as (page, rec):
        page.goto(f"{base}/dyad/UKR/PRK?as_of=2022-08-01")
        assert page.locator("#rel-status").text_content() == "severed"
        dots = page.locator("#timeline circle.pt")
        assert dots.count() == 2
        assert set(dots.evaluate_all("els => els.map(e => e.dataset.type)")) == {
            "sever_relations", "condemn"}
        shot(page, out_dir, "dyad")
        page.goto(f"{base}/search")
        page.fill('form.filters input[name="q"]', "Pyongyang")
        page.select_option('form.filters select[name="type"]', "recognize")
        page.click("form.filters button")
        page.wait_for_url("**/search?**")
        rows = page.locator("table.events tr.event-row")
        assert rows.count() == 1 and "recognize" in rows.first.text_content()
        shot(page, out_dir, "search")
        page.goto(f"{base}/")
        assert page.locator('ul.chips a[href="/entity/DPR"]').count() == 1
        shot(page, out_dir, "index")
        assert not rec.foreign and not rec.errors


def test_hostile_article_runs_nothing_and_renders_no_markup(base, out_dir):
    with browser_page(base, out_dir) as (page, rec):
        for path in ("/document/hostile-1", "/search?q=paris", "/entity/FRA", "/dyad/FRA/DEU"):
            page.goto(base + path)
            page.wait_for_load_state("load")
            # the markup shows as text, and no element came from the article
            assert page.locator("script:not([src])").count() == 0
            assert page.locator("img").count() == 0
            assert page.locator("b[onmouseover], [onerror]").count() == 0
            hrefs = page.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
            assert not [h for h in hrefs if h and h.strip().lower().startswith("javascript:")]
        page.goto(base + "/document/hostile-1")
        text = page.locator("#doc-text").text_content()
        assert "<script>" in text and "onerror=alert(2)" in text and "javascript:alert(4)" in text
        assert page.locator("h1").text_content() == '<script>alert("title")</script>'
        assert "javascript:alert(6)" in page.locator(".unsafe-url").text_content()
        event_link = page.locator("table.events a.etype").first
        event_link.click()
        page.wait_for_selector("#evidence")
        assert "<script>" in page.locator("#evidence").text_content()
        page.hover("h1 a.actor >> nth=0")
        shot(page, out_dir, "hostile")
        assert rec.dialogs == [] and rec.errors == [] and not rec.foreign


def test_browser_tests_skip_cleanly_without_chromium(monkeypatch, tmp_path):
    from . import browser

    monkeypatch.setattr(browser, "CHROMIUM", tmp_path / "no-chromium")
    with pytest.raises(pytest.skip.Exception, match="chromium is absent"):
        browser.need_chromium()
