"""Quote and speaker attribution rules, one short made-up sentence each, the learned cue lexicon (and the
script that learns it), and the evaluator on a small PolNeAR sample."""

from __future__ import annotations

import json
import re
import sys
from itertools import islice

import pytest
from click.testing import CliRunner

from .conftest import DATA, ROOT
from newsprism.analyze import analyze_text
from newsprism.analyze.quotes import CueLexicon, get_cue_lexicon
from newsprism.present.cli import cli

sys.path.insert(0, str(ROOT / "scripts"))
import learn_cues  # noqa: E402

POLNEAR = DATA / "polnear" / "dev.jsonl"


def _quotes(text: str) -> list[dict]:
    return analyze_text(text, "en")["quotes"]["quotes"]


def _one(text: str, cue: str) -> dict:
    found = [q for q in _quotes(text) if q["cue"] == cue]
    assert len(found) == 1, _quotes(text)
    return found[0]


def test_shipped_lexicon_is_learned_data_without_article_text():
    data = json.loads((ROOT / "newsprism" / "data" / "cues.json").read_text(encoding="utf-8"))
    assert "polnear/dev.jsonl" in data["learned_from"]
    assert all(c["lemma"].isalpha() and c["count"] >= data["min_count"] for c in data["cues"])
    assert all(c["precision"] >= data["min_precision"] for c in data["cues"])
    lexicon = get_cue_lexicon()
    assert lexicon.get("say", "VERB", "ccomp") is not None
    assert lexicon.get("say", "VERB", "ccomp", quoted=True) is None or \
        lexicon.get("say", "VERB", "ccomp", quoted=True).frame.endswith("@quoted")


@pytest.mark.skipif(not POLNEAR.is_file(), reason="PolNeAR dev data not available")
@pytest.mark.parametrize("records, parsed", [("even", [0, 2]), ("all", [0, 1, 2, 3])])
def test_learning_script_reads_the_records_asked_for(tmp_path, records, parsed):
    """`--records even` leaves the odd records unseen (for `eval quotes --records odd`); the default reads all."""
    from newsprism.analyze.nlp import parse_text

    with POLNEAR.open(encoding="utf-8") as fh:
        lines = list(islice(fh, 4))
    data = tmp_path / "four.jsonl"
    data.write_text("".join(lines), encoding="utf-8")
    texts = [json.loads(line)["text"] for line in lines]
    seen: list[int] = []

    def parse(text: str):
        seen.append(texts.index(text))
        return parse_text(text, "en")

    out = tmp_path / "cues.json"
    lexicon = learn_cues.main(["--data", str(data), "--out", str(out), "--records", records, "--model-threshold", "0"],
                              parse=parse)
    assert seen == parsed
    assert ("even-numbered" in lexicon["learned_from"]) == (records == "even")
    assert json.loads(out.read_text(encoding="utf-8"))["cues"] == lexicon["cues"] and lexicon["cues"]


def test_lexicon_builder_keeps_precise_frames_and_shrinks_small_counts():
    stats = {("say", "VERB", "ccomp"): [100, 80, 100, 80, 100, 80],   # precise: kept
             ("see", "VERB", "dobj"): [100, 10, 90, 10, 50, 10],      # imprecise everywhere: rejected
             ("vow", "VERB", "xcomp"): [2, 2, 2, 2, 2, 2],            # 2 of 2, shrunk to 0.67: kept
             ("back", "VERB", "dobj"): [40, 8, 30, 8, 10, 6],         # only with a person as subject
             ("rare", "VERB", "ccomp"): [1, 1, 1, 1, 1, 1]}           # under the minimum count
    lexicon = learn_cues.build_lexicon(stats, min_count=2, min_precision=0.35, source="test", prior=1.0)
    kept = {(c["lemma"], c["frame"]): c for c in lexicon["cues"]}
    assert set(kept) == {("say", "ccomp"), ("vow", "xcomp"), ("back", "dobj")}
    assert kept[("vow", "xcomp")]["precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert kept[("back", "dobj")].get("needs_person") and not kept[("say", "ccomp")].get("needs_person")
    assert "see/VERB" in lexicon["rejected"] and "rare/VERB" not in lexicon["rejected"]
    loaded = CueLexicon.from_json(lexicon)
    assert loaded.has("vow", "VERB") and loaded.measured("see", "VERB") and not loaded.has("see", "VERB")


@pytest.mark.parametrize("text", [
    "''We will win this race,'' the mayor said on Tuesday.",  # doubled apostrophes are quotation marks
    '"We will win this race,” the mayor said on Tuesday.',  # a straight and a curly mark close each other
])
def test_quotation_marks_as_scraped_text_writes_them_open_and_close_a_direct_quote(text):
    q = _one(text, "said")
    assert q["kind"] == "direct" and q["text"] == "We will win this race" and q["speaker_text"] == "the mayor"


def test_passive_agent_is_the_speaker_not_the_passive_subject():
    q = _one("The senator was told by the governor that the bill would pass.", "told")
    assert q["speaker_text"] == "the governor" and q["text"] == "that the bill would pass"


def test_relative_pronoun_is_the_source_span_and_its_antecedent_the_speaker():
    q = _one("The plan was criticized by Jane Smith, who said that the numbers were wrong.", "said")
    assert q["speaker_text"] == "who" and q["speaker"] == "Jane Smith"


@pytest.mark.parametrize("text, cue", [
    ("The remarks echo those of his successor, Tom Baker, who a week ago asserted that the state will not pay.",
     "asserted"),  # the antecedent is a description the person is named beside
    ("Enter Tom Baker, a former party aide who describes himself online as a patriot.", "describes"),
])
def test_a_relative_pronoun_stands_for_the_person_its_described_antecedent_names(text, cue):
    q = _one(text, cue)
    assert q["speaker_text"] == "who" and q["speaker"] == "Tom Baker"


@pytest.mark.parametrize("text", [
    # spaCy makes 'Ann Cole' a conjunct of 'Thursday' and leaves 'said' without a subject in both
    "In a statement issued Thursday, Ann Cole, a lawyer with Dunn Carter, said the firm had been hired to "
    "represent the committee.",
    "In a note issued Friday, Ann Cole, a spokesman for the campaign, said the firm had been hired to represent "
    "the committee.",
])
def test_a_name_set_off_by_a_long_apposition_before_the_cue_speaks(text):
    assert _one(text, "said")["speaker"] == "Ann Cole"


def test_raising_passive_cue_keeps_its_subject_in_the_content_and_has_no_speaker():
    q = _one("The central bank is expected to raise interest rates in December.", "expected")
    assert q["text"] == "The central bank is expected to raise interest rates in December"
    assert q["speaker_start"] is None


def test_transcript_turn_is_a_direct_quote_by_the_named_speaker():
    q = _one("TAPPER: Do you think the plan will work in the long run?", ":")
    assert q["kind"] == "direct" and q["speaker_text"] == "TAPPER"
    assert q["text"] == "Do you think the plan will work in the long run?"


def test_quote_after_a_long_speaker_description_continues_the_same_relation():
    text = ('"We are going to fight for every single vote," said Maria Lopez, a lawyer in Denver who has '
            'advised three campaigns over the years. "Nobody should take this state for granted."')
    quotes = _quotes(text)
    assert len(quotes) == 1 and quotes[0]["speaker"] == "Maria Lopez"
    assert [p["text"] for p in quotes[0]["quoted"]] == ["We are going to fight for every single vote",
                                                        "Nobody should take this state for granted."]


def test_abbreviation_in_the_speaker_description_is_not_a_sentence_end():
    text = ('"The party has a problem," said Rep. John Doe (D-S.C.), a member of the leadership. '
            '"We need to fix it before the summer is over."')
    quotes = _quotes(text)
    assert len(quotes) == 1 and len(quotes[0]["quoted"]) == 2


def test_quotes_strung_together_with_only_marks_between_are_one_relation():
    quotes = _quotes('The reporter asked: "Is it time for a new strategy?" . . . "Have you underestimated them?"')
    assert len(quotes) == 1 and quotes[0]["speaker_text"] == "The reporter" and len(quotes[0]["quoted"]) == 2


def test_unclosed_quote_runs_to_the_paragraph_end_and_the_next_paragraph_is_its_own_quote():
    text = ('"This is the first part of a long statement that goes on and on,\n\n'
            '"and this is where it ends," she said.')
    spans = sorted((q["start"], q["end"]) for q in _quotes(text))
    assert [text[a:b] for a, b in spans] == ["This is the first part of a long statement that goes on and on",
                                            "and this is where it ends"]


def test_participle_on_a_noun_takes_the_noun_as_speaker():
    quotes = _quotes("Activists backing the mayor said the vote was rigged.")
    said = [q for q in quotes if q["cue"] == "said"]
    assert said and said[0]["speaker_text"] == "Activists" and said[0]["text"] == "the vote was rigged"


def test_short_quote_with_its_own_cue_is_kept_but_an_uncued_one_is_a_scare_quote():
    kept = _quotes('"No comment," the spokesman said.')
    assert [q["text"] for q in kept] == ["No comment"]
    assert _quotes('The so-called "safe zones" were never built.') == []


@pytest.mark.parametrize("text, cue", [
    ("Like other Republican hopefuls, Tom Baker is sharply critical of the new trade policy.", "critical"),
    ("Tom Baker, however, is not worried that the bill will pass.", "worried"),
    ("Tom Baker seemed confident that the bill would pass.", "confident"),
])
def test_an_adjective_cue_after_a_copula_is_held_by_the_copulas_subject(text, cue):
    assert _one(text, cue)["speaker"] == "Tom Baker"


def test_a_programme_named_where_the_words_were_said_is_not_part_of_them():
    quotes = _quotes('"We will not back down on this," the senator said on NBC\'s "Meet the Press." '
                     '"Not this year, and not next year."')
    assert [q["text"] for q in quotes] == ["We will not back down on this", "Not this year, and not next year."]
    assert {q["speaker"] for q in quotes} == {"the senator"}
    # after 'on'/'in'/'to'/'told', only a span whose words are all capitalised (but a, the, with ...) is a title
    from newsprism.analyze.quotes import _names_a_title

    def title(text: str) -> bool:
        return _names_a_title((text.index('"') + 1, text.rindex('"')), text)

    assert title('He told City News\' "The Evening Report with Jane Dale" that') and title('she wrote in "Hard Choices"')
    assert not title('He said in "the coming weeks" that') and not title('She said: "We Will Rebuild"')
    assert not title('He said "Not Now" to the offer')  # no place of speech before it


@pytest.mark.skipif(not POLNEAR.is_file(), reason="PolNeAR dev data not available")
def test_eval_on_polnear_sample_beats_the_old_rules(tmp_path):
    # 30 odd records, held out from the models learned from the even half: the rules before the learned
    # lexicon scored F1 0.600 and recall 0.504 here, the first learned model 0.651 and 0.604, the model with
    # context features and object frames 0.685 and 0.659. The shipped model learned from every record, so
    # this now guards against regressions; `eval quotes --records odd` after `learn_cues.py --records even`
    # measures the held-out figure.
    with POLNEAR.open(encoding="utf-8") as fh:
        sample = [line for i, line in enumerate(islice(fh, 60)) if i % 2 == 1]
    path = tmp_path / "odd30.jsonl"
    path.write_text("".join(sample), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "quotes", "--data", str(path)])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output.strip().splitlines()[-1])
    assert metrics["articles"] == 30 and metrics["errors"] == 0
    assert metrics["f1"] >= 0.67 and metrics["recall"] >= 0.64
    assert metrics["speaker_accuracy"] >= 0.86


