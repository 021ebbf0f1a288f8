"""Shared fixtures. Data under ../shared/data is optional: tests that need it skip cleanly."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DIPLOGRAPH_SHARED", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The evaluation data folder, or a skip when it is absent (users have no ../shared)."""
    if not (SHARED / "seed" / "gold.jsonl").is_file():
        pytest.skip("../shared/data is not present")
    return SHARED


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT
