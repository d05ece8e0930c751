"""Dates: absolute and relative expressions resolved against the article's publication date.

News convention: a bare weekday means the most recent such day on or before publication ("Wednesday"
in an article of Wednesday 3 May 2017 is that day); "last month" is the month before publication.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .speech import alternation

__all__ = ["find_dates", "parse_published", "month_and_day_names", "VERSION"]

VERSION = "dates-1"
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_PATTERNS = [
    ("mdy", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b")),
    ("dmy", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(?P<year>(?:19|20)\d\d)\b")),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")),
    ("md", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+\d)")),
    ("my", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b")),
    ("weekday", re.compile(r"\b(?:(?P<rel>last|next|this)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|"
                           r"Friday|Saturday|Sunday)\b")),
    ("relday", re.compile(r"\b(?P<rel>today|yesterday|tomorrow)\b", re.IGNORECASE)),
    ("relunit", re.compile(r"\b(?P<rel>last|next|this|past)\s+(?P<unit>week|month|year)\b", re.IGNORECASE)),
    ("inmonth", re.compile(rf"\b(?:in|since|until|by|during|early|late|mid-?)\s+{_MONTH}(?!\s+\d)\b")),
    ("year", re.compile(r"(?<![\d$€£,.])\b(?P<year>(?:19[5-9]|20[0-4])\d)\b(?![\d,.%]|\s*(?:percent|people|km))")),
]


def parse_published(value: str | None) -> date | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    except ValueError:
        return None


def _shift_month(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class _Language:
    patterns: list[tuple[str, re.Pattern[str]]]
    months: dict[str, int]  # lowercased name or abbreviation -> 1..12
    weekdays: dict[str, int]  # lowercased name -> 0 (Monday) .. 6
    days: dict[str, int]  # 'gestern' -> -1
    names: frozenset[str] = frozenset()  # the full month and weekday names, lowercased ('märz', 'mittwoch')


_ENGLISH = _Language(_PATTERNS, _MONTHS, _WEEKDAYS, {"today": 0, "yesterday": -1, "tomorrow": 1},
                     frozenset(n.lower() for n in [*calendar.month_name, *calendar.day_name] if n))
# Today, yesterday, tomorrow in the other languages of the corpora ('mañana' is also 'morning' and stays
# out; German 'morgen' counts only in lowercase: 'Morgen' is the morning).
_RELATIVE_DAYS = {
    "de": {"heute": 0, "gestern": -1, "vorgestern": -2, "morgen": 1}, "es": {"hoy": 0, "ayer": -1, "anteayer": -2},
    "fr": {"aujourd'hui": 0, "hier": -1, "demain": 1}, "it": {"oggi": 0, "ieri": -1, "domani": 1},
    "pt": {"hoje": 0, "ontem": -1, "amanhã": 1}, "nl": {"vandaag": 0, "gisteren": -1},
    "pl": {"dziś": 0, "dzisiaj": 0, "wczoraj": -1, "jutro": 1}, "tr": {"bugün": 0, "dün": -1, "yarın": 1},
    "ru": {"сегодня": 0, "вчера": -1, "завтра": 1}, "ar": {"اليوم": 0, "أمس": -1, "غدا": 1},
}
# Weekday names matched only as CLDR writes them in these languages ('pazar' is a market, 'Pazar' Sunday);
# relative-day words in any case, except 'morgen' (tomorrow), whose capitalised form is the morning.
_CASE_SENSITIVE = {"de", "tr"}
_LOWERCASE_ONLY = {"morgen"}


@lru_cache(maxsize=64)
def _language(language: str | None) -> _Language:
    """English patterns, or ones built from the CLDR month and weekday names (Babel) of the language:
    '3. Mai 2017', '3 de mayo de 2017', '3 maja 2017', 'im Mai', 'am Mittwoch', 'gestern'."""
    code = (language or "en").split("-")[0].lower()
    if code == "en":
        return _ENGLISH
    try:
        from babel.dates import get_day_names, get_month_names

        wide = {n.lower(): k for ctx in ("format", "stand-alone") for k, n in get_month_names("wide", ctx, locale=code).items()}
        short = {n.lower().rstrip("."): k for ctx in ("format", "stand-alone")
                 for k, n in get_month_names("abbreviated", ctx, locale=code).items() if len(n.rstrip(".")) >= 3}
        written = {n: k for ctx in ("format", "stand-alone") for k, n in get_day_names("wide", ctx, locale=code).items()}
    except Exception:  # no CLDR data for this code: years only
        return _Language([p for p in _PATTERNS if p[0] in {"iso", "year"}], {}, {}, {})
    month = rf"(?P<month>{alternation(set(wide))}|(?:{alternation(set(short) - set(wide))})\.?)"
    full_month = rf"(?P<month>{alternation(set(wide))})"
    day, year, of = r"(?P<day>\d{1,2})\.?", r"(?P<year>(?:19|20)\d\d)", r"(?:(?:de|del)\s+)?"
    weekdays = {n.lower(): k for n, k in written.items()}
    weekday = rf"(?P<weekday>{alternation(set(written))})" if code in _CASE_SENSITIVE else \
        rf"(?i:(?P<weekday>{alternation(set(weekdays))}))"
    days = _RELATIVE_DAYS.get(code, {})
    patterns = [
        ("dmy", re.compile(rf"(?<![\w.])\b{day}\s+{of}{month}\s+{of}{year}\b", re.IGNORECASE)),
        ("iso", _PATTERNS[2][1]),
        ("md", re.compile(rf"(?<![\w.])\b{day}\s+{of}{month}(?![\w])(?!\.?\s+{of}\d)", re.IGNORECASE)),
        ("my", re.compile(rf"\b{full_month}\s+{of}{year}\b", re.IGNORECASE)),
        ("inmonth", re.compile(rf"\b(?:im|in|en|em|a|au|w|di)\s+{full_month}\b(?!\s+{of}\d)", re.IGNORECASE)),
        ("weekday", re.compile(rf"\b{weekday}\b")),
        ("year", _PATTERNS[-1][1]),
    ]
    if days:
        words = "|".join(re.escape(w) if w in _LOWERCASE_ONLY else f"(?i:{re.escape(w)})"
                         for w in sorted(days, key=len, reverse=True))
        patterns.insert(5, ("relday", re.compile(rf"(?<![\w'])(?P<rel>{words})(?![\w'])")))
    return _Language(patterns, {**short, **wide}, weekdays, days, frozenset(wide) | frozenset(weekdays))


def month_and_day_names(language: str | None) -> frozenset[str]:
    """The full month and weekday names of a language, lowercased, as dates are read with them."""
    return _language(language).names


def _month_number(token: str, months: dict[str, int] = _MONTHS) -> int:
    return int(token) if token.isdigit() else months[token.lower().rstrip(".")]


def _resolve(kind: str, m: re.Match[str], ref: date | None, lang: _Language = _ENGLISH) -> tuple[str, str] | None:
    g = m.groupdict()
    if kind in {"mdy", "dmy", "iso"}:
        return date(int(g["year"]), _month_number(g["month"], lang.months), int(g["day"])).isoformat(), "day"
    if kind == "my":
        return f"{int(g['year']):04d}-{_month_number(g['month'], lang.months):02d}", "month"
    if kind == "year":
        return g["year"], "year"
    if ref is None:
        return None
    if kind == "md":
        d = date(ref.year, _month_number(g["month"], lang.months), int(g["day"]))
        return (d if d <= ref + timedelta(days=31) else d.replace(year=ref.year - 1)).isoformat(), "day"
    if kind == "inmonth":
        month = _month_number(g["month"], lang.months)
        year = ref.year if month <= ref.month else ref.year - 1
        return f"{year:04d}-{month:02d}", "month"
    if kind == "weekday":
        back = (ref.weekday() - lang.weekdays[g["weekday"].lower()]) % 7
        rel = (g.get("rel") or "").lower()
        d = ref + timedelta(days=(7 - back) % 7 or 7) if rel == "next" else ref - timedelta(days=back or (7 if rel == "last" else 0))
        return d.isoformat(), "day"
    if kind == "relday":
        shift = lang.days[g["rel"].lower()]
        return (ref + timedelta(days=shift)).isoformat(), "day"
    rel, unit = g["rel"].lower(), g["unit"].lower()
    step = {"last": -1, "past": -1, "next": 1, "this": 0}[rel]
    if unit == "month":
        return _shift_month(ref, step).strftime("%Y-%m"), "month"
    if unit == "year":
        return str(ref.year + step), "year"
    monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)
    return monday.isoformat(), "week"


def find_dates(text: str, published: str | None, language: str | None = None) -> dict:
    """Dates in `text`, in the patterns of its language (English when None), resolved against `published`."""
    ref = parse_published(published)
    lang = _language(language)
    taken: list[tuple[int, int]] = []
    found = []
    for kind, pattern in lang.patterns:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            try:
                resolved = _resolve(kind, m, ref, lang)
            except (ValueError, KeyError):
                continue
            if resolved:
                taken.append((m.start(), m.end()))
                found.append({"start": m.start(), "end": m.end(), "text": m.group(), "value": resolved[0],
                              "granularity": resolved[1]})
    found.sort(key=lambda d: d["start"])
    return {"version": VERSION, "reference": ref.isoformat() if ref else None, "dates": found}
