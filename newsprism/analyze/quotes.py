"""Quotes and reported speech with their speakers.

Relations come from the dependency parse: a cue word in a frame (a verb with its clausal complement,
object or prepositional object, a noun with a that-clause, ...) that the learned lexicon in
data/cues.json accepts (scripts/learn_cues.py learns it from PolNeAR; its model also weighs the cue
lemma's meaning, the sentence encoder's vector of the single word, so rare cue words count too), with its subject, passive agent
or possessor as the speaker; "according to X, ..." with X as the speaker; and
quotation-mark spans, which are paired with the cue next to them, continue the previous speaker when a
paragraph opens with a quote and no cue, and are dropped as scare quotes when short and uncued.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from .entities import PRONOUN_SEX, Entity, EntityIndex, bare_role, person_sex, state_abbreviations, titled
from .nlp import Parsed, ParsedParagraph
from .sentences import DATELINE, inside_quote, is_abbreviation, quoted_regions
from .speech import SpeechCues, cue_speakers, is_pronoun, reported_content, source_adpositions, speech_cues

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["Quote", "find_quotes", "VERSION", "CueLexicon", "get_cue_lexicon", "cue_frames", "frame_span"]

VERSION = "quotes-1"
# Lemmas of verbs that introduce what someone said, wrote or holds (PolNeAR annotates beliefs too).
CUE_LEMMAS = frozenset("""
say tell add write ask note report announce suggest argue describe tweet declare explain believe accuse
agree claim insist warn vow state predict admit deny estimate confirm reveal recall urge complain promise
stress emphasize emphasise indicate respond reply testify conclude contend maintain assert observe remark
comment question expect fear worry allege charge criticize criticise praise demand propose recommend
caution signal mention inform concede counter joke quip boast post reiterate repeat hint imply acknowledge
cite call find show lament tout threaten pledge decry dismiss blame deplore proclaim affirm notify
advise suspect doubt
""".split())
# Left out after measuring on PolNeAR dev (precision under 0.25 as cues): think, know, understand, learn,
# continue, assure, hope, guess, feel, wonder: mostly conversational ("I think", "you know").
# Cues whose infinitive complement is what was said or wanted ("vowed to", "urged ... to").
XCOMP_CUES = frozenset("vow promise pledge threaten urge agree decline refuse demand ask call hope "
                       "plan propose intend expect claim".split())
# Stance verbs whose object is the attributed content ("endorsed Trump", "called for a ban").
OBJECT_CUES = frozenset("endorse back reject refuse praise criticize criticise mock blame accuse call "
                        "condemn applaud slam attack defend prefer disavow denounce".split())
# Measured on PolNeAR dev: want, support, oppose and thank are mostly not attributions (precision < 0.3).
# Bare-form cues with no subject or a first/second person one are imperatives or asides ("I tell you").
_ASIDE_SUBJECTS = {"i", "you", "we"}
_RELATIVE = {"who", "that", "which"}
NOUN_CUES = frozenset("claim statement view belief argument assertion suggestion allegation warning promise "
                      "announcement insistence contention notion idea fear hope assurance admission "
                      "acknowledgment acknowledgement charge accusation prediction".split())
# What a relation reports: an utterance ("speech": said, wrote, warned, a statement, anything in quotation
# marks) or a stance (what someone believes, wants, plans, backs or fears: "act" "stance"). PolNeAR
# annotates both and the analysis keeps both; the comparison's quote ledger lists utterances only.
# The cue verbs and nouns of belief and perception report stances; the rest, and these other verbs of saying
# or of speaking out, report speech.
SPEECH_LEMMAS = (CUE_LEMMAS - {"believe", "doubt", "expect", "fear", "find", "show", "signal", "suspect", "worry"}) | \
    frozenset("""speak talk answer retort shout yell whisper brag reassure assure clarify apologize apologise
    reference dispute instruct order insinuate condemn denounce slam blast mock rebuke applaud text email
    blog""".split())
SPEECH_NOUNS = (NOUN_CUES - {"belief", "fear", "hope", "idea", "notion", "view"}) | {"remark", "comment", "testimony"}
# "Agreed to lift the sanctions" reports a deal, not words (an utterance is "agreed that ..."): a stance.
DEAL_LEMMAS = frozenset({"agree"})
SPEAKER_DEPS = {"nsubj", "nsubjpass"}
# Verbs whose passive participle makes the main clause's subject the one addressed: in 'Asked about the vote,
# Clinton said ...' or 'When pressed on X, Y declined' the question is the unnamed interviewer's, not Y's
# (PolNeAR gives such relations no source unless an agent is named: 'Asked by Matt Lauer whether ...').
ADDRESSEE_LEMMAS = frozenset("ask tell press question urge remind inform warn advise invite challenge quiz query "
                             "grill interview confront".split())
CONTENT_DEPS = {"ccomp", "xcomp"}
# Quotes of fewer words than this with no cue of their own are scare quotes ("safe zones"), not speech.
MIN_UNCUED_QUOTE_WORDS = 6
# Without a parse, a quotation after its cue this short is a name or a scare quote, not what was said.
MIN_PATTERN_QUOTE_WORDS = 4
# How far back (characters) an uncued quote looks for a named person to attribute it to.
UNCUED_SPEAKER_REACH = 400
# How far (characters) from a quotation mark a cue may sit to claim the quote ('"...," Erdogan said').
CUE_REACH = 80
# A quote that follows the sentence of a cue that already took a quote continues it, however long the
# speaker's description between them ('"A," said X, a lawyer in Orlando who .... "B."').
CUE_REACH_AFTER = 400
_MARKS = re.compile(r"''|[“”\"«»„]")
# Scraped text mixes straight and curly marks ('"Oz has a huge bully pulpit,” said ...'): either closes either.
_OPENERS = {"“": "”\"", "\"": "\"”", "''": "''", "«": "»", "„": "“”"}
_CLOSERS = {**_OPENERS, "”": "", "»": ""}
_MARKS_AND_PUNCT = " ,.;:!?\"“”«»„'"
_OPEN_ONLY = re.compile(r"^\s*(?:[“\"«„]|'')")


QUOTED = "@quoted"  # frame suffix of entries for cues inside quotation marks
_POS_GROUPS = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}


@dataclass(frozen=True)
class CueEntry:
    lemma: str
    pos: str  # VERB, NOUN or ADJ
    frame: str  # see cue_frames
    precision: float  # share of this lemma-in-frame's occurrences that were gold attributions
    count: int
    needs_speaker: bool = False  # only a cue when the parse finds who holds the content
    needs_person: bool = False  # only a cue when that speaker is a person or group (a name, 'he', 'who')


class CueLexicon:
    """Cue lemmas in context, from newsprism/data/cues.json (learned by scripts/learn_cues.py; editable)."""

    def __init__(self, entries: list[CueEntry], rejected: list[tuple[str, str]] = (),
                 model: dict | None = None) -> None:
        # Optional logistic model over cue_features: {"intercept", "threshold", "weights": {feature: w}}.
        self.model = model
        self._entries = {(e.lemma, e.pos, e.frame): e for e in entries}
        self._lemmas = {(e.lemma, e.pos) for e in entries}
        self._measured = self._lemmas | set(rejected)
        self.speech = frozenset(e.lemma for e in entries if e.pos == "VERB" and e.frame == "ccomp")
        # The meaning term (model["embedding"]): the projection and weights as arrays, and each lemma's
        # projected word vector once encoded (None where no encoder could load).
        self._vectors: dict[str, Any] = {}
        self._no_encoder = False
        emb = (model or {}).get("embedding")
        if emb:
            import numpy as np

            self._basis = (np.asarray(emb["mean"], np.float32), np.asarray(emb["components"], np.float32))
            self._meaning_weights = {k: np.asarray(w, np.float32) for k, w in emb["weights"].items()}

    @classmethod
    def from_json(cls, data: dict) -> "CueLexicon":
        entries = [CueEntry(c["lemma"], c["pos"], c["frame"], c.get("precision", 1.0), c.get("count", 0),
                            c.get("needs_speaker", False), c.get("needs_person", False))
                   for c in data.get("cues", [])]
        rejected = [tuple(r.split("/", 1)) for r in data.get("rejected", [])]
        return cls(entries, rejected, data.get("model"))

    def score(self, features: list[str]) -> float:
        """The model's probability that a candidate is an attribution."""
        weights = self.model["weights"]
        z = self.model["intercept"] + sum(weights.get(f, 0.0) for f in features)
        if self.model.get("embedding") and features[:2] and features[0].startswith("f=") and \
                features[1].startswith("l="):
            z += self._meaning(features[1][2:].rsplit("/", 1)[0], features[0][2:])
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def prefetch(self, lemmas: set[str]) -> None:
        """Encode the lemmas the model may score in one batch (one encoder call per article, not per word)."""
        if self.model is not None and self.model.get("embedding"):
            self._project(sorted(lemmas - self._vectors.keys()))

    def _project(self, lemmas: list[str]) -> None:
        """The lemmas' word vectors (the sentence encoder on the single word) in the model's few learned
        dimensions; an encoder that cannot load leaves the meaning term out (0)."""
        if not lemmas:
            return
        vectors = None
        if not self._no_encoder:
            try:
                from ..compare.align import word_vectors
                from ..embed import DEFAULT_ENCODER, get_encoder

                vectors = word_vectors(get_encoder(DEFAULT_ENCODER)).lookup(lemmas)  # learned on its vectors
            except Exception:  # no encoder: the sparse model alone (and no retry for every word)
                self._no_encoder = True
        mean, comps = self._basis
        for i, lemma in enumerate(lemmas):
            self._vectors[lemma] = None if vectors is None else (vectors[i] - mean) @ comps.T

    def _meaning(self, lemma: str, frame: str) -> float:
        """What the lemma's meaning adds, per frame family ('banned' scores like 'prohibited')."""
        if lemma not in self._vectors:
            self._project([lemma])
        vec = self._vectors[lemma]
        if vec is None:
            return 0.0
        weights = self._meaning_weights
        z = float(vec @ weights["all"]) if "all" in weights else 0.0
        group = frame_family(frame)
        if group in weights:
            z += float(vec @ weights[group])
        return z

    def get(self, lemma: str, pos: str, frame: str, quoted: bool = False) -> CueEntry | None:
        """The entry for a lemma in a frame; inside quotation marks only entries learned there count."""
        return self._entries.get((lemma, _POS_GROUPS.get(pos, pos), frame + QUOTED * quoted))

    def has(self, lemma: str, pos: str) -> bool:
        return (lemma, _POS_GROUPS.get(pos, pos)) in self._lemmas

    def measured(self, lemma: str, pos: str) -> bool:
        """Whether the learned data speaks about this lemma at all (then the built-in lists step aside)."""
        return (lemma, _POS_GROUPS.get(pos, pos)) in self._measured


def frame_family(frame: str) -> str:
    """Frames grouped for the meaning features: 'prep_on' -> 'prep', 'subj_xcomp' -> 'subj_', 'ccomp'."""
    if frame.startswith("prep_"):
        return "prep"
    if frame.startswith(("subj_", "dobj_")):
        return frame[:5]
    return frame


@lru_cache(maxsize=1)
def get_cue_lexicon() -> CueLexicon:
    path = resources.files("newsprism").joinpath("data", "cues.json")
    if not path.is_file():
        return CueLexicon([])
    return CueLexicon.from_json(json.loads(path.read_text(encoding="utf-8")))


@dataclass
class Quote:
    start: int
    end: int
    kind: str
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    quoted: list[tuple[int, int]] | None = None
    referent: tuple[int, int] | None = None  # what a relative-pronoun speaker stands for ("Bolton, who said")
    confidence: float | None = None  # the cue model's probability (or the lexicon entry's precision)
    act: str = "speech"  # "speech", "stance" (see SPEECH_LEMMAS) or "unsaid" ('declined to comment')
    speaker_name: str | None = None  # the speaker as the text names them, where no entity does (no parser)
    others: list[tuple[int, int]] | None = None  # further speakers of a joint statement ('X and Y said')
    channel: tuple[int, int] | None = None  # where the reporter had the words from ('X said, according to Y')
    pieces: list[tuple[int, int]] | None = None  # the content pieces, where fixed before the cue was moved


# A line break after the end of a sentence (or of a quotation): a paragraph break in the source text.
_LINE_END = re.compile(r"(?<=[.!?:\"”’'])[ \t]*\n")


