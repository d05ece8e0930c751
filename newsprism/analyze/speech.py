"""Who speaks a direct quote where no parser exists for the language: the words beside a speech cue that
sits next to the quotation marks.

News prose in every language of the corpora attributes a quote the same few ways: the cue and the
speaker right after the closing mark ('„...“, sagte Kanzlerin Merkel', '"...", dijo el ministro'), the
speaker before the cue ('"...", Merkel sagte', 'Erdoğan şunları söyledi: "..."'), or the speaker
opening the sentence and the cue after the quote ('Erdoğan, "..." dedi'). The cues are inflected forms
listed per language in newsprism/data/speech_verbs.json (no lemmatiser here); the speaker is a run of
capitalised words (a name), a pronoun (standing for the last named speaker), or a short description
opened by an article ('el ministro'). Each cue with a speaker becomes a relation with no content of its
own, which the quote finder pairs with the quotation marks beside it, as it pairs parsed cues.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .sentences import is_abbreviation

__all__ = ["SpeechCues", "speech_cues", "source_adpositions", "cue_speakers", "reported_content", "is_pronoun",
           "stop_words", "alternation"]

# What ends the stretch of words a speaker is read from: punctuation, quotation marks, line breaks; not
# the full stop of an initial or a title ('Kevin D. Williamson', 'Dr. Fauci', 'Sra. Ayuso').
_BOUNDARY = re.compile(r"[.!?;:,\"“”«»„()\n]|''")
_QUOTED = re.compile(r"[“\"„«][^“”\"«»„]*[”\"“»]")


def _boundaries(text: str, a: int, b: int) -> list[tuple[int, int]]:
    return [m.span() for m in _BOUNDARY.finditer(text, a, b)
            if m.group() != "." or not is_abbreviation(text[max(a, m.start() - 12):m.end()])]


def _masked(text: str, a: int, b: int) -> str:
    """text[a:b] with every closed quotation blanked out: its sentence ends are not the sentence's."""
    return _QUOTED.sub(lambda m: "x" * len(m.group()), text[a:b])


def _sentence_start(text: str, para_start: int, pos: int) -> int:
    """Where the sentence holding `pos` starts, sentence ends inside quotations aside."""
    ends = list(re.finditer(r"[.!?]\s+", _masked(text, para_start, pos)))
    return para_start + (ends[-1].end() if ends else 0)


_WORD = re.compile(r"[\w'’.-]+")
# Most words a description before a cue holds ('the senator', 'Erdoğan şunları').
MAX_SPEAKER_WORDS = 6
# Particles inside a name ('Ursula von der Leyen', 'Bashar al-Assad', 'Luis de Guindos').
_PARTICLES = frozenset("de del della di da van von der den al el la bin ibn dos das du le".split())
_AND = frozenset("and und y e et i ve en".split())


@dataclass(frozen=True)
class SpeechCues:
    language: str
    cue: re.Pattern[str]
    after_quote: re.Pattern[str] | None
    articles: frozenset[str]
    pronouns: frozenset[str]
    stop: frozenset[str]
    speaker_after: frozenset[str] = frozenset()  # prepositions: 'según X', 'laut X', 'according to X'
    speaker_before: frozenset[str] = frozenset()  # postpositions: 'X zufolge', "Erdoğan'a göre"
    complementizers: str = ""  # regex alternation: 'that', 'dass', 'que' ... ('' when the file lists none)
    auxiliaries: frozenset[str] = frozenset()  # 'a', 'ha': between the speaker and a participle ('X a déclaré')
    clitic: re.Pattern[str] | None = None  # a subject pronoun hyphened to the verb ('explique-t-elle', 'a-t-il')
    passive: frozenset[str] = frozenset()  # 'été', 'sido': the participle after it is passive, no cue
    objects: frozenset[str] = frozenset()  # object pronouns before an auxiliary: 'lo ha dicho el ministro'


def alternation(forms: Iterable[str]) -> str:
    """A regex alternation of the forms, longest first (so 'ifade etti' wins over a shorter prefix), a space
    in a form matching any run of whitespace."""
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(set(forms), key=len, reverse=True))


@lru_cache(maxsize=None)
def stop_words(language: str | None) -> frozenset[str]:
    """spaCy's stop list for the language (sentence-initial 'Dazu', 'Aber' are not names), if it has one."""
    try:
        from spacy.util import get_lang_class

        return frozenset(w.lower() for w in get_lang_class((language or "").split("-")[0].lower()).Defaults.stop_words)
    except Exception:  # no spaCy, or no language data for this code
        return frozenset()


