"""Entities with canonical referents: spaCy NER (or capitalised spans and the gazetteer where no spaCy
pipeline exists for the language), alias and metonym knowledge from data/aliases.json, person names
clustered within the article ("Putin" = "Vladimir Putin"), role descriptions ("the Russian leader")
resolved to the person the article describes that way, and subject pronouns to the most salient person
before them (a subject of their own or the previous sentence first).
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from .aliases import TITLE_COMPOUND, TITLES, AliasTable, entity_key, fold, get_aliases, is_title
from .dates import month_and_day_names
from .gazetteer import INFLECTED_MIN_POPULATION, NO_SPACES, GeoEntry, get_gazetteer
from .nlp import Parsed
from .sentences import inside_quote, quoted_regions, split_sentences
from .speech import stop_words

__all__ = ["Mention", "Entity", "EntityIndex", "find_entities", "same_person", "story_people", "bare_role",
           "titled", "titled_as", "title_lead", "state_abbreviations", "VERSION"]

VERSION = "entities-1"
KEEP_LABELS = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC",
               "NORP": "NORP", "FAC": "FAC", "MISC": "MISC"}
_TITLES = re.compile(rf"^(?:(?:{'|'.join(sorted(TITLES, key=len, reverse=True))}|{TITLE_COMPOUND.pattern})\.?\s+)+")
_POSSESSIVE = re.compile(r"['’]s?$")
# Capitalised word runs for languages without a spaCy pipeline (Latin, Cyrillic and Greek capitals).
# Every capital letter of the Basic Multilingual Plane: a range such as Ā-Ž would take in the lowercase
# letters it interleaves ('środę', 'życie' are not names).
_UPPER = "".join(re.escape(c) for c in map(chr, range(0x10000)) if c.isupper() and c.isalpha())
_CAPITALISED = re.compile(rf"\b[{_UPPER}][\w'’-]+(?:[ \t]+(?:(?:de|del|van|von|der|al|el|la|di|da)[ \t]+)?"
                          rf"[{_UPPER}][\w'’-]+)*")
_PRONOUNS = {"he", "she"}
_QUOTE_CHARS = "\"“”«»„‘’'"
# What the small model tags as a name when a quotation mark is glued to it ('“The', '”It', '”“We').
_FUNCTION_NAMES = frozenset("the a an it we i he she they this that there".split())
# A capitalised word that opens a sentence and that the tagger can take into the name after it ('Plus Obama').
_SENTENCE_OPENER = re.compile(r"(?:Plus|Also|And|But|So|Yet|Still|Then|Now|Meanwhile|However|Thus|Indeed|Moreover|"
                              r"Besides|Instead|Later|Earlier|Today|Yesterday|Tonight|Overall|Again),?\s+")
# How far back (characters) a pronoun or role description looks for the person it stands for.
PRONOUN_WINDOW = 600


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str
    name: str  # the name this mention contributes to its referent (titles and "the" stripped)
    how: str = "ner"  # ner, alias, metonym, role, pronoun, gazetteer, capitalised
    actor: bool = False  # grammatical subject or possessor: capitals used as actors become countries


@dataclass
class Entity:
    key: str
    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    descriptors: set[tuple[str | None, str | None]] = field(default_factory=set)  # (country, role)

    def to_dict(self) -> dict:
        return {"id": self.key, "name": self.name, "type": self.type,
                "mentions": [{"start": m.start, "end": m.end, "text": m.text, "how": m.how}
                             for m in sorted(self.mentions, key=lambda m: m.start)]}


class EntityIndex:
    """Entities of one article, and which entity a character span belongs to."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities
        self._spans = sorted(((m.start, m.end, e, m) for e in entities for m in e.mentions), key=lambda t: t[0])

    def mention_at(self, start: int, end: int, types: set[str] | None = None) -> tuple[Entity, Mention] | None:
        """The entity with the most characters inside [start, end), optionally of the given types, and that
        mention of it."""
        best, best_overlap = None, 0
        for a, b, entity, mention in self._spans:
            if a >= end:
                break
            overlap = min(b, end) - max(a, start)
            if overlap > best_overlap and (types is None or entity.type in types):
                best, best_overlap = (entity, mention), overlap
        return best

    def at(self, start: int, end: int, types: set[str] | None = None) -> Entity | None:
        """The entity with the most characters inside [start, end), optionally of the given types."""
        found = self.mention_at(start, end, types)
        return found[0] if found else None

    def payload(self) -> dict:
        return {"version": VERSION, "entities": [e.to_dict() for e in self.entities]}


# What someone does, capitalised at a sentence's start and taken into the name by the tagger ('Historian Alan
# Brinkley of Columbia University told ...'): no part of the name (a description, unlike a title, for framing).
_OCCUPATION_LEAD = re.compile(r"^(?:Historian|Economist|Professor|Author|Activist|Pollster|Strategist|Attorney|"
                              r"Lawyer|Analyst|Columnist|Commentator|Journalist|Reporter|Novelist|Scientist|"
                              r"Researcher|Actor|Actress|Singer|Comedian|Filmmaker|Director|Blogger|Pastor)\s+"
                              r"(?=[A-Z][\w.'’-]*\s+[A-Z])")


def _clean_name(text: str, label: str) -> str:
    name = _POSSESSIVE.sub("", text.strip())
    name = re.sub(r"^(?:the|The)\s+", "", name)
    return _OCCUPATION_LEAD.sub("", _TITLES.sub("", name).strip()) if label == "PERSON" else name


# Heads of an institution's name that go on with 'of (the) X' ('the U.S. Department of the Treasury', 'the Bank of
# England'), which the small model sometimes tags as two names, 'The U.S. Department' and 'Treasury'.
_INSTITUTION_HEADS = frozenset("""department ministry bank office bureau board council committee commission
university court agency institute secretary""".split())


def _joined_entities(doc: Any) -> list[tuple[int, int, str, str]]:
    """(start, end, label, root dependency) of the parse's names, an institution's head and what it is 'of' as one."""
    out: list[tuple[int, int, str, str]] = []
    ents = list(doc.ents)
    k = 0
    while k < len(ents):
        ent = ents[k]
        nxt = ents[k + 1] if k + 1 < len(ents) else None
        between = doc.text[ent.end_char:nxt.start_char] if nxt is not None else ""
        if nxt is not None and ent.label_ == "ORG" and nxt.label_ in {"ORG", "GPE"} and \
                ent[-1].lower_ in _INSTITUTION_HEADS and re.fullmatch(r" of (?:the )?", between):
            out.append((ent.start_char, nxt.end_char, "ORG", ent.root.dep_))
            k += 2
            continue
        out.append((ent.start_char, ent.end_char, ent.label_, ent.root.dep_))
        k += 1
    return out


def _spacy_mentions(parsed: Parsed) -> list[Mention]:
    out = []
    for para in parsed.paragraphs:
        if para.doc is None:
            continue
        for ent_start, ent_end, ent_label, root_dep in _joined_entities(para.doc):
            label = KEEP_LABELS.get(ent_label)
            if not label:
                continue
            actor = root_dep in {"nsubj", "nsubjpass", "poss", "agent"}
            start, end = para.start + ent_start, para.start + ent_end
            text = parsed.text[start:end]
            if text.endswith(("'s", "’s")):
                end -= 2
                text = text[:-2]
            lead, trail = len(text) - len(text.lstrip(_QUOTE_CHARS)), len(text) - len(text.rstrip(_QUOTE_CHARS))
            if lead or trail:  # a quotation mark glued to the name by the scrape ('”Republican', '“The')
                start, end, text = start + lead, end - trail, text[lead:len(text) - trail]
                if text.lower() in _FUNCTION_NAMES:
                    continue
            if not re.search(r"[^\W\d_]", text):
                continue  # the small model sometimes tags an emoji or a dash run ('🍃•') as a name
            opener = _SENTENCE_OPENER.match(text)
            if opener and label == "PERSON" and opener.end() < len(text):  # '.Plus Obama is nominating'
                start, text = start + opener.end(), text[opener.end():]
            out.append(Mention(start, end, text, label, _clean_name(text, label), "ner", actor))
    return out


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'“„«(")
    return not before or before[-1] in ".!?:;\n"