def test_chained_cue_gives_one_relation_with_the_outer_speaker():
    quotes = _quotes("The senator expressed concern that the bill would raise taxes for poor families.")
    assert len(quotes) == 1
    assert quotes[0]["text"] == "that the bill would raise taxes for poor families"
    assert quotes[0]["speaker_text"] == "The senator"


def test_noun_cue_with_that_clause_is_found_once():
    quotes = _quotes("Critics pointed to Trump's claim that thousands of people celebrated the attacks.")
    assert [(q["cue"], q["speaker_text"], q["text"]) for q in quotes] == \
        [("claim", "Trump", "that thousands of people celebrated the attacks")]


def test_object_content_stops_before_a_comma_set_relative_clause():
    q = _one("The governor endorsed Jane Smith, who is running for the Senate in Ohio this year.", "endorsed")
    assert q["text"] == "Jane Smith" and q["speaker_text"] == "The governor"


def test_object_with_what_is_said_of_it_is_the_content():
    q = _one("The senator accused the governor of hiding the true cost of the plan.", "accused")
    assert q["text"] == "the governor of hiding the true cost of the plan"


@pytest.mark.parametrize("text, cue, content", [
    ("Clinton slammed his plan as too vague during a stop in Flint.", "slammed", "his plan as too vague"),
    ("Warren criticized the bill on Tuesday.", "criticized", "the bill"),
    ("Tom Baker denounced the new tax plan in a statement on Friday.", "denounced", "the new tax plan"),
    ("Ann Cole criticized the governor's budget in an interview with the Daily Planet.", "criticized",
     "the governor's budget"),
    ("Tom Baker denounced the promotion of coal through federal grants.", "denounced",
     "the promotion of coal through federal grants"),
    ("Tom Baker criticized the mayor on his call for higher taxes.", "criticized",
     "the mayor on his call for higher taxes")])
def test_object_content_leaves_out_when_where_and_in_what_it_was_said(text, cue, content):
    assert _one(text, cue)["text"] == content


def test_reported_clause_cut_in_two_by_the_parse_is_one_content():
    """TRT's trt8 (seeds): the parser hangs 'stops entirely' on 'said' as a second complement."""
    text = "Putin meanwhile said any proposed safe zones in Syria should become no-fly areas if fighting on the ground stops entirely."
    assert _one(text, "said")["text"].endswith("if fighting on the ground stops entirely")


def test_reported_clause_runs_on_past_a_partial_quote():
    text = 'Lewandowski said he “appreciates the thoughtful professionalism” displayed by the state attorney.'
    q = _one(text, "said")
    assert q["kind"] == "partial" and q["text"].endswith("displayed by the state attorney")


def test_quote_ending_its_sentence_is_not_claimed_by_a_cue_in_another_sentence():
    quotes = _quotes('The poll asked about the economy. "It is over." Officials later said the count would go on.')
    assert all("It is over" not in q["text"] for q in quotes)
    assert [q["text"] for q in quotes if q["cue"] == "said"] == ["the count would go on"]


