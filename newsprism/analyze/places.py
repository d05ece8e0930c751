"""Places: GPE/LOC/FAC mentions resolved to coordinates and country with the offline gazetteer.

Ambiguous names are settled by the countries the article itself mentions ("Damascus" in a Syria story
is not Damascus, Maryland), then by GeoNames population.
"""

from __future__ import annotations

import re

from .aliases import get_aliases
from .entities import EntityIndex
from .gazetteer import GeoEntry, get_gazetteer

__all__ = ["find_places", "VERSION"]

VERSION = "places-1"
PLACE_TYPES = {"GPE", "LOC", "FAC"}
# Words around a place name that describe it rather than name it ("Homs province", "northern Aleppo").
_DESCRIPTIVE = re.compile(r"^(?:the\s+)?(?:(?:north|south|east|west)(?:ern|east|west)?(?:ern)?|central|"
                          r"northwestern|northeastern|southwestern|southeastern)\s+", re.IGNORECASE)
_REGION_WORDS = re.compile(r"\s+(?:province|region|district|governorate|county|state|city|area|town)$",
                           re.IGNORECASE)


def _place_name(text: str) -> str:
    name = re.sub(r"['’]s$", "", text.strip())
    name = _DESCRIPTIVE.sub("", re.sub(r"^the\s+", "", name, flags=re.IGNORECASE))
    return _REGION_WORDS.sub("", name)


def _resolve(text: str, context: frozenset[str]) -> GeoEntry | None:
    gazetteer = get_gazetteer()
    return gazetteer.resolve(text, context) or gazetteer.resolve(_place_name(text), context)


def _country_context(index: EntityIndex) -> frozenset[str]:
    gazetteer = get_gazetteer()
    found = set()
    for entity in index.entities:
        if entity.type == "GPE":
            place = gazetteer.resolve(entity.name)
            if place and place.kind == "country":
                found.add(place.country)
    return frozenset(found)


def find_places(text: str, index: EntityIndex) -> dict:
    context = _country_context(index)
    demonyms = get_aliases().demonyms
    places = []
    for entity in index.entities:
        if entity.type not in PLACE_TYPES:
            continue
        for m in entity.mentions:
            if m.text in demonyms:  # "Kazakh" tagged GPE is a nationality, not a town's alternate name
                continue
            if m.how == "metonym":
                m_text = text[m.start:m.end]
            else:
                m_text = m.text
            place = _resolve(m_text, context) or _resolve(entity.name, context)
            if place is None:
                continue
            places.append({"name": place.name, "start": m.start, "end": m.end, "text": text[m.start:m.end],
                           "lat": round(place.lat, 5), "lon": round(place.lon, 5), "country": place.country,
                           "geonameid": place.geonameid, "kind": place.kind})
    places.sort(key=lambda p: p["start"])
    return {"version": VERSION, "places": places}
