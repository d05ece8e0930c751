"""The fact matrix: aligned claims grouped into facts, one status per fact x article, each with a reason.

Statuses: `reported` (with evidence spans), `omitted`, `qualified` (the article adds a condition, an
exception, a hedge or a scope the others lack) and `conflicting` (numbers, weekdays, negation or the
speaker disagree). Facts are ranked by independent sources: articles count as independent unless a
syndication map (article id -> group) says they are copies of one another.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..clean.metadata import outlet_self_names
from ..model import Article, majority_language, primary_language
from . import checks
from .align import stems_of
from .claims import Claim

__all__ = ["Cell", "Fact", "Elaboration", "qualification", "aligned_edges", "edge_scores", "group_facts",
           "build_facts", "surname", "report_language", "fact_text", "FRAGMENT_MARK", "FACT_THRESHOLD", "FACT_MARGIN", "WEAK_MATCH"]

# A claim pair joins a fact when its score clears this and it is within FACT_MARGIN of the best match of
# both claims. Tuned on the seeds (two articles, 4 % of sentence pairs aligned), where a bare threshold
# links every same-topic sentence: precision matters more to a reader than recall here. Retuned when the
# soft word match entered the score (0.66-0.76 with margins 0.1/0.15): 0.68-0.71 give the same seeds
# result (F1 0.615, 10 of 13 one-outlet facts unique, both qualified cells); 0.66 keeps 7 facts unique,
# 0.72 and above lose the `trade` qualification. 0.70 sits inside the plateau.
FACT_THRESHOLD = 0.70
FACT_MARGIN = 0.1
# Two claims whose words overlap this much say the same thing, so a negation on one side only conflicts.
NEGATION_OVERLAP = 0.5
# Dates disagree only between claims this close in wording: aligned reports of one fact often date
# different moments of it ('signed on Thursday, a day after urging ...' / 'on Wednesday urged ...').
DATE_OVERLAP = 0.3
# Two groups of claims become one fact when at least this share of their cross-article pairs align.
MERGE_SHARE = 0.6
# A cell whose strongest alignment with the other outlets' claims scores below this says so: on BASIL (70
# stories of three outlets), hard negatives (`newsprism eval chance-alignment`) put the share of alignments
# between 0.70 and 0.80 that pair different statements on one topic at about two in three (0.70-0.75: 85 %,
# 0.75-0.80: 54 %), against about one in five at 0.80 and above.
WEAK_MATCH = 0.8


@dataclass
class Cell:
    status: str  # reported, omitted, qualified, conflicting
    reason: str
    evidence: list[Claim] = field(default_factory=list)
    quoted: list[str] = field(default_factory=list)  # the qualifying/conflicting words, as written
    match: float | None = None  # the strongest alignment score between these claims and another outlet's
    finding: str = ""  # what the check found, for a qualified or conflicting cell ('condition "if ..."'), without
    # the notes on attribution and match strength that `reason` adds

    @property
    def weak(self) -> bool:
        return is_weak(self.match)


def is_weak(match: float | None) -> bool:
    """An alignment score below WEAK_MATCH: on long articles, more likely than not a different statement."""
    return match is not None and match < WEAK_MATCH


@dataclass
class Fact:
    id: str
    claims: list[Claim]
    text: str  # the most central claim: what the fact says
    cells: dict[int, Cell] = field(default_factory=dict)
    sources: int = 0  # independent sources reporting it
    first: int | None = None  # article index that had it first, when dates say so
    central: Claim | None = None  # the claim whose words `text` shows

    @property
    def articles(self) -> set[int]:
        return {c.article for c in self.claims}


@dataclass
class Elaboration:
    """Two adjacent claims of one article that state one statement twice ('Putin said the zones should become
    no-fly areas if ...' / '"... planes will not fly there on condition that ...," Putin said.'), and for each (by
    key) the other articles' claims it aligns with (key -> score)."""
    first: Claim
    second: Claim
    links: dict[str, dict[str, float]]


def aligned_edges(scores: np.ndarray) -> list[tuple[int, int, float]]:
    """(i, j, score) for the claim pairs of two articles that align: above threshold and near-best both ways."""
    if scores.size == 0:
        return []
    row_best = scores.max(axis=1, keepdims=True)
    col_best = scores.max(axis=0, keepdims=True)
    ok = (scores >= FACT_THRESHOLD) & (scores >= row_best - FACT_MARGIN) & (scores >= col_best - FACT_MARGIN)
    return [(int(i), int(j), float(scores[i, j])) for i, j in zip(*np.nonzero(ok))]


