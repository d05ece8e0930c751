"""Scraped plain text -> article body, with every removed line kept and explained.

(First cut: normalises whitespace and splits paragraphs. The boilerplate classifier replaces it.)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..model import RemovedSpan

__all__ = ["TextCleanResult", "clean_scraped_text", "normalize_text"]

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")


@dataclass
class TextCleanResult:
    paragraphs: list[str]  # body paragraphs, in reading order
    headings: list[tuple[str, int]] = field(default_factory=list)  # (text, index of the next paragraph)
    removed: list[RemovedSpan] = field(default_factory=list)
    title: str | None = None
    standfirst: str | None = None
    date: str | None = None  # ISO date from a dateline, if any
    signoff: str | None = None  # credit / sign-off line, e.g. "mm/sms (AFP, AP, dpa, Reuters)"


def normalize_text(text: str) -> str:
    """NFC, Unix newlines, non-breaking and odd spaces to plain spaces, zero-width characters gone."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def clean_scraped_text(text: str) -> TextCleanResult:
    lines = normalize_text(text).split("\n")
    return TextCleanResult(paragraphs=[ln for ln in lines if ln])
