"""Dataclasses shared by every stage. Imports nothing of ours.

Flow: Document (raw input) -> Article (clean text) -> Event (coded claim).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

EVENT_TYPES = (
    "recognize", "withdraw_recognition", "establish_relations", "sever_relations",
    "restore_relations", "downgrade_relations", "expel_diplomat", "recall_ambassador",
    "appoint_ambassador", "veto", "impose_sanctions", "condemn", "praise_or_thank",
    "express_support", "sign_agreement", "visit", "meet", "statement_other", "other",
)
UNSCORED_TYPES = frozenset({"other", "statement_other"})
POLARITIES = ("asserted", "negated", "hypothetical", "reported-claim")
PRECISIONS = ("day", "month", "year")


def content_hash(text: str) -> str:
    """Stable id of a text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass
class Document:
    """One input as read from a source, before any cleaning.

    Exactly one of ``text``, ``html`` or ``data`` (undecoded bytes) carries the body.
    ``published`` is an ISO date string when the source gave one.
    """

    id: str | None = None
    text: str | None = None
    html: str | None = None
    data: bytes | None = None
    url: str | None = None
    path: str | None = None
    published: str | None = None
    outlet: str | None = None
    title: str | None = None
    origin: str | None = None  # where it came from, for messages: a path, URL or "path:line"
    retrieved: str | None = None  # ISO timestamp when fetched


@dataclass
class Article:
    """Clean text of one document with its metadata."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = "en"
    origin: str | None = None
    published_from: str | None = None  # argument | jsonl | html | text | None
    retrieved: str | None = None

    @property
    def hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True)
class Actor:
    """An entry of the actor knowledge: a polity, organisation or group."""

    code: str
    name: str
    kind: str = "state"  # state | entity | org | group
    wikidata: str | None = None


@dataclass
class ActorRef:
    """An actor as it appears in an event: resolved code plus the text that named it."""

    code: str
    role: str | None = None
    name: str | None = None
    text: str | None = None
    wikidata: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "role": self.role, "name": self.name, "text": self.text}


@dataclass
class Evidence:
    sentence: str
    start: int
    end: int


@dataclass
class Plover:
    event: str | None
    mode: str | None = None
    context: list[str] = field(default_factory=list)


@dataclass
class Event:
    """One coded claim from one document (the event JSON contract of DESIGN.md)."""

    doc_id: str
    type: str
    source: ActorRef
    target: ActorRef
    evidence: Evidence
    cameo: str | None = None
    plover: Plover | None = None
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    polarity: str = "asserted"
    background: bool = False
    scope: str | None = None
    subject: str | None = None
    confidence: float = 0.5
    id: str = ""

    def __post_init__(self) -> None:
        if self.type not in EVENT_TYPES:
            raise ValueError(f"unknown event type {self.type!r}")
        if self.polarity not in POLARITIES:
            raise ValueError(f"unknown polarity {self.polarity!r}")
        if not self.id:
            self.id = self.stable_id()

    def stable_id(self) -> str:
        canon = [self.doc_id, self.type, self.source.code, self.target.code, self.polarity,
                 self.date, self.evidence.start, self.evidence.end, self.scope]
        return hashlib.sha256(json.dumps(canon).encode()).hexdigest()[:20]

    @property
    def key(self) -> tuple:
        """What scoring and dedup compare: who did what to whom, how, when."""
        return (self.source.code, self.target.code, self.type, self.polarity, self.date)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "type": self.type,
            "cameo": self.cameo,
            "plover": asdict(self.plover) if self.plover else None,
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "date": self.date,
            "date_precision": self.date_precision,
            "date_text": self.date_text,
            "polarity": self.polarity,
            "background": self.background,
            "scope": self.scope,
            "subject": self.subject,
            "evidence": asdict(self.evidence),
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        def actor(a: dict | str) -> ActorRef:
            if isinstance(a, str):
                return ActorRef(code=a)
            return ActorRef(code=a["code"], role=a.get("role"), name=a.get("name"),
                            text=a.get("text"), wikidata=a.get("wikidata"))

        ev = d.get("evidence") or {}
        if isinstance(ev, str):
            ev = {"sentence": ev, "start": 0, "end": len(ev)}
        pl = d.get("plover")
        if isinstance(pl, str):
            pl = {"event": pl}
        return cls(
            doc_id=d.get("doc_id", ""),
            type=d["type"],
            source=actor(d["source"]),
            target=actor(d["target"]),
            evidence=Evidence(ev.get("sentence", ""), ev.get("start", 0), ev.get("end", 0)),
            cameo=d.get("cameo"),
            plover=Plover(pl.get("event"), pl.get("mode"), list(pl.get("context") or [])) if pl else None,
            date=d.get("date"),
            date_precision=d.get("date_precision"),
            date_text=d.get("date_text"),
            polarity=d.get("polarity", "asserted"),
            background=bool(d.get("background", False)),
            scope=d.get("scope"),
            subject=d.get("subject"),
            confidence=float(d.get("confidence", 0.5)),
            id=d.get("id", ""),
        )


@dataclass
class Failure:
    """A document that could not be coded, with the coded reason.

    ``message`` is the full text of the error: "[CODE] origin: what went wrong — what to do".
    """

    origin: str
    code: str
    message: str
    doc_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class CodeResult:
    """What coding one document gives: its article and events, or why it failed."""

    origin: str
    article: Article | None = None
    events: list[Event] = field(default_factory=list)
    failure: Failure | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None