def edge_scores(edges: list[tuple[Claim, Claim, float]]) -> dict[tuple[str, str], float]:
    """(claim key, claim key) -> score of the aligned pairs, both ways round."""
    return {(a.key, b.key): s for a, b, s in edges} | {(b.key, a.key): s for a, b, s in edges}


def group_facts(claims: list[Claim], edges: list[tuple[Claim, Claim, float]]) -> list[list[Claim]]:
    """Average-linkage grouping: strongest alignments first, two groups merge only when most of their
    cross-article claim pairs align (plain connected components chain one topic into one fact)."""
    groups: dict[str, list[Claim]] = {c.key: [c] for c in claims}
    where = {c.key: c.key for c in claims}
    linked = edge_scores(edges)
    for a, b, _ in sorted(edges, key=lambda e: -e[2]):
        ga, gb = where[a.key], where[b.key]
        if ga == gb:
            continue
        pairs = [(x.key, y.key) for x in groups[ga] for y in groups[gb] if x.article != y.article]
        if sum(p in linked for p in pairs) < MERGE_SHARE * len(pairs):
            continue
        groups[ga].extend(groups.pop(gb))
        for c in groups[ga]:
            where[c.key] = ga
    # A sentence can carry two facts ("met in Sochi, where they agreed to restore trade"): an alignment
    # left across two groups puts the claim in the other group too, when it aligns with most of that
    # group's claims from other articles.
    for a, b, _ in sorted(edges, key=lambda e: -e[2]):
        for mine, other in ((a, b), (b, a)):
            group = groups[where[other.key]]
            if mine in group:
                continue
            others = [x for x in group if x.article != mine.article]
            if others and sum((mine.key, x.key) in linked for x in others) >= MERGE_SHARE * len(others):
                group.append(mine)
    return list(groups.values())


def _central(group: list[Claim], score_of: dict[tuple[str, str], float], shared: set[str] = frozenset(),
             readable: set[int] | None = None) -> Claim:
    """The claim most aligned with the rest of the group. A claim that also sits in another fact (a sentence
    carrying two facts) stands for this one only when no other claim can: else both facts would read alike.
    Across languages, a claim of a `readable` article (in the report's language) stands for the fact where
    the group has one."""
    def weight(c: Claim) -> float:
        return sum(score_of.get((c.key, o.key), 0.0) for o in group if o is not c)
    own = [c for c in group if c.key not in shared] or group
    own = [c for c in own if readable is None or c.article in readable] or own
    own = [c for c in own if not continues_a_sentence(c)] or own  # a whole statement reads best
    return max(own, key=lambda c: (weight(c), -c.article, -c.index))


def continues_a_sentence(claim: Claim) -> bool:
    """A clause cut from the middle of its sentence ('but called for further talks')."""
    first = next((ch for ch in claim.text if ch.isalpha()), "")
    return first.islower()


# What opens the text of a fact that is a clause from mid-sentence.
FRAGMENT_MARK = "…"


def fact_text(claim: Claim) -> str:
    """What a fact says, as reports print it: a clause from mid-sentence is marked as one ('… but called for
    further talks')."""
    return f"{FRAGMENT_MARK} {claim.text}" if continues_a_sentence(claim) else claim.text


def report_language(articles: list[Article]) -> set[int]:
    """The articles whose language a report reads in: the language most of them share, English on a tie (the
    language of the report around them); all of them when fewer than two languages are known."""
    codes = [primary_language(a.language) for a in articles]
    if len({c for c in codes if c}) < 2:
        return set(range(len(articles)))
    chosen = majority_language(codes)
    return {i for i, c in enumerate(codes) if c == chosen}


