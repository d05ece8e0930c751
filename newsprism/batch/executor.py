"""Where batch functions run: one small interface, an in-process and a Dask implementation.

The functions given to an executor are plain top-level functions over plain data, so any engine that
can ship a function and its arguments (Dask here; Spark or Ray the same way) can run them.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

__all__ = ["Executor", "LocalExecutor", "DaskExecutor", "make_executor"]

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    name: str

    def map_unordered(self, fn: Callable[[T], R], items: Sequence[T]) -> Iterator[tuple[T, R]]:
        """(item, fn(item)) as each finishes, in any order."""
        ...

    def group_reduce(self, sources: Sequence[T], emit: Callable[[T], Iterable[tuple[Hashable, Any]]],
                     reduce: Callable[[Hashable, list[Any]], list[R]]) -> list[R]:
        """emit (key, value) pairs from every source, group them by key (a shuffle), reduce each group."""
        ...

    def close(self) -> None: ...


class LocalExecutor:
    name = "local"

    def map_unordered(self, fn: Callable[[T], R], items: Sequence[T]) -> Iterator[tuple[T, R]]:
        for item in items:
            yield item, fn(item)

    def group_reduce(self, sources: Sequence[T], emit: Callable[[T], Iterable[tuple[Hashable, Any]]],
                     reduce: Callable[[Hashable, list[Any]], list[R]]) -> list[R]:
        groups: dict[Hashable, list[Any]] = defaultdict(list)
        for source in sources:
            for key, value in emit(source):
                groups[key].append(value)
        return [r for key, values in groups.items() for r in reduce(key, values)]

    def close(self) -> None:
        pass


class DaskExecutor:
    """dask.distributed: a scheduler given by address, or a LocalCluster of worker processes."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, n_workers: int = 2, threads_per_worker: int = 1) -> None:
        from dask.distributed import Client, LocalCluster

        self.cluster = None
        if scheduler:
            self.client = Client(scheduler, timeout="30s")
        else:
            self.cluster = LocalCluster(n_workers=n_workers, threads_per_worker=threads_per_worker,
                                        processes=True, dashboard_address=":0", host="127.0.0.1")
            self.client = Client(self.cluster)

    def map_unordered(self, fn: Callable[[T], R], items: Sequence[T]) -> Iterator[tuple[T, R]]:
        from dask.distributed import as_completed

        if not items:
            return
        # Scattered first: story windows carry texts and vectors, too big to travel inside the task graph.
        futures = self.client.map(fn, self.client.scatter(list(items)), pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        for future in as_completed(futures):
            yield items[index[future.key]], future.result()
            future.release()

    def group_reduce(self, sources: Sequence[T], emit: Callable[[T], Iterable[tuple[Hashable, Any]]],
                     reduce: Callable[[Hashable, list[Any]], list[R]]) -> list[R]:
        """A map-side partitioned shuffle, as MapReduce does: each source's pairs are split by a stable
        hash of the key into one bucket per reducer; reducer j fetches bucket j of every source. Data
        moves once and the cost is linear in the pairs (dask.bag's task shuffle, measured before, took
        149 s for 50k articles' band keys against 6.6 s for 10k)."""
        from operator import getitem

        if not sources:
            return []
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        buckets = max(1, min(len(sources), 4 * workers))
        mapped = self.client.map(_emit_partitioned, list(sources), emit=emit, buckets=buckets, pure=False)
        reduced = [self.client.submit(_reduce_bucket, reduce, *[self.client.submit(getitem, m, j, pure=False)
                                                               for m in mapped], pure=False)
                   for j in range(buckets)]
        out: list[R] = []
        for part in self.client.gather(reduced):
            out.extend(part)
        return out

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _stable_bucket(key: Hashable, buckets: int) -> int:
    """The same bucket for a key in every worker process (Python's str hash differs between processes)."""
    if isinstance(key, int):
        return key % buckets
    return zlib.crc32(repr(key).encode("utf-8")) % buckets


def _emit_partitioned(source: Any, emit: Callable[[Any], Iterable[tuple[Hashable, Any]]],
                      buckets: int) -> list[list[tuple[Hashable, Any]]]:
    out: list[list[tuple[Hashable, Any]]] = [[] for _ in range(buckets)]
    for key, value in emit(source):
        out[_stable_bucket(key, buckets)].append((key, value))
    return out


def _reduce_bucket(reduce: Callable[[Any, list[Any]], list[Any]], *parts: list[tuple[Hashable, Any]]) -> list[Any]:
    groups: dict[Hashable, list[Any]] = defaultdict(list)
    for part in parts:
        for key, value in part:
            groups[key].append(value)
    return [r for key, values in groups.items() for r in reduce(key, values)]


def make_executor(engine: str, scheduler: str | None = None, workers: int = 2) -> Executor:
    if engine == "local":
        return LocalExecutor()
    if engine == "dask":
        return DaskExecutor(scheduler, n_workers=workers)
    raise ValueError(f"unknown engine {engine!r}: use local or dask")
