"""The alias knowledge in newsprism/data/aliases.json, compiled once for matching."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

__all__ = ["AliasTable", "get_aliases", "entity_key", "TITLES", "TITLE_COMPOUND", "is_title", "fold"]

# Titles written before a name ('Sen. Ted Cruz', 'Attorney General Eric Holder'): not part of the name
# (analyze.entities), and a house style rather than a description where outlets differ in using them
# (compare.framing).
TITLES = ("Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Sir", "Dame", "Lord", "President",
          "Vice President", "Prime Minister", "Chancellor", "Minister", "Senator", "Secretary", "King", "Queen",
          "Pope", "Sheikh", "Representative", "Congressman", "Congresswoman", "Governor", "Mayor", "Ambassador",
          "Justice", "Judge", "Speaker", "Sheriff", "Attorney General", "General", "Chairman", "Chairwoman",
          "Captain", "Capt", "Colonel", "Col", "Lieutenant", "Lt", "Sergeant", "Sgt", "Admiral", "Adm",
          # the same before a name in other languages ('Kardinal George Pell', 'Richterin Ann Donnelly',
          # 'le président Macron', 'Cumhurbaşkanı Erdoğan')
          "Herr", "Frau", "Präsident", "Präsidentin", "Kanzler", "Kanzlerin", "Ministerin", "Richter", "Richterin",
          "Kardinal", "Papst", "Bürgermeister", "Bürgermeisterin", "König", "Königin", "Prinz", "Prinzessin",
          "Président", "Présidente", "Ministre", "Premier ministre", "Juge", "Maire", "Cardinal", "Pape", "Mme",
          "Presidente", "Presidenta", "Ministro", "Ministra", "Juez", "Jueza", "Alcalde", "Alcaldesa", "Papa",
          "Prezydent", "Premier", "Cumhurbaşkanı", "Başbakan", "Bakan")
# German compounds of a title ('Finanzminister Thomas Schäfer', 'Ministerpräsident Viktor Orban',
# 'Bundeskanzlerin Angela Merkel'): one word each, too many to list.
TITLE_COMPOUND = re.compile(r"\w{3,}minister(?:in)?|\w{2,}(?:präsident|prasident|kanzler)(?:in)?", re.IGNORECASE)


def is_title(word: str) -> bool:
    """A word of a title written before a name, in any letter case ('Sen.', 'president', 'Finanzminister')."""
    word = fold(word.rstrip("."))
    return word in _TITLE_WORDS or bool(TITLE_COMPOUND.fullmatch(word))


def fold(text: str) -> str:
    """Lowercase without accents: 'Präsident' and 'prasident', 'Président' and 'president' meet."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(ch))


_TITLE_WORDS = frozenset(fold(w) for title in TITLES for w in title.split())


def entity_key(name: str) -> str:
    """The canonical id of a name: stable across articles (accents, case and spacing folded)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", "", text)).strip()


@dataclass(frozen=True)
class Canonical:
    name: str
    type: str


@dataclass
class AliasTable:
    surface: dict[str, Canonical]  # exact surface form -> referent
    metonyms: dict[str, str]  # capital / seat of power -> country name
    demonyms: dict[str, str]  # nationality adjective -> country name
    head_roles: frozenset[str]
    other_roles: frozenset[str]
    pattern: re.Pattern[str]  # matches any surface form as a whole word, case-sensitive
    # lowercased given name -> the groups it belongs to ('ted': Edward's and Theodore's, which stay apart)
    given_names: dict[str, frozenset[int]] = field(default_factory=dict)
    given_groups: tuple[tuple[str, ...], ...] = ()  # the groups, each led by its formal name ('Benjamin', 'Bibi')
    # a role written short, as a bare role stands ('the A.G.' for 'the attorney general'), case-sensitive
    role_abbreviations: dict[str, str] = field(default_factory=dict)

    @property
    def roles(self) -> frozenset[str]:
        return self.head_roles | self.other_roles

    def country_of(self, word: str) -> str | None:
        """'Russian', 'Russia's', 'Russia' -> 'Russia'."""
        word = re.sub(r"['’]s$", "", word.strip())
        if word in self.demonyms:
            return self.demonyms[word]
        ref = self.surface.get(word)
        if ref and ref.type == "GPE":
            return ref.name
        return None


def _load_json(path: str | None) -> dict:
    """The packaged aliases, extended by a user file (same layout) given as path or $NEWSPRISM_ALIASES."""
    data = json.loads(resources.files("newsprism").joinpath("data", "aliases.json").read_text(encoding="utf-8"))
    path = path or os.environ.get("NEWSPRISM_ALIASES")
    if path:
        with open(path, encoding="utf-8") as fh:
            extra = json.load(fh)
        data["entities"] = extra.get("entities", []) + data["entities"]
        for key in ("metonyms", "demonyms"):
            data[key] = {**data.get(key, {}), **extra.get(key, {})}
        for key in ("head", "other"):
            data["roles"][key] = data["roles"].get(key, []) + extra.get("roles", {}).get(key, [])
        data["roles"]["abbreviations"] = {**data["roles"].get("abbreviations", {}),
                                          **extra.get("roles", {}).get("abbreviations", {})}
        data["given_names"] = data.get("given_names", []) + extra.get("given_names", [])
    return data


@lru_cache(maxsize=4)
def get_aliases(path: str | None = None) -> AliasTable:
    data = _load_json(path)
    surface: dict[str, Canonical] = {}
    for e in data["entities"]:  # user entries come first and win
        for alias in e["aliases"]:
            surface.setdefault(alias, Canonical(e["name"], e["type"]))
    forms = sorted(surface, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w])")
    roles = data.get("roles", {})
    given: dict[str, frozenset[int]] = {}
    for n, group in enumerate(data.get("given_names", [])):
        for name in group:
            given[name.lower()] = given.get(name.lower(), frozenset()) | {n}
    return AliasTable(surface, dict(data.get("metonyms", {})), dict(data.get("demonyms", {})),
                      frozenset(roles.get("head", [])), frozenset(roles.get("other", [])), pattern, given,
                      tuple(tuple(g) for g in data.get("given_names", [])), dict(roles.get("abbreviations", {})))
