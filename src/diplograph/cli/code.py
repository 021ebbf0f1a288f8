"""`diplograph code`: code documents and print their events; stores nothing."""
from __future__ import annotations

import sys
from enum import Enum
from typing import Optional

import typer

from ..api import code_documents
from ..errors import DiplographError
from ..export.events import write_events
from ..settings import load_settings


class CodeFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    cameo = "cameo"
    plover = "plover"


def code_cmd(
    paths: list[str] = typer.Argument(..., help="Files, directories, URLs, '-' for stdin, or documents JSONL."),
    format: CodeFormat = typer.Option(None, "--format", "-f", help="Output format (default: table on a terminal, jsonl otherwise)."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD for every document."),
    actors: Optional[str] = typer.Option(None, "--actors", help="Extra or overriding actors file (CSV or JSONL)."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Worker processes on a local Dask cluster (default: 1, this process)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Address of an existing Dask scheduler to code on."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary on stderr."),
) -> None:
    """Code documents and print their events; stores nothing."""
    from . import fail

    fmt = (format.value if format else ("table" if sys.stdout.isatty() else "jsonl"))
    try:
        settings = load_settings(actors=actors, workers=workers)
        if workers is not None and workers > 1:  # a local Dask cluster (diplograph.batch)
            from ..batch import code_batch
            results = code_batch(paths, workers=workers, published=published, settings=settings)
        else:
            results = code_documents(paths, published=published, settings=settings,
                                 scheduler=scheduler)
        failures = []
        n_docs = n_events = 0

        def events():
            nonlocal n_docs, n_events
            for res in results:
                if res.failure:
                    failures.append(res.failure)
                    typer.echo(f"skipped: {res.failure.message}", err=True)
                    continue
                n_docs += 1
                n_events += len(res.events)
                yield from res.events

        write_events(events(), fmt, sys.stdout)
    except DiplographError as exc:
        raise fail(exc)
    if not quiet:
        typer.echo(f"{n_docs} document(s) coded, {n_events} event(s), {len(failures)} failed",
                   err=True)
    if failures:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("code")(code_cmd)
