"""The store interface: what every backend (SQLite now, a server database later) provides."""

from __future__ import annotations

import threading
from typing import Any, Iterator, Protocol

from ..model import Article, Rejected

__all__ = ["Store", "PerThreadConnections"]


class Store(Protocol):
    def has_input(self, raw_hash: str) -> bool: ...
    def add_article(self, article: Article) -> bool: ...
    def mark_seen(self, raw_hash: str, source: str, article_id: str | None) -> None: ...
    def add_rejected(self, rejected: Rejected) -> None: ...
    def get_article(self, id_or_prefix: str) -> Article | None: ...
    def list_articles(self, limit: int = 50, offset: int = 0, outlet: str | None = None) -> list[dict[str, Any]]: ...
    def iter_articles(self) -> Iterator[Article]: ...
    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]: ...
    def list_rejected(self, limit: int = 100) -> list[Rejected]: ...
    def put_analysis(self, article_id: str, component: str, version: str, data: Any) -> None: ...
    def get_analysis(self, article_id: str) -> dict[str, dict[str, Any]]: ...
    def stats(self) -> dict[str, Any]: ...
    def close(self) -> None: ...


class PerThreadConnections:
    """One database connection per thread, opened on first use (neither sqlite3 nor psycopg
    connections may be shared between threads, and the web app calls views from worker threads).
    Subclasses open a connection in `_open()` and may say in `_is_closed()` when one must be reopened."""

    def _init_connections(self) -> None:
        self._local = threading.local()
        self._connections: list[Any] = []

    def _open(self) -> Any:
        raise NotImplementedError

    def _is_closed(self, conn: Any) -> bool:
        return False

    @property
    def db(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None or self._is_closed(conn):
            conn = self._local.conn = self._open()
            self._connections.append(conn)
        return conn

    def close(self) -> None:
        for conn in self._connections:
            conn.close()
        self._connections.clear()
        self._local = threading.local()

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
