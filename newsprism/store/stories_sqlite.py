"""The stories part of the SQLite store: embeddings, story signals, stories and their members.

A mixin of SQLiteStore (tables from migrations 02xx), so the core store module stays about articles.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Sequence

import numpy as np

__all__ = ["StoriesMixin"]

_STORY_ORDER = "coalesce(s.last_published, '') DESC, s.articles DESC, s.id DESC"


class StoriesMixin:
    db: Any

    def _tx(self) -> Any: ...

    # -- embeddings and signals ------------------------------------------------------------------
    def put_embeddings(self, model: str, items: dict[str, np.ndarray]) -> None:
        with self._tx():
            self.db.executemany("INSERT OR REPLACE INTO embeddings(article_id, model, dim, vector) VALUES (?,?,?,?)",
                                [(k, model, int(v.size), np.asarray(v, np.float32).tobytes())
                                 for k, v in items.items()])

    def get_embeddings(self, model: str, article_ids: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(article_ids), 500):
            chunk = list(article_ids[i:i + 500])
            rows = self.db.execute(f"SELECT article_id, vector FROM embeddings WHERE model=? AND article_id IN "
                                   f"({','.join('?' * len(chunk))})", (model, *chunk))
            found.update({r[0]: np.frombuffer(r[1], dtype=np.float32) for r in rows})
        return found

    def put_story_signals(self, article_id: str, version: str, entity: list[str], words: list[str],
                          minhash: np.ndarray, agencies: list[str]) -> None:
        with self._tx():
            self.db.execute("INSERT OR REPLACE INTO story_signals VALUES (?,?,?,?,?,?)",
                            (article_id, version, json.dumps(entity, ensure_ascii=False),
                             json.dumps(words, ensure_ascii=False), np.asarray(minhash, np.uint64).tobytes(),
                             json.dumps(agencies)))

    def get_story_signals(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for i in range(0, len(article_ids), 500):
            chunk = list(article_ids[i:i + 500])
            rows = self.db.execute(f"SELECT * FROM story_signals WHERE article_id IN ({','.join('?' * len(chunk))})",
                                   chunk)
            for r in rows:
                found[r["article_id"]] = {"version": r["version"], "entity": json.loads(r["entity_terms"]),
                                          "words": json.loads(r["word_terms"]),
                                          "minhash": np.frombuffer(r["minhash"], dtype=np.uint64),
                                          "agencies": json.loads(r["agencies"])}
        return found

    # -- stories ---------------------------------------------------------------------------------
    def ensure_story(self, story_id: int, settings: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO stories(id, settings) VALUES (?, ?)", (story_id, settings))

    def put_member(self, article_id: str, story_id: int, score: float, group: str, settings: str) -> None:
        with self._tx():
            self.ensure_story(story_id, settings)
            self.db.execute("INSERT OR REPLACE INTO story_members(article_id, story_id, score, syndication_group)"
                            " VALUES (?,?,?,?)", (article_id, story_id, score, group))

    def clear_stories(self) -> None:
        with self._tx():
            self.db.execute("DELETE FROM story_members")
            self.db.execute("DELETE FROM stories")

    def members_in_order(self) -> list[dict[str, Any]]:
        """Every assigned article in the order it joined (to rebuild the incremental index)."""
        rows = self.db.execute("SELECT article_id, story_id, syndication_group FROM story_members ORDER BY rowid")
        return [dict(r) for r in rows]

    def unassigned_article_ids(self) -> list[str]:
        rows = self.db.execute("SELECT a.id FROM articles a LEFT JOIN story_members m ON m.article_id = a.id "
                               "WHERE m.article_id IS NULL ORDER BY a.rowid")
        return [r[0] for r in rows]

    def story_member_rows(self, story_id: int) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT a.id, a.outlet, a.title, a.published, a.language, substr(a.text, 1, 200) AS lead, m.score,"
            " m.syndication_group FROM story_members m JOIN articles a ON a.id = m.article_id"
            " WHERE m.story_id = ? ORDER BY coalesce(a.published, ''), m.rowid", (story_id,))
        return [dict(r) for r in rows]

    def update_story_summary(self, story_id: int, summary: dict[str, Any]) -> None:
        with self._tx():
            self.db.execute(
                "UPDATE stories SET title=?, first_published=?, last_published=?, articles=?, outlets=?,"
                " independent_sources=?, updated_at=strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id=?",
                (summary["title"], summary["first_published"], summary["last_published"], summary["articles"],
                 summary["outlets"], summary["independent_sources"], story_id))

    def list_stories(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT s.id, s.title, s.first_published, s.last_published, s.articles, s.outlets,"
            f" s.independent_sources FROM stories s ORDER BY {_STORY_ORDER} LIMIT ? OFFSET ?", (limit, offset))
        return [dict(r) for r in rows]

    def get_story(self, story_id: int) -> dict[str, Any] | None:
        row = self.db.execute("SELECT id, title, first_published, last_published, articles, outlets,"
                              " independent_sources, settings, updated_at FROM stories WHERE id=?",
                              (story_id,)).fetchone()
        if row is None:
            return None
        return {**dict(row), "members": self.story_member_rows(story_id)}

    def story_of(self, article_id: str) -> int | None:
        row = self.db.execute("SELECT story_id FROM story_members WHERE article_id=?", (article_id,)).fetchone()
        return row[0] if row else None

    def story_ids(self) -> Iterable[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM stories ORDER BY id")]

    def story_inputs(self, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """What the story stage reads of each article (all articles when no ids are given), in rowid order."""
        sql = "SELECT id, title, text, published, outlet, language, json_extract(data, '$.agencies') AS agencies FROM articles"
        if article_ids is None:
            rows = self.db.execute(sql + " ORDER BY rowid").fetchall()
        else:
            rows = []
            for i in range(0, len(article_ids), 500):
                chunk = list(article_ids[i:i + 500])
                rows += self.db.execute(sql + f" WHERE id IN ({','.join('?' * len(chunk))}) ORDER BY rowid",
                                        chunk).fetchall()
        return [{**dict(r), "agencies": json.loads(r["agencies"] or "[]")} for r in rows]
