"""Annotated Doc in, events out.

Public interface: code_article(article, *, settings) -> list[Event]
"""
from __future__ import annotations

from .coder import code_article  # noqa: F401

__all__ = ["code_article"]
