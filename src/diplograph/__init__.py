"""diplograph: code diplomatic events from news into a sourced, temporal graph."""
from __future__ import annotations

from .api import code, code_document, code_documents
from .errors import DiplographError
from .model import (Actor, ActorRef, Article, CodeResult, Document, Event, Evidence, Failure,
                    Plover)

__version__ = "0.1.0"

__all__ = [
    "Actor", "ActorRef", "Article", "CodeResult", "DiplographError", "Document", "Event",
    "Evidence", "Failure", "Graph", "Plover", "code", "code_document", "code_documents",
    "__version__",
]


def __getattr__(name: str):
    if name == "Graph":  # lazy: the store pulls in SQLAlchemy
        from .facade import Graph
        return Graph
    raise AttributeError(name)