def _ccomp_score(lexicon: CueLexicon, verb: str) -> float:
    from newsprism.analyze.nlp import parse_text
    from newsprism.analyze.quotes import _speaker_token, cue_features, cue_frames

    tok = parse_text(f"The senator {verb} that the plan would fail.", "en").paragraphs[0].doc[2]
    frame, head = next((f, h) for f, h in cue_frames(tok) if f == "ccomp")
    return lexicon.score(cue_features(tok, frame, head, _speaker_token(tok), False))


def test_unseen_synonym_of_a_known_cue_is_scored_by_its_meaning():
    lexicon = get_cue_lexicon()
    assert "embedding" in lexicon.model
    without = CueLexicon([], [], {k: v for k, v in lexicon.model.items() if k != "embedding"})
    # too rare in the training records for weights of their own
    for verb, lemma in (("theorized", "theorize"), ("surmised", "surmise"), ("asserted", "assert")):
        assert not any(f.startswith(f"l={lemma}/") for f in lexicon.model["weights"]), lemma
        assert _ccomp_score(lexicon, verb) > max(0.6, _ccomp_score(without, verb) + 0.2), verb
    for verb in ("cooked", "planted"):  # unseen too, but nothing like speech
        assert _ccomp_score(lexicon, verb) < _ccomp_score(without, verb) - 0.05, verb


def test_learner_gives_the_meaning_weights_for_every_frame_family():
    import numpy as np

    rng = np.random.default_rng(0)
    speech, other = rng.normal(size=8), rng.normal(size=8)

    def lookup(words):  # two made-up meanings: words starting with 's' are speech-like
        return np.array([(speech if w[0] == "s" else other) + 0.1 * rng.normal(size=8) for w in words])

    examples = [([f"f={frame}", f"l={w}{i}/VERB"], w == "s") for i in range(40) for w in "sx"
                for frame in ("ccomp", "dobj")]
    model = learn_cues.train_model(examples, 0.3, meaning_dims=2, lookup=lookup)
    emb = model["embedding"]
    assert len(emb["mean"]) == 8 and np.array(emb["components"]).shape == (2, 8)
    assert set(emb["weights"]) == set(learn_cues.MEANING_GROUPS)
    direction = (speech - other) @ np.array(emb["components"]).T
    assert direction @ np.array(emb["weights"]["all"]) > 0  # the speech-like meaning raises the score


def test_closing_cue_clause_joined_by_a_comma_takes_the_clause_before_it():
    """spaCy often parses 'X, Y told Z' with the cue as a conjunct, not a parataxis."""
    text = "This includes a special force to assist Kurdish Peshmerga, Defense Secretary Ash Carter told a Senate panel."
    q = _one(text, "told")
    assert q["text"] == "This includes a special force to assist Kurdish Peshmerga" and "Ash Carter" in q["speaker_text"]


def test_content_after_the_cue_wins_over_a_clause_before_a_colon():
    text = ("Lawmakers of both parties are set for another fight over the budget on Monday: Democrats said they're "
            "increasingly convinced the agency mishandled the audit.")
    assert _one(text, "said")["text"] == "they're increasingly convinced the agency mishandled the audit"


def test_cue_inside_another_relations_content_is_not_a_second_relation():
    # 'has expressed support' sits inside what the senator said: it is part of that content, not an utterance
    # of its own (the learned model takes 'expressed' alone, and did before nested cues were dropped).
    quotes = _quotes("The senator said she wants to build a new hospital and has expressed support for higher "
                     "taxes on large companies.")
    assert [(q["cue"], q["speaker_text"]) for q in quotes] == [("said", "The senator")]
    assert quotes[0]["text"].endswith("higher taxes on large companies")
    assert 0.3 <= quotes[0]["confidence"] <= 1.0


def test_content_leaves_out_its_own_cue_and_speaker_when_they_sit_inside_it():
    q = _one("The economy, the minister said, is weak and getting weaker every month.", "said")
    assert [c["text"] for c in q["content"]] == ["The economy", "is weak and getting weaker every month"]
    q = _one('The tax plans are "reckless," said Ann Bell, an economist at the center. "They leave people like '
             'me speechless."', "said")
    assert [c["text"].strip('"“”') for c in q["content"]] == ["The tax plans are \"reckless",
                                                               "They leave people like me speechless"]


def test_according_to_inside_a_direct_quote_does_not_cost_the_quote():
    # each relation holds the other's cue ('according to' sits in the quote, 'said' in what 'according to'
    # would report): the one cued inside the quotation marks is the quoted speaker's own words and goes
    quotes = _quotes('"It is all going according to the plan," said Ann Lee, 66, a retired teacher who lives in Dayton.')
    assert [(q["kind"], q["cue"], q["speaker_text"]) for q in quotes] == [("direct", "said", "Ann Lee")]


def test_a_quote_left_open_at_a_line_ending_a_sentence_does_not_swallow_the_next_lines_quote():
    # single line breaks often separate paragraphs; an unclosed mark there must not pair with the next
    # line's opening mark (before the fix, Trump's quote on the second line was lost)
    quotes = _quotes('Supporters held signs that read "Build the wall.\n"The insurance companies are getting rich on '
                     'this law," Trump said at the rally.')
    said = [q for q in quotes if q["cue"] == "said"]
    assert [(q["kind"], q["speaker_text"], q["text"]) for q in said] == \
        [("direct", "Trump", "The insurance companies are getting rich on this law")]


def test_each_relation_says_whether_it_reports_speech_or_a_stance():
    quotes = _quotes("The senator said the bill would pass. Her rival plans to run for governor next year. "
                     'The mayor wants "a fair deal for every family in the city," aides added.')
    acts = {q["cue"]: q["act"] for q in quotes}
    assert acts["said"] == "speech" and acts["plans"] == "stance"
    # quoted words are an utterance whatever the cue: the mayor's "a fair deal ..." is speech
    assert all(q["act"] == "speech" for q in quotes if q["kind"] != "indirect")


@pytest.mark.parametrize("text, speaker", [
    ("WASHINGTON -- Real estate tycoon Donald Trump said Thursday he has doubts about the report.", "Donald Trump"),
    ("LIVINGSTON, N.J. — Gov. Chris Christie declared an uphill candidacy on Tuesday, vowing to fight on.",
     "Chris Christie"),
    # a label opening a paragraph added later (met on BASIL: 'UPDATE' was the speaker of three quotes)
    ('UPDATE: Library director Ann Cole said in a statement, "We will review the report."', "Ann Cole"),
    ("UPDATE 4:10 p.m. -- The Daily Herald reports that the council has voted to close the library.",
     "Daily Herald"),
    ("UPDATE: 7:19 p.m. -- Jim Ward told reporters that he would appeal the ruling.", "Jim Ward"),
    ("Washington (AP) - Jim Ward told reporters that he would appeal the ruling.", "Jim Ward"),
])
def test_a_dateline_is_never_the_speaker(text, speaker):
    quotes = _quotes(text)
    assert quotes and all(q["speaker"] == speaker for q in quotes)


