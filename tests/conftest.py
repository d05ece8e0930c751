from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSPRISM_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data"
SEEDS = DATA / "seeds"


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