# Prepositions before a place name in the languages of the corpora (de, es, fr, it, pl, tr has none).
_LOCATIVE = {"in", "im", "aus", "nach", "bei", "von", "vom", "en", "de", "del", "desde", "hacia", "à", "au",
             "dans", "w", "z", "ze", "do", "a", "da", "di", "per", "near", "from", "to"}
# Without a preposition, a single capitalised word must be a GeoNames primary name of a big place:
# German nouns ("Lage", "Busse") are also names of small towns somewhere.
MIN_BARE_PLACE_POPULATION = 100000


def _plausible_place(text: str, start: int, name: str, place) -> bool:
    if place.kind != "city":
        return True
    if place.population >= INFLECTED_MIN_POPULATION and not get_gazetteer().candidates(name):
        return True  # a declined form of a large town's name ('Warszawie'): resolve_inflected asked for one
    if place.population < 15000:
        return False
    previous = re.findall(r"\w+", text[max(0, start - 20):start])[-1:]
    if previous and previous[0] in _LOCATIVE or " " in name:
        return True
    from .gazetteer import fold_name

    return fold_name(place.name) == fold_name(name) and place.population >= MIN_BARE_PLACE_POPULATION


# Languages that capitalise every noun: a lone capitalised word there is a name only when the article
# also writes it inside a longer name ('Merkel' after 'Angela Merkel').
_NOUN_CAPITALISING = frozenset({"de", "lb"})


# Turkish writes a name's case ending after an apostrophe ("Erdoğan'ın", "Ankara'ya"): the name is before it.
_SUFFIXED_NAME = re.compile(r"['’][^\W\d_]{1,5}$")


# Languages that decline place names, with how many letters an ending may add ('w Warszawie', 'в России',
# 'Helsingissä'); German only writes a genitive s ('Deutschlands').
_DECLINING = {"pl": 4, "cs": 4, "sk": 4, "sl": 4, "hr": 4, "sr": 4, "bs": 4, "ru": 4, "uk": 4, "be": 4, "bg": 3,
              "lt": 4, "lv": 4, "et": 4, "fi": 5, "hu": 5, "el": 4, "de": 1, "lb": 1}


def _gazetteer_place(text: str, language: str) -> GeoEntry | None:
    """The place a capitalised run names, as written or declined: Turkish case endings after an apostrophe
    ('Türkiye'nin'), and the endings of languages that decline names."""
    gazetteer = get_gazetteer()
    if language == "tr":
        text = _SUFFIXED_NAME.sub("", text)
    place = gazetteer.resolve(text)
    if place is None and language in _DECLINING:
        place = gazetteer.resolve_inflected(text, language, endings=_DECLINING[language])
    return place


