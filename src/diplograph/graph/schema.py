"""The store's tables (SQLAlchemy Core). Migrations under ``migrations/`` create them.

Dates are ISO strings: ``date`` keeps the precision the reports support ("2014",
"2022-07", "2022-07-13"); ``date_lo``/``date_hi`` are the first and last day it covers,
so range filters and interval logic compare plain strings on both SQLite and PostgreSQL.
"""
from __future__ import annotations

from sqlalchemy import (Boolean, Column, Float, ForeignKey, Index, Integer, LargeBinary,
                        MetaData, PrimaryKeyConstraint, String, Table, Text,
                        UniqueConstraint)

metadata = MetaData()

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started", String(32), nullable=False),
    Column("finished", String(32)),
    Column("package_version", String(32)),
    Column("model_version", String(64)),
    Column("data_version", String(64)),
    Column("settings", Text),  # JSON
    Column("inputs_hash", String(64)),  # hash over the sorted (doc id, text hash) pairs
    Column("inputs", Integer),
    Column("summary", Text),  # JSON
    Column("status", String(16), nullable=False, default="running"),
)

documents = Table(
    "documents", metadata,
    Column("id", String(128), primary_key=True),
    Column("content_hash", String(32)),  # exact text
    Column("norm_hash", String(32)),  # normalised text: wire copies and re-posts
    Column("url", Text),
    Column("origin", Text),
    Column("outlet", String(255)),
    Column("title", Text),
    Column("published", String(10)),
    Column("retrieved", String(32)),
    Column("text", Text),
    Column("status", String(16), nullable=False),  # ok | duplicate | failed
    Column("duplicate_of", String(128)),
    Column("error_code", String(8)),
    Column("error", Text),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("added", String(32)),
    Index("ix_documents_norm_hash", "norm_hash"),
    Index("ix_documents_origin", "origin"),
)

actors = Table(
    "actors", metadata,
    Column("code", String(32), primary_key=True),
    Column("name", String(255)),
    Column("kind", String(16)),
    Column("wikidata", String(32)),
)

events = Table(
    "events", metadata,
    Column("id", String(40), primary_key=True),
    Column("source", String(32), nullable=False),
    Column("target", String(32), nullable=False),
    Column("type", String(32), nullable=False),
    Column("polarity", String(16), nullable=False),
    Column("scope", String(255)),
    Column("subject", Text),
    Column("date", String(10)),
    Column("date_precision", String(8)),
    Column("date_lo", String(10)),
    Column("date_hi", String(10)),
    Column("sort_date", String(10)),  # date_lo, else first report: one ordering for all
    Column("cameo", String(8)),
    Column("plover_event", String(32)),
    Column("plover_mode", String(32)),
    Column("plover_context", Text),  # JSON list
    Column("num_mentions", Integer, nullable=False, default=0),
    Column("num_sources", Integer, nullable=False, default=0),
    Column("first_report", String(10)),
    Column("last_report", String(10)),
    Column("background", Boolean, nullable=False, default=False),  # every report as context
    Column("confidence", Float),
    # the representative mention (highest confidence), denormalised for fast listing
    Column("doc_id", String(128)),
    Column("mention_id", Integer),  # reserved (not filled): doc_id + start/end identify it
    Column("source_role", String(16)),
    Column("source_text", Text),
    Column("target_role", String(16)),
    Column("target_text", Text),
    Column("date_text", Text),
    Column("sentence", Text),
    Column("start", Integer),
    Column("end", Integer),
    Index("ix_events_target_type", "target", "type"),
    # migration 0007: the writer's candidate lookup seeks by claim, then date (merge.py)
    Index("ix_events_claim", "source", "target", "type", "polarity", "date_hi", "last_report"),
    Index("ix_events_type", "type"),
    Index("ix_events_sort_date", "sort_date"),
    Index("ix_events_source_sort", "source", "sort_date"),  # migration 0002
    Index("ix_events_target_sort", "target", "sort_date"),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("uid", String(40), nullable=False),  # model.Event.id of the coded claim
    Column("event_id", String(40), ForeignKey("events.id"), nullable=False),
    Column("doc_id", String(128), ForeignKey("documents.id"), nullable=False),
    Column("source_key", String(255)),  # who reported it: outlet, URL host or document
    Column("report_date", String(10)),
    Column("date", String(10)),
    Column("date_precision", String(8)),
    Column("date_text", Text),
    Column("source_role", String(16)),
    Column("source_text", Text),
    Column("target_role", String(16)),
    Column("target_text", Text),
    Column("sentence", Text),
    Column("start", Integer),
    Column("end", Integer),
    Column("background", Boolean, nullable=False, default=False),
    Column("confidence", Float),
    Column("extractor", String(64)),
    UniqueConstraint("uid", name="uq_mentions_uid"),
    Index("ix_mentions_doc", "doc_id"),
    # migration 0009: the writer's per-event aggregates, (event, source) probes and dates
    # read only this (index-only scans); one entry per mention at a random place, not two
    Index("ix_mentions_event_cover", "event_id", "source_key", "report_date", "background",
          "confidence", "date", "date_text"),
)

