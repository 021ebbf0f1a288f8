"""ingest.reader on files: paths, directories, globs, stdin, gzip, documents JSONL, and bad
input that must give a coded failure while the other documents are still read."""
from __future__ import annotations

import gzip
import io
import json
import sys

from diplograph.errors import InputError
from diplograph.ingest import read_documents, to_article
from diplograph.model import Document, Failure
from diplograph.settings import Settings

NOTE = ("The two governments agreed on Monday to reopen the consulate that had been closed "
        "for three years, a spokeswoman for the foreign ministry said.")


def outcome(sources, settings):
    """[(origin, 'ok' | code)] for every document of a read + clean run."""
    out = []
    for item in read_documents(sources, settings=settings):
        if isinstance(item, Failure):
            out.append((item.origin, item.code))
            continue
        try:
            to_article(item, settings=settings)
            out.append((item.origin, "ok"))
        except InputError as exc:
            out.append((item.origin, exc.code))
    return out


def test_bad_files_each_fail_with_their_code_and_the_rest_is_read(tmp_path):
    settings = Settings(max_bytes=20_000_000)
    d = tmp_path / "in"
    d.mkdir()
    (d / "a_good.txt").write_text(NOTE, encoding="utf-8")
    (d / "b_empty.txt").write_bytes(b"")
    (d / "c_blank.txt").write_text("  \n\t\n", encoding="utf-8")
    (d / "d_binary.txt").write_bytes(b"\x00\x01\x02garbage\x00" * 100)
    with open(d / "e_huge.txt", "wb") as fh:  # 50 MB, sparse: never written, never read
        fh.truncate(50 * 1024 * 1024)
    (d / "f_latin1.txt").write_bytes("Le ministère a dit non. ".encode("latin-1") * 3)
    (d / "g_malformed.html").write_text(
        "<html><head><title>Broken page</head><body><div><p>" + NOTE + "<p><b>unclosed <i>tags"
        "</div></span></body>", encoding="utf-8")
    (d / "h_french.txt").write_text(
        "Le gouvernement a annoncé lundi la réouverture du consulat, fermé depuis trois ans, "
        "selon une porte-parole du ministère des affaires étrangères. Les deux pays avaient "
        "rompu leurs relations après une longue dispute sur la frontière et sur les droits "
        "de pêche dans la baie. Le ministre a déclaré que cette décision marquait une "
        "nouvelle étape et qu'il se rendrait dans la capitale voisine au mois de juin pour "
        "signer un accord sur le commerce et les transports.", encoding="utf-8")
    (d / "i_script.html").write_text("<html><body><script>var x = 1;</script></body></html>",
                                     encoding="utf-8")
    (d / "j_good.txt.gz").write_bytes(gzip.compress(NOTE.encode()))
    (d / "docs.jsonl").write_text("\n".join([
        json.dumps({"id": "j1", "text": NOTE, "published": "2024-02-05"}),
        "{this is not json",
        json.dumps({"id": "j3", "text": ""}),
        json.dumps({"id": "j4", "title": "no body"}),
    ]) + "\n", encoding="utf-8")
    result = dict((o.replace(str(d) + "/", ""), c) for o, c in outcome([str(d)], settings))
    assert result == {
        "docs.jsonl:1": "ok", "docs.jsonl:2": "DG105", "docs.jsonl:3": "DG101",
        "docs.jsonl:4": "DG105",
        "a_good.txt": "ok", "b_empty.txt": "DG101", "c_blank.txt": "DG101",
        "d_binary.txt": "DG102", "e_huge.txt": "DG103", "f_latin1.txt": "DG104",
        "g_malformed.html": "ok", "h_french.txt": "DG106", "i_script.html": "DG101",
        "j_good.txt.gz": "ok",
    }


def test_malformed_html_keeps_its_text_and_title(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<html><head><title>Broken page</title><body><p>" + NOTE +
                    "<p><b>unclosed <i>tags</div></span>", encoding="utf-8")
    doc = next(read_documents([str(path)], settings=Settings()))
    art = to_article(doc, settings=Settings())
    assert "reopen the consulate" in art.text and art.title == "Broken page"
    assert "<" not in art.text