def _name_ends(text: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    """A capitalised run as names: in Turkish a case ending after an apostrophe closes a name, so a place
    written so is a name of its own ('Erdoğan Türkiye'nin Suriye politikasını': 'Erdoğan', 'Türkiye'nin',
    'Suriye')."""
    if language != "tr":
        return [(start, end)]
    out, gazetteer, base = [], get_gazetteer(), start
    for m in re.finditer(r"(?:^|\s)([^\s'’]+)['’][^\W\d_]{1,5}(?=\s|$)", text[base:end]):
        if _large(gazetteer.resolve(m.group(1))):
            out.append((start, base + m.start(1)))
            out.append((base + m.start(1), base + m.end()))
            start = base + m.end()
    out.append((start, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _trimmed_run(text: str, start: int, end: int, stop: frozenset[str]) -> tuple[int, int]:
    """A capitalised run less the function words at its ends ('Según López' -> 'López', 'De la STJM')."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and words[0].group().lower() in stop:
        words.pop(0)
    while words and words[-1].group().lower() in stop:
        words.pop()
    return (start + words[0].start(), start + words[-1].end()) if words else (start, start)


# Capitalised words that count things: a run they open is an amount ('Millionen Euro', 'Prozent der Stimmen').
_QUANTITY_WORDS = frozenset("millionen milliarden mio mrd tausend hundert prozent dutzend".split())


def _quantity_or_date(text: str, a: int, b: int, language: str) -> bool:
    """'33 Millionen Pfund', 'Mitte März', 'Ende April': a capitalised run after a number, opened by a word
    that counts, or holding a month or weekday name of the language (CLDR, as dates are read) is no name."""
    words = [w.casefold() for w in text[a:b].split()]
    return bool(re.search(r"\d[\d.,]*\s*$", text[max(0, a - 12):a])) or words[0] in _QUANTITY_WORDS or \
        any(w.rstrip(".") in month_and_day_names(language) for w in words)


def _capitalised_mentions(parsed: Parsed) -> list[Mention]:
    """Fallback without spaCy: gazetteer places and capitalised runs (less the function words at their ends;
    a lone word only away from a sentence's start, and in German only as part of a longer name too)."""
    gazetteer, stop = get_gazetteer(), stop_words(parsed.language)
    runs = []
    for para in parsed.paragraphs:
        if para.doc is not None:
            continue
        for m in _CAPITALISED.finditer(para.text):
            for a, b in _name_ends(para.text, m.start(), m.end(), parsed.language):
                a, b = _trimmed_run(para.text, a, b, stop)
                if b - a >= 2:
                    runs.append((para, a, b))
    runs = [(p, a, b) for p, a, b in runs if not _quantity_or_date(p.text, a, b, parsed.language)
            or gazetteer.resolve(p.text[a:b])]  # 'Mar del Plata', 'Mai Chau' are places
    parts = {w for p, a, b in runs if " " in p.text[a:b] for w in p.text[a:b].split()}
    out = []
    for para, a, b in runs:
        start, end, text = para.start + a, para.start + b, para.text[a:b]
        single = " " not in text
        if single and (len(text) < 4 or _sentence_initial(para.text, a)):
            place = _gazetteer_place(text, parsed.language) if len(text) >= 4 else None
            if place is not None and place.kind == "country":  # 'Rosja ogłosiła ...' opens a sentence
                out.append(Mention(start, end, text, "GPE", place.name, "gazetteer"))
            continue  # every language capitalises its first word
        place = _gazetteer_place(text, parsed.language)
        if place is None and not single and _sentence_initial(para.text, a):
            # 'Президент России ...': the sentence's first word is capitalised anyway; the rest may be a place.
            rest = a + re.search(r"\s+", text).end()
            place = _gazetteer_place(para.text[rest:b], parsed.language)
            if place and _plausible_place(para.text, rest, para.text[rest:b], place):
                out.append(Mention(para.start + rest, end, para.text[rest:b], "GPE", place.name, "gazetteer"))
                continue
            place = None
        if place and _plausible_place(para.text, a, text, place):
            out.append(Mention(start, end, text, "GPE", place.name, "gazetteer"))
        elif not single or (parsed.language not in _NOUN_CAPITALISING or text in parts) and not text.isupper():
            name = _SUFFIXED_NAME.sub("", text) if parsed.language == "tr" else \
                _without_role(text) if parsed.language in _NOUN_CAPITALISING else text
            out.append(Mention(start, end, text, "MISC", name, "capitalised"))
    return out


# Scripts without capital letters (Arabic, Hebrew, Chinese, Japanese, Thai, Devanagari ...): no capitalised run
# marks a name, so the gazetteer's names in them are looked up word by word (Chinese and Japanese write no
# spaces: there, the longest name at each character). Only countries, regions and large towns: smaller
# towns share their names with ordinary words ('صور', pictures, is also Tyre).
_UNCASED_WORD = re.compile(r"[^\W\d_]+")
# Arabic and Hebrew write some prepositions and 'and' glued to the next word ('بدمشق', in Damascus;
# 'וירושלים'); 'لل' is 'ل' glued to the article 'ال'.
_ARABIC_CLITICS = re.compile(r"^(?:[وف]?(?:لل|[بلك])|[وف])(?=\w{3})")
_HEBREW_CLITICS = re.compile(r"^[ובלהמשכ]{1,2}(?=\w{3})")
MAX_UNCASED_NAME_WORDS = 3
# A town named by one word of such a script must be this large: given names and words take the names of
# middling towns ('بشار', Bashar, is also Béchar).
LARGE_TOWN_ALONE = 1000000


@lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    """Ordinary words that are also places' names (data/place_words.json), in every language listed there."""
    data = json.loads(resources.files("newsprism.data").joinpath("place_words.json").read_text(encoding="utf-8"))
    return frozenset(w for words in data["words"].values() for w in words)


def _uncased(word: str) -> bool:
    return word[:1].isalpha() and not word[:1].isupper() and not word[:1].islower()


def _large(place: GeoEntry | None, minimum: int = INFLECTED_MIN_POPULATION) -> bool:
    return place is not None and (place.kind != "city" or place.population >= minimum)


def _word_variants(word: str) -> list[tuple[int, str]]:
    """The word, and the word without a glued preposition or conjunction: (letters dropped, what is left)."""
    out = [(0, word)]
    for clitics in (_ARABIC_CLITICS, _HEBREW_CLITICS):
        m = clitics.match(word)
        if m:
            rest = word[m.end():]
            out.append((m.end(), "ال" + rest if m.group().endswith("لل") else rest))
    return out


def _uncased_place_mentions(parsed: Parsed) -> list[Mention]:
    gazetteer = get_gazetteer()
    out = []
    for para in parsed.paragraphs:
        if para.doc is not None:
            continue
        words = [m for m in _UNCASED_WORD.finditer(para.text) if _uncased(m.group()) and not
                 NO_SPACES.match(m.group())]
        k = 0
        while k < len(words):
            found = None
            for n in range(min(MAX_UNCASED_NAME_WORDS, len(words) - k), 0, -1):
                group = words[k:k + n]
                if any(not re.fullmatch(r"[ \t]", para.text[x.end():y.start()]) for x, y in zip(group, group[1:])):
                    continue
                tail = para.text[group[0].end():group[-1].end()]
                for dropped, first in _word_variants(group[0].group()):
                    if n == 1 and first in _place_words():
                        continue
                    place = gazetteer.resolve(first + tail)
                    if _large(place, INFLECTED_MIN_POPULATION if n > 1 else LARGE_TOWN_ALONE):
                        found = (group[0].start() + dropped, group[-1].end(), place, n)
                        break
                if found:
                    break
            if found:
                a, b, place, n = found
                out.append(Mention(para.start + a, para.start + b, para.text[a:b], "GPE", place.name, "gazetteer"))
                k += n
            else:
                k += 1
        for run in NO_SPACES.finditer(para.text):
            i = run.start()
            while i < run.end():
                for size in range(min(8, run.end() - i), 1, -1):
                    place = gazetteer.resolve(para.text[i:i + size])
                    if _large(place, INFLECTED_MIN_POPULATION if size > 2 else LARGE_TOWN_ALONE):
                        out.append(Mention(para.start + i, para.start + i + size, para.text[i:i + size], "GPE",
                                           place.name, "gazetteer"))
                        i += size
                        break
                else:
                    i += 1
    return out


# German writes a person's office as a capitalised noun glued to the name ('Fraktionschef André Trepoll',
# 'US-Präsident Donald Trump', 'Weltkriegsveteran Tom Moore'): office nouns end in one of these.
_ROLE_ENDINGS = ("chef", "chefin", "minister", "ministerin", "präsident", "präsidentin", "sprecher", "sprecherin",
                 "kanzler", "kanzlerin", "politiker", "politikerin", "sekretär", "sekretärin", "direktor",
                 "direktorin", "leiter", "leiterin", "vorsitzende", "vorsitzender", "kandidat", "kandidatin",
                 "meister", "meisterin", "abgeordnete", "abgeordneter", "senator", "gouverneur", "botschafter",
                 "botschafterin", "experte", "expertin", "forscher", "forscherin", "trainer", "trainerin",
                 "veteran", "kommissar", "kommissarin", "anwalt", "anwältin", "richter", "richterin", "bischof",
                 "kardinal", "papst", "könig", "königin", "prinz", "prinzessin", "professor", "professorin",
                 "gründer", "gründerin", "moderator", "moderatorin", "sänger", "sängerin", "schauspieler",
                 "schauspielerin", "captain", "kapitän", "general", "oberst", "imam", "rabbiner", "pfarrer")


def _without_role(run: str) -> str:
    """'Fraktionschef André Trepoll' -> 'André Trepoll': the office words before a name of two words or more."""
    words = run.split()
    while len(words) > 2 and (words[0].casefold().endswith(_ROLE_ENDINGS) or words[0] in {"und", "and"}):
        words.pop(0)
    return " ".join(words)


_PLACE_PHRASE = re.compile(r"\b([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)\s+(?:province|region|district|governorate)\b")


def _place_phrase_mentions(text: str, taken: list[Mention]) -> list[Mention]:
    """'Aleppo province': the small English model misses many Middle-Eastern names before a region noun."""
    gazetteer = get_gazetteer()
    out = []
    for m in _PLACE_PHRASE.finditer(text):
        a, b = m.span(1)
        if any(x.start < b and a < x.end for x in taken):
            continue
        place = gazetteer.resolve(m.group(1))
        if place:
            out.append(Mention(a, b, m.group(1), "GPE", m.group(1), "gazetteer"))
    return out


def _in_capitals(text: str, start: int, end: int) -> bool:
    """A short acronym inside an all-caps line ("WHAT IS NEXT") is a word, not an alias ("IS")."""
    if end - start > 4 or not text[start:end].isupper():
        return False
    before = re.findall(r"\w+", text[max(0, start - 30):start])[-1:]
    after = re.findall(r"\w+", text[end:end + 30])[:1]
    return any(len(w) > 1 and w.isupper() and not w.isdigit() for w in before + after)


def _alias_mentions(text: str, aliases: AliasTable) -> list[Mention]:
    out = []
    for m in aliases.pattern.finditer(text):
        if _in_capitals(text, m.start(), m.end()):
            continue
        ref = aliases.surface[m.group()]
        out.append(Mention(m.start(), m.end(), m.group(), ref.type, ref.name, "alias"))
    return out


def _merge_mentions(base: list[Mention], alias: list[Mention]) -> list[Mention]:
    """Alias matches name their referent: an alias covering NER mentions replaces them; an alias inside
    a non-person NER mention ("the Islamic State group") renames it, unless a capitalised word follows it
    there: 'the United States Senate' and 'U.S. Army' are bodies of their own."""
    for a in alias:
        overlapping = [m for m in base if m.start < a.end and a.start < m.end]
        if all(a.start <= m.start and m.end <= a.end for m in overlapping):
            base = [m for m in base if m not in overlapping] + [a]
            continue
        for m in overlapping:
            if m.label != "PERSON" and m.start <= a.start and a.end <= m.end and len(m.text) - len(a.text) <= 10 \
                    and not re.match(r"\s*[A-Z]", m.text[a.end - m.start:]):
                m.name, m.label, m.how = a.name, a.label, "alias"
    return sorted(base, key=lambda m: m.start)


# Generational suffixes: "John G. Roberts Jr." and "Samuel A. Alito Jr." share no surname.
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _name_tokens(name: str) -> list[str]:
    tokens = [t.rstrip(",") for t in re.split(r"\s+", name) if t]
    while len(tokens) > 1 and tokens[-1].lower() in _NAME_SUFFIXES:
        tokens.pop()
    return tokens


def _same_given_name(a: str, b: str, aliases: AliasTable) -> bool:
    """'Hillary'/'Hillary', 'J.'/'John' (an initial), 'Bill'/'William' (aliases.json `given_names`)."""
    a, b = a.rstrip(".").lower(), b.rstrip(".").lower()
    if a == b or (len(a) == 1 or len(b) == 1) and a[:1] == b[:1]:
        return True
    return bool(aliases.given_names.get(a, frozenset()) & aliases.given_names.get(b, frozenset()))


def _full_names_match(ta: list[str], tb: list[str], aliases: AliasTable) -> bool:
    """Two full names (as tokens) of one person: the same surname, and the first given name of either
    matches a given name of the other (Bill Clinton / Hillary Rodham Clinton are two people)."""
    return ta[-1].lower() == tb[-1].lower() and (any(_same_given_name(ta[0], t, aliases) for t in tb[:-1]) or
                                                 any(_same_given_name(tb[0], t, aliases) for t in ta[:-1]))


def _fits(tokens: list[str], cluster: list[str], aliases: AliasTable) -> bool:
    """A lone name joins a person it is part of; a full name one whose full name it matches."""
    return tokens[0] in cluster if len(tokens) == 1 else _full_names_match(tokens, cluster, aliases)


_HONORIFIC = re.compile(r"\b(?:(?P<m>Mr)|(?P<f>Mrs|Ms|Miss|Madam))\.?\s*$")
PRONOUN_SEX = {**{w: "m" for w in ("he", "him", "his", "himself")}, **{w: "f" for w in ("she", "her", "hers", "herself")}}


def _honorific_sex(text: str, m: Mention) -> str | None:
    """'m' for "Mr. Clinton", 'f' for "Mrs./Ms. Clinton", else None."""
    found = _HONORIFIC.search(text[max(0, m.start - 8):m.start]) or _HONORIFIC.search(m.text.split(" ")[0] + " ")
    return None if found is None else "m" if found.group("m") else "f"


def _pronoun_sex(text: str, person: Entity) -> str | None:
    """The sex the first personal pronoun after a person's full-name mentions, in the same sentence, says
    (news prose goes on about the person it has just named: 'Hillary Rodham Clinton released her tax
    returns'), by majority; None when no pronoun tells."""
    votes = Counter()
    for m in (x for x in person.mentions if x.how != "pronoun" and len(_name_tokens(x.name)) > 1):
        rest = re.split(r"[.!?\n]", text[m.end:m.end + 300], maxsplit=1)[0]  # the pronoun in the name's sentence
        word = next((w.lower() for w in re.findall(r"[A-Za-z]+", rest) if w.lower() in PRONOUN_SEX), None)
        if word:
            votes[PRONOUN_SEX[word]] += 1
    (top, n), *rest = votes.most_common() or [(None, 0)]
    return top if top and (not rest or rest[0][1] < n) else None


@lru_cache(maxsize=1)
def _given_names() -> dict[str, str]:
    """Given name (lower case) -> 'f' or 'm', for names borne almost only by one sex (data/given_names.json,
    built by scripts/build_given_names.py)."""
    data = json.loads(resources.files("newsprism").joinpath("data", "given_names.json").read_text(encoding="utf-8"))
    return {name: sex for sex, names in data["names"].items() for name in names}


def _given_name_sex(person: Entity) -> str | None:
    """What the given names of a person's full-name mentions say ('Ruth Bader Ginsburg': 'f'), when they
    agree; a name of one word is no given name. A familiar form listed in aliases.json `given_names` counts
    as the formal name it stands for ('Bibi' as Benjamin)."""
    table, aliases = _given_names(), get_aliases()
    said = set()
    for m in person.mentions:
        tokens = _name_tokens(m.name)
        if m.how == "pronoun" or len(tokens) < 2:
            continue
        given = tokens[0].lower()
        formal = {table.get(aliases.given_groups[g][0].lower()) for g in aliases.given_names.get(given, ())} - {None}
        said |= formal or {table.get(given)}
    said.discard(None)
    return said.pop() if len(said) == 1 else None


def person_sex(text: str, person: Entity) -> str | None:
    """What the honorifics of a person's mentions say (Mr. / Mrs., Ms.), else the given name (see
    _given_name_sex), else the pronouns after the full name; None when they disagree or say nothing."""
    said = {_honorific_sex(text, m) for m in person.mentions} - {None}
    if len(said) == 1:
        return said.pop()
    return None if said else _given_name_sex(person) or _pronoun_sex(text, person)


def _one_edit_apart(a: str, b: str) -> bool:
    """One letter left out, added or changed ('Vincente' / 'Vicente')."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _misspelt_given_name(a: str, b: str) -> bool:
    """Two spellings of one given name, one a typo of the other ('Vincente Fox' in one outlet, 'Vicente Fox' in
    the others): five letters or more, the same first letter, one edit apart, and not names of opposite sexes
    ('Marie' / 'Mario')."""
    a, b = a.lower(), b.lower()
    sexes = {_given_names().get(a), _given_names().get(b)} - {None}
    return min(len(a), len(b)) >= 5 and a[0] == b[0] and len(sexes) < 2 and _one_edit_apart(a, b)


def same_person(a: str, b: str, aliases: AliasTable | None = None) -> bool:
    """Two names of a person across articles: one surname (accents aside: 'Calderón' / 'Calderon') and
    matching given names ('Hillary Rodham Clinton' and 'Hillary Clinton'; 'Bill' and 'William'; a misspelt
    'Vincente'), or one of them the bare surname."""
    ta, tb = [fold(t) for t in _name_tokens(a)], [fold(t) for t in _name_tokens(b)]
    if not ta or not tb:
        return False
    if len(ta) == 1 or len(tb) == 1:
        return ta[-1].lower() == tb[-1].lower()
    return _full_names_match(ta, tb, aliases or get_aliases()) or \
        ta[-1].lower() == tb[-1].lower() and _misspelt_given_name(ta[0], tb[0])


def story_people(names: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Person entity id -> (story-level id, name): the people of several articles matched by `same_person`,
    fullest names first, a spelling with accents before one without ('Calderón', not 'Calderon'); a bare
    surname joins the first person it fits."""
    aliases = get_aliases()
    groups: list[tuple[str, str]] = []  # (id, name) of each person's fullest name
    out: dict[str, tuple[str, str]] = {}
    for key, name in sorted(names.items(), key=lambda kv: (-len(_name_tokens(kv[1])), kv[1].isascii(), kv[1], kv[0])):
        home = next((g for g in groups if same_person(name, g[1], aliases)), None)
        if home is None:
            home = (key, name)
            groups.append(home)
        out[key] = home
    return out


# 'Malia and ' before 'Sasha Obama': a given name alone (no capitalised word before it) sharing the surname
# that follows ('Tom Baker and Ann Cole' are two names in full).
_FAMILY_LEAD = re.compile(r"(?:^|[^\w\s'’.-]\s*|\b[a-z][\w'’-]*\s+)(?P<given>[A-Z][\w'’-]+),?\s+(?:and|&)\s+$")


# A place this big is more likely than a person's given name it shares ('Houston', 'Austin').
LARGE_PLACE = 100_000


def _large_place(name: str) -> bool:
    """Whether a country, region or large city has this name ('Syria', 'Houston'; not 'Malia')."""
    return any(_large(e, LARGE_PLACE) for e in get_gazetteer().candidates(name))


def _given_name_not_place(word: str) -> bool:
    """A given name the name table lists that is no country, region or large city ('Malia', not 'Syria')."""
    return word.lower() in _given_names() and not _large_place(word)


def _coordinated_given_names(person: Entity, text: str, surnames: set[str], lone: set[str]) -> set[str] | None:
    """When every full name of the person comes after another given name that shares its surname ('Malia and
    Sasha Obama'), those given names (lowercased); else None. The word before 'and' must be a given name: a
    one-word name the tagger took for a person's somewhere in the article (`lone`), or one the name table
    lists that is no country, region or large city (the tagger calls 'Malia' a place; not 'Ron Wyden of Oregon
    and Mark Udall', 'in Syria and Donald Trump'); and not the surname of someone named in full (`surnames`:
    'talks between Baker and Ann Cole')."""
    full = [m for m in person.mentions if len(_name_tokens(m.name)) > 1]
    if not text or not full:
        return None
    names = set()
    for m in full:
        lead = _FAMILY_LEAD.search(text[max(0, m.start - 40):m.start])
        if lead is None:
            return None
        word = lead.group("given").lower()
        if word in surnames or not (word in lone or _given_name_not_place(lead.group("given"))):
            return None
        names.add(word)
    return names


def _cluster_persons(mentions: list[Mention], aliases: AliasTable, text: str = "") -> list[Entity]:
    """Longest names first; a shorter name joins the person whose surname (or any name part) it is. A lone
    surname that two people share goes to the one its honorific fits ("Mrs. Clinton": the Clinton named
    "Mrs." before or whose full name is followed by "she"/"her", else one not known to be male), then to the
    one named in full more often, then to the one named last before it."""
    clusters: list[tuple[list[str], Entity]] = []
    sex: dict[str, str | None] = {}
    surnames = {tokens[-1].lower() for m in mentions for tokens in [_name_tokens(m.name)] if len(tokens) > 1}
    lone = {tokens[0].lower() for m in mentions for tokens in [_name_tokens(m.name)] if len(tokens) == 1}
    for m in sorted(mentions, key=lambda m: (-len(_name_tokens(m.name)), m.start)):
        tokens = _name_tokens(m.name)
        if not tokens:
            continue
        homes = [e for toks, e in clusters if _fits(tokens, toks, aliases)]
        if len(tokens) == 1:
            # 'Obama' after 'Malia and Sasha Obama' names the family, not Sasha; after 'brothers Ammon and Ryan
            # Bundy ... Ammon Bundy', Ammon, the one of them also named alone in full
            family = {e.key: _coordinated_given_names(e, text, surnames, lone) for e in homes}
            givens = set().union(*(g for g in family.values() if g is not None))
            if givens:
                homes = [e for e in homes if family[e.key] is None and _name_tokens(e.name)[0].lower() in givens]
        if len(homes) > 1:
            wanted = _honorific_sex(text, m)
            for e in homes:
                if e.key not in sex:
                    sex[e.key] = person_sex(text, e)
            if wanted:  # the person the pronouns say fits, else anyone they do not rule out
                homes = [e for e in homes if sex[e.key] == wanted] or \
                    [e for e in homes if sex[e.key] is None] or homes

            def rank(e: Entity) -> tuple[int, int]:
                full = sum(1 for x in e.mentions if len(_name_tokens(x.name)) > 1)
                return full, max((x.start for x in e.mentions if x.start < m.start), default=-1)
            homes = [max(homes, key=rank)]
        home = homes[0] if homes else None
        if home is None:
            home = Entity(entity_key(m.name), m.name, "PERSON")
            clusters.append((tokens, home))
        home.mentions.append(m)
    return [e for _, e in clusters]


def _group_others(mentions: list[Mention], aliases: AliasTable) -> list[Entity]:
    gazetteer = get_gazetteer()
    groups: dict[str, Entity] = {}
    for m in mentions:
        name, label = m.name, m.label
        if m.how != "alias" and m.actor and name in aliases.metonyms:
            name, label, m.how = aliases.metonyms[name], "GPE", "metonym"
        elif label == "GPE" and m.how != "alias":
            place = gazetteer.resolve(name)
            if place and place.kind == "country":
                name = place.name
        key = entity_key(name)
        if not key:
            continue
        entity = groups.setdefault(key, Entity(key, name, label))
        entity.mentions.append(m)
    return list(groups.values())


def _words_before(text: str, start: int, limit: int = 6) -> list[str]:
    window = text[max(0, start - 80):start]
    window = re.split(r"[,;:()\"“”\n]", window)[-1]
    return window.split()[-limit:]


def _descriptors(text: str, m: Mention, aliases: AliasTable) -> set[tuple[str | None, str | None]]:
    """(country, role) pairs written next to a person mention: 'Russian President X', "Turkey's X",
    'his Russian counterpart X', 'X, the Turkish president,'."""
    words = _words_before(text, m.start)
    after = re.match(r",\s+(?:the\s+|a\s+)?([^,.;]{3,60})[,.]", text[m.end:m.end + 70])
    if after:
        words += after.group(1).split()
    words += m.text.split()[:-len(_name_tokens(m.name)) or None] if m.text != m.name else []
    countries = {c for i in range(len(words)) for c in (aliases.country_of(words[i]),
                 aliases.country_of(" ".join(words[i:i + 2]))) if c}
    lowered = " ".join(_TITLE_ABBREVIATIONS.get(w, w) for w in " ".join(words).lower().split())
    roles = {r for r in aliases.roles if re.search(rf"\b{re.escape(r)}\b", lowered)}
    # 'vice president' holds 'president': the longer role is the one written
    roles = {r for r in roles if not any(r != o and re.search(rf"\b{re.escape(r)}\b", o) for o in roles)}
    if not countries and not roles:
        return set()
    return {(c, r) for c in (countries or {None}) for r in (roles or {None})}


def _role_pattern(aliases: AliasTable) -> re.Pattern[str]:
    demonyms = sorted(set(aliases.demonyms) | {k for k, v in aliases.surface.items() if v.type == "GPE"},
                      key=len, reverse=True)
    roles = sorted(aliases.roles, key=len, reverse=True)
    adj = "|".join(re.escape(d) for d in demonyms)
    role = "|".join(re.escape(r) for r in roles)
    return re.compile(rf"\b(?:(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+)?(?P<adj>{adj})(?:['’]s)?\s+(?P<role>{role})"
                      rf"(?P<plural>s)?\b(?!\s+(?-i:[A-Z]))", re.IGNORECASE)


def _role_fits(wanted: str, held: str | None, aliases: AliasTable) -> int:
    if held == wanted:
        return 3
    if wanted == "leader" and held in aliases.head_roles or held == "leader" and wanted in aliases.head_roles:
        return 2
    return 1 if held in (None, "counterpart") else 0


def _placed_elsewhere(text: str, person: Entity, place: str) -> bool:
    """Whether the article set another US state than `place` right before the person's names ('Former New York
    Gov. George Pataki' is not 'the Ohio governor') and never `place` itself; a person named with no state may
    still be the one meant ('Sen. Bernie Sanders', 'the Vermont senator')."""
    leads = [text[max(0, x.start - 40):x.start] for x in person.mentions if x.how in {"ner", "alias", "capitalised"}]
    return not any(re.search(rf"\b{re.escape(place)}\b", lead, re.IGNORECASE) for lead in leads) and \
        any(_other_state(lead, place) for lead in leads)


def _resolve_roles(text: str, persons: list[Entity], aliases: AliasTable) -> None:
    for m in _role_pattern(aliases).finditer(text):
        if m.group("plural") or not m.group(0)[:1].isalpha():
            continue
        country = aliases.country_of(m.group("adj"))
        role = m.group("role").lower()
        scored = [(max((_role_fits(role, r, aliases) for c, r in p.descriptors if c == country), default=0), p)
                  for p in persons if country is not None or not _placed_elsewhere(text, p, m.group("adj"))]
        best = max((s for s, _ in scored), default=0)
        if best == 0:
            continue
        fitting = [p for s, p in scored if s == best]
        person = max(fitting, key=lambda p: max((x.start for x in p.mentions if x.start < m.start()), default=-1))
        person.mentions.append(Mention(m.start(), m.end(), m.group(), "PERSON", person.name, "role", False))


# 'the president', 'the former governor', 'the Texas governor': a role with no country, standing for the one
# person the article gave that title before ('former President Bill Clinton' is 'the former president', not 'the president').
_BARE_ROLE_PREFIX = r"\b[Tt]he\s+(?P<former>former\s+)?(?:(?:then|outgoing|incoming|Republican|Democratic|GOP|" \
    r"conservative|liberal|moderate|progressive|freshman|junior|senior|longtime|veteran)\s+)?" \
    r"(?P<place>(?:[A-Z][a-z]+\s+){0,2})"  # where: 'the Texas governor', 'the New Jersey governor'

# Roles that, bare ('the leader', 'the spokesman'), do not stand for one titled person.
_NOT_BARE_ROLES = frozenset({"counterpart", "leader", "spokesman", "spokeswoman", "spokesperson"})
_TITLE_ABBREVIATIONS = {"gov.": "governor", "sen.": "senator", "gen.": "general", "amb.": "ambassador",
                        "capt.": "captain", "supt.": "superintendent"}
# Titles of a role written otherwise: 'Rep. Raul Labrador' is 'the Idaho congressman'.
_ALSO_TITLED = {"congressman": ("rep.", "representative"), "congresswoman": ("rep.", "representative")}
# Words that make a title another office: 'Vice President X' is not 'the president', nor 'Lt. Gov. X' 'the
# governor', nor 'Attorney General X' 'the general' ('Associate Justice X' is still 'the justice').
_OTHER_OFFICE = re.compile(r"\b(?:vice|deputy|lieutenant|lt\.|assistant|attorney|surgeon|inspector|"
                           r"solicitor|secretary|under)[\s-]*$", re.IGNORECASE)


def titled_as(lead: str, role: str, former: bool, place: str = "") -> bool:
    """Whether `lead`, the words right before a name, ends in `role` as its title ('President ', 'former Gov.
    '), former or not as asked, and, given a `place` ('Texas'), with no other US state among those words ('New
    York Gov. ' is no Texas governor; 'Gov. ' may be)."""
    forms = [re.escape(role)] + [re.escape(a) for a, r in _TITLE_ABBREVIATIONS.items() if r == role] + \
        [re.escape(a) for a in _ALSO_TITLED.get(role, ())]
    title = re.compile(rf"(?:^|[^\w.])(?P<former>(?:former|ex-)\s*(?:[A-Z][\w.]*\s+){{0,2}})?(?:{'|'.join(forms)})\s+$",
                       re.IGNORECASE)  # 'former New York Gov. ' is former too
    found = title.search(lead)
    return found is not None and bool(found.group("former")) == former and \
        not _OTHER_OFFICE.search(lead[:found.start() + 1]) and \
        not _other_state(lead, place)


def _other_state(lead: str, place: str) -> bool:
    """Whether `lead` names a US state other than `place` and not `place` itself ('New York Gov. ' for 'the
    Ohio governor'); False without a place."""
    if not place or re.search(rf"\b{re.escape(place)}\b", lead, re.IGNORECASE):
        return False
    return _state_names().search(lead) is not None


@lru_cache(maxsize=1)
def _state_names() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in sorted(_us_states(), key=len, reverse=True)) + r")\b")


def title_lead(text: str, start: int, written: str) -> str:
    """The words before a name mention that may hold its title: the text just before it, and the titles the
    mention opens with ('Gov. ' of 'Gov. Rick Perry')."""
    titles = _TITLES.match(written)
    return text[max(0, start - 40):start] + (titles.group() if titles else "")


def titled(text: str, person: Entity, role: str, former: bool, before: int, place: str = "") -> bool:
    """Whether the article put `role` as a title right before one of the person's names earlier than
    `before` ('President Obama', 'former Gov. Mike Huckabee'), former or not as asked, with the `place` given
    ('Ohio Gov. X' for 'the Ohio governor')."""
    return any(m.start < before and m.how in {"ner", "alias", "capitalised"} and
               titled_as(title_lead(text, m.start, m.text), role, former, place) for m in person.mentions)


def bare_role(words: str) -> tuple[str, bool, str] | None:
    """(role, former, place) for a person described by a role alone ('the president', 'the former governor',
    'the Texas governor': ('governor', False, 'Texas')); None for anything else."""
    m = _bare_role_pattern().fullmatch(" ".join(words.split()))
    return (_role_named(get_aliases(), m.group("role")), bool(m.group("former")), m.group("place").strip()) \
        if m else None


def _role_forms(aliases: AliasTable) -> str:
    """The alternation of the roles that stand bare, and of their abbreviations ('A.G.'), longest first."""
    forms = (aliases.roles - _NOT_BARE_ROLES) | set(aliases.role_abbreviations)
    return "|".join(re.escape(r) for r in sorted(forms, key=len, reverse=True))


def _role_named(aliases: AliasTable, written: str) -> str:
    """The role a bare role names: 'A.G.' -> 'attorney general', 'Governor' -> 'governor'."""
    return aliases.role_abbreviations.get(written, written).lower()


@lru_cache(maxsize=1)
def _bare_role_pattern() -> re.Pattern[str]:
    return re.compile(_BARE_ROLE_PREFIX + rf"(?P<role>{_role_forms(get_aliases())})")


def _resolve_bare_roles(text: str, persons: list[Entity], aliases: AliasTable) -> None:
    """'the president said': the person the article titled 'President' before, when only one was, or one
    the article names at least twice as often as any other so titled (two presidents named alike in the
    story leave it unresolved)."""
    pattern = re.compile(_BARE_ROLE_PREFIX + rf"(?P<role>{_role_forms(aliases)})(?!\w)(?!['’]s|\s+(?:of\s+)?[A-Z])")
    taken = [(x.start, x.end) for p in persons for x in p.mentions]
    for m in pattern.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        role, former = _role_named(aliases, m.group("role")), bool(m.group("former"))  # a former president is not
        # 'the president'
        fitting = [p for p in persons if titled(text, p, role, former, m.start(), m.group("place").strip())]
        fitting.sort(key=lambda p: -len(p.mentions))
        if len(fitting) == 1 or fitting and len(fitting[0].mentions) >= 2 * len(fitting[1].mentions):
            fitting[0].mentions.append(Mention(m.start(), m.end(), m.group(), "PERSON", fitting[0].name, "role", False))


@lru_cache(maxsize=1)
def _us_states() -> dict[str, tuple[str, ...]]:
    data = json.loads(resources.files("newsprism").joinpath("data", "us_states.json").read_text(encoding="utf-8"))
    return {name: tuple(abbreviations) for name, abbreviations in data["states"].items()}


@lru_cache(maxsize=1)
def state_abbreviations() -> frozenset[str]:
    """The dotted US state abbreviations, lowercased without their last full stop ('calif', 'n.h'): they end
    no sentence ('Rep. Tom Baker, D-Calif. said')."""
    return frozenset(a.lower().rstrip(".") for forms in _us_states().values() for a in forms if a.endswith("."))


# What a description of a person by party, state or candidacy rests on, in the words set beside a name.
_PARTY_EVIDENCE = {"republican": re.compile(r"\b(?:Republican|GOP)\b|\bR-[A-Z]"),
                   "democrat": re.compile(r"\bDemocrat(?:ic)?\b|\bD-[A-Z]")}
_PARTY_WORD = {"republican": "republican", "gop": "republican", "democrat": "democrat", "democratic": "democrat"}
_CANDIDACY_EVIDENCE = re.compile(r"\b(?:candidate|hopeful|nominee|contender|front-?runner|presidential)\b", re.I)
# The words right before a name that describe its bearer ('Florida Republican Sen.', 'GOP presidential candidate'):
# capitalised words, titles (aliases.is_title: 'Sen.') and the words of a candidacy, back to the first other word.
_CAPITALISED_WORD = re.compile(r"[A-Z][\w'’-]*")
_LEAD_WORDS = frozenset("presidential candidate hopeful nominee front-runner frontrunner contender former".split())
# ... and right after it: '(R-Fla.)', ', R-Fla.,', ', a Republican from Florida,'.
_TAIL = re.compile(r"\s*(?:\(([^)]{1,30})\)|,\s*([^,;]{1,50}?)\s*[,;])")


def _described_as(text: str, m: Mention) -> str:
    """The words the article set beside one mention of a name to describe its bearer."""
    lead: list[str] = []
    for word in reversed(text[max(0, m.start - 80):m.start].split()):
        if not (_CAPITALISED_WORD.fullmatch(word) or is_title(word) or word.lower() in _LEAD_WORDS
                or word.startswith("then-")):
            break
        lead.insert(0, word)
    tail = _TAIL.match(text, m.end, min(len(text), m.end + 60))
    return " ".join([*lead, *([tail.group(1) or tail.group(2)] if tail else [])])


@lru_cache(maxsize=1)
def _description_pattern() -> re.Pattern[str]:
    states = "|".join(re.escape(s) for s in sorted(_us_states(), key=len, reverse=True))
    return re.compile(rf"(?<!\bis )(?<!\bwas )(?<!\bbe )(?<!\bbeen )(?<!\bbecome )(?<!\bbecame )(?<!\bas )(?<!\bare )"
                      rf"(?<!\bwere )(?<!\bof )(?<!\bdecide )(?<!\bpick )(?<!\bchoose )"  # not 'is the nominee'
                      rf"\b[Tt]he\s+(?:(?P<state>{states})\s+(?P<noun>Republican|Democrat)|(?=GOP|Republican|Democratic|"
                      rf"presidential)(?:(?P<party>GOP|Republican|Democratic)\s+)?(?:presidential\s+)?"
                      rf"(?P<head>candidate|nominee|hopeful|front-?runner|contender))"
                      rf"\b(?!['’]s|-|\s+(?:who|that|whom|for|of|to|[A-Z])|\s*,\s*[A-Z][a-z])")


def _fits_description(description: re.Match, said: str) -> bool:
    if description.group("state"):
        state = description.group("state")
        forms = (state, *_us_states()[state])
        return bool(_PARTY_EVIDENCE[description.group("noun").lower()].search(said)) and \
            any(re.search(rf"(?<![\w.]){re.escape(f)}(?!\w)", said) for f in forms)
    party = description.group("party")
    return bool(_CANDIDACY_EVIDENCE.search(said)) and \
        (party is None or bool(_PARTY_EVIDENCE[_PARTY_WORD[party.lower()]].search(said)))


def _resolve_descriptions(text: str, persons: list[Entity]) -> None:
    """'the Florida Republican said', 'the GOP presidential candidate said': the person whose name the article
    set beside every part of the description before ('Sen. Tom Baker (R-Fla.)', 'Republican presidential
    candidate Jim Ward'), when only one was, or one it names at least twice as often as any other so
    described. A bare 'the candidate' is left alone (in a race every rival is one), as are a description
    said of someone ('if he is the nominee', 'see her as the candidate who ...') and one a name follows ('the
    Republican front-runner, Sam Hill,')."""
    taken = [(x.start, x.end) for p in persons for x in p.mentions]
    for d in _description_pattern().finditer(text):
        if any(a < d.end() and d.start() < b for a, b in taken):
            continue
        fitting = [p for p in persons if any(m.start < d.start() and m.how in {"ner", "alias", "capitalised"} and
                                             _fits_description(d, _described_as(text, m)) for m in p.mentions)]
        fitting.sort(key=lambda p: -len(p.mentions))
        if len(fitting) == 1 or fitting and len(fitting[0].mentions) >= 2 * len(fitting[1].mentions):
            fitting[0].mentions.append(Mention(d.start(), d.end(), d.group(), "PERSON", fitting[0].name, "role", False))


# Salience of a person mention as what a later 'he'/'she' stands for, after Lappin and Leass (1994): the
# subject of a sentence's main clause is what the next sentence goes on about ('Tom Baker dismissed John
# Smith's plan. "It will never work," he said'), a subject of a clause inside it less so ('Baker isn't
# worried that Smith will win'), a possessor or an object least; a sentence further back halves it, and a
# person's mentions add up.
ROLE_SALIENCE = {"main": 80, "subject": 50, "other": 20, "possessor": 0}
RECENCY_SALIENCE = 100
_CLAUSAL = frozenset({"advcl", "ccomp", "xcomp", "relcl", "acl", "csubj", "pcomp", "parataxis"})


@dataclass(frozen=True)
class _Anchor:
    """A person mention a pronoun may stand for: where, in which sentence, in what role."""
    start: int
    sentence: int
    role: str  # a ROLE_SALIENCE key
    depth: int  # clauses between a subject's verb and its sentence's main one (0 for other roles)
    person: Entity = field(compare=False)


def _clause_depth(head: Any) -> int:
    """How many clauses a verb sits below its sentence's main one ('When Baker heard that Smith had been
    promoted, he ...': 'heard' 1, 'promoted' 2); conjoined verbs count as one."""
    return sum(1 for t in [head, *head.ancestors] if t.dep_ in _CLAUSAL)


def _role_of(token: Any) -> tuple[str, int]:
    """The role of a mention's head token and, for a subject, its clause depth. A name in apposition to a
    subject has the subject's role ('Grimm's lawyer, William McGinley, said')."""
    if token.dep_ == "appos" and token.head.dep_ in {"nsubj", "nsubjpass"}:
        token = token.head
    if token.dep_ in {"nsubj", "nsubjpass"}:
        depth = _clause_depth(token.head)
        return ("main" if depth == 0 else "subject"), depth
    if token.dep_ == "agent" or token.dep_ == "pobj" and token.head.dep_ == "agent":
        return "subject", _clause_depth(token.head)
    who = _relative_who(token)
    if who is not None:  # 'the ire of Justice Scalia, who said': the subject of the relative clause
        return "subject", _clause_depth(who.head)
    return ("possessor" if token.dep_ == "poss" else "other"), 0


def _relative_who(token: Any) -> Any | None:
    """The 'who' right after a name ('Scalia who said', 'Scalia, who said') that is the subject of its clause:
    'who' stands for a person, so for the name, wherever the parse hangs the clause ('the ire of Scalia')."""
    doc, i = token.doc, token.i + 1
    if i < len(doc) and doc[i].text == ",":
        i += 1
    if i < len(doc) and doc[i].lower_ == "who" and doc[i].dep_ in {"nsubj", "nsubjpass"} and \
            doc[i].head.dep_ == "relcl":
        return doc[i]
    return None


def _doc_span(parsed: Parsed, start: int, end: int) -> Any | None:
    """The parse's tokens over text[start:end] (expanded to whole tokens), or None without a parse there."""
    starts = [p.start for p in parsed.paragraphs]
    para = parsed.paragraphs[max(0, bisect.bisect_right(starts, start) - 1)] if starts else None
    if para is None or para.doc is None or not para.start <= start < para.start + len(para.text):
        return None
    span = para.doc.char_span(start - para.start, end - para.start, alignment_mode="expand")
    return span if span is not None and len(span) else None


# Dependents that open a clause of their own, about something else than the clause they hang on.
_OWN_CLAUSE_BREAKS = frozenset({"advcl", "relcl", "acl", "parataxis", "appos"})


def _own_clause(head: Any) -> list[Any]:
    """The tokens of `head`'s clause, without the clauses of their own hung on it (_OWN_CLAUSE_BREAKS, and a
    verb coordinated with one of its words: 'She recanted, and Ms. Trump's statement said')."""
    out, stack = [], [head]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in _OWN_CLAUSE_BREAKS and
                     not (c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}))
    return out


