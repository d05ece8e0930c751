"""Wire copy and near duplicates: which articles of a story are one source, not several.

Syndicated agency copy and re-posts share long runs of words: MinHash over word 5-shingles finds them
(datasketch's LSH proposes candidates, so checking a new article does not scan the store). Rewrites of
one agency dispatch share less text, so two articles that credit the same agency (AFP, AP, Reuters,
dpa, ...) count as one source already at a lower overlap.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

__all__ = ["NUM_PERM", "NEAR_DUPLICATE", "SAME_WIRE", "shingles", "minhash", "jaccard", "credited_agencies",
           "same_source", "NearDuplicateIndex"]

NUM_PERM = 64
SCHEME = "affine32"  # datasketch 2 hashing; stored signatures are only comparable within one scheme
# Jaccard of word 5-shingles: re-posts of one text score > 0.8 and an edited re-post ~0.5-0.7, while
# independent reports of one event stay < 0.05 (checked on the seed pair and AllSides triplets).
NEAR_DUPLICATE = 0.5
SAME_WIRE = 0.2  # with a shared agency credit, this much shared text means a rewrite of one dispatch

_WORD = re.compile(r"\w+", re.UNICODE)
_AGENCIES = {
    "afp": "AFP", "agence france-presse": "AFP", "ap": "AP", "associated press": "AP", "reuters": "Reuters",
    "dpa": "dpa", "efe": "EFE", "ansa": "ANSA", "xinhua": "Xinhua", "anadolu": "Anadolu", "aa": "Anadolu",
    "kna": "KNA", "epd": "epd", "apa": "APA", "pa": "PA", "press association": "PA", "bloomberg": "Bloomberg",
    "upi": "UPI", "tass": "TASS", "ria novosti": "RIA Novosti", "interfax": "Interfax", "kyodo": "Kyodo",
}
_AGENCY_RE = "|".join(sorted((re.escape(k) for k in _AGENCIES), key=len, reverse=True))
# Credit lines: "(AFP, AP, dpa, Reuters)" sign-offs, "(Reuters) -" datelines, "Source: X and agencies",
# German "mit dpa" / "dpa/AFP", and "and agencies" (generic: no specific agency, so never merges).
_CREDIT_BLOCK = re.compile(r"\(((?:\s*(?:%s)\s*[,/;&]?\s*)+)\)|(?:source|sources|quelle|mit|with|by)\s*:?\s*"
                           r"((?:(?:%s)\s*(?:[,/&]|and|und)?\s*)+)" % (_AGENCY_RE, _AGENCY_RE), re.IGNORECASE)
_SLASHED = re.compile(r"\b((?:%s)(?:\s*/\s*(?:%s))+)\b" % (_AGENCY_RE, _AGENCY_RE), re.IGNORECASE)
_AGENCY_WORD = re.compile(r"\b(%s)\b" % _AGENCY_RE, re.IGNORECASE)
CREDIT_ZONE = 300  # credit lines sit in the first or last few hundred characters


def shingles(text: str, n: int = 5) -> set[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < n:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def minhash(text: str) -> np.ndarray:
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in shingles(text)])
    return m.hashvalues.astype(np.uint64)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


def _agencies_in(block: str) -> set[str]:
    return {_AGENCIES[m.lower()] for m in _AGENCY_WORD.findall(block)}


def credited_agencies(text: str, extra: Iterable[str] = ()) -> list[str]:
    """Agencies named in credit lines at the top or bottom of the text (plus any the cleaner found)."""
    zone = text[:CREDIT_ZONE] + "\n" + text[-CREDIT_ZONE:]
    found = {a for a in extra if a}
    for m in _CREDIT_BLOCK.finditer(zone):
        found |= _agencies_in(m.group(1) or m.group(2) or "")
    for m in _SLASHED.finditer(zone):
        found |= _agencies_in(m.group(1))
    return sorted(found)


def same_source(hash_a: np.ndarray, hash_b: np.ndarray, agencies_a: Iterable[str],
                agencies_b: Iterable[str]) -> bool:
    overlap = jaccard(hash_a, hash_b)
    return overlap >= NEAR_DUPLICATE or (overlap >= SAME_WIRE and bool(set(agencies_a) & set(agencies_b)))


@lru_cache(maxsize=1)
def _permutations():
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


def _sketch(hashvalues: np.ndarray) -> MinHash:
    """A MinHash from stored values, reusing the permutations (datasketch otherwise redraws them: a third
    of the time of an incremental assignment)."""
    return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=hashvalues, permutations=_permutations(), scheme=SCHEME)


class NearDuplicateIndex:
    """MinHash LSH over articles added so far: which earlier articles are near duplicates of a new one."""

    def __init__(self) -> None:
        # A lower LSH threshold than NEAR_DUPLICATE so SAME_WIRE rewrites are proposed too.
        self.lsh = MinHashLSH(threshold=SAME_WIRE, num_perm=NUM_PERM)
        self.hashes: dict[str, np.ndarray] = {}

    def candidates(self, hashvalues: np.ndarray) -> list[str]:
        return sorted(self.lsh.query(_sketch(hashvalues)))

    def add(self, key: str, hashvalues: np.ndarray) -> None:
        if key not in self.hashes:
            self.lsh.insert(key, _sketch(hashvalues))
            self.hashes[key] = hashvalues
