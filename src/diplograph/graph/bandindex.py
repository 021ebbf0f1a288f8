"""The LSH band index (``doc_bands``) kept as a few sorted segments, not one B-tree.

Band keys are hashes. Inserted into one B-tree keyed by band, each key lands on a leaf of
its own once the index has more leaves than a batch has keys, so every stored text dirtied
about eight pages, more than any other table (half the pages a batch of a 100,000-document
store wrote). Keys now go into a small open segment (``seg`` 0, at the front of the
table), whose few leaves a batch shares. When it holds ``OPEN_MAX`` keys it is copied,
sorted, into a new sealed segment at the end of the table (each page written once, in
order); ``FANOUT`` sealed segments of one level are merged the same way into one of the
next level. A lookup seeks every live segment: a handful (levels grow as log_FANOUT of the
store), each a range of the same index.

``band_segments`` lists the live segments with their level and number of keys.
"""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Integer, delete, func, insert, literal, select, update
from sqlalchemy.engine import Connection

from . import schema as s

OPEN_MAX = 8192  # keys in the open segment before it is sealed (~1,000 texts)
FANOUT = 4  # sealed segments of one level merged into one of the next
CHUNK = 400


def segments(conn: Connection) -> list[int]:
    """The live segments (the open one included)."""
    g = s.band_segments.c
    return [r[0] for r in conn.execute(select(g.seg).order_by(g.seg))] or [0]


def lookup(conn: Connection, keys: list[str], segs: list[int] | None = None):
    """(band, doc id) of every stored key among ``keys``."""
    b = s.doc_bands.c
    segs = segments(conn) if segs is None else segs
    keys = sorted(set(keys))
    for i in range(0, len(keys), CHUNK):
        yield from conn.execute(select(b.band, b.doc_id).where(
            b.seg.in_(segs) & b.band.in_(keys[i:i + CHUNK])))


def add(conn: Connection, rows: list[dict]) -> None:
    """Store band keys (dicts with ``band`` and ``doc_id``) in the open segment; seal it
    and merge segments when due."""
    if not rows:
        return
    conn.execute(insert(s.doc_bands), [dict(seg=0, band=r["band"], doc_id=r["doc_id"])
                                       for r in rows])
    g = s.band_segments.c
    got = conn.execute(update(s.band_segments).where(g.seg == 0)
                       .values(entries=g.entries + len(rows)))
    if not got.rowcount:  # a store whose segment list lost its open row
        count = conn.execute(select(func.count()).select_from(s.doc_bands)
                             .where(s.doc_bands.c.seg == 0)).scalar()
        conn.execute(insert(s.band_segments).values(seg=0, level=0, entries=count))
    n = conn.execute(select(g.entries).where(g.seg == 0)).scalar()
    if n >= OPEN_MAX:
        _move(conn, [0], 1, n)
        conn.execute(update(s.band_segments).where(g.seg == 0).values(entries=0))
        compact(conn)


def compact(conn: Connection) -> None:
    """Merge the sealed segments of any level that has ``FANOUT`` of them."""
    g = s.band_segments.c
    while True:
        levels: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for seg, level, entries in conn.execute(
                select(g.seg, g.level, g.entries).where(g.seg > 0).order_by(g.seg)):
            levels[level].append((seg, entries))
        full = sorted(lvl for lvl, segs in levels.items() if len(segs) >= FANOUT)
        if not full:
            return
        segs = levels[full[0]]
        _move(conn, [seg for seg, _ in segs], full[0] + 1, sum(n for _, n in segs))


def _move(conn: Connection, segs: list[int], level: int, entries: int) -> None:
    """Copy the keys of ``segs`` into one new segment, in key order, and drop ``segs``."""
    b, g = s.doc_bands.c, s.band_segments.c
    top = conn.execute(select(func.max(g.seg))).scalar() or 0
    top = max(top, conn.execute(select(func.max(b.seg))).scalar() or 0)
    new = top + 1  # after every segment: the copy appends at the end of the index
    rows = (select(literal(new, Integer), b.band, b.doc_id).where(b.seg.in_(segs))
            .distinct().order_by(b.band, b.doc_id))
    conn.execute(insert(s.doc_bands).from_select(["seg", "band", "doc_id"], rows))
    conn.execute(delete(s.doc_bands).where(b.seg.in_(segs)))
    conn.execute(delete(s.band_segments).where(g.seg.in_([x for x in segs if x != 0])))
    conn.execute(insert(s.band_segments).values(seg=new, level=level, entries=entries))


def level_of(entries: int) -> int:
    """The level a sealed segment of this many keys would have reached by merging."""
    level, cap = 1, OPEN_MAX
    while entries > cap:
        level, cap = level + 1, cap * FANOUT
    return level
