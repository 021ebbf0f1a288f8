"""diplograph serve: the web UI and REST API over a graph."""
from __future__ import annotations

import typer

from ..errors import DiplographError, UsageError

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


def serve(
    db: str = typer.Option(None, "--db", help="Database URL or path (default: DIPLOGRAPH_DB, "
                                              "else ./diplograph.db)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (default: local only)."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    token: str = typer.Option(None, "--token", envvar="DIPLOGRAPH_TOKEN",
                              help="Allow POST /api/documents with 'Authorization: Bearer TOKEN'."),
    allow_private_urls: bool = typer.Option(False, "--allow-private-urls",
                                            help="Let POSTed URLs name private or loopback hosts."),
) -> None:
    """Serve the web UI and the REST API (read-only unless --token is given)."""
    from .. import cli

    try:
        import uvicorn

        from ..web import create_app
        if token is not None and len(token) < 8:
            raise UsageError("--token must be at least 8 characters")
        # on a local address, answer only to local names (a web page cannot rebind DNS to us)
        hosts = sorted(LOCAL_HOSTS | {host}) if host in LOCAL_HOSTS else None
        app = create_app(db, token=token, allow_private_urls=allow_private_urls,
                         allowed_hosts=hosts)
    except DiplographError as exc:
        raise cli.fail(exc) from exc
    if host not in LOCAL_HOSTS:
        typer.echo(f"warning: serving on {host}, reachable from other machines", err=True)
    typer.echo(f"diplograph on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