def _resolve_pronouns(parsed: Parsed, persons: list[Entity]) -> None:
    """'he'/'she' as a subject, among the persons mentioned in the PRONOUN_WINDOW before it (names inside
    quotation marks aside) whose sex, when the text tells it, fits the pronoun: a subject of its own sentence
    (the least embedded, then the nearest: 'Baker, a critic of Smith, walked out when he heard'), else the
    main subject of the sentence before, else the person most salient over the sentences before
    (ROLE_SALIENCE). A resolved pronoun is a mention of its person for the pronouns after it."""
    if parsed.language != "en" or not persons:
        return
    docs = [p for p in parsed.paragraphs if p.doc is not None]
    # Sentences as the article's own splitter cuts them: the parser also cuts after a quotation mark glued to a
    # full stop ('Justice Scalia.“If somebody ...,” he said'), and '“If' then stood between the name and 'he'.
    starts = [s.start for s in split_sentences(parsed.text)]
    paragraphs = sorted(parsed.paragraphs, key=lambda p: p.start)
    para_starts = [p.start for p in paragraphs]
    quoted = [quoted_regions(p.text, unclosed=True) for p in paragraphs]
    sex = {id(p): person_sex(parsed.text, p) for p in persons}

    def outside_quotes(pos: int) -> bool:
        """Not inside someone's words: a name there is seldom who a pronoun after them stands for."""
        k = max(0, bisect.bisect_right(para_starts, pos) - 1)
        return not inside_quote(pos - para_starts[k], quoted[k])

    anchors: list[_Anchor] = []
    for person in persons:
        for m in person.mentions:
            span = _doc_span(parsed, m.start, m.end)
            if span is not None and outside_quotes(m.start):
                anchors.append(_Anchor(m.start, bisect.bisect_right(starts, m.start), *_role_of(span.root), person))
    anchors.sort(key=lambda a: a.start)
    for para in docs:
        for tok in para.doc:
            if tok.lower_ not in _PRONOUNS or not tok.dep_.startswith("nsubj"):
                continue
            pos = para.start + tok.idx
            here = bisect.bisect_right(starts, pos)
            wanted = PRONOUN_SEX[tok.lower_]
            # a name after the pronoun in its own clause is someone else ('he called on Trump to apologize', 'he
            # said Trump would lose'; Principle C), unless it is inside quotation marks (people name themselves)
            # or in a clause of its own hung on this one ('he said after a prosecutor read the facts Lazar
            # admitted', 'he told Hannity, at the event where Trump spoke')
            clause = {para.start + t.idx for t in _own_clause(tok.head) if t.i > tok.i}
            others = {id(p) for p in persons for m in p.mentions if m.start in clause and outside_quotes(m.start)
                      and m.how in {"ner", "alias", "capitalised"}}  # a name, not a role or pronoun read so far
            window = [a for a in anchors if pos - PRONOUN_WINDOW <= a.start < pos and sex[id(a.person)] in (wanted, None)
                      and id(a.person) not in others]
            same = [a for a in window if a.sentence == here and a.role in {"main", "subject"}]
            before = [a for a in window if a.sentence == here - 1 and a.role == "main"]
            # the one person the sentence before names, where no person is its subject ('That did not satisfy
            # Justice Scalia. "...," he said'): the one it turns to, however often another was named before
            last = {id(a.person): a.person for a in window if a.sentence == here - 1 and a.role != "possessor"}
            if same:
                person = min(same, key=lambda a: (a.depth, -a.start)).person
            elif before:
                person = before[-1].person
            elif len(last) == 1:
                person = next(iter(last.values()))
            elif window:
                salience: Counter[int] = Counter()
                for a in window:
                    salience[id(a.person)] += (RECENCY_SALIENCE + ROLE_SALIENCE[a.role]) * 0.5 ** (here - a.sentence)
                top = max(salience, key=salience.__getitem__)
                person = next(a.person for a in window if id(a.person) == top)
            else:
                continue
            person.mentions.append(Mention(pos, pos + len(tok.text), tok.text, "PERSON", person.name, "pronoun", True))
            if outside_quotes(pos):
                role, depth = _role_of(tok)
                bisect.insort(anchors, _Anchor(pos, here, role, depth, person), key=lambda a: a.start)


