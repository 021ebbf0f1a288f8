"""Parquet: the flat rows with typed columns (pyarrow)."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any, BinaryIO

from .flat import FLAT_COLUMNS, flat_row

_INT = {"num_mentions", "num_sources", "start", "end"}


def _schema():
    import pyarrow as pa

    def kind(name):
        if name in _INT:
            return pa.int64()
        if name == "confidence":
            return pa.float64()
        if name == "background":
            return pa.bool_()
        return pa.string()

    return pa.schema([(c, kind(c)) for c in FLAT_COLUMNS])


def write_parquet(events: Iterable[Any], out: str | BinaryIO, chunk: int = 10_000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schema()
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        rows: list[dict] = []
        for ev in events:
            rows.append(flat_row(ev))
            if len(rows) >= chunk:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                n += len(rows)
                rows = []
        if rows or n == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
    return n
