"""The quote ledger: one record per utterance across outlets, who said it, who carries it and how.

Quotes come from the analysis payload (`Article.analysis["quotes"]`, with canonical speakers) when the
analyze stage ran; otherwise a light fallback takes quotation-mark spans and the name next to the
nearest speech verb. Each carrier is classed against the fullest version: verbatim, trimmed (a
contiguous part of it), excerpted (another cut of its words: a run of at least six of them word for word, with
words it lacks), paraphrased or translated (another language), with a word diff (difflib).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ..analyze.speech import source_adpositions
from ..model import Article, joint_name, normalize_for_hash
from .checks import negated, negation_meets

__all__ = ["Quote", "Carrier", "LedgerEntry", "carrier_label", "cue_phrase", "quotes_of", "build_ledger",
           "speaker_counts", "word_diff", "QUOTATION"]

# A pair of quotation marks and the words between them.
QUOTATION = re.compile(r"[\"“«„]([^\"“”«»„]{3,}?)[\"”»“]")
_SPEECH = r"(?:said|says|told|added|stated|warned|insisted|declared|noted|stressed|vowed|argued|explained)"
_NAME = r"((?:[A-Z][\w.'-]+|[Tt]he\s+(?:[A-Z][\w-]+\s+)*[a-z]+|he|she)(?:\s+[A-Z][\w.'-]+){0,3})"
_AFTER = re.compile(rf"^\W{{0,3}}\s*(?:{_NAME}\s+{_SPEECH}|{_SPEECH}\s+{_NAME})")
# The speaker before the quote: "X said", "X also said he hoped", "X said the attack was an attempt to".
_BEFORE = re.compile(rf"{_NAME}\s+(?:\w+\s+)?{_SPEECH}\b[^.!?\"“]*$")
_PRONOUNS = frozenset({"he", "she"})
_WORDS = re.compile(r"\w+(?:['’]\w+)?")
_PIECE_EDGES = " ,.;:\"“”«»„'’"
# Word-sequence similarity at or above this makes two quotes one utterance (same language).
SAME_UTTERANCE_RATIO = 0.5
# A second piece of one outlet's split quote must be nearly all in another outlet's quote of the utterance.
SPLIT_PIECE_RATIO = 0.8
# Two carriers this close are the same words, give or take punctuation and case.
VERBATIM_RATIO = 0.98
# A quotation sharing a run of at least this many words with the fullest version is another cut of the same words.
EXCERPT_RUN_WORDS = 6


@dataclass
class Quote:
    article: int
    start: int
    end: int
    text: str
    kind: str  # direct, partial, indirect
    speaker: str | None
    speaker_id: str | None = None
    act: str = "speech"  # "stance": what someone believes, wants or backs; "unsaid": 'declined to comment' (the
    # analysis says which)
    cue: str | None = None  # the words that report it ('said', 'denied', 'according to'), where known
    co_speakers: tuple[tuple[str | None, str], ...] = ()  # (id, name) of the others in a joint statement
    channel: str | None = None  # where the outlet had the words from ('X said, according to CNN': 'CNN')

    @property
    def speakers(self) -> list[str]:
        """Every speaker's name: one, or all of a joint statement's ('Erdogan and Putin agreed')."""
        return ([self.speaker] if self.speaker else []) + [name for _, name in self.co_speakers]

    @property
    def speaker_ids(self) -> set[str]:
        return {i for i in [self.speaker_id, *(i for i, _ in self.co_speakers)] if i}

    @property
    def speaker_label(self) -> str | None:
        """Who speaks, as a reader is told: 'Vladimir Putin', 'Recep Tayyip Erdogan and Vladimir Putin'."""
        return joint_name(self.speakers) if self.speakers else None


_KIND_WORDS = {"direct": "quote", "partial": "partial quote", "indirect": "reported speech"}


def carrier_label(how: str, kind: str | None, channel: str | None = None) -> str:
    """How an outlet carries an utterance, as every report prints it: 'verbatim, quote', 'trimmed, partial
    quote', 'paraphrased, reported speech'; 'via CNN' where the outlet says where it had the words from."""
    word = _KIND_WORDS.get(kind or "")
    label = f"{how}, {word}" if word else how
    return f"{label}, via {channel}" if channel else label