def _persons_that_are_places(persons: list[Entity], others: list[Entity]) -> list[Entity]:
    """spaCy often tags unfamiliar Arabic town names as people ("Al Rai"): a person named once, with no
    role, whose name is a town in a country the article mentions, is that town."""
    gazetteer = get_gazetteer()
    context = frozenset(p.country for e in others if e.type == "GPE"
                        for p in [gazetteer.resolve(e.name)] if p and p.kind == "country")
    moved = []
    for person in persons:
        place = gazetteer.resolve(person.name, context) if len(person.mentions) == 1 else None
        if place and not person.descriptors and place.country in context:
            person.type = "GPE"
            person.mentions[0].label = "GPE"
            moved.append(person)
    return moved


def _absorb_surnames(persons: list[Entity], others: list[Entity]) -> list[Entity]:
    """A non-person mention spelled like a person's name ("Erdogan" tagged GPE) is that person."""
    names = {t: p for p in persons for t in [p.key, *_name_tokens(p.key)]}
    kept = []
    for entity in others:
        person = names.get(entity.key) if entity.type in {"GPE", "ORG", "NORP", "LOC", "MISC"} else None
        if person is not None and entity.mentions[0].how in {"ner", "capitalised"}:
            person.mentions.extend(entity.mentions)
        else:
            kept.append(entity)
    return kept


