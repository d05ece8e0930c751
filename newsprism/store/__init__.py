"""Stores: SQLite by default; `open_store` picks a backend from a path or database URL."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import StoreError
from .base import Store
from .sqlite import SQLiteStore

__all__ = ["Store", "SQLiteStore", "open_store", "default_db_path"]


def default_db_path() -> str:
    return os.environ.get("NEWSPRISM_DB") or str(Path(".newsprism") / "newsprism.db")


def open_store(location: str | None = None) -> Store:
    location = location or default_db_path()
    if location.startswith(("postgres://", "postgresql://")):
        raise StoreError("no-backend", "PostgreSQL stores are not available in this version.",
                         "Use a SQLite file path for --db.")
    return SQLiteStore(location.removeprefix("sqlite:///"))
