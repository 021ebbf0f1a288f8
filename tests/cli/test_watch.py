"""`diplograph watch` end to end: a subprocess polling a local feed into a SQLite graph."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.ingest.conftest import site  # noqa: F401  (the local test site fixture)

pytestmark = pytest.mark.slow


def start(args, tmp_path):
    env = dict(os.environ, DIPLOGRAPH_CONFIG=str(tmp_path / "none.toml"),
               DIPLOGRAPH_FETCH_TIMEOUT="5", DIPLOGRAPH_FETCH_RETRIES="0")
    env.pop("DIPLOGRAPH_DB", None)
    return subprocess.Popen([sys.executable, "-c", "from diplograph.cli import main; main()",
                             "watch", *args], env=env, cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def seen(state_file) -> set[str]:
    try:
        return set(json.loads(state_file.read_text())["seen"])
    except (OSError, ValueError, KeyError):
        return set()


def wait_for(predicate, proc, timeout=120.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        if proc.poll() is not None:
            raise AssertionError(f"watch exited early: {proc.stderr.read()}")
        time.sleep(0.1)
    proc.kill()
    raise AssertionError(f"timed out; stderr: {proc.stderr.read()}")


def stop(proc) -> float:
    """SIGTERM the watcher; the seconds it took to exit."""
    sent = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError("watch did not stop on SIGTERM")
    return time.monotonic() - sent


def stored_urls(db) -> list[str]:
    from diplograph import Graph
    with Graph(str(db)) as g:
        assert g.check() == [], "the store is not consistent"
        return sorted(d.get("url") for d in g.documents(limit=1000))


def test_watch_ingests_new_entries_skips_seen_and_stops_on_sigterm(site, tmp_path):
    db, state = tmp_path / "graph.db", tmp_path / "graph.db.watch.json"
    feed = site.base + "/feed.rss"
    u = lambda slug: f"{site.base}/article/{slug}"  # noqa: E731
    proc = start([feed, "--every", "1s", "--db", str(db), "--allow-private"], tmp_path)
    wait_for(lambda: {u("one"), u("two")} <= seen(state), proc)
    site.feed_slugs = ["three", "one", "two"]  # a new entry appears
    wait_for(lambda: u("three") in seen(state), proc)
    took = stop(proc)
    print(f"watch stopped {took:.3f}s after SIGTERM")
    err = proc.stderr.read()
    assert proc.returncode == 0, err
    assert took < 2.0, f"took {took:.2f}s to stop"  # the contract is 1 s; slack for a busy CI
    assert "ingested" in err and "stopped" in err
    assert stored_urls(db) == [u("one"), u("three"), u("two")]
    assert site.hits["/article/one"] == 1

    # a restart: seen entries are not fetched again, the new one is ingested
    site.feed_slugs = ["four", "three", "one", "two"]
    proc = start([feed, "--once", "--db", str(db), "--allow-private", "--quiet"], tmp_path)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert stored_urls(db) == [u("four"), u("one"), u("three"), u("two")]
    assert site.hits["/article/one"] == 1 and site.hits["/article/four"] == 1
    assert "ingested" not in err  # --quiet logs failures only


def stderr_lines(proc) -> "queue.Queue[str | None]":
    """The watcher's stderr, line by line as it comes (None at the end)."""
    import queue
    import threading

    lines: queue.Queue = queue.Queue()

    def pump():
        for line in proc.stderr:
            lines.put(line)
        lines.put(None)
    threading.Thread(target=pump, daemon=True).start()
    return lines


def test_sigterm_while_starting_leaves_a_usable_store(site, tmp_path):
    db = tmp_path / "graph.db"
    proc = start([site.base + "/feed.rss", "--every", "1s", "--db", str(db),
                  "--allow-private"], tmp_path)
    lines, seen_lines = stderr_lines(proc), []
    # the first poll starts right after this line: the stop lands while it fetches the
    # feed, loads the model or codes (a fixed sleep raced the interpreter's own start-up
    # on a loaded machine, before any handler can exist)
    while not any("watching" in line for line in seen_lines):
        line = lines.get(timeout=120)
        assert line is not None, "watch exited early: " + "".join(seen_lines)
        seen_lines.append(line)
    stop(proc)
    assert proc.returncode == 0, "".join(seen_lines)
    if db.exists():
        stored_urls(db)  # consistent (check() is empty)


def test_private_addresses_are_refused_without_the_flag(site, tmp_path):
    proc = start([site.base + "/feed.rss", "--once", "--db", str(tmp_path / "g.db")], tmp_path)
    out, err = proc.communicate(timeout=120)
    assert "private or local address" in err
    assert proc.returncode == 1  # --once: a feed that failed is an error
    assert not site.hits