_ACTOR_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}
_NAME_BEFORE = re.compile(r"([A-Z][\w'’-]*)\.?\s+$")


def _surname_mentions(parsed: Parsed, persons: list[Entity], others: list[Entity]) -> None:
    """A person named in full is named by surname alone afterwards ('Todd Akin ...', 'Akin apologized'), which
    the tagger often misses: each such word is a mention of them, unless it is part of a longer name ('Chris
    Brown', 'Brown University'; a title before it is fine) or two of the article's people share the surname."""
    owners: dict[str, list[Entity]] = {}
    for p in persons:
        tokens = _name_tokens(p.name)
        if len(tokens) > 1 and len(tokens[-1]) > 2 and tokens[-1][:1].isupper():
            owners.setdefault(tokens[-1], []).append(p)
    surnames = {name: ps[0] for name, ps in owners.items() if len(ps) == 1}
    if not surnames:
        return
    text = parsed.text
    taken = [(m.start, m.end) for e in persons + others for m in e.mentions]
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(map(re.escape, sorted(surnames, key=len, reverse=True))) +
                         r")(?![\w-])")
    for m in pattern.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        before = _NAME_BEFORE.search(text[max(0, m.start() - 40):m.start()])
        if before and not is_title(before.group(1)) or re.match(r"[ \t]+[A-Z]", text[m.end():m.end() + 3]):
            continue
        span = _doc_span(parsed, m.start(), m.end())
        actor = span is not None and span.root.dep_ in _ACTOR_DEPS
        person = surnames[m.group()]
        person.mentions.append(Mention(m.start(), m.end(), m.group(), "PERSON", person.name, "alias", actor))


