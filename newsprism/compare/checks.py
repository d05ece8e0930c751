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
from .align import stem

__all__ = ["Qualifier", "qualifiers", "negated", "negation_meets", "Figure", "figures", "weekdays",
           "number_conflicts"]

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
    # 'up to' before no number is a phrasal verb ('signed up to take part'): it limits no fact ('only' after a
    # determiner, an adjective, is left out below).
    "scope": re.compile(r"\b(?:partly|partially|temporar(?:y|ily)|in some form|at least|up to(?=\s+(?:\$|€|£)?\d)|"
                        r"at most|only|entirely)\b"),
}
# A qualifying clause runs from its marker to the next clause boundary.
_CLAUSE_END = re.compile(r"[,;:.!?\"”)]|\s(?:and|but|while)\s")
_NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|without|denie[sd]|deny)\b|n['’]t\b", re.I)
# A number (or a range: '40 to 60', '40- to 60-hour', '40-60') and the word it counts. A day of a month
# ('Sept. 11 hijackers') counts nothing.
_NUMBER_UNIT = re.compile(r"(?<!\d)(?<![.,])(\d+(?:[.,]\d+)*)(?:\s*(?:-|–|to|-\s*to)\s*(\d+(?:[.,]\d+)*))?[\s-]+(?:of\s+)?"
                          r"([a-z]{3,})", re.I)
_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
           r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_MONTH = re.compile(_MONTHS, re.I)
_RANK_BEFORE = re.compile(r"(?:\bNo\.|\bNos\.|\bnumber|#)\s*$", re.I)
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


# 'if' that asks rather than sets a condition ('asked if he would run', 'to see if there is a way', 'unclear if
# the group directed it', 'as if', 'what if', 'if anything', 'if so'), and 'only' in 'not only ... but'.
_NOT_A_CONDITION = re.compile(r"\b(?:ask|asks|asked|asking|see|sees|seeing|decide|decides|deciding|know|knows|knowing|"
                              r"wonder|wonders|wondered|wondering|unclear|clear|determine|determining|check|checking|"
                              r"question|questioned|doubt|sure|as|what)\s+$")
_NOT_A_CONDITION_AFTER = re.compile(r"\s*(?:anything|so|not|any|possible|necessary|needed|ever)\b")
_NOT_A_SCOPE = re.compile(r"\bnot\s+$")
# 'is expected to', 'are widely believed to' hedge what the reporter states; 'he expected to win' reports
# what the subject expected, and hedges nothing.
_PASSIVE_BE = re.compile(r"\b(?:is|are|was|were|be|been|being|'s|’s)\s+(?:\w+ly\s+)?$")
# 'only' and 'likely' after a determiner or a possessive are adjectives ('the only Republican member', 'his
# mother's only child', 'a likely Democratic nominee', 'his likely GOP rival'): they describe someone or
# something, and neither limit nor hedge the fact the claim states.
_DETERMINED = re.compile(r"(?:\b(?:the|a|an|his|her|its|their|our|my|your)|['’]s)\s+$")


def _not_a_qualifier(kind: str, lowered: str, m: re.Match) -> bool:
    before = lowered[max(0, m.start() - 20):m.start()]
    if kind == "condition" and m.group(0) == "if":
        return bool(_NOT_A_CONDITION.search(before) or _NOT_A_CONDITION_AFTER.match(lowered, m.end()))
    if kind == "hedge" and m.group(0) in {"expected to", "believed to"}:
        return not _PASSIVE_BE.search(before)
    if kind == "hedge" and m.group(0) in {"likely", "unlikely"}:
        return bool(_DETERMINED.search(before))
    return kind == "scope" and m.group(0) == "only" and bool(_NOT_A_SCOPE.search(before) or _DETERMINED.search(before))


def qualifiers(text: str) -> list[Qualifier]:
    found: list[Qualifier] = []
    lowered = _lower_first(text)
    for kind, pattern in _QUALIFIERS.items():
        for m in pattern.finditer(lowered):
            if _not_a_qualifier(kind, lowered, m):
                continue
            end = _clause_end(text, m.end())
            found.append(Qualifier(kind, m.group(0).lower(), text[m.start():end].strip(), m.start(), end))
    return found


_QUOTED_WORD = re.compile(r"[\"“‘'][\w’']+[\"”’'](?!\w)")  # '“don’t respect' is no quoted word 'don'


def negated(text: str) -> bool:
    """A negation word, not counting one named in quotation marks (the lone "no" vote)."""
    return bool(_NEGATION.search(_QUOTED_WORD.sub(" ", text)))


_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_NEGATORS = frozenset({"not", "no", "never", "neither", "nor", "without", "denied", "denies", "deny"})
# The words a negation bears on must run on in the other text for this many words: the negation then sits in the
# words both give ('If they don't pass this bill in the next couple weeks' / 'To pass this bill in the next couple of
# weeks'), not in a clause that only the longer version goes on to ('..., and if we don't get it, there should be
# no deal' beside a quotation that stops before it).
NEGATION_RUN = 3


def _run_stems(words: list[str]) -> str:
    return " " + " ".join(stem(w.lower())[:4] for w in words) + " "  # a shared start meets 'agree'/'agreed'


def negation_meets(negative: str, positive: str) -> bool:
    """The words a negation bears on are words the other text says, in a row ('did not agree to lift' / 'agreed to
    lift'), not words it lacks ('There is no question that ...' beside a claim about something else). Where the
    negative text ends sooner, the word before the negation runs with the rest ('would not agree.' / 'would
    agree')."""
    tokens = _TOKEN.findall(_QUOTED_WORD.sub(" ", negative))
    said = _run_stems(_TOKEN.findall(positive))
    for k, token in enumerate(tokens):
        if token.lower() not in _NEGATORS and not re.search(r"n['’]t$", token, re.I):
            continue
        run = tokens[k + 1:k + 1 + NEGATION_RUN]
        if len(run) < NEGATION_RUN and k > 0:
            run = [tokens[k - 1]] + run
        if run and _run_stems(run) in said:
            return True
    return False


# Words a number can stand before without counting them ('between 2011 and 2014', 'in 2016 the ...').
_NOT_UNITS = frozenset("""and the for with from was were are has had have that this which who but not nor into
than then when while after before over since until per its his her their our""".split())
# Two outlets that disagree on one quantity give figures of one size (37 million against 30 million
# Americans with kidney disease, $350 billion against $349 billion, 55,000 against 50,000 pages): aligned
# claims with figures further apart than this count different things. On AllSides (400 stories) and BASIL
# (70) every disagreement read by hand was within 1.25; of the rest, 14 of 20 were further apart than 1.5.
MAX_APART = 1.5
# Figures from this size up are often rounded (see `figures`).
ROUNDED_FROM = 1000
# Counts this small disagree at any distance ('one dead' / 'four dead').
SMALL_COUNT = 10
# A tally ('55-45') as one number: its first count in the high places, its second below.
_TALLY = 1e6
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


def _parts(number: str) -> tuple[str, str]:
    """The whole and the decimal digits of a number as written: '12,000,000', '1,234.5', '1.234.567' and
    '1.234,5' (thousands marks either way), '1,5' (a decimal comma)."""
    if "," in number and "." in number:
        decimal = max(number.rfind(","), number.rfind("."))
        return re.sub(r"[.,]", "", number[:decimal]), number[decimal + 1:]
    for mark in ",.":
        if number.count(mark) > 1 or mark == "," and re.fullmatch(r"\d+,\d{3}", number):
            return number.replace(mark, ""), ""
    whole, _, decimals = number.replace(",", ".").partition(".")
    return whole, decimals


def _value(number: str) -> float:
    whole, decimals = _parts(number)
    return float(f"{whole}.{decimals or 0}")


@dataclass(frozen=True)
class Figure:
    unit: str  # the counted word, lowercased
    written: str  # the figure as written: '500,000 to 1.6'
    low: float  # the interval of values it allows
    high: float
    half: float = 0.0  # a bare figure's rounding: half the place value of its last digit ('2.1 million': 50,000)


def figures(text: str) -> list[Figure]:
    """Every figure of `text` with the word it counts. A range holds what lies between its ends ('from 500,000
    to 1.6 million': a first end written in full is not in millions); a bound or an estimate widens a figure
    ('up to 1.5 million', 'roughly $700 billion')."""
    out: list[Figure] = []
    for m in _NUMBER_UNIT.finditer(text):
        if _MONTH_BEFORE.search(text[max(0, m.start() - 12):m.start()]) or _MONTH.fullmatch(m.group(3)):
            continue  # 'Sept. 11 hijackers', '19 Sept.': dates, not counts
        if _RANK_BEFORE.search(text[max(0, m.start() - 8):m.start()]):
            continue  # 'the No. 2 position', '#3 spot': a rank, not a count
        unit = m.group(3).lower()
        if unit in _NOT_UNITS:
            continue  # 'between 2011 and 2014': a number before a function word counts nothing
        scale = _MAGNITUDES.get(unit, 1.0)
        first = _value(m.group(1))
        low = first if scale > 1 and first >= 1000 and m.group(2) else first * scale
        high = _value(m.group(2)) * scale if m.group(2) else low
        if high < low:  # 'a 55-45 vote', 'won 3-1': a tally, one value, not a range
            low = high = first * _TALLY + _value(m.group(2))
        before = text[max(0, m.start() - 25):m.start()]
        factor = (1.0, 1.0)
        if not m.group(2):
            factor = next((f for pattern, f, timely in _BOUNDS
                           if (timely or unit not in _TIME_UNITS) and pattern.search(before)), factor)
        written = text[m.start(1):m.end(2) if m.group(2) else m.end(1)]  # '500,000 to 1.6'
        # A bare figure in the thousands or more may be rounded ('$350 billion', '2.1 million'): it stands
        # for what lies within half its last digit's place value. Smaller counts are exact ('49 dead', '50 dead');
        # a share is not a count ('36 percent' for 35.7 percent).
        rounded = factor == (1.0, 1.0) and not m.group(2) and low == high and \
            (low >= ROUNDED_FROM or unit in _SHARE_UNITS)
        half = _half_unit(m.group(1)) * scale if rounded else 0.0
        out.append(Figure(unit, written, low * factor[0], high * factor[1], half))
    return out


_SHARE_UNITS = frozenset({"percent", "per", "pct", "%"})
# One significant digit: '2', '50,000', '300'.
_ROUND_NUMBER = re.compile(r"[1-9][0,.]*")


def _half_unit(number: str) -> float:
    """Half the place value of the last significant digit of a number as written: 0.05 for '2.1', 5 for
    '350', 5,000 for '50,000', 0.5 for '37'."""
    whole, decimals = _parts(number)
    if decimals:
        return 0.5 * 10.0 ** -len(decimals)
    return 0.5 * 10.0 ** (len(whole) - len(whole.rstrip("0"))) if whole.strip("0") else 0.5


def _agree(x: Figure, y: Figure) -> bool:
    """The figures allow one value. A bare figure also allows what rounds to it, strictly within half its last
    digit's place value, weighed against the other as written: '2.1 million' agrees with '2.123 million', '$350
    billion' with '$349 billion', '331 million' with '331.5 million'; a round number does not reach its edges:
    '50,000' does not agree with '55,000', nor '2 million' with '1.5 million'."""
    coarse, fine = (x, y) if x.half >= y.half else (y, x)
    if not coarse.half:
        return x.low <= y.high and y.low <= x.high
    low, high = coarse.low - coarse.half, coarse.high + coarse.half
    if _ROUND_NUMBER.fullmatch(coarse.written):  # '50,000', '2': a round number means itself, edges left out
        return low < fine.high and fine.low < high
    return low <= fine.high and fine.low <= high  # '331 million' also for 331.5 million, written truncated


def _apart(x: Figure, y: Figure) -> float:
    """How many times larger the nearer end of the larger figure is than the smaller figure's: 1.25 for 'at
    least 40' against '32'."""
    small, large = (x, y) if x.high < y.low else (y, x)
    return large.low / small.high if small.high > 0 else math.inf


def number_conflicts(a: str, b: str) -> list[tuple[str, str, str]]:
    """(unit, number in a, number in b) where both texts count the same thing and no figure of one allows a
    value that a figure of the other allows ('$716 billion ... $800 billion' against '$716 billion' agrees
    on the 716; 'up to 1.5 million' lies within 'from 500,000 to 1.6 million'; 'at least 40' excludes 32).
    Figures far apart count different things ('interviews with 86 patients' / 'out of 514 patients', '$6
    trillion budget' / 'deficits in excess of $1 trillion'): a disagreement is figures at most MAX_APART
    times apart, or small counts."""
    fa, fb = figures(a), figures(b)
    out = []
    for unit in sorted({f.unit for f in fa} & {f.unit for f in fb}):
        xs, ys = [f for f in fa if f.unit == unit], [f for f in fb if f.unit == unit]
        if any(_agree(x, y) for x in xs for y in ys):
            continue
        pair = min(((x, y) for x in xs for y in ys), key=lambda xy: _apart(*xy))
        if _apart(*pair) <= MAX_APART or max(pair[0].high, pair[1].high) <= SMALL_COUNT:
            out.append((unit, pair[0].written, pair[1].written))
    return out


def weekdays(text: str) -> set[str]:
    return set(_WEEKDAY.findall(text))


_PAST_FORM = re.compile(r"[^\W\d_]{3,}ed$")


def dated_acts(text: str) -> set[str]:
    """The stems of the past-tense verbs nearest each weekday of `text` (within three words): what happened
    that day ('resigned Monday', 'on Friday apologized')."""
    out = set()
    for m in _WEEKDAY.finditer(text):
        before = re.findall(r"[^\W\d_]+", text[max(0, m.start() - 40):m.start()])[-3:]
        after = re.findall(r"[^\W\d_]+", text[m.end():m.end() + 40])[:3]
        near = [w for w in reversed(before) if _PAST_FORM.match(w)][:1] + [w for w in after if _PAST_FORM.match(w)][:1]
        out |= {stem(w) for w in near}
    return out
