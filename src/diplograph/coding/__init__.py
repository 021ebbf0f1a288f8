"""Annotated Doc in, events out.

Public interface: code_article(article, *, settings) -> list[Event]; code_articles(articles,
*, settings) -> list[list[Event]] codes several with one batched parse (faster).
"""
from __future__ import annotations

from .coder import code_article, code_articles  # noqa: F401

__all__ = ["code_article", "code_articles"]