# Words that make a name a body's ('Lehman Brothers', 'Ford Motor', 'Wells Fargo Bank').
_BODY_WORDS = frozenset("""inc corp co ltd llc plc company companies group party university college institute
foundation bank news times post journal fund center centre association council committee hospital school church
airlines airways motor motors brothers bros partners holdings capital media network studios records team museum
gallery library hall house theater theatre club society review magazine press""".split())


def _given_name_form(word: str, language: str) -> bool:
    """A given name of the name table, as written or, in a language that declines names, with a case ending
    ('Wojciecha', 'Andrzejem', 'Rafała': the table writes 'rafal')."""
    word = fold(word).replace("ł", "l")
    if _given_name_not_place(word):
        return True
    return _DECLINING.get(language, 0) > 1 and any(
        _given_name_not_place(word[:-k]) for k in (1, 2, 3) if len(word) - k >= 4)


def _people_tagged_as_bodies(mentions: list[Mention], language: str = "en") -> None:
    """'Felipe Calderon' tagged an organisation, or 'Jorge Winckler' found as a capitalised run where no tagger
    runs: a name of two or three capitalised words that opens with a given name of one sex which is no large
    place ('Felipe', not 'Austin'), with no word of a body's name and no large place after it ('Wells
    Fargo'), is a person's."""
    for m in mentions:
        if m.how == "ner" and m.label in {"ORG", "GPE", "NORP"}:
            words = m.text.split()
        elif m.how == "capitalised" and m.label == "MISC":
            words = m.name.split()  # less a German office word ('Schauspielerin Katrin Heß')
        else:
            continue
        if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and not w.isupper() and w.replace("-", "")
                                                .replace("'", "").replace("’", "").isalpha() for w in words):
            continue
        if _given_name_form(words[0], language) and not any(w.lower() in _BODY_WORDS for w in words) and \
                not any(_large_place(w) for w in [*words[1:], " ".join(words)]):
            m.label = "PERSON"


