"""Documents JSONL: one document a line.

``{"id", "text"|"html"|"path"|"file"|"url", "url", "published", "outlet", "title"}``; all
fields but the body are optional. A relative "path" (or "file", as in an ``index.jsonl``)
is relative to the JSONL file's folder. A bad line is a Failure; the others go on.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator

from ..errors import MalformedInput, NotFound
from ..model import Document, Failure

BODY_KEYS = ("text", "html", "path", "file", "url")


def is_documents_line(obj) -> bool:
    return isinstance(obj, dict) and any(obj.get(k) is not None for k in BODY_KEYS)


def _str(value) -> str | None:
    return None if value is None or value == "" else str(value)


def parse_jsonl(lines: Iterator[str], name: str) -> Iterator[tuple[str, dict] | Failure]:
    """(origin, object) per non-blank line, or a Failure for a line that is not an object."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        origin = f"{name}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            err = MalformedInput(f"the line is not JSON ({exc.msg} at column {exc.colno})",
                                 origin=origin)
            yield Failure(origin, err.code, str(err))
            continue
        if not is_documents_line(obj):
            err = MalformedInput("the line has none of the fields text, html, path, file, url",
                                 origin=origin)
            yield Failure(origin, err.code, str(err), _str(obj.get("id")) if isinstance(obj, dict) else None)
            continue
        yield origin, obj


def document_from_line(obj: dict, origin: str, folder: str) -> Document | Failure | str:
    """A Document for one JSONL object; a URL string when the line only names a URL.

    Files named by "path"/"file" are left unread here (``Document.path`` set, no body)
    so that the reader applies its size and format checks.
    """
    meta = dict(id=_str(obj.get("id")), url=_str(obj.get("url")),
                published=_str(obj.get("published")), outlet=_str(obj.get("outlet")),
                title=_str(obj.get("title")), origin=origin)
    if isinstance(obj.get("text"), str):
        return Document(text=obj["text"], **meta)
    if isinstance(obj.get("html"), str):
        return Document(html=obj["html"], **meta)
    rel = obj.get("path") or obj.get("file")
    if rel:
        path = os.path.normpath(os.path.join(folder, str(rel)))
        if not os.path.isfile(path):
            err = NotFound(f"the file {rel!r} named by the line does not exist", origin=origin)
            return Failure(origin, err.code, str(err), meta["id"])
        return Document(path=path, **meta)
    if obj.get("url"):
        return "url"
    err = MalformedInput("the line's text, html, path, file and url fields are all empty",
                         origin=origin)
    return Failure(origin, err.code, str(err), meta["id"])