# A programme, paper or book named in quotation marks where the speaker spoke or wrote ('she said on NBC's "Meet
# the Press."', 'told "Face the Nation"', 'speaking to "Good Morning America"', 'wrote in "Hard Choices"'): a
# title, not more of what was said. A bare 'to' is left out: 'a reply to the rival's "Yes We Can"' quotes a
# slogan.
_TITLE_PLACE = re.compile(r"(?i:\b(?:on|in|told)|\b(?:speak|speaks|speaking|spoke|talk|talks|talking|talked|said|says|"
                          r"wrote|writes|writing)\s+to)\s+(?:[A-Z][\w.&'’-]*\s+){0,4}(?:the\s+)?$|"
                          # 'the PBS television program "Charlie Rose"', 'his book "The Art of the Deal"'
                          r"(?i:\b(?:show|program|programme|series|film|movie|documentary|book|memoir|album|song|"
                          r"podcast|newspaper|magazine|column|blog|website))\s+$")
_TITLE_SMALL = frozenset("a an and at by for from in of on or the to with".split())


def _names_a_title(span: tuple[int, int], text: str) -> bool:
    """The quotation-mark span is a title where words were said or written: set after 'on', 'in', 'told' or
    'spoke to' (and an outlet's name: 'on PBS’s the "Charlie Rose" show'), or right after a noun of such a
    work ('the program "Charlie Rose"'), with every word capitalised but short function words."""
    if not _TITLE_PLACE.search(text[max(0, span[0] - 60):span[0]].rstrip("\"“„«'‘")):
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", text[span[0]:span[1]])
    return 0 < len(words) <= 10 and words[0][0].isupper() and \
        all(w[0].isupper() for w in words if w.lower() not in _TITLE_SMALL)


# Nouns a phrase in quotation marks names ('the "don't ask, don't tell" policy', 'the "birther" movement'):
# the marks set off a name, not words someone said.
_NAMED_THINGS = frozenset("""policy policies law laws act bill bills program programs programme movement rule rules
doctrine plan strategy initiative slogan motto tax loophole provision clause amendment agenda era tour ad ads theory
deal principle standard""".split())  # not 'approach', 'campaign': 'a "common-sense" approach' are someone's words
_NAME_OPENER = re.compile(r"(?:\b(?:the|a|an|this|that|its|his|her|their|our|so-called)|\w['’]s?)\s*$", re.I)
_NAME_FOLLOWER = re.compile(r"[,.]?[\"”»'’]*\s+([a-z]+)\b")
_CALLED = re.compile(r"\bcall(?:s|ed|ing)?\b", re.I)


def _names_a_thing(span: tuple[int, int], text: str) -> bool:
    """The quotation-mark span is the name of what the noun right after it is ('the "don't ask, don't tell"
    policy'): a few words after an article or a possessive, before a noun such as policy, law or movement."""
    if len(re.findall(r"\w+", text[span[0]:span[1]])) > 6:
        return False
    after = _NAME_FOLLOWER.match(text, span[1])
    before = text[max(0, span[0] - 30):span[0]].rstrip("\"“„«'‘")
    return after is not None and after.group(1) in _NAMED_THINGS and _NAME_OPENER.search(before) is not None \
        and not _CALLED.search(before)  # 'what Sroka called a "let a thousand flowers bloom" plan': his words


# after the mark: not '"...and then' (an ellipsis) nor '".@BernieSanders' (a tweet's opening)
_CLAUSE_PUNCT_AFTER = re.compile(r"[ \u00a0]?(?:[,;:)]|\.(?!\S))")


def _closes_by_shape(text: str, at: int, width: int) -> bool:
    """A mark glued to the word before it and not to the one after ('... autour de vous", explique-t-elle',
    'Osnabrück-Lehrer ify“ oder'), or followed by a comma, a full stop or a colon ('bureaux « , a indiqué',
    'propusieron ". para'), closes a quotation: taken as an opening mark it would pair with the next
    quotation's opening one and turn the prose between into a quote."""
    if _CLAUSE_PUNCT_AFTER.match(text, at + width):
        return True
    before, after = text[at - 1:at] if at else "", text[at + width:at + width + 1]
    return bool(before) and (before.isalnum() or before in ".!?…") and not after.isalnum()


def _quote_marks(para: ParsedParagraph) -> list[tuple[int, int]]:
    """Content spans (without the marks) of quotation-mark pairs: curly, straight, doubled apostrophes
    (''...'') and guillemets. An opening mark never closed in the paragraph runs to the paragraph's end
    (a quote continued in the next paragraph, which then opens with a mark of its own)."""
    text, spans, open_mark, open_at = para.text, [], None, 0
    breaks = [b.start() for b in _LINE_END.finditer(text)]
    for m in _MARKS.finditer(text):
        mark = m.group()
        if open_mark is not None:
            # a line that ends a sentence ends the paragraph it was in the source: a quote still open there
            # ran on unclosed (the next paragraph opens its own), and its marks do not pair with later ones
            end = next((b for b in breaks if open_at <= b < m.start()), None)
            if end is not None:
                spans.append((open_at, end))
                open_mark = None
        if open_mark is None:
            if mark in _CLOSERS and mark not in _OPENERS or _closes_by_shape(text, m.start(), len(mark)):
                continue  # a stray closing mark: its opening one was lost in the scrape
            open_mark, open_at = mark, m.end()
        elif mark in _CLOSERS[open_mark]:
            spans.append((open_at, m.start()))
            open_mark = None
        elif mark == open_mark:  # the same opener again: the first quote ran on unclosed to here
            spans.append((open_at, m.start()))
            open_at = m.end()
    if open_mark is not None:
        spans.append((open_at, len(text.rstrip())))
    out = []
    for a, b in spans:
        while b > a and text[b - 1] in ",;: ":
            b -= 1
        while a < b and text[a] == " ":
            a += 1
        if b > a:
            out.append((para.start + a, para.start + b))
    return out


def _speaker_token(verb: Token, depth: int = 0) -> Token | None:
    """The subject of the cue (a relative pronoun as such: 'Bolton, who said'; see _referent), or the
    passive agent ('was told by X'); participles and conjoined verbs share their head's subject ('...,
    saying', 'said X and added Y', 'supporters backing X', 'by rejecting X')."""
    for child in verb.children:
        if child.dep_ == "agent":
            agent = next((g for g in child.children if g.dep_ == "pobj"), None)
            if agent is not None:
                return agent
    inserted = _inserted_speaker(verb)
    if inserted is not None:
        return inserted[1]
    for child in verb.children:
        if child.dep_ in SPEAKER_DEPS:
            return child
    if depth >= 3 or verb.head is verb:
        return None
    if verb.dep_ == "conj" and verb.i > 0:
        before = verb.doc[verb.i - 1]
        if before.ent_type_ == "PERSON" and before.dep_ in {"conj", "pobj", "dobj", "appos"}:
            # 'those remedies require different standards for certification and Justice Ruth Bader Ginsburg
            # said ...': the parse joins the name to the object before it and the cue to the first verb; the
            # person named right before the cue is its subject
            return before
        nearer = _nearer_conjunct(verb)
        if nearer is not None:
            return nearer
    if verb.dep_ in {"conj", "advcl", "xcomp"}:
        found = _speaker_token(verb.head, depth + 1)
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and found is not None and \
                found.lemma_.lower() in SPEECH_NOUNS:
            # 'Rice's comments came as Netanyahu turned down an invitation, saying ...': the parse hangs the
            # participle on the main verb, whose subject is words, not a speaker; the person who is the subject
            # of the clause just before it speaks
            nearer = [c for v in verb.head.children if v.dep_ in {"advcl", "conj"} and v.i < verb.i
                      for c in v.children if c.dep_ in SPEAKER_DEPS and
                      (c.ent_type_ == "PERSON" or c.lower_ in {"he", "she"})]
            return max(nearer, key=lambda c: c.i) if nearer else found
        if found is None and verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.doc[verb.i - 1].text == ",":
            return _last_subject_before(verb)
        return found
    if verb.dep_ in {"acomp", "oprd"} and verb.pos_ == "ADJ" and \
            verb.head.lemma_ in {"be", "seem", "appear", "remain", "become"}:
        return _speaker_token(verb.head, depth + 1)  # 'X is critical of', 'X isn't worried that': the copula's subject
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head
    if verb.dep_ in {"relcl", "acl"} and verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in
                                                                   verb.children) and \
            verb.head.dep_ == "attr" and verb.head.head.lemma_ == "be":
        # 'Mitt Romney was the latest prominent voice to weigh in and urge ...', 'X is the first to call for':
        # the copula's subject, when a person, does it ('The plan is a way to tell voters' names no speaker)
        subject = _speaker_token(verb.head.head, depth + 1)
        return subject if person_like(subject) else None
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in {"VERB", "AUX"}:
        return _speaker_token(verb.head.head, depth + 1)
    return None


# A label that opens a paragraph added to a story later ('UPDATE: X said', 'UPDATE 2:52 p.m. -- Records
# revealed', 'CORRECTION: ...'): like a dateline, it names no one.
_TIME = r"\(?\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?(?:\s*[A-Z]{2,3}T)?\)?"
_SEPARATOR = r"(?:—|–|--|-)"
_UPDATE_LABEL = re.compile(rf"^\s*(?:UPDATED?|CORRECTION|CLARIFICATION|EDITOR['’]S NOTE)"
                           rf"(?:[,:]\s*(?:{_TIME}\s*)?(?:{_SEPARATOR}\s*)?|\s+{_TIME}\s*(?::|{_SEPARATOR})?\s*|"
                           rf"\s*{_SEPARATOR}\s*)")


def _dateline_end(doc: Any) -> int:
    """Character offset where a paragraph's dateline, or a label such as 'UPDATE:', ends (0 without one)."""
    label = _UPDATE_LABEL.match(doc.text)
    start = label.end() if label else 0
    found = DATELINE.match(doc.text[start:])
    return start + found.end() if found else start


