"""Per input file: read, clean, analyse, embed, MinHash. Plain functions over plain data, run by any executor.

Each file becomes a folder of Parquet parts and then a done marker (written last), so a killed run
redoes only the files without a marker.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..ingest.files import read_path
from ..model import Article, Rejected, quote_speaker
from ..pipeline import analyze_stage, process
from .tables import part_path, write_table

__all__ = ["FileTask", "file_key", "process_file", "is_done", "done_marker", "NUM_PERM", "BAND_ROWS",
           "minhash", "band_keys", "embedding_text"]

# MinHash over word 5-shingles, 64 permutations in 21 bands of 3 rows: a pair at Jaccard 0.5 (an edited
# re-post) shares a band with probability 0.94, a pair at 0.1 with 0.02 (so unrelated reports rarely
# become candidates). Same shingles and permutations as the incremental wire-copy finder.
NUM_PERM = 64
BAND_ROWS = 3
ARTICLE_CHARS = 2000  # title + lead is what the story stage embeds (stories.embeddings.article_embedding_text)
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class FileTask:
    """One unit of work: a file, or a chunk of a folder's files."""

    paths: tuple[str, ...]
    key: str
    out: str
    encoder: str | None = None
    analyze: bool = True

    @property
    def path(self) -> str:
        return self.paths[0] if len(self.paths) == 1 else f"{self.paths[0]} (+{len(self.paths) - 1} files)"


def file_key(paths: tuple[str, ...]) -> str:
    return hashlib.sha1("\n".join(os.path.abspath(p) for p in paths).encode("utf-8")).hexdigest()[:16]


def _fingerprint(paths: tuple[str, ...]) -> list[dict[str, Any]]:
    out = []
    for path in paths:
        try:
            st = os.stat(path)
            out.append({"path": os.path.abspath(path), "size": st.st_size, "mtime": st.st_mtime})
        except OSError:  # gone since the manifest was read: the unit is redone if it comes back
            out.append({"path": os.path.abspath(path), "size": -1, "mtime": 0.0})
    return out


def done_marker(out: str | Path, key: str) -> Path:
    return Path(out) / "done" / f"{key}.json"


def is_done(task: FileTask) -> bool:
    """Done when the marker exists, the file has not changed since it was written and it was processed
    with the same settings (a run with analysis redoes units an earlier run without it wrote)."""
    marker = done_marker(task.out, task.key)
    if not marker.exists():
        return False
    try:
        summary = json.loads(marker.read_text(encoding="utf-8"))
        return summary["input"] == _fingerprint(task.paths) and summary.get("settings") == _settings(task)
    except (OSError, ValueError, KeyError):
        return False


def _settings(task: FileTask) -> dict[str, Any]:
    return {"analyze": task.analyze, "encoder": task.encoder}


def embedding_text(title: str | None, text: str) -> str:
    head = text[:ARTICLE_CHARS]
    return f"{title.strip()}\n{head}" if title and title.strip() else head


def _shingles(text: str, n: int = 5) -> list[bytes]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < n:
        return [" ".join(words).encode("utf-8")] if words else []
    return list({" ".join(words[i:i + n]).encode("utf-8") for i in range(len(words) - n + 1)})


def minhash(text: str) -> np.ndarray:
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=1)
    m.update_batch(_shingles(text))
    return m.hashvalues.astype(np.uint64)


def band_keys(signature: np.ndarray) -> list[str]:
    bands = NUM_PERM // BAND_ROWS
    return [f"{b}:" + hashlib.blake2b(signature[b * BAND_ROWS:(b + 1) * BAND_ROWS].tobytes(), digest_size=8).hexdigest()
            for b in range(bands)]


def _read_and_clean(paths: tuple[str, ...]) -> tuple[list[Article], list[Rejected], int]:
    """Articles in file order (repeats of one text within the unit dropped), rejects, and pages read."""
    articles: list[Article] = []
    rejected: list[Rejected] = []
    seen: set[str] = set()
    pages = 0
    for item in (page for path in paths for page in read_path(Path(path))):
        pages += 1
        result = item if isinstance(item, Rejected) else process(item)
        if isinstance(result, Rejected):
            rejected.append(result)
        elif result.id not in seen:
            seen.add(result.id)
            articles.append(result)
    return articles, rejected, pages


def _analyze(articles: list[Article]) -> list[Rejected]:
    """Entities, quotes, places and dates into each Article.analysis; an article whose analysis fails is
    kept without it and the failure is recorded (stage "analyze"), as in `newsprism ingest`."""
    failed = []
    for article in articles:
        rejected = analyze_stage(article)
        if rejected is not None:
            failed.append(rejected)
    return failed


