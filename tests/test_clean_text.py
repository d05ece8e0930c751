"""The scraped-text cleaner on the real seed articles (judged by the hand-made gold) and on the
boilerplate patterns of other outlets, one rule at a time."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from newsprism.clean.text import clean_scraped_text, normalize_text

from .conftest import SEEDS

GOLD = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8")) if (SEEDS / "gold.json").is_file() else {}
REASONS = {"navigation": {"navigation"}, "captions_and_credits": {"caption", "credit"},
           "related_story_teaser": {"teaser"}, "section_headings": {"heading"}, "dateline": {"dateline"},
           "signoff": {"signoff"}, "promo": {"promo"}}


def norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text or "")).strip()


def cleaned(key: str):
    article = GOLD["articles"][key]
    return article, clean_scraped_text((SEEDS / article["file"]).read_text(encoding="utf-8"))


@pytest.fixture(params=["dw", "trt"])
def seed(request, data_dir):
    return cleaned(request.param)


def test_every_gold_body_sentence_is_kept(seed):
    gold, result = seed
    body = norm(" ".join(result.paragraphs))
    lost = [s for s in gold["body_sentences"].values() if norm(s) not in body]
    assert not lost


def test_every_not_body_span_is_removed_with_its_category(seed):
    gold, result = seed
    body = norm(" ".join(result.paragraphs))
    for category, spans in gold["not_body"].items():
        for span in map(norm, spans):
            holders = {r.reason for r in result.removed if span in norm(r.text)}
            assert holders & REASONS[category], (category, span, holders)
            assert span not in body or any(span in norm(s) for s in gold["body_sentences"].values())


def test_headings_are_kept_as_structure_never_as_body(seed):
    gold, result = seed
    assert [h for h, _ in result.headings] == [norm(h) for h in gold["not_body"].get("section_headings", [])]
    for heading, index in result.headings:
        assert heading not in result.paragraphs and 0 < index < len(result.paragraphs)


def test_title_and_standfirst_match_gold(seed):
    gold, result = seed
    assert result.title == gold["title"]
    if "standfirst" in gold:
        assert result.standfirst == gold["standfirst"]
        assert norm(gold["standfirst"]) in norm(result.paragraphs[0])


def test_every_removed_span_says_why(seed):
    _, result = seed
    assert result.removed and all(r.reason and r.detail and r.line is not None for r in result.removed)


def test_caption_glued_to_credit_is_split(data_dir):
    _, result = cleaned("dw")
    by_text = {r.text: r.reason for r in result.removed}
    assert by_text["Image: Getty Images/AFP/K. Al-Masri"] == "credit"
    assert by_text["Some Syrian rebel groups want a nationwide truce instead of no fly zones in specific "
                   "areas of the country"] == "caption"


def test_foreign_language_alt_text_is_a_caption_even_without_a_credit():
    text = ("Leaders meet to agree on a ceasefire plan\n\nThe two presidents met on Wednesday and agreed on a "
            "plan to end the fighting in the north of the country.\n\nSyrien Aleppo Bergung Verletzte Ruine\n\n"
            "Aid agencies said the plan would let them reach thousands of people cut off since the winter.")
    result = clean_scraped_text(text)
    assert [(r.reason, r.text) for r in result.removed if r.reason == "caption"] == [
        ("caption", "Syrien Aleppo Bergung Verletzte Ruine")]
    assert "language" in next(r.detail for r in result.removed if r.reason == "caption")


def test_normalises_non_breaking_and_odd_spaces():
    assert normalize_text("Erdogan\u00a0said.\u00a0\r\nA\u2009b\u200bc") == "Erdogan said.\nA bc"


OTHER_OUTLET = """World News
Senate passes bill to fund the government through March
By Jane Doe and John Smith
3 Min Read
WASHINGTON (Reuters) - The U.S. Senate on Tuesday passed a stopgap spending bill that would keep the \
federal government funded through March, sending the measure to the House.

Photo: Reuters

Advertisement

The vote was 65 to 30, with several Republicans joining Democrats in support of the measure.

Read more: Trump says shutdown would be the Democrats' fault

Share this article

Lawmakers have until Friday at midnight to pass the bill, or federal agencies will begin shutting down.

Senate vote on Friday

The Senate vote on the bill is expected on Friday, after the House has passed it.

The House is expected to take up the measure on Wednesday.

The House is expected to take up the measure on Wednesday.

(Reporting by Jane Doe; Editing by Tom Brown)

