"""`diplograph actors`: show how names resolve, list the actor table, import dictionaries."""
from __future__ import annotations

import csv
import json
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ..errors import DiplographError, UsageError


class LookupFormat(str, Enum):
    table = "table"
    json = "json"


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


actors_app = typer.Typer(help="Show how names resolve to actors; list and import actor tables.",
                         no_args_is_help=True)


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--on must be a date YYYY-MM-DD, not {value!r}")


def _extra(actors: str | None) -> str | None:
    from ..settings import load_settings

    return load_settings(actors=actors).actors


@actors_app.command("lookup")
def lookup_cmd(
    name: str = typer.Argument(..., help="A name, title or code, e.g. 'the Kremlin' or 'Kuleba'."),
    on: Optional[str] = typer.Option(None, "--on", help="Resolve people and offices at this date YYYY-MM-DD (default: today)."),
    format: LookupFormat = typer.Option(LookupFormat.table, "--format", "-f", help="table or json."),
    actors: Optional[str] = typer.Option(None, "--actors", help="Extra or overriding actors file (CSV, JSONL or PETRARCH dictionary)."),
) -> None:
    """How NAME resolves: code, role, name, wikidata, kind (null when it is no actor)."""
    from . import fail
    from ..api import lookup_actor as lookup

    try:
        when = _date(on) or date.today()
        found = lookup(name, when, actors=_extra(actors))
    except DiplographError as exc:
        raise fail(exc)
    if format == LookupFormat.json:
        typer.echo(json.dumps(found.to_dict() if found else None, ensure_ascii=False))
        return
    if found is None:
        typer.echo(f"{name!r}: no actor")
        return
    for key, value in found.to_full_dict().items():
        if value is not None:
            typer.echo(f"{key:16} {value}")


@actors_app.command("list")
def list_cmd(
    kind: Optional[str] = typer.Option(None, "--kind", "-k", help="Only this kind: state, entity, org, ngo, group or territory."),
    format: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table, json or csv."),
    actors: Optional[str] = typer.Option(None, "--actors", help="Extra or overriding actors file."),
) -> None:
    """List the known actors (code, kind, name, wikidata, number of aliases)."""
    from . import fail
    from ..api import actor_index as load_actor_index

    try:
        index = load_actor_index(_extra(actors))
    except DiplographError as exc:
        raise fail(exc)
    counts: dict[str, int] = {}
    for entry in index.entries:
        counts[entry.code] = counts.get(entry.code, 0) + 1
    rows = [{"code": a.code, "kind": a.kind, "name": a.name, "wikidata": a.wikidata,
             "aliases": counts.get(a.code, 0)}
            for a in sorted(index.actors.values(), key=lambda a: a.code)
            if kind is None or a.kind == kind]
    if format == ListFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif format == ListFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=["code", "kind", "name", "wikidata", "aliases"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        for r in rows:
            typer.echo(f"{r['code']:<11} {r['kind']:<9} {r['wikidata'] or '-':<10} {r['name']}")
        typer.echo(f"{len(rows)} actor(s)", err=True)


@actors_app.command("import")
def import_cmd(
    file: Path = typer.Argument(..., help="A PETRARCH or TABARI actor dictionary."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the aliases CSV here (default: stdout)."),
) -> None:
    """Convert a PETRARCH/TABARI dictionary into an actors CSV usable with --actors."""
    from . import fail
    from ..errors import ConfigError
    from ..api import parse_actor_dictionary as parse_dictionary

    try:
        if not file.is_file():
            raise ConfigError(f"dictionary {file} does not exist")
        try:
            text = file.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise ConfigError(f"cannot read {file}: {exc}")
        rows = parse_dictionary(text, origin=str(file))
    except DiplographError as exc:
        raise fail(exc)
    columns = ["text", "code", "role", "via", "case", "start", "end"]
    out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    finally:
        if output:
            out.close()
    typer.echo(f"{len(rows)} alias row(s)", err=True)


def register(app: typer.Typer) -> None:
    app.add_typer(actors_app, name="actors")