def cue_phrase(cue: str | None, speaker: str | None) -> str:
    """The reporting words to print before reported speech. A verb stands alone ('denied'); a word that
    names the source takes the speaker, or it reads as if it governed the content: 'according to Putin',
    'Erdoğan zufolge', not '[according to] the zones would ...'."""
    if not cue:
        return "reported"
    if cue[1:].islower():  # 'According to' opened its sentence
        cue = cue[0].lower() + cue[1:]
    before, after = source_adpositions()
    key = " ".join(cue.lower().split())
    if speaker and key in before:
        return f"{cue} {speaker}"
    if speaker and key in after:
        return f"{speaker} {cue}"
    return cue


@dataclass
class Carrier:
    quote: Quote
    how: str  # verbatim, trimmed, excerpted, paraphrased, translated; "only" when no other outlet carries it
    diff: list[list[str]] = field(default_factory=list)  # [op, words] with op in =, +, -

    @property
    def label(self) -> str:
        return carrier_label(self.how, self.quote.kind, self.quote.channel)


@dataclass
class LedgerEntry:
    id: str
    speaker: str | None
    text: str
    carriers: list[Carrier]
    kind: str = "direct"  # the kind of the fullest version, whose words `text` holds
    cue: str | None = None  # its reporting words, for an indirect one

    @property
    def verbatim(self) -> bool:
        """`text` is words in quotation marks; else an outlet's report of what was said ('denied the
        allegations'), which a report must not show as a quotation."""
        return self.kind != "indirect"

    def display(self) -> str:
        """The utterance as a reader should see it: “quoted words”, or reported speech behind its cue
        ('[denied] the allegations')."""
        if self.verbatim:
            return f"“{self.text}”"
        return f"[{cue_phrase(self.cue, self.speaker)}] {self.text}"


def _speaker_near(text: str, start: int, end: int) -> str | None:
    after = _AFTER.search(text[end:end + 80])
    if after:
        return (after.group(1) or after.group(2)).strip()
    before = _BEFORE.search(text[max(0, start - 80):start])
    return before.group(1).strip() if before else None


def _opens_paragraph(text: str, start: int) -> bool:
    return start == 0 or text[max(0, start - 2):start].endswith(("\n", "\n\n"))


def _fallback_quotes(article: Article, index: int) -> list[Quote]:
    """Quotation-mark spans; a quote with no cue, or cued by "he"/"she", keeps the previous speaker
    (news prose continues one speaker's quotes across paragraphs)."""
    out: list[Quote] = []
    for m in QUOTATION.finditer(article.text):
        words = len(_WORDS.findall(m.group(1)))
        kind = "direct" if words >= 6 else "partial"
        speaker = _speaker_near(article.text, m.start(), m.end())
        previous = out[-1].speaker if out else None
        if (speaker or "").lower() in _PRONOUNS or speaker is None and _opens_paragraph(article.text, m.start()):
            speaker = previous
        out.append(Quote(index, m.start(1), m.end(1), m.group(1).strip(" ,"), kind, speaker))
    return out


def _from_payload(article: Article, index: int, q: dict) -> Quote:
    start, end = int(q["start"]), int(q["end"])
    kind = str(q.get("kind") or "direct")
    # A partial quote's utterance is the quoted words, not the reported clause around them (whose closing
    # mark may lie past the clause: 'will resist getting pregnant from a “legitimate rape,”').
    quoted = [(int(p["start"]), int(p["end"])) for p in q.get("quoted") or [] if "start" in p and "end" in p] \
        if kind == "partial" else []
    inner = QUOTATION.search(article.text, start, end) if kind == "partial" and not quoted else None
    if quoted:
        start, end = quoted[0][0], quoted[-1][1]
    elif inner:
        start, end = inner.start(1), inner.end(1)
    text = article.text[start:end] if quoted or inner else str(q.get("text") or article.text[start:end])
    # Several pieces: the words said, without the attribution between them ('"A," he said. "B."', 'The
    # economy, he said, is weak'); a partial quote's pieces are its quoted words.
    pieces = [article.text[a:b].strip(_PIECE_EDGES) for a, b in quoted] if kind == "partial" else \
        [str(p.get("text") or "") for p in q.get("content") or []]
    if len(pieces) > 1 or quoted:
        text = " … ".join(p for p in pieces if p) or text
    act = q.get("act") if q.get("act") in {"stance", "unsaid"} else "speech"  # payloads before `act`: speech
    joint = [s for s in q.get("speakers") or [] if isinstance(s, dict) and s.get("speaker")]
    channel = q.get("channel") if isinstance(q.get("channel"), dict) else {}
    return Quote(index, start, end, text, kind, q.get("speaker"), q.get("speaker_id"), act,
                 _cue_words(article, q, start),
                 tuple((s.get("speaker_id"), str(s["speaker"])) for s in joint[1:]), channel.get("text") or None)


