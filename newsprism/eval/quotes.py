"""`newsprism eval quotes --data FILE`: quote and speaker attribution on the PolNeAR layout.

Each record has `id`, `text` and `attributions` (`source`, `cue`, `content`, each with char `offsets`).
A predicted quote matches a gold content span when their word-token intersection over union is at least
0.5 (one-to-one, best pairs first; a direct quote's content is its quoted pieces, without the attribution
between them); the speaker is right when the predicted speaker span overlaps the gold source span.
Gold quotes are "direct" when their content holds a quotation mark. Where the text says '"...," X said,
according to Y', PolNeAR's source is Y and newsprism's speaker X (Y is the quote's `channel`): such quotes
count as wrong speakers here.
"""

from __future__ import annotations

import re
import time
from itertools import islice
from typing import Any

import click

from ..analyze import analyze_text
from .common import emit_metrics, prf, read_jsonl, write_predictions

__all__ = ["token_set", "match_quotes", "score", "command"]

MATCH_IOU = 0.5
_TOKEN = re.compile(r"\w+")
_QUOTE_MARK = re.compile(r"[\"“”«»„]|''")  # '' is the doubled-apostrophe quotation mark (NYT style)


def token_set(text: str, spans: list[tuple[int, int]]) -> frozenset[int]:
    """Start offsets of the \\w+ tokens that fall inside any of the spans."""
    return frozenset(m.start() for a, b in spans for m in _TOKEN.finditer(text, a, b))


def _iou(a: frozenset[int], b: frozenset[int]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _gold(record: dict[str, Any]) -> list[dict[str, Any]]:
    text, out = record["text"], []
    for rel in record.get("attributions") or []:
        content = rel.get("content") or {}
        spans = [tuple(o) for o in content.get("offsets") or []]
        tokens = token_set(text, spans)
        if not tokens:
            continue
        source = [tuple(o) for o in (rel.get("source") or {}).get("offsets") or []]
        direct = any(_QUOTE_MARK.search(text[max(0, a - 1):b + 1]) for a, b in spans)
        out.append({"tokens": tokens, "source": source, "class": "direct" if direct else "indirect"})
    return out


def _content_spans(q: dict[str, Any]) -> list[tuple[int, int]]:
    """What the quote reports, as PolNeAR's gold gives it: its `content` pieces when it has them (the span
    without its own cue and speaker), else a direct quote's quoted pieces, without the attribution between
    them ('"A," he said. "B."'), else its one span."""
    if q.get("content"):
        return [(p["start"], p["end"]) for p in q["content"]]
    pieces = q.get("quoted") or []
    if q.get("kind") == "direct" and pieces:
        return [(p["start"], p["end"]) for p in pieces]
    return [(q["start"], q["end"])]


def _predicted(text: str, quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"tokens": token_set(text, _content_spans(q)), "speaker": (q.get("speaker_start"), q.get("speaker_end")),
             "class": "indirect" if q.get("kind") == "indirect" else "direct"} for q in quotes]


def match_quotes(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict, float]]:
    pairs = sorted(((_iou(g["tokens"], p["tokens"]), gi, pi) for gi, g in enumerate(gold)
                    for pi, p in enumerate(pred) if g["tokens"] & p["tokens"]), reverse=True)
    used_g, used_p, out = set(), set(), []
    for iou, gi, pi in pairs:
        if iou < MATCH_IOU or gi in used_g or pi in used_p:
            continue
        used_g.add(gi), used_p.add(pi)
        out.append((gold[gi], pred[pi], iou))
    return out


def _speaker_right(g: dict, p: dict) -> bool:
    a, b = p["speaker"]
    return a is not None and any(min(b, y) > max(a, x) for x, y in g["source"])


def score(docs: list[tuple[list[dict], list[dict]]]) -> dict[str, Any]:
    tp = exact = fp = fn = spk_ok = spk_n = 0
    by_class = {c: [0, 0, 0] for c in ("direct", "indirect")}
    for gold, pred in docs:
        matches = match_quotes(gold, pred)
        tp += len(matches)
        fp += len(pred) - len(matches)
        fn += len(gold) - len(matches)
        exact += sum(1 for g, p, _ in matches if g["tokens"] == p["tokens"])
        for g, p, _ in matches:
            if g["source"]:
                spk_n += 1
                spk_ok += _speaker_right(g, p)
        for c, counts in by_class.items():
            m = match_quotes([g for g in gold if g["class"] == c], [p for p in pred if p["class"] == c])
            counts[0] += len(m)
            counts[1] += sum(1 for p in pred if p["class"] == c) - len(m)
            counts[2] += sum(1 for g in gold if g["class"] == c) - len(m)
    return {**prf(tp, fp, fn), "exact_f1": prf(exact, fp + tp - exact, fn + tp - exact)["f1"],
            "speaker_accuracy": round(spk_ok / spk_n, 4) if spk_n else 0.0, "matched": tp,
            "gold": tp + fn, "predicted": tp + fp,
            **{f"{c}": prf(*counts) for c, counts in by_class.items()}}


@click.command("quotes")
@click.option("--data", required=True, type=click.Path(), help="PolNeAR-format JSONL (id, text, attributions).")
@click.option("--predictions", type=click.Path(), help="Write {id, quotes: [...]} per article as JSONL.")
@click.option("--limit", type=int, default=None, help="Only the first N articles.")
@click.option("--records", type=click.Choice(["all", "even", "odd"]), default="all", show_default=True,
              help="Score every record, or only those at even or odd 0-based line positions. With a cue model "
                   "learned by `scripts/learn_cues.py --records even`, `--records odd` measures it on articles "
                   "it has not seen (the shipped one learned from all of PolNeAR dev).")
@click.option("--no-parser", "no_parser", is_flag=True,
              help="Measure the fallback that languages without a spaCy pipeline get: quotation marks and the "
                   "speech cues of newsprism/data/speech_verbs.json, no parse (direct quotes only).")
def command(data: str, predictions: str | None, limit: int | None, records: str, no_parser: bool) -> None:
    """Quote F1 at token IoU >= 0.5, exact-match F1, speaker accuracy; direct and indirect apart."""
    docs, rows, errors, started = [], [], 0, time.perf_counter()
    chosen = (r for i, r in enumerate(read_jsonl(data, required=("id", "text")))
              if records == "all" or i % 2 == (records == "odd"))
    for record in islice(chosen, limit):
        try:
            quotes = analyze_text(record["text"], "en", parser=not no_parser)["quotes"]["quotes"]
        except Exception as exc:  # one bad record must not end the evaluation: count it as no output
            click.echo(f"{record['id']}: analysis failed ({type(exc).__name__}: {exc}); scored as empty.", err=True)
            errors, quotes = errors + 1, []
        rows.append({"id": record["id"], "quotes": [{k: q.get(k) for k in ("start", "end", "speaker_start",
                     "speaker_end", "speaker", "cue", "cue_start", "cue_end", "confidence", "act", "kind", "quoted", "content")} for q in quotes]})
        docs.append((_gold(record), _predicted(record["text"], quotes)))
    write_predictions(predictions, rows)
    emit_metrics({"task": "quotes", "parser": not no_parser, "records": records, "articles": len(docs), "errors": errors, "match_iou": MATCH_IOU,
                  "seconds": round(time.perf_counter() - started, 1), **score(docs)})