def _owner(noun: Token) -> Token | None:
    """Whose a cue noun is: "Trump's declaration that ...", 'his remarks'. A possessive pronoun stands for the
    subject of the clause it sits in when there is one ('Sanders stepped up his emphasis on'), else it is
    the speaker as written ('His attacks on financiers have elevated him': PolNeAR's source too)."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or owner.tag_ != "PRP$":
        return owner
    verb = noun.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.dep_ in {"dobj", "pobj", "prep", "attr", "conj", "appos"} and \
            verb.head is not verb:
        verb = verb.head
    subject = _speaker_token(verb) if verb.pos_ in {"VERB", "AUX"} and noun.dep_ != "nsubj" else None
    if subject is None or owner.lower_ not in PRONOUN_SEX:  # 'its', 'their': groups, left as written
        return owner
    agrees = PRONOUN_SEX.get(subject.lower_) == PRONOUN_SEX[owner.lower_] if subject.lower_ in PRONOUN_SEX else \
        subject.pos_ == "PROPN" or person_like(subject)
    return subject if agrees else owner


_IMPERSONAL = frozenset({"it", "this", "that", "there", "what"})


def _verb_before(tokens: Span) -> Token | None:
    """The last verb (not an auxiliary) among `tokens`."""
    return next((t for t in reversed(tokens) if t.pos_ in {"VERB", "AUX"} and t.dep_ != "aux"), None)


def _subject(verb: Token | None) -> Token | None:
    return next((c for c in verb.children if c.dep_ in SPEAKER_DEPS), None) if verb is not None else None


def _last_subject_before(participle: Token) -> Token | None:
    """'But attempts to restart dialogue quickly stalled when rebel groups walked out, citing the airstrikes': the
    parse hangs the participle on a head without a subject (here a misread 'attempts'); the subject of the
    nearest clause before the comma is the one that cites."""
    subject = _subject(_verb_before(participle.doc[participle.sent.start:participle.i - 1]))
    return subject if subject is not None and subject.lower_ not in _IMPERSONAL else None


def _inserted_speaker(verb: Token) -> tuple[Token, Token] | None:
    """'That group of Republicans, Mr. Corker said on Fox, was beginning to realize ...': an attribution set off
    by commas inside the sentence, which the parse reads as a cue with two subjects and the rest as its
    subject-less complement. Returns (the complement's subject, the speaker): the one set off speaks."""
    subjects = [c for c in verb.children if c.dep_ in SPEAKER_DEPS and c.i < verb.i]
    if len(subjects) < 2:
        return None
    fronted, speaker = subjects[-2], subjects[-1]
    between = verb.doc[fronted.right_edge.i + 1:speaker.left_edge.i]
    if not any(t.text == "," for t in between) or any(t.pos_ in {"VERB", "AUX"} for t in between):
        return None
    complement = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if complement is None or any(c.dep_ in SPEAKER_DEPS | {"expl"} for c in complement.children):
        return None
    return fronted, speaker


def _nearer_conjunct(verb: Token) -> Token | None:
    """'Etheridge is seen grabbing a man after the man approached the congressman and asked if ...': the parse joins
    'asked' to the distant 'is seen', whose form it does not share; the verb just before 'and', of the same form
    and with a subject of its own, is the one it goes on ('approached'), and its subject asks."""
    head = verb.head
    if head.tag_ == verb.tag_ or verb.i < 2 or verb.doc[verb.i - 1].lower_ != "and":
        return None
    before = _verb_before(verb.doc[head.i + 1:verb.i - 1])
    return _subject(before) if before is not None and before.tag_ == verb.tag_ else None


def _addressed(verb: Token) -> bool:
    """'Asked about X, Y said', 'When pressed on X, Y declined': the subject the participle shares was asked, and
    the asker goes unnamed (an agent, 'Asked by reporters', is found as the speaker before this matters)."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBN" and verb.lemma_.lower() in ADDRESSEE_LEMMAS and \
        not any(c.dep_ == "agent" or c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def _past_dateline(speaker: Token | None, cue: Token) -> Token | None:
    """The parse often makes a dateline's city the subject ('WASHINGTON -- Donald Trump said'): the speaker
    is then the noun phrase after the dateline, up to its head before the cue."""
    end = _dateline_end(speaker.doc) if speaker is not None else 0
    if speaker is None or speaker.idx >= end:
        return speaker
    # 'Denver (AP) – ... after Nebraska and Oklahoma asked ..., saying': another subject of the verb the city
    # was made the subject of
    other = next((c for c in speaker.head.children if c.dep_ in SPEAKER_DEPS and c.idx >= end), None)
    if other is not None:
        return other
    candidate = next((t for t in speaker.doc if t.idx >= end), None)
    if candidate is None or candidate.i >= cue.i:
        return None
    while candidate.head.i != candidate.i and end <= candidate.head.idx and candidate.head.i < cue.i \
            and candidate.head.pos_ not in {"VERB", "AUX"}:
        candidate = candidate.head
    return candidate if candidate.pos_ in {"PROPN", "NOUN", "PRON"} else None


_PERSON_PRONOUNS = {"i", "you", "he", "she", "we", "they", "who", "whom"}
_PERSON_ENTS = {"PERSON", "ORG", "NORP", "GPE"}


def person_like(speaker: Token | None) -> bool:
    """A speaker that can hold a view: a named person, group or country, or a personal pronoun."""
    if speaker is None:
        return False
    return speaker.lower_ in _PERSON_PRONOUNS or speaker.ent_type_ in _PERSON_ENTS or speaker.pos_ == "PROPN"


# Cues whose subject is as often a finding as a person ('the results show', 'studies suggest'): a 'they' after
# them is not taken to stand for their subject.
_EVIDENCE_CUES = frozenset("show find suggest indicate reveal signal imply hint estimate expect".split())


def _they_stand_for(they: Token) -> Token | None:
    """The group a 'they' that speaks stands for: the nearest plural subject before it, in its own sentence or
    as the main subject of the sentence before, that itself says or urges something ('Some Republican
    senators ... are now calling for a veto as well, but they cite ...', 'Democrats say ... They said they
    warned ...'). A plural that only acts ('Prices rose') is no speaker's antecedent."""
    doc, sent = they.doc, they.sent
    candidates = [t for t in sent if t.i < they.i]
    if sent.start > 0:
        before = doc[sent.start - 1].sent
        candidates = [t for t in before if t.head.i == before.root.i] + candidates
    quoted = quoted_regions(doc.text)
    for t in reversed(candidates):
        # a group ('senators', 'Democrats'), or people named together ('Mr. Udall and Mr. Wyden released a
        # joint statement ... "...," they said')
        group = t.tag_ in {"NNS", "NNPS"} or t.ent_type_ == "NORP" and t.text.endswith("s") or \
            t.ent_type_ == "PERSON" and any(c.dep_ == "conj" and c.ent_type_ == "PERSON" for c in t.children)
        if t.dep_ in {"nsubj", "nsubjpass"} and group and \
                t.head.lemma_.lower() in (CUE_LEMMAS | _ISSUING) - _EVIDENCE_CUES and not inside_quote(t.idx, quoted):
            return t
    return None


def _referent(speaker: Token) -> Token | None:
    """The noun a relative-pronoun speaker stands for, or the person a described speaker is named as in
    apposition ('the Republican leader, Michael Thibodeau, said')."""
    if speaker.pos_ == "NOUN":
        return next((c for c in speaker.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
    if speaker.lower_ == "they":
        return _they_stand_for(speaker)
    if speaker.lower_ not in _RELATIVE and speaker.lower_ != "whose":
        return None
    if speaker.lower_ == "who" and speaker.i > 0:
        # 'the ire of Justice Antonin Scalia, who said': 'who' stands for a person, so for the name right before
        # it, wherever the parse hangs the clause ('ire')
        comma = speaker.doc[speaker.i - 1].text == "," and speaker.i > 1
        before = speaker.doc[speaker.i - 2 if comma else speaker.i - 1]
        if before.ent_type_ == "PERSON":
            return before
    verb = speaker.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    if verb.dep_ != "relcl":
        return None
    antecedent = verb.head
    # 'his successor, Tom Baker, who asserted': the person the described antecedent is named as; 'Ann Cole, a
    # former aide who describes': the person the antecedent describes
    if antecedent.pos_ == "NOUN":
        named = next((c for c in antecedent.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
        if named is None and antecedent.dep_ == "appos" and antecedent.head.ent_type_ == "PERSON":
            named = antecedent.head
        return named or antecedent
    return antecedent


def _coordinated(head: Token) -> list[Token]:
    """The nouns coordinated with `head` by 'and' ('Erdogan and Putin', 'A, B and C'), after `head` itself;
    [] without an 'and': then the parse took an apposition for a conjunct ('Christie, New Jersey's governor,')."""
    chain, todo = [head], [head]
    while todo:
        conjuncts = [c for c in todo.pop().children if c.dep_ == "conj" and c.pos_ in {"PROPN", "NOUN"}]
        chain += conjuncts
        todo += conjuncts
    joined = any(c.dep_ == "cc" and c.lower_ in {"and", "&"} for t in chain for c in t.children)
    return chain if len(chain) > 1 and joined else []


def _co_speakers(speaker: Token, offset: int) -> list[tuple[int, int]] | None:
    """The other speakers of a joint statement, coordinated with the subject: 'Erdogan and Putin agreed',
    'Erdogan and his Russian counterpart Vladimir Putin said' (the named person in apposition speaks)."""
    return [_speaker_span(_referent(c) or c, offset) for c in _coordinated(speaker)[1:]] or None


def _fellow_referents(speaker: Token, referent: Token, offset: int) -> list[tuple[int, int]] | None:
    """The other people a relative 'who' stands for with its referent: 'Ann Cole and Jim Ward, who said ...'
    (the parse hangs the clause on one of the coordinated names). Only where every one of them is a named
    person: in 'Citizens United, which struck down ...' the list around the name is not who acts. And only
    where the verb is plural ('who say', 'who are backing'): 'Tom Baker and Jim Ward, who is running' and
    'A, B and C, who joked' speak for the last name alone, or may."""
    if speaker.lower_ == "they":  # 'Mr. Udall and Mr. Wyden released a statement ... they said'
        names = _coordinated(referent)
        if len(names) > 1 and all(t.ent_type_ == "PERSON" for t in names):
            return [_speaker_span(t, offset) for t in names if t is not referent]
        return None
    verb = speaker.head
    if speaker.lower_ != "who" or not (verb.tag_ == "VBP" or any(
            c.dep_ in {"aux", "auxpass"} and (c.tag_ == "VBP" or c.lower_ == "were") for c in verb.children)):
        return None
    top = referent
    while top.dep_ == "conj" and top.head is not top:
        top = top.head
    names = _coordinated(top)
    if not names or any(t.ent_type_ != "PERSON" for t in names):
        return None
    return [_speaker_span(t, offset) for t in names if t is not referent]


# Subject heads that say how many, not who: the words after them say who ('A handful of well-placed RNC
# insiders tell', 'some close to the chairman say').
_QUANTITY_HEADS = frozenset("handful number couple dozen dozens hundreds thousands scores majority minority "
                            "some many several few most others those".split())
# The longest such subject (in tokens) shown whole.
QUANTITY_SPAN_LIMIT = 12


def _speaker_span(tok: Token, offset: int) -> tuple[int, int]:
    """From the subject's left edge to its head word: drops relative clauses and appositions, and a
    dateline the parse hangs on the subject ('WASHINGTON — Donald Trump said'). A head that only counts
    keeps the words that say whom it counts ('a handful of RNC insiders', 'some close to the chairman')."""
    start = tok.left_edge.idx
    dateline = _dateline_end(tok.doc)
    if start < dateline <= tok.idx:
        start = dateline
    end = tok
    if tok.lower_ in _QUANTITY_HEADS or tok.pos_ in {"ADJ", "ADV"}:  # 'those familiar with the talks'
        after = [c for c in tok.children if c.i > tok.i and c.dep_ in {"prep", "amod", "advmod", "acl"}]
        if after and after[0].i == tok.i + 1 and after[-1].right_edge.i - tok.left_edge.i < QUANTITY_SPAN_LIMIT:
            end = after[-1].right_edge
            # up to a comma or a relative clause: 'Some of the senators, who met on Monday,'
            cut = next((t for t in tok.doc[tok.i + 1:end.i + 1] if t.text == "," or t.dep_ == "relcl"), None)
            if cut is not None:
                end = cut.left_edge.nbor(-1) if cut.dep_ == "relcl" else cut.nbor(-1)
            end = end if end.i >= tok.i else tok
    return offset + start, offset + end.idx + len(end.text)


def _content_token(verb: Token) -> Token | None:
    deps = CONTENT_DEPS if verb.lemma_.lower() in XCOMP_CUES else {"ccomp"}
    return next((c for c in verb.children if c.dep_ in deps and c.pos_ in {"VERB", "AUX"}), None)


def _span_of(tok: Token, offset: int) -> tuple[int, int]:
    last = tok.right_edge
    # A closing 'according to Y' names another source: not part of the content.
    tail = next((t for t in tok.subtree if t.lower_ == "according" and t.i > tok.i and t.right_edge.i >= last.i - 1
                 and t.i + 1 < len(tok.doc) and t.nbor(1).lower_ == "to"), None)
    if tail is not None and tail.i > tok.left_edge.i:
        last = tail.nbor(-1)
    # nor a closing conjunction whose conjunct the parse hung elsewhere ('... his sagging poll numbers and [in
    # explicit terms he urged ...]')
    while last.i > tok.left_edge.i and (last.is_punct or last.tag_ == "CC" and last.i < tok.sent.end - 1):
        last = last.nbor(-1)
    return offset + tok.left_edge.idx, offset + last.idx + len(last.text)


def _rest_of_sentence(sent: Span, skip: Token, offset: int) -> tuple[int, int] | None:
    """The sentence without the cue clause (for 'X is Y, he said' parses where the cue hangs off); only what
    follows the cue when a quotation opens right after it and nothing before the cue is the subject of what
    follows ('At the event, Blumenthal, advocating for troops, clearly says, "We have learned ..."', 'Still, she
    added, "we ..."'; but in 'An economic downturn, he said, "could be ..."' the words before are said too)."""
    skipped = {t.i for t in skip.subtree}
    after = skip.i + 1
    while after < sent.end and sent.doc[after].text in {",", ":"}:
        after += 1
    opens = after < sent.end and _OPEN_ONLY.match(sent.doc[after].text) is not None and \
        not any(t.dep_ in SPEAKER_DEPS | {"expl"} and t.head.i > skip.i for t in sent
                if t.i < skip.i and t.i not in skipped)
    kept = [t for t in sent if t.i not in skipped and not t.is_punct and (not opens or t.i > skip.i)]
    if len(kept) < 3:
        return None
    return offset + kept[0].idx, offset + kept[-1].idx + len(kept[-1].text)


def _object_span(verb: Token, offset: int) -> tuple[int, int] | None:
    """What a stance verb is about: its object with any complement ('called X a liar', 'called for X')."""
    parts = [c for c in verb.children if c.dep_ in {"dobj", "oprd", "xcomp"} or
             c.dep_ == "prep" and c.lower_ in {"for", "on", "of"} and verb.lemma_.lower() in OBJECT_CUES]
    if not parts:
        return None
    start = min(_span_of(c, offset)[0] for c in parts)
    return start, max(_span_of(c, offset)[1] for c in parts)


def _content_span(tok: Token, speaker: Token | None, sent: Span, offset: int) -> tuple[int, int] | None:
    content = _content_token(tok)
    if content is not None:
        return _span_of(content, offset)
    if speaker is None:
        return None
    if tok.lemma_.lower() in OBJECT_CUES:
        return _object_span(tok, offset)
    if tok.dep_ == "parataxis":
        return _rest_of_sentence(sent, tok, offset)
    return None


# Frames: where a cue's content sits in the parse. "ccomp"/"xcomp"/"dobj" are children of the cue,
# "prep_X" the object of its preposition X ("focused on X"), "that" a that-clause on a noun cue, "rest" the
# sentence around a cue that hangs off it ("X is Y, he said").
_PREP_OBJECTS = {"pobj", "pcomp"}


def _trailing_conj(tok: Token) -> bool:
    """A closing cue clause that the parse joins to the sentence as a conjunct by a comma alone ('X is Y,
    the minister told reporters'), where 'rest' is the content, as for a parataxis."""
    if tok.dep_ != "conj" or tok.head.i >= tok.i or tok.right_edge.i < tok.sent.end - 2:
        return False
    between = tok.doc[tok.head.i + 1:tok.left_edge.i]
    return len(between) > 0 and between[-1].text == "," and not any(c.dep_ == "cc" and c.i < tok.i for c in tok.head.children)


def cue_frames(tok: Token) -> list[tuple[str, Token | None]]:
    """Every frame the token's children offer, with the head of the would-be content."""
    out: list[tuple[str, Token | None]] = []
    after = any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children)
    for c in tok.children:
        if c.dep_ == "ccomp" and after and c.i < tok.i and \
                any(t.text == ":" for t in tok.doc[c.right_edge.i:tok.i]):
            continue  # 'X: Republicans said Y' - the clause before the colon is not what they said
        if c.dep_ in {"ccomp", "xcomp", "dobj"}:
            out.append((c.dep_, c))
        elif c.dep_ == "prep":
            obj = next((g for g in c.children if g.dep_ in _PREP_OBJECTS), None)
            if obj is not None:
                out.append(("prep_" + c.lower_, obj))
        elif c.dep_ in {"acl", "relcl"} and tok.pos_ in {"NOUN", "PROPN"} and \
                any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            out.append(("that", c))
    # An object with what is said of it: 'called him a "loser"', 'accused X of Y', 'described X as Y'.
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is not None:
        out += [("dobj_" + f, head) for f, head in out if head is not None and head.i > obj.i and
                (f in {"xcomp", "ccomp"} or f.startswith("prep_"))]
        out += [("dobj_oprd", c) for c in tok.children if c.dep_ == "oprd" and c.i > obj.i]
    if tok.dep_ == "parataxis" or _trailing_conj(tok):
        out.append(("rest", None))
    # Raising and passive cues hold their subject inside the content ("X is expected to win").
    subject = _subject(tok)
    if subject is not None and subject.lower_ not in _RELATIVE:
        out += [("subj_" + f, head) for f, head in out if f == "xcomp" or f.startswith("prep_")]
    return out


# Trailing comma-set clauses that PolNeAR leaves out of the content of these frames ('endorsed Sanders,
# who ...', 'vowed to fight on, saying ...'); measured on the even records, a ccomp keeps them.
_TRAILING_CUTS = {"xcomp": ({"relcl", "appos", "advcl"}, {"acl"}), "prep": ({"relcl", "appos"}, set()),
                  "dobj": ({"relcl"}, set())}
_CLAUSE_BREAKS = {",", "—", "–", "--", ";", "-"}


def _trimmed_end(head: Token, frame: str, end: int, offset: int) -> int:
    """The content's end before a trailing non-restrictive clause ('..., who said ...')."""
    kind = frame[5:] if frame.startswith(("subj_", "dobj_")) else frame
    kind = "prep" if kind.startswith("prep_") else kind
    if kind not in _TRAILING_CUTS:
        return end
    deps, participle_deps = _TRAILING_CUTS[kind]
    last = head.right_edge
    while last.i > head.i and last.is_punct:
        last = last.nbor(-1)
    cut = None
    for t in head.subtree:
        if t.i <= head.i or not (t.dep_ in deps or t.dep_ in participle_deps and t.tag_ == "VBG"):
            continue
        before = t.left_edge.nbor(-1)
        if before.text in _CLAUSE_BREAKS and t.right_edge.i >= last.i - 1 and (cut is None or before.i < cut.i):
            cut = before
    if cut is None:
        return end
    last = cut.nbor(-1)
    while last.i > head.left_edge.i and last.is_punct:
        last = last.nbor(-1)
    return offset + last.idx + len(last.text)


def frame_span(frame: str, head: Token | None, tok: Token, offset: int) -> tuple[int, int] | None:
    """Character span of the content a frame gives."""
    if frame == "rest":
        return _rest_of_sentence(tok.sent, tok, offset)
    start, end = _span_of(head, offset)
    if frame.startswith("subj_"):
        subject = next(c for c in tok.children if c.dep_ in SPEAKER_DEPS)
        start = offset + subject.left_edge.idx
    elif frame.startswith("dobj_") and frame != "dobj_ccomp":  # 'told the Times that ...': whom, not what
        start = offset + next(c for c in tok.children if c.dep_ == "dobj").left_edge.idx
    end = _trimmed_end(head, frame, end, offset)
    if frame == "dobj" or frame.startswith("prep_"):
        end = max(end, _following_preps_end(tok, head, offset))
    if frame == "ccomp":
        end = max(end, _run_on_clause_end(tok, head, offset))
        inserted = _inserted_speaker(tok)
        if inserted is not None and inserted[0].i < head.i:
            start = min(start, offset + inserted[0].left_edge.idx)  # the subject before the attribution is said too
    return (start, end) if end > start else None


def _run_on_end(tok: Token, head: Token, offset: int, joins: Callable[[Token, Token], bool]) -> int:
    """End of the cue's children that run on right after the content (head's subtree), one by one while
    `joins(child, last token so far)` holds; -1 when none does."""
    last, end = head.right_edge, -1
    for c in sorted(tok.children, key=lambda c: c.i):
        if c.i <= last.i:
            continue
        if not joins(c, last):
            break
        last = c.right_edge
        while last.i > c.i and last.is_punct:
            last = last.nbor(-1)
        end = offset + last.idx + len(last.text)
    return end


def _run_on_clause_end(tok: Token, head: Token, offset: int) -> int:
    """End of a clause the parse hangs on the cue as a second complement right where the content stops
    ('said [the zones should become no-fly areas if fighting on the ground] [stops entirely]'): one
    content, cut in two by a parse error."""
    return _run_on_end(tok, head, offset, lambda c, last: c.dep_ == "ccomp" and c.left_edge.i == last.i + 1)


# Prepositions that set the scene of the speech act, not what was said: 'slammed his rival [at a town
# hall] [on Thursday]', 'criticized the law [during a campaign stop]'.
_SCENE_PREPS = frozenset({"at", "during", "amid", "after", "before", "since", "until", "despite"})


# What the words came in ('denounced the plan [in a statement]', 'slammed it [in a tweet]'): the channel, not
# what was said. Not after 'on', where the noun is more often the topic ('criticized the mayor on his call for
# higher taxes'); on PolNeAR dev's odd half 'on' gained nothing.
_CHANNEL_PREPS = frozenset({"in", "via", "through"})
_CHANNEL_NOUNS = frozenset("""statement interview speech tweet post letter email e-mail release briefing conference
appearance op-ed column memo call video ad remarks address rally""".split())


def _scene(prep: Token) -> bool:
    """A prepositional phrase that says when, where, in what or despite what something was said."""
    obj = next((g for g in prep.children if g.dep_ in _PREP_OBJECTS), None)
    return prep.lower_ in _SCENE_PREPS or obj is not None and (
        obj.ent_type_ in {"DATE", "TIME"} or prep.lower_ in _CHANNEL_PREPS and obj.lemma_.lower() in _CHANNEL_NOUNS)


def _following_preps_end(tok: Token, head: Token, offset: int) -> int:
    """End of the prepositional phrases the parse hangs on the cue right after its object: PolNeAR's
    content keeps them ('denounced [the promotion of X through grants]', 'slammed [his proposal as too
    vague]'); measured on the even records, about four spans gained for each one lost. The run stops at
    the first phrase that sets the scene ('on Thursday', 'at a rally', 'in a statement'): PolNeAR leaves those
    out."""
    return _run_on_end(tok, head, offset, lambda c, last: c.dep_ == "prep" and c.left_edge.i <= last.i + 2
                       and not _scene(c))


def quoted_tokens(para: ParsedParagraph) -> set[int]:
    """Indices of the tokens inside quotation marks (a cue there is the quoted speaker's own)."""
    spans = [(a - para.start, b - para.start) for a, b in _quote_marks(para)]
    return {t.i for t in para.doc if any(a <= t.idx < b for a, b in spans)}


def cue_features(tok: Token, frame: str, head: Token | None, speaker: Token | None, quoted: bool) -> list[str]:
    """What the learned cue model sees of a candidate: the lemma in its frame, the speaker found, where
    the cue sits in the sentence (its neighbours, its head, whether it sits inside another clause), the
    content's head, mark, length and side of the cue (words, lemmas and tags only)."""
    lemma, pos = tok.lemma_.lower(), _POS_GROUPS.get(tok.pos_, tok.pos_)
    spk = "none" if speaker is None else "person" if person_like(speaker) else "other"
    size = "long" if head is not None and len(list(head.subtree)) > 12 else "short"
    feats = [f"f={frame}", f"l={lemma}/{pos}", f"lf={lemma}/{pos}/{frame}", f"lfs={lemma}/{frame}/{spk}",
             f"spk={spk}", f"fs={frame}/{spk}", f"tag={tok.tag_}", f"dep={tok.dep_}", f"ld={lemma}/{tok.dep_}",
             f"fd={frame}/{tok.dep_}", f"size={frame}/{size}", f"lsize={lemma}/{frame}/{size}",
             f"tf={tok.tag_}/{frame}", f"hd={tok.head.pos_}/{tok.dep_}", f"headdep={tok.head.lemma_.lower()}/{tok.dep_}",
             f"inccomp={any(a.dep_ == 'ccomp' for a in tok.ancestors)}", f"sentfirst={tok.i == tok.sent.start}"]
    prev = tok.nbor(-1).lower_ if tok.i > 0 else "<s>"
    nxt = tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else "</s>"
    feats += [f"prev={prev}", f"next={nxt}", f"lprev={lemma}/{prev}"]
    if head is not None:
        mark = next((c.lower_ for c in head.children if c.dep_ == "mark"), None)
        if mark is None and head.left_edge.tag_ in {"WDT", "WP", "WRB"}:
            mark = "wh"
        side = "before" if head.i < tok.i else "after"
        feats += [f"side={frame}/{side}", f"lside={lemma}/{side}", f"hp={frame}/{head.pos_}", f"lhp={lemma}/{frame}/{head.pos_}", f"mark={frame}/{mark or 'none'}",
                  f"hl={frame}/{head.lemma_.lower()}", f"hdep={frame}/{head.dep_}", f"fhd={frame}/{head.dep_}/{head.tag_}",
                  f"lhl={lemma}/{frame}/{head.lemma_.lower()}"]
    feats.append(f"nsubjtag={speaker.tag_ if speaker is not None else 'none'}/{frame}")
    if speaker is not None:
        kind = speaker.ent_type_ or speaker.pos_
        feats += [f"sd={speaker.dep_}", f"se={frame}/{kind}", f"ls={lemma}/{kind}",
                  f"slw={speaker.lower_ if speaker.pos_ == 'PRON' else speaker.pos_}"]
        if not person_like(speaker):
            feats.append(f"slem={speaker.lemma_.lower()}")
    if quoted:
        feats += ["quoted", f"lq={lemma}/{frame}"]
    if any(c.dep_ == "neg" for c in tok.children):
        feats.append("neg")
    return feats


def _cue_relation(tok: Token, speaker: Token | None, sent: Span, offset: int,
                  lexicon: "CueLexicon", quoted: bool = False) -> tuple[tuple[int, int] | None, bool, float | None]:
    """Content of a cue token: the learned frame with the best precision that the parse offers, else the
    hand-written rules for the built-in lemmas; and whether the subject is part of that content rather
    than its holder (a passive subject: 'X is expected to ...'); and the confidence in that frame."""
    lemma = tok.lemma_.lower()
    best = None
    if lexicon.model is not None:
        for frame, head in cue_frames(tok):
            p = lexicon.score(cue_features(tok, frame, head, speaker, quoted))
            if p >= lexicon.model["threshold"] and (best is None or p > best[0]):
                best = (p, frame, head)
        frames = []
    else:
        frames = cue_frames(tok)
    for frame, head in frames:
        entry = lexicon.get(lemma, tok.pos_, frame, quoted)
        if entry is None or entry.needs_speaker and speaker is None or \
                entry.needs_person and not person_like(speaker):
            continue
        if best is None or entry.precision > best[0]:
            best = (entry.precision, frame, head)
    if best is not None:
        span = frame_span(best[1], best[2], tok, offset)
        return span, best[1].startswith("subj_") and speaker is not None and speaker.dep_ == "nsubjpass", best[0]
    if tok.pos_ in {"VERB", "AUX"} and (lemma in CUE_LEMMAS or lemma in OBJECT_CUES) and \
            not lexicon.measured(lemma, tok.pos_) and not quoted:
        return _content_span(tok, speaker, sent, offset), False, None
    return None, False, None


# Verbs that withhold what follows them: 'declined to comment', 'refused to say', 'stopped short of calling'.
_WITHHOLDING = frozenset("decline refuse fail avoid stop hesitate neglect".split())


def _unsaid(tok: Token) -> bool:
    """Speech the text says did not happen: a negated cue ('was not suggesting', 'didn't mention') or one a
    refusal governs ('declined to say', 'stopped short of calling')."""
    t = tok
    for _ in range(4):
        if any(c.dep_ == "neg" for c in t.children) or t is not tok and t.lemma_.lower() in _WITHHOLDING:
            return True
        if t.dep_ not in {"xcomp", "pcomp", "prep", "advmod"} or t.head is t:
            return False
        t = t.head
    return False


def _before_answerer(asked: Token, span: tuple[int, int], offset: int) -> tuple[int, int]:
    """The question of 'Asked ... how genuine his ambition is, Trump, who ..., said' ends before the one asked,
    whom the parse took into the question when the main verb was left without a subject."""
    main = asked.head
    if any(c.dep_ in SPEAKER_DEPS for c in main.children):
        return span
    for t in asked.doc[asked.i + 1:main.i]:
        if t.ent_type_ == "PERSON" and t.ent_iob_ == "B" and t.i > 0 and asked.doc[t.i - 1].text == "," and \
                span[0] < offset + t.idx < span[1]:
            return span[0], offset + asked.doc[t.i - 1].idx
    return span


def _owned_speech(noun: Token, lemma: str) -> bool:
    """A speech noun with its owner and what was said, as _noun_relations reads one: "Mr. Trump's statement that
    he was bowing out" (an owner-less 'allegations that ...' quotes no one)."""
    return noun.pos_ == "NOUN" and lemma in SPEECH_NOUNS and _that_clause(noun) is not None and \
        any(c.dep_ == "poss" for c in noun.children)


def _act(tok: Token, lemma: str) -> str:
    """'speech' for a verb of saying, 'stance' for one of believing, wanting or agreeing to do something,
    'unsaid' for speech the text denies or says was withheld."""
    if lemma in DEAL_LEMMAS and any(c.dep_ == "xcomp" for c in tok.children) and \
            not any(c.dep_ == "ccomp" for c in tok.children):
        return "stance"
    if lemma not in SPEECH_LEMMAS and not _owned_speech(tok, lemma):
        return "stance"
    return "unsaid" if _unsaid(tok) else "speech"


def _verb_relations(para: ParsedParagraph) -> list[Quote]:
    """Cue verbs (and learned cue nouns and adjectives) with their speaker and content; a speech verb's
    relation without content (span -1) stays to claim a quotation next to its cue ('"...," Erdogan said')."""
    lexicon = get_cue_lexicon()
    quoted = quoted_tokens(para)
    dateline = _dateline_end(para.doc)
    out = []
    for sent in para.doc.sents:
        for tok in sent:
            lemma = tok.lemma_.lower()
            speechy = tok.pos_ in {"VERB", "AUX"} and (lemma in CUE_LEMMAS or lemma in lexicon.speech)
            # The learned model was trained on every verb, noun and adjective with a frame: it judges
            # lemmas that never made a lexicon entry too.
            if not speechy and not lexicon.has(lemma, tok.pos_) and \
                    not (tok.pos_ in {"VERB", "AUX"} and lemma in OBJECT_CUES) and \
                    not (lexicon.model is not None and tok.pos_ in _POS_GROUPS and lemma.isalpha()):
                continue
            speaker = _title_holder(_past_dateline(_speaker_token(tok), tok), tok)
            if speaker is None and speechy and tok.tag_ in {"VBD", "VBZ", "VBP"}:
                speaker = _subject_set_off(tok, sent)
            if speaker is not None and speaker.i in quoted and tok.i not in quoted:
                speaker = _name_beside(tok, quoted)  # the parse took a word of the quotation for the subject
            if tok.tag_ == "VB" and (speaker is None or speaker.lower_ in _ASIDE_SUBJECTS) and \
                    (lexicon.model is None or speechy and not lexicon.has(lemma, tok.pos_)):
                continue
            span, subject_in_content, confidence = _cue_relation(tok, speaker, sent, para.start, lexicon, tok.i in quoted)
            if span is not None and span[0] < para.start + dateline < span[1]:
                span = (para.start + dateline, span[1])  # 'WASHINGTON — X will ..., lawmakers said': nobody's words
            if subject_in_content or _addressed(tok):  # judged with the subject, which does not speak the content
                speaker = None
                if span is not None and not subject_in_content:
                    span = _before_answerer(tok, span, para.start)
            elif speaker is None and tok.pos_ == "NOUN":
                speaker = _owner(tok)
            if span is None and (speaker is None or not speechy):
                continue
            s = _speaker_span(speaker, para.start) if speaker is not None else (None, None)
            if speaker is not None and speaker.left_edge.i in quoted:  # its left edge too: the name alone
                s = (para.start + _name_start(speaker).idx, s[1])
            referent = _referent(speaker) if speaker is not None else None
            out.append(Quote(*(span or (-1, -1)), "indirect", s[0], s[1], para.start + tok.idx,
                             para.start + tok.idx + len(tok.text),
                             referent=_speaker_span(referent, para.start) if referent is not None else None,
                             confidence=confidence, act=_act(tok, lemma),
                             others=(_co_speakers(speaker, para.start) if speaker is not None else None) or
                             (_fellow_referents(speaker, referent, para.start) if referent is not None else None)))
    return out


def _subject_set_off(cue: Token, sent: Span) -> Token | None:
    """'In a statement issued Thursday, Ann Cole, a lawyer with Dunn Carter, said ...', 'Rep. Tom Baker, D-Va.,
    one of nine members to vote against it, said ...': a long apposition leads the parse to hang the name
    elsewhere (a conjunct of 'Thursday', the subject of 'vote'), and the cue gets no subject. The first
    person named in the sentence and set off by a comma, with the comma before the cue (or before an adverb
    of it: ', clearly says') closing the apposition, speaks."""
    comma = cue.i - 1
    while comma > sent.start and cue.doc[comma].tag_ in {"RB", "RBR"}:  # ', clearly says'
        comma -= 1
    if cue.i == 0 or cue.doc[comma].text != "," or comma <= sent.start:
        return None
    i = sent.start
    while i < comma:
        t = cue.doc[i]
        if t.ent_type_ == "PERSON" and t.ent_iob_ == "B":
            end = i
            while end + 1 < cue.i and cue.doc[end + 1].ent_iob_ == "I":
                end += 1
            if cue.doc[end + 1].text == "," and end + 1 < comma and \
                    not any(x.text in {";", "\"", "“", "”"} for x in cue.doc[end + 1:cue.i]):
                return cue.doc[end]
            return None  # the first person named is not set off: the sentence is shaped otherwise
        i += 1
    return None


# Entity types of a subject head that is an organisation or place, not a person.
_BODY_ENTS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})