def find_entities(parsed: Parsed, aliases: AliasTable | None = None) -> EntityIndex:
    aliases = aliases or get_aliases()
    mentions = _merge_mentions(_spacy_mentions(parsed) + _capitalised_mentions(parsed) +
                               _uncased_place_mentions(parsed), _alias_mentions(parsed.text, aliases))
    _people_tagged_as_bodies(mentions, parsed.language)
    mentions = sorted(mentions + _place_phrase_mentions(parsed.text, mentions), key=lambda m: m.start)
    persons = _cluster_persons([m for m in mentions if m.label == "PERSON" and m.how != "alias"], aliases,
                               parsed.text)
    for person in persons:
        for m in person.mentions:
            person.descriptors |= _descriptors(parsed.text, m, aliases)
    others = _group_others([m for m in mentions if m.label != "PERSON" or m.how == "alias"], aliases)
    places = _persons_that_are_places(persons, others)
    persons = [p for p in persons if p not in places]
    others = _absorb_surnames(persons, others) + places
    _surname_mentions(parsed, persons, others)
    _resolve_roles(parsed.text, persons, aliases)
    _resolve_bare_roles(parsed.text, persons, aliases)
    _resolve_descriptions(parsed.text, persons)
    _resolve_pronouns(parsed, persons)
    return EntityIndex(_merge_same_key(persons + others))


def _merge_same_key(entities: list[Entity]) -> list[Entity]:
    """One entity per id (a user alias for a person meets the person's cluster here)."""
    merged: dict[str, Entity] = {}
    for entity in entities:
        home = merged.setdefault(entity.key, entity)
        if home is not entity:
            home.mentions.extend(entity.mentions)
            home.descriptors |= entity.descriptors
    return list(merged.values())
