from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSPRISM_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data"
SEEDS = DATA / "seeds"


def eval_on_bad_file(tmp_path: Path, task: str, content: str) -> subprocess.CompletedProcess:
    """`newsprism eval TASK --data bad.jsonl` on a file holding `content`, in a child process, so that a
    traceback would reach its stderr."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text(content, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "newsprism.present.cli", "eval", task, "--data", str(bad)],
                          capture_output=True, text=True)


@pytest.fixture
def store(tmp_path_factory):
    from newsprism.store import SQLiteStore

    s = SQLiteStore(tmp_path_factory.mktemp("store") / "test.db")
    yield s
    s.close()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not DATA.is_dir():
        pytest.fail(f"the shared corpora are missing: expected {DATA} (../shared beside the checkout)")
    return DATA


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory):
    """A real PostgreSQL 16 server (with pgvector), from the pgserver wheel, for this test session."""
    import pgserver

    server = pgserver.get_server(tmp_path_factory.mktemp("pgdata"), cleanup_mode="stop")
    yield server
    server.cleanup()


def pg_database_url(server, name: str) -> str:
    """A fresh, empty database on `server`; returns its URL."""
    server.psql(f'DROP DATABASE IF EXISTS "{name}"')
    server.psql(f'CREATE DATABASE "{name}"')
    return server.get_uri(name)


@pytest.fixture(params=["sqlite", "postgres"])
def any_store(request, tmp_path):
    """The same store contract on both backends: a fresh SQLite file or a fresh PostgreSQL database."""
    from newsprism.store import open_store

    if request.param == "sqlite":
        location = str(tmp_path / "test.db")
    else:
        location = pg_database_url(request.getfixturevalue("pg_server"), f"t_{tmp_path.name.lower()[-40:]}")
    s = open_store(location)
    yield s
    s.close()
