"""Which person a pronoun or a description stands for (made-up sentences; BASIL measures it: `eval speakers`)."""

from __future__ import annotations

from newsprism.analyze import analyze_text


def _pronoun_owner(text: str, pronoun: str) -> str | None:
    start = text.index(f" {pronoun} ") + 1
    for entity in analyze_text(text, "en")["entities"]["entities"]:
        if any(m["start"] == start and m.get("how") == "pronoun" for m in entity["mentions"]):
            return entity["name"]
    return None


def _speaker(text: str, opening: str) -> str | None:
    """The speaker of the quote that opens with `opening`."""
    return next(q["speaker"] for q in analyze_text(text, "en")["quotes"]["quotes"] if q["text"].startswith(opening))


def test_the_subject_of_the_sentence_before_outranks_a_possessor_named_after_it():
    text = 'Tom Baker dismissed John Smith\'s plan on Monday.\n\n"It will never work," he said.'
    assert _pronoun_owner(text, "he") == "Tom Baker"
    assert _speaker(text, "It will") == "Tom Baker"


def test_in_its_own_sentence_the_least_embedded_subject_wins():
    text = "When Tom Baker heard that John Smith had been promoted, he resigned from the board."
    assert _pronoun_owner(text, "he") == "Tom Baker"


def test_a_name_inside_quotation_marks_is_not_what_the_pronoun_after_them_stands_for():
    text = ('Tom Baker spoke to reporters on Monday.\n\n'
            '"John Smith never told us the truth," he said.')
    assert _pronoun_owner(text, "he") == "Tom Baker"


def test_a_given_name_rules_out_a_person_of_the_other_sex():
    text = ("Ruth Miller met Donald Brown's aides, and Donald Brown later spoke to reporters.\n\n"
            '"It was a mistake," she said.')
    assert _pronoun_owner(text, "she") == "Ruth Miller"
    assert _speaker(text, "It was") == "Ruth Miller"


def test_a_familiar_given_name_counts_as_the_formal_one():
    """'Bibi' is listed in aliases.json as a form of Benjamin, whatever the name table says of 'Bibi'."""
    text = 'Sarah Adler met Bibi Stern on Monday.\n\n"We agreed on nothing," he said.'
    assert _pronoun_owner(text, "he") == "Bibi Stern"


def test_a_role_with_a_place_before_it_is_the_person_so_titled():
    text = ('Texas Gov. Tom Baker announced his campaign on Monday in Austin.\n\n'
            '"We will win this race, and we will win it big," the Texas governor said.')
    assert _speaker(text, "We will") == "Tom Baker"


def test_a_name_after_a_quotation_that_mixes_curly_and_straight_marks_is_outside_it():
    # '“...," X said': the straight mark closes the curly one, so X is a subject a pronoun can stand for
    text = ("Tom Reyes, a two-term congressman, will challenge House Whip Kevin Marsh for the post.\n\n"
            "Marsh began gathering commitments on Wednesday. Marsh's job is to round up votes.\n\n"
            "\u201cI was stunned by the result. But the message is clear,\" Reyes said in a statement.\n\n"
            "He also said that he would run for the post.")
    assert _speaker(text, "that he would run") == "Tom Reyes"
