"""SQLite store: WAL for concurrent readers, FTS5 search, registered migrations, content-hash ids."""

from __future__ import annotations

import json
import re
import sqlite3
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

from ..errors import StoreError
from ..model import Article, Rejected
from .base import PerThreadConnections
from .sources import SourcesMixin
from .stories_sqlite import StoriesMixin

__all__ = ["SQLiteStore", "migrations"]


def migrations(dialect: str = "sqlite") -> list[tuple[int, str, str]]:
    """(version, name, sql) from newsprism/store/migrations/<dialect>/NNNN_name.sql, in order."""
    folder = resources.files("newsprism.store") / "migrations" / dialect
    found = []
    for entry in folder.iterdir():
        m = re.fullmatch(r"(\d{4})_(\w+)\.sql", entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found)


class SQLiteStore(PerThreadConnections, SourcesMixin, StoriesMixin):
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        # WAL lets the per-thread connections read concurrently while one writes.
        self._init_connections()
        self.migrate()

    def _open(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError("cannot-open", f"cannot open the store at {self.path}: {exc}.",
                             "Check the path and its permissions (--db or NEWSPRISM_DB).") from exc
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    # -- schema -------------------------------------------------------------------------------
    def migrate(self) -> list[int]:
        self.db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                        "name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)")
        done = {r[0] for r in self.db.execute("SELECT version FROM schema_migrations")}
        applied = []
        for version, name, sql in migrations("sqlite"):
            if version in done:
                continue
            with self._tx():
                for statement in _split_sql(sql):
                    self.db.execute(statement)
                self.db.execute("INSERT INTO schema_migrations(version, name) VALUES (?, ?)", (version, name))
            applied.append(version)
        return applied

    def schema_versions(self) -> list[tuple[int, str]]:
        return [(r[0], r[1]) for r in self.db.execute("SELECT version, name FROM schema_migrations ORDER BY 1")]

    def _tx(self) -> "_Transaction":
        return _Transaction(self.db)

    # -- articles -----------------------------------------------------------------------------
    def has_input(self, raw_hash: str) -> bool:
        return self.db.execute("SELECT 1 FROM seen_inputs WHERE raw_hash=?", (raw_hash,)).fetchone() is not None

    def add_article(self, article: Article) -> bool:
        """True when the article is new; a re-ingested article (same content hash) adds nothing."""
        data = article.to_dict()
        data.pop("text")
        data.pop("analysis")
        with self._tx():
            cur = self.db.execute(
                "INSERT OR IGNORE INTO articles(id, raw_hash, source, url, outlet, title, published, language,"
                " text, data) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (article.id, article.raw_hash, article.source, article.url, article.outlet, article.title,
                 article.published, article.language, article.text, json.dumps(data, ensure_ascii=False)))
            if article.raw_hash:
                self._seen(article.raw_hash, article.source, article.id)
            for component, payload in article.analysis.items():
                self._put_analysis(article.id, component, payload.get("version", "0"), payload)
        return cur.rowcount == 1

    def mark_seen(self, raw_hash: str, source: str, article_id: str | None) -> None:
        with self._tx():
            self._seen(raw_hash, source, article_id)

    def _seen(self, raw_hash: str, source: str, article_id: str | None) -> None:
        self.db.execute("INSERT OR IGNORE INTO seen_inputs(raw_hash, article_id, source) VALUES (?,?,?)",
                        (raw_hash, article_id, source))

    def _article(self, row: sqlite3.Row) -> Article:
        data = json.loads(row["data"])
        data["text"] = row["text"]
        article = Article.from_dict(data)
        article.analysis = self.get_analysis(article.id)
        return article

    def get_article(self, id_or_prefix: str) -> Article | None:
        rows = self.db.execute("SELECT id, text, data FROM articles WHERE id LIKE ? LIMIT 2",
                               (id_or_prefix.replace("%", "") + "%",)).fetchall()
        if len(rows) > 1:
            raise StoreError("ambiguous-id", f"'{id_or_prefix}' matches more than one article.",
                             "Give more characters of the id.")
        return self._article(rows[0]) if rows else None

    def list_articles(self, limit: int = 50, offset: int = 0, outlet: str | None = None) -> list[dict[str, Any]]:
        where, args = ("WHERE outlet = ?", [outlet]) if outlet else ("", [])
        rows = self.db.execute(
            f"SELECT id, outlet, title, published, language, source, length(text) AS chars,"
            f" substr(text, 1, 120) AS lead FROM articles {where}"
            " ORDER BY coalesce(published, '') DESC, rowid DESC LIMIT ? OFFSET ?", (*args, limit, offset))
        return [dict(r) for r in rows]

    def iter_articles(self) -> Iterator[Article]:
        for row in self.db.execute("SELECT id, text, data FROM articles ORDER BY rowid").fetchall():
            yield self._article(row)

    def count_articles(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search; a query FTS5 cannot parse (an unclosed quote, a dangling OR) is searched as its
        plain words, as a search box would."""
        sql = ("SELECT a.id, a.outlet, a.title, a.published, snippet(articles_fts, 1, '[', ']', ' … ', 12)"
               " AS snippet FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
               " WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT ?")
        for attempt in (_fts_query(query), _fts_words(query)):
            if not attempt:
                continue
            try:
                return [dict(r) for r in self.db.execute(sql, (attempt, limit))]
            except sqlite3.OperationalError as exc:
                error = exc
        raise StoreError("bad-query", f"cannot search for {query!r}: " +
                         ("no words in it." if not _fts_words(query) else f"{error}."),
                         "Use plain words, \"quoted phrases\", OR and NOT.")

    # -- rejected inputs ------------------------------------------------------------------------
    def add_rejected(self, rejected: Rejected) -> None:
        with self._tx():
            self.db.execute(
                "INSERT INTO rejected(source, stage, reason, message, raw_hash, sample) VALUES (?,?,?,?,?,?)"
                " ON CONFLICT(source, stage, reason) DO UPDATE SET message=excluded.message,"
                " created_at=strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
                (rejected.source, rejected.stage, rejected.reason, rejected.message, rejected.raw_hash,
                 rejected.sample))

    def list_rejected(self, limit: int = 100) -> list[Rejected]:
        rows = self.db.execute("SELECT source, stage, reason, message, raw_hash, sample FROM rejected "
                               "ORDER BY rowid DESC LIMIT ?", (limit,))
        return [Rejected(**dict(r)) for r in rows]

    # -- per-component results --------------------------------------------------------------
    def put_analysis(self, article_id: str, component: str, version: str, data: Any) -> None:
        with self._tx():
            self._put_analysis(article_id, component, version, data)

    def _put_analysis(self, article_id: str, component: str, version: str, data: Any) -> None:
        self.db.execute("INSERT OR REPLACE INTO analysis(article_id, component, version, data) VALUES (?,?,?,?)",
                        (article_id, component, version, json.dumps(data, ensure_ascii=False)))

    def get_analysis(self, article_id: str) -> dict[str, dict[str, Any]]:
        rows = self.db.execute("SELECT component, data FROM analysis WHERE article_id=?", (article_id,))
        return {r["component"]: json.loads(r["data"]) for r in rows}

    def stats(self) -> dict[str, Any]:
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        by = lambda col: {r[0] or "unknown": r[1] for r in self.db.execute(  # noqa: E731
            f"SELECT {col}, count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC LIMIT 25")}
        return {
            "articles": one("SELECT count(*) FROM articles"),
            "inputs_seen": one("SELECT count(*) FROM seen_inputs"),
            "rejected": one("SELECT count(*) FROM rejected"),
            "outlets": by("outlet"),
            "languages": by("language"),
            "rejected_by_reason": {r[0]: r[1] for r in self.db.execute(
                "SELECT stage || ':' || reason, count(*) FROM rejected GROUP BY 1 ORDER BY 2 DESC")},
            "schema_version": one("SELECT max(version) FROM schema_migrations"),
        }


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, ROLLBACK on error; nested uses join the outer transaction."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.outer = False

    def __enter__(self) -> None:
        self.outer = not self.db.in_transaction
        if self.outer:
            self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if self.outer:
            self.db.execute("ROLLBACK" if exc_type else "COMMIT")


def _split_sql(sql: str) -> list[str]:
    """Statements of a migration file; trigger bodies (BEGIN ... END;) stay whole."""
    out, buf = [], []
    for line in sql.splitlines():
        if line.strip().startswith("--") and not buf:
            continue
        buf.append(line)
        joined = "\n".join(buf).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            out.append(joined)
            buf = []
    if "\n".join(buf).strip():
        out.append("\n".join(buf))
    return out


def _fts_words(query: str) -> str:
    """Every word of the query as a literal term: no phrases, and no operators (a dangling 'OR' is a slip)."""
    return " ".join(f'"{w}"' for w in re.findall(r"\w+", query) if w not in ("OR", "AND", "NOT"))


def _fts_query(query: str) -> str:
    """Plain words become prefix-free terms; quoted phrases and OR/NOT/AND pass through."""
    tokens = re.findall(r'"[^"]*"|\S+', query)
    out = []
    for tok in tokens:
        if tok.startswith('"') or tok in ("OR", "AND", "NOT"):
            out.append(tok)
        else:
            out.append('"' + tok.replace('"', "") + '"')
    return " ".join(out)
