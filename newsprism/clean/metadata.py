"""Article metadata from URL, site name and text clues: outlet, date, credited agencies.

Outlet: the URL host mapped through newsprism/data/outlets.json (subdomains match), else the page's
site name, else names of known outlets in the page's own furniture (navigation, sign-off, promo lines),
else the bare host. Agencies: only from sign-off / credit lines (a photo credit "Reuters/Sputnik" credits
the picture, not the story). Date: the dateline, else the date a photo caption gives (captions are dated
the day of the event), never a date from the body (that may be any date the story mentions).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlparse

from ..model import RemovedSpan
from . import patterns as P

__all__ = ["find_outlet", "outlet_from_host", "outlet_self_names", "find_agencies", "find_date"]

# Wire-style lead dateline: "WASHINGTON (Reuters) -", "BERLIN (dpa) —".
_LEAD_DATELINE = re.compile(r"^[A-ZÀ-Þ][A-ZÀ-Þ .,'/-]{1,40}\s*\(([^()]{2,40})\)\s*[-—–]")
# Furniture lines that can name the page's own outlet, and how much each is worth.
_OUTLET_CLUE_WEIGHT = {"signoff": 3, "promo": 2, "navigation": 1}


def outlet_from_host(host: str) -> str | None:
    host = host.lower().removeprefix("www.")
    for canon, info in P.known_outlets().items():
        if any(host == h or host.endswith("." + h) for h in info.get("hosts", [])):
            return canon
    return None


# The last word of a newspaper's name that stands for it alone ('the Times reported', 'told the Post').
_SHORT_NAME_WORDS = frozenset({"Times", "Post", "Journal", "Guardian", "Telegraph", "Independent", "Globe", "Herald",
                               "Tribune", "Chronicle", "Economist", "Examiner", "Inquirer", "Observer"})


def _bare(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip(), flags=re.I).casefold()


def outlet_self_names(outlet: str | None, url: str | None = None) -> frozenset[str]:
    """The names other articles give an outlet when they cite it ('The New York Times', 'NYT', 'the Times'),
    casefolded, without 'the': the outlet's label, and, where outlets.json knows it (by the label or the URL's
    host), its canonical name, aliases and the short form of a newspaper's canonical name."""
    host = (urlparse(url).hostname or "") if url else ""
    canon = outlet_from_host(host) if host else None
    known = P.known_outlets()
    if canon is None and outlet:
        canon = next((c for c, info in known.items()
                      if _bare(outlet) in {_bare(a) for a in [c, *info.get("aliases", [])]}), None)
    names = [outlet] if outlet else []
    if canon:
        names += [canon, *known[canon].get("aliases", [])]
    # the canonical name's only ('The Huffington Post' is not 'the Post'), and not of 'The Times of India'
    last = canon.split()[-1] if canon else ""
    short = [last] if last in _SHORT_NAME_WORDS and len(canon.split()) > 1 else []
    return frozenset(_bare(n) for n in names + short if n)


# A page title's last segment after a separator: 'Huckabee announces 2016 White House bid | Fox News'.
_TITLE_TAIL = re.compile(r"\s+[|–—-]\s+((?:(?!\s[|–—-]\s).){2,60})$")
_DATE_TAIL = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
_SITE = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co\.uk|de|fr|es|it|tr|pl|ru|info|news)$", re.I)


@lru_cache(maxsize=1)
def _outlet_names() -> frozenset[str]:
    """Every known outlet's name and aliases, casefolded."""
    return frozenset(a.casefold() for canon, info in P.known_outlets().items()
                     for a in [canon, *info.get("aliases", [])])


def clean_title(title: str | None, names: Iterable[str | None] = ()) -> str | None:
    """The headline without the site's name that page titles append ('... | Fox News', '... - The New York
    Times', '... | DW | 03.05.2017'): a last segment that is a known outlet's name, one of `names` (the outlet,
    the page's site name), a web address or a date, as long as three words of headline remain."""
    if not title:
        return title
    known = _outlet_names() | {n.casefold() for n in names if n}
    for _ in range(3):  # 'Story | Politics | Fox News' keeps its section: only site names (and a date) go
        m = _TITLE_TAIL.search(title)
        if not m or len(title[:m.start()].split()) < 3:
            break
        tail = m.group(1).strip().rstrip(".")
        if tail.casefold() not in known and not _SITE.match(tail) and not _DATE_TAIL.match(tail):
            break
        title = title[:m.start()].rstrip()
    return title


def _outlets_named(text: str) -> list[str]:
    """Known outlets named in a furniture line; agency lists in parentheses are credits, not the outlet."""
    text = re.sub(r"\([^)]*\)", " ", text)
    return [canon for canon, info in P.known_outlets().items()
            if any(P.mentions_name(text, alias) for alias in info.get("aliases", [canon]))]


def outlet_from_text(removed: Iterable[RemovedSpan]) -> str | None:
    votes: Counter[str] = Counter()
    for span in removed:
        weight = _OUTLET_CLUE_WEIGHT.get(span.reason, 0)
        for name in _outlets_named(span.text) if weight else []:
            votes[name] += weight
    return votes.most_common(1)[0][0] if votes else None


def find_outlet(url: str | None, sitename: str | None, text: str, removed: list[RemovedSpan]) -> str | None:
    host = (urlparse(url).hostname or "") if url else ""
    known = outlet_from_host(host) if host else None
    if known:
        return known
    if sitename:
        return outlet_from_host(sitename) or sitename
    return outlet_from_text(removed) or host.removeprefix("www.") or None


def _agency_hits(line: str) -> list[tuple[int, str]]:
    """(position, canonical name) of every agency named in a line.

    Names of four letters or fewer must match case ("AP", "dpa"/"DPA" are listed spellings; "ap" is not).
    """
    hits = []
    for alias, canon in P.agency_spellings().items():
        flags = 0 if len(alias) <= 4 else re.I
        hits += [(m.start(), canon) for m in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", line, flags)]
    return sorted(hits)


def find_agencies(signoff: str | None, text: str, removed: list[RemovedSpan]) -> list[str]:
    """Canonical agency names credited by the lead dateline and the sign-off lines, in the order
    written; "agencies" alone becomes the 'unnamed' entry."""
    lines = [s.text for s in removed if s.reason == "signoff"] or ([signoff] if signoff else [])
    lead = _LEAD_DATELINE.match(text or "")
    if lead:
        lines.insert(0, lead.group(1))
    out: list[str] = []
    for line in lines:
        for _, canon in _agency_hits(line):
            if canon not in out:
                out.append(canon)
        if re.search(r"\b(?:agencies|agences|Agenturen|agencias)\b", line, re.I) and P.UNNAMED_AGENCIES not in out:
            out.append(P.UNNAMED_AGENCIES)
    return out


def find_date(dateline: str | None, text: str, removed: Iterable[RemovedSpan] = ()) -> str | None:
    if dateline:
        return dateline
    for span in removed:
        if span.reason == "caption":
            found = P.find_date_in(span.text)
            if found:
                return found
    return None
