"""The comparison as JSON: the versioned schema documented in docs/compare-schema.md."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..claims import Claim

if TYPE_CHECKING:
    from ..core import Comparison

__all__ = ["SCHEMA_VERSION", "comparison_to_dict"]

SCHEMA_VERSION = "newsprism.comparison/1"


def _span(claim: Claim) -> dict[str, Any]:
    return {"claim": claim.key, "start": claim.start, "end": claim.end, "text": claim.text}


def _articles(c: "Comparison") -> list[dict[str, Any]]:
    return [{"index": i, "id": a.id, "outlet": c.names[i], "title": a.title, "published": a.published,
             "language": a.language, "source": a.source, "url": a.url, "text": a.text,
             "claims": [{"key": x.key, "sentence": x.sentence, "start": x.start, "end": x.end}
                        for x in c.claims if x.article == i]}
            for i, a in enumerate(c.articles)]


def _facts(c: "Comparison") -> list[dict[str, Any]]:
    return [{"id": f.id, "text": f.text, "sources": f.sources,
             "first": c.names[f.first] if f.first is not None else None,
             "cells": {c.names[i]: {"status": cell.status, "reason": cell.reason, "quoted": cell.quoted,
                                    "finding": cell.finding,
                                    "match": None if cell.match is None else round(cell.match, 4), "weak": cell.weak,
                                    "evidence": [_span(x) for x in cell.evidence]}
                       for i, cell in f.cells.items()}}
            for f in c.facts]


def _quotes(c: "Comparison") -> list[dict[str, Any]]:
    return [{"id": e.id, "speaker": e.speaker, "text": e.text, "kind": e.kind, "cue": e.cue,
             "carriers": [{"outlet": c.names[k.quote.article], "how": k.how, "kind": k.quote.kind, "cue": k.quote.cue,
                           "start": k.quote.start, "end": k.quote.end, "text": k.quote.text,
                           "speaker_as_given": k.quote.speaker_label, "channel": k.quote.channel,
                           "diff": k.diff} for k in e.carriers]}
            for e in c.ledger]


def comparison_to_dict(c: "Comparison") -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "articles": _articles(c),
        "facts": _facts(c),
        "alignments": [{"a": a.key, "b": b.key, "score": round(s, 4)} for a, b, s in c.edges],
        "quotes": _quotes(c),
        "speakers": {c.names[i]: dict(cnt.most_common()) for i, cnt in sorted(c.speakers.items())},
        "framing": [{"referent": r.referent, "source": r.source,
                     "terms": {c.names[i]: t for i, t in sorted(r.terms.items())},
                     "spans": {c.names[i]: [list(x) for x in sp] for i, sp in sorted(r.spans.items())}}
                    for r in c.framing],
        "summary": {"consensus": [{"text": s.text, "fact": s.fact, "cites": [c.names[i] for i in s.cites],
                                   "speaker": s.speaker,
                                   "caveats": [{"outlet": c.names[i], "status": status, "finding": finding}
                                               for i, status, finding in s.caveats]}
                                  for s in c.summary.consensus],
                    "only": {c.names[i]: [{"text": s.text, "fact": s.fact, "speaker": s.speaker} for s in lines]
                             for i, lines in c.summary.only.items()}},
        "analysis_used": c.analysis_used,
    }
