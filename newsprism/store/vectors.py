"""Vector search beside a store: pgvector inside PostgreSQL when the server has it, else a faiss file.

Vectors are L2-normalised embeddings (`newsprism.embed`), so inner product is the cosine and both
implementations rank by it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ..errors import StoreError

__all__ = ["VectorIndex", "FaissIndex", "PgVectorIndex", "open_vector_index"]


class VectorIndex(Protocol):
    kind: str

    def add(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        """Add or replace the vectors of these article ids."""
        ...

    def search(self, vector: np.ndarray, k: int = 10) -> list[tuple[str, float]]:
        """The k nearest ids with their cosine, best first."""
        ...

    def __len__(self) -> int: ...


class FaissIndex:
    """An exact inner-product faiss index saved as `<path>` plus `<path>.ids.json`."""

    kind = "faiss"

    def __init__(self, path: str | Path, dim: int) -> None:
        import faiss

        self.path, self.dim = Path(path), dim
        self._ids_path = self.path.with_name(self.path.name + ".ids.json")
        if self.path.exists() and self._ids_path.exists():
            self.index = faiss.read_index(str(self.path))
            self.ids: list[str] = json.loads(self._ids_path.read_text(encoding="utf-8"))
            if self.index.d != dim:
                raise StoreError("vector-dim", f"{self.path} holds {self.index.d}-d vectors, not {dim}-d.",
                                 "Delete the index file to rebuild it with the current encoder.")
        else:
            self.index, self.ids = faiss.IndexFlatIP(dim), []
        self._row = {id_: i for i, id_ in enumerate(self.ids)}

    def add(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        fresh = [i for i, id_ in enumerate(ids) if id_ not in self._row]
        if len(fresh) < len(ids):  # replacing vectors: a flat index is rebuilt, which is cheap beside encoding
            merged = {id_: self.index.reconstruct(row) for id_, row in self._row.items()}
            merged.update(zip(ids, vectors))
            self._rebuild(list(merged), np.vstack(list(merged.values())))
        elif fresh:
            self.index.add(vectors)
            for id_ in ids:
                self._row[id_] = len(self.ids)
                self.ids.append(id_)
        self.save()

    def _rebuild(self, ids: list[str], vectors: np.ndarray) -> None:
        import faiss

        self.index = faiss.IndexFlatIP(self.dim)
        self.index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        self.ids, self._row = ids, {id_: i for i, id_ in enumerate(ids)}

    def search(self, vector: np.ndarray, k: int = 10) -> list[tuple[str, float]]:
        if not self.ids:
            return []
        scores, rows = self.index.search(np.asarray(vector, dtype=np.float32).reshape(1, -1), min(k, len(self.ids)))
        return [(self.ids[r], float(s)) for s, r in zip(scores[0], rows[0]) if r >= 0]

    def save(self) -> None:
        import faiss

        self.path.parent.mkdir(parents=True, exist_ok=True)
        faiss.write_index(self.index, str(self.path))
        self._ids_path.write_text(json.dumps(self.ids), encoding="utf-8")

    def __len__(self) -> int:
        return len(self.ids)


class PgVectorIndex:
    """Vectors in a PostgreSQL table with an HNSW cosine index (the pgvector extension)."""

    kind = "pgvector"

    def __init__(self, store: Any, dim: int) -> None:
        self.store, self.dim = store, dim
        self.table = f"article_vectors_{dim}"
        store.db.execute(f"CREATE TABLE IF NOT EXISTS {self.table} (article_id TEXT PRIMARY KEY, "
                         f"embedding vector({dim}) NOT NULL)")
        store.db.execute(f"CREATE INDEX IF NOT EXISTS {self.table}_hnsw ON {self.table} "
                         "USING hnsw (embedding vector_cosine_ops)")

    def add(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        rows = [(id_, _literal(v)) for id_, v in zip(ids, vectors)]
        with self.store.db.transaction(), self.store.db.cursor() as cur:
            cur.executemany(f"INSERT INTO {self.table}(article_id, embedding) VALUES (%s, %s::vector)"
                            " ON CONFLICT (article_id) DO UPDATE SET embedding = excluded.embedding", rows)

    def search(self, vector: np.ndarray, k: int = 10) -> list[tuple[str, float]]:
        rows = self.store.db.execute(
            f"SELECT article_id, 1 - (embedding <=> %s::vector) AS score FROM {self.table}"
            " ORDER BY embedding <=> %s::vector LIMIT %s", (_literal(vector), _literal(vector), k)).fetchall()
        return [(r["article_id"], float(r["score"])) for r in rows]

    def __len__(self) -> int:
        return self.store.db.execute(f"SELECT count(*) AS n FROM {self.table}").fetchone()["n"]


def _literal(vector: np.ndarray) -> str:
    return "[" + ",".join(f"{x:.7g}" for x in np.asarray(vector, dtype=np.float32).ravel()) + "]"


def _has_pgvector(store: Any) -> bool:
    try:
        store.db.execute("CREATE EXTENSION IF NOT EXISTS vector")
        return True
    except Exception:  # noqa: BLE001 - any failure (not installed, no privilege) means: use faiss
        return False


def open_vector_index(store: Any, dim: int, path: str | Path | None = None) -> VectorIndex:
    """pgvector for a PostgreSQL store whose server has it (unless `path` is given), else a faiss file.

    The faiss file sits beside a SQLite store (`<db>.vectors.faiss`); for PostgreSQL without pgvector
    it goes to `path`, $NEWSPRISM_VECTOR_DIR or .newsprism/.
    """
    from .postgres import PostgresStore

    if isinstance(store, PostgresStore):
        if path is None and _has_pgvector(store):
            return PgVectorIndex(store, dim)
        name = store.db.info.dbname
        folder = Path(os.environ.get("NEWSPRISM_VECTOR_DIR") or ".newsprism")
        return FaissIndex(Path(path) if path else folder / f"{name}.vectors-{dim}.faiss", dim)
    default = Path(str(getattr(store, "path", ".newsprism/newsprism.db")) + f".vectors-{dim}.faiss")
    return FaissIndex(Path(path) if path else default, dim)
