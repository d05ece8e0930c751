"""The framing table: per referent, the words each outlet uses for it.

Referents come from the analysis payload (`entities`: canonical ids with every mention, aliases and
role descriptions included) when present, otherwise from capitalised names grouped by their last word.
A loaded-terms lexicon (newsprism/data/loaded_terms.json, extendable) adds the words that frame a thing
without naming it ("Assad regime", "rebel groups", "strike back against any threats").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..analyze.aliases import fold, is_title
from ..errors import DataFormatError
from ..model import Article, normalize_for_hash, primary_language
from .quotes import QUOTATION

__all__ = ["FramingRow", "load_lexicon", "build_framing", "quoted_spans"]

_CAPITALISED = re.compile(r"(?<![.!?\"“]\s)(?<![\n\"“])\b(?<!^)(?:[A-Z][\w'-]+)(?:[ \u00a0]+(?:[A-Z][\w'-]+|al|bin|de|von))*")
# Capitalised words that start a phrase without naming anything.
_NOT_NAMES = frozenset("The A An This That These Those It He She They We I But And Or If In On At For By From "
                       "With After Before When While As Mr Mrs Ms Dr Image Source".split())
# Widen a lexicon match to the name before it and the noun or phrase after it.
_BEFORE = re.compile(r"(?:[A-Z][\w'-]+\s+){1,2}$")
_AFTER = re.compile(r"^(?:[\s-]+(?:groups?|forces|fighters|areas?|territory|enclave|organi[sz]ations?|"
                    r"against\s+(?:any\s+)?threats|of\s+the\s+[A-Z]\w+(?:,\s+an?\s+[\w ]+?of\s+the\s+[A-Z]+)?))")


# A term met only inside someone's quoted words is shown in quotation marks: the speaker's wording.
QUOTED_OPEN, QUOTED_CLOSE = "“", "”"


@dataclass
class FramingRow:
    referent: str
    source: str  # entities, lexicon or names
    terms: dict[int, list[str]] = field(default_factory=dict)  # article index -> distinct words used
    spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    # Wordings (as `_plain` folds them) that are the referent's own name in another language ('Deutschland' for
    # Germany beside an English article): a translation, not a description.
    names: set[str] = field(default_factory=set)

    def add(self, article: int, text: str, start: int, end: int, quoted: bool = False) -> None:
        """A wording found in the body at text[start:end]; `quoted`: inside a quoted speaker's own words, shown
        in quotation marks, as theirs and not the outlet's."""
        self.add_term(article, f"{QUOTED_OPEN}{text}{QUOTED_CLOSE}" if quoted else text)
        self.spans.setdefault(article, []).append((start, end))

    def add_term(self, article: int, text: str) -> None:
        text = normalize_for_hash(text)  # scraped text carries non-breaking spaces
        words = self.terms.setdefault(article, [])
        if text not in words:
            words.append(text)


def _validate(data: Any, where: str) -> list[dict[str, Any]]:
    groups = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(groups, list) or not all(isinstance(g, dict) and isinstance(g.get("referent"), str)
                                               and isinstance(g.get("terms"), list)
                                               and isinstance(g.get("neutral", []), list) for g in groups):
        raise DataFormatError("bad-lexicon", f"{where}: not a loaded-terms lexicon.",
                              'Use {"groups": [{"referent": "...", "terms": ["...", ...], "neutral": ["...", ...]}]} '
                              '(`neutral`, optional, lists the terms that name the thing plainly).')
    return groups


@lru_cache(maxsize=1)
def _shipped() -> tuple[dict[str, Any], ...]:
    data = json.loads(resources.files("newsprism.data").joinpath("loaded_terms.json").read_text("utf-8"))
    return tuple(_validate(data, "loaded_terms.json"))


Lexicon = tuple[tuple[str, tuple[str, ...], frozenset[str]], ...]


