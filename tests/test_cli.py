"""The CLI as a user runs it: subprocesses, exit codes, no tracebacks, interrupted runs resumed."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import DATA, ROOT, SEEDS

BENCH_HTML = DATA / "article-extraction-benchmark" / "html"
# Resumability is the ingest stage's property: analysis and stories would only slow these tests down.
FAST = ("--no-analyze", "--no-stories")


def run(*args: str, db: Path, stdin: bytes | None = None, check_rc: int | None = 0):
    env = {**os.environ, "NEWSPRISM_DB": str(db), "COLUMNS": "200"}
    proc = subprocess.run([sys.executable, "-m", "newsprism.present.cli", *args], input=stdin,
                          capture_output=True, env=env, cwd=ROOT, timeout=300)
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert "Traceback" not in out + err, out + err
    if check_rc is not None:
        assert proc.returncode == check_rc, (proc.returncode, out, err)
    return proc.returncode, out, err


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _ids(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("SELECT id FROM articles")]
    finally:
        con.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pages")
    for src in sorted(BENCH_HTML.glob("*.html.gz"))[:120]:
        shutil.copy(src, folder / src.name)
    return folder


def test_killed_ingest_resumes_and_stores_every_article_exactly_once(pages, tmp_path):
    reference = tmp_path / "reference.db"
    run("ingest", "-q", *FAST, str(pages), db=reference, check_rc=None)
    expected = sorted(_ids(reference))
    assert len(expected) >= 100

    db = tmp_path / "killed.db"
    env = {**os.environ, "NEWSPRISM_DB": str(db)}
    proc = subprocess.Popen([sys.executable, "-m", "newsprism.present.cli", "ingest", "-q", *FAST, str(pages)],
                            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while _count(db) < 10 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.01)
    assert proc.poll() is None, "the ingest ended before the kill: the test needs more pages"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored_when_killed = _count(db)
    assert 0 < stored_when_killed < len(expected), "the kill must land midway"

    run("ingest", "-q", *FAST, str(pages), db=db, check_rc=None)
    ids = _ids(db)
    assert len(ids) == len(set(ids))
    assert sorted(ids) == expected


def test_interrupt_says_how_to_resume(pages, tmp_path):
    db = tmp_path / "int.db"
    env = {**os.environ, "NEWSPRISM_DB": str(db)}
    # Another test's server (Dask, PostgreSQL) may leave SIGINT ignored in this process, and an ignored
    # signal is inherited: give the child the default disposition, as a terminal would.
    proc = subprocess.Popen([sys.executable, "-m", "newsprism.present.cli", "ingest", "-q", *FAST, str(pages)],
                            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 120
    while _count(db) < 5 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.01)
    assert proc.poll() is None, "the ingest ended before the interrupt: the test needs more pages"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert b"resume" in err and b"Traceback" not in err


def test_ingest_list_show_search_stats_on_the_seeds(tmp_path):
    db = tmp_path / "np.db"
    _, out, _ = run("ingest", str(SEEDS / "000_b6d28b3d5f38a964.txt"), str(SEEDS / "002_e2b5d6b51d6234c6.txt"),
                    db=db)
    assert out.startswith("2 added")
    _, out, _ = run("ingest", str(SEEDS), db=db, check_rc=1)  # gold.json is not an article: rejected
    assert "0 added" in out
    rows = json.loads(run("list", "--json", db=db)[1])
    assert len(rows) == 2
    article = json.loads(run("show", rows[0]["id"][:8], "--json", db=db)[1])
    assert article["sentences"] and all(
        article["text"][s["start"]:s["end"]] == s["text"] for s in article["sentences"])
    _, out, _ = run("search", "tomatoes", "--json", db=db)
    assert len(json.loads(out)) == 1
    stats = json.loads(run("stats", "--json", db=db)[1])
    assert stats["articles"] == 2 and stats["schema_version"] >= 1


def test_errors_are_one_clear_line_and_a_non_zero_exit(tmp_path):
    db = tmp_path / "np.db"
    rc, out, err = run("show", "ffffffff", db=db, check_rc=None)
    assert rc != 0 and "newsprism list" in err
    rc, out, err = run("ingest", str(tmp_path / "missing.txt"), db=db, check_rc=1)
    assert "no such file" in err
    rc, out, err = run("eval", "extraction", "--data", str(tmp_path), db=db, check_rc=None)
    assert rc != 0 and "ground-truth.json" in err


def test_extract_prints_json_without_storing(tmp_path):
    db = tmp_path / "np.db"
    _, out, _ = run("extract", str(SEEDS / "002_e2b5d6b51d6234c6.txt"), "--json", db=db)
    article = json.loads(out)
    assert "Erdogan" in article["text"] and not db.exists()


def test_stdin_ingest(tmp_path):
    db = tmp_path / "np.db"
    text = (SEEDS / "002_e2b5d6b51d6234c6.txt").read_bytes()
    _, out, _ = run("ingest", "-", db=db, stdin=text)
    assert out.startswith("1 added")
