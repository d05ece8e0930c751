"""The sentence splitter: exactly the gold body sentences on the seeds, and its rules on their own."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from newsprism.analyze.sentences import split_sentences
from newsprism.clean import clean
from newsprism.ingest.files import read_path

from .conftest import SEEDS


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


@pytest.mark.parametrize("key", ["dw", "trt"])
def test_seed_sentences_are_exactly_the_gold_body_sentences(key, data_dir):
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))["articles"][key]
    article = clean(next(read_path(SEEDS / gold["file"])))
    assert [norm(s.text) for s in article.sentences] == [norm(s) for s in gold["body_sentences"].values()]
    assert all(article.text[s.start:s.end] == s.text for s in article.sentences)


def test_quotation_closed_in_its_paragraph_stays_one_sentence():
    text = '"Nobody should get away with it. We agree with Mr. Putin," Erdogan said. Talks resume today.'
    assert [s.text for s in split_sentences(text)] == [
        '"Nobody should get away with it. We agree with Mr. Putin," Erdogan said.', "Talks resume today."]


def test_unclosed_quotation_does_not_stop_splitting():
    text = '"We will fight on. We have no choice. The war goes on.\n\nHe left.'
    assert len(split_sentences(text)) == 4


def test_abbreviations_initials_and_paragraphs():
    text = ("Gen. Smith met George W. Bush in the U.S. capital on Jan. 5. They spoke with former Sens. John Ashcroft "
            "and Kit Bond.\n\nA new paragraph. He will face former Cong. Rob Simmons or Atty. Gen. Ann Lee.")
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Gen. Smith met George W. Bush in the U.S. capital on Jan. 5.",
                                           "They spoke with former Sens. John Ashcroft and Kit Bond.",
                                           "A new paragraph.", "He will face former Cong. Rob Simmons or Atty. Gen. Ann Lee."]
    assert [s.paragraph for s in sentences] == [0, 0, 1, 1]


@pytest.mark.parametrize("text, expected", [
    ("It happened in 2009.The White House called.It was over.",
     ["It happened in 2009.", "The White House called.", "It was over."]),
    ('Mr. Sestak said.“The offer came late.” He left.', ["Mr. Sestak said.", "“The offer came late.”", "He left."]),
    ("Es war die Corona-Krise.Schmals wollen nicht.", ["Es war die Corona-Krise.", "Schmals wollen nicht."]),
    ('"It was legal," the report read."Such talks are common." He left.',
     ['"It was legal," the report read.', '"Such talks are common."', "He left."]),
    ("Он сказал.Потом ушёл.", ["Он сказал.", "Потом ушёл."]),
    # a straight quote glued to the next word that closes the question before it stays with it (met on BASIL)
    ('The host asked the mayor, "You have seen all of this?"Her reply: "Yes, I read every page."',
     ['The host asked the mayor, "You have seen all of this?"', 'Her reply: "Yes, I read every page."']),
    ("Mr. Lee did not answer an email seeking comment.A senior official said it was fine.",
     ["Mr. Lee did not answer an email seeking comment.", "A senior official said it was fine."]),
    # Not boundaries: dotted acronyms, product names, numbers, domains, abbreviations.
    ("The U.S.Army and ASP.NET 3.5 ran on amazon.com with Node.js.",
     ["The U.S.Army and ASP.NET 3.5 ran on amazon.com with Node.js."]),
    ("He toured the U.S.A few days later.", ["He toured the U.S.A few days later."]),
    ("Alaska Gov.Sarah Palin attended.", ["Alaska Gov.Sarah Palin attended."]),
])
def test_boundary_that_lost_its_space(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


def test_scraped_texts_with_glued_sentences_are_split(data_dir):
    """BASIL's texts lost the space between many sentences ('... of 2009.The White House ...', 'said.“I
    believe', 'comment.A senior official'): the splitter still cuts there, except inside a quotation closed
    in its paragraph (kept whole by design)."""
    records = [json.loads(line) for line in (data_dir / "basil" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    sentences = [s for r in records for s in split_sentences(r["text"])]
    for next_word, least in ((r"[A-Z][a-z]", 1000), (r"I[ '’]", 50), (r"A ", 10)):
        glued = re.compile(rf"[a-z\d][.!?][\"'”’]?[\"“]?{next_word}")
        quoted = re.compile(rf"[\"“][^\"“”]*[a-z\d][.!?][\"'”’]?[\"“]?{next_word}")
        raw = sum(len(glued.findall(r["text"])) for r in records)
        left = [s.text for s in sentences if glued.search(s.text) and not quoted.search(s.text)]
        assert raw > least  # the data still has the defect this test is about
        assert len(left) < 0.02 * raw, left[:5]


@pytest.mark.parametrize("text, expected", [
    ("Er tritt sein Amt erst am 1. Juli an. Bis dahin bleibt er.", ["Er tritt sein Amt erst am 1. Juli an.", "Bis dahin bleibt er."]),
    ("Im 19. Jahrhundert war das anders. Heute nicht.", ["Im 19. Jahrhundert war das anders.", "Heute nicht."]),
    ("İran'da 11. Dönem Meclis seçimleri yapılacak. Sonuç belli değil.",
     ["İran'da 11. Dönem Meclis seçimleri yapılacak.", "Sonuç belli değil."]),
    # A number that ends a sentence still ends it, a year before a month name too.
    ("Rust leads the team with 16. The Sharks lost.", ["Rust leads the team with 16.", "The Sharks lost."]),
    ("It all began in 2019. March brought the lockdown.", ["It all began in 2019.", "March brought the lockdown."]),
])
def test_ordinal_numbers_end_no_sentence(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


def test_german_dates_in_real_articles_stay_inside_their_sentence(data_dir):
    """SemEval's German articles write dates as '1. Juli': no sentence of theirs may start with a month name
    cut off from its day."""
    records = [json.loads(line) for line in (data_dir / "semeval2022-task8" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    texts = [r[f"text{k}"] for r in records for k in (1, 2) if r[f"lang{k}"] == "de"]
    month = re.compile(r"\d{1,2}\.\s+(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b")
    dated = [t for t in texts if month.search(t)]
    assert len(dated) > 50  # the data has what this test is about
    cut = [s.text for t in dated for s in split_sentences(t)
           if re.match(r"(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b", s.text)]
    assert len(cut) <= 2, cut[:5]