def test_documents_jsonl_paths_are_relative_and_metadata_kept(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "x.txt").write_text(NOTE, encoding="utf-8")
    index = tmp_path / "index.jsonl"
    index.write_text(json.dumps({"id": "x", "file": "articles/x.txt", "outlet": "Wire",
                                 "published": "2021-09-09", "title": "Consulate"}) + "\n"
                     + json.dumps({"id": "y", "path": "articles/missing.txt"}) + "\n",
                     encoding="utf-8")
    items = list(read_documents([str(tmp_path)], settings=Settings()))
    # the article is read once, through the index, with its metadata
    assert len(items) == 2
    doc, missing = items
    assert (doc.id, doc.outlet, doc.published, doc.origin) == ("x", "Wire", "2021-09-09",
                                                                f"{index}:1")
    assert isinstance(missing, Failure) and missing.code == "DG107" and missing.doc_id == "y"
    art = to_article(doc, settings=Settings())
    assert art.id == "x" and art.published_from == "jsonl"


def test_directory_walk_is_sorted_skips_hidden_and_non_documents(tmp_path):
    for name in ["b.txt", "a.html", ".hidden.txt", "README.md", "img.png"]:
        (tmp_path / name).write_text(NOTE, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text(NOTE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text(NOTE, encoding="utf-8")
    (tmp_path / "gold.jsonl").write_text(json.dumps({"id": "1", "events": []}) + "\n")
    names = [d.path.replace(str(tmp_path) + "/", "")
             for d in read_documents([str(tmp_path)], settings=Settings())]
    assert names == ["a.html", "b.txt", "sub/c.txt"]


def test_globs_missing_paths_and_documents(tmp_path):
    (tmp_path / "one.txt").write_text(NOTE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(NOTE + " Again.", encoding="utf-8")
    built = Document(id="mine", text=NOTE)
    items = list(read_documents([str(tmp_path / "*.txt"), str(tmp_path / "nothing.txt"),
                                 str(tmp_path / "*.nomatch"), built], settings=Settings()))
    assert [getattr(i, "path", None) for i in items[:2]] == [str(tmp_path / "one.txt"),
                                                            str(tmp_path / "two.txt")]
    assert [(i.code) for i in items[2:4]] == ["DG107", "DG107"]
    assert items[4] is built


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(NOTE.encode())))
    (doc,) = list(read_documents(["-"], settings=Settings()))
    assert to_article(doc, settings=Settings()).text == NOTE
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 200)))
    (fail,) = list(read_documents(["-"], settings=Settings(max_bytes=100)))
    assert fail.code == "DG103"


def test_large_gzip_is_refused_while_reading(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a " * 1_000_000))
    (fail,) = list(read_documents([str(path)], settings=Settings(max_bytes=100_000)))
    assert fail.code == "DG103" and "gunzipped" in fail.message


def test_the_seed_and_the_dev_index(shared_data):
    settings = Settings()
    (doc,) = list(read_documents([str(shared_data / "seed" / "seed.txt")], settings=settings))
    art = to_article(doc, settings=settings)
    assert art.published.isoformat() == "2022-07-18" and art.published_from == "text"
    docs = list(read_documents([str(shared_data / "dev" / "index.jsonl")], settings=settings))
    assert docs and all(isinstance(d, Document) and d.id for d in docs)
    arts = [to_article(d, settings=settings) for d in docs]
    assert all(a.published_from in {"jsonl", "text", None} for a in arts)


def test_text_stdin_and_other_xml(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "stdin", io.StringIO(NOTE))
    (doc,) = list(read_documents(["-"], settings=Settings()))
    assert to_article(doc, settings=Settings()).text == NOTE
    path = tmp_path / "config.xml"
    path.write_text("<?xml version='1.0'?><settings><a>1</a></settings>", encoding="utf-8")
    (fail,) = list(read_documents([str(path)], settings=Settings()))
    assert fail.code == "DG105" and "neither" in fail.message