# LSH band keys of each stored text (migration 0003): near-identical copies share one.
# Kept in segments (migration 0008, ``bandindex.py``): new keys go to the small open
# segment 0, sealed segments are sorted copies; a lookup seeks each live segment.
doc_bands = Table(
    "doc_bands", metadata,
    Column("seg", Integer, nullable=False),
    Column("band", String(24), nullable=False),
    # no foreign key: merging segments copies every key again, and a per-row check of
    # rows copied from checked ones doubled the cost of a merge; keys are derived from a
    # stored text, and a document with keys is never deleted (only failed ones are)
    Column("doc_id", String(128), nullable=False),
    PrimaryKeyConstraint("seg", "band", "doc_id", name="pk_doc_bands"),
    sqlite_with_rowid=False,  # the key is the row: one B-tree, not a table and an index
)

# The live segments of ``doc_bands``: level (0: the open one) and number of keys
band_segments = Table(
    "band_segments", metadata,
    Column("seg", Integer, primary_key=True, autoincrement=False),
    Column("level", Integer, nullable=False),
    Column("entries", Integer, nullable=False),
)

# MinHash signature of each text that has band keys (migration 0005): candidates sharing
# a band are checked against it before their text is read and compared exactly
doc_sigs = Table(
    "doc_sigs", metadata,
    Column("doc_id", String(128), ForeignKey("documents.id"), primary_key=True),
    Column("sig", LargeBinary, nullable=False),
)

# Derived state: rebuilt for the touched entities and dyads at the end of each batch.
recognition = Table(
    "recognition", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity", String(32), nullable=False),
    Column("recogniser", String(32), nullable=False),
    Column("status", String(16), nullable=False),  # recognises | withdrawn | refuses
    Column("since", String(10)),
    Column("since_precision", String(8)),
    Column("known_by", String(10)),
    Column("start", String(10), nullable=False),  # when the state is held from
    Column("until", String(10)),  # start of the next state, exclusive
    Column("event_ids", Text, nullable=False),  # JSON list: supporting events
    Column("conflicts", Text),  # JSON list: contradicting events
    Index("ix_recognition_entity", "entity", "start"),
)

relations = Table(
    "relations", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("a", String(32), nullable=False),  # a < b
    Column("b", String(32), nullable=False),
    Column("status", String(16), nullable=False),
    Column("since", String(10)),
    Column("since_precision", String(8)),
    Column("known_by", String(10)),
    Column("start", String(10), nullable=False),
    Column("until", String(10)),
    Column("event_ids", Text, nullable=False),
    Column("conflicts", Text),
    Index("ix_relations_dyad", "a", "b", "start"),
)

# What each recognition / relations event looked like when its pair was last folded
# (migration 0006): lets the writer fold a batch's new events onto a pair's last interval
# and tell whether an event the batch merged into has changed (then the pair is refolded)
state_events = Table(
    "state_events", metadata,
    Column("event_id", String(40), primary_key=True),
    Column("kind", String(16), nullable=False),  # recognition | relations
    Column("a", String(32), nullable=False),  # recognition: the entity; relations: a < b
    Column("b", String(32), nullable=False),  # recognition: the recogniser
    Column("date", String(10)),
    Column("date_precision", String(8)),
    Column("date_lo", String(10)),
    Column("first_report", String(10)),
    Column("num_sources", Integer),
    Column("confidence", Float),
    Column("start", String(10)),  # where it stands in the fold; NULL when it takes no part
    Index("ix_state_events_pair", "kind", "a", "b", "start"),
)
