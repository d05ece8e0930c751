"""Cut an article's text into segments marked with its analysed spans (quotes, entities, facts).

Templates render the segments with autoescaping, so the article's bytes are always text, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from ...model import quote_speaker

__all__ = ["Span", "Segment", "segments", "spans_from_analysis"]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # quote, entity, fact, ...
    label: str  # tooltip text
    key: str = ""  # groups spans that belong together (a fact id, an entity id)


@dataclass
class Segment:
    text: str
    spans: list[Span]

    @property
    def kinds(self) -> str:
        return " ".join(sorted({s.kind for s in self.spans}))

    @property
    def label(self) -> str:
        return "; ".join(s.label for s in self.spans if s.label)

    @property
    def keys(self) -> str:
        return " ".join(s.key for s in self.spans if s.key)


def segments(text: str, spans: Iterable[Span]) -> list[Segment]:
    """Split text at every span boundary; each piece carries the spans that cover it."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        out.append(Segment(text[a:b], [s for s in valid if s.start <= a and b <= s.end]))
    return out


def spans_from_analysis(analysis: dict[str, Any]) -> list[Span]:
    spans: list[Span] = []
    for q in (analysis.get("quotes") or {}).get("quotes", []):
        who = quote_speaker(q) or "unknown speaker"
        spans.append(Span(q["start"], q["end"], "quote", f"{q.get('kind', 'quote')} quote: {who}",
                          q.get("speaker_id") or ""))
    for e in (analysis.get("entities") or {}).get("entities", []):
        for m in e.get("mentions", []):
            spans.append(Span(m["start"], m["end"], "entity", f"{e.get('type', '')} {e.get('name', '')}".strip(),
                              e.get("id", "")))
    return spans
