"""Store methods for sources (feeds, fetched URLs, article revisions), mixed into SQLiteStore."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any, Protocol

from ..model import Article, content_id
from .base import Store

__all__ = ["SourcesMixin", "SourceStore"]


class SourceStore(Store, Protocol):
    """A store that also keeps feeds, fetched URLs and revisions (what the sources stage needs)."""

    def add_feed(self, url: str, title: str | None = None, outlet: str | None = None,
                 language: str | None = None) -> bool: ...
    def remove_feed(self, url: str) -> bool: ...
    def list_feeds(self) -> list[dict[str, Any]]: ...
    def update_feed(self, url: str, status: str, etag: str | None = None,
                    last_modified: str | None = None) -> None: ...
    def get_fetched(self, url_key: str) -> dict[str, Any] | None: ...
    def record_fetch(self, url_key: str, url: str, article_id: str | None, etag: str | None = None,
                     last_modified: str | None = None, entry_updated: str | None = None) -> None: ...
    def add_revision(self, article_id: str, article: Article) -> int: ...
    def list_revisions(self, article_id: str) -> list[dict[str, Any]]: ...


class SourcesMixin:
    db: sqlite3.Connection
    _tx: Callable[[], Any]  # the store's transaction context

    # -- feeds ----------------------------------------------------------------------------------
    def add_feed(self, url: str, title: str | None = None, outlet: str | None = None,
                 language: str | None = None) -> bool:
        with self._tx():
            cur = self.db.execute("INSERT OR IGNORE INTO feeds(url, title, outlet, language) VALUES (?,?,?,?)",
                                  (url, title, outlet, language))
        return cur.rowcount == 1

    def remove_feed(self, url: str) -> bool:
        with self._tx():
            return self.db.execute("DELETE FROM feeds WHERE url=?", (url,)).rowcount == 1

    def list_feeds(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute("SELECT * FROM feeds ORDER BY added_at, url")]

    def update_feed(self, url: str, status: str, etag: str | None = None, last_modified: str | None = None) -> None:
        with self._tx():
            self.db.execute(
                "UPDATE feeds SET last_status=?, last_polled=strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),"
                " etag=coalesce(?, etag), last_modified=coalesce(?, last_modified) WHERE url=?",
                (status, etag, last_modified, url))

    # -- fetched URLs ---------------------------------------------------------------------------
    def get_fetched(self, url_key: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM fetched_urls WHERE url_key=?", (url_key,)).fetchone()
        return dict(row) if row else None

    def record_fetch(self, url_key: str, url: str, article_id: str | None, etag: str | None = None,
                     last_modified: str | None = None, entry_updated: str | None = None) -> None:
        with self._tx():
            self.db.execute(
                "INSERT INTO fetched_urls(url_key, url, article_id, etag, last_modified, entry_updated)"
                " VALUES (?,?,?,?,?,?) ON CONFLICT(url_key) DO UPDATE SET url=excluded.url,"
                " article_id=coalesce(excluded.article_id, article_id), etag=coalesce(excluded.etag, etag),"
                " last_modified=coalesce(excluded.last_modified, last_modified),"
                " entry_updated=coalesce(excluded.entry_updated, entry_updated),"
                " fetched_at=strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
                (url_key, url, article_id, etag, last_modified, entry_updated))

    # -- revisions ------------------------------------------------------------------------------
    def add_revision(self, article_id: str, article: Article) -> int:
        """Make `article` (a changed re-fetch) the latest revision of `article_id`; returns its number.

        The article keeps its id so stories and comparisons that cite it stay valid; its per-component
        analysis is dropped because it described the old text.
        """
        with self._tx():
            current = self.db.execute("SELECT title, text, url, created_at FROM articles WHERE id=?",
                                      (article_id,)).fetchone()
            if current is None:
                raise KeyError(article_id)
            last = self.db.execute("SELECT max(revision) FROM revisions WHERE article_id=?",
                                   (article_id,)).fetchone()[0]
            if last is None:
                self._insert_revision(article_id, 1, current["title"], current["text"], current["url"],
                                      current["created_at"])
                last = 1
            self._insert_revision(article_id, last + 1, article.title, article.text, article.url, None)
            self._replace_text(article_id, article)
        return last + 1

    def _insert_revision(self, article_id: str, number: int, title: str | None, text: str, url: str | None,
                         fetched_at: str | None) -> None:
        self.db.execute("INSERT INTO revisions(article_id, revision, text_hash, title, text, url, fetched_at)"
                        " VALUES (?,?,?,?,?,?,coalesce(?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))",
                        (article_id, number, content_id(text), title, text, url, fetched_at))

    def _replace_text(self, article_id: str, article: Article) -> None:
        data = article.to_dict()
        data.pop("text")
        data.pop("analysis")
        data["id"] = article_id
        self.db.execute("UPDATE articles SET text=?, title=?, raw_hash=?, data=? WHERE id=?",
                        (article.text, article.title, article.raw_hash, json.dumps(data, ensure_ascii=False),
                         article_id))
        self.db.execute("DELETE FROM analysis WHERE article_id=?", (article_id,))
        if article.raw_hash:
            self.db.execute("INSERT OR IGNORE INTO seen_inputs(raw_hash, article_id, source) VALUES (?,?,?)",
                            (article.raw_hash, article_id, article.source))

    def list_revisions(self, article_id: str) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT revision, text_hash, title, text, url, fetched_at FROM revisions"
                               " WHERE article_id=? ORDER BY revision", (article_id,))
        return [dict(r) for r in rows]