def test_a_relative_pronoun_right_after_a_described_speaker_is_shown_as_that_description():
    # BASIL (Fox): 'the point of contention for Democratic lawmakers who complained that ...' had no speaker
    quotes = _quotes("That was the point of contention for Democratic lawmakers who complained that the reading "
                     "was partial. It drew the ire of the judges, who said the plan was late.")
    assert {q["cue"]: q["speaker"] for q in quotes} == {"complained": "Democratic lawmakers", "said": "the judges"}


@pytest.mark.parametrize("text", [
    # BASIL (Fox, NYT): the show's name had been a piece of Rice's quote
    '"It is destructive," Ann Cole said Tuesday on PBS’s the “Charlie Rose” show.“We need to keep it that way."',
    "“It is destructive,” Ms. Cole said in an interview on the PBS television program “Charlie Rose.”",
])
def test_the_name_of_a_show_in_quotation_marks_is_no_quotation(text):
    assert all("Charlie Rose" not in q["text"] for q in _quotes(text)) and _quotes(text)


def test_a_participle_hung_on_the_main_verb_goes_to_the_person_of_the_clause_before_it():
    # BASIL (Fox): 'Rice's comments came as Netanyahu turned down an invitation ..., saying such a session could
    # "compound the misperception"' went to 'Rice's comments'
    quote = _one("Cole's comments came as Netanyahu turned down an invitation to meet with leading Senate Democrats "
                 "during his trip to Washington, saying such a session could \"deepen the rift\" over his visit.",
                 "saying")
    assert quote["speaker"] == "Netanyahu"


def test_whom_something_was_told_is_no_part_of_what_was_said():
    # BASIL (HuffPost): 'A Kaine spokesman told HuffPost that the senator was traveling'; PolNeAR's annotators
    # leave the addressee out too (exact-match F1 0.6074 -> 0.6097)
    quote = _one("A spokesman for Tom Baker told the Dayton Daily News that the senator was traveling during the vote.",
                 "told")
    assert quote["text"] == "that the senator was traveling during the vote"


def test_a_dateline_is_no_part_of_what_was_said():
    # BASIL (NYT): 'WASHINGTON — President Obama this week will embrace ..., lawmakers ... said Monday'
    quote = _one("WASHINGTON — The mayor will sign the bill this week, aides who were briefed on the plan said Monday.",
                 "said")
    assert quote["text"] == "The mayor will sign the bill this week"


def test_a_title_case_dateline_with_a_credit_is_never_the_speaker():
    # BASIL ('Denver (AP) –' had asked the Supreme Court) and PolNeAR's agency copy ('Washington (AFP) –' had
    # taken a swipe at Trump, 'Philadelphia (AFP) –' contrasted him with Clinton): every such dateline in
    # PolNeAR dev, none of them a speaker
    dateline = re.compile(r"(?m)^[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}(?:, [A-Z][\w.]*)?\s*\((?:AFP|AP|Reuters)\)\s*[—–-]")
    seen = 0
    for rec in map(json.loads, POLNEAR.open(encoding="utf-8")):
        spans = [(m.start(), m.end()) for m in dateline.finditer(rec["text"])]
        if not spans:
            continue
        seen += 1
        for q in analyze_text(rec["text"], "en")["quotes"]["quotes"]:
            start = -1 if q["speaker_start"] is None else q["speaker_start"]
            assert not any(a <= start < b for a, b in spans), (rec["id"], q["speaker_text"])
    assert seen >= 5


def test_a_name_that_only_modifies_the_speaker_is_not_the_speaker():
    # BASIL: 'the Republican governor' was attributed to 'Republican', 'a White House official' to the
    # United States; the head noun says who speaks, and an unnamed speaker is shown as the text describes them
    q = _one("A White House official said the plan had always been to stay in the House.", "said")
    assert (q["speaker"], q["speaker_id"]) == ("a White House official", None)
    q = _one("The Republican governor refused to apologize for the message on Friday.", "refused")
    assert q["speaker_id"] is None and q["speaker"] != "Republican"
    q = _one("The Arizona Republican said Steele needs to assess whether he can still do his job.", "said")
    assert q["speaker_id"] is None and q["speaker"] == "the Arizona Republican"
    assert _one("Republicans said the plan was dead.", "said")["speaker"] == "Republican Party"
    q = _one("The White House said the conversations were legal.", "said")
    assert (q["speaker"], q["speaker_id"]) == ("White House", "united states")


def test_a_described_speaker_named_in_apposition_is_that_person():
    q = _one("The Senate leader, Michael Thibodeau, said on Friday that the bill would fail.", "said")
    assert q["speaker"] == "Michael Thibodeau"


def test_the_role_alone_stands_for_the_one_person_the_article_gave_that_title():
    q = _one("Gov. Paul LePage met lawmakers on Monday. Later the governor said he had no regrets about the veto.",
             "said")
    assert q["speaker"] == "Paul LePage"
    # two governors named alike: 'the governor' stays unresolved rather than guessed
    q = _one("Gov. Paul LePage met Gov. Chris Sununu on Monday. Later the governor said he had no regrets.", "said")
    assert q["speaker_id"] is None
    # BASIL (Fox): 'St. Louis County Prosecutor Bob McCulloch ... the prosecutor insisted'; 'Capt. Ron Johnson'
    q = _one("Protesters urged County Prosecutor Tom Baker to step aside. But the prosecutor insisted his background "
             "had no bearing on the case.", "insisted")
    assert q["speaker"] == "Tom Baker"
    q = _one("Capt. Jim Ward spoke to the crowd on Monday. The captain said it had been a good night.", "said")
    assert q["speaker"] == "Jim Ward"
    # BASIL (Fox): 'Rep. Raul Labrador, R-Idaho, ... The Idaho congressman ... has said that'
    q = _one("Rep. Tom Baker, R-Idaho, entered the race on Friday. The Idaho congressman said that Congress should "
             "wait until 2015.", "said")
    assert q["speaker"] == "Tom Baker"


def _basil_article(phrase: str) -> dict:
    with open(DATA / "basil" / "dev.jsonl", encoding="utf-8") as f:
        return next(r for r in map(json.loads, f) if phrase in r["text"])


def test_an_uncued_quote_goes_on_with_the_speaker_of_its_own_paragraph():
    # NYT (BASIL): Issa's partial quote is glued to his next sentence-long quote, which has no cue; the speaker
    # of an earlier paragraph (Robert F. Bauer) had been carried over it
    record = _basil_article("It is abundantly clear that this kind of conduct")
    result = analyze_text(record["text"], "en")["quotes"]["quotes"]
    quote = next(q for q in result if q["text"].startswith("It is abundantly clear"))
    assert "Issa" in (quote["speaker"] or "")


def test_he_said_after_a_quote_is_that_quotes_speaker_going_on():
    # Fox (BASIL): 'Issa said, adding that he wants to know what Clinton was empowered to say."They've
    # answered a question ...," he said.' named Bill Clinton, the last person named before 'he'
    record = _basil_article("They've answered a question and it begs many more answers")
    quotes = analyze_text(record["text"], "en")["quotes"]["quotes"]
    quote = next(q for q in quotes if q["text"].startswith("They've answered a question"))
    assert quote["speaker_text"] == "he" and quote["speaker"] == "Darrell Issa"
    # a sentence naming someone else between the two quotes leaves 'he' to the entities' reading
    q = [q for q in _quotes('"We will appeal," Smith said on Monday. But Judge Tom Brown was unconvinced. '
                            '"The case is closed," he said.') if q["cue"] == "said"][-1]
    assert q["speaker"] == "Tom Brown"


