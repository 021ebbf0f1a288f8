"""The Typer command line: parse, call the API, format. One module per command group."""
from __future__ import annotations

import sys

import typer

from ..errors import DiplographError, UsageError

app = typer.Typer(
    name="diplograph",
    help="Code diplomatic events from news and query who recognises whom, and since when.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__
        typer.echo(f"diplograph {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """Code diplomatic events from news and query who recognises whom, and since when."""


def fail(exc: DiplographError) -> "typer.Exit":
    """Print a coded error on stderr and return the Exit to raise (1, or 2 for usage)."""
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(2 if isinstance(exc, UsageError) else 1)


def _register() -> None:
    from . import actors, code, eval, graph, serve, watch  # noqa: A004

    for module in (code, graph, actors, watch, serve, eval):
        module.register(app)


_register()


def main() -> None:
    try:
        app()
    except DiplographError as exc:  # last resort; commands handle their own
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2 if isinstance(exc, UsageError) else 1)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
