"""Revisions of an article whose page changed after it was stored: the list and what changed."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from ..store.sources import SourceStore

__all__ = ["Revision", "get_revisions", "diff_revisions", "revision_summary"]

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


@dataclass
class Revision:
    number: int
    fetched_at: str
    title: str | None
    text: str
    text_hash: str
    url: str | None


def get_revisions(store: SourceStore, article_id: str) -> list[Revision]:
    return [Revision(r["revision"], r["fetched_at"], r["title"], r["text"], r["text_hash"], r["url"])
            for r in store.list_revisions(article_id)]


def _units(text: str) -> list[str]:
    """Sentences, one per line, so a diff shows which sentences changed rather than whole paragraphs."""
    return [s for para in text.split("\n\n") for s in _SENTENCE_END.split(para.strip()) if s]


def diff_revisions(old: Revision, new: Revision) -> list[str]:
    """A unified diff by sentence (title included) between two revisions."""
    before = [f"# {old.title or ''}"] + _units(old.text)
    after = [f"# {new.title or ''}"] + _units(new.text)
    return list(difflib.unified_diff(before, after, f"revision {old.number} ({old.fetched_at})",
                                     f"revision {new.number} ({new.fetched_at})", lineterm="", n=1))


def revision_summary(old: Revision, new: Revision) -> dict[str, Any]:
    lines = diff_revisions(old, new)
    added = sum(1 for l in lines if l.startswith("+") and not l.startswith("+++"))
    removed = sum(1 for l in lines if l.startswith("-") and not l.startswith("---"))
    return {"from": old.number, "to": new.number, "sentences_added": added, "sentences_removed": removed,
            "diff": lines}
