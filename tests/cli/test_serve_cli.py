"""`diplograph serve`: options, the local default, refusing bad settings, a real start."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from typer.testing import CliRunner

from diplograph.cli import app

runner = CliRunner()


def test_help_names_every_option():
    res = runner.invoke(app, ["serve", "--help"])
    assert res.exit_code == 0
    for opt in ("--db", "--host", "--port", "--token", "--allow-private-urls"):
        assert opt in res.output


def test_defaults_bind_locally(monkeypatch, tmp_path):
    seen = {}

    def fake_run(app_, host, port, log_level):
        seen.update(app=app_, host=host, port=port)

    monkeypatch.setattr("uvicorn.run", fake_run)
    res = runner.invoke(app, ["serve", "--db", str(tmp_path / "g.db")])
    assert res.exit_code == 0, res.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8000
    assert seen["app"].state.token is None  # read-only
    from fastapi.testclient import TestClient
    local = TestClient(seen["app"], base_url="http://127.0.0.1:8000")
    assert local.get("/api/events").status_code == 200
    assert local.get("/api/events", headers={"Host": "localhost:8000"}).status_code == 200
    # a page elsewhere that rebinds its name to 127.0.0.1 gets nothing
    assert local.get("/api/events", headers={"Host": "evil.example"}).status_code == 400


def test_token_and_host_are_passed(monkeypatch, tmp_path):
    seen = {}
    monkeypatch.setattr("uvicorn.run", lambda app_, host, port, log_level: seen.update(
        app=app_, host=host, port=port))
    res = runner.invoke(app, ["serve", "--db", str(tmp_path / "g.db"), "--host", "0.0.0.0",
                              "--port", "8123", "--token", "long-enough-token"])
    assert res.exit_code == 0, res.output
    assert seen["host"] == "0.0.0.0" and seen["port"] == 8123
    assert seen["app"].state.token == "long-enough-token"
    assert "warning" in res.output  # a non-local bind is said out loud


def test_short_token_is_bad_usage(tmp_path):
    res = runner.invoke(app, ["serve", "--db", str(tmp_path / "g.db"), "--token", "short"])
    assert res.exit_code == 2 and "DG001" in res.output


def test_unopenable_db_is_an_error(tmp_path):
    res = runner.invoke(app, ["serve", "--db", str(tmp_path / "missing" / "dir" / "g.db")])
    assert res.exit_code == 1 and "DG200" in res.output


def test_serve_answers_over_http(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "DIPLOGRAPH_DB": str(tmp_path / "g.db")}
    proc = subprocess.Popen([sys.executable, "-c", "from diplograph.cli import main; main()",
                             "serve", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/events") as r:
                    assert r.status == 200
                    assert b'"items":[]' in r.read()
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"server did not start: {proc.stderr.read().decode()}")
                time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(10)
