"""GEXF 1.3 for Gephi: actors as nodes, one edge per (source, target, type) with a weight,
first and last dates (a dynamic graph), and the count of events behind it."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO
from xml.sax.saxutils import quoteattr

from .flat import as_dict


def _when(d: dict) -> str | None:
    date = d.get("date") or d.get("first_report")
    if not date:
        return None
    return {4: date + "-01-01", 7: date + "-01"}.get(len(date), date)


def write_gexf(events: Iterable[Any], out: TextIO) -> int:
    nodes: dict[str, str] = {}
    edges: dict[tuple[str, str, str], dict] = {}
    n = 0
    for ev in events:
        d = as_dict(ev)
        n += 1
        src, tgt = d["source"], d["target"]
        for a in (src, tgt):
            nodes.setdefault(a["code"], a.get("name") or a["code"])
            if a.get("name") and nodes[a["code"]] == a["code"]:
                nodes[a["code"]] = a["name"]
        key = (src["code"], tgt["code"], d["type"])
        e = edges.setdefault(key, {"weight": 0, "events": 0, "start": None, "end": None,
                                   "cameo": d.get("cameo") or ""})
        e["events"] += 1
        e["weight"] += int(d.get("num_mentions") or 1)
        when = _when(d)
        if when:
            e["start"] = min(filter(None, [e["start"], when]))
            e["end"] = max(filter(None, [e["end"], when]))
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<gexf xmlns="http://gexf.net/1.3" version="1.3">\n'
              '  <meta><creator>diplograph</creator></meta>\n'
              '  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">\n'
              '    <attributes class="edge">\n'
              '      <attribute id="type" title="type" type="string"/>\n'
              '      <attribute id="cameo" title="cameo" type="string"/>\n'
              '      <attribute id="events" title="events" type="integer"/>\n'
              '    </attributes>\n    <nodes>\n')
    for code, name in sorted(nodes.items()):
        out.write(f"      <node id={quoteattr(code)} label={quoteattr(name)}/>\n")
    out.write("    </nodes>\n    <edges>\n")
    for i, ((s, t, typ), e) in enumerate(sorted(edges.items())):
        span = ""
        if e["start"]:
            span = f' start="{e["start"]}" end="{e["end"]}"'
        out.write(f'      <edge id="{i}" source={quoteattr(s)} target={quoteattr(t)} '
                  f'label={quoteattr(typ)} weight="{e["weight"]}"{span}>\n'
                  f'        <attvalues><attvalue for="type" value={quoteattr(typ)}/>'
                  f'<attvalue for="cameo" value={quoteattr(e["cameo"])}/>'
                  f'<attvalue for="events" value="{e["events"]}"/></attvalues>\n'
                  "      </edge>\n")
    out.write("    </edges>\n  </graph>\n</gexf>\n")
    return n
