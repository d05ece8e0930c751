"""Learn the cue lexicon (newsprism/data/cues.json) from PolNeAR-format gold attributions.

    python scripts/learn_cues.py --data ../shared/data/polnear/dev.jsonl [--out newsprism/data/cues.json]

It reads every record; with `--records even` only those at even 0-based line positions, so that the odd
ones stay unseen for `newsprism eval quotes --records odd`. The shipped file learned from all of PolNeAR dev:
the held-out figure comes from the even-only model (odd half: F1 0.7253; a model learned from a quarter of
the records scores 0.7131 there, so more annotated articles still help). Every token of the parsed articles is a candidate cue in each frame its parse
offers (see newsprism.analyze.quotes.cue_frames: a clausal complement, an object, a prepositional object,
an object with what is said of it ('accused X of Y'), a that-clause on a noun, the rest of the sentence). A candidate is a hit when the token lies inside a gold
cue span and the content that frame gives matches that relation's gold content (word-token IoU >= 0.5,
the evaluator's criterion). A (lemma, part of speech, frame) whose hit rate is at least --min-precision
over at least --min-count occurrences becomes a lexicon entry; when the rate only clears the bar where the
parse also finds a speaker, the entry says `needs_speaker` (and `needs_person` when only where that
speaker is a name or personal pronoun). Lemmas seen often enough that have no frame
clearing the bar are listed as `rejected`, which switches off the built-in cue lists for them.

A logistic model over the same candidates (`model`, L2-regularised with C = --c; features from
quotes.cue_features: the lemma in its frame, the speaker's kind and entity type, the cue's dependency,
head and neighbouring words, the content head's lemma, mark, part of speech and size, inside quotes or
not; and, with --meaning-dims, the cue lemma's word vector from the default sentence encoder, on its top
principal directions over the training lemmas, shared and per frame family, so that a cue word too rare
for weights of its own is judged by what it means) is trained too; where present quotes.py judges every verb, noun and adjective with it and takes a
candidate when its probability is at least `model.threshold` (0.3, about half the F1 reached: the
F1-optimal cut for a calibrated model; 0.3 and C 0.3 were chosen by training on a quarter of the records
and scoring another quarter, all even), and the entries are the readable summary and the fallback when
the model is removed.

Only lemmas, single words, part-of-speech tags, frame names, weights, counts and the projection (a mean
vector and the principal directions) are written: no article text.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, Iterable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsprism.analyze.quotes import QUOTED, _POS_GROUPS, _speaker_token, cue_frames, cue_features, frame_span, person_like, quoted_tokens  # noqa: E402

MATCH_IOU = 0.5
_WORD = re.compile(r"\w+")
# Handled by their own rules in quotes.py, whatever the statistics say.
SKIP_LEMMAS = {"accord"}


def _tokens(text: str, a: int, b: int) -> frozenset[int]:
    return frozenset(m.start() for m in _WORD.finditer(text, a, b))


def _gold(record: dict[str, Any]) -> list[tuple[list[tuple[int, int]], frozenset[int]]]:
    text, out = record["text"], []
    for rel in record.get("attributions") or []:
        cue = [tuple(o) for o in (rel.get("cue") or {}).get("offsets") or []]
        content = frozenset().union(*[_tokens(text, a, b) for a, b in (rel.get("content") or {}).get("offsets") or []])
        if cue and content:
            out.append((cue, content))
    return out


def count_candidates(records: Iterable[tuple[dict, Any]],
                     examples: list[tuple[list[str], bool]] | None = None) -> dict[tuple[str, str, str], list[int]]:
    """(lemma, pos, frame) -> [occurrences, hits, occurrences with a speaker, hits with a speaker,
    occurrences with a person-like speaker, hits with one].
    `records` yields (record, parsed) with `parsed.paragraphs` as newsprism.analyze.nlp makes them."""
    stats: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    for record, parsed in records:
        text, gold = record["text"], _gold(record)
        for para in parsed.paragraphs:
            if para.doc is None:
                continue
            quoted = quoted_tokens(para)
            for tok in para.doc:
                pos = _POS_GROUPS.get(tok.pos_)
                lemma = tok.lemma_.lower()
                if pos is None or lemma in SKIP_LEMMAS or not lemma.isalpha():
                    continue
                frames = cue_frames(tok)
                if not frames:
                    continue
                at = para.start + tok.idx
                relations = [content for cue, content in gold if any(a <= at < b for a, b in cue)]
                speaker = _speaker_token(tok)
                has_speaker, person = speaker is not None, person_like(speaker)
                for frame, head in frames:
                    span = frame_span(frame, head, tok, para.start)
                    hit = False
                    if span is not None and relations:
                        pred = _tokens(text, *span)
                        hit = any(len(pred & g) / len(pred | g) >= MATCH_IOU for g in relations if pred | g)
                    if examples is not None:
                        examples.append((cue_features(tok, frame, head, speaker, tok.i in quoted), hit))
                    row = stats[(lemma, pos, frame + QUOTED * (tok.i in quoted))]
                    row[0] += 1
                    row[1] += hit
                    row[2] += has_speaker
                    row[3] += hit and has_speaker
                    row[4] += person
                    row[5] += hit and person
    return stats


def build_lexicon(stats: dict[tuple[str, str, str], list[int]], min_count: int, min_precision: float,
                  source: str, prior: float = 1.0) -> dict[str, Any]:
    """Entries whose hit rate, shrunk towards zero by `prior` pseudo-misses (so that 2 of 2 does not
    count as certain), clears min_precision."""
    def rate(hits: int, n: int) -> float:
        return hits / (n + prior)

    cues, seen = [], defaultdict(int)
    for (lemma, pos, frame), (n, hits, n_spk, hits_spk, n_per, hits_per) in sorted(stats.items()):
        seen[(lemma, pos)] += n
        if n >= min_count and rate(hits, n) >= min_precision:
            cues.append({"lemma": lemma, "pos": pos, "frame": frame, "precision": round(rate(hits, n), 3), "count": n})
        elif n_spk >= min_count and rate(hits_spk, n_spk) >= min_precision:
            cues.append({"lemma": lemma, "pos": pos, "frame": frame, "precision": round(rate(hits_spk, n_spk), 3),
                         "count": n_spk, "needs_speaker": True})
        elif n_per >= min_count and rate(hits_per, n_per) >= min_precision:
            cues.append({"lemma": lemma, "pos": pos, "frame": frame, "precision": round(rate(hits_per, n_per), 3),
                         "count": n_per, "needs_speaker": True, "needs_person": True})
    accepted = {(c["lemma"], c["pos"]) for c in cues}
    rejected = sorted(f"{lemma}/{pos}" for (lemma, pos), n in seen.items()
                      if n >= min_count and (lemma, pos) not in accepted)
    return {"about": "Cue lemmas in context for newsprism.analyze.quotes: a (lemma, part of speech, frame) is a cue "
                     "when its content, read off the parse in that frame, matched gold attributions at least "
                     f"{min_precision:.0%} of the time over at least {min_count} occurrences (rates shrunk by {prior:g} "
                     "pseudo-miss; `precision` is that shrunk rate). Learned by "
                     f"scripts/learn_cues.py from {source}; entries may be added or edited by hand. `rejected` "
                     "lemmas were seen often enough and never cleared the bar.",
            "learned_from": source, "min_count": min_count, "min_precision": min_precision, "prior": prior,
            "cues": cues, "rejected": rejected}


# Frame families that get their own meaning weights (quotes.frame_family), besides the shared "all".
MEANING_GROUPS = ("all", "ccomp", "xcomp", "dobj", "prep", "that", "rest", "subj_", "dobj_")


def _meaning_basis(lemmas: list[str], dims: int, lookup: Callable[[list[str]], Any]) -> tuple[Any, Any, Any]:
    """The lemmas' word vectors, their mean and the top `dims` principal directions, scaled so that the
    projections have unit standard deviation (the same regularisation as the 0/1 features)."""
    import numpy as np

    vectors = np.asarray(lookup(lemmas), np.float32)
    mean = vectors.mean(0)
    _, _, vt = np.linalg.svd(vectors - mean, full_matrices=False)
    comps = vt[:dims]
    comps = comps / ((vectors - mean) @ comps.T).std()
    return vectors, np.round(mean, 5), np.round(comps, 5)


def train_model(examples: list[tuple[list[str], bool]], threshold: float, min_feature_count: int = 5,
                c: float = 1.0, meaning_dims: int = 0,
                lookup: Callable[[list[str]], Any] | None = None) -> dict[str, Any]:
    """Logistic regression over the candidates' features (those seen at least min_feature_count times).
    With meaning_dims, also over the cue lemma's word vector (the sentence encoder on the single word,
    `lookup`), projected on its top principal directions over the training lemmas, once shared and once
    per frame family: a lemma seen too rarely for features of its own is scored by what it means."""
    import numpy as np
    import scipy.sparse as sp
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from newsprism.analyze.quotes import frame_family

    counts: dict[str, int] = defaultdict(int)
    for feats, _ in examples:
        for f in feats:
            counts[f] += 1
    keep = {f for f, n in counts.items() if n >= min_feature_count}
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in feats if f in keep} for feats, _ in examples])
    y = [hit for _, hit in examples]
    embedding = None
    if meaning_dims > 0:
        if lookup is None:
            from newsprism.compare.align import word_vectors
            from newsprism.embed import get_encoder

            lookup = word_vectors(get_encoder()).lookup
        lemmas = [feats[1][2:].rsplit("/", 1)[0] for feats, _ in examples]
        families = np.array([frame_family(feats[0][2:]) for feats, _ in examples])
        vocab = sorted(set(lemmas))
        vectors, mean, comps = _meaning_basis(vocab, meaning_dims, lookup)
        projected = (vectors - mean) @ comps.T
        row = {w: i for i, w in enumerate(vocab)}
        dense = projected[[row[w] for w in lemmas]]
        blocks = [dense if g == "all" else dense * (families == g)[:, None] for g in MEANING_GROUPS]
        x = sp.hstack([x] + [sp.csr_matrix(b) for b in blocks]).tocsr()
        embedding = {"mean": mean.tolist(), "components": comps.tolist()}
    model = LogisticRegression(C=c, max_iter=3000).fit(x, y)
    names = vec.get_feature_names_out()
    coef = model.coef_[0]
    weights = {f: round(float(w), 3) for f, w in zip(names, coef) if abs(w) >= 0.05}
    out = {"intercept": round(float(model.intercept_[0]), 4), "threshold": threshold,
           "features": "newsprism.analyze.quotes.cue_features", "weights": dict(sorted(weights.items()))}
    if embedding is not None:
        rest = coef[len(names):].reshape(len(MEANING_GROUPS), meaning_dims)
        embedding["weights"] = {g: [round(float(w), 4) for w in ws] for g, ws in zip(MEANING_GROUPS, rest)}
        out["embedding"] = {"about": f"the cue lemma's word vector (newsprism.embed default encoder on the single "
                                     f"word) minus `mean`, on the {meaning_dims} `components`, dotted with the "
                                     "`weights` of 'all' and of the candidate's frame family", **embedding}
    return out


def _dumps(lexicon: dict[str, Any]) -> str:
    """JSON with one cue entry or model weight per line (readable diffs, hand-editable)."""
    def one(v: Any) -> str:
        return json.dumps(v, ensure_ascii=False)

    parts = []
    for key, value in lexicon.items():
        if key == "cues":
            body = ",\n  ".join(one(c) for c in value)
            parts.append(f' "cues": [\n  {body}\n ]')
        elif key == "model":
            weights = ",\n  ".join(f"{one(f)}: {w}" for f, w in value["weights"].items())
            head = ", ".join(f"{one(k)}: {one(v)}" for k, v in value.items() if k not in {"weights", "embedding"})
            emb = ""
            if "embedding" in value:  # one row of numbers a line
                rows = [f"  {one(k)}: {one(v)}" for k, v in value["embedding"].items() if k not in {"components", "weights"}]
                rows.append('  "components": [\n   ' + ",\n   ".join(one(r) for r in value["embedding"]["components"]) + "\n  ]")
                rows.append('  "weights": {\n   ' + ",\n   ".join(f"{one(k)}: {one(v)}" for k, v in
                                                         value["embedding"]["weights"].items()) + "\n  }")
                emb = ', "embedding": {\n' + ",\n".join(rows) + "\n }"
            parts.append(f' "model": {{{head}{emb}, "weights": {{\n  {weights}\n }}}}')
        else:
            parts.append(f" {one(key)}: {one(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def main(argv: list[str] | None = None, parse: Callable[[str], Any] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", default=str(ROOT / "newsprism" / "data" / "cues.json"))
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--min-precision", type=float, default=0.35)
    ap.add_argument("--prior", type=float, default=1.0, help="pseudo-misses added to every count")
    ap.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength of the model")
    ap.add_argument("--meaning-dims", type=int, default=32,
                    help="principal directions of the cue lemma's word vector the model sees (0: none)")
    ap.add_argument("--records", choices=("all", "even"), default="all",
                    help="learn from every record, or only from those at even 0-based line positions, which leaves "
                         "the odd ones unseen for `newsprism eval quotes --records odd`")
    ap.add_argument("--model-threshold", type=float, default=0.3,
                    help="probability over which the logistic model takes a candidate (0: no model, entries only)")
    args = ap.parse_args(argv)
    if parse is None:
        from newsprism.analyze.nlp import parse_text

        def parse(text: str) -> Any:
            return parse_text(text, "en")

    def records() -> Iterable[tuple[dict, Any]]:
        with open(args.data, encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if line.strip() and (args.records == "all" or i % 2 == 0):
                    record = json.loads(line)
                    yield record, parse(record["text"])

    name = f"{Path(args.data).parent.name}/{Path(args.data).name}"
    source = f"every record of {name}" if args.records == "all" else \
        f"the even-numbered records (0-based) of {name}"
    examples: list[tuple[list[str], bool]] = []
    lexicon = build_lexicon(count_candidates(records(), examples), args.min_count, args.min_precision, source, args.prior)
    if args.model_threshold > 0:
        lexicon["model"] = train_model(examples, args.model_threshold, c=args.c, meaning_dims=args.meaning_dims)
    Path(args.out).write_text(_dumps(lexicon), encoding="utf-8")
    print(f"{len(lexicon['cues'])} cue entries, {len(lexicon['rejected'])} rejected lemmas -> {args.out}")
    return lexicon


if __name__ == "__main__":
    main()