def _embed(articles: list[Article], encoder_name: str | None) -> tuple[str, np.ndarray, np.ndarray]:
    from ..embed import get_encoder

    encoder = get_encoder(encoder_name)
    texts = [embedding_text(a.title, a.text) for a in articles]
    titles = [a.title or "" for a in articles]
    vectors = encoder.encode(texts) if texts else np.zeros((0, encoder.dim), np.float32)
    title_vectors = encoder.encode(titles) if titles else np.zeros((0, encoder.dim), np.float32)
    return encoder.name, vectors, title_vectors


def _article_row(a: Article, key: str, position: int, signature: np.ndarray) -> dict[str, Any]:
    data = a.to_dict()
    data.pop("text")
    return {"id": a.id, "source": a.source, "url": a.url, "outlet": a.outlet, "title": a.title,
            "published": a.published, "language": a.language, "raw_hash": a.raw_hash, "text": a.text,
            "data": json.dumps(data, ensure_ascii=False), "file_key": key, "position": position,
            "minhash": signature.tolist()}


def _entity_rows(a: Article) -> list[dict[str, Any]]:
    """One row per mention of a canonical entity (the analysis stage's payload, flattened)."""
    payload = a.analysis.get("entities") or {}
    return [{"article_id": a.id, "entity": e.get("id"), "name": e.get("name"), "label": e.get("type"),
             "text": m.get("text"), "start": m.get("start"), "end": m.get("end")}
            for e in payload.get("entities") or [] for m in e.get("mentions") or []]


def _quote_rows(a: Article) -> list[dict[str, Any]]:
    payload = a.analysis.get("quotes") or {}
    return [{"article_id": a.id, **{f: q.get(f) for f in ("text", "kind", "speaker", "speaker_id", "cue",
                                                          "start", "end")}, "speakers": quote_speaker(q),
             "channel": (q.get("channel") or {}).get("text")}
            for q in payload.get("quotes") or []]


def _place_rows(a: Article) -> list[dict[str, Any]]:
    payload = a.analysis.get("places") or {}
    return [{"article_id": a.id, **{f: p.get(f) for f in ("name", "text", "start", "end", "lat", "lon",
                                                          "country", "geonameid")}}
            for p in payload.get("places") or []]


def process_file(task: FileTask) -> dict[str, Any]:
    """Read, clean, embed and MinHash one unit; write its parts, then its done marker.

    An unexpected failure does not stop the batch: it comes back as {"error": ...}, the unit gets no
    marker (so the next run retries it) and the run records it as rejected.
    """
    try:
        return _process_file(task)
    except Exception as exc:  # noqa: BLE001 - reported as a rejected unit with what to do
        return {"error": f"{type(exc).__name__}: {exc}", "key": task.key}


def _process_file(task: FileTask) -> dict[str, Any]:
    seconds: dict[str, float] = {}
    t = time.perf_counter()
    articles, rejected, pages = _read_and_clean(task.paths)
    seconds["clean"] = time.perf_counter() - t
    if task.analyze:
        t = time.perf_counter()
        rejected += _analyze(articles)
        seconds["analyze"] = time.perf_counter() - t
    t = time.perf_counter()
    model, vectors, title_vectors = _embed(articles, task.encoder)
    seconds["embed"] = time.perf_counter() - t
    t = time.perf_counter()
    signatures = [minhash(a.text) for a in articles]
    seconds["minhash"] = time.perf_counter() - t
    t = time.perf_counter()
    out = task.out
    write_table(part_path(out, task.key, "articles"), "articles",
                [_article_row(a, task.key, i, s) for i, (a, s) in enumerate(zip(articles, signatures))])
    write_table(part_path(out, task.key, "sentences"), "sentences",
                [{"article_id": a.id, "n": n, "start": s.start, "end": s.end, "paragraph": s.paragraph,
                  "text": s.text} for a in articles for n, s in enumerate(a.sentences)])
    write_table(part_path(out, task.key, "entities"), "entities",
                [r for a in articles for r in _entity_rows(a)])
    write_table(part_path(out, task.key, "quotes"), "quotes", [r for a in articles for r in _quote_rows(a)])
    write_table(part_path(out, task.key, "places"), "places", [r for a in articles for r in _place_rows(a)])
    write_table(part_path(out, task.key, "embeddings"), "embeddings",
                [{"article_id": a.id, "model": model, "vector": v.tolist(), "title_vector": tv.tolist()}
                 for a, v, tv in zip(articles, vectors, title_vectors)])
    write_table(part_path(out, task.key, "bands"), "bands",
                [{"band": b, "article_id": a.id} for a, s in zip(articles, signatures) for b in band_keys(s)])
    write_table(part_path(out, task.key, "rejected"), "rejected", [r.__dict__ for r in rejected])
    seconds["write"] = time.perf_counter() - t
    summary = {"input": _fingerprint(task.paths), "settings": _settings(task), "key": task.key, "pages": pages, "articles": len(articles),
               "rejected": len(rejected), "seconds": seconds}
    marker = done_marker(out, task.key)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.with_suffix(".tmp").write_text(json.dumps(summary), encoding="utf-8")
    marker.with_suffix(".tmp").replace(marker)
    return summary
