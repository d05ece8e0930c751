"""Dates: absolute and relative expressions resolved against the article's publication date.

News convention: a bare weekday means the most recent such day on or before publication ("Wednesday"
in an article of Wednesday 3 May 2017 is that day); "last month" is the month before publication.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

__all__ = ["find_dates", "parse_published", "VERSION"]

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


def _month_number(token: str) -> int:
    return int(token) if token.isdigit() else _MONTHS[token.lower().rstrip(".")]


def _resolve(kind: str, m: re.Match[str], ref: date | None) -> tuple[str, str] | None:
    g = m.groupdict()
    if kind in {"mdy", "dmy", "iso"}:
        return date(int(g["year"]), _month_number(g["month"]), int(g["day"])).isoformat(), "day"
    if kind == "my":
        return f"{int(g['year']):04d}-{_month_number(g['month']):02d}", "month"
    if kind == "year":
        return g["year"], "year"
    if ref is None:
        return None
    if kind == "md":
        d = date(ref.year, _month_number(g["month"]), int(g["day"]))
        return (d if d <= ref + timedelta(days=31) else d.replace(year=ref.year - 1)).isoformat(), "day"
    if kind == "inmonth":
        month = _month_number(g["month"])
        year = ref.year if month <= ref.month else ref.year - 1
        return f"{year:04d}-{month:02d}", "month"
    if kind == "weekday":
        back = (ref.weekday() - _WEEKDAYS[g["weekday"].lower()]) % 7
        rel = (g.get("rel") or "").lower()
        d = ref + timedelta(days=(7 - back) % 7 or 7) if rel == "next" else ref - timedelta(days=back or (7 if rel == "last" else 0))
        return d.isoformat(), "day"
    if kind == "relday":
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[g["rel"].lower()]
        return (ref + timedelta(days=shift)).isoformat(), "day"
    rel, unit = g["rel"].lower(), g["unit"].lower()
    step = {"last": -1, "past": -1, "next": 1, "this": 0}[rel]
    if unit == "month":
        return _shift_month(ref, step).strftime("%Y-%m"), "month"
    if unit == "year":
        return str(ref.year + step), "year"
    monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)
    return monday.isoformat(), "week"


def find_dates(text: str, published: str | None) -> dict:
    ref = parse_published(published)
    taken: list[tuple[int, int]] = []
    found = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            try:
                resolved = _resolve(kind, m, ref)
            except (ValueError, KeyError):
                continue
            if resolved:
                taken.append((m.start(), m.end()))
                found.append({"start": m.start(), "end": m.end(), "text": m.group(), "value": resolved[0],
                              "granularity": resolved[1]})
    found.sort(key=lambda d: d["start"])
    return {"version": VERSION, "reference": ref.isoformat() if ref else None, "dates": found}