# The preposition a cue takes before what it reports: '[called for] further talks', '[insisted on] a vote'.
_CUE_PREPOSITION = re.compile(r"\s+(for|on|of|about|against|over|with|to|at|in)\s+")


def _cue_words(article: Article, q: dict, start: int) -> str | None:
    """The reporting words as a reader needs them before reported speech: the cue with its preposition."""
    cue, cue_end = q.get("cue") or None, q.get("cue_end")
    if cue and isinstance(cue_end, int) and cue_end < start:
        m = _CUE_PREPOSITION.fullmatch(article.text, cue_end, start)
        if m:
            return f"{cue} {m.group(1)}"
    return cue


def quotes_of(article: Article, index: int) -> list[Quote]:
    payload = article.analysis.get("quotes")
    if not payload:
        return _fallback_quotes(article, index)
    return [_from_payload(article, index, q) for q in payload.get("quotes", []) if "start" in q and "end" in q]


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def _folded(word: str) -> str:
    """A word as two copies of a quote share it: lowercased, one apostrophe ('I’d' / 'I'd')."""
    return word.lower().translate(_APOSTROPHES)


def _words(text: str) -> list[str]:
    return [_folded(w) for w in _WORDS.findall(normalize_for_hash(text))]


def word_diff(reference: str, other: str) -> list[list[str]]:
    """[op, words]: '=' shared, '-' only in the reference, '+' only in the other version."""
    a, b = _WORDS.findall(reference), _WORDS.findall(other)
    ops = []
    matcher = difflib.SequenceMatcher(a=[_folded(w) for w in a], b=[_folded(w) for w in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(["=", " ".join(a[i1:i2])])
            continue
        if i2 > i1:
            ops.append(["-", " ".join(a[i1:i2])])
        if j2 > j1:
            ops.append(["+", " ".join(b[j1:j2])])
    return ops


# Function words: two quotes that share only these ('the legislation' / 'the measure') are not one utterance.
_FUNCTION_WORDS = frozenset("""the a an of to in on at for by with from and or but that this these those it its is
was were be been are has have had will would not no as he she they we i you his her their our""".split())


# A word with its hyphenated or apostrophised parts: 'Wal-Mart' is one word when counting what two quotes share.
_COMPOUND = re.compile(r"\w+(?:[-'’]\w+)*")


def _content_words(text: str) -> set[str]:
    return {w for w in (_folded(x) for x in _COMPOUND.findall(normalize_for_hash(text))) if w not in _FUNCTION_WORDS}


def _ratio(a: str, b: str, two_words: bool = False) -> float:
    wa, wb = _words(a), _words(b)
    ca, cb = _content_words(a), _content_words(b)
    # two content words shared, or all of a one-word side's ('to override the bill' / 'she backs the bill' share
    # one: two utterances; 'the Wal-Mart Way' / 'Wal-Mart could be held accountable' share one too)
    shared = ca & cb
    if not shared or len(shared) < min(2, len(ca), len(cb)):
        return 0.0
    matcher = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False)
    shortest = min(len(wa), len(wb))
    run = matcher.find_longest_match(0, len(wa), 0, len(wb))
    # one quote inside the other, on a run of at least two content words ('in Vietnam' is one: "served in the
    # Marines in Vietnam" is not the campaign's "in Vietnam ... outrageous distortion"); a two-word quote only when
    # both are content words and `two_words` says both sides are quotations ('stop lying' in "... Stop lying! Mexico
    # is not yours to play with"; in an outlet's own words, 'talking points' or 'immigration principles' is a topic)
    content = sum(w not in _FUNCTION_WORDS for w in wa[run.a:run.a + run.size])
    inside = content >= 2 and (shortest >= 3 or two_words and content == shortest)
    return max(matcher.ratio(), run.size / shortest if inside else 0.0)


def _how(reference: Quote, quote: Quote, languages: dict[int, str | None]) -> str:
    if languages.get(reference.article) and languages.get(quote.article) and \
            languages[reference.article] != languages[quote.article]:
        return "translated"
    if quote.kind == "indirect":
        return "paraphrased"  # reported speech is the outlet's words, never the speaker's verbatim
    ref, mine = " ".join(_words(reference.text)), " ".join(_words(quote.text))
    if difflib.SequenceMatcher(a=ref, b=mine, autojunk=False).ratio() >= VERBATIM_RATIO:
        return "verbatim"
    if mine and mine in ref:
        return "trimmed"
    # another cut of the same words: a run of them word for word, with words the fullest version lacks (the start of
    # the statement where the other outlet quotes its end)
    a, b = _words(reference.text), _words(quote.text)
    run = difflib.SequenceMatcher(a=a, b=b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return "excerpted" if run.size >= EXCERPT_RUN_WORDS else "paraphrased"


# Heads of a described speaker that make it several people ('Senior White House officials', 'many legislators',
# 'two'): their words are not one named person's.
_NUMBERS = frozenset("two three four five six seven eight nine ten dozens hundreds".split())
_GROUP_HEAD = re.compile(r"(?:^|\s)([a-z]*[a-hj-rtv-z]s|group)$")  # not 'press', 'bus', 'analysis'


def _several(label: str | None) -> bool:
    """A free-text speaker that describes a group (a lower-case plural head, or a number)."""
    words = (label or "").split()
    return bool(words) and (words[-1].lower() in _NUMBERS or bool(_GROUP_HEAD.search(label or "")))


def _same_speaker(a: Quote, b: Quote) -> bool:
    if a.speaker_ids and b.speaker_ids:
        return bool(a.speaker_ids & b.speaker_ids)  # a joint statement is also each of its speakers'
    if bool(a.speaker_ids) != bool(b.speaker_ids):
        described = b if a.speaker_ids else a
        return not _several(described.speaker)  # 'many legislators' said it, not the named 'Ken Fredette'
    return True  # unknown or free-text speakers: let the words decide


def _opposed(a: Quote, b: Quote) -> bool:
    """Reported speech that negates what the other version says, or says what it negates ('he's running for
    president' / 'I am not running for president as ...'): another utterance, sharing words, not a meaning. Two
    quotations of one statement that give more or less of it are not told apart this way."""
    if "indirect" not in (a.kind, b.kind) or negated(a.text) == negated(b.text):
        return False
    negative, positive = (a, b) if negated(a.text) else (b, a)
    return negation_meets(negative.text, positive.text)


def _group(quotes: list[Quote], translated: dict[tuple[int, int], bool],
           paraphrased: set[tuple[int, int]]) -> list[list[Quote]]:
    def same(o: Quote, q: Quote) -> bool:
        return o.article != q.article and _same_speaker(o, q) and not _opposed(o, q) and \
            (_ratio(o.text, q.text, "indirect" not in (o.kind, q.kind)) >= SAME_UTTERANCE_RATIO
             or translated.get((id(o), id(q)), False))

    # One quote per outlet and utterance: a quote joins a group that holds none from its own outlet (else one
    # loose match chains an outlet's every quote on a topic into one 'utterance').
    groups: list[list[Quote]] = []
    for q in quotes:
        for g in groups:
            if all(o.article != q.article for o in g) and any(same(o, q) for o in g):
                g.append(q)
                break
        else:
            groups.append([q])
    # An outlet that splits one utterance in two ('"Freedom means freedom for everyone." ... "That means that
    # all families ..."'): its second piece joins the utterance that another outlet quotes it in, when both
    # name the same speaker and the piece is nearly all there.
    def piece_of(o: Quote, q: Quote) -> bool:
        return o.article != q.article and bool(o.speaker_id) and o.speaker_id == q.speaker_id and \
            _ratio(o.text, q.text) >= SPLIT_PIECE_RATIO

    _rehome(groups, piece_of, lambda home, g: len({q.article for q in home}) > 1)
    # Last, an utterance that one outlet alone carries joins another outlet's report of it in other words (the
    # fact matrix aligned their sentences strongly and found no negation or other conflict): after the word
    # matches, so that a paraphrase never takes the place of an outlet's own quotation of the words.
    _rehome(groups, lambda o, q: (id(o), id(q)) in paraphrased and _same_speaker(o, q),
            lambda home, g: not {q.article for q in g} & {o.article for o in home})
    return groups


def _rehome(groups: list[list[Quote]], joins: Callable[[Quote, Quote], bool],
            fits: Callable[[list[Quote], list[Quote]], bool]) -> None:
    """Each group of one outlet's quotes moves into the first other group that `fits` it and holds a quote that
    `joins` one of its own."""
    for g in [g for g in groups if len({q.article for q in g}) == 1]:
        home = next((h for h in groups if h is not g and fits(h, g) and any(joins(o, q) for o in h for q in g)), None)
        if home is not None:
            home.extend(g)
            groups.remove(g)


_POSSESSIVE_LEAD = re.compile(r"^(?:his|her|its|their)\b", re.I)


def _group_speaker(group: list[Quote]) -> str | None:
    """The speaker most carriers give, a canonical one first ('Richard Blumenthal' over a free-text name), then
    one that names more than a possessive pronoun ('Blumenthal's campaign' over 'his campaign')."""
    labels = [q for q in group if q.speaker]
    if not labels:
        return None
    votes = Counter(q.speaker_id or q.speaker_label for q in labels)
    best = max(labels, key=lambda q: (bool(q.speaker_id), votes[q.speaker_id or q.speaker_label],
                                      not _POSSESSIVE_LEAD.match(q.speaker or "")))
    return best.speaker_label


def build_ledger(quotes: list[Quote], languages: dict[int, str | None],
                 translated: dict[tuple[int, int], bool] | None = None,
                 paraphrased: set[tuple[int, int]] | None = None) -> list[LedgerEntry]:
    """Utterances only (stances, "X plans to run", stay out); `translated[(id(a), id(b))]` marks
    cross-language pairs the embeddings matched, `paraphrased` the (id(a), id(b)) pairs the fact alignment made
    one utterance in other words."""
    ledger = []
    spoken = [q for q in quotes if q.act == "speech"]
    for group in _group(sorted(spoken, key=lambda q: (q.article, q.start)), translated or {}, paraphrased or set()):
        # The fullest version, in quotation marks where an outlet quotes it: the speaker's own words come first.
        reference = max(group, key=lambda q: (q.kind != "indirect", len(q.text), -q.article))
        speaker = _group_speaker(group)
        alone = len({q.article for q in group}) == 1
        carriers = [Carrier(q, "only" if alone else _how(reference, q, languages),
                            [] if q is reference else word_diff(reference.text, q.text)) for q in group]
        ledger.append(LedgerEntry("", speaker, reference.text, carriers, reference.kind, reference.cue))
    ledger.sort(key=lambda e: (-len({c.quote.article for c in e.carriers}), e.carriers[0].quote.article,
                               e.carriers[0].quote.start))
    for n, entry in enumerate(ledger, 1):
        entry.id = f"Q{n}"
    return ledger


def speaker_counts(quotes: list[Quote]) -> dict[int, Counter[str]]:
    """Per article: whom it quotes and how often (unattributed quotes count under 'unattributed');
    utterances only, as in the ledger."""
    counts: dict[int, Counter[str]] = {}
    for q in quotes:
        if q.act != "speech":
            continue
        for name in q.speakers or ["unattributed"]:  # each speaker of a joint statement
            counts.setdefault(q.article, Counter())[name] += 1
    return counts