def _stem_overlap(a: str, b: str) -> float:
    sa, sb = stems_of(a), stems_of(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def _tagged(tags: dict[str, dict[str, set[str]]], claim: Claim, kind: str) -> set[str]:
    return tags.get(claim.key, {}).get(kind, set())


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def surname(name: str) -> str:
    """A person's name as claims compare it across outlets (one names 'John McCain', another 'McCain')."""
    words = name.split()
    return words[-1].lower() if words else ""


def _bare_name(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip(), flags=re.I).casefold()


def _people(tags: dict[str, dict[str, set[str]]], claim: Claim) -> set[str]:
    """The people a claim is about (surnames), its speakers aside where it names others: who says it is not what it
    counts ('Senator McCain would ... cut $882 billion,' Obama declared)."""
    named = _tagged(tags, claim, "people")
    return named - {surname(name) for name in _tagged(tags, claim, "speaker")} or named


def _conflict(mine: list[Claim], others: list[Claim], names: dict[int, str], tags: dict[str, dict[str, set[str]]],
              years: dict[str, set[str]] | None = None, self_names: dict[int, frozenset[str]] | None = None
              ) -> tuple[str, list[str]] | None:
    """The first disagreement between this outlet's claims of a fact and the others'. `years`: claim key -> the
    years its whole sentence names (a clause cut from 'rate for 2014 was 35.7 percent, while ...' counts 2014).
    `self_names`: article -> the names other articles cite its outlet by (outlet_self_names)."""
    self_names = self_names or {}
    overlap = {(a.key, b.key): _stem_overlap(a.text, b.text) for a, b in itertools.product(mine, others)}
    mine_text = " ".join(c.text for c in mine)
    theirs = {o: " ".join(c.text for c in others if c.article == o) for o in {c.article for c in others}}
    own_days = checks.weekdays(mine_text)
    own_dates = {d for c in mine for d in _tagged(tags, c, "date")}
    their_days = {o: checks.weekdays(t) for o, t in theirs.items()}
    their_dates = {o: {d for c in others if c.article == o for d in _tagged(tags, c, "date")} for o in theirs}
    for a, b in itertools.product(mine, others):
        # the words of a claim are weighed against its closest counterpart in each outlet only: a fact's cell can
        # hold several claims, and 'the Clintons' rate was 45.8 percent' is not 'Mr. Bush said his rate was 36'
        if overlap[a.key, b.key] < max(overlap[a.key, o.key] for o in others if o.article == b.article):
            continue
        years_a, years_b = ((years or {}).get(c.key) or set(_YEAR.findall(c.text)) for c in (a, b))
        people_a, people_b = _people(tags, a), _people(tags, b)
        # figures of different people count different things ('Obama has cut $716 billion from Medicare' / 'McCain's
        # plan would cut Medicare by $800 billion')
        other_people = bool(people_a and people_b and not people_a & people_b)
        # and so do figures of different years ('for 2014' / 'from 2007 through 2014')
        if not (years_a and years_b and years_a != years_b) and not other_people:
            # an outlet that gives the other figure too, elsewhere in the fact, does not disagree with it ('Bush
            # paid roughly 36 percent' / 'the couple paid 31.55 percent' where that outlet also has 'Mr. Bush
            # said his rate was 36 percent')
            standing = {u for u, _, _ in checks.number_conflicts(a.text, theirs[b.article])} & \
                {u for u, _, _ in checks.number_conflicts(mine_text, b.text)}
            for unit, x, y in checks.number_conflicts(a.text, b.text):
                if unit in standing:
                    return f"numbers disagree: {x} {unit} here, {y} {unit} in {names[b.article]}", [f"{x} {unit}"]
        if overlap[a.key, b.key] < DATE_OVERLAP:
            continue  # two reports of one fact can date different moments of it: only near-twins disagree
        da, db = _tagged(tags, a, "date"), _tagged(tags, b, "date")
        days_a, days_b = checks.weekdays(a.text), checks.weekdays(b.text)
        acts_a, acts_b = checks.dated_acts(a.text), checks.dated_acts(b.text)
        if acts_a and acts_b and not acts_a & acts_b:  # 'resigned Monday' / 'on Friday apologized': two events
            da = db = days_a = days_b = set()
        # likewise a day or date that the other side's claims of this fact give too
        if days_a & their_days[b.article] or days_b & own_days:
            days_a = days_b = set()
        if da & their_dates[b.article] or db & own_dates:
            da = db = set()
        if days_a and days_b and not days_a & days_b and not (da and db):  # resolved dates judge where known
            return (f"dates disagree: {', '.join(sorted(days_a))} here, {', '.join(sorted(days_b))} in "
                    f"{names[b.article]}", sorted(days_a))
        neg_a, neg_b = checks.negated(a.text), checks.negated(b.text)
        negative, positive = (a, b) if neg_a else (b, a)
        if neg_a != neg_b and overlap[a.key, b.key] >= NEGATION_OVERLAP and \
                checks.negation_meets(negative.text, positive.text):
            return f"negation differs: this outlet {'negates' if neg_a else 'affirms'} what {names[b.article]} says", []
        if da and db and not da & db:
            return f"dates disagree: {', '.join(sorted(da))} here, {', '.join(sorted(db))} in {names[b.article]}", sorted(da)
        sa, sb = _tagged(tags, a, "speaker"), _tagged(tags, b, "speaker")
        # The same words put in different mouths conflict; a fact that two people both stated does not, nor one
        # outlet's own reporting that the other cites it for ('But, the Times reported, "an examination ..."')
        cites = {_bare_name(n) for n in sa} & self_names.get(b.article, frozenset()) or \
            {_bare_name(n) for n in sb} & self_names.get(a.article, frozenset())
        if sa and sb and not sa & sb and not cites and overlap[a.key, b.key] >= NEGATION_OVERLAP:
            return (f"attribution differs: {', '.join(sorted(sa))} here, {', '.join(sorted(sb))} in "
                    f"{names[b.article]}", sorted(sa))
    return None


def _attribution_note(mine: list[Claim], others: list[Claim], names: dict[int, str],
                      tags: dict[str, dict[str, set[str]]], score_of: dict[tuple[str, str], float]) -> str:
    """Where another outlet puts this fact in other mouths: each outlet's claim aligned most closely with one
    of this outlet's, compared with that claim. A fact's claims are also joined through a third outlet
    ('Perry said' here and in Fox, 'Arpaio said' in the NYT, aligned with Fox's only): such claims are not
    the same statement, and their speakers say nothing of how each outlet attributes it."""
    here: set[str] = set()
    there: dict[str, set[str]] = {}
    for o in sorted({c.article for c in others}):
        pairs = [(score_of[a.key, b.key], a, b) for a in mine for b in others
                 if b.article == o and (a.key, b.key) in score_of]
        if not pairs:
            continue
        _, a, b = max(pairs, key=lambda t: t[0])
        sa, sb = _tagged(tags, a, "speaker"), _tagged(tags, b, "speaker")
        if sa and sb and not sa & sb:
            here |= sa
            there[names[o]] = sb
    if not there:
        return ""
    return f" (attributed to {', '.join(sorted(here))} here; " + "; ".join(
        f"{', '.join(sorted(s))} in {o}" for o, s in sorted(there.items())) + ")"


def _within(inner: checks.Qualifier, outer: checks.Qualifier) -> bool:
    """`inner`'s words lie inside `outer`'s longer clause."""
    return outer.start <= inner.start and inner.end <= outer.end and outer.end - outer.start > inner.end - inner.start


def qualification(mine: list[Claim], others: list[Claim]) -> tuple[str, list[str]] | None:
    """The qualifiers of `mine` of a kind that `others` lack ('condition "if ..."'; ...) and their clauses."""
    other_kinds = {q.kind for c in others for q in checks.qualifiers(c.text)}
    extra = []
    for claim in mine:
        found = [q for q in checks.qualifiers(claim.text) if q.kind not in other_kinds]
        # a scope word inside the condition it belongs to ('if fighting stops entirely') is said once, by the
        # condition
        extra += [q for q in found if not any(_within(q, o) for o in found)]
    if not extra:
        return None
    return "; ".join(f'{q.kind} "{q.clause}"' for q in extra), [q.clause for q in extra]


def _cell(article: int, fact: list[Claim], names: dict[int, str], tags: dict[str, dict[str, set[str]]],
          score_of: dict[tuple[str, str], float], years: dict[str, set[str]] | None = None,
          self_names: dict[int, frozenset[str]] | None = None) -> Cell:
    mine = [c for c in fact if c.article == article]
    others = [c for c in fact if c.article != article]
    if not mine:
        return Cell("omitted", "no claim of this outlet aligns with this fact")
    if not others:
        return Cell("reported", "only this outlet reports it", mine)
    match = max((score_of[a.key, b.key] for a in mine for b in others if (a.key, b.key) in score_of), default=None)
    weak = f"; weak match ({match:.2f}): check the evidence" if is_weak(match) else ""
    conflict = _conflict(mine, others, names, tags, years, self_names)
    if conflict:
        return Cell("conflicting", conflict[0] + weak, mine, conflict[1], match, conflict[0])
    note = _attribution_note(mine, others, names, tags, score_of)
    qualified = qualification(mine, others)
    if qualified:
        return Cell("qualified", f"adds what the other outlets lack: {qualified[0]}{note}{weak}", mine, qualified[1],
                    match, qualified[0])
    return Cell("reported", f"aligned with {', '.join(sorted({names[c.article] for c in others}))}{note}{weak}",
                mine, match=match)


def _with_elaborations(groups: list[list[Claim]], elaborations: list[Elaboration]) -> list[list[Claim]]:
    """A shared fact that holds one claim of an elaboration takes the other where it aligns with another outlet's
    claim of the fact (of several such facts, the one it aligns with best); a claim so taken is no longer a fact
    of its outlet's alone."""
    taken: set[str] = set()
    for e in elaborations:
        for mine, other in ((e.first, e.second), (e.second, e.first)):
            links = e.links.get(other.key, {})
            best, where = 0.0, None
            for group in groups:
                keys = {c.key for c in group}
                if mine.key not in keys or other.key in keys or len({c.article for c in group}) < 2:
                    continue
                score = max((links.get(c.key, 0.0) for c in group if c.article != other.article), default=0.0)
                if score > best:
                    best, where = score, group
            if where is not None:
                where.append(other)
                taken.add(other.key)
    return [g for g in groups if not (len(g) == 1 and g[0].key in taken)]


def _first(articles: list[Article], reporting: set[int]) -> int | None:
    dated = sorted((articles[i].published or "", i) for i in reporting if articles[i].published)
    if len(dated) < 2 or dated[0][0][:10] == dated[1][0][:10] and len(dated[0][0]) <= 10:
        return None  # one date only, or a tie at day precision: nobody was first that we can tell
    return dated[0][1] if dated[0][0] < dated[1][0] else None


def build_facts(articles: list[Article], claims: list[Claim], edges: list[tuple[Claim, Claim, float]],
                names: dict[int, str], tags: dict[str, dict[str, set[str]]],
                syndication: dict[str, Any] | None = None,
                elaborations: list[Elaboration] | None = None) -> list[Fact]:
    """`tags`: claim key -> {"speaker": canonical speaker ids, "date": normalised date values}, from the
    analysis payloads; claims without tags are checked on their words only. `elaborations`: adjacent claims of
    one article that state one statement twice (a report of it, then the speaker's words): a fact two outlets
    share that holds one of them takes the other too, when it aligns with another outlet's claim of the fact."""
    score_of = edge_scores(edges)
    groups = {i: (syndication or {}).get(a.id, a.id) for i, a in enumerate(articles)}
    facts = []
    groups_of = _with_elaborations(group_facts(claims, edges), elaborations or [])
    seen = Counter(c.key for group in groups_of for c in group)
    shared = {key for key, n in seen.items() if n > 1}
    readable = report_language(articles)
    sentence_years: dict[tuple[int, int], set[str]] = {}
    for c in claims:
        sentence_years.setdefault((c.article, c.sentence), set()).update(_YEAR.findall(c.text))
    years = {c.key: sentence_years[c.article, c.sentence] for c in claims}
    self_names = {i: outlet_self_names(a.outlet, a.url) for i, a in enumerate(articles)}
    for group in groups_of:
        central = _central(group, score_of, shared, readable)
        fact = Fact("", sorted(group, key=lambda c: (c.article, c.index)), fact_text(central), central=central)
        fact.cells = {i: _cell(i, group, names, tags, score_of, years, self_names) for i in range(len(articles))}
        reporting = {i for i, c in fact.cells.items() if c.status != "omitted"}
        fact.sources = len({groups[i] for i in reporting})
        fact.first = _first(articles, reporting)
        facts.append(fact)
    facts.sort(key=lambda f: (-f.sources, -len(f.claims), min((c.article, c.index) for c in f.claims)))
    for n, fact in enumerate(facts, 1):
        fact.id = f"F{n}"
    return facts
