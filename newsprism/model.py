"""The document types that flow through newsprism's stages.

One `Article` travels from ingest to presentation. Each stage reads the fields it needs and fills
the ones it owns; later stages (analysis, stories, comparison) keep their results in
`Article.analysis`, keyed by a versioned component name, so old results stay explainable.
"""

from __future__ import annotations

import hashlib
import unicodedata
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "RawPage",
    "RemovedSpan",
    "Heading",
    "Sentence",
    "Article",
    "Rejected",
    "normalize_for_hash",
    "content_id",
    "primary_language",
    "majority_language",
    "joint_name",
    "quote_speaker",
]

_WS = re.compile(r"\s+")


def normalize_for_hash(text: str) -> str:
    """NFKC + collapsed whitespace: the form two copies of one text share."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def primary_language(tag: str | None) -> str | None:
    """'en-US' -> 'en': the ISO 639-1 form the rest of newsprism uses."""
    return tag.replace("_", "-").split("-")[0].strip().lower() or None if tag else None


def majority_language(tags: list[str | None]) -> str | None:
    """The language most of `tags` share (primary codes), English on a tie (the language newsprism's own
    words are in), else the first tied one met; None when no tag is known."""
    codes = [primary_language(t) for t in tags]
    counts = Counter(c for c in codes if c)
    if not counts:
        return None
    top = max(counts.values())
    leaders = [c for c, n in counts.items() if n == top]
    return "en" if "en" in leaders else next(c for c in codes if c in leaders)


def joint_name(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C': the speakers of a joint statement as a reader is told."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def quote_speaker(quote: dict[str, Any]) -> str | None:
    """Who speaks in a quote of the analysis payload: its `speaker`, or every speaker of a joint statement
    ('Recep Tayyip Erdogan and Vladimir Putin' for 'Erdogan and Putin agreed that ...')."""
    names = [str(s["speaker"]) for s in quote.get("speakers") or [] if isinstance(s, dict) and s.get("speaker")]
    return joint_name(names) if len(names) > 1 else quote.get("speaker")


def content_id(text: str, length: int = 16) -> str:
    """Content-hash id: the same text always gets the same id, whatever file it came from."""
    return hashlib.sha256(normalize_for_hash(text).encode("utf-8")).hexdigest()[:length]


@dataclass
class RawPage:
    """One input document before cleaning: the bytes decoded to text plus any hints the source gave."""

    source: str  # file path, "stdin", URL or "<file>#<line>" for JSONL records
    kind: str  # "text" or "html"
    content: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date or datetime as given
    language: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def raw_hash(self) -> str:
        """Hash of the input exactly as read (no normalisation: pages are large and this runs per input)."""
        return hashlib.sha256(f"{self.kind}\n{self.content}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass
class RemovedSpan:
    """A piece of the input that is not article body, kept with the reason it was removed."""

    text: str
    reason: str  # navigation, caption, credit, teaser, heading, dateline, signoff, promo, repeated, ...
    line: int | None = None  # 0-based line of the (normalised) input, when the input was text
    detail: str | None = None  # a human-readable why, e.g. "matches credit pattern 'Image: ...'"


@dataclass
class Heading:
    """A section heading: kept for structure, never a body sentence."""

    text: str
    offset: int  # character offset in Article.text of the paragraph the heading precedes


@dataclass
class Sentence:
    """A body sentence with character offsets into `Article.text` (text == article.text[start:end])."""

    start: int
    end: int
    text: str
    paragraph: int


@dataclass
class Article:
    id: str
    text: str  # cleaned body; paragraphs separated by a blank line
    source: str
    title: str | None = None
    standfirst: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime
    language: str | None = None
    agencies: list[str] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    removed: list[RemovedSpan] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    raw_hash: str | None = None
    extractor: str | None = None  # which cleaner produced the text, with its version
    analysis: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        data = dict(data)
        data["headings"] = [Heading(**h) for h in data.get("headings") or []]
        data["removed"] = [RemovedSpan(**r) for r in data.get("removed") or []]
        data["sentences"] = [Sentence(**s) for s in data.get("sentences") or []]
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]


@dataclass
class Rejected:
    """An input that could not become an article: stored, never silently dropped."""

    source: str
    stage: str  # ingest, decode, clean, analyze, ...
    reason: str  # short machine-friendly reason, e.g. "empty", "binary", "too-large"
    message: str  # what went wrong and what to do about it
    raw_hash: str | None = None
    sample: str | None = None  # the first bytes of the input, for the audit
