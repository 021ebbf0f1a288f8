"""ingest.clean.to_article: HTML vs text, extraction, publication date precedence, limits."""
from __future__ import annotations

from datetime import date

import pytest

from diplograph.errors import BinaryDocument, DocumentTooLarge, EmptyDocument, InputError
from diplograph.ingest.clean import looks_like_html, to_article
from diplograph.model import Document, content_hash
from diplograph.settings import Settings

BODY = ("Envoys from the two neighbouring states signed a fisheries accord in the port city on "
        "Friday, ending a dispute that had kept boats in harbour for most of the season.")
PAGE = ("<!DOCTYPE html><html><head><title>Fisheries accord signed</title>"
        '<meta property="article:published_time" content="2020-08-14T09:00:00Z"></head>'
        "<body><nav>Home | World | Sport</nav><article><h1>Fisheries accord signed</h1>"
        f"<p>{BODY}</p><p>Fishermen welcomed the news and said they would sail on Monday.</p>"
        "</article><footer>All rights reserved</footer></body></html>")
S = Settings()


def test_html_main_text_title_and_date():
    art = to_article(Document(html=PAGE, url="https://news.example/fish"), settings=S)
    assert art.title == "Fisheries accord signed"
    assert BODY in art.text and "All rights reserved" not in art.text
    assert (art.published, art.published_from) == (date(2020, 8, 14), "html")
    assert art.url == "https://news.example/fish" and art.id == content_hash(art.text)


def test_bytes_are_sniffed_as_html_or_text():
    assert to_article(Document(data=PAGE.encode(), path="page.bin"), settings=S).title
    text = "A headline\n\n" + BODY
    art = to_article(Document(data=text.encode(), path="note.txt"), settings=S)
    assert art.text == text and art.title is None


def test_plain_text_is_used_as_it_is():
    text = "<-- leftover junk\n\nHeadline\n\n" + BODY + "\n"
    assert to_article(Document(text=text), settings=S).text == text


@pytest.mark.parametrize("argument,field,expected,source", [
    ("2021-01-02", "2020-05-05", date(2021, 1, 2), "argument"),
    (None, "2020-05-05", date(2020, 5, 5), "jsonl"),
    (None, None, date(2020, 8, 14), "html"),
])
def test_publication_date_precedence_for_html(argument, field, expected, source):
    art = to_article(Document(html=PAGE, published=field), published=argument, settings=S)
    assert (art.published, art.published_from) == (expected, source)


def test_a_date_line_in_text_comes_last():
    text = "Headline\nAugust 14, 2020\n" + BODY
    art = to_article(Document(text=text), settings=S)
    assert (art.published, art.published_from) == (date(2020, 8, 14), "text")
    art = to_article(Document(text=text, published="2020-08-15"), settings=S)
    assert art.published_from == "jsonl"
    art = to_article(Document(text=BODY), settings=S)
    assert art.published is None and art.published_from is None


def test_bad_published_argument():
    with pytest.raises(InputError, match="bad publication date"):
        to_article(Document(text=BODY), published="next week", settings=S)


def test_refusals():
    with pytest.raises(EmptyDocument):
        to_article(Document(text="   \n"), settings=S)
    with pytest.raises(EmptyDocument):
        to_article(Document(), settings=S)
    with pytest.raises(EmptyDocument):
        to_article(Document(html="<html><body><script>x()</script></body></html>"), settings=S)
    with pytest.raises(DocumentTooLarge):
        to_article(Document(text=BODY * 10), settings=Settings(max_bytes=100))
    with pytest.raises(BinaryDocument):
        to_article(Document(text="abc\x00def"), settings=S)


def test_the_id_is_the_documents_own():
    assert to_article(Document(id="wire-7", text=BODY), settings=S).id == "wire-7"


def test_looks_like_html():
    assert looks_like_html("<!-- c -->\n<html><body>x</body></html>")
    assert looks_like_html("anything", "page.HTM")
    assert not looks_like_html("!-- a stray comment end -->\nPlain text about a treaty.")
    assert not looks_like_html("A note that mentions <b> once.")
