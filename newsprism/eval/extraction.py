"""`newsprism eval extraction --data DIR`: main-text extraction on the article-extraction-benchmark layout.

DIR holds `ground-truth.json` ({key: {articleBody, url}}) and `html/<key>.html.gz` (or .html). The metric
is the benchmark's own: per page, TP/FP/FN over the multisets of 4-token shingles (tokens = \\w+),
normalised to sum 1; precision and recall are averaged over pages, F1 is their harmonic mean.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path
from statistics import mean

import click

from ..errors import DataFormatError
from ..ingest.files import decode_bytes
from ..model import RawPage
from ..pipeline import process
from ..model import Article
from .common import emit_metrics, write_predictions

__all__ = ["shingle_tp_fp_fn", "score_pages", "load_benchmark", "extract_for_benchmark", "command"]

_TOKEN = re.compile(r"\w+")


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def shingle_tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    t, p = _shingles(true), _shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)


def score_pages(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """pairs of (true body, predicted body) -> precision, recall, f1 as the benchmark defines them."""
    counts = [shingle_tp_fp_fn(t, p) for t, p in pairs]
    precision = mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def load_benchmark(folder: str | Path) -> list[tuple[str, str, str, str | None]]:
    """(key, html, true body, url) for every page that has both ground truth and HTML."""
    folder = Path(folder)
    truth_path = folder / "ground-truth.json"
    if not truth_path.is_file():
        raise DataFormatError("bad-layout", f"{folder}: no ground-truth.json here.",
                              "Point --data at a folder with ground-truth.json and html/<key>.html.gz.")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        for name in (f"{key}.html.gz", f"{key}.html"):
            path = folder / "html" / name
            if path.is_file():
                data = path.read_bytes()
                html = decode_bytes(gzip.decompress(data) if name.endswith(".gz") else data) or ""
                pages.append((key, html, truth[key].get("articleBody") or "", truth[key].get("url")))
                break
    if not pages:
        raise DataFormatError("bad-layout", f"{folder}/html: no page matches a ground-truth key.",
                              "Pages must be named <key>.html.gz or <key>.html.")
    return pages


def article_main_text(article: Article) -> str:
    """The body with its section headings back in place (the benchmark's bodies include them)."""
    headings: dict[int, list[str]] = {}
    for h in article.headings:
        headings.setdefault(h.offset, []).append(h.text)
    out, offset = [], 0
    for para in article.text.split("\n\n"):
        out.extend(headings.pop(offset, []))
        out.append(para)
        offset += len(para) + 2
    for rest in headings.values():
        out.extend(rest)
    return "\n".join(out)


def extract_for_benchmark(html: str, url: str | None, extractor: str = "newsprism") -> str:
    if extractor == "trafilatura":
        from ..clean.html import extract_main_text

        return extract_main_text(html, url)
    result = process(RawPage(source=url or "page", kind="html", content=html, url=url))
    return article_main_text(result) if isinstance(result, Article) else ""


@click.command("extraction")
@click.option("--data", required=True, type=click.Path(), help="Folder with ground-truth.json and html/.")
@click.option("--predictions", type=click.Path(), help="Write {key, text} per page as JSONL.")
@click.option("--extractor", type=click.Choice(["newsprism", "trafilatura"]), default="newsprism",
              show_default=True, help="newsprism's clean stage, or trafilatura alone for comparison.")
@click.option("--limit", type=int, default=None, help="Only the first N pages (by key).")
def command(data: str, predictions: str | None, extractor: str, limit: int | None) -> None:
    """Main-text extraction F1 on the article-extraction-benchmark layout."""
    pages = load_benchmark(data)[:limit]
    preds = [(key, extract_for_benchmark(html, url, extractor), truth) for key, html, truth, url in pages]
    write_predictions(predictions, ({"key": k, "text": p} for k, p, _ in preds))
    metrics = score_pages([(t, p) for _, p, t in preds])
    emit_metrics({"task": "extraction", "extractor": extractor, "pages": len(preds), **metrics})
