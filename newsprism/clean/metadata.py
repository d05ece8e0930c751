"""Article metadata from URL, site name and text clues: outlet, date, credited agencies.

(First cut: outlet from the URL host. The clue-based finders replace it.)
"""

from __future__ import annotations

from urllib.parse import urlparse

from ..model import RemovedSpan

__all__ = ["find_outlet", "find_agencies", "find_date"]


def find_outlet(url: str | None, sitename: str | None, text: str, removed: list[RemovedSpan]) -> str | None:
    if sitename:
        return sitename
    if url:
        host = urlparse(url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def find_agencies(signoff: str | None, text: str, removed: list[RemovedSpan]) -> list[str]:
    return []


def find_date(dateline: str | None, text: str) -> str | None:
    return dateline
