"""Store fixtures: every graph test runs on SQLite and on a private PostgreSQL 15 server.

The server is started once per session with initdb/pg_ctl (as the ``postgres`` user when
we are root) on a private port and socket folder, and stopped at the end. Without the
binaries the PostgreSQL half skips with the reason. DIPLOGRAPH_TEST_PG=postgresql://...
uses an existing server instead.
"""
from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

_found = shutil.which("initdb")
PG_BIN = Path(os.environ.get("DIPLOGRAPH_PG_BIN")
              or ("/usr/local/bin" if Path("/usr/local/bin/initdb").exists() or not _found
                  else Path(_found).parent))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    runuser = shutil.which("runuser")
    return [runuser, "-u", "postgres", "--", *cmd] if runuser else \
        ["su", "postgres", "-c", shlex.join(cmd)]


@pytest.fixture(scope="session")
def pg_server():
    """Base URL of a running PostgreSQL server (no database part)."""
    if os.environ.get("DIPLOGRAPH_TEST_PG"):
        yield os.environ["DIPLOGRAPH_TEST_PG"].rstrip("/")
        return
    initdb, pg_ctl = PG_BIN / "initdb", PG_BIN / "pg_ctl"
    if not (initdb.exists() and pg_ctl.exists()):
        pytest.skip(f"PostgreSQL binaries not found in {PG_BIN} (set DIPLOGRAPH_PG_BIN)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg 3 is not installed (pip install 'diplograph[postgres]')")
    if os.geteuid() == 0:
        try:
            import pwd
            pw = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user for initdb")
    base = Path(tempfile.mkdtemp(prefix="diplograph-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    os.chmod(base, 0o755)
    if os.geteuid() == 0:
        os.chown(base, pw.pw_uid, pw.pw_gid)
        os.chown(sock, pw.pw_uid, pw.pw_gid)
    port = _free_port()
    log = base / "server.log"
    try:
        subprocess.run(_as_postgres([str(initdb), "-D", str(data), "-U", "postgres",
                                     "--auth=trust", "-E", "UTF8", "--no-sync"]),
                       check=True, capture_output=True, timeout=120)
        opts = (f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off")
        subprocess.run(_as_postgres([str(pg_ctl), "-D", str(data), "-o", opts,
                                     "-l", str(log), "-w", "-t", "60", "start"]),
                       check=True, capture_output=True, timeout=90)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        shutil.rmtree(base, ignore_errors=True)
        pytest.skip(f"could not start PostgreSQL: {detail.decode(errors='replace')[-300:]}")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(_as_postgres([str(pg_ctl), "-D", str(data), "-m", "fast", "-w", "stop"]),
                       capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def _create_db(server: str) -> tuple[str, str]:
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name, f"{server}/{name}"


def _drop_db(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """A fresh, empty store URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'graph.db'}"
        return
    server = request.getfixturevalue("pg_server")
    name, url = _create_db(server)
    try:
        yield url
    finally:
        _drop_db(server, name)


@pytest.fixture
def graph(store_url):
    from diplograph.facade import Graph

    g = Graph(store_url)
    yield g
    g.close()