def test_a_former_president_is_not_the_president():
    text = ("The White House asked former President Bill Clinton to call Joe Sestak. It would have let Sestak keep "
            "his seat while advising the president. Later the former president said he had called.")
    entities = analyze_text(text, "en")["entities"]["entities"]
    roles = {e["name"]: [m["text"] for m in e["mentions"] if m["how"] == "role"] for e in entities}
    assert roles["Bill Clinton"] == ["the former president"]
    assert not any("the president" in r for r in roles.values())


def _names(q: dict) -> list[str]:
    return [s["speaker"] for s in q.get("speakers") or []] or [q["speaker"]]


def test_a_joint_statement_has_every_coordinated_speaker():
    # TRT's seed: the Russian counterpart is named in apposition; PolNeAR: 'Mr. Grassley and Mr. Leahy said'
    q = _one("Turkish President Recep Tayyip Erdogan and his Russian counterpart Vladimir Putin said they support "
             "de-escalation zones in Syria.", "said")
    assert _names(q) == ["Recep Tayyip Erdogan", "Vladimir Putin"] and q["speaker"] == "Recep Tayyip Erdogan"
    q = _one("Senators John McCain and Lindsey Graham said the strike was overdue.", "said")
    assert [s["speaker_id"] for s in q["speakers"]] == ["john mccain", "lindsey graham"]


def test_a_pair_description_stands_for_the_two_people_just_named():
    q = _one("Vladimir Putin met Recep Tayyip Erdogan in Sochi on Wednesday. Both leaders said the talks were useful.",
             "said")
    assert _names(q) == ["Vladimir Putin", "Recep Tayyip Erdogan"]
    q = _one("Vladimir Putin met Recep Tayyip Erdogan in Sochi on Wednesday. Two officials said the talks were useful.",
             "said")
    assert q.get("speakers") is None  # unnamed officials, not the two leaders


def test_an_apposition_or_a_second_description_is_not_a_second_speaker():
    """The parse sometimes takes an apposition for a conjunct (PolNeAR: 'X, New Jersey's sitting governor, ...'):
    without an 'and' no second speaker is read off it. 'lawyer and party strategist Tom Baker' is one man
    described twice."""
    from spacy.tokens import Doc

    from newsprism.analyze.nlp import get_pipeline
    from newsprism.analyze.quotes import _co_speakers

    vocab = get_pipeline("en").vocab
    words = ["Smith", ",", "the", "governor", ",", "said", "it", "failed"]
    heads = [5, 0, 3, 0, 0, 5, 7, 5]
    apposed = Doc(vocab, words=words, heads=heads, deps=["nsubj", "punct", "det", "conj", "punct", "ROOT", "nsubj",
                                                          "ccomp"], pos=["PROPN", "PUNCT", "DET", "NOUN", "PUNCT",
                                                                         "VERB", "PRON", "VERB"])
    assert _co_speakers(apposed[0], 0) is None
    joined = Doc(vocab, words=["Smith", "and", "the", "governor", "said", "it", "failed"], heads=[4, 0, 3, 0, 4, 6, 4],
                 deps=["nsubj", "cc", "det", "conj", "ROOT", "nsubj", "ccomp"],
                 pos=["PROPN", "CCONJ", "DET", "NOUN", "VERB", "PRON", "VERB"])
    assert _co_speakers(joined[0], 0) == [(10, 22)]  # 'the governor'
    q = _one("The plan is dead, said lawyer and party strategist Tom Baker.", "said")
    assert q.get("speakers") is None


@pytest.mark.parametrize("text, cue", [
    ("The governor was not suggesting that protesters be rounded up, an aide later made clear.", "suggesting"),
    ("The senator had stopped short of calling on the mayor to resign in an interview on Monday.", "calling"),
    ("Aides to the governor declined to say whether she would sign the bill.", "say"),
    ("The press secretary wouldn't say whether the president is bracing for a long fight.", "say"),
])
def test_speech_the_text_denies_or_says_was_withheld_is_not_an_utterance(text, cue):
    # a review of BASIL comparisons found such relations in the ledger ('[suggesting] any rounding up ...')
    from newsprism.compare.quotes import build_ledger, quotes_of
    from newsprism.model import Article

    assert _one(text, cue)["act"] == "unsaid"
    article = Article(id="x", text=text, source="test", language="en")
    article.analysis["quotes"] = analyze_text(text, "en")["quotes"]
    assert build_ledger(quotes_of(article, 0), {0: "en"}) == []


def test_said_and_told_stay_utterances():
    assert _one("Putin said the plan has wide support.", "said")["act"] == "speech"
    assert _one("Mr. Perry told reporters that he would not raise taxes.", "told")["act"] == "speech"


def test_a_surname_alone_and_a_pronoun_after_a_glued_sentence_end_name_the_person():
    # met on BASIL: the tagger missed a bare surname ('Akin apologized ...'), and 'Monday.He' was one token,
    # so 'He tweeted' went to the last person the tagger had found
    text = ("Rep. Thomas Hale, who is running for the Senate, faced calls to quit. Sen. Mary Grant was the first to "
            "call on Hale to withdraw.\n\nHale apologized for his remarks Monday.He wrote on Monday afternoon: "
            "\"I am in this race to win.\"")
    result = analyze_text(text, "en")
    hale = next(e for e in result["entities"]["entities"] if e["id"] == "thomas hale")
    assert sum(m["text"] == "Hale" for m in hale["mentions"]) == 2
    q = next(q for q in result["quotes"]["quotes"] if q["text"].startswith("I am in this race"))
    assert q["speaker"] == "Thomas Hale"


def test_a_surname_in_a_longer_name_or_shared_by_two_people_is_not_a_mention():
    text = ("Gordon Brown met Chris Brown and Mary Grant at Grant Park. Brown University hosted them. Brown said the "
            "talks went well, and Grant agreed.")
    result = analyze_text(text, "en")
    for e in result["entities"]["entities"]:
        assert not any(m["how"] == "alias" and m["text"] == "Brown" for m in e["mentions"]), e
    grant = next(e for e in result["entities"]["entities"] if e["id"] == "mary grant")
    assert all(text[m["end"]:m["end"] + 5] != " Park" for m in grant["mentions"])  # 'Grant Park' is a place


@pytest.mark.parametrize("text, cue", [
    ('Tom Baker answered John Smith\'s charges in a statement on Friday:\n\n"I have never met the man, and I never will."',
     "answered"),
    ('"We will win this race," John Smith said.\n\nTom Baker was quick to retort: "Nobody believes that anymore, not even '
     'his friends."', "retort"),
])
def test_a_clause_that_introduces_a_quotation_with_a_colon_names_its_speaker(text, cue):
    quote = next(q for q in analyze_text(text, "en")["quotes"]["quotes"] if q["kind"] == "direct" and
                 q["speaker"] != "John Smith")
    assert quote["speaker"] == "Tom Baker" and quote["cue"] == cue