Related Topics
US Congress
US government shutdown
"""


@pytest.mark.parametrize("line, reason", [
    ("World News", "navigation"),
    ("Senate passes bill to fund the government through March", "title"),
    ("By Jane Doe and John Smith", "byline"),
    ("3 Min Read", "navigation"),
    ("Photo: Reuters", "credit"),
    ("Advertisement", "promo"),
    ("Read more: Trump says shutdown would be the Democrats' fault", "teaser"),
    ("Share this article", "navigation"),
    ("Senate vote on Friday", "heading"),
    ("The House is expected to take up the measure on Wednesday.", "repeated"),
    ("(Reporting by Jane Doe; Editing by Tom Brown)", "signoff"),
    ("Related Topics", "navigation"),
    ("US Congress", "navigation"),
    ("US government shutdown", "navigation"),
])
def test_other_outlets_boilerplate(line, reason):
    result = clean_scraped_text(OTHER_OUTLET)
    assert (line, reason) in [(r.text, r.reason) for r in result.removed]


def test_other_outlets_body_survives_whole():
    result = clean_scraped_text(OTHER_OUTLET)
    assert len(result.paragraphs) == 5
    assert result.paragraphs[0].startswith("WASHINGTON (Reuters) - The U.S. Senate")
    assert result.paragraphs.count("The House is expected to take up the measure on Wednesday.") == 1
    assert result.signoff == "(Reporting by Jane Doe; Editing by Tom Brown)"


def test_teaser_versus_heading_is_decided_by_what_follows():
    text = ("Storm hits the coast\n\nA storm hit the coast on Monday, cutting power to thousands of homes.\n\n"
            "Minister resigns over expenses: report\n\nCrews worked through the night to restore the lines.\n\n"
            "Power restored by Tuesday\n\nMost homes had their power back by Tuesday evening, the utility said.")
    kinds = {r.text: r.reason for r in clean_scraped_text(text).removed}
    assert kinds["Minister resigns over expenses: report"] == "teaser"
    assert kinds["Power restored by Tuesday"] == "heading"


def test_clean_prose_loses_nothing():
    text = ("Cruz continued:\n\n\"We will win this state,\" he said.\n\nGov. Jan Brewer (R) signed the bill on "
            "Wednesday, her office said.\n\nWhere the action has no effect on a listed species, or\n\n"
            "the agency may decide otherwise.")
    result = clean_scraped_text(text)
    assert result.removed == [] and len(result.paragraphs) == 5


def test_from_html_keeps_recurring_lines_and_first_line():
    text = "Meal 1\nEat every 2-3 hours\nMeal 2\nEat every 2-3 hours\nShare this article"
    result = clean_scraped_text(text, from_html=True)
    assert result.paragraphs == ["Meal 1", "Eat every 2-3 hours", "Meal 2", "Eat every 2-3 hours"]
    assert result.title is None


def test_boilerplate_only_input_is_rejected_with_stage_and_reason():
    from newsprism.model import RawPage, Rejected
    from newsprism.pipeline import process

    page = RawPage(source="menu.txt", kind="text",
                   content="1. Skip to content\n2. Skip to main menu\nShare this article\nAdvertisement\nPhoto: AFP")
    result = process(page)
    assert isinstance(result, Rejected) and (result.stage, result.reason) == ("clean", "no-article")
    assert "no article body left" in result.message


def test_only_lines_above_a_credit_are_its_caption():
    text = ("Flood waters rise in the north\n\nRivers burst their banks across the north on Monday, officials "
            "said.\n\nA man wades through a flooded street in Kyiv.Photo: Reuters\nRescue teams reached "
            "the worst-hit villages by boat, the emergency service said on Tuesday.\n\nMore rain is forecast.")
    result = clean_scraped_text(text)
    assert [(r.reason, r.text) for r in result.removed if r.reason in ("caption", "credit")] == [
        ("caption", "A man wades through a flooded street in Kyiv."), ("credit", "Photo: Reuters")]
    assert any(p.startswith("Rescue teams reached") for p in result.paragraphs)


def test_a_one_line_lead_with_its_own_title_is_the_body(data_dir):
    """AllSides gives each article a title and a lead. A lead of one line without a closing full stop ('Agents
    thought they had enough material to merit aggressively pursuing investigation into Clinton Foundation') was read
    as the headline, which left no body: the article was rejected. The title given with it says the line is body."""
    import json

    from newsprism.model import Article, RawPage
    from newsprism.pipeline import process

    rows = [json.loads(x) for x in (data_dir / "allsides-triplets" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    lone = [r for r in rows if "\n" not in r["text"].strip() and not r["text"].strip().endswith((".", "!", "?", '"', "”"))
            and sum(ch.isalpha() for ch in r["text"]) >= 60]
    assert len(lone) >= 10
    for r in lone:
        article = process(RawPage(f"allsides:{r['id']}", "text", r["text"], title=r["title"]))
        assert isinstance(article, Article), (r["text"][:80], getattr(article, "reason", None))
        assert article.text == normalize_text(r["text"]).strip() and article.title == r["title"]
        assert not any(x.reason == "title" for x in article.removed)


def test_a_page_title_loses_the_site_name_it_appends(data_dir):
    """BASIL's Fox News title 'Huckabee announces 2016 White House bid, with focus on economy and security | Fox
    News' heads reports and names the story: the site's name is not part of the headline. Segments that are the
    headline's own words stay ('Erdogan - Putin talks', a section such as '| Politics')."""
    from newsprism.clean.metadata import clean_title
    from newsprism.model import Article, RawPage
    from newsprism.pipeline import process

    rows = [json.loads(x) for x in (data_dir / "basil" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    suffixed = [r for r in rows if (r.get("title") or "").endswith("| Fox News")]
    assert suffixed
    for r in suffixed:
        article = process(RawPage(f"basil:{r['id']}", "text", r["text"], title=r["title"], outlet=r["outlet"]))
        assert isinstance(article, Article) and article.title == r["title"].removesuffix("| Fox News").rstrip()
    assert clean_title("Erdogan - Putin talks") == "Erdogan - Putin talks"
    assert clean_title("Obama: Iran deal a historic step | Politics | Fox News") == "Obama: Iran deal a historic step | Politics"
    assert clean_title("Putin: Syria no fly zones could cement ceasefire | DW | 03.05.2017") == \
        "Putin: Syria no fly zones could cement ceasefire"
