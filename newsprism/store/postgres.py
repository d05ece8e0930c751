"""PostgreSQL store for server deployments: many readers, concurrent writers, one database URL.

Same `Store` protocol, sources methods and migration numbers as the SQLite store (the schema versions
recorded are identical); full-text search is a generated tsvector with a GIN index. Each thread has its
own connection, as with SQLite, so the web app's worker threads never share one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from ..errors import StoreError
from ..model import Article, Rejected, content_id
from .base import PerThreadConnections
from .sqlite import migrations
from .stories_postgres import PostgresStoriesMixin

__all__ = ["PostgresStore", "websearch_query"]

_NOW = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
# Any constant works: it only serialises concurrent `migrate()` calls from several processes.
_MIGRATION_LOCK = 0x6E657773


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - psycopg is a declared dependency
        raise StoreError("missing-package", "PostgreSQL stores need psycopg.",
                         "pip install 'psycopg[binary]' (it is in newsprism's dependencies).") from exc
    return psycopg


class PostgresStore(PerThreadConnections, PostgresStoriesMixin):
    def __init__(self, url: str) -> None:
        self.url = url
        self._init_connections()
        self.migrate()

    def _is_closed(self, conn: Any) -> bool:
        return bool(conn.closed)

    def _open(self) -> Any:
        psycopg = _psycopg()
        from psycopg.rows import dict_row

        try:
            conn = psycopg.connect(self.url, autocommit=True, row_factory=dict_row, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError("cannot-open", f"cannot connect to the PostgreSQL store: {exc}".strip() + ".",
                             "Check the URL (postgresql://USER:PASSWORD@HOST:PORT/DBNAME), that the server "
                             "runs and that the database exists (createdb DBNAME).") from exc
        return conn

    def _tx(self) -> Any:
        return self.db.transaction()

    def _all(self, sql: str, args: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        return self.db.execute(sql, args).fetchall()

    def _one(self, sql: str, args: tuple[Any, ...] = ()) -> dict[str, Any] | None:
        return self.db.execute(sql, args).fetchone()

    # -- schema -------------------------------------------------------------------------------
    def migrate(self) -> list[int]:
        applied = []
        with self._tx():
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            self.db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                            f"name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT {_NOW})")
            done = {r["version"] for r in self._all("SELECT version FROM schema_migrations")}
            for version, name, sql in migrations("postgres"):
                if version in done:
                    continue
                self.db.execute(sql)
                self.db.execute("INSERT INTO schema_migrations(version, name) VALUES (%s, %s)", (version, name))
                applied.append(version)
        return applied

    def schema_versions(self) -> list[tuple[int, str]]:
        return [(r["version"], r["name"]) for r in self._all("SELECT version, name FROM schema_migrations ORDER BY 1")]

    # -- articles -----------------------------------------------------------------------------
    def has_input(self, raw_hash: str) -> bool:
        return self._one("SELECT 1 AS x FROM seen_inputs WHERE raw_hash=%s", (raw_hash,)) is not None

    def add_article(self, article: Article) -> bool:
        """True when the article is new; a re-ingested article (same content hash) adds nothing."""
        data = article.to_dict()
        data.pop("text")
        data.pop("analysis")
        with self._tx():
            cur = self.db.execute(
                "INSERT INTO articles(id, raw_hash, source, url, outlet, title, published, language, text, data)"
                " VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) ON CONFLICT (id) DO NOTHING",
                (article.id, article.raw_hash, article.source, article.url, article.outlet, article.title,
                 article.published, article.language, _clean(article.text), json.dumps(data, ensure_ascii=False)))
            if article.raw_hash:
                self._seen(article.raw_hash, article.source, article.id)
            for component, payload in article.analysis.items():
                self._put_analysis(article.id, component, payload.get("version", "0"), payload)
        return cur.rowcount == 1

    def mark_seen(self, raw_hash: str, source: str, article_id: str | None) -> None:
        self._seen(raw_hash, source, article_id)

    def _seen(self, raw_hash: str, source: str, article_id: str | None) -> None:
        self.db.execute("INSERT INTO seen_inputs(raw_hash, article_id, source) VALUES (%s,%s,%s)"
                        " ON CONFLICT (raw_hash) DO NOTHING", (raw_hash, article_id, source))

    def _article(self, row: dict[str, Any]) -> Article:
        data = json.loads(row["data"])
        data["text"] = row["text"]
        article = Article.from_dict(data)
        article.analysis = self.get_analysis(article.id)
        return article

    def get_article(self, id_or_prefix: str) -> Article | None:
        rows = self._all("SELECT id, text, data FROM articles WHERE id LIKE %s LIMIT 2",
                         (id_or_prefix.replace("%", "").replace("_", "") + "%",))
        if len(rows) > 1:
            raise StoreError("ambiguous-id", f"'{id_or_prefix}' matches more than one article.",
                             "Give more characters of the id.")
        return self._article(rows[0]) if rows else None

    def list_articles(self, limit: int = 50, offset: int = 0, outlet: str | None = None) -> list[dict[str, Any]]:
        where, args = ("WHERE outlet = %s", [outlet]) if outlet else ("", [])
        return self._all(
            f"SELECT id, outlet, title, published, language, source, length(text) AS chars FROM articles {where}"
            " ORDER BY coalesce(published, '') DESC, rowid DESC LIMIT %s OFFSET %s", (*args, limit, offset))

    def iter_articles(self) -> Iterator[Article]:
        for row in self._all("SELECT id, text, data FROM articles ORDER BY rowid"):
            yield self._article(row)

    def count_articles(self) -> int:
        return self._one("SELECT count(*) AS n FROM articles")["n"]

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        q = websearch_query(query)
        if not [w for w in re.findall(r"\w+", q) if w not in ("OR", "AND", "NOT")]:
            raise StoreError("bad-query", f"cannot search for {query!r}: no words in it.",
                             "Use plain words, \"quoted phrases\", OR and NOT.")
        return self._all(
            "SELECT a.id, a.outlet, a.title, a.published, ts_headline('simple', a.text, q,"
            " 'StartSel=[, StopSel=], MaxWords=14, MinWords=6, MaxFragments=1, FragmentDelimiter= … ') AS snippet"
            " FROM articles a, websearch_to_tsquery('simple', %s) q WHERE a.tsv @@ q"
            " ORDER BY ts_rank(a.tsv, q) DESC, a.rowid LIMIT %s", (q, limit))

    # -- rejected inputs ------------------------------------------------------------------------
    def add_rejected(self, rejected: Rejected) -> None:
        self.db.execute(
            "INSERT INTO rejected(source, stage, reason, message, raw_hash, sample) VALUES (%s,%s,%s,%s,%s,%s)"
            f" ON CONFLICT (source, stage, reason) DO UPDATE SET message=excluded.message, created_at={_NOW}",
            (rejected.source, rejected.stage, rejected.reason, _clean(rejected.message), rejected.raw_hash,
             _clean(rejected.sample)))

    def list_rejected(self, limit: int = 100) -> list[Rejected]:
        rows = self._all("SELECT source, stage, reason, message, raw_hash, sample FROM rejected "
                         "ORDER BY rowid DESC LIMIT %s", (limit,))
        return [Rejected(**r) for r in rows]

    # -- per-component results --------------------------------------------------------------
    def put_analysis(self, article_id: str, component: str, version: str, data: Any) -> None:
        self._put_analysis(article_id, component, version, data)

    def _put_analysis(self, article_id: str, component: str, version: str, data: Any) -> None:
        self.db.execute(
            "INSERT INTO analysis(article_id, component, version, data) VALUES (%s,%s,%s,%s)"
            f" ON CONFLICT (article_id, component) DO UPDATE SET version=excluded.version, data=excluded.data,"
            f" created_at={_NOW}", (article_id, component, version, json.dumps(data, ensure_ascii=False)))

    def get_analysis(self, article_id: str) -> dict[str, dict[str, Any]]:
        rows = self._all("SELECT component, data FROM analysis WHERE article_id=%s", (article_id,))
        return {r["component"]: json.loads(r["data"]) for r in rows}

    def stats(self) -> dict[str, Any]:
        one = lambda sql: self._one(sql)["v"]  # noqa: E731
        by = lambda col: {r["k"] or "unknown": r["n"] for r in self._all(  # noqa: E731
            f"SELECT {col} AS k, count(*) AS n FROM articles GROUP BY 1 ORDER BY 2 DESC LIMIT 25")}
        return {
            "articles": one("SELECT count(*) AS v FROM articles"),
            "inputs_seen": one("SELECT count(*) AS v FROM seen_inputs"),
            "rejected": one("SELECT count(*) AS v FROM rejected"),
            "outlets": by("outlet"),
            "languages": by("language"),
            "rejected_by_reason": {r["k"]: r["n"] for r in self._all(
                "SELECT stage || ':' || reason AS k, count(*) AS n FROM rejected GROUP BY 1 ORDER BY 2 DESC")},
            "schema_version": one("SELECT max(version) AS v FROM schema_migrations"),
        }

    # -- sources: feeds, fetched URLs, revisions (same methods as store.sources.SourcesMixin) ----------
    def add_feed(self, url: str, title: str | None = None, outlet: str | None = None,
                 language: str | None = None) -> bool:
        cur = self.db.execute("INSERT INTO feeds(url, title, outlet, language) VALUES (%s,%s,%s,%s)"
                              " ON CONFLICT (url) DO NOTHING", (url, title, outlet, language))
        return cur.rowcount == 1

    def remove_feed(self, url: str) -> bool:
        return self.db.execute("DELETE FROM feeds WHERE url=%s", (url,)).rowcount == 1

    def list_feeds(self) -> list[dict[str, Any]]:
        return self._all("SELECT * FROM feeds ORDER BY added_at, url")

    def update_feed(self, url: str, status: str, etag: str | None = None, last_modified: str | None = None) -> None:
        self.db.execute(f"UPDATE feeds SET last_status=%s, last_polled={_NOW}, etag=coalesce(%s, etag),"
                        " last_modified=coalesce(%s, last_modified) WHERE url=%s", (status, etag, last_modified, url))

    def get_fetched(self, url_key: str) -> dict[str, Any] | None:
        return self._one("SELECT * FROM fetched_urls WHERE url_key=%s", (url_key,))

    def record_fetch(self, url_key: str, url: str, article_id: str | None, etag: str | None = None,
                     last_modified: str | None = None, entry_updated: str | None = None) -> None:
        self.db.execute(
            "INSERT INTO fetched_urls AS f(url_key, url, article_id, etag, last_modified, entry_updated)"
            " VALUES (%s,%s,%s,%s,%s,%s) ON CONFLICT (url_key) DO UPDATE SET url=excluded.url,"
            " article_id=coalesce(excluded.article_id, f.article_id), etag=coalesce(excluded.etag, f.etag),"
            " last_modified=coalesce(excluded.last_modified, f.last_modified),"
            f" entry_updated=coalesce(excluded.entry_updated, f.entry_updated), fetched_at={_NOW}",
            (url_key, url, article_id, etag, last_modified, entry_updated))

    def add_revision(self, article_id: str, article: Article) -> int:
        """Make `article` (a changed re-fetch) the latest revision of `article_id`; returns its number."""
        with self._tx():
            current = self._one("SELECT title, text, url, created_at FROM articles WHERE id=%s FOR UPDATE",
                                (article_id,))
            if current is None:
                raise KeyError(article_id)
            last = self._one("SELECT max(revision) AS v FROM revisions WHERE article_id=%s", (article_id,))["v"]
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
                        f" VALUES (%s,%s,%s,%s,%s,%s,coalesce(%s, {_NOW}))",
                        (article_id, number, content_id(text), title, _clean(text), url, fetched_at))

    def _replace_text(self, article_id: str, article: Article) -> None:
        data = article.to_dict()
        data.pop("text")
        data.pop("analysis")
        data["id"] = article_id
        self.db.execute("UPDATE articles SET text=%s, title=%s, raw_hash=%s, data=%s WHERE id=%s",
                        (_clean(article.text), article.title, article.raw_hash,
                         json.dumps(data, ensure_ascii=False), article_id))
        self.db.execute("DELETE FROM analysis WHERE article_id=%s", (article_id,))
        if article.raw_hash:
            self._seen(article.raw_hash, article.source, article_id)

    def list_revisions(self, article_id: str) -> list[dict[str, Any]]:
        return self._all("SELECT revision, text_hash, title, text, url, fetched_at FROM revisions"
                         " WHERE article_id=%s ORDER BY revision", (article_id,))


def _clean(text: str | None) -> str | None:
    """PostgreSQL text cannot hold NUL characters (SQLite can): drop them rather than fail the insert."""
    return text.replace("\x00", "") if text else text


def websearch_query(query: str) -> str:
    """The SQLite store's query language (words, "phrases", OR, NOT) in websearch_to_tsquery's terms; an
    unclosed quote and an operator with nothing on one side are dropped, as the SQLite store ignores them."""
    if query.count('"') % 2:
        cut = query.rfind('"')
        query = query[:cut] + query[cut + 1:]
    query = re.sub(r"^\s*(?:(?:OR|AND)\s+)+|(?:\s+(?:OR|AND|NOT))+\s*$", "", query)
    return re.sub(r"(?:^|\s)NOT\s+", " -", query).replace(" AND ", " ")