def _title_holder(speaker: Token | None, cue: Token) -> Token | None:
    """'The National Organization for Women President Terry O'Neill said': the parse heads such a subject on
    the organisation (the person its 'for' governs), or gives the cue two subjects; the person named right
    before the cue with a title before the name holds it and speaks. Not a person coordinated with the
    organisation ('the Media and Marco Rubio'), nor one further down a chain of prepositions ('Democrats
    with ties to the Clintons'), nor one an organisation acts through ('the group led by X')."""
    if speaker is None or speaker.ent_type_ not in _BODY_ENTS or cue.i == 0:
        return speaker
    name = cue.doc[cue.i - 1]
    if name.ent_type_ != "PERSON" or name.pos_ != "PROPN" or name.i <= speaker.i or \
            any(t.is_punct or t.pos_ in {"VERB", "AUX"} for t in speaker.doc[speaker.i:name.i]):
        return speaker
    titled = any(c.dep_ == "compound" and c.ent_type_ != "PERSON" and c.i < name.i for c in name.children)
    governed = name.dep_ == "pobj" and name.head.dep_ == "prep" and name.head.head.i == speaker.i or \
        name.dep_ == "appos" and name.head.i == speaker.i
    second_subject = name.dep_ in SPEAKER_DEPS and name.head.i == cue.i
    return name if titled and (governed or second_subject) else speaker


