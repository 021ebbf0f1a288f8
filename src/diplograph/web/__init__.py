"""The web UI and REST API (FastAPI, server-rendered pages, no front-end build)."""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