@pytest.mark.parametrize("text, cue, channel", [
    ('"We will not back down," Tom Baker said on Monday, according to the Daily Planet.', "said", "the Daily Planet"),
    ('"I want to see it," said Tom Baker in an interview, according to TIME."How come nobody knows?"', "said", "TIME"),
])
def test_according_to_after_said_names_the_channel_not_the_speaker(text, cue, channel):
    quote = analyze_text(text, "en")["quotes"]["quotes"][0]
    assert quote["speaker"] == "Tom Baker" and quote["cue"] == cue
    assert quote["channel"]["text"] == channel


def test_according_to_inside_the_attribution_names_the_channel_not_the_speaker():
    # BASIL (Fox): 'The A.G., according to the Times, said he had misspoken' had gone to the Times, with
    # 'The A.G. ... said' in what the Times reported
    quote = _one("Tom Baker, according to the Daily Planet, said he had misspoken at an event in May.", "said")
    assert quote["speaker"] == "Tom Baker" and quote["channel"]["text"] == "the Daily Planet"
    assert quote["text"] == "he had misspoken at an event in May"


def test_according_to_inside_a_clause_reports_that_clause_and_at_the_end_the_sentence():
    # BASIL (Fox): '... he is concerned about the results of the caucus, in which, according to entrance polls,
    # Trump won 44 percent' had made the whole sentence, Fox's own worry included, the polls' report
    quotes = _quotes("Tom Baker is worried about the results of the Dayton vote, in which, according to exit polls, "
                     "Ann Cole won 44 percent of the women. The county gained 3,000 jobs, wiping out its losses, "
                     "according to the state.")
    reports = {q["speaker"]: q["text"] for q in quotes if q["cue"] == "according to"}
    assert reports == {"exit polls": "Ann Cole won 44 percent of the women",
                       "the state": "The county gained 3,000 jobs, wiping out its losses"}


@pytest.mark.parametrize("text", [
    # BASIL (Fox): the parse made the quotation the root and left 'says' without a subject
    'At a rally in May, which can be found on You Tube, Tom Baker, speaking to veterans back from war, clearly says, '
    '"We have learned something very important since then."',
    'At the event, Tom Baker, advocating for troops returning from war, clearly says, "We have learned something '
    'very important since then."',
])
def test_a_name_set_off_before_an_adverb_and_cue_speaks_the_quotation_after_it(text):
    quote = _one(text, "says")
    assert quote["speaker"] == "Tom Baker" and quote["kind"] == "direct"
    assert quote["text"] == "We have learned something very important since then."


@pytest.mark.parametrize("text", ['Tom Baker wrote:"The report is wrong and everybody knows it."',
                                  'Tom Baker, a lawyer, wrote:“The report is wrong and everybody knows it.”'])
def test_a_colon_glued_to_a_quotation_keeps_its_cue(text):
    # BASIL (HuffPost): 'Rennie wrote:"The Blumenthal Bombshell ..."' was one token; the quote lost its cue and
    # went to the name inside it
    quote = _one(text, "wrote")
    assert quote["speaker"] == "Tom Baker" and quote["text"] == "The report is wrong and everybody knows it."


def test_a_word_inside_the_quotation_is_never_its_speaker():
    """The parse can hang a noun of the quotation on the cue as its subject; the name beside the cue speaks."""
    text = ('“In his career, the man has left a trail of bankruptcies, thousands of lawsuits, angry investors and '
            'contractors who feel cheated,” Baker said.“Who would trust him?')
    quote = analyze_text(text, "en")["quotes"]["quotes"][0]
    assert quote["speaker_text"] == "Baker" and quote["cue"] == "said"


@pytest.mark.parametrize("text, start, channel", [
    ('Tom Baker said in a statement released by his campaign that he would run.\n\n'
     '"We will win this race, and everyone knows it," the statement continued.', "We will", "the statement"),
    ('A statement from John Smith called the plan "a disgrace to the city" on Monday.', "the plan", "A statement"),
    ('John Smith\'s statement said the plan was "a disgrace to the city" and had to go.', "the plan",
     "John Smith's statement"),
    # BASIL (HuffPost): 'Bloomberg's scathing speech seemed designed to chafe Trump's rawest nerves, mocking ...'
    ("Tom Baker's scathing speech seemed designed to chafe the mayor's rawest nerves, mocking his business record "
     "and his inheritance.", "his business", "Tom Baker's scathing speech"),
])
def test_a_document_speaks_for_whoever_issued_it(text, start, channel):
    quote = next(q for q in analyze_text(text, "en")["quotes"]["quotes"] if q["text"].startswith(start))
    assert quote["speaker"] in {"Tom Baker", "John Smith"} and quote["channel"]["text"] == channel


@pytest.mark.parametrize("text, speaker", [
    # the parse heads the subject on the organisation: the person named before the cue holds its title
    ("The National Council for Fair Elections President Maria Delgado said that the ruling was unfair.",
     "Maria Delgado"),
    ("The Center for Fair Elections President Maria Delgado said that the ruling was unfair.", "Maria Delgado"),
    # a person the organisation acts through, or whom a described speaker works for, does not speak
    ("The committee led by Senator John Smith said that the bill would pass.", "the committee"),
    ("A spokesman for Senator John Smith said that the bill would pass.", "a spokesman"),
])
def test_a_person_titled_by_an_organisation_speaks_for_it(text, speaker):
    assert _one(text, "said")["speaker"] == speaker


@pytest.mark.parametrize("text, source, content", [
    ("In a Gallup poll released Monday, 52 percent of voters backed the plan to build the bridge.",
     "a Gallup poll", "52 percent of voters backed the plan to build the bridge"),
    ("In the latest polls, Tom Baker leads Jim Ward by nine points.", "the latest polls",
     "Tom Baker leads Jim Ward by nine points"),
])
def test_a_poll_opening_the_sentence_is_the_source_of_its_figures(text, source, content):
    quote = _one(text, "In")
    assert quote["speaker_text"] == source and quote["text"] == content and quote["kind"] == "indirect"


@pytest.mark.parametrize("text", [
    "In a survey of 800 voters, most respondents said they would vote for Tom Baker.",  # 'said' has it
    "In a speech on Monday, Tom Baker attacked the plan to build the bridge.",  # a speech is not a poll
    "Tom Baker leads Jim Ward by nine points in the latest polls.",  # not set off at the start
])
def test_a_poll_phrase_is_no_source_where_the_sentence_has_its_own(text):
    assert not [q for q in _quotes(text) if q["cue"].lower() == "in"]


def test_a_plural_who_after_two_coordinated_names_speaks_for_both():
    quote = _one("The plan is opposed by Ann Cole and Jim Ward, who say it would cost the city too much.", "say")
    assert {s["speaker"] for s in quote["speakers"] or []} == {"Ann Cole", "Jim Ward"}
    # singular, or past tense: no telling whether both spoke
    for text, cue in [("The plan is opposed by Ann Cole, who says it would cost the city too much.", "says"),
                      ("The plan is opposed by Ann Cole and Jim Ward, who says it would cost too much.", "says"),
                      ("The plan was opposed by Ann Cole and Jim Ward, who said it would cost too much.", "said")]:
        alone = _one(text, cue)
        assert alone["speakers"] is None, text


