"""A whole batch: manifest -> per-file parts (resumable) -> syndication groups -> stories -> tables -> store."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from ..model import Rejected
from .dedupe import near_duplicate_links, syndication_groups
from .executor import Executor
from .manifest import expand_inputs, read_manifest
from .stages import FileTask, done_marker, file_key, is_done, process_file
from .stories import cluster_window, story_id, time_windows
from .tables import SCHEMAS, load_into_store, part_path, write_table

__all__ = ["run_batch"]

Progress = Callable[[str, dict[str, Any]], None]


def _quiet(_event: str, _data: dict[str, Any]) -> None:
    pass


def run_batch(manifest: str | Path, out: str | Path, executor: Executor, encoder: str | None = None,
              db: str | None = None, progress: Progress = _quiet, analyze: bool = True) -> dict[str, Any]:
    """Process every input of the manifest on the executor; with analyze=False the entities, quotes and
    places tables stay empty (cleaning, embeddings, syndication groups and stories only)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    units, missing = expand_inputs(read_manifest(manifest))
    tasks = [FileTask(paths, file_key(paths), str(out.resolve()), encoder, analyze) for paths in units]
    wall: dict[str, float] = {}

    t = time.perf_counter()
    todo = [task for task in tasks if not is_done(task)]
    progress("start", {"files": len(tasks), "resumed": len(tasks) - len(todo), "missing": len(missing)})
    for task, summary in executor.map_unordered(process_file, todo):
        if "error" in summary:
            missing.append(Rejected(task.path, "batch", "internal-error",
                                    f"{task.path}: unexpected {summary['error']}. The other files went on; run "
                                    "the batch again to retry this one, and report the file if it fails again."))
            progress("failed", {"path": task.path, "error": summary["error"]})
            continue
        progress("file", {"path": task.path, "articles": summary["articles"], "rejected": summary["rejected"]})
    tasks = [task for task in tasks if done_marker(out, task.key).exists()]
    summaries = [json.loads(done_marker(out, task.key).read_text(encoding="utf-8")) for task in tasks]
    wall["files"] = time.perf_counter() - t

    t = time.perf_counter()
    order, duplicates = _article_order(out, tasks)
    wall["merge"] = time.perf_counter() - t

    t = time.perf_counter()
    pairs = near_duplicate_links(executor, [str(part_path(out, task.key, "bands")) for task in tasks])
    groups = syndication_groups(pairs, order)
    wall["dedupe"] = time.perf_counter() - t
    progress("dedupe", {"near_duplicate_links": len(pairs)})

    t = time.perf_counter()
    stories = _cluster_stories(out, tasks, order, executor)
    wall["stories"] = time.perf_counter() - t
    progress("stories", {"stories": len({s for s, _ in stories.values()})})

    t = time.perf_counter()
    _write_tables(out, tasks, order, groups, stories, missing)
    wall["tables"] = time.perf_counter() - t

    loaded: dict[str, int] = {}
    if db:
        from ..store import open_store

        t = time.perf_counter()
        store = open_store(db)
        try:
            loaded = load_into_store(out, store)
        finally:
            store.close()
        wall["load"] = time.perf_counter() - t
    finished = [t for t in todo if t in tasks]
    return _report(executor, tasks, finished, summaries, order, duplicates, groups, stories, missing, pairs, wall,
                   loaded)


def _article_order(out: Path, tasks: list[FileTask]) -> tuple[dict[str, int], int]:
    """Global order of the kept articles (manifest order, then position) and the count of exact repeats."""
    order: dict[str, int] = {}
    duplicates = 0
    for task in tasks:
        table = pq.read_table(part_path(out, task.key, "articles"), columns=["id"])
        for article_id in table.column("id").to_pylist():
            if article_id in order:
                duplicates += 1
                continue
            order[article_id] = len(order)
    return order, duplicates


def _story_records(out: Path, tasks: list[FileTask], order: dict[str, int]) -> dict[str, list[dict[str, Any]]]:
    records: list[dict[str, Any]] = []
    seen: set[str] = set()
    for task in tasks:
        articles = pq.read_table(part_path(out, task.key, "articles"),
                                 columns=["id", "title", "text", "published", "language"]).to_pylist()
        vectors = pq.read_table(part_path(out, task.key, "embeddings"), columns=["model", "vector", "title_vector"])
        models = vectors.column("model").to_pylist()
        # float32 rows, not Python lists: lists of floats cost ~32 KB an article (9.8 GB at 200k).
        matrix, titles = _matrix(vectors.column("vector")), _matrix(vectors.column("title_vector"))
        for i, article in enumerate(articles):
            if article["id"] in seen:
                continue
            seen.add(article["id"])
            records.append({**article, "model": models[i], "vector": matrix[i], "title_vector": titles[i]})
    return time_windows(records)


