"""Line-level signals for the scraped-text cleaner: what a line looks like, independent of its neighbours.

Every pattern here is about the *shape* of web boilerplate (credits, sign-offs, navigation, datelines),
seen across outlets; none names a particular article. Outlet and agency names come from data files.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import lru_cache
import os
from pathlib import Path

__all__ = [
    "MONTHS", "words", "content_stems", "is_sentence_like", "is_headline_like", "navigation_reason",
    "credit_split", "is_credit", "caption_marker", "parse_date_line", "find_date_in", "signoff_reason",
    "promo_reason", "mentions_name", "teaser_shape", "agency_spellings", "known_outlets", "UNNAMED_AGENCIES",
]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
_DOUBLE_QUOTES = re.compile(r'["“”„«»]')
_STOPWORDS = frozenset("""a an the and or but of in on at to for from by with as is are was were be been
has have had it its this that these those he she they we you i his her their our your not no into over
after before about than then so if up out off new will would could should can may says said also""".split())

MONTHS = {name: i for i, names in enumerate([
    ("january", "jan", "januar", "janvier", "enero"), ("february", "feb", "februar", "février", "febrero"),
    ("march", "mar", "märz", "mars", "marzo"), ("april", "apr", "avril", "abril"),
    ("may", "mai", "mayo"), ("june", "jun", "juni", "juin", "junio"),
    ("july", "jul", "juli", "juillet", "julio"), ("august", "aug", "août", "agosto"),
    ("september", "sep", "sept", "septembre", "septiembre"), ("october", "oct", "oktober", "octobre", "octubre"),
    ("november", "nov", "novembre", "noviembre"), ("december", "dec", "dezember", "décembre", "diciembre"),
], 1) for name in names}
_MONTH = "(?:" + "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\.?,?"
_DATE_FORMS = [
    re.compile(rf"(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})", re.I),
    re.compile(rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?P<m>{_MONTH})\s+(?P<y>\d{{4}})", re.I),
    re.compile(r"(?P<y>\d{4})-(?P<mn>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(r"(?P<d>\d{1,2})\.(?P<mn>\d{1,2})\.(?P<y>\d{4})"),
]
# What may surround a date on a line that is only a dateline: weekday, time, zone, "Updated", "Published".
_DATELINE_REST = re.compile(
    rf"^(?:(?:published|updated|last updated|posted|date|stand|publié|actualizado)\s*(?:on|:)?\s*)?"
    rf"(?:{_WEEKDAY}\s*)?[\s,|·-]*(?:\d{{1,2}}[:.]\d{{2}}\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:[A-Z]{{2,4}}|UTC|GMT)?"
    rf"(?:[+-]\d{{1,2}})?)?[\s,|·-]*$", re.I)

# Menu entries and skip links are a few words; "Back to Taylor! It's her music, ..." is prose.
MAX_NAVIGATION_WORDS = 8
# "1. Skip to content", "Skip to main menu", "Jump to navigation", breadcrumbs, menus, social buttons.
_NAVIGATION = re.compile(
    r"^(?:\d{1,2}[.)]\s*)?(?:skip to|jump to|go to|back to|return to)\b|"
    r"^(?:home|menu|search|sign in|log in|login|register|subscribe|newsletters?|more|close|next|previous|"
    r"share|share this( article| story| page)?|share on \w+|tweet|email|print|copy link|comments?|"
    r"related topics|related stories|related articles|related content|more on this story|more from \w+|"
    r"top stories|most read|most popular|trending|you may also like|recommended|"
    r"accept( all)? cookies|cookie settings|manage cookies)$|"
    r"^(?:home|news|world)\s*[>»/|]\s*\w+", re.I)
_READING_TIME = re.compile(r"^(?:\d{1,2}\s*(?:min|mins|minutes?)\.?\s*(?:read|lesezeit)|(?:reading time|lesezeit|"
                           r"temps de lecture)\s*:?\s*\d{1,2}\s*(?:min|mins|minutes?)\.?)$", re.I)
_BYLINE = re.compile(r"^(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or|[Dd]i)\s+[A-ZÀ-Þ][\w.'’-]*(?:[\s,]+(?:and\s+|&\s+|und\s+|et\s+|y\s+)?"
                     r"[A-ZÀ-Þ][\w.'’-]*){0,7}(?:\s*[,|]\s*[\w ]{0,30})?$")
_ADVERT = re.compile(r"^(?:advertisement|advertising|sponsored( content)?|anzeige|publicité|publicidad)$", re.I)

# Credits run to a copyright notice at most; a longer line that holds one is a page flattened to one line.
MAX_CREDIT_WORDS = 40
# Photo credits: "Image: Reuters/...", "Photo: Reuters", "(Photo by X/AFP via Getty Images)", "© dpa".
_CREDIT_LEAD = r"(?:Images?|Photos?|Pictures?|Photograph|Foto|Bild|Credit|Credits|Illustration|Graphic)"
_CREDIT_START = re.compile(
    rf"^\(?(?:{_CREDIT_LEAD}\s*(?:by\b|:|\||credit:?)|©|\(c\)\s|copyright\b|all rights reserved)", re.I)
# Picture-agency signatures inside a credit that has no lead word ("Getty Images/AFP/K. Al-Masri").
_CREDIT_SIGNATURE = re.compile(
    r"(?:/|\b)(?:getty images|afp via getty|ap photo|reuters/|/reuters|epa-efe|imago|picture[- ]alliance|"
    r"dpa/|/dpa|shutterstock|anadolu agency)\b", re.I)
# A caption glued to its credit: "...of the countryImage: Getty Images/AFP", "...in Kyiv. Photo: AP".
_GLUED_CREDIT = re.compile(rf"(?:(?<=[a-z0-9.)\"'”])|(?<=[.!?]\s))(?={_CREDIT_LEAD}\s*:\s*\S)")
# Photo captions name positions of people ("(L)", "(2nd R)") or end with "<Place>, <Month> <d>, <yyyy>."
_CAPTION_MARKER = re.compile(
    r"\((?:\d(?:st|nd|rd|th)\s+)?(?:L|R|C|left|right|centre|center|top|bottom|front|back)\)|"
    r"\b(?:pictured|is seen|are seen|poses?|gestures?|file photo|in this handout)\b|"
    rf",\s+{_MONTH}\s+\d{{1,2}},\s+\d{{4}}\.?$", re.I)

# Sign-offs: DW-style author initials "mm/sms (AFP, AP, dpa, Reuters)", "Source: X and agencies",
# Reuters "(Reporting by X; Editing by Y)", "Additional reporting by", "With AFP", "— AP".
_SIGNOFF = [
    (re.compile(r"^[a-z]{1,4}(?:/[a-z]{1,4})+\s*(?:\(.*\))?\s*$"), "author initials with the agency list"),
    (re.compile(r"^\(?(?:reporting|writing|editing|additional reporting|compiled|written|edited)\s+by\b", re.I),
     "reporting/editing credit"),
    (re.compile(r"^(?:sources?|quelle|source\s*\(s\))\s*:\s*\S", re.I), "'Source:' credit line"),
]
# "With AFP", "mit dpa", "avec AFP et Reuters": a credit only when what follows names agencies.
_WITH_AGENCIES = re.compile(r"^(?:with|mit|avec|con)\s+([\w ,&-]{2,60}?)\s*\.?$", re.I)

_PROMO_CUE = re.compile(
    r"\b(?:spoke to|speaks to|talked to|talks to|had updates|has (?:more|the latest|the story|this report)|"
    r"reports from|joins us|sign up|subscribe|follow us|download (?:our|the) app|click here|watch (?:live|now|the)|"
    r"listen (?:to|now)|get our newsletter|support our journalism)\b", re.I)
# "Sign up for our newsletter", "Follow us on X": longer lines that start so are usually prose or offers.
MAX_CALL_TO_ACTION_WORDS = 10
_READ_MORE = re.compile(r"^(?:read more|read also|also read|see also|related|more|watch|listen|also|lesen sie auch|"
                        r"mehr zum thema|à lire aussi|lire aussi|leer más)\s*[:|>»-]\s*\S", re.I)
# A headline that attributes a claim: "Chemical attack 'fabricated': Assad", "X is over, says Y".
_ATTRIBUTED_HEADLINE = re.compile(
    r"(?::\s*(?:[A-Z][\w.'-]*)(?:\s+[A-Z][\w.'-]*){0,2}$)|(?:,\s*(?:says|say|warns|claims)\s+[A-Z])|"
    r"['‘\"“][^'’\"”]{2,}['’\"”]")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


_SNOWBALL = {"ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german", "el": "greek",
             "en": "english", "es": "spanish", "fi": "finnish", "fr": "french", "hu": "hungarian",
             "id": "indonesian", "it": "italian", "nl": "dutch", "no": "norwegian", "pl": "polish",
             "pt": "portuguese", "ro": "romanian", "ru": "russian", "sv": "swedish", "tr": "turkish"}


@lru_cache(maxsize=32)
def _stemmer(language: str | None):
    import snowballstemmer

    return snowballstemmer.stemmer(_SNOWBALL[language]) if language in _SNOWBALL else None


def content_stems(text: str, language: str | None = "en") -> set[str]:
    """Snowball stems of the content words ("talks" ~ "talk", "restored" !~ "restrictions"); for
    languages without a stemmer, the first five letters."""
    tokens = [w for w in words(text.lower()) if w not in _STOPWORDS and len(w) > 2]
    stemmer = _stemmer(language)
    return set(stemmer.stemWords(tokens)) if stemmer else {w[:5] for w in tokens}


def is_sentence_like(line: str) -> bool:
    """Prose: several words and a terminal full stop, question or exclamation mark."""
    return len(words(line)) >= 4 and bool(_TERMINAL.search(line))


def is_headline_like(line: str) -> bool:
    """Short, capitalised, complete: a title, heading, teaser or caption alt text.

    Not one that ends in a colon (it introduces a quote or list: "Cruz continued:"), a comma or a
    function word (a wrapped line or list item: "..., or"), nor one with an unclosed quotation.
    """
    found = words(line)
    if not 1 <= len(found) <= 16 or line.rstrip().endswith((".", ",", ";", ":")):
        return False
    if found[-1].lower() in _STOPWORDS - {"new", "says", "said"} or len(_DOUBLE_QUOTES.findall(line)) % 2:
        return False
    first = line.lstrip("\"'“‘«(¿¡")[:1]
    return first.isupper() or first.isdigit()


def navigation_reason(line: str) -> tuple[str, str] | None:
    if _NAVIGATION.search(line) and len(words(line)) <= MAX_NAVIGATION_WORDS:
        return "navigation", "site navigation / menu / share link, not article text"
    if _ADVERT.match(line):
        return "promo", "advertisement marker"
    if _READING_TIME.match(line):
        return "navigation", "reading-time label"
    if _BYLINE.match(line):
        return "byline", "author byline ('By ...')"
    return None


def is_credit(line: str) -> bool:
    """A photo, copyright or agency-picture credit (prose that mentions Getty Images is not one)."""
    if len(words(line)) > MAX_CREDIT_WORDS:
        return False
    return bool(_CREDIT_START.match(line)) or bool(_CREDIT_SIGNATURE.search(line)) and not is_sentence_like(line)


def credit_split(line: str) -> tuple[str, str] | None:
    """(caption, credit) when a credit is glued to the end of a caption, else None."""
    m = _GLUED_CREDIT.search(line)
    if not m or m.start() < 3:
        return None
    return line[:m.start()].rstrip(), line[m.start():]


def caption_marker(line: str) -> str | None:
    m = _CAPTION_MARKER.search(line)
    return m.group(0).strip() if m else None


def _to_date(y: str, m: int, d: str) -> str | None:
    try:
        return date(int(y), m, int(d)).isoformat()
    except ValueError:
        return None


def _match_date(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    month = MONTHS.get(g["m"].lower().rstrip(".")) if g.get("m") else int(g["mn"])
    return _to_date(g["y"], month, g["d"]) if month else None


def parse_date_line(line: str) -> str | None:
    """ISO date when the whole line is a dateline ("May 3, 2017", "Updated: 03.05.2017 10:32 GMT")."""
    for form in _DATE_FORMS:
        m = form.search(line)
        if m and _DATELINE_REST.match(line[:m.start()] + " " + line[m.end():]):
            return _match_date(m)
    return None


def find_date_in(text: str) -> str | None:
    """The first date written out anywhere in the text (used on captions, which date the photo)."""
    found = [(m.start(), m) for form in _DATE_FORMS for m in form.finditer(text)]
    for _, m in sorted(found, key=lambda x: x[0]):
        iso = _match_date(m)
        if iso:
            return iso
    return None


def signoff_reason(line: str) -> str | None:
    if len(words(line)) > 25:
        return None
    for pattern, why in _SIGNOFF:
        if pattern.search(line):
            return why
    credit = re.match(r"^(?:[—–]\s*(.{2,30})|\(([^()]{2,60})\))$", line) or _WITH_AGENCIES.match(line)
    named = next((g for g in credit.groups() if g), "") if credit else ""
    if named and (re.search(r"\bagenc", named, re.I) or any(mentions_name(named, a) for a in agency_spellings())):
        return "agency credit line"
    return None


def mentions_name(line: str, name: str) -> bool:
    """Whole-word mention; names of 6+ characters also match with their spaces dropped ("TRTWorld")."""
    if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", line):
        return True
    squeezed = re.sub(r"\W+", "", name).lower()
    return len(squeezed) >= 6 and squeezed in re.sub(r"\W+", "", line).lower()


def promo_reason(line: str, outlet_names: list[str]) -> str | None:
    if _READ_MORE.match(line):
        return None  # a link to another story: a teaser, not a promo
    cue = _PROMO_CUE.search(line)
    if not cue:
        return None
    own = next((n for n in outlet_names if mentions_name(line, n)), None)
    if own:
        return f"the outlet ({own}) advertising its own coverage: '{cue.group(0)}'"
    if len(words(line)) <= MAX_CALL_TO_ACTION_WORDS and cue.start() <= 2:
        return f"call to action: '{cue.group(0)}'"
    return None


def teaser_shape(line: str) -> str | None:
    if _READ_MORE.match(line):
        return "'read more'-style link to another story"
    m = _ATTRIBUTED_HEADLINE.search(line)
    return f"headline shape of another story ({m.group(0).strip()!r})" if m else None


_DATA = Path(__file__).resolve().parents[1] / "data"


@lru_cache(maxsize=4)
def _data(name: str) -> dict:
    return json.loads((_DATA / name).read_text(encoding="utf-8"))


UNNAMED_AGENCIES = "agencies (unnamed)"


@lru_cache(maxsize=1)
def agency_spellings() -> dict[str, str]:
    """Spelling as written -> canonical agency name."""
    return {alias: canon for canon, aliases in _data("agencies.json")["agencies"].items()
            for alias in [canon, *aliases]}


@lru_cache(maxsize=1)
def known_outlets() -> dict[str, dict]:
    """Canonical name -> {hosts, aliases}; NEWSPRISM_OUTLETS names a JSON file of the same shape to add."""
    outlets = dict(_data("outlets.json")["outlets"])
    extra = os.environ.get("NEWSPRISM_OUTLETS")
    if extra and Path(extra).is_file():
        outlets.update(json.loads(Path(extra).read_text(encoding="utf-8")).get("outlets", {}))
    return outlets
