"""One pipeline per test session (get_pipeline caches it per process)."""
from __future__ import annotations

import pytest

from diplograph.settings import Settings


@pytest.fixture(scope="session")
def settings() -> Settings:
    from diplograph.nlp.pipeline import get_pipeline

    s = Settings()
    get_pipeline(s)
    return s


@pytest.fixture(scope="session")
def code(settings):
    from datetime import date

    from diplograph.coding import code_article
    from diplograph.model import Article

    def run(text: str, published: str = "2023-03-15", **over):
        from dataclasses import replace
        art = Article(id="t", text=text, published=date.fromisoformat(published))
        return code_article(art, settings=replace(settings, **over) if over else settings)

    return run


def triples(events):
    return {(e.source.code, e.type, e.target.code, e.polarity) for e in events}
