"""`diplograph watch`: poll feeds and ingest new articles into the graph until stopped."""
from __future__ import annotations

import signal
import sys
import time
from typing import Optional

import typer


class _Interrupted(BaseException):
    """Raised by the signal handler outside writes, so a stop takes effect at once."""


def watch_cmd(
    feeds: list[str] = typer.Argument(..., metavar="FEED_OR_LIST...",
                                      help="Feed or sitemap URLs, feed files, or text files "
                                           "listing one feed URL a line."),
    every: str = typer.Option("15m", "--every", help="Time between polls: 30s, 15m, 1h, 1h30m."),
    db: Optional[str] = typer.Option(None, "--db", help="Database URL or SQLite path "
                                     "(default: DIPLOGRAPH_DB, else ./diplograph.db)."),
    once: bool = typer.Option(False, "--once", help="Poll every feed once and exit."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Log only failures."),
    state: Optional[str] = typer.Option(None, "--state", help="Watch state file (default: "
                                        "beside the SQLite database, DB.watch.json)."),
    allow_private: bool = typer.Option(False, "--allow-private", help="Allow feeds and "
                                       "articles on private, loopback and link-local addresses."),
    actors: Optional[str] = typer.Option(None, "--actors", help="Extra or overriding actors file."),
) -> None:
    """Poll feeds and ingest new articles into the graph; stop with Ctrl-C or SIGTERM."""
    from ..api import code_document
    from ..errors import DiplographError
    from ..api import Watcher, WatchState, parse_interval, state_path_for
    from ..settings import load_settings
    from . import fail

    def log(line: str, *, always: bool = False) -> None:
        if always or not quiet or line.lstrip().startswith("!") or ": failed:" in line:
            typer.echo(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {line}", err=True)

    graph, reports = None, []
    try:
        seconds = parse_interval(every)
        settings = load_settings(db=db, actors=actors,
                                 allow_private_urls=True if allow_private else None)
        state_file = state or state_path_for(settings.db)
        watcher = Watcher(feeds, settings=settings, state=WatchState.load(state_file),
                          code=lambda doc: code_document(doc, settings=settings),
                          sink=lambda results: graph.add(results), log=log)
    except DiplographError as exc:
        raise fail(exc)

    def on_signal(signum, frame):
        watcher.stop.set()
        if not watcher.in_critical:
            raise _Interrupted()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        from ..facade import Graph

        with watcher.critical():  # opening may migrate the schema: not to be cut short
            graph = Graph(settings.db)
        log(f"watching {len(feeds)} source(s) every {every} into {settings.db} "
            f"(state: {state_file})")
        reports = watcher.run(seconds, once=once)
    except _Interrupted:
        pass
    except DiplographError as exc:
        raise fail(exc)
    finally:
        watcher.in_critical = True  # a second signal must not cut the clean-up short
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if graph is not None:
            graph.close()
    log("stopped" if watcher.stop.is_set() else "done")
    sys.stdout.flush()
    if watcher.stop.is_set():
        # Everything is stored and closed. Without this, collecting the objects of the
        # loaded libraries at interpreter exit takes most of a second.
        import gc
        gc.freeze()
    if once and any(r.status == "failed" for r in reports):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("watch")(watch_cmd)
