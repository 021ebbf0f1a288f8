"""Export graph events (dicts with mentions) in any format, to a path or a file object."""
from __future__ import annotations

import sys
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

from ..errors import UsageError

TEXT_FORMATS = ("jsonl", "csv", "cameo", "plover", "gexf", "table")
FORMATS = TEXT_FORMATS + ("parquet",)


@contextmanager
def _opened(out, binary: bool):
    if out is None or out == "-":
        yield sys.stdout.buffer if binary else sys.stdout
    elif isinstance(out, (str, Path)):
        with open(out, "wb" if binary else "w", encoding=None if binary else "utf-8",
                  newline=None if binary else "") as fh:
            yield fh
    else:
        yield out


def export_events(events: Iterable[dict], fmt: str, out=None) -> int:
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}", hint="One of: " + ", ".join(FORMATS))
    if fmt == "parquet":
        from .parquet import write_parquet
        if out is None or out == "-":
            raise UsageError("parquet needs an output file", hint="Add -o FILE.parquet.")
        target = str(out) if isinstance(out, (str, Path)) else out
        return write_parquet(events, target)
    writer = _writer(fmt)
    with _opened(out, binary=False) as fh:
        return writer(events, fh)


def _writer(fmt: str):
    if fmt == "jsonl":
        from .jsonl import write_jsonl
        return write_jsonl
    if fmt == "csv":
        from .flat import write_csv
        return write_csv
    if fmt == "cameo":
        from .cameo import write_cameo
        return write_cameo
    if fmt == "plover":
        from .plover import write_plover
        return write_plover
    if fmt == "gexf":
        from .gexf import write_gexf
        return write_gexf
    from .table import write_table
    return write_table
