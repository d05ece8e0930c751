"""A short multi-source summary: consensus facts first, every sentence citing the outlets it rests on,
then, per outlet, what only it reports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .facts import FRAGMENT_MARK, Fact, qualification

__all__ = ["SummaryLine", "Summary", "summarise", "said_by", "caveats"]

# Enough lines to tell the story, few enough to read in ten seconds.
MAX_CONSENSUS = 5
MAX_UNIQUE_PER_OUTLET = 3
# A summary line should be a statement: a full sentence of some length, not a heading or a caption.
MIN_STATEMENT_WORDS = 8


@dataclass
class SummaryLine:
    text: str
    fact: str  # fact id
    cites: list[int]  # article indexes the sentence rests on
    speaker: str | None = None  # who speaks a quoted line that does not name them ('"...," he said.')
    # (article, status, finding) for each cited outlet whose report of the fact is qualified or conflicting: a
    # line citing TRT World for 'the zones would prevent military flights' must say that TRT World has Putin
    # set a condition
    caveats: list[tuple[int, str, str]] = field(default_factory=list)


@dataclass
class Summary:
    consensus: list[SummaryLine] = field(default_factory=list)
    only: dict[int, list[SummaryLine]] = field(default_factory=dict)


def said_by(line: SummaryLine) -> str:
    """What a report prints after a quoted line that does not name its speaker: ' — Nancy Pelosi'."""
    return f" — {line.speaker}" if line.speaker else ""


def caveats(line: SummaryLine, names: dict[int, str]) -> str:
    """What a report prints after a consensus line's citations: ' (TRT World adds condition "if ...")'."""
    said = [f"{names[i]} adds {finding}" if status == "qualified" else f"{names[i]}: {finding}"
            for i, status, finding in line.caveats]
    return f" ({'; '.join(said)})" if said else ""


def _caveats(fact: Fact, cites: list[int], aligned: set[tuple[str, str]] | None) -> list[tuple[int, str, str]]:
    """What each cited outlet adds to or disputes in the line. With `aligned` (claim key pairs the alignment
    paired), a qualification counts only in the outlet's claims aligned with the claim the line shows, against the
    other outlets' claims of the fact: a fact's cell can hold several claims, and a condition in one of them ('If I
    saw a restaurant owner refuse ...') says nothing of the line ('They note that Bill Clinton signed similar
    legislation'). The line's own outlet is left out: its words are the line."""
    shown = fact.central
    out = []
    for i in cites:
        cell = fact.cells[i]
        if cell.status not in ("qualified", "conflicting") or not cell.finding:
            continue
        if aligned is None or shown is None or cell.status == "conflicting":
            out.append((i, cell.status, cell.finding))
            continue
        if shown.article == i:
            continue
        mine = [c for c in cell.evidence if (c.key, shown.key) in aligned]
        found = qualification(mine, [c for c in fact.claims if c.article != i]) if mine else None
        if found:
            out.append((i, "qualified", found[0]))
    return out


def _line(fact: Fact, speaker_of: Callable[[Fact], str | None] | None,
          aligned: set[tuple[str, str]] | None = None) -> SummaryLine:
    cites = sorted(i for i, cell in fact.cells.items() if cell.status != "omitted")
    return SummaryLine(fact.text.strip(), fact.id, cites, speaker_of(fact) if speaker_of else None,
                       _caveats(fact, cites, aligned))


def _is_statement(text: str) -> bool:
    """A full sentence: long enough, closed, and not a clause cut from mid-sentence ('… but called for')."""
    text = text.strip()
    return len(text.split()) >= MIN_STATEMENT_WORDS and text.endswith((".", "!", "?", '"', "”", "»")) and \
        not text.startswith(FRAGMENT_MARK)


def _weakly_cited(fact: Fact) -> bool:
    """Some outlet the fact cites rests on a weak alignment (facts.WEAK_MATCH)."""
    return any(cell.weak for cell in fact.cells.values())


def summarise(facts: list[Fact], article_count: int,
              speaker_of: Callable[[Fact], str | None] | None = None,
              aligned: set[tuple[str, str]] | None = None) -> Summary:
    """`speaker_of(fact)`: who speaks the fact's sentence when it is a quotation that does not name them;
    `aligned`: the (claim key, claim key) pairs the alignment paired, both ways, for the lines' caveats.
    Consensus lines: statements first, then the most sources, then facts every citation of which rests on a
    strong alignment."""
    consensus = sorted((f for f in facts if f.sources >= 2),
                       key=lambda f: (not _is_statement(f.text), -f.sources, _weakly_cited(f)))
    summary = Summary([_line(f, speaker_of, aligned) for f in consensus[:MAX_CONSENSUS]])
    for i in range(article_count):
        unique = [f for f in facts if f.articles == {i} and _is_statement(f.text)]
        unique.sort(key=lambda f: min(c.index for c in f.claims))  # lead first: outlets put what matters there
        summary.only[i] = [_line(f, speaker_of) for f in unique[:MAX_UNIQUE_PER_OUTLET]]
    return summary
