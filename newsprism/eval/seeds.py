"""`newsprism eval seeds --gold gold.json`: the comparison of the seed articles against the hand-made reference.

The articles are read from the files gold.json names (beside it) and go through the real clean stage.
Metrics (../shared/data/README.md): fact alignment P/R/F1 over gold sentence pairs (every DW x TRT pair
under one fact is aligned, every other pair of body sentences is not; a predicted pair is two sentences
whose claims sit in one fact; `alignment_direct_pairs` counts only the claim pairs aligned directly), per-outlet status accuracy, omission detection (`found_unique_strict`: every predicted fact holding
one of its sentences leaves the other outlet out; `found_unique` relaxes that for sentences gold also lists
under a fact both outlets report, see `_omission_found`), the qualified cells with
their quoted words, and quote-ledger and label coverage (null unless the analysis payloads were present;
the light fallback's coverage is reported beside them).
"""

from __future__ import annotations

import json
import re
from itertools import product
from pathlib import Path
from typing import Any

import click

from ..compare import Comparison, analyze_if_available, compare_articles
from ..errors import DataFormatError
from ..ingest.files import read_path
from ..model import Article, Rejected, normalize_for_hash
from ..pipeline import process
from .common import emit_metrics, prf, write_predictions

__all__ = ["load_gold", "load_articles", "score_comparison", "command"]

_TOKENS = re.compile(r"\w+")


