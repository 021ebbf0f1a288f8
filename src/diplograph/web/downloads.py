"""Lists as CSV or JSONL downloads (flat columns for CSV, one JSON object a line for JSONL)."""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from fastapi.responses import StreamingResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def flatten(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts as dotted columns; lists as JSON text."""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, name + "."))
        elif isinstance(value, (list, tuple)):
            flat[name] = json.dumps(value, ensure_ascii=False)
        else:
            flat[name] = value
    return flat


def _cell(value: Any) -> Any:
    # Article text can start with '=' or '@': keep spreadsheets from running it as a formula.
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return "" if value is None else value


def csv_chunks(rows: Iterable[dict]) -> Iterator[str]:
    rows = [flatten(r) for r in rows]
    columns: list[str] = []
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    yield buf.getvalue()
    for row in rows:
        buf.seek(0)
        buf.truncate()
        writer.writerow({k: _cell(v) for k, v in row.items()})
        yield buf.getvalue()


def jsonl_chunks(rows: Iterable[dict]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def download(rows: Iterable[dict], fmt: str, name: str) -> StreamingResponse:
    if fmt == "csv":
        body, media = csv_chunks(rows), "text/csv; charset=utf-8"
    else:
        body, media = jsonl_chunks(rows), "application/x-ndjson; charset=utf-8"
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", name)[:80] or "download"
    return StreamingResponse(body, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{name}.{fmt}"'})
