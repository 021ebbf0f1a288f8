"""ingest.decode: BOMs, UTF-8, declared charsets, binary refusal."""
from __future__ import annotations

import codecs

import pytest

from diplograph.errors import BinaryDocument, EncodingError
from diplograph.ingest.decode import check_binary, decode, declared_charset

TEXT = "Le ministère a reçu l'ambassadeur à Genève."


def test_utf8_and_boms():
    assert decode(TEXT.encode("utf-8")) == TEXT
    assert decode(codecs.BOM_UTF8 + TEXT.encode("utf-8")) == TEXT
    assert decode(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")) == TEXT
    assert decode(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")) == TEXT


def test_declared_charsets():
    html = f'<html><head><meta charset="windows-1252"></head><body>{TEXT}</body></html>'
    assert "ministère" in decode(html.encode("cp1252"))
    http = f"<p>{TEXT}</p>".encode("latin-1")
    assert "ministère" in decode(http, charset="ISO-8859-1")
    xml = f'<?xml version="1.0" encoding="iso-8859-1"?><rss>{TEXT}</rss>'.encode("latin-1")
    assert declared_charset(xml) == "iso8859-1" and "Genève" in decode(xml)


def test_valid_utf8_wins_over_a_wrong_declaration():
    html = f'<meta charset="iso-8859-1"><p>{TEXT}</p>'.encode("utf-8")
    assert "ministère" in decode(html)


def test_undeclared_invalid_utf8_is_refused():
    with pytest.raises(EncodingError, match="invalid UTF-8 at byte 9"):
        decode(TEXT.encode("latin-1"))
    with pytest.raises(EncodingError):
        decode(b"<meta charset='no-such-charset'>" + TEXT.encode("latin-1"))


@pytest.mark.parametrize("data", [b"%PDF-1.7\n...", b"\x89PNG\r\n\x1a\n....", b"PK\x03\x04zip",
                                  b"text with a \x00 NUL", bytes(range(1, 9)) * 50 + b"abc"])
def test_binary_is_refused(data):
    with pytest.raises(BinaryDocument):
        check_binary(data)


def test_text_with_tabs_and_form_feeds_is_not_binary():
    check_binary(b"col1\tcol2\r\nnext page\x0c" * 100)
