"""The store: schema and migrations, the single writer, event clustering, state, queries.

Imports ``model`` and ``errors`` only; ``diplograph.facade.Graph`` is the public face.
"""
from __future__ import annotations

from .writer import IngestSummary

__all__ = ["IngestSummary"]