@pytest.mark.parametrize("text, name", [
    ('Sen. Tom Baker defended the "Clean Streets" bill on Monday, saying it would pass.', "Clean Streets"),
    ("Critics of the \u201cdon\u2019t ask, don\u2019t tell\u201d policy for gays serving in the military rallied.",
     "don\u2019t ask, don\u2019t tell"),
    ('As the "Never Baker" movement grows, Ann Cole said she would stay neutral.', "Never Baker"),
])
def test_words_in_marks_that_name_a_policy_or_movement_are_no_quotation(text, name):
    """PolNeAR and BASIL: 'the "Gang of Eight" bill', 'the "Never Trump" movement' and 'the "don't ask, don't
    tell" policy' were quotes (partial, or direct with a speaker carried over from before)."""
    quotes = _quotes(text)
    assert not any(name in p["text"] for q in quotes for p in q["quoted"]), quotes
    assert not any(q["kind"] == "direct" and name in q["text"] for q in quotes), quotes


def test_words_in_marks_before_a_noun_stay_quoted_when_they_are_someones_words():
    q = _one('Ann Cole said the city would take a "common-sense" approach to the budget.', "said")
    assert [p["text"] for p in q["quoted"]] == ["common-sense"]
    q = _one('Tom Baker said the plan was "a disaster" and would fail.', "said")
    assert [p["text"] for p in q["quoted"]] == ["a disaster"]


def test_who_after_a_name_stands_for_that_person_and_so_does_the_he_after_it():
    """'the ire of Senator Mark Hollis who said': the parse hangs the relative clause on 'ire', but 'who' stands
    for the person named right before it; and the 'he said' after is his, not the other senator's."""
    text = ("The bill that angered Senator Tom Baker also drew the ire of Senator Mark Hollis who said he was "
            "stunned by it. \"This is not a serious bill,\" he said.")
    quotes = _quotes(text)
    assert [q["speaker"] for q in quotes if q["cue"] == "said"] == ["Mark Hollis", "Mark Hollis"]


def test_a_name_the_parse_joins_to_the_object_before_it_speaks_for_the_cue_after_it():
    """'... require different standards for certification and Judge Ann Cole said it was "a serious problem"':
    the parse takes the name for a conjunct of 'certification' and the cue for a conjunct of 'require', whose
    subject is 'those two remedies'."""
    quote = next(q for q in _quotes('But those two remedies require different standards for certification and '
                                    'Judge Ann Cole said it was "a serious problem" in the case.') if q["cue"] == "said")
    assert quote["speaker"] == "Ann Cole"


def test_a_statement_from_a_described_issuer_is_the_words_of_the_person_named():
    """'said the statement from the attorney, William Baker': the statement speaks for the person the
    described issuer is named as (the statement is the channel)."""
    quote = _quotes('"We are disappointed by the decision, but hardly surprised," said the statement from the '
                    'attorney, William Baker.')[0]
    assert quote["speaker"] == "William Baker" and quote["channel"]["text"] == "the statement"


def test_he_after_a_subject_named_in_apposition_is_that_person():
    """'The mayor's lawyer, Will Hardy, said ...' makes Hardy the subject the next 'he said' goes to, though the
    mayor was named more often before."""
    text = ("Mayor Tom Baker met the press on Monday. Tom Baker spoke first, and Tom Baker left early. The mayor's "
            "lawyer, Will Hardy, said in a statement that the office \"has disclosed its intent to file charges.\" "
            "\"We are disappointed by the decision, but hardly surprised,\" he said.")
    quote = next(q for q in _quotes(text) if q["text"].startswith("We are disappointed"))
    assert quote["speaker"] == "Will Hardy"


def test_they_who_speak_stand_for_the_group_that_spoke_before():
    """'Some Republican senators ... are now calling for a veto, but they cite ...' and 'They argue ...' after
    it are the senators' words; a 'they' after a finding ('The results show ...') or after a subject inside
    someone's quotation is left unnamed."""
    quotes = _quotes('Some Republican senators who backed the bill are now calling for a veto as well, but they '
                     'cite "inaccurate" reports about the measure. They argue the bill only protects shop owners.')
    assert {q["cue"]: q["speaker"] for q in quotes}["argue"] == "Some Republican senators"
    assert {q["cue"]: q["speaker"] for q in quotes}["cite"] == "Some Republican senators"
    unnamed = _quotes("The results show that rural voters are out of step. They are less hostile to reform, they said.")
    assert next(q for q in unnamed if q["cue"] == "said")["speaker"] is None
    inside = _quotes("“The attacks on the mayor show that many oppose any newcomers,” they conclude.")
    assert inside[0]["speaker"] is None


def test_the_subject_of_a_copula_speaks_through_an_infinitive_on_what_it_is():
    """'Tom Baker was the latest prominent voice to weigh in and urge Smith to ...': the infinitive hangs on
    'voice', what the subject is; a thing that is 'a way to tell voters' speaks for no one."""
    quote = _quotes("Former senator Tom Baker was the latest prominent voice to weigh in and urge Smith to drop "
                    "the plan.")[0]
    assert quote["speaker"] == "Tom Baker" and quote["cue"] == "urge"
    assert not [q for q in _quotes("The plan is a way to tell voters that taxes will rise.") if q["speaker"]]


@pytest.mark.parametrize("text, speaker", [
    ("A handful of well-placed party insiders tell reporters they expect the chairman to quit.",
     "a handful of well-placed party insiders"),
    ("The chairman has been unpredictable, and some close to the chairman say he wants another term.",
     "some close to the chairman"),
    ("Some of the senators, who met on Monday, said the bill was dead.", "Some of the senators"),
    ("Those familiar with the talks said a deal was near.", "Those familiar with the talks"),
])
def test_a_subject_that_only_counts_keeps_the_words_that_say_whom(text, speaker):
    quote = _quotes(text)[0]
    assert quote["speaker"] == speaker


def test_they_after_two_people_named_together_are_both():
    """'Senator Tom Baker and Senator Ann Cole released a joint statement ... "...," they said': both speak."""
    text = ("On Friday, Senator Tom Baker and Senator Ann Cole released a joint statement repeating that they had "
            "long been worried. \"Officials have said the program is narrow,\" they said.")
    quote = next(q for q in _quotes(text) if q["cue"] == "said")
    assert [s["speaker"] for s in quote["speakers"]] == ["Tom Baker", "Ann Cole"]


def test_a_headline_kicker_before_a_colon_is_no_speaker():
    """PolNeAR: 'The Latest: Cruz to give away engraved shotgun', 'Breaking: Federal Judge Just Gave ...', 'EXCLUSIVE:
    In memo to Congress, Saudis insist ...' were attributions to 'the Latest', 'Breaking' and 'EXCLUSIVE' (20 of them,
    none in the gold). A name before the colon still speaks: 'Graham: Trump's rhetoric destroying GOP's chances'."""
    for text in ("The Latest: Dana Reyes to give away engraved canoe", "BREAKING: Harbour board approves the new pier",
                 "Exclusive: In memo to council, mayors insist they are fighting fraud.", "Just Leaked: Look At Tom Ivo's "
                 "Shocking Response"):
        assert not [q for q in _quotes(text) if q["cue"] == ":"], text
    said = _quotes("Reyes: Ivo's rhetoric destroying the party's chances")
    assert [(q["speaker_text"], q["cue"]) for q in said] == [("Reyes", ":")]


