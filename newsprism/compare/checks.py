"""Explicit checks that turn an alignment into a status: conditions, exceptions, hedges, scope (the
outlet qualifies the fact) and numbers, dates, negation, attribution (the outlets disagree).

No entailment model ships offline, so these are patterns, and every hit is returned with the words that
triggered it, for the reason shown to the reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Qualifier", "qualifiers", "negated", "numbers_by_unit", "weekdays", "number_conflicts"]

_QUALIFIERS: dict[str, re.Pattern[str]] = {
    "condition": re.compile(r"\b(?:on (?:the )?condition that|provided that|providing that|as long as|only if|"
                            r"if|unless|subject to)\b"),
    "exception": re.compile(r"\b(?:except(?: for)?|excluding|with the exception of|apart from|but not|"
                            r"other than|save for)\b"),
    "hedge": re.compile(r"\b(?:may|might|could|possibly|reportedly|allegedly|apparently|likely|unlikely|"
                        r"expected to|believed to|appears? to|seems? to|suspected)\b"),
    "scope": re.compile(r"\b(?:partly|partially|temporar(?:y|ily)|in some form|at least|up to|at most|"
                        r"only|entirely)\b"),
}
# A qualifying clause runs from its marker to the next clause boundary.
_CLAUSE_END = re.compile(r"[,;:.!?\"”)]|\s(?:and|but|while)\s")
_NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|without|denie[sd]|deny)\b|n't\b", re.I)
_NUMBER_UNIT = re.compile(r"(\d+(?:[.,]\d+)*)(?:\s*(?:-|to)\s*\d+(?:[.,]\d+)*)?[\s-]+(?:of\s+)?([a-z]{3,})", re.I)
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


def qualifiers(text: str) -> list[Qualifier]:
    found: list[Qualifier] = []
    lowered = _lower_first(text)
    for kind, pattern in _QUALIFIERS.items():
        for m in pattern.finditer(lowered):
            stop = _CLAUSE_END.search(text, m.end())
            end = stop.start() if stop else len(text)
            found.append(Qualifier(kind, m.group(0).lower(), text[m.start():end].strip(), m.start(), end))
    return found


def negated(text: str) -> bool:
    return bool(_NEGATION.search(text))


def numbers_by_unit(text: str) -> dict[str, str]:
    """{"years": "6", "people": "40"}: each number keyed by the word it counts."""
    return {m.group(2).lower(): m.group(1).replace(",", "") for m in _NUMBER_UNIT.finditer(text)}


def number_conflicts(a: str, b: str) -> list[tuple[str, str, str]]:
    """(unit, number in a, number in b) where both texts count the same thing differently."""
    na, nb = numbers_by_unit(a), numbers_by_unit(b)
    return [(unit, na[unit], nb[unit]) for unit in sorted(na.keys() & nb.keys()) if na[unit] != nb[unit]]


def weekdays(text: str) -> set[str]:
    return set(_WEEKDAY.findall(text))
