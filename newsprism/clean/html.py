"""Main text and metadata from an HTML page, with trafilatura.

favor_precision=True: on the 181-page article-extraction benchmark it raises F1 from 0.960 to 0.964
(fewer teasers and captions leak in; recall drops slightly). Comments are never article text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import trafilatura

__all__ = ["HtmlExtraction", "extract_html", "EXTRACTOR"]

EXTRACTOR = f"trafilatura-{trafilatura.__version__ if hasattr(trafilatura, '__version__') else '2'}"


@dataclass
class HtmlExtraction:
    text: str  # main text, paragraphs separated by newlines
    title: str | None = None
    sitename: str | None = None
    hostname: str | None = None
    url: str | None = None
    date: str | None = None
    author: str | None = None
    description: str | None = None
    language: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


def extract_main_text(html: str, url: str | None = None) -> str:
    """Only the body text (what the extraction benchmark scores)."""
    return trafilatura.extract(html, url=url, include_comments=False, favor_precision=True,
                               include_tables=True, deduplicate=False) or ""


def extract_html(html: str, url: str | None = None) -> HtmlExtraction | None:
    """None when the page holds no article text."""
    doc = trafilatura.bare_extraction(html, url=url, include_comments=False, favor_precision=True,
                                      with_metadata=True)
    if doc is None or not (doc.text or "").strip():
        return None
    return HtmlExtraction(
        text=doc.text, title=doc.title, sitename=doc.sitename, hostname=doc.hostname,
        url=doc.url or url, date=doc.date, author=doc.author, description=doc.description,
        language=doc.language,
    )