def _matrix(column: pa.ChunkedArray) -> np.ndarray:
    """A list<float32> column of equal-length vectors as a (rows, dim) float32 array."""
    flat = column.combine_chunks()
    if len(flat) == 0:
        return np.zeros((0, 0), dtype=np.float32)
    values = np.asarray(flat.flatten(), dtype=np.float32)
    return values.reshape(len(flat), -1)


def _cluster_stories(out: Path, tasks: list[FileTask], order: dict[str, int],
                     executor: Executor) -> dict[str, tuple[str, str]]:
    """article id -> (story id, window)."""
    windows = _story_records(out, tasks, order)
    jobs = sorted(windows.items(), key=lambda kv: -len(kv[1]))  # biggest first: they bound the wall time
    story_of: dict[str, tuple[str, str]] = {}
    for _task, (window, groups) in executor.map_unordered(cluster_window, jobs):
        for members in groups:
            for article_id in members:
                story_of[article_id] = (story_id(members), window)
    return story_of


def _write_tables(out: Path, tasks: list[FileTask], order: dict[str, int], groups: dict[str, str],
                  stories: dict[str, tuple[str, str]], missing: list[Any]) -> None:
    tables = out / "tables"
    tables.mkdir(exist_ok=True)
    for name in ("articles", "sentences", "entities", "quotes", "places", "embeddings", "rejected"):
        _concat_parts(tables / f"{name}.parquet", name, [part_path(out, t.key, name) for t in tasks], order)
    if missing:
        extra = pa.Table.from_pylist([asdict(r) for r in missing], schema=SCHEMAS["rejected"])
        merged = pa.concat_tables([pq.read_table(tables / "rejected.parquet"), extra])
        pq.write_table(merged, tables / "rejected.parquet", compression="zstd")
    write_table(tables / "stories.parquet", "stories",
                [{"story": stories[a][0], "article_id": a, "syndication_group": groups[a], "window": stories[a][1]}
                 for a in order])


def _concat_parts(target: Path, name: str, parts: list[Path], order: dict[str, int]) -> None:
    """Parts into one table; an article that appeared in an earlier file keeps only its first copy."""
    key = "id" if name == "articles" else "article_id"
    owner: dict[str, str] = {}
    schema = SCHEMAS[name]
    with pq.ParquetWriter(target.with_suffix(".tmp"), schema, compression="zstd") as writer:
        for part in parts:
            table = pq.read_table(part)
            if name != "rejected" and table.num_rows:
                ids = table.column(key).to_pylist()
                keep = [owner.setdefault(i, str(part)) == str(part) for i in ids]
                table = table.filter(pa.array(keep))
            writer.write_table(table.cast(schema))
    target.with_suffix(".tmp").replace(target)


def _report(executor: Executor, tasks: list[FileTask], todo: list[FileTask], summaries: list[dict[str, Any]],
            order: dict[str, int], duplicates: int, groups: dict[str, str], stories: dict[str, tuple[str, str]],
            missing: list[Any], pairs: set[tuple[str, str]], wall: dict[str, float],
            loaded: dict[str, int]) -> dict[str, Any]:
    worker_seconds: dict[str, float] = {}
    for s in summaries:
        for stage, sec in s["seconds"].items():
            worker_seconds[stage] = worker_seconds.get(stage, 0.0) + sec
    n = len(order)
    group_sizes: dict[str, int] = {}
    for head in groups.values():
        group_sizes[head] = group_sizes.get(head, 0) + 1
    total = sum(wall.values())
    return {
        "engine": executor.name, "files": len(tasks), "files_processed": len(todo),
        "files_resumed": len(tasks) - len(todo), "pages": sum(s["pages"] for s in summaries),
        "articles": n, "exact_duplicates": duplicates,
        "rejected": sum(s["rejected"] for s in summaries) + len(missing),
        "near_duplicate_links": len(pairs),
        "syndication_groups": sum(1 for size in group_sizes.values() if size > 1),
        "articles_in_syndication_groups": sum(size for size in group_sizes.values() if size > 1),
        "stories": len({s for s, _ in stories.values()}),
        "story_windows": len({w for _, w in stories.values()}),
        "wall_seconds": {k: round(v, 3) for k, v in wall.items()},
        "worker_seconds": {k: round(v, 3) for k, v in worker_seconds.items()},
        "articles_per_s": {**{f"{k}_per_worker": round(n / v, 1) for k, v in worker_seconds.items() if v > 0},
                           **{k: round(n / v, 1) for k, v in wall.items() if v > 0},
                           "overall": round(n / total, 1) if total else None},
        "loaded": loaded,
    }