@pytest.mark.parametrize("text, cue, speaker, answer", [
    # the one asked answers: the question is the unnamed interviewer's (PolNeAR gives it no source)
    ("When asked about the new bridge, Dana Reyes said the city would pay for it.", "asked", None, "said"),
    ("Asked whether he would run again, Tom Ivo said he had not decided.", "Asked", None, "said"),
    ("When pressed on whether he would resign, Tom Ivo said he would not.", "pressed", None, "said"),
    # a named asker is the speaker; a perfect participle shares its subject as before
    ("Asked by reporters whether he would run again, Tom Ivo said he had not decided.", "Asked", "reporters",
     "said"),
    ("Having told reporters that the plan was sound, Tom Ivo added that it would pass.", "told", "Tom Ivo", "added"),
])
def test_the_one_asked_is_not_the_speaker_of_the_question(text, cue, speaker, answer):
    """BASIL's HuffPost: 'When asked how genuine his presidential ambition is, Trump said ...' put the question in
    Trump's mouth, and the quote ledger listed it as his words."""
    assert _one(text, cue)["speaker_text"] == speaker
    assert _one(text, answer)["speaker_text"] in text.split(", ", 1)[1]  # the one asked still speaks the answer


@pytest.mark.parametrize("text, cue, speaker", [
    ("Tom Ivo's declaration that the bridge was unsafe drew fire.", "declaration", "Tom Ivo"),
    # a possessive pronoun stands for the subject of its clause
    ("At the rally, Tom Ivo repeated his claim that the election had been stolen.", "claim", "Tom Ivo"),
])
def test_a_cue_noun_is_spoken_by_its_owner(text, cue, speaker):
    """PolNeAR's "Trump's declaration that it had been a bomb" went to no one (before the asked-rule, to Clinton,
    who was asked about it); a noun cue has no subject of its own, its owner says it."""
    assert _one(text, cue)["speaker_text"] == speaker


def test_a_statement_noun_reports_speech_for_the_ledger():
    """The NYT's "Mr. Trump's statement that he was bowing out" left the ledger as a stance once the owner rule gave
    the noun relation its speaker: a speech noun's relation is speech."""
    quote = _one("Tom Ivo's statement that he was leaving the race surprised the party.", "statement")
    assert (quote["speaker_text"], quote["act"]) == ("Tom Ivo", "speech")


BASIL = DATA / "basil" / "dev.jsonl"


@pytest.mark.skipif(not BASIL.is_file(), reason="BASIL dev data not available")
def test_the_question_ends_before_the_one_asked_where_the_parse_took_him_into_it():
    """BASIL (Fox): in 'Asked in the interview how genuine his presidential ambition is, Trump, who would have to hand
    over the reins ..., said, "..."' the parse makes Trump part of the question and leaves 'said' without a
    subject; the ledger showed the question as '... is, Trump, who would have to hand over the reins ...'."""
    with BASIL.open(encoding="utf-8") as fh:
        texts = [r["text"] for r in map(json.loads, fh) if "how genuine his presidential ambition is, Trump" in r["text"]]
    assert texts
    for text in texts:
        asked = [q for q in analyze_text(text, "en")["quotes"]["quotes"] if q["text"].startswith("how genuine")]
        assert [(q["text"], q["speaker"]) for q in asked] == [("how genuine his presidential ambition is", None)]


def test_a_cue_after_and_goes_on_the_nearer_verb_of_its_own_form():
    """BASIL (Fox): 'Etheridge ... is seen in an amateur video grabbing ... a young man after the man approached the
    congressman and asked if he supported the "Obama agenda."' The parse joins 'asked' to 'is seen', and the young
    man's question went to Etheridge in the ledger."""
    quote = _one('Tom Ivo, a Democrat, is seen in a video grabbing the arm of a young man after the man approached '
                 'the senator and asked if he supported the "new budget."', "asked")
    assert quote["speaker_text"] == "the man"
    # a conjunct of the same form keeps its head's subject, as before
    assert _one("Tom Ivo met the mayor on Monday and said that the plan was sound.", "said")["speaker_text"] == "Tom Ivo"


def test_an_attribution_set_off_inside_the_sentence_names_the_speaker():
    """BASIL (NYT): 'That group of Republicans, Mr. Corker said on Fox, was beginning to realize "..."'. The parse
    gives 'said' two subjects; the first, 'That group', was the speaker, and the ledger joined the quotation to the
    NYT's other records under a group instead of Corker."""
    record = _basil_article("Mr. Corker said on Fox, was beginning to realize")
    quotes = analyze_text(record["text"], "en")["quotes"]["quotes"]
    quote = next(q for q in quotes if q["cue"] == "said" and "was beginning to realize" in q["text"])
    assert quote["speaker"] == "Bob Corker"
    assert quote["text"].startswith("That group of Republicans")  # the subject before the attribution is said too


def test_content_does_not_end_on_a_conjunction_whose_conjunct_went_elsewhere():
    """BASIL (NYT): '... to improve his sagging poll numbers and in explicit terms he urged Americans ...': the parse
    hangs 'urged' on 'suggested', and the content of 'suggested' ended on a dangling 'and' in the ledger."""
    record = _basil_article("sagging poll numbers and in explicit terms")
    quotes = analyze_text(record["text"], "en")["quotes"]["quotes"]
    quote = next(q for q in quotes if q["cue"] == "suggested")
    assert quote["text"].endswith("his sagging poll numbers")


def test_an_uncued_quote_is_not_spoken_by_the_one_written_to():
    """HuffPost (BASIL): 'Bill Kristol ... writing a letter to Steele on his Weekly Standard site' and then the letter,
    quoted with no cue: it went to Steele, the last person named, whom the letter addresses."""
    text = ('The pushback was led by Tom Baker, an editor, writing a letter to Ann Cole on his website.\n\n'
            '"Needless to say, the plan was never yours to change. It has been the work of many people for years."')
    quote = next(q for q in _quotes(text) if q["text"].startswith("Needless"))
    assert quote["speaker"] == "Tom Baker"


def test_a_role_given_to_no_one_named_after_a_quote_is_its_speaker_going_on():
    """HuffPost (BASIL): '"I'm not ashamed to admit I'm a Christian," says Perry. ... "As president, I'll end ...," the
    Texas governor continues.' The article never calls Perry governor, and the second quote had no one's name."""
    text = ('"I am not ashamed to admit that I love this city," says Baker. "But you do not need to live here to know '
            'that something is wrong."\n\n"As mayor, I will fix the roads and the schools," the Ohio governor '
            'continues. "Our city can be strong again."')
    quote = next(q for q in _quotes(text) if q["text"].startswith("As mayor"))
    assert quote["speaker_text"] == "the Ohio governor" and quote["speaker"] == "Baker"
    # a role the article gives someone named stays theirs
    titled = 'Ohio Gov. Ann Cole spoke first. ' + text
    quote = next(q for q in _quotes(titled) if q["text"].startswith("As mayor"))
    assert quote["speaker"] == "Ann Cole"


def test_an_institution_named_of_something_is_one_name():
    # BASIL (HuffPost): 'The U.S. Department of the Treasury announced Thursday ...' was spoken by 'U.S. Department'
    # in the ledger: the small model tags 'The U.S. Department' and 'Treasury' as two names
    quote = _one("The U.S. Department of the Treasury announced Thursday that it will recognize the marriages.",
                 "announced")
    assert quote["speaker"] == "U.S. Department of the Treasury"
