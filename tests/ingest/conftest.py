"""Fixtures for the ingest tests: a local site on 127.0.0.1 and settings that may fetch it."""
from __future__ import annotations

import pytest

from diplograph.settings import Settings

from . import site as site_mod


@pytest.fixture
def site():
    state = site_mod.Site()
    server, base = site_mod.serve(state)
    state.base = base
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def settings():
    """Loopback allowed (the test server), short timeouts, one retry, a 1 MB cap."""
    return Settings(allow_private_urls=True, fetch_timeout=0.5, fetch_retries=1,
                    max_bytes=1_000_000)
