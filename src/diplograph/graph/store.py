"""Opening the store: URL rules, engine settings, migrations on open, integrity check."""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from sqlalchemy import create_engine, event, func, inspect, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from ..errors import MigrationError, StoreError
from . import schema as s

DEFAULT_DB = "diplograph.db"


def normalise_url(url: str | os.PathLike | None) -> str:
    """'sqlite:///x.db', a bare path, or 'postgresql://...' (psycopg 3) as an SQLAlchemy URL."""
    if url is None or str(url) == "":
        url = os.environ.get("DIPLOGRAPH_DB") or DEFAULT_DB
    url = str(url)
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith("postgresql+"):
        return url
    if url.startswith("sqlite:"):
        return url
    if "://" in url:
        raise StoreError(f"unsupported database URL {url!r}",
                         hint="Use a file path, sqlite:///PATH or postgresql://USER@HOST/DB.")
    return "sqlite:///" + str(Path(url).expanduser())


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers (web) never block the writer
    cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL is still crash-safe for commits
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    # a large store's indexes are touched at random (hash ids): a 64 MB page cache per
    # connection, not SQLite's default 2 MB, keeps their upper levels in memory
    cur.execute("PRAGMA cache_size=-65536")
    # a batch of a grown store dirties a page per new index entry (~20 per document), so
    # with the default 1,000-page threshold every commit checkpointed, copying the pages
    # it had just written back out; 10,000 pages (40 MB of WAL) lets a page rewritten by
    # several batches be copied once
    cur.execute("PRAGMA wal_autocheckpoint=10000")
    cur.close()


def open_engine(url: str | None) -> Engine:
    """Create the engine and bring the schema to the newest migration."""
    full = normalise_url(url)
    try:
        if full.startswith("sqlite"):
            path = full.split(":///", 1)[1] if ":///" in full else ""
            if path and path != ":memory:":
                parent = Path(path).parent
                if not parent.exists():
                    raise StoreError(f"folder {parent} does not exist",
                                     hint="Create the folder or choose another --db path.")
            if full in ("sqlite://", "sqlite:///:memory:"):
                # one shared connection, or every checkout would see a new empty database
                engine = create_engine("sqlite://", poolclass=StaticPool,
                                       connect_args={"check_same_thread": False})
            else:
                engine = create_engine(full, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(full, pool_pre_ping=True)
        migrate(engine)
    except StoreError:
        raise
    except ModuleNotFoundError as exc:
        raise StoreError(f"the database driver is missing: {exc}",
                         hint="pip install 'diplograph[postgres]' (psycopg 3).") from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open the store {_safe(full)}: {exc.__class__.__name__}: "
                         f"{str(exc).splitlines()[0]}") from exc
    return engine


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':')[0]}:***@{host}"
    return url


def _alembic_config(connection):
    from alembic.config import Config

    cfg = Config()
    where = resources.files("diplograph.graph") / "migrations"
    cfg.set_main_option("script_location", str(where))
    cfg.attributes["connection"] = connection
    return cfg


def migrate(engine: Engine) -> None:
    """Upgrade to the newest revision; refuse a store made by a newer diplograph."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with engine.begin() as conn:
        cfg = _alembic_config(conn)
        script = ScriptDirectory.from_config(cfg)
        current = MigrationContext.configure(conn).get_current_heads()
        known = {rev.revision for rev in script.walk_revisions()}
        unknown = [rev for rev in current if rev not in known]
        if unknown:
            raise MigrationError(f"the store has schema revision {unknown[0]}, unknown to this "
                                 "version of diplograph")
        if set(current) != set(script.get_heads()):
            try:
                command.upgrade(cfg, "head")
            except SQLAlchemyError as exc:
                raise MigrationError(f"migration failed: {exc}") from exc


def integrity_problems(engine: Engine) -> list[str]:
    """Engine-level check plus the store's own invariants; an empty list means healthy."""
    problems: list[str] = []
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
            if rows != ["ok"]:
                problems.extend(f"sqlite: {r}" for r in rows)
            fk = list(conn.execute(text("PRAGMA foreign_key_check")))
            if fk:
                problems.append(f"{len(fk)} foreign key violation(s)")
        names = set(inspect(conn).get_table_names())
        missing = {t.name for t in s.metadata.sorted_tables} - names
        if missing:
            problems.append(f"missing tables {sorted(missing)}")
            return problems
        m = s.mentions
        counted = (select(m.c.event_id, func.count().label("n"),
                          func.count(func.distinct(m.c.source_key)).label("k"))
                   .group_by(m.c.event_id).subquery())
        bad = conn.execute(
            select(func.count()).select_from(s.events.outerjoin(counted, counted.c.event_id == s.events.c.id))
            .where((func.coalesce(counted.c.n, 0) != s.events.c.num_mentions)
                   | (func.coalesce(counted.c.k, 0) != s.events.c.num_sources))).scalar()
        if bad:
            problems.append(f"{bad} event(s) whose mention or source counts do not match")
        orphans = conn.execute(select(func.count()).select_from(m).where(
            ~m.c.event_id.in_(select(s.events.c.id)))).scalar()
        if orphans:
            problems.append(f"{orphans} mention(s) of missing events")
        empty = conn.execute(select(func.count()).select_from(s.events)
                             .where(s.events.c.num_mentions < 1)).scalar()
        if empty:
            problems.append(f"{empty} event(s) without mentions")
        undone = conn.execute(select(func.count()).select_from(s.documents).where(
            (s.documents.c.status == "ok") & (s.documents.c.text.is_(None)))).scalar()
        if undone:
            problems.append(f"{undone} stored document(s) without text")
    return problems
