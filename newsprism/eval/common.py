"""Shared plumbing for evaluators: reading JSONL, writing predictions, printing the metrics line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from ..errors import DataFormatError

__all__ = ["read_jsonl", "write_predictions", "emit_metrics", "prf"]


def read_jsonl(path: str | Path, required: Iterable[str] = ()) -> Iterator[dict[str, Any]]:
    path = Path(path)
    if not path.is_file():
        raise DataFormatError("not-found", f"{path}: no such data file.", "Check the --data path.")
    need = list(required)
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataFormatError("bad-json", f"{path} line {i}: not valid JSON ({exc.msg}).",
                                      "Each line must be one JSON object.") from exc
            missing = [k for k in need if k not in rec]
            if missing:
                raise DataFormatError("bad-record", f"{path} line {i}: missing field(s) {', '.join(missing)}.",
                                      "See ../shared/data/README.md for the format.")
            yield rec


def write_predictions(path: str | None, rows: Iterable[dict[str, Any]]) -> None:
    if not path:
        return
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def emit_metrics(metrics: dict[str, Any]) -> None:
    """The contract: metrics are one JSON object on the last line of the output."""
    click.echo(json.dumps(metrics, ensure_ascii=False, sort_keys=True))


def prf(tp: float, fp: float, fn: float) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
