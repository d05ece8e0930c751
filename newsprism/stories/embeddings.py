"""Article and sentence embeddings, computed once and kept.

Vectors are keyed by (encoder name, content hash of the text), so the same text is never embedded
twice whichever article, corpus or run it comes from. The store keeps article vectors in its
`embeddings` table; evaluators and benchmarks use a file cache under `.cache/` (gitignored).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from ..embed import Encoder, get_encoder
from ..model import Article, content_id

__all__ = ["VectorCache", "FileVectorCache", "MemoryVectorCache", "embed_texts", "article_embedding_text",
           "default_cache_path", "to_blob", "from_blob"]

# The lead carries a news article; the encoder clips long inputs anyway (embed.MAX_CHARS).
ARTICLE_CHARS = 2000


class VectorCache(Protocol):
    def get_vectors(self, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]: ...
    def put_vectors(self, model: str, items: dict[str, np.ndarray]) -> None: ...


def to_blob(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32)


class MemoryVectorCache:
    def __init__(self) -> None:
        self.data: dict[tuple[str, str], np.ndarray] = {}

    def get_vectors(self, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        return {k: self.data[(model, k)] for k in keys if (model, k) in self.data}

    def put_vectors(self, model: str, items: dict[str, np.ndarray]) -> None:
        self.data.update({(model, k): v for k, v in items.items()})


def default_cache_path() -> Path:
    return Path(os.environ.get("NEWSPRISM_CACHE", ".cache")) / "embeddings.sqlite"


class FileVectorCache:
    """A small SQLite file of text-hash -> vector, shared by evaluator and benchmark runs."""

    def __init__(self, path: str | Path | None = None) -> None:
        path = Path(path or default_cache_path())
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), timeout=60, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS vectors (model TEXT, key TEXT, vector BLOB, "
                        "PRIMARY KEY (model, key))")

    def get_vectors(self, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(keys))
        for i in range(0, len(unique), 500):
            chunk = unique[i:i + 500]
            rows = self.db.execute(f"SELECT key, vector FROM vectors WHERE model=? AND key IN "
                                   f"({','.join('?' * len(chunk))})", (model, *chunk))
            found.update({k: from_blob(v) for k, v in rows})
        return found

    def put_vectors(self, model: str, items: dict[str, np.ndarray]) -> None:
        self.db.execute("BEGIN")
        self.db.executemany("INSERT OR REPLACE INTO vectors VALUES (?,?,?)",
                            [(model, k, to_blob(v)) for k, v in items.items()])
        self.db.execute("COMMIT")


def embed_texts(texts: Sequence[str], cache: VectorCache | None = None, encoder: Encoder | None = None,
                batch: int = 256) -> np.ndarray:
    """(len(texts), dim) normalised vectors; only texts the cache lacks go through the encoder."""
    encoder = encoder or get_encoder()
    cache = cache if cache is not None else MemoryVectorCache()
    keys = [content_id(t) for t in texts]
    found = cache.get_vectors(encoder.name, keys)
    missing = list(dict.fromkeys(k for k in keys if k not in found))
    text_of = dict(zip(keys, texts))
    for i in range(0, len(missing), batch):
        chunk = missing[i:i + batch]
        vectors = encoder.encode([text_of[k] for k in chunk])
        new = dict(zip(chunk, vectors))
        cache.put_vectors(encoder.name, new)
        found.update(new)
    if not keys:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    return np.vstack([found[k] for k in keys]).astype(np.float32)


def article_embedding_text(title: str | None, text: str) -> str:
    """Title and lead: what a reader sees first, and what two reports of one event share most."""
    head = text[:ARTICLE_CHARS]
    return f"{title.strip()}\n{head}" if title and title.strip() else head


def article_text(article: Article) -> str:
    return article_embedding_text(article.title, article.text)
