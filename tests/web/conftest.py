"""A small hand-built graph for the web tests: no NLP, our own example sentences."""
from __future__ import annotations

from datetime import date

import pytest

from diplograph.model import ActorRef, Article, CodeResult, Event, Evidence

NAMES = {"RUS": "Russia", "SYR": "Syria", "PRK": "North Korea", "UKR": "Ukraine",
         "DPR": "Donetsk People's Republic", "FRA": "France", "DEU": "Germany",
         "ABK": "Abkhazia", "VUT": "Vanuatu", "GEO": "Georgia"}

WIRE = ("Moscow formally recognised the Donetsk People's Republic on 21 February 2022. "
        "Damascus followed with a recognition of the Donetsk republic on 29 June 2022. "
        "Pyongyang became the latest capital to recognise the Donetsk People's Republic "
        "on 13 July 2022. Kyiv cut diplomatic ties with Pyongyang the same day. "
        "Ukrainian diplomats denounced the move by North Korea in a statement.")
DAILY = ("Officials in Pyongyang recognised the Donetsk People's Republic on 13 July 2022, "
         "a step few governments have taken. Paris and Berlin signed a cultural accord "
         "in 1963 and restored their diplomatic relations years earlier.")
ABK = ("Russia recognised Abkhazia as an independent state on 26 August 2008. "
       "Vanuatu extended its recognition to Abkhazia on 23 May 2011. "
       "Vanuatu withdrew its recognition of Abkhazia on 20 May 2013. "
       "Georgia said it would never recognise Abkhazia.")
HOSTILE = ('<script>alert("t")</script> Paris praised Berlin warmly. '
           '<img src=x onerror=alert(2)> <a href="javascript:alert(4)">read more</a> '
           "The end.")


def event(doc_id, text, sentence, type_, src, tgt, when, *, polarity="asserted",
          src_text=None, background=False):
    start = text.index(sentence)
    return Event(doc_id=doc_id, type=type_,
                 source=ActorRef(src, "GOV", NAMES.get(src), src_text or NAMES.get(src)),
                 target=ActorRef(tgt, None, NAMES.get(tgt), NAMES.get(tgt)),
                 evidence=Evidence(sentence, start, start + len(sentence)),
                 date=when, date_precision="day" if when and len(when) == 10 else "year",
                 polarity=polarity, background=background, confidence=0.9,
                 cameo="054" if type_ == "recognize" else None)


def results() -> list[CodeResult]:
    s = [x.strip() + "." for x in WIRE.split(".") if x.strip()]
    wire = Article(id="wire-1", text=WIRE, title="Recognitions pile up", outlet="Example Wire",
                   url="https://news.example.org/wire-1", published=date(2022, 7, 18))
    wire_events = [
        event("wire-1", WIRE, s[0], "recognize", "RUS", "DPR", "2022-02-21", background=True),
        event("wire-1", WIRE, s[1], "recognize", "SYR", "DPR", "2022-06-29", background=True),
        event("wire-1", WIRE, s[2], "recognize", "PRK", "DPR", "2022-07-13"),
        event("wire-1", WIRE, s[3], "sever_relations", "UKR", "PRK", "2022-07-13"),
        event("wire-1", WIRE, s[4], "condemn", "UKR", "PRK", "2022-07-13"),
    ]
    d = [x.strip() + "." for x in DAILY.split(". ") if x.strip()]
    daily = Article(id="daily-1", text=DAILY, title="A rare step", outlet="Daily Example",
                    url="https://daily.example.net/story", published=date(2022, 7, 19))
    daily_events = [
        event("daily-1", DAILY, d[0].rstrip(".") , "recognize", "PRK", "DPR", "2022-07-13"),
        event("daily-1", DAILY, "Paris and Berlin signed a cultural accord in 1963",
              "sign_agreement", "FRA", "DEU", "1963", background=True),
    ]
    hostile = Article(id="hostile-1", text=HOSTILE, title='<script>alert("title")</script>',
                      outlet="<img src=x onerror=alert(5)>", url="javascript:alert(6)",
                      published=date(2023, 1, 2))
    hostile_events = [event("hostile-1", HOSTILE, HOSTILE[:HOSTILE.index("warmly.") + 7],
                            "praise_or_thank", "FRA", "DEU", "2023-01-01",
                            src_text='<b onmouseover="alert(7)">Paris</b>')]
    a = [x.strip() + "." for x in ABK.split(". ") if x.strip()]
    a[-1] = a[-1].rstrip(".") + "." if not a[-1].endswith("..") else a[-1][:-1]
    abk = Article(id="abk-1", text=ABK, title="Who recognises Abkhazia", outlet="Example Wire",
                  url="https://news.example.org/abk", published=date(2014, 1, 1))
    abk_events = [
        event("abk-1", ABK, a[0], "recognize", "RUS", "ABK", "2008-08-26", background=True),
        event("abk-1", ABK, a[1], "recognize", "VUT", "ABK", "2011-05-23", background=True),
        event("abk-1", ABK, a[2], "withdraw_recognition", "VUT", "ABK", "2013-05-20",
              background=True),
        event("abk-1", ABK, a[3].rstrip("."), "recognize", "GEO", "ABK", None,
              polarity="negated"),
    ]
    return [CodeResult("wire-1", wire, wire_events), CodeResult("daily-1", daily, daily_events),
            CodeResult("abk-1", abk, abk_events),
            CodeResult("hostile-1", hostile, hostile_events)]


@pytest.fixture(scope="session")
def web_graph(tmp_path_factory):
    from diplograph import Graph

    graph = Graph(str(tmp_path_factory.mktemp("webgraph") / "web.db"))
    graph.add(results())
    yield graph
    graph.close()


@pytest.fixture(scope="session")
def web_app(web_graph):
    from diplograph.web import create_app

    return create_app(web_graph)


@pytest.fixture()
def client(web_app):
    from fastapi.testclient import TestClient

    with TestClient(web_app) as c:
        yield c