@lru_cache(maxsize=1)
def _speech_data() -> dict:
    return json.loads(resources.files("newsprism.data").joinpath("speech_verbs.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def source_adpositions() -> tuple[frozenset[str], frozenset[str]]:
    """The words that name a source rather than report an act, in every language the file lists, lowercased:
    prepositions ('according to', 'laut', 'selon') and postpositions ('zufolge', 'göre')."""
    entries = _speech_data().get("languages", {}).values()
    return (frozenset(w.lower() for e in entries for w in e.get("prepositions") or []),
            frozenset(w.lower() for e in entries for w in e.get("postpositions") or []))


@lru_cache(maxsize=None)
def speech_cues(language: str | None) -> SpeechCues | None:
    """The speech cues of a language from speech_verbs.json, or None when the file has none for it."""
    code = (language or "").split("-")[0].lower()
    entry = _speech_data().get("languages", {}).get(code)
    if not entry or not entry.get("verbs"):
        return None
    after = entry.get("after_quote") or []
    pronouns = frozenset(p.lower() for p in entry.get("pronouns") or [])
    before_name, after_name = entry.get("prepositions") or [], entry.get("postpositions") or []
    verbs = list(entry["verbs"]) + before_name + after_name
    clitics = alternation(entry.get("clitics") or [])
    clitic = re.compile(rf"-(?:t-)?({clitics})(?![\w'’-])", re.I) if clitics else None
    suffix = rf"(?:-(?:t-)?(?:{clitics}))?" if clitics else ""
    return SpeechCues(code, re.compile(rf"(?<![\w'’-])(?:{alternation(verbs)}){suffix}(?![\w'’-])", re.I),
                      re.compile(rf"[“”\"»«]\s*,?\s*((?:{alternation(after)}))(?![\w'’-])", re.I) if after else None,
                      frozenset(a.lower() for a in entry.get("articles") or []), pronouns,
                      stop_words(code) - pronouns,
                      frozenset(w.lower() for w in before_name), frozenset(w.lower() for w in after_name),
                      alternation(entry.get("complementizers") or []),
                      frozenset(a.lower() for a in entry.get("auxiliaries") or []), clitic,
                      frozenset(a.lower() for a in entry.get("passive") or []),
                      frozenset(a.lower() for a in entry.get("object_pronouns") or []))


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _words(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    return [(a + m.start(), a + m.end(), m.group().rstrip(".")) for m in _WORD.finditer(text[a:b])]


def _run(words: list[tuple[int, int, str]], cues: SpeechCues, first: int = 0) -> tuple[int, int] | None:
    """Word indices [i, j) of the first run of capitalised words (particles allowed inside) from
    words[first:], stop words and pronouns aside; a run joined by 'and' to a second one takes it in
    ('Vizekanzler und Sportminister Werner Kogler')."""
    i = first
    while i < len(words) and not (_capitalised(words[i][2]) and words[i][2].lower() not in cues.stop
                                  and words[i][2].lower() not in cues.pronouns):
        i += 1
    if i == len(words):
        return None
    j = i + 1
    while j < len(words) and (_capitalised(words[j][2]) or words[j][2].lower() in _PARTICLES and
                              j + 1 < len(words) and _capitalised(words[j + 1][2]) or
                              words[j][2].lower() in _AND and j + 1 < len(words) and _capitalised(words[j + 1][2])):
        j += 1
    return i, j


def _name_run(words: list[tuple[int, int, str]], cues: SpeechCues) -> tuple[int, int] | None:
    found = _run(words, cues)
    return (words[found[0]][0], words[found[1] - 1][1]) if found else None


def _description(words: list[tuple[int, int, str]], cues: SpeechCues) -> tuple[int, int] | None:
    """A lone pronoun, or an article and the words after it up to the first function word ('el órgano en
    un comunicado' -> 'el órgano', 'the senator')."""
    if words and words[0][2].lower() in cues.pronouns:
        return words[0][0], words[0][1]
    if not words or words[0][2].lower() not in cues.articles:
        return None
    j = 1
    while j < len(words) and j <= 3 and words[j][2].lower() not in cues.stop:
        j += 1
        # German capitalises nouns: the description ends with its first one ('der 48-Jährige [mehrmals]',
        # 'der türkische Präsident')
        if cues.language == "de" and _capitalised(words[j - 1][2].split("-")[-1]):
            break
    return (words[0][0], words[j - 1][1]) if j > 1 else None


def _before(text: str, para_start: int, cue_start: int, cues: SpeechCues) -> tuple[int, int] | None:
    """The speaker in the words between the last boundary and the cue ('"...," Smith said')."""
    bounds = _boundaries(text, para_start, cue_start)
    a = bounds[-1][1] if bounds else para_start
    words = _words(text, a, cue_start)
    if words and cues.clitic is not None:  # '..., a-t-il poursuivi': the pronoun after the auxiliary
        inverted = cues.clitic.search(words[-1][2])
        if inverted and words[-1][2][:inverted.start()].lower() in cues.auxiliaries:
            return words[-1][0] + inverted.start(1), words[-1][0] + inverted.end(1)
    if words and words[-1][2].lower() in cues.passive:
        return None  # 'il a été déclaré inapte': declared, not declaring
    while words and words[-1][2].lower() in cues.auxiliaries:  # 'Le bourgmestre a indiqué'
        words = words[:-1]
    elided = re.match(r"\w+['’](\w+)$", words[-1][2]) if words else None
    if elided and elided.group(1).lower() in cues.pronouns:  # "ce qu'il a affirmé"
        return words[-1][0] + elided.start(1), words[-1][1]
    if not words or len(words) > MAX_SPEAKER_WORDS:
        return None
    if words[-1][2].lower() in cues.pronouns:
        return words[-1][0], words[-1][1]
    if words[0][2].lower() in cues.articles and len(words) > 1:  # 'Der türkische Präsident sagte'
        return words[0][0], words[-1][1]
    found = _run(words, cues)
    if found is None:
        return None
    i, j = found
    rest = [w for w in words[j:] if w[2].lower() not in cues.stop]
    if i == 0 and j == 1 and 0 < len(rest) <= 2 and len(words) - j <= 2:
        return words[0][0], words[-1][1]  # 'Szwedzki polityk oświadczył': the capital opens the sentence
    return words[i][0], words[j - 1][1]


def _subject_before(text: str, para_start: int, cue_start: int, cues: SpeechCues) -> bool:
    """'un candidat a déclaré une gastro-entérite', 'acusados ... han reconocido los hechos': an auxiliary
    after a word of its own clause has its subject before it, so the words after the participle are its
    object. Only an auxiliary that opens its clause ('», a déclaré le ministre', 'lo ha dicho el ministro')
    has the subject after the cue."""
    bounds = _boundaries(text, para_start, cue_start)
    words = _words(text, bounds[-1][1] if bounds else para_start, cue_start)
    return len(words) >= 2 and words[-1][2].lower() in cues.auxiliaries and \
        words[-2][2].lower() not in cues.objects | cues.auxiliaries


def _after(text: str, cue_end: int, para_end: int, cues: SpeechCues) -> tuple[int, int] | None:
    """The speaker right after the cue ('sagte Captain Tom Moore seinen ...', 'dijo el ministro', 'sagte er'):
    an article and up to three more words may come before the name."""
    bounds = _boundaries(text, cue_end, para_end)
    words = _words(text, cue_end, bounds[0][0] if bounds else para_end)
    if not words:
        return None
    if words[0][2].lower() in cues.pronouns:
        return words[0][0], words[0][1]
    found = _run(words, cues)
    if found is None or found[0] >= 4:  # no name among the first words: a description or nothing
        return _description(words, cues)
    i, j = found
    if any(_capitalised(w[2]) and w[2].lower() not in cues.articles for w in words[:i]):
        return _description(words, cues)
    if i > 0 and words[0][2].lower() not in cues.articles and j - i < 2:
        return None  # 'powiedział przed modlitwą Angelus': a place or a time, not who spoke
    # with the description in front when an article opens it ('el presidente de la Orquesta'); other words
    # before a name are as often a time or a place as a title ('dijo este martes Fernando Simón')
    if i > 0 and words[0][2].lower() in cues.articles and j <= MAX_SPEAKER_WORDS:
        return words[0][0], words[j - 1][1]
    return words[i][0], words[j - 1][1]


def _sentence_opening(text: str, para_start: int, cue_start: int, cues: SpeechCues) -> tuple[int, int] | None:
    """'Erdoğan, "..." dedi': a name that opens the sentence, set off by a comma."""
    a = _sentence_start(text, para_start, cue_start)  # the quote before the cue holds sentences of its own
    comma = re.match(r"\s*([^,\"“”«»„]{1,80}?),\s*[\"“«„]", text[a:cue_start])
    if not comma:
        return None
    words = _words(text, a + comma.start(1), a + comma.end(1))
    return _name_run(words, cues) if 0 < len(words) <= 4 else None


def _closes_quote(text: str, para_start: int, cue_start: int) -> bool:
    return bool(re.search(r"[”\"»“]\s*,?\s*$", text[max(para_start, cue_start - 4):cue_start]))


def cue_speakers(text: str, para_start: int, para_end: int,
                 cues: SpeechCues) -> list[tuple[int, int, int | None, int | None]]:
    """(cue start, cue end, speaker start, speaker end) for each cue in text[para_start:para_end] whose
    speaker the words beside it give; speaker None for a cue right after a quote with nothing after it
    ('"...", dijo.': the subject left out, as languages that drop it do, is the last speaker named)."""
    out: list[tuple[int, int, int | None, int | None]] = []
    found = [(m.start(), m.end(), None) for m in cues.cue.finditer(text, para_start, para_end)]
    if cues.after_quote is not None:
        found += [(*m.span(1), "after") for m in cues.after_quote.finditer(text, para_start, para_end)]
    for a, b, side in sorted(found):
        inverted = cues.clitic.search(text, a, b) if cues.clitic is not None else None
        if inverted:  # 'explique-t-elle': the pronoun hyphened to the cue is its subject
            out.append((a, inverted.start(), *inverted.span(1)))
            continue
        word = text[a:b].lower()
        if word in cues.speaker_after:
            side = "after"
        elif word in cues.speaker_before:
            side = "before"
        speaker = (_before(text, para_start, a, cues) if side != "after" else None) or \
            (_after(text, b, para_end, cues) if side != "before" and
             not (side is None and _subject_before(text, para_start, a, cues)) else None) or \
            (_sentence_opening(text, para_start, a, cues) if side is None else None)
        if speaker:
            out.append((a, b, *speaker))
        elif side is None and _closes_quote(text, para_start, a) and re.match(r"\s*[.,;]", text[b:b + 3]):
            out.append((a, b, None, None))
    return out


# Fewest words reported speech without quotation marks must have to count ('..., he said.'); past the
# most, the 'sentence' is a run-on of a scrape (a headline glued to the lead), not one clause.
MIN_REPORTED_WORDS = 4
MAX_REPORTED_WORDS = 50
# '..., Erdogan said in the press conference.': what may follow a cue that closes the reported clause.
MAX_TAIL_WORDS = 6


def reported_content(text: str, para_start: int, para_end: int, cue: tuple[int, int],
                     speaker: tuple[int | None, int | None], cues: SpeechCues) -> tuple[int, int] | None:
    """What a cue reports when its sentence has no quotation marks: the clause after a complementizer, a
    colon or a comma ('X sagte, dass ...', 'X dijo que ...', 'X said: ...', 'X sagte, er sei ...'), else
    the clause before a comma that ends right at the cue ('..., sagte X.', '..., he said.')."""
    a, b = cue
    sentence_start = _sentence_start(text, para_start, a)
    end = re.search(r"[.!?](?=\s|$)", _masked(text, b, para_end))
    sentence_end = b + end.start() if end else para_end
    if re.search(r"[\"“”«»„]|''", text[sentence_start:sentence_end]):
        return None  # a direct quote: the quotation marks say what was said
    left = a if speaker[0] is None else min(a, speaker[0])
    right = b if speaker[1] is None else max(b, speaker[1])
    intro = re.match(rf"\s*(?:,\s*)?(?:{cues.complementizers})\s+|\s*[:,]\s+", text[right:sentence_end], re.I) \
        if cues.complementizers else re.match(r"\s*[:,]\s+", text[right:sentence_end])
    if intro and MIN_REPORTED_WORDS <= len(text[right + intro.end():sentence_end].split()) <= MAX_REPORTED_WORDS:
        return right + intro.end(), sentence_end
    before = text[sentence_start:left].rstrip()
    tail = len(text[right:sentence_end].split())  # 'in the press conference'; not 'the plan has wide support'
    if before.endswith(",") and MIN_REPORTED_WORDS <= len(before.split()) <= MAX_REPORTED_WORDS and tail <= MAX_TAIL_WORDS:
        return sentence_start, sentence_start + len(before) - 1
    return None


def is_pronoun(word: str, cues: SpeechCues) -> bool:
    return word.lower() in cues.pronouns
