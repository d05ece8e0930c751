"""The stories part of the PostgreSQL store: the same methods as store.stories_sqlite.StoriesMixin."""

from __future__ import annotations

import json
from typing import Any, Iterable, Sequence

import numpy as np

__all__ = ["PostgresStoriesMixin"]

_STORY_ORDER = "coalesce(s.last_published, '') DESC, s.articles DESC, s.id DESC"
_NOW = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"


class PostgresStoriesMixin:
    db: Any

    def _tx(self) -> Any: ...
    def _all(self, sql: str, args: tuple[Any, ...] = ()) -> list[dict[str, Any]]: ...
    def _one(self, sql: str, args: tuple[Any, ...] = ()) -> dict[str, Any] | None: ...

    def put_embeddings(self, model: str, items: dict[str, np.ndarray]) -> None:
        with self._tx(), self.db.cursor() as cur:
            cur.executemany("INSERT INTO embeddings(article_id, model, dim, vector) VALUES (%s,%s,%s,%s)"
                            " ON CONFLICT (article_id, model) DO UPDATE SET dim=excluded.dim, vector=excluded.vector",
                            [(k, model, int(v.size), np.asarray(v, np.float32).tobytes()) for k, v in items.items()])

    def get_embeddings(self, model: str, article_ids: Sequence[str]) -> dict[str, np.ndarray]:
        rows = self._all("SELECT article_id, vector FROM embeddings WHERE model=%s AND article_id = ANY(%s)",
                         (model, list(article_ids)))
        return {r["article_id"]: np.frombuffer(bytes(r["vector"]), dtype=np.float32) for r in rows}

    def put_story_signals(self, article_id: str, version: str, entity: list[str], words: list[str],
                          minhash: np.ndarray, agencies: list[str]) -> None:
        self.db.execute(
            "INSERT INTO story_signals VALUES (%s,%s,%s,%s,%s,%s) ON CONFLICT (article_id) DO UPDATE SET"
            " version=excluded.version, entity_terms=excluded.entity_terms, word_terms=excluded.word_terms,"
            " minhash=excluded.minhash, agencies=excluded.agencies",
            (article_id, version, json.dumps(entity, ensure_ascii=False), json.dumps(words, ensure_ascii=False),
             np.asarray(minhash, np.uint64).tobytes(), json.dumps(agencies)))

    def get_story_signals(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        rows = self._all("SELECT * FROM story_signals WHERE article_id = ANY(%s)", (list(article_ids),))
        return {r["article_id"]: {"version": r["version"], "entity": json.loads(r["entity_terms"]),
                                  "words": json.loads(r["word_terms"]),
                                  "minhash": np.frombuffer(bytes(r["minhash"]), dtype=np.uint64),
                                  "agencies": json.loads(r["agencies"])} for r in rows}

    def ensure_story(self, story_id: int, settings: str) -> None:
        self.db.execute("INSERT INTO stories(id, settings) VALUES (%s, %s) ON CONFLICT (id) DO NOTHING",
                        (story_id, settings))

    def put_member(self, article_id: str, story_id: int, score: float, group: str, settings: str) -> None:
        with self._tx():
            self.ensure_story(story_id, settings)
            self.db.execute("DELETE FROM story_members WHERE article_id=%s", (article_id,))
            self.db.execute("INSERT INTO story_members(article_id, story_id, score, syndication_group)"
                            " VALUES (%s,%s,%s,%s)", (article_id, story_id, score, group))

    def clear_stories(self) -> None:
        with self._tx():
            self.db.execute("DELETE FROM story_members")
            self.db.execute("DELETE FROM stories")

    def members_in_order(self) -> list[dict[str, Any]]:
        return self._all("SELECT article_id, story_id, syndication_group FROM story_members ORDER BY rowid")

    def unassigned_article_ids(self) -> list[str]:
        rows = self._all("SELECT a.id FROM articles a LEFT JOIN story_members m ON m.article_id = a.id "
                         "WHERE m.article_id IS NULL ORDER BY a.rowid")
        return [r["id"] for r in rows]

    def story_member_rows(self, story_id: int) -> list[dict[str, Any]]:
        return self._all(
            "SELECT a.id, a.outlet, a.title, a.published, a.language, substr(a.text, 1, 200) AS lead, m.score,"
            " m.syndication_group FROM story_members m JOIN articles a ON a.id = m.article_id"
            " WHERE m.story_id = %s ORDER BY coalesce(a.published, ''), m.rowid", (story_id,))

    def update_story_summary(self, story_id: int, summary: dict[str, Any]) -> None:
        self.db.execute(
            "UPDATE stories SET title=%s, first_published=%s, last_published=%s, articles=%s, outlets=%s,"
            f" independent_sources=%s, updated_at={_NOW} WHERE id=%s",
            (summary["title"], summary["first_published"], summary["last_published"], summary["articles"],
             summary["outlets"], summary["independent_sources"], story_id))

    def list_stories(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        return self._all(
            "SELECT s.id, s.title, s.first_published, s.last_published, s.articles, s.outlets,"
            f" s.independent_sources FROM stories s ORDER BY {_STORY_ORDER} LIMIT %s OFFSET %s", (limit, offset))

    def get_story(self, story_id: int) -> dict[str, Any] | None:
        row = self._one("SELECT id, title, first_published, last_published, articles, outlets,"
                        " independent_sources, settings, updated_at FROM stories WHERE id=%s", (story_id,))
        return None if row is None else {**row, "members": self.story_member_rows(story_id)}

    def story_of(self, article_id: str) -> int | None:
        row = self._one("SELECT story_id FROM story_members WHERE article_id=%s", (article_id,))
        return row["story_id"] if row else None

    def story_ids(self) -> Iterable[int]:
        return [r["id"] for r in self._all("SELECT id FROM stories ORDER BY id")]

    def story_inputs(self, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        sql = ("SELECT id, title, text, published, outlet, language, (data::jsonb -> 'agencies')::text AS agencies"
               " FROM articles")
        rows = (self._all(sql + " ORDER BY rowid") if article_ids is None
                else self._all(sql + " WHERE id = ANY(%s) ORDER BY rowid", (list(article_ids),)))
        return [{**r, "agencies": json.loads(r["agencies"] or "[]")} for r in rows]
