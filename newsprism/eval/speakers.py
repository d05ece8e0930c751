"""`newsprism eval speakers --data FILE`: who said it, resolved to a person, on BASIL's quoted bias spans.

PolNeAR (`eval quotes`) scores the speaker span next to the cue, which is a pronoun as often as a name: it
cannot tell whether "he said" was understood as the right person. BASIL's annotators marked, for every
biased phrase inside a quotation, whose words they are (`speaker`, e.g. `Ruth_Bader_Ginsburg`). For each
such span whose label names one person (two or more capitalised parts, none a word for a group such as
Party, Campaign or Lawmakers; `other_*` labels are unnamed), the quote the analysis finds over the span is
scored: right when its speaker (or a co-speaker) is the same person as the label by `same_person` (one
surname and matching given names, or a bare surname). Metrics: the share of spans inside a found quote,
the share of those with a speaker, the accuracy of those speakers, and that accuracy split by how the cue
names the speaker (a name, a pronoun such as "she said", or a description such as "the governor").

Labels are ASCII and cut at the first other letter ('Felipe_Calder' for Calderón), and articles misspell
names ('Vincente Fox'): a name matches a label when, accents folded, the label's surname is the name's or
the part before a letter the label could not hold, and the given names are the same or one letter apart.

Span offsets are into the record's `paragraphs`, whose numbering does not always follow the `id`'s
(`p12`): a span is found by its `txt` in the text, at its offset in some paragraph where it is there.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections import Counter
from itertools import islice
from typing import Any

import click

from ..analyze import analyze_text
from ..analyze.entities import same_person
from ..errors import DataFormatError
from .common import emit_metrics, read_jsonl, write_predictions

__all__ = ["person_label", "gold_spans", "same_speaker", "command"]

# Label parts that make a speaker label a group, not one person ('Obama_campaign', 'Democratic_Lawmakers').
GROUP_WORDS = frozenset("""party campaign lawmakers officials democrats republicans companies administration house
senate committee court department now america""".split())
_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "we", "they"})


def person_label(label: str) -> str | None:
    """'Ruth_Bader_Ginsburg' -> 'Ruth Bader Ginsburg'; None for a group or an unnamed (`other_anti`) label."""
    parts = [p for p in label.split("_") if p]
    if len(parts) < 2 or not all(p[:1].isupper() for p in parts) or {p.lower() for p in parts} & GROUP_WORDS:
        return None
    return " ".join(parts)


def _locate(text: str, paragraph_starts: list[int], span: dict[str, Any]) -> tuple[int, int] | None:
    phrase = str(span.get("txt") or "")
    hits = [m.start() for m in re.finditer(re.escape(phrase), text)] if phrase.strip() else []
    if not hits:
        return None
    at_offset = [h for h in hits if any(h - p == span.get("start") for p in paragraph_starts)]
    start = (at_offset or hits)[0]
    return start, start + len(phrase)


def gold_spans(record: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """The record's quoted bias spans with a one-person speaker label, located in its text, and how many such
    spans could not be located."""
    text, starts, offset = record["text"], [], 0
    for paragraph in record.get("paragraphs") or [text]:
        starts.append(offset)
        offset += len(paragraph) + 2
    out, lost = [], 0
    for span in record.get("bias_spans") or []:
        name = person_label(str(span.get("speaker") or "")) if span.get("quote") == "yes" else None
        if name is None:
            continue
        where = _locate(text, starts, span)
        if where is None:
            lost += 1
            continue
        out.append({"start": where[0], "end": where[1], "speaker": name})
    return out, lost


def _folded(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _one_apart(a: str, b: str) -> bool:
    """Equal, or one letter inserted, dropped or changed."""
    if abs(len(a) - len(b)) > 1:
        return False
    return sum(x != y for x, y in zip(a, b)) <= 1 if len(a) == len(b) else \
        any(a[:i] + a[i + 1:] == b for i in range(len(a))) if len(a) > len(b) else _one_apart(b, a)


def same_speaker(label: str, name: str) -> bool:
    """Whether a predicted speaker name is the person a BASIL label names (see the module docstring)."""
    if same_person(label, name) or same_person(label, _folded(name)):
        return True
    want, got = label.lower().split(), name.lower().split()
    cut = re.match(re.escape(want[-1]) + r"[^\x00-\x7f]", got[-1]) if got else None
    surname = got and (_folded(got[-1]) == want[-1] or cut is not None)
    given = len(want) < 2 or len(got) < 2 or _one_apart(_folded(got[0]), want[0])
    return bool(surname and given)


def _form(speaker_text: str | None) -> str:
    words = (speaker_text or "").split()
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return "pronoun"
    return "name" if words and words[0][:1].isupper() and words[0].lower() not in {"the", "a", "an"} else "description"


def _judge(span: dict[str, Any], quotes: list[dict[str, Any]]) -> dict[str, Any]:
    covering = [q for q in quotes if q["start"] < span["end"] and q["end"] > span["start"]]
    if not covering:
        return {**span, "outcome": "no-quote"}
    q = max(covering, key=lambda q: min(q["end"], span["end"]) - max(q["start"], span["start"]))
    names = [q.get("speaker")] + [s.get("name") for s in q.get("speakers") or [] if isinstance(s, dict)]
    names = [n for n in names if n]
    row = {**span, "predicted": names, "speaker_text": q.get("speaker_text"), "form": _form(q.get("speaker_text"))}
    if not names:
        return {**row, "outcome": "no-speaker"}
    right = any(same_speaker(span["speaker"], n) for n in names)
    return {**row, "outcome": "right" if right else "wrong"}


@click.command("speakers")
@click.option("--data", required=True, type=click.Path(), help="BASIL-format JSONL (text, paragraphs, bias_spans).")
@click.option("--predictions", type=click.Path(), help="Write {id, spans: [...]} per article as JSONL.")
@click.option("--limit", type=int, default=None, help="Only the first N articles.")
def command(data: str, predictions: str | None, limit: int | None) -> None:
    """Speaker resolution: is the person a quote is given to the one BASIL's annotators name?"""
    started, counts, forms, rows, errors, lost_total = time.perf_counter(), Counter(), Counter(), [], 0, 0
    for record in islice(read_jsonl(data, required=("id", "text", "bias_spans")), limit):
        spans, lost = gold_spans(record)
        lost_total += lost
        if not spans:
            continue
        try:
            quotes = analyze_text(record["text"], "en", record.get("date"))["quotes"]["quotes"]
        except Exception as exc:  # one bad record must not end the evaluation: count it as no output
            click.echo(f"{record['id']}: analysis failed ({type(exc).__name__}: {exc}); scored as empty.", err=True)
            errors, quotes = errors + 1, []
        quotes = [q for q in quotes if q.get("act") != "unsaid"]
        judged = [_judge(s, quotes) for s in spans]
        for j in judged:
            counts[j["outcome"]] += 1
            if j["outcome"] in {"right", "wrong"}:
                forms[(j["form"], j["outcome"])] += 1
        rows.append({"id": record["id"], "spans": judged})
    total = sum(counts.values())
    if not total:
        raise DataFormatError("empty", f"{data}: no quoted span names one person as its speaker.",
                              "Give BASIL records whose bias_spans have quote='yes' and a speaker label.")
    write_predictions(predictions, rows)
    with_speaker = counts["right"] + counts["wrong"]
    emit_metrics({"task": "speakers", "articles": len(rows), "errors": errors, "spans": total, "unlocated": lost_total,
                  "quote_found": round((total - counts["no-quote"]) / total, 4),
                  "speaker_given": round(with_speaker / max(1, total - counts["no-quote"]), 4),
                  "speaker_accuracy": round(counts["right"] / with_speaker, 4) if with_speaker else 0.0,
                  "end_to_end": round(counts["right"] / total, 4),
                  "by_form": {f: {"spans": forms[(f, "right")] + forms[(f, "wrong")],
                                  "accuracy": round(forms[(f, "right")] / max(1, forms[(f, "right")] + forms[(f, "wrong")]), 4)}
                              for f in ("name", "pronoun", "description")},
                  "seconds": round(time.perf_counter() - started, 1)})
