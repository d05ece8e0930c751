"""Explicit checks that turn an alignment into a status: conditions, exceptions, hedges, scope (the
outlet qualifies the fact) and numbers, dates, negation, attribution (the outlets disagree).

No entailment model ships offline, so these are patterns, and every hit is returned with the words that
triggered it, for the reason shown to the reader.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..analyze.sentences import is_abbreviation

__all__ = ["Qualifier", "qualifiers", "negated", "negated_words", "number_spans", "weekdays", "number_conflicts"]

_QUALIFIERS: dict[str, re.Pattern[str]] = {
    "condition": re.compile(r"\b(?:on (?:the )?condition that|provided that|providing that|as long as|only if|"
                            r"if|unless|subject to)\b"),
    "exception": re.compile(r"\b(?:except(?: for)?|excluding|with the exception of|apart from|but not|"
                            r"other than|save for)\b"),
    # The reporter's hedges, not the modals: 'could' and 'may' carry what someone predicts or fears ('could
    # cost billions', 'he believed he could win') far more often than they hedge a fact; on 40 BASIL
    # `qualified` cells read by hand, the 16 that only a modal made qualified were none of them a hedge.
    "hedge": re.compile(r"\b(?:possibly|reportedly|allegedly|apparently|likely|unlikely|expected to|believed to|"
                        r"appears? to|seems? to|suspected|purportedly|supposedly)\b"),
    # 'only' after a determiner is an adjective ('the only Republican member'), and 'up to' before no number
    # a phrasal verb ('signed up to take part'): neither limits a fact.
    "scope": re.compile(r"\b(?:partly|partially|temporar(?:y|ily)|in some form|at least|up to(?=\s+(?:\$|€|£)?\d)|"
                        r"at most|(?<!\bthe )(?<!\ban )(?<!\ba )(?<!\bhis )(?<!\bher )(?<!\bits )(?<!\btheir )(?<!\bour )only|"
                        r"entirely)\b"),
}
# A qualifying clause runs from its marker to the next clause boundary.
_CLAUSE_END = re.compile(r"[,;:.!?\"”)]|\s(?:and|but|while)\s")
_NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|without|denie[sd]|deny)\b|n't\b", re.I)
# A number (or a range: '40 to 60', '40- to 60-hour', '40-60') and the word it counts. A day of a month
# ('Sept. 11 hijackers') counts nothing.
_NUMBER_UNIT = re.compile(r"(?<!\d)(?<![.,])(\d+(?:[.,]\d+)*)(?:\s*(?:-|–|to|-\s*to)\s*(\d+(?:[.,]\d+)*))?[\s-]+(?:of\s+)?"
                          r"([a-z]{3,})", re.I)
_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
           r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_MONTH = re.compile(_MONTHS, re.I)
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$", re.I)
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


@dataclass(frozen=True)
class Qualifier:
    kind: str  # condition, exception, hedge, scope
    marker: str  # the words that signalled it, lowercased
    clause: str  # the qualifying words as written, quoted in the reason
    start: int  # offset in the claim text
    end: int


def _lower_first(text: str) -> str:
    """Case-sensitive markers ("may" the modal, not "May" the month) that still match at a sentence start."""
    return re.sub(r"(^|[.!?\"“]\s*)([A-Z])(?=[a-z])", lambda m: m.group(1) + m.group(2).lower(), text)


def _clause_end(text: str, start: int) -> int:
    """Where the clause from `start` ends: not at the comma or point inside a number ('up to 1,000', '3.5
    percent') nor at the point of an initial or a title ('the U.S. code', 'Mr. Obama')."""
    for m in _CLAUSE_END.finditer(text, start):
        mark = m.group()
        if mark in ",." and text[m.start() - 1:m.start()].isdigit() and text[m.end():m.end() + 1].isdigit():
            continue
        if mark == "." and is_abbreviation(text[max(0, m.start() - 12):m.end()]):
            continue
        return m.start()
    return len(text)


def qualifiers(text: str) -> list[Qualifier]:
    found: list[Qualifier] = []
    lowered = _lower_first(text)
    for kind, pattern in _QUALIFIERS.items():
        for m in pattern.finditer(lowered):
            end = _clause_end(text, m.end())
            found.append(Qualifier(kind, m.group(0).lower(), text[m.start():end].strip(), m.start(), end))
    return found


_QUOTED_WORD = re.compile(r"[\"“‘'][\w’']+[\"”’']")


def negated(text: str) -> bool:
    """A negation word, not counting one named in quotation marks (the lone "no" vote)."""
    return bool(_NEGATION.search(_QUOTED_WORD.sub(" ", text)))


_FILLERS = frozenset("the a an that to be been any")


def negated_words(text: str) -> set[str]:
    """The word each negation bears on, lowercased: 'did not agree' -> agree, 'no question' -> question."""
    out = set()
    for m in _NEGATION.finditer(_QUOTED_WORD.sub(" ", text)):
        following = [w for w in re.findall(r"[^\W\d_]+", text[m.end():m.end() + 60]) if w.lower() not in _FILLERS]
        if following:
            out.add(following[0].lower())
    return out


_MAGNITUDES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Words before a number that make it a bound or an estimate: the values it allows, as factors of it, and
# whether the word reads so before a span of time ('over 100 people' is more than 100; 'over 16 years' is
# a span of time).
_AT_LEAST = r"at least|more than|upwards of|no fewer than|no less than"
_AT_MOST = r"up to|as many as|as much as|at most|fewer than|less than|under|no more than"
_ABOUT = r"about|around|roughly|approximately|some|an estimated|estimated|more or less"
_BOUNDS = [(re.compile(rf"\b(?:{_AT_LEAST})\s*\$?$", re.I), (1.0, math.inf), True),
           (re.compile(r"\bover\s*\$?$", re.I), (1.0, math.inf), False),
           (re.compile(rf"\b(?:{_AT_MOST})\s*\$?$", re.I), (0.0, 1.0), True),
           (re.compile(r"\b(?:nearly|almost|close to)\s*\$?$", re.I), (0.9, 1.0), True),
           (re.compile(rf"\b(?:{_ABOUT})\s*\$?$", re.I), (0.9, 1.1), True)]
_TIME_UNITS = frozenset("years year months month weeks week days day hours hour decades decade minutes".split())


def _value(number: str) -> float:
    """'12,000,000', '1,234.5', '1.234.567' and '1.234,5' (thousands marks either way), '1,5' (a decimal comma)."""
    if "," in number and "." in number:
        decimal = max(number.rfind(","), number.rfind("."))
        whole = re.sub(r"[.,]", "", number[:decimal])
        return float(f"{whole}.{number[decimal + 1:]}")
    for mark in ",.":
        if number.count(mark) > 1 or mark == "," and re.fullmatch(r"\d+,\d{3}", number):
            return float(number.replace(mark, ""))
    return float(number.replace(",", "."))


def number_spans(text: str) -> dict[str, list[tuple[str, float, float]]]:
    """{"million": [("500,000 to 1.6", 5e5, 1.6e6)]}: per counted word, each figure as written with the
    interval of values it allows. A range holds what lies between its ends ('from 500,000 to 1.6 million':
    a first end written in full is not in millions); a bound or an estimate widens a figure ('up to 1.5
    million', 'roughly $700 billion')."""
    out: dict[str, list[tuple[str, float, float]]] = {}
    for m in _NUMBER_UNIT.finditer(text):
        if _MONTH_BEFORE.search(text[max(0, m.start() - 12):m.start()]) or _MONTH.fullmatch(m.group(3)):
            continue  # 'Sept. 11 hijackers', '19 Sept.': dates, not counts
        unit = m.group(3).lower()
        scale = _MAGNITUDES.get(unit, 1.0)
        first = _value(m.group(1))
        low = first if scale > 1 and first >= 1000 and m.group(2) else first * scale
        high = _value(m.group(2)) * scale if m.group(2) else low
        before = text[max(0, m.start() - 25):m.start()]
        factor = (1.0, 1.0)
        if not m.group(2):
            factor = next((f for pattern, f, timely in _BOUNDS
                           if (timely or unit not in _TIME_UNITS) and pattern.search(before)), factor)
        written = text[m.start(1):m.end(2) if m.group(2) else m.end(1)]  # '500,000 to 1.6'
        out.setdefault(unit, []).append((written, low * factor[0], high * factor[1]))
    return out


def number_conflicts(a: str, b: str) -> list[tuple[str, str, str]]:
    """(unit, number in a, number in b) where both texts count the same thing and no figure of one allows a
    value that a figure of the other allows ('$716 billion ... $800 billion' against '$716 billion' agrees
    on the 716; 'up to 1.5 million' lies within 'from 500,000 to 1.6 million'; 'at least 40' excludes 32)."""
    na, nb = number_spans(a), number_spans(b)
    return [(unit, na[unit][0][0], nb[unit][0][0]) for unit in sorted(na.keys() & nb.keys())
            if not any(x[1] <= y[2] and y[1] <= x[2] for x in na[unit] for y in nb[unit])]


def weekdays(text: str) -> set[str]:
    return set(_WEEKDAY.findall(text))
