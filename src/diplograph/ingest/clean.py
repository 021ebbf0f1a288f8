"""Document to Article: decode, tell HTML from text, extract main text, title and date.

Publication date precedence: the ``published`` argument, the document's own field
(JSONL, feed entry, caller), its HTML metadata (htmldate), a date line near the top of
the text. ``Article.published_from`` says which one gave it.
"""
from __future__ import annotations

import logging
import re
import warnings
from datetime import date

from ..errors import DocumentTooLarge, EmptyDocument, InputError
from ..model import Article, Document, content_hash
from ..settings import Settings, load_settings
from .dates import date_in_text, parse_date
from .decode import decode
from .language import check_english

log = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".html.gz", ".htm.gz")
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.I | re.S)
_TAG = re.compile(r"</?(?:p|div|br|span|a|h[1-6]|article|section|li|ul|table|meta|script)\b", re.I)


def looks_like_html(text: str, name: str | None = None) -> bool:
    """HTML by file name, by its start, or by a density of common tags."""
    if name and name.lower().endswith(HTML_SUFFIXES):
        return True
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    return len(_TAG.findall(head)) >= 5


def _origin(doc: Document) -> str:
    return doc.origin or doc.url or doc.path or doc.id or "<document>"


def _size_check(size: int, settings: Settings, origin: str) -> None:
    if size > settings.max_bytes:
        raise DocumentTooLarge(f"{size:,} bytes is more than the limit of "
                               f"{settings.max_bytes:,}", origin=origin)


def extract_html(html: str, url: str | None = None) -> tuple[str, str | None, date | None]:
    """(main text, title, publication date) of an HTML page; text may be ''."""
    import trafilatura
    from htmldate import find_date

    text, title, published = "", None, None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = trafilatura.bare_extraction(
                html, url=url, with_metadata=True, include_comments=False,
                include_tables=False, favor_recall=True)
        except Exception as exc:  # trafilatura raises many kinds on odd markup
            log.debug("trafilatura failed on %s: %s", url, exc)
            result = None
        if result is not None:
            get = result.get if isinstance(result, dict) else lambda k: getattr(result, k, None)
            text = (get("text") or "").strip()
            title = get("title") or None
        try:
            found = find_date(html, url=url, extensive_search=False, original_date=True,
                              outputformat="%Y-%m-%d")
            published = parse_date(found)
        except Exception as exc:
            log.debug("htmldate failed on %s: %s", url, exc)
    if not text:
        text = _lxml_text(html)
    if title is None:
        title = _lxml_title(html)
    return text, title, published


def _lxml_tree(html: str):
    import lxml.html
    from lxml.etree import ParserError

    try:
        return lxml.html.fromstring(html.encode("utf-8", "surrogatepass"))
    except (ParserError, ValueError):
        return None


def _lxml_text(html: str) -> str:
    """Fallback for pages trafilatura finds nothing in: visible text, scripts removed."""
    from lxml_html_clean import Cleaner

    tree = _lxml_tree(html)
    if tree is None:
        return ""
    try:
        tree = Cleaner(scripts=True, javascript=True, style=True, comments=True,
                       page_structure=False).clean_html(tree)
    except Exception:
        return ""
    lines = (re.sub(r"[ \t\r\f\v]+", " ", ln).strip() for ln in tree.text_content().splitlines())
    return "\n".join(ln for ln in lines if ln)


def _lxml_title(html: str) -> str | None:
    tree = _lxml_tree(html)
    if tree is None:
        return None
    found = tree.findtext(".//title")
    return found.strip() if found and found.strip() else None


def to_article(doc: Document, *, published=None, settings: Settings | None = None) -> Article:
    """Clean one Document into an Article; raise an InputError subclass for bad input."""
    settings = settings or load_settings()
    origin = _origin(doc)
    name = doc.path or doc.url
    if doc.data is not None:
        _size_check(len(doc.data), settings, origin)
        body = decode(doc.data, origin=origin)
        is_html = looks_like_html(body, name)
    elif doc.html is not None:
        body, is_html = doc.html, True
    elif doc.text is not None:
        body, is_html = doc.text, False
    else:
        raise EmptyDocument("the document has no text, html or data", origin=origin)
    _size_check(len(body.encode("utf-8", "surrogatepass")), settings, origin)
    if "\x00" in body[:8192]:
        from ..errors import BinaryDocument
        raise BinaryDocument("the text holds NUL characters: it is binary", origin=origin)
    if not body.strip():
        raise EmptyDocument("the document is empty", origin=origin)

    title, html_date = doc.title, None
    if is_html:
        text, html_title, html_date = extract_html(body, doc.url)
        title = title or html_title
    else:
        text = body.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyDocument("no text was found in the page", origin=origin)
    check_english(text, origin)

    when, source = _published(published, doc, html_date, text)
    return Article(id=doc.id or content_hash(text), text=text, title=title, published=when,
                   url=doc.url, outlet=doc.outlet, language="en", origin=origin,
                   published_from=source, retrieved=doc.retrieved)


def _published(argument, doc: Document, html_date: date | None,
               text: str) -> tuple[date | None, str | None]:
    if argument is not None and argument != "":
        when = parse_date(argument)
        if when is None:
            raise InputError(f"bad publication date {argument!r}", hint="Use YYYY-MM-DD.")
        return when, "argument"
    if (when := parse_date(doc.published)) is not None:
        return when, "jsonl"
    if html_date is not None:
        return html_date, "html"
    if (when := date_in_text(text)) is not None:
        return when, "text"
    return None, None
