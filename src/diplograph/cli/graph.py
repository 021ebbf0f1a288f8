"""CLI commands on the graph: ingest, recognition, relations, events. Thin: parse, call
``Graph``, format."""
from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Optional

import typer

from ..errors import DiplographError

DB_HELP = "Database URL or path (default: $DIPLOGRAPH_DB, else ./diplograph.db)."


class AnswerFormat(str, Enum):
    table = "table"
    json = "json"


class EventFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    cameo = "cameo"
    plover = "plover"
    parquet = "parquet"
    gexf = "gexf"


def _graph(db: Optional[str]):
    from ..facade import Graph

    return Graph(db)


def ingest_cmd(
    paths: list[str] = typer.Argument(..., help="Files, directories, URLs, '-' for stdin, or documents JSONL."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    workers: Optional[int] = typer.Option(None, "--workers", help="Worker processes (more than 1 uses the batch runner)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address for a cluster."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD for every document."),
    actors: Optional[str] = typer.Option(None, "--actors", help="Extra or overriding actors file (CSV or JSONL)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
) -> None:
    """Code documents into the graph; re-ingesting a stored document changes nothing."""
    from . import fail

    try:
        with _graph(db) as g:
            summary = g.ingest(paths, workers=workers, scheduler=scheduler, progress=not quiet,
                               published=published, actors=actors)
    except DiplographError as exc:
        raise fail(exc)
    if not quiet:
        typer.echo(str(summary), err=True)
    if summary.documents_failed:
        raise typer.Exit(1)


def _since(item: dict) -> str:
    if item.get("since"):
        return item["since"]
    return f"known by {item['known_by']}" if item.get("known_by") else "-"


def _sentence(ev: dict, width: int = 70) -> str:
    text = " ".join((ev.get("evidence", {}).get("sentence") or "").split())
    return text[:width - 3] + "..." if len(text) > width else text


def _print_recognition(ans: dict) -> None:
    ent = ans["entity"]
    typer.echo(f"{ent['code']} ({ent.get('name') or '?'}) as of {ans['as_of']}")
    for key, title in (("recognisers", "recognised by"), ("withdrawn", "withdrawn by"),
                       ("refuses", "refused by")):
        rows = ans.get(key) or []
        if not rows and key != "recognisers":
            continue
        typer.echo(f"\n{title}: {len(rows)}")
        for r in rows:
            typer.echo(f"  {r['code']:<7} {(r.get('name') or '')[:28]:<28} {_since(r)}")
            for ev in r["events"][:3]:
                typer.echo(f"          \"{_sentence(ev)}\"")
            for ev in r.get("conflicts") or []:
                typer.echo(f"          conflict: {ev['type']} {ev['polarity']} {ev.get('date') or ''}"
                           f" \"{_sentence(ev, 50)}\"")


def _print_relations(ans: dict) -> None:
    since = f" since {ans['since']}" if ans.get("since") else (
        f" (known by {ans['known_by']})" if ans.get("known_by") else "")
    typer.echo(f"{ans['a']}-{ans['b']} as of {ans['as_of']}: {ans['status']}{since}")
    for ev in ans.get("conflicts") or []:
        typer.echo(f"  conflicting report: {ev['type']} {ev.get('date') or ''} \"{_sentence(ev, 50)}\"")
    if ans["timeline"]:
        typer.echo("\ntimeline:")
    for ev in ans["timeline"]:
        typer.echo(f"  {ev.get('date') or ('~' + (ev.get('first_report') or '?')):<11} "
                   f"{ev['source']['code']:>6} {ev['type']:<20} {ev['target']['code']:<6} "
                   f"{ev['polarity']:<14} \"{_sentence(ev, 50)}\"")


def _answer(db: Optional[str], query, format: "AnswerFormat", printer) -> None:
    """Run one graph query and print its answer as JSON or as a table."""
    from . import fail

    try:
        with _graph(db) as g:
            ans = query(g)
    except DiplographError as exc:
        raise fail(exc)
    if format == AnswerFormat.json:
        typer.echo(json.dumps(ans, ensure_ascii=False, indent=2))
    else:
        printer(ans)


def recognition_cmd(
    entity: str = typer.Argument(..., help="An actor code (DPR) or a name (Donetsk)."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Date YYYY-MM-DD (default: today)."),
    format: AnswerFormat = typer.Option(AnswerFormat.table, "--format", "-f", help="table or json."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Who recognises ENTITY at a date, since when, with evidence."""
    _answer(db, lambda g: g.recognition(entity, as_of=as_of), format, _print_recognition)


def relations_cmd(
    a: str = typer.Argument(..., help="First actor (code or name)."),
    b: str = typer.Argument(..., help="Second actor (code or name)."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Date YYYY-MM-DD (default: today)."),
    format: AnswerFormat = typer.Option(AnswerFormat.table, "--format", "-f", help="table or json."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """The state of relations between A and B at a date, and the events that made it."""
    _answer(db, lambda g: g.relations(a, b, as_of=as_of), format, _print_relations)


def events_cmd(
    source: Optional[str] = typer.Option(None, "--source", help="Source actor (code or name)."),
    target: Optional[str] = typer.Option(None, "--target", help="Target actor (code or name)."),
    type: Optional[str] = typer.Option(None, "--type", help="Event type, e.g. recognize."),
    polarity: Optional[str] = typer.Option(None, "--polarity", help="asserted, negated, hypothetical or reported-claim."),
    since: Optional[str] = typer.Option(None, "--since", help="Events on or after this date."),
    until: Optional[str] = typer.Option(None, "--until", help="Events on or before this date."),
    q: Optional[str] = typer.Option(None, "--q", help="Text the evidence sentence contains."),
    limit: Optional[int] = typer.Option(None, "--limit", help="At most this many events (default: all)."),
    format: EventFormat = typer.Option(None, "--format", "-f", help="Output format (default: table on a terminal, jsonl otherwise)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to FILE instead of stdout."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """List or export the stored events (merged across reports, with their mentions)."""
    from ..export.graph import export_events
    from . import fail

    fmt = format.value if format else ("table" if (sys.stdout.isatty() and not output) else "jsonl")
    try:
        with _graph(db) as g:
            filters = dict(source=source, target=target, type=type, polarity=polarity,
                           since=since, until=until, q=q)
            if limit is not None:
                evs = g.events(limit=limit, with_mentions=True, **filters)
            else:
                evs = g.iter_events(with_mentions=True, **filters)
            n = export_events(evs, fmt, output)
    except DiplographError as exc:
        raise fail(exc)
    if output:
        typer.echo(f"{n} event(s) written to {output}", err=True)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_cmd)
    app.command("recognition")(recognition_cmd)
    app.command("relations")(relations_cmd)
    app.command("events")(events_cmd)
