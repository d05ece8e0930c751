"""Stores: SQLite by default, PostgreSQL for a `postgresql://` URL; `open_store` picks one."""

from __future__ import annotations

import os
from pathlib import Path

from .base import Store
from .sqlite import SQLiteStore

__all__ = ["Store", "SQLiteStore", "open_store", "default_db_path"]


def default_db_path() -> str:
    return os.environ.get("NEWSPRISM_DB") or str(Path(".newsprism") / "newsprism.db")


def open_store(location: str | None = None) -> Store:
    location = location or default_db_path()
    if location.startswith(("postgres://", "postgresql://")):
        from .postgres import PostgresStore

        return PostgresStore(location)
    return SQLiteStore(location.removeprefix("sqlite:///"))