def load_gold(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataFormatError("bad-gold", f"{path}: cannot read the gold file ({exc}).",
                              "Pass ../shared/data/seeds/gold.json or a file in its format.") from exc
    if not isinstance(gold, dict) or not isinstance(gold.get("articles"), dict) or "facts" not in gold:
        raise DataFormatError("bad-gold", f"{path}: no `articles` and `facts` here.",
                              "See ../shared/data/seeds/gold.json for the format.")
    return gold


def load_articles(gold: dict[str, Any], folder: Path) -> dict[str, Article]:
    out = {}
    for key, meta in gold["articles"].items():
        path = folder / str(meta.get("file"))
        items = list(read_path(path)) if path.is_file() else []
        result = items[0] if items and isinstance(items[0], Rejected) else process(items[0]) if items else None
        if not isinstance(result, Article):
            why = f" ({result.stage}: {result.message})" if isinstance(result, Rejected) else ""
            raise DataFormatError("bad-article", f"{path}: the article could not be read or cleaned{why}.",
                                  "Keep the article files beside gold.json, named as its `file` fields.")
        result.outlet = result.outlet or meta.get("outlet") or key
        result.published = result.published or meta.get("date")
        result.language = result.language or meta.get("language")
        analyze_if_available(result)
        out[key] = result
    return out


def _norm(text: str) -> str:
    return normalize_for_hash(text).strip(" \"“”")


def _sentence_of_claims(c: Comparison, index: int, body: dict[str, str]) -> dict[str, set[str]]:
    """claim key -> the gold sentence ids it belongs to (clauses and split quotes map to their sentence)."""
    normed = {sid: _norm(t) for sid, t in body.items()}
    out: dict[str, set[str]] = {}
    for claim in (x for x in c.claims if x.article == index):
        text = _norm(claim.text)
        if len(text) < 8:
            continue
        out[claim.key] = {sid for sid, g in normed.items() if g in text or text in g}
    return out


def _tokens(text: str) -> set[str]:
    return {t.lower() for t in _TOKENS.findall(text)}


def _iou(a: str, b: str) -> float:
    ta, tb = _tokens(a), _tokens(b)
    return len(ta & tb) / len(ta | tb) if ta | tb else 0.0


def _quote_coverage(c: Comparison, gold: dict[str, Any], index_of: dict[str, int]) -> dict[str, float]:
    rows = gold.get("quotes") or []
    found = speakers = 0
    for row in rows:
        carriers = [k for e in c.ledger for k in e.carriers if k.quote.article == index_of.get(row["outlet"])
                    and _iou(k.quote.text, row["text"]) >= 0.5]
        found += bool(carriers)
        last = str(row.get("speaker") or "").split()[-1:] or [""]
        speakers += any(last[0].lower() in str(e.speaker or k.quote.speaker or "").lower()
                        for e in c.ledger for k in e.carriers if k in carriers)
    return {"quotes": round(found / len(rows), 4) if rows else 0.0,
            "speakers": round(speakers / len(rows), 4) if rows else 0.0}


def _label_coverage(c: Comparison, gold: dict[str, Any], index_of: dict[str, int]) -> float:
    wanted = [(index_of[o], t.lower()) for row in gold.get("labels") or [] for o in index_of
              for t in row.get(o) or []]
    used = [(i, t.lower()) for r in c.framing for i, terms in r.terms.items() for t in terms]
    hits = sum(any(i == j and (t in u or u in t) for j, u in used) for i, t in wanted)
    return round(hits / len(wanted), 4) if wanted else 0.0


def _pair_prf(predicted: set[tuple[str, str]], gold: set[tuple[str, str]]) -> dict[str, float]:
    return prf(len(predicted & gold), len(predicted - gold), len(gold - predicted))


def _best_fact(c: Comparison, members: set[str]) -> Any:
    best = max(c.facts, key=lambda f: len(members & {x.key for x in f.claims}), default=None)
    return best if best is not None and members & {x.key for x in best.claims} else None


def _omission_found(c: Comparison, members: set[str], shared_members: set[str], other: list[int]) -> tuple[bool, bool]:
    """(found, strict) for a gold fact one outlet alone reports. Strict: every predicted fact holding a claim
    of its sentences leaves the other outlet `omitted`. Found: the same for its sentences that carry no
    other fact, and, for sentences that also carry a fact both outlets report (gold lists them under both),
    at least one of their predicted facts is unique to the outlet: such a sentence is rightly aligned too."""
    def unique(fx: Any) -> bool:
        return all(fx.cells[i].status == "omitted" for i in other)
    holders = {id(fx): fx for fx in c.facts for x in fx.claims if x.key in members}.values()
    strict = bool(members) and all(unique(fx) for fx in holders)
    own = members - shared_members
    own_ok = all(unique(fx) for fx in c.facts if any(x.key in own for x in fx.claims))
    mixed = members & shared_members
    mixed_ok = not mixed or any(unique(fx) for fx in c.facts if any(x.key in mixed for x in fx.claims))
    return bool(members) and own_ok and mixed_ok, strict


def score_comparison(c: Comparison, gold: dict[str, Any], articles: dict[str, Article]) -> dict[str, Any]:
    keys = list(gold["articles"])
    index_of = {k: i for i, k in enumerate(keys)}
    claim_sents = {k: _sentence_of_claims(c, index_of[k], gold["articles"][k]["body_sentences"]) for k in keys}
    sent_claims: dict[str, set[str]] = {}
    for per in claim_sents.values():
        for ck, sids in per.items():
            for s in sids:
                sent_claims.setdefault(s, set()).add(ck)
    a, b = keys[0], keys[1]
    gold_pairs = {(x, y) for f in gold["facts"] for x, y in product(f.get(a) or [], f.get(b) or [])}
    predicted = set()
    for fact in c.facts:
        sa = {s for x in fact.claims for s in claim_sents[a].get(x.key, ())}
        sb = {s for x in fact.claims for s in claim_sents[b].get(x.key, ())}
        predicted |= set(product(sa, sb))
    direct = {(x, y) for ca, cb, _ in c.edges for left, right in ((ca, cb), (cb, ca))
              for x in claim_sents[a].get(left.key, ()) for y in claim_sents[b].get(right.key, ())}
    metrics: dict[str, Any] = {"alignment": _pair_prf(predicted, gold_pairs),
                               "alignment_direct_pairs": _pair_prf(direct, gold_pairs)}
    correct = {k: 0 for k in keys}
    omissions, omissions_found, omissions_strict, qualified = 0, 0, 0, {}
    shared_sentences = {s for f in gold["facts"] if all(f.get(k) for k in keys) for k in keys for s in f[k]}
    shared_members = {ck for s in shared_sentences for ck in sent_claims.get(s, ())}
    for f in gold["facts"]:
        members = {ck for k in keys for s in f.get(k) or [] for ck in sent_claims.get(s, ())}
        fact = _best_fact(c, members)
        for k in keys:
            got = fact.cells[index_of[k]] if fact else None
            correct[k] += bool(got and got.status == f["status"][k])
            if f["status"][k] == "qualified":
                qualified[f"{f['id']}:{k}"] = {"status": got.status if got else None,
                                                "quoted": got.quoted if got else [], "reason": got.reason if got else None}
        owners = [k for k in keys if f.get(k)]
        if len(owners) == 1:
            omissions += 1
            other = [index_of[k] for k in keys if k not in owners]
            found, strict = _omission_found(c, members, shared_members, other)
            omissions_found += found
            omissions_strict += strict
    metrics["status_accuracy"] = {k: round(v / len(gold["facts"]), 4) for k, v in correct.items()}
    metrics["omissions"] = {"gold": omissions, "found_unique": omissions_found, "found_unique_strict": omissions_strict}
    metrics["qualified"] = qualified
    has_analysis = any(c.analysis_used.values())
    quotes, labels = _quote_coverage(c, gold, index_of), _label_coverage(c, gold, index_of)
    metrics["quotes_coverage"] = quotes if c.analysis_used.get("quotes") else None
    metrics["labels_coverage"] = labels if c.analysis_used.get("entities") else None
    metrics["fallback_quotes_coverage"] = None if has_analysis else quotes
    metrics["fallback_labels_coverage"] = None if has_analysis else labels
    return metrics


@click.command("seeds")
@click.option("--gold", "--data", "gold_path", required=True, type=click.Path(),
              help="The reference comparison (../shared/data/seeds/gold.json); its article files sit beside it.")
@click.option("--predictions", type=click.Path(), help="Write the comparison JSON (one line).")
def command(gold_path: str, predictions: str | None) -> None:
    """Seed comparison against gold.json: alignment P/R/F1, statuses, omissions, qualified, quotes, labels."""
    gold = load_gold(gold_path)
    if len(gold["articles"]) != 2:
        raise DataFormatError("bad-gold", f"{gold_path}: the seeds metric is defined for two articles.",
                              "Give a gold file with exactly two entries under `articles`.")
    articles = load_articles(gold, Path(gold_path).parent)
    comparison = compare_articles(list(articles.values()))
    write_predictions(predictions, [comparison.to_dict()])
    emit_metrics({"task": "seeds", **score_comparison(comparison, gold, articles)})