def load_lexicon(extra: str | None = None) -> Lexicon:
    """(referent, terms, neutral terms) per referent: the shipped lexicon, merged with a user file when
    given. Neutral terms are lowercased; a user group can mark terms neutral or add loaded ones."""
    groups = list(_shipped())
    if extra:
        path = Path(extra)
        try:
            groups = groups + _validate(json.loads(path.read_text(encoding="utf-8")), str(path))
        except (OSError, json.JSONDecodeError) as exc:
            raise DataFormatError("bad-lexicon", f"{path}: cannot read the lexicon ({exc}).",
                                  "Pass a JSON file shaped like newsprism/data/loaded_terms.json.") from exc
    merged: dict[str, list[str]] = {}
    neutral: dict[str, set[str]] = {}
    for g in groups:
        merged.setdefault(g["referent"], []).extend(str(t) for t in g["terms"])
        neutral.setdefault(g["referent"], set()).update(str(t).lower() for t in g.get("neutral") or [])
    return tuple((r, tuple(sorted(set(t), key=len, reverse=True)), frozenset(neutral[r])) for r, t in merged.items())


def _term_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in terms) + r")(?![\w-])", re.I)


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    before = _BEFORE.search(text[max(0, start - 40):start])
    if before and not re.search(r"[.!?]\s*$", text[max(0, start - 42):start - len(before.group(0))] or "."):
        start -= len(before.group(0))
    after = _AFTER.match(text[end:end + 80])
    return start, end + (len(after.group(0)) if after else 0)


# Without the analysis, words in quotation marks are someone's quoted words from this many words on (fewer
# are a title or scare quotes, which are the outlet's own choice: 'so-called "safe zones"').
MIN_QUOTED_WORDS = 4


def quoted_spans(article: Article) -> list[tuple[int, int]]:
    """Where the article gives someone's own words in quotation marks: their wording, not the outlet's. The
    analysis knows which quotation marks hold an utterance; without it, quotations of MIN_QUOTED_WORDS or
    more words count."""
    payload = (article.analysis.get("quotes") or {}).get("quotes")
    if payload is not None:
        return [(int(x["start"]), int(x["end"])) for q in payload for x in q.get("quoted") or []
                if "start" in x and "end" in x]
    return [(m.start(1), m.end(1)) for m in QUOTATION.finditer(article.text)
            if len(m.group(1).split()) >= MIN_QUOTED_WORDS]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _lexicon_rows(articles: list[Article], lexicon: Lexicon) -> list[FramingRow]:
    """One row per referent some outlet frames: a row whose every match is a neutral term is left out."""
    rows = []
    quoted = [quoted_spans(a) for a in articles]
    for referent, terms, neutral in lexicon:
        row, pattern, loaded = FramingRow(referent, "lexicon"), _term_pattern(terms), False
        for i, article in enumerate(articles):
            for m in pattern.finditer(article.text):
                start, end = _widen(article.text, m.start(), m.end())
                theirs = _inside(quoted[i], m.start(), m.end())  # the speaker's word, not the outlet's
                row.add(i, article.text[start:end], start, end, quoted=theirs)
                loaded = loaded or not theirs and m.group(0).lower() not in neutral
            for m in pattern.finditer(article.title or ""):  # a headline frames the story most of all
                start, end = _widen(article.title or "", m.start(), m.end())
                row.add_term(i, (article.title or "")[start:end])
                loaded = loaded or m.group(0).lower() not in neutral
        if row.terms and loaded:
            row.terms = {i: _without_bare_forms(terms) for i, terms in row.terms.items()}
            rows.append(row)
    return rows


def _without_bare_forms(terms: list[str]) -> list[str]:
    """A lexicon term an outlet also writes with the name before it ('vowed' beside 'Huckabee vowed', 'regime'
    beside 'Assad regime') is listed once, with the name."""
    return [t for t in terms if not any(o != t and o.endswith(" " + t) and _BEFORE.fullmatch(o[:-len(t)])
                                        for o in terms)]


