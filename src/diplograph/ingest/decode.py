"""Bytes to text: byte-order marks, declared charsets, strict UTF-8; binary refused.

Policy (documented in docs/sources.md): a BOM wins; then valid UTF-8; then a charset
declared by the transport (HTTP Content-Type) or the document itself (HTML <meta
charset>, XML declaration); otherwise the input is refused. We do not guess encodings: a
wrong guess silently corrupts names, so undeclared non-UTF-8 input is refused (DG104).
"""
from __future__ import annotations

import codecs
import re

from ..errors import BinaryDocument, EncodingError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# File signatures of formats that are never text.
_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b",
          b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"\x7fELF", b"MZ", b"OggS", b"RIFF", b"ID3",
          b"\x00\x00\x01\x00", b"wOFF", b"\xd0\xcf\x11\xe0")
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)["']""", re.I)
_CONTROL = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27,
                               28, 29, 30, 31, 127}
_CONTROL_BYTES = bytes(sorted(_CONTROL))


def bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset the document declares in its first 4 KB, if Python knows it."""
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not match:
        return None
    return _known(match.group(1).decode("ascii", "ignore"))


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("'\"")).name
    except LookupError:
        return None


def check_binary(data: bytes, origin: str | None = None) -> None:
    """Raise BinaryDocument for bytes that are not text (NUL bytes, control chars, magic)."""
    head = data[:8192]
    if bom_encoding(head) in {"utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"}:
        return
    if any(head.startswith(m) for m in _MAGIC):
        raise BinaryDocument("the file is a binary format, not text or HTML", origin=origin)
    if b"\x00" in head:
        raise BinaryDocument("the file holds NUL bytes: it is binary, not text", origin=origin)
    if head:
        controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
        if controls / len(head) > 0.05:
            raise BinaryDocument(f"{controls} control bytes in the first {len(head)}: "
                                 "the file is binary, not text", origin=origin)


def decode(data: bytes, *, charset: str | None = None, origin: str | None = None) -> str:
    """Decode document bytes to text (see the module policy). Raises DG102 or DG104."""
    check_binary(data, origin)
    bom = bom_encoding(data)
    if bom:
        try:
            return data[_bom_len(data):].decode(bom)
        except UnicodeDecodeError as exc:
            raise EncodingError(f"invalid {bom} at byte {exc.start} after its byte-order mark",
                                origin=origin) from None
    try:
        # Valid UTF-8 wins even over a declared charset: non-ASCII text in another
        # encoding is almost never valid UTF-8, while pages that declare latin-1 or
        # windows-1252 but are UTF-8 are common.
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    for name in (_known(charset), declared_charset(data)):
        if name and name not in {"utf-8", "ascii"}:
            try:
                return data.decode(name)
            except (UnicodeDecodeError, LookupError):
                continue
    raise EncodingError(f"invalid UTF-8 at byte {first_bad} and no charset is declared",
                        origin=origin)


def _bom_len(data: bytes) -> int:
    for bom, _ in _BOMS:
        if data.startswith(bom):
            return len(bom)
    return 0