def _name_start(tok: Token) -> Token:
    """The first word of the proper name `tok` ends ('Michael R. Bloomberg')."""
    while tok.i > 0 and tok.nbor(-1).pos_ == "PROPN" and tok.nbor(-1).ent_iob_ != "O":
        tok = tok.nbor(-1)
    return tok


def _name_beside(cue: Token, quoted: set[int]) -> Token | None:
    """The name or pronoun right before the cue ('..." Bloomberg said') or right after it ('said Bloomberg'),
    outside the quotation."""
    for i in (cue.i - 1, cue.i + 1):
        if 0 <= i < len(cue.doc) and i not in quoted and (cue.doc[i].pos_ == "PROPN" or
                                                           cue.doc[i].lower_ in _PERSON_PRONOUNS):
            return cue.doc[i]
    return None


def _that_clause(noun: Token) -> Token | None:
    return next((c for c in noun.children if c.dep_ in {"acl", "ccomp", "relcl"} and
                 any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)


def _noun_relations(para: ParsedParagraph) -> list[Quote]:
    """"Trump's claim that ...": a speech noun with its owner and a that-clause."""
    out = []
    for tok in para.doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in NOUN_CUES:
            continue
        clause = _that_clause(tok)
        if clause is None:
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None:
            continue
        a, b = _span_of(clause, para.start)
        s = _speaker_span(owner, para.start)
        out.append(Quote(a, b, "indirect", s[0], s[1], para.start + tok.idx, para.start + tok.idx + len(tok.text),
                         act="speech" if tok.lemma_.lower() in SPEECH_NOUNS else "stance"))
    return out


def _according_to(para: ParsedParagraph) -> list[Quote]:
    out = []
    for tok in para.doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(para.doc) or para.doc[tok.i + 1].lower_ != "to":
            continue
        to = para.doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        phrase = {t.i for t in tok.subtree} | {t.i for t in to.subtree} | {tok.i, to.i}
        # set inside a clause of its own ('..., he is concerned about the caucus, in which, according to entrance
        # polls, Trump won 44 percent'), it reports that clause, not the sentence around it (at a clause's end it
        # is read as the whole sentence's: PolNeAR's annotators do)
        clause = tok.head if tok.head.pos_ in {"VERB", "AUX"} and tok.head.dep_ in {"relcl", "advcl"} and \
            tok.head.left_edge.i < tok.i and tok.head.right_edge.i > max(phrase) + 1 else None
        scope = clause.subtree if clause is not None else tok.sent
        kept = [t for t in scope if t.i not in phrase and not t.is_punct and t.tag_ not in {"WDT", "WP"} and
                not (t.dep_ == "prep" and any(c.tag_ in {"WDT", "WP"} for c in t.children))]
        if len(kept) < 3:
            continue
        a, b = _speaker_span(pobj, para.start)
        out.append(Quote(para.start + kept[0].idx, para.start + kept[-1].idx + len(kept[-1].text), "indirect",
                         a, b, para.start + tok.idx, para.start + to.idx + 2))
    return out


# What a sentence-opening 'In a/the ... X,' names as the source of the figures after it.
_FINDINGS = frozenset({"poll", "survey"})


def _findings_source(para: ParsedParagraph) -> list[Quote]:
    """'In a Gallup poll released Monday, 52 percent of voters backed the plan.': the poll reports what the
    sentence says (PolNeAR's cue 'in'). Only a sentence-opening phrase set off by a comma, whose object is
    a poll or a survey; where the sentence has a speech cue of its own ('In a poll, voters said ...'), that
    cue's relation stands instead (see _paragraph_quotes)."""
    out = []
    for sent in para.doc.sents:
        first = sent[0]
        if first.lower_ != "in" or first.dep_ != "prep":
            continue
        obj = next((c for c in first.children if c.dep_ == "pobj"), None)
        comma = first.right_edge.i + 1
        if obj is None or obj.lemma_.lower() not in _FINDINGS or comma >= sent.end or para.doc[comma].text != ",":
            continue
        kept = [t for t in para.doc[comma + 1:sent.end] if not t.is_punct]
        if len(kept) < 3:
            continue
        a, b = _speaker_span(obj, para.start)
        out.append(Quote(para.start + kept[0].idx, para.start + kept[-1].idx + len(kept[-1].text), "indirect",
                         a, b, para.start + first.idx, para.start + first.idx + len(first.text)))
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _cue_near(q: Quote, span: tuple[int, int], text: str) -> bool:
    """The cue sits right after the closing mark or right before the opening one, with no other quote
    between ('"...," Erdogan said' / 'Putin said: "...')."""
    if q.cue_start is None:
        return False
    if 0 <= q.cue_start - span[1] <= CUE_REACH:
        if text[span[1] - 1:span[1]] == ".":  # the quote ended its sentence: '"... related." Regulations suggest'
            return False
        gap = text[span[1]:q.cue_start].lstrip(_MARKS_AND_PUNCT)
    elif 0 <= span[0] - q.cue_end <= (CUE_REACH_AFTER if q.quoted else CUE_REACH):
        gap = text[q.cue_end:span[0]].rstrip(_MARKS_AND_PUNCT)
        # a first quote in a later sentence is not this cue's ('The poll asked about X. "It is over."');
        # a further one is ('"A," said X, a lawyer. "B."')
        if not q.quoted and _sentence_break(text[q.cue_end:span[0]].rstrip(" “”\"«»„'") + " "):
            return False
    else:
        return False
    return not re.search(r"[“”\"«»]|''", gap) and not _sentence_break(gap)


def _sentence_break(gap: str) -> bool:
    """A sentence ends inside the gap (not an abbreviation's, an initial's or a state's full stop: 'Rep.
    Clyburn', 'D-Calif.')."""
    for m in re.finditer(r"([\w.]*)([.!?])\s", gap):
        if m.group(2) != "." or not (is_abbreviation(gap[:m.end(2)]) or
                                     m.group(1).lower().rstrip(".") in state_abbreviations()):
            return True
    return False


def _attach(span: tuple[int, int], relations: list[Quote], text: str) -> Quote | None:
    """The relation a quotation-mark span belongs to: the one whose content overlaps it most, else the
    one whose cue is beside it."""
    # A cue inside the quote is the quoted speaker's own attribution ('"I believe ...," he said'); a
    # transcript turn quoted whole ('"PENCE: Well, ..."') is the exception.
    relations = [q for q in relations if q.cue_start is None or not span[0] <= q.cue_start < span[1] or
                 text[q.cue_start:q.cue_end] == ":" and q.start <= span[1] and q.end >= span[0]]
    overlapping = [(_overlap(span, (q.start, q.end)), q) for q in relations if q.start >= 0]
    best = max(overlapping, key=lambda t: t[0], default=(0, None))
    if best[0] > 0:
        return best[1]
    near = [q for q in relations if _cue_near(q, span, text)]
    # A cue that already took the quote before this one keeps going ('"A," X said, according to Y. "B."').
    return min(near, key=lambda q: (not (q.quoted and q.cue_end <= span[0]),
                                    min(abs(q.cue_start - span[1]), abs(span[0] - q.cue_end))), default=None)


def _merge_quote(q: Quote, span: tuple[int, int]) -> None:
    """Fold a quotation-mark span into the relation it belongs to."""
    q.quoted = (q.quoted or []) + [span]
    if q.kind == "direct" and len(q.quoted) > 1:  # a further quote on the same cue: '"A," he said. "B."'
        q.start, q.end = min(q.start, span[0]), max(q.end, span[1])
    elif q.start < 0 or q.start >= span[0] - 2 and q.end <= span[1] + 2 or \
            _overlap((q.start, q.end), span) * 2 > q.end - q.start:  # the content is the quote
        # the clause may run on past the quote ('he "appreciates the professionalism" displayed by ...')
        tail = q.start >= 0 and q.end > span[1] + 2
        q.start = q.start if 0 <= q.start < span[0] - 2 else span[0]
        q.end = q.end if tail else span[1]
        q.kind = "partial" if q.start < span[0] or tail else "direct"
    else:  # quoted words inside reported speech; a quote running past the clause still belongs to it
        q.start, q.end, q.kind = min(q.start, span[0]), max(q.end, span[1]), "partial"


_HEADLINE = re.compile(r"^(?P<source>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})(?P<cue>:)\s+(?P<content>\S.*?)[.!?]?$")
_LABELS = {"image", "images", "photo", "photos", "picture", "source", "sources", "video", "credit", "credits",
           "read", "watch", "update", "updated", "note", "related", "advertisement", "editor", "editors",
           "copyright", "file", "getty", "caption", "listen", "see", "more", "also", "tags", "topics", "email",
           "byline", "look", "clarification", "correction", "stat", "dateline", "contact", "contributing",
           # the same labels in the other languages of the corpora ('Autor: j', 'Kaynak: İHA', 'Quelle: dpa')
           "autor", "autorin", "quelle", "foto", "fotos", "bild", "fuente", "fonte", "źródło", "fot", "kaynak",
           "auteur", "redaktion", "redacción", "lesen", "leer", "czytaj", "mehr"}
# A headline's kicker before its colon is no speaker ('The Latest: Cruz to give away engraved shotgun', 'BREAKING:
# ...', 'Just Leaked: ...'): its first or last word says so.
_KICKERS = {"latest", "breaking", "revealed", "exclusive", "bombshell", "boom", "wow", "leaked", "update", "updates",
            "analysis", "opinion", "editorial", "live", "recap", "explainer", "factbox", "timeline"}
# Headline attributions ("Graham: Trump's rhetoric destroying GOP's chances") are short single lines.
MAX_HEADLINE_CHARS = 200


# Transcript turns ("TAPPER: Do you think ...?"): a speaker's name in capitals, a colon, what was said.
_TURN = re.compile(r"^[“\"]?(?P<source>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})(?P<cue>:)\s+(?P<content>\S[\s\S]*?)\s*$")


def _headline(para: ParsedParagraph) -> list[Quote]:
    """A headline attribution ('Graham: ...') or a transcript turn ('TAPPER: ...')."""
    m = _TURN.match(para.text)
    turn = m is not None and len(m.group("source")) > 1 and m.group("source").split()[0].lower() not in _LABELS
    if not turn:
        m = _HEADLINE.match(para.text) if len(para.text) <= MAX_HEADLINE_CHARS else None
    words = m.group("source").lower().split() if m else []
    if not m or words[0] in _LABELS or not re.search(r"[^\W\d_]", m.group("content")) or \
            {words[0], words[-1]} & _KICKERS:
        return []  # "Image: Reuters/Sputnik" is a credit line, "Sanders: 46" a tally, "The Latest: ..." a kicker
    kind = "direct" if turn or re.search(r"[“\"‘']", m.group("content")) else "indirect"
    a = para.start
    return [Quote(a + m.start("content"), a + m.end("content"), kind, a + m.start("source"), a + m.end("source"),
                  a + m.start("cue"), a + m.end("cue"))]


def _carried_speaker(previous: Quote) -> tuple[int | None, int | None]:
    """The speaker a continued quote inherits: the named referent rather than a distant 'who'."""
    return previous.referent or (previous.speaker_start, previous.speaker_end)


def _pattern_relations(para: ParsedParagraph, text: str, cues: SpeechCues | None) -> list[Quote]:
    """Without a parse: speech cues with the speaker the words beside them give, and what they report where
    no quotation marks do (see analyze.speech)."""
    if cues is None:
        return []
    out = []
    end = para.start + len(para.text)
    for a, b, s, e in cue_speakers(text, para.start, end, cues):
        content = reported_content(text, para.start, end, (a, b), (s, e), cues)
        out.append(Quote(*(content or (-1, -1)), "indirect" if content else "direct", s, e, a, b,
                         speaker_name=text[s:e] if s is not None else None))
    return out


def _colon_introducer(span: tuple[int, int], para: ParsedParagraph, before: ParsedParagraph | None,
                      text: str) -> Quote | None:
    """A quotation a clause introduces with a colon, in its paragraph ('X was quick to retort: "..."') or at
    the end of the paragraph before ('X responded in a statement:' and the quote below): the clause's
    subject speaks, when it names someone, the clause's verb being the cue."""
    window = max(0, span[0] - 20)
    lead = text[window:span[0]].rstrip(_MARKS_AND_PUNCT.replace(":", "") + "\n'")
    if not lead.endswith(":"):
        return None
    colon_at = window + len(lead) - 1
    host = para if para.start <= colon_at < para.start + len(para.text) else before
    if host is None or host.doc is None or not host.start <= colon_at < host.start + len(host.text):
        return None
    colon = next((t for t in host.doc if host.start + t.idx == colon_at), None)
    if colon is None:
        return None
    verb = colon.head
    if verb.i < colon.i and verb.pos_ in {"VERB", "AUX"}:
        speaker = _speaker_token(verb)
    else:  # the parse ran the clause into the quotation: the first subject before the colon that names someone
        speaker = next((t for t in colon.sent if t.i < colon.i and t.dep_ in {"nsubj", "nsubjpass"} and
                        t.head.i < colon.i and person_like(t)), None)
        verb = speaker.head if speaker is not None else verb
    if not person_like(speaker) or speaker.i > verb.i:
        return None
    last = colon.nbor(-1)  # the word before the colon is the cue when it says how ('was quick to retort:')
    cue = last if last.i > speaker.i and last.pos_ in {"VERB", "NOUN"} and last.is_alpha else verb
    return Quote(span[0], span[1], "direct", *_speaker_span(speaker, host.start),
                 host.start + cue.idx, host.start + cue.idx + len(cue.text), quoted=[span])


def _paragraph_quotes(para: ParsedParagraph, text: str, previous: Quote | None,
                      cues: SpeechCues | None = None, before: ParsedParagraph | None = None) -> list[Quote]:
    relations = (_verb_relations(para) + _according_to(para) + _noun_relations(para)) if para.doc is not None \
        else _pattern_relations(para, text, cues)
    if para.doc is not None:
        relations += [q for q in _findings_source(para) if not any(
            o.act == "speech" and o.cue_start is not None and q.cue_start <= o.cue_start < q.end for o in relations)]
    relations += _headline(para)
    last: tuple[tuple[int, int], Quote | None] = ((-1, -1), None)
    for span in _quote_marks(para):
        if _names_a_title(span, text) or _names_a_thing(span, text):
            last = (span, None)
            continue
        words = len(re.findall(r"\w+", text[span[0]:span[1]]))
        owner = _attach(span, relations, text)
        if owner is not None and para.doc is None and owner.cue_end is not None and span[0] >= owner.cue_end and \
                words < MIN_PATTERN_QUOTE_WORDS:
            owner = None  # without a parse, a word or two in marks after the cue names or scare-quotes ('sagte Den
            # Haags „Nachtbürgermeister“ Pat Smith'): what was said stands before the cue or is longer
        if owner is None and last[1] is not None and not re.search(r"\w", text[last[0][1]:span[0]]):
            owner = last[1]  # quotes strung together with only marks between ('"A?" . . . "B?"')
        last = (span, owner)
        introduced = _colon_introducer(span, para, before, text) if owner is None and para.doc is not None else None
        if owner is not None:
            _merge_quote(owner, span)
        elif introduced is not None:
            relations.append(introduced)
            last = (span, introduced)
        elif previous is not None and previous.kind == "direct" and _OPEN_ONLY.match(para.text) and \
                span[0] - para.start <= 2:
            relations.append(Quote(span[0], span[1], "direct", *_carried_speaker(previous), quoted=[span],
                                   others=previous.others))
            last = (span, relations[-1])
        elif words >= MIN_UNCUED_QUOTE_WORDS:  # uncued: most often the last speaker goes on, in this
            # paragraph ('Issa said the deals "represent a quid pro quo."“It is abundantly clear ...”') or before
            here = [q for q in relations if q.speaker_start is not None and q.cue_start is not None and
                    q.cue_start < span[0] and (q.act == "speech" or q.quoted)]
            here = [q for q in here if not any(o is not q and o.start <= q.cue_start < o.end for o in here)]
            source = max(here, key=lambda q: q.cue_start) if here else previous
            speaker = _carried_speaker(source) if source is not None else (None, None)
            relations.append(Quote(span[0], span[1], "direct", *speaker, quoted=[span],
                                   others=source.others if source is not None else None))
            last = (span, relations[-1])
    return _drop_nested(_drop_chained([q for q in relations if q.start >= 0 and q.end > q.start], text), text)


def _words(text: str, a: int, b: int) -> set[int]:
    return {m.start() for m in re.finditer(r"\w+", text[a:b])}


def _drop_chained(quotes: list[Quote], text: str) -> list[Quote]:
    """A cue whose content opens with another cue that says nearly the same ('expressed concern that X',
    'tried to rebuke X') is one multi-word cue: the inner relation, whose content leaves the cue words
    out, stands for both (PolNeAR annotates 'expressed concern' as the cue, 'that X' as the content). So
    does a cue with a subject of its own inside a partly quoted content ('said they were "concerned" that
    X'): on the even PolNeAR records the gold holds the inner relation about three times as often."""
    drop = set()
    for i, q in enumerate(quotes):  # one cue found twice (a noun's that-clause by the model and by its rule)
        twin = next((o for o in quotes[:i] if o.cue_start is not None and o.cue_start == q.cue_start and
                     id(o) not in drop and _overlap((o.start, o.end), (q.start, q.end)) * 2 > q.end - q.start), None)
        if twin is not None:
            drop.add(id(q) if q.speaker_start is None or twin.speaker_start is not None else id(twin))
    for outer in quotes:
        if outer.kind == "direct" or outer.cue_start is None or id(outer) in drop:
            continue
        for inner in quotes:
            if inner is outer or inner.cue_start is None or id(inner) in drop or \
                    not outer.start <= inner.cue_start < outer.end:
                continue
            own_subject = inner.speaker_start is not None and outer.start <= inner.speaker_start < outer.end
            if len(re.findall(r"\w+", text[outer.start:inner.cue_start])) > 2 and \
                    not (outer.kind == "partial" and own_subject):
                continue
            a, b = _words(text, outer.start, outer.end), _words(text, inner.start, inner.end)
            a, b = {x + outer.start for x in a}, {x + inner.start for x in b}
            if len(a & b) * 2 >= len(a | b):
                drop.add(id(outer))
                if inner.speaker_start is None:  # 'the senator expressed concern that ...'
                    inner.speaker_start, inner.speaker_end = outer.speaker_start, outer.speaker_end
                    inner.referent = outer.referent
                break
    return [q for q in quotes if id(q) not in drop]


# An attribution clause longer than this inside a content span is not one ('"A," said X, who ... "B"' is).
MAX_INNER_ATTRIBUTION = 300
_ATTRIBUTION_TAIL = re.compile(r"[^,;:\"“”«»—–()]*,")
_PIECE_EDGES = _MARKS_AND_PUNCT + "—–-"  # stripped from both ends of a content piece


def _content_pieces(q: Quote, text: str) -> list[tuple[int, int]]:
    """What a relation reports: a direct quote's quoted pieces, else its span without its own cue and
    speaker when they sit inside it ('The plans are "reckless," said X, an economist. "They ..."', 'The
    economy, he said, is weak'): a word is content or attribution, never both."""
    if q.kind == "direct" and q.quoted:
        return list(q.quoted)
    ends = [x for x in (q.cue_start, q.cue_end, q.speaker_start, q.speaker_end) if x is not None]
    if len(ends) < 2:
        return [(q.start, q.end)]
    a, b = min(ends), max(ends)
    if not (q.start < a and b < q.end and b - a <= MAX_INNER_ATTRIBUTION):
        return [(q.start, q.end)]
    # the attribution clause runs on to its comma ('the minister said on Monday, is weak') ...
    tail = _ATTRIBUTION_TAIL.match(text, b, q.end)
    if tail is not None and len(re.findall(r"\w+", tail.group())) <= 8:
        b = tail.end()
    # ... and the speaker's description to the next quotation ('said X, an economist. "B"')
    b = min((x for x, _ in q.quoted or [] if x >= b), default=b)
    pieces = []
    for x, y in ((q.start, a), (b, q.end)):
        piece = text[x:y]
        x, y = x + len(piece) - len(piece.lstrip(_PIECE_EDGES)), y - len(piece) + len(piece.rstrip(_PIECE_EDGES))
        if re.search(r"\w", text[x:y]):
            pieces.append((x, y))
    return pieces or [(q.start, q.end)]


# How far (characters) 'according to Y' may follow the cue of the quotation it relays ('X said at a press
# conference after a rally, according to Y').
RELAY_REACH = 80


# Between the parts of 'X, according to Y, said': commas, dashes and perhaps an adverb ('also'), no clause.
_ATTRIBUTION_GAP = re.compile(r"[\s,—–-]*(?:\w+ly\s+|also\s+)?")


def _source_span(o: Quote, text: str) -> tuple[int, int]:
    """The span of an 'according to Y' relation's source, without a quotation glued to it ('TIME."How')."""
    glued = re.search(r"[.,;:!?]*[\"“”«»„]", text[o.speaker_start:o.speaker_end])
    return o.speaker_start, o.speaker_start + glued.start() if glued else o.speaker_end


def _drop_nested(quotes: list[Quote], text: str) -> list[Quote]:
    """A cue inside what another relation reports ('Smith said he believes X', '"I think they said no," he
    said') is part of that content, not a second utterance to list: the outer relation stands for it.
    Attribution annotation is univocal this way (PolNeAR: each word in at most one relation). Measured on
    PolNeAR dev: F1 0.742 -> 0.747, held-out odd records 0.712 -> 0.720; a learned choice between the outer
    and the inner relation (cue words, confidences, kinds, offsets) did no better on the odd records."""
    pieces = {id(q): _content_pieces(q, text) for q in quotes}

    def inside(q: Quote, o: Quote) -> bool:  # q's cue lies in what o reports
        return o is not q and q.cue_start is not None and any(a <= q.cue_start < b for a, b in pieces[id(o)])

    # '"...," X said, according to Y': the relation is Y's (PolNeAR's univocal annotation, kept), but the words
    # are X's, with X's cue; Y is where the reporter had them
    relayed, channelled = {}, {}
    for o in quotes:
        if o.cue_start is not None and not o.channel and \
                " ".join(text[o.cue_start:o.cue_end].lower().split()) in source_adpositions()[0]:
            inner = [q for q in quotes if inside(q, o) and q.speaker_start is not None and
                     q.cue_end <= o.cue_start <= q.cue_end + RELAY_REACH and  # a quotation is X's: '"...," X said'
                     (q.quoted or any(b <= q.cue_start for _, b in o.quoted or []))]
            if inner:
                relayed[id(o)] = max(inner, key=lambda q: q.cue_start)
            # 'The A.G., according to the Times, said he had misspoken': set inside X's attribution, Y is only
            # where the reporter had X's words; X's relation stands, with Y as its channel
            told = [q for q in quotes if inside(q, o) and q.speaker_end is not None and q.cue_start is not None and
                    q.speaker_end <= o.cue_start and o.speaker_end is not None and o.speaker_end <= q.cue_start and
                    q.start >= 0 and _ATTRIBUTION_GAP.fullmatch(text[q.speaker_end:o.cue_start]) and
                    _ATTRIBUTION_GAP.fullmatch(text[o.speaker_end:q.cue_start])]
            if told:
                channelled[id(o)] = told[0]

    def quoted_in(q: Quote, o: Quote) -> bool:
        return q.cue_start is not None and any(a <= q.cue_start < b for a, b in o.quoted or [])

    through = {id(q) for q in channelled.values()}

    def dropped(q: Quote) -> bool:
        if id(q) in channelled:
            return True
        for o in quotes:
            if not inside(q, o) or id(q) in through and id(o) in channelled:
                continue
            if not inside(o, q):
                return True
            # each inside the other ('"It is going according to plan," said X'): the one cued inside the
            # other's quotation marks goes, else the less certain one (the later one on a tie)
            mine, theirs = quoted_in(q, o), quoted_in(o, q)
            if mine if mine != theirs else (q.confidence or 0.5, -q.cue_start) < (o.confidence or 0.5, -o.cue_start):
                return True
        return False

    kept = [q for q in quotes if not dropped(q)]
    for o in quotes:
        q = channelled.get(id(o))
        if q is not None and not q.channel:
            q.channel = _source_span(o, text)
    for o in kept:
        q = relayed.get(id(o))
        if q is not None:
            o.pieces = pieces[id(o)]
            o.channel = _source_span(o, text)
            o.speaker_start, o.speaker_end, o.referent, o.others = q.speaker_start, q.speaker_end, q.referent, q.others
            o.cue_start, o.cue_end, o.act = q.cue_start, q.cue_end, q.act
    return kept


def _speaker_entity(q: Quote, index: EntityIndex, text: str, parsed: bool = True) -> tuple[Entity | None, str | None]:
    """The referent a speaker span names, and the name to show for it. The span's head word says who
    speaks ('Russian President Vladimir Putin', 'the White House', 'the Russian leader'); a name that only
    modifies it does not ('the Republican governor', 'a White House official', "Obama's spokesman" are
    people the text leaves unnamed here), nor does a nationality or party word for one person ('the Arizona
    Republican'; 'Republicans' are the party). A seat of power that stands for its country keeps its own
    name on display ('White House', with the United States as its referent). Without a parse the speaker
    is the words beside a cue, whose head the language's word order places ('el ministro de Economía'): a
    name anywhere in them speaks, and a speaker no entity names keeps those words (`speaker_name`)."""
    if q.speaker_start is None:
        return None, None
    a, b = q.referent or (q.speaker_start, q.speaker_end)
    words = list(re.finditer(r"\w+", text[a:b]))
    head = a + words[-1].start() if words and parsed else a
    plural = not parsed or words and words[-1].group().endswith("s")
    groups = {"ORG", "GPE", "LOC", "FAC", "MISC"} | ({"NORP"} if plural else set())
    found = index.mention_at(head, b, {"PERSON"}) or index.mention_at(head, b, groups)
    if found is None and words and words[-1].group().lower() in _BODY_NOUNS:
        found = index.mention_at(a, head, {"ORG", "GPE"})  # 'Vanity Fair magazine', 'the Kremlin press office'
    if found is None:
        last = words[-1].group().lower() if words else None
        # a surname the tagger missed: of the people so named, the one named in full most often, then the one
        # named last before it ('Jane Sanders ... Sanders ticked off' is Bernie), as the entities' own
        # clustering ranks them
        named = [e for e in index.entities if e.type == "PERSON" and last and [last] == e.key.split()[-1:]]
        entity = max(named, key=lambda e: (sum(len(m.name.split()) > 1 for m in e.mentions),
                                           max((m.start for m in e.mentions if m.start < a), default=-1))) \
            if named else None
        if entity is not None or not parsed:
            return entity, entity.name if entity else None
        # described, not named: said as written where the relation is speech and its subject is not a
        # relative pronoun whose antecedent the parse guessed ('the ire of Justice Scalia, who said'); one
        # right after its antecedent stands for it ('Democratic lawmakers who complained that')
        own = re.findall(r"\w+", text[q.speaker_start:q.speaker_end].lower())[-1:]
        speech = q.act == "speech" or q.kind != "indirect"
        beside = q.referent is not None and own and (own[0] == "they" or own[0] in _RELATIVE and
                                                     re.fullmatch(r"[\s,]*", text[q.referent[1]:q.speaker_start]))
        return None, _description(text[a:b]) if speech and own and (own[0] not in _UNNAMED_HEADS or beside) else None
    entity, mention = found
    return entity, mention.name if mention.how == "metonym" else entity.name


# Head nouns that name an organisation by its kind: the name before them is the speaker.
_BODY_NOUNS = frozenset("magazine newspaper paper network channel broadcaster company firm corporation party agency "
                        "office ministry department group groups organization organisation board committee council "
                        "commission".split())
_UNNAMED_HEADS = _PERSON_PRONOUNS | _RELATIVE | {"whose", "his", "her", "its", "their", "my", "our"} | frozenset(
    "it this these those one some others many all both few several most any each either neither none much "
    "little close someone somebody anyone anybody everyone everybody nobody".split())


def _description(words: str) -> str | None:
    """A speaker the text describes without naming ('a senior Treasury official', "Trump's campaign"), as
    written: what a reader is told of who speaks. None for a pronoun, which names no one by itself."""
    words = " ".join(words.split()).strip(_MARKS_AND_PUNCT + "’—–-")
    last = re.findall(r"\w+", words.lower())[-1:]
    if not last or last[0] in _UNNAMED_HEADS or len(words) > 80:
        return None
    return re.sub(r"^(?:The|A|An)\b", lambda m: m.group().lower(), words)  # 'The source' opening a sentence


# A pair of people the text has named: 'the two leaders', 'both men' (not 'two officials', who are unnamed).
_PAIR = re.compile(r"(?:the\s+two|both(?:\s+the)?)\s+(?:\w+\s+)?(?:leaders|presidents|men|women|ministers|"
                   r"heads\s+of\s+state|candidates|senators|premiers|chancellors|politicians)", re.I)


# How far back (characters) the two people a pair description stands for must both have been named.
PAIR_REACH = 600


def _pair_named(q: Quote, index: EntityIndex, text: str) -> list[Entity]:
    """The two people a pair description stands for: the two persons last named before it, in the order
    the text first names them."""
    if q.speaker_start is None or not _PAIR.fullmatch(" ".join(text[q.speaker_start:q.speaker_end].split())):
        return []
    last = {}
    for e in (e for e in index.entities if e.type == "PERSON"):
        ends = [m.end for m in e.mentions if q.speaker_start - PAIR_REACH <= m.start and m.end <= q.speaker_start
                and m.how in {"ner", "alias", "role"}]
        if ends:
            last[e.key] = (max(ends), e)
    two = [e for _, e in sorted(last.values(), key=lambda t: -t[0])[:2]]
    return sorted(two, key=lambda e: min(m.start for m in e.mentions)) if len(two) == 2 else []


def _speakers(q: Quote, index: EntityIndex, text: str, parsed: bool) -> list[tuple[Entity | None, str | None]]:
    """Who speaks, as (referent, name to show): one speaker, or each of a joint statement's ('Erdogan and
    Putin agreed', 'the two leaders said')."""
    pair = _pair_named(q, index, text) if parsed else []
    if pair:
        return [(e, e.name) for e in pair]
    out = [_speaker_entity(q, index, text, parsed)]
    if out[0][0] is None:  # 'lobbyist and GOP strategist Charlie Black': one person, described twice
        return out
    for a, b in q.others or []:
        other = _speaker_entity(replace(q, speaker_start=a, speaker_end=b, referent=None), index, text, parsed)
        if other[1] and all(other[1] != name and (other[0] is None or other[0] is not e) for e, name in out):
            out.append(other)
    return out


def _to_dict(q: Quote, index: EntityIndex, text: str, parsed: bool = True) -> dict:
    speakers = _speakers(q, index, text, parsed)
    entity, name = speakers[0]
    joint = [{"speaker": n, "speaker_id": e.key if e else None} for e, n in speakers] if len(speakers) > 1 else None
    return {"start": q.start, "end": q.end, "text": text[q.start:q.end], "kind": q.kind,
            "speaker": name or q.speaker_name, "speaker_id": entity.key if entity else None,
            "speakers": joint,
            "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
            "speaker_text": text[q.speaker_start:q.speaker_end] if q.speaker_start is not None else None,
            "cue": text[q.cue_start:q.cue_end] if q.cue_start is not None else None,
            "cue_start": q.cue_start, "cue_end": q.cue_end,
            "confidence": None if q.confidence is None else round(q.confidence, 3),
            "act": "speech" if q.quoted or q.kind != "indirect" else q.act,
            "channel": {"start": q.channel[0], "end": q.channel[1], "text": text[q.channel[0]:q.channel[1]]}
            if q.channel else None,
            "quoted": [{"start": a, "end": b, "text": text[a:b]} for a, b in q.quoted or []],
            "content": [{"start": a, "end": b, "text": text[a:b]} for a, b in q.pieces or _content_pieces(q, text)]}


# Languages whose parse the cue model and the rules below were made for (learned on PolNeAR's English). A
# parse in another language (French) has other lemmas and other dependency labels: its quotes are found
# as a language without a parse has them, by the speech cues beside the quotation marks.
PARSED_LANGUAGES = frozenset({"en"})


def find_quotes(parsed: Parsed, index: EntityIndex) -> dict:
    cues = speech_cues(parsed.language)
    if cues is not None and cues.language not in PARSED_LANGUAGES:
        parsed = replace(parsed, paragraphs=[replace(p, doc=None) for p in parsed.paragraphs])
    quotes: list[Quote] = []
    previous: Quote | None = None
    get_cue_lexicon().prefetch({t.lemma_.lower() for p in parsed.paragraphs if p.doc is not None for t in p.doc
                                if t.pos_ in _POS_GROUPS and t.lemma_.isalpha()})
    cues = cues if any(p.doc is None for p in parsed.paragraphs) else None
    before: ParsedParagraph | None = None
    for para in parsed.paragraphs:
        found = _paragraph_quotes(para, parsed.text, previous, cues, before)
        before = para
        quotes.extend(found)
        direct = [q for q in found if q.kind == "direct" and q.speaker_start is not None]
        previous = direct[-1] if direct else None
    quotes.sort(key=lambda q: q.start)
    if cues is not None:
        _pronoun_speakers(quotes, parsed.text, cues, index)
    _nearest_person_speakers(quotes, index, parsed.text)
    _chained_pronoun_speakers(quotes, index, parsed.text)
    if cues is None:
        _document_speakers(quotes, parsed)
    return {"version": VERSION, "quotes": [_to_dict(q, index, parsed.text, cues is None) for q in quotes]}


# How far (characters) 'he said' after a quote looks back to the speaker of the quote before it.
CHAIN_REACH = 300

# Documents that speak for whoever issued them: 'a statement from X said', 'X issued a statement calling ...',
# 'X said in a statement. ... "...," the statement continued'.
DOCUMENT_NOUNS = frozenset("""statement letter memo memorandum release ad advertisement post tweet email resolution
transcript op-ed speech remark""".split())  # not 'video': footage shows what others said and did
_ISSUING = frozenset("issue release send write post publish sign draft circulate put tweet".split())
# How far (characters) 'the statement said' looks back to the statement whose issuer it names.
DOCUMENT_REACH = 1500


def _issuer(doc: Token) -> Token | None:
    """Who issued a document the parse names: 'X said in a statement (released by his campaign)', 'X issued a
    statement', "X's statement", 'a statement from X', 'a memo circulated by X'; the first of these that names
    someone."""
    head, found = doc.head, []
    if doc.dep_ == "pobj" and head.lower_ == "in" and head.head.pos_ in {"VERB", "AUX"}:
        found.append(_speaker_token(head.head))
    if doc.dep_ == "dobj" and head.lemma_.lower() in _ISSUING:
        found.append(_speaker_token(head))
    for child in doc.children:
        if child.dep_ == "poss":  # "Akin's ad", 'the campaign's statement'
            found.append(child)
        if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
            found.append(next((g for g in child.children if g.dep_ == "pobj"), None))
        if child.dep_ == "acl" and child.tag_ == "VBN":
            agent = next((g for g in child.children if g.dep_ == "agent"), None)
            found.append(next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None)
    # 'the statement from Grimm's attorney, William McGinley': the person the described issuer is named as
    found = [next((c for c in t.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), t)
             if t is not None and t.pos_ == "NOUN" else t for t in found]
    return next((t for t in found if person_like(t) and t.lemma_.lower() not in DOCUMENT_NOUNS), None)


def _document_speakers(quotes: list[Quote], parsed: Parsed) -> None:
    """A quote whose speaker is a document ('the statement continued') is the words of the document's issuer,
    named where the document is ('a statement from X') or where the article brought it up before ('X said
    in a statement'); the document becomes the quote's channel."""
    issued: list[tuple[int, str, tuple[int, int]]] = []  # (where, lemma, issuer span) per document
    for para in parsed.paragraphs:
        if para.doc is None:
            continue
        for tok in para.doc:
            lemma = tok.lemma_.lower()
            if tok.pos_ == "NOUN" and lemma in DOCUMENT_NOUNS:
                issuer = _issuer(tok)
                if issuer is not None:
                    issued.append((para.start + tok.idx, lemma,
                                   _speaker_span(_past_dateline(issuer, tok) or issuer, para.start)))
    if not issued:
        return
    for q in quotes:
        if q.speaker_start is None or q.channel is not None or q.referent is not None:
            continue
        head = re.findall(r"[\w-]+", parsed.text[q.speaker_start:q.speaker_end])
        lemma = head[-1].lower() if head else ""
        if lemma.rstrip("s") in DOCUMENT_NOUNS and lemma not in DOCUMENT_NOUNS:
            lemma = lemma.rstrip("s")
        if lemma not in DOCUMENT_NOUNS:
            continue
        own = [d for d in issued if q.speaker_start <= d[0] < q.speaker_end]
        before = [d for d in issued if d[1] == lemma and q.speaker_start - DOCUMENT_REACH <= d[0] < q.speaker_start]
        found = own[-1] if own else before[-1] if before else None
        if found is not None:
            q.channel = (q.speaker_start, q.speaker_end)
            q.speaker_start, q.speaker_end = found[2]
            q.others = None


def _chained_pronoun_speakers(quotes: list[Quote], index: EntityIndex, text: str) -> None:
    """'"...," Issa said, adding that he wants to know what Clinton was empowered to say. "...," he said':
    a 'he'/'she' cue in the sentence right after another quote is that quote's speaker going on, not the
    last person named in between, when the sex the text gives that speaker does not rule the pronoun out."""
    named: Quote | None = None
    for q in quotes:
        if q.speaker_start is None or q.cue_start is None:
            continue
        pronoun = text[q.speaker_start:q.speaker_end].lower()
        # a role the article gives no one named ('"...," the Texas governor continues' after '"...," says Perry'),
        # which stands for the speaker going on as a pronoun would
        described = bare_role(text[q.speaker_start:q.speaker_end]) \
            if pronoun not in {"he", "she"} and q.referent is None else None
        role = described is not None and index.at(q.speaker_start, q.speaker_end, {"PERSON"}) is None and \
            not any(titled(text, e, described[0], described[1], len(text), described[2])
                    for e in index.entities if e.type == "PERSON")  # 'Sen. Tom Baker' for 'the longtime senator'
        if pronoun not in {"he", "she"} and not role:
            if q.act == "speech" or q.quoted:
                named = q
            continue
        if named is None or q.referent is not None or q.cue_start - named.end > CHAIN_REACH:
            continue
        said = max(x for x in (named.end, named.cue_end, named.speaker_end) if x is not None)
        if len(re.findall(r"\w+", text[said:min(q.start, q.cue_start)])) >= 3:
            continue  # 'But Justice Scalia was unconvinced. "...," he told': a sentence, and a person, in between
        quoted = q.quoted or []
        if any(said <= m.start < q.cue_start and m.how == "ner" and not any(a <= m.start < b for a, b in quoted)
               for e in index.entities if e.type == "PERSON" for m in e.mentions):
            continue  # '... because Mr. Emanuel wanted him to stay, so he considered "..."
        span = named.referent or (named.speaker_start, named.speaker_end)
        person = index.at(*span, {"PERSON"})
        if person is not None and (role or person_sex(text, person) in (PRONOUN_SEX[pronoun], None)):
            q.referent = span


def _pronoun_speakers(quotes: list[Quote], text: str, cues: SpeechCues, index: EntityIndex) -> None:
    """Without a parse, 'sagte er' stands for the last speaker named before it, and so does a cue with no
    subject ('"...", dijo.'); before any speaker is named, a pronoun stands for the one person named in the
    text just before it ('Le ministre Jean Dupont a parlé lundi. « ... », a-t-il poursuivi.')."""
    named: tuple[int, int] | None = None
    quoted = [(q.start, q.end) for q in quotes]
    for q in quotes:
        if q.speaker_start is None or q.speaker_end is None:
            if q.cue_start is not None and named is not None:
                q.speaker_start, q.speaker_end = named
                q.speaker_name = text[named[0]:named[1]]
            continue
        span = q.referent or (q.speaker_start, q.speaker_end)
        if not is_pronoun(text[span[0]:span[1]], cues):
            named = span
            q.speaker_name = text[span[0]:span[1]]
        elif named is not None:
            q.referent, q.speaker_name = named, text[named[0]:named[1]]
        else:
            q.speaker_name = None
            at = min(span[0], q.start)
            near = [(m.start, m.end, e.key) for e in index.entities if e.type == "PERSON" for m in e.mentions
                    if at - CHAIN_REACH <= m.start and m.end <= at and not any(a <= m.start < b for a, b in quoted)]
            if len({key for _, _, key in near}) == 1:  # two people named before it: the pronoun could be either
                named = q.referent = max(near)[:2]
                q.speaker_name = text[named[0]:named[1]]


# Words before a name that make its person the one spoken to ('writing a letter to Steele', 'told Smith'), not
# 'according to'.
_ADDRESSEE_BEFORE = re.compile(r"(?:(?<!according)\s+to|\btold|\btells|\btelling|\basked|\bwarned|\burged)"
                               r"\s+(?:[A-Z][a-z]{0,4}\.\s+)?$")  # a title may come between: 'to Sen. X


def _nearest_person_speakers(quotes: list[Quote], index: EntityIndex, text: str) -> None:
    """A quote with no cue and no earlier speaker is most often by the person named just before it
    ('17-year-old Jared Potts explained.\n\n"He speaks his mind..."')."""
    names = sorted((m.start, m.end) for e in index.entities if e.type == "PERSON" for m in e.mentions
                   if m.how in {"ner", "alias", "role"} and
                   not _ADDRESSEE_BEFORE.search(text[max(0, m.start - 30):m.start]))
    for q in quotes:
        if q.speaker_start is not None or q.cue_start is not None:
            continue
        before = [n for n in names if q.start - UNCUED_SPEAKER_REACH <= n[0] and n[1] <= q.start]
        if before:
            q.speaker_start, q.speaker_end = before[-1]