def _entity_rows(articles: list[Article], people: dict[str, tuple[str, str]]) -> list[FramingRow]:
    rows: dict[str, FramingRow] = {}
    languages = {primary_language(a.language) for a in articles}
    for i, article in enumerate(articles):
        quoted = quoted_spans(article)
        for entity in (article.analysis.get("entities") or {}).get("entities", []):
            key = str(entity.get("id") or entity.get("name"))
            key, name = people.get(key, (key, str(entity.get("name") or key)))
            row = rows.setdefault(key, FramingRow(name, "entities"))
            for m in entity.get("mentions", []):
                if m.get("how") == "pronoun":  # 'he', 'she' stand for a person without framing them
                    continue
                text = str(m.get("text") or article.text[m["start"]:m["end"]])
                # how a quoted speaker names them is the speaker's wording
                row.add(i, text, int(m["start"]), int(m["end"]), _inside(quoted, int(m["start"]), int(m["end"])))
                if m.get("how") == "alias" and len(languages) > 1:
                    row.names.add(_plain(text))
    return list(rows.values())


def _name_rows(articles: list[Article]) -> list[FramingRow]:
    rows: dict[str, FramingRow] = {}
    for i, article in enumerate(articles):
        quoted = quoted_spans(article)
        for m in _CAPITALISED.finditer(article.text):
            words = m.group(0).split()
            while words and words[0] in _NOT_NAMES:
                words = words[1:]
            if not words or len(words) == 1 and len(words[0]) < 4:
                continue
            start = m.end() - len(" ".join(words))
            rows.setdefault(words[-1].lower(), FramingRow(words[-1], "names")).add(
                i, " ".join(words), start, m.end(), _inside(quoted, start, m.end()))
    return list(rows.values())


def _plain(term: str) -> str:
    """A wording less what does not frame: letter case, a leading article and the points and hyphens of a
    house style ('WASHINGTON', 'the Supreme Court' / 'The Supreme Court', 'N.R.A.' / 'NRA', 'Wal-Mart' /
    'Walmart'), accents and a name's possessive or case ending."""
    folded = fold(term)
    # accents and a name's case ending or possessive ("Secretaria"/"Secretaría", "Erdoğan'a"/"Erdoğan'dan",
    # "Putin's") are spelling, not framing
    folded = re.sub(r"(?<=\w)['’]\w{1,4}\b", "", folded)
    return re.sub(r"^(?:the|a|an)\s+", "", folded).replace(".", "").replace("-", "")


_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")


def _descriptions(terms: list[str], name: str, names: set[str] = frozenset()) -> frozenset[str]:
    """The wordings that say more than the referent's name or a part of it, less honorifics and titles
    ('Mr. Obama', 'President Obama', 'the president', 'Cheney' for Mary Cheney say nothing more; 'the
    Russian leader', 'the former vice president', 'Assad regime', 'Elizabeth Cheney' for Liz Cheney do).
    Titles (`is_title`) are a house style ('Mr. Obama', 'Sen. Cruz', 'Finanzminister Thomas Schäfer') or the
    title the article gave before ('the president'), not a description."""
    own = set(_NAME_TOKEN.findall(_plain(name)))
    return frozenset(p for p in map(_plain, (t for t in terms if not t.startswith(QUOTED_OPEN)))
                     if p not in names and {w for w in _NAME_TOKEN.findall(p) if not is_title(w)} - own)


def build_framing(articles: list[Article], lexicon_file: str | None = None,
                  people: dict[str, tuple[str, str]] | None = None) -> list[FramingRow]:
    """Referents named by at least two articles that do not all describe them alike (their name, parts of
    it and pronouns aside), then the lexicon rows. `people` maps a person entity id to one id and name for
    the story (articles name people differently)."""
    has_entities = any(a.analysis.get("entities") for a in articles)
    named = _entity_rows(articles, people or {}) if has_entities else _name_rows(articles)
    shared = [r for r in named if len(r.terms) >= 2 and
              len({_descriptions(ts, r.referent, r.names) for ts in r.terms.values()}) > 1]
    shared.sort(key=lambda r: -sum(len(s) for s in r.spans.values()))
    return shared + _lexicon_rows(articles, load_lexicon(lexicon_file))
