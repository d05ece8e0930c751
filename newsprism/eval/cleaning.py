"""`newsprism eval cleaning --gold GOLD.json`: the scraped-text cleaner against hand-labelled articles.

GOLD.json has the layout of data/seeds/gold.json: `articles` maps a key to `file` (relative to the gold
file's folder), `body_sentences` ({id: sentence}), `not_body` ({category: [spans]}) and optionally
`title`, `date`, `outlet`, `credited_agencies`, `standfirst`. Texts are compared after NFKC and
whitespace collapsing. Measured per gold item, summed over articles:
- body_kept: gold body sentences found within the cleaned body;
- not_body_removed: not_body spans absent from the body (a span that is also part of a gold body
  sentence, e.g. a heading repeated in prose, counts as removed only when a removed span holds it);
- not_body_classified: removed with a reason matching the gold category;
- title/date/outlet/agencies (and standfirst where given): exact after normalisation;
- false_body_sentences: sentences of our splitter that are not gold body sentences.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from ..errors import DataFormatError
from ..ingest.files import read_path
from ..model import Article, Rejected
from ..pipeline import process
from .common import emit_metrics, write_predictions

__all__ = ["CATEGORY_REASONS", "load_gold", "score_article", "command"]

# Gold not_body categories -> the cleaner's RemovedSpan reasons that count as the right classification.
CATEGORY_REASONS = {
    "navigation": {"navigation"},
    "captions_and_credits": {"caption", "credit"},
    "related_story_teaser": {"teaser"},
    "section_headings": {"heading"},
    "dateline": {"dateline"},
    "signoff": {"signoff"},
    "promo": {"promo"},
    "repeated": {"repeated"},
}
_METADATA = {"title": "title", "date": "published", "outlet": "outlet", "standfirst": "standfirst"}


def norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text or "")).strip()


@dataclass
class Score:
    counts: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def add(self, name: str, ok: bool, what: str) -> None:
        self.counts[name + "_total"] += 1
        self.counts[name] += ok
        if not ok:
            self.misses.append(f"{name}: {what}")


def load_gold(path: str | Path) -> tuple[Path, dict[str, dict[str, Any]]]:
    path = Path(path)
    if not path.is_file():
        raise DataFormatError("not-found", f"{path}: no such gold file.", "Check the --gold path.")
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataFormatError("bad-json", f"{path}: not valid JSON ({exc}).",
                              "The gold file is one JSON object (see data/seeds/gold.json).") from exc
    articles = gold.get("articles") if isinstance(gold, dict) else None
    if not isinstance(articles, dict) or not articles:
        raise DataFormatError("bad-layout", f"{path}: no 'articles' object.",
                              "Expected {\"articles\": {key: {\"file\", \"body_sentences\", \"not_body\"}}}.")
    bad = [k for k, a in articles.items() if not _well_formed(a)]
    if bad:
        raise DataFormatError("bad-record", f"{path}: article(s) {', '.join(bad)} have no 'file' or a malformed "
                              "'body_sentences'/'not_body'.", "Each article names its text file (relative to the "
                              "gold file's folder), body_sentences as {id: text}, not_body as {category: [text]}.")
    return path.parent, articles


def _well_formed(article: Any) -> bool:
    if not isinstance(article, dict) or not isinstance(article.get("file"), str):
        return False
    body, not_body = article.get("body_sentences") or {}, article.get("not_body") or {}
    return isinstance(body, dict) and all(isinstance(s, str) for s in body.values()) and \
        isinstance(not_body, dict) and all(isinstance(v, list) and all(isinstance(s, str) for s in v)
                                           for v in not_body.values())


def _covered(span: str, article: Article) -> list[str]:
    """Reasons of the removed spans that hold this text."""
    return [r.reason for r in article.removed if span in norm(r.text)]


def _score_not_body(gold: dict[str, Any], article: Article, gold_body: list[str], score: Score) -> None:
    body = norm(article.text)
    for category, spans in (gold.get("not_body") or {}).items():
        for span in map(norm, spans):
            reasons = _covered(span, article)
            in_prose = any(span in g for g in gold_body)
            removed = bool(reasons) if in_prose else span not in body
            score.add("not_body_removed", removed, f"{category} still in body: {span!r}")
            right = set(reasons) & CATEGORY_REASONS.get(category, {category})
            score.add("not_body_classified", removed and bool(right),
                      f"{span!r} is {category}, removed as {sorted(set(reasons)) or 'nothing'}")
            score.counts[f"{category}_classified"] += removed and bool(right)
            score.counts[f"{category}_total"] += 1


def _score_metadata(gold: dict[str, Any], article: Article, score: Score) -> None:
    for key, attr in _METADATA.items():
        if key in gold:
            want, got = norm(gold[key]) or None, norm(getattr(article, attr)) or None
            score.add(f"{key}_found", want == got, f"{key} {got!r}, gold {want!r}")
    if "credited_agencies" in gold:
        want, got = sorted(gold["credited_agencies"]), sorted(article.agencies)
        score.add("agencies_found", want == got, f"agencies {got}, gold {want}")


def score_article(gold: dict[str, Any], article: Article, score: Score) -> None:
    gold_body = [norm(s) for s in (gold.get("body_sentences") or {}).values()]
    body = norm(article.text)
    for sentence in gold_body:
        score.add("body_kept", sentence in body, f"body sentence lost: {sentence[:80]!r}")
    _score_not_body(gold, article, gold_body, score)
    _score_metadata(gold, article, score)
    ours = [norm(s.text) for s in article.sentences]
    false_body = [s for s in ours if s not in set(gold_body)]
    score.counts["false_body_sentences"] += len(false_body)
    score.counts["sentences_exact"] += sum(1 for s in ours if s in set(gold_body))
    score.misses += [f"false body sentence: {s[:80]!r}" for s in false_body]


def _clean_file(folder: Path, gold: dict[str, Any]) -> Article | Rejected:
    path = folder / gold["file"]
    if not path.is_file():
        return Rejected(str(path), "eval", "not-found", f"{path}: the gold names a file that is not there.")
    item = next(iter(read_path(path)), None)
    if item is None or isinstance(item, Rejected):
        return item or Rejected(str(path), "ingest", "empty", f"{path}: nothing to read.")
    return process(item)


def _share(counts: Counter[str], name: str) -> float | None:
    total = counts[name + "_total"]
    return round(counts[name] / total, 4) if total else None


def _metrics(score: Score, articles: int, rejected: list[Rejected]) -> dict[str, Any]:
    c = score.counts
    shares = ["body_kept", "not_body_removed", "not_body_classified", "title_found", "date_found",
              "outlet_found", "agencies_found", "standfirst_found"]
    categories = sorted({k[:-len("_total")] for k in c if k.endswith("_total")} - set(shares))
    return {
        "task": "cleaning", "articles": articles, "rejected": [f"{r.source}: {r.message}" for r in rejected],
        **{name: _share(c, name) for name in shares if c[name + "_total"]},
        "not_body_classified_by_category": {k: round(c[k + "_classified"] / c[k + "_total"], 4)
                                            for k in categories},
        "false_body_sentences": c["false_body_sentences"],
        "gold_body_sentences": c["body_kept_total"], "sentences_exact": c["sentences_exact"],
        "misses": score.misses[:50],
    }


@click.command("cleaning")
@click.option("--gold", "--data", "gold_path", required=True, type=click.Path(),
              help="Gold JSON in the layout of data/seeds/gold.json (--data is an alias).")
@click.option("--predictions", type=click.Path(), help="Write the cleaned article JSON per article (JSONL).")
def command(gold_path: str, predictions: str | None) -> None:
    """Scraped-text cleaning: body kept, boilerplate removed and classified, metadata found."""
    folder, articles = load_gold(gold_path)
    score, rejected, rows = Score(), [], []
    for key, gold in articles.items():
        result = _clean_file(folder, gold)
        if isinstance(result, Rejected):
            rejected.append(result)
            for sentence in (gold.get("body_sentences") or {}).values():
                score.add("body_kept", False, f"{key} rejected: {sentence[:60]!r}")
            continue
        score_article(gold, result, score)
        rows.append({"gold_key": key, **result.to_dict()})
    write_predictions(predictions, rows)
    emit_metrics(_metrics(score, len(articles), rejected))
