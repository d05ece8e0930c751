"""The fact matrix from given alignments (no encoder): statuses, reasons, ranking, first reporter."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from .conftest import SEEDS
from newsprism.compare.claims import claims_of
from newsprism.compare.facts import aligned_edges, build_facts, group_facts
from newsprism.model import Article


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))


def make(gold: dict, key: str, ids: list[str], published: str | None = None, idx: str = "") -> Article:
    text = "\n\n".join(gold["articles"][key]["body_sentences"][i] for i in ids)
    return Article(id=key + idx, text=text, source=key, outlet=gold["articles"][key]["outlet"], published=published)


def facts_for(articles: list[Article], links: list[tuple[int, int, int, int]], syndication=None):
    """links: (article a, claim a, article b, claim b) pairs the test declares aligned (gold facts)."""
    claims = [c for i, a in enumerate(articles) for c in claims_of(a, i)]
    by = {(c.article, c.index): c for c in claims}
    edges = [(by[a, i], by[b, j], 0.9) for a, i, b, j in links]
    names = {i: a.outlet or a.id for i, a in enumerate(articles)}
    return build_facts(articles, claims, edges, names, {}, syndication)


def test_no_fly_is_qualified_on_trt_side_with_the_condition_quoted(gold):
    dw, trt = make(gold, "dw", ["dw7", "dw13"]), make(gold, "trt", ["trt9", "trt4"])
    facts = facts_for([dw, trt], [(0, 0, 1, 0)])
    shared = next(f for f in facts if len(f.articles) == 2)
    assert shared.cells[0].status == "reported"
    assert shared.cells[1].status == "qualified"
    assert any(q.startswith("on condition that no military activity") for q in shared.cells[1].quoted)
    assert "condition" in shared.cells[1].reason
    unique = [f for f in facts if len(f.articles) == 1]
    assert {f.cells[1 - next(iter(f.articles))].status for f in unique} == {"omitted"}
    assert facts[0] is shared and shared.sources == 2  # ranked by independent sources


def test_negation_on_one_side_of_the_same_statement_conflicts():
    a = Article(id="a", text="Russia agreed to lift trade restrictions on Turkish tomatoes.", source="a", outlet="A")
    b = Article(id="b", text="Russia did not agree to lift trade restrictions on Turkish tomatoes.", source="b", outlet="B")
    facts = facts_for([a, b], [(0, 0, 1, 0)])
    assert [c.status for c in facts[0].cells.values()] == ["conflicting", "conflicting"]
    assert "negation differs" in facts[0].cells[1].reason


def test_numbers_and_weekdays_conflict_with_the_values_in_the_reason():
    a = Article(id="a", text="The quake killed 40 people in the province on Tuesday.", source="a", outlet="A")
    b = Article(id="b", text="The quake killed 32 people in the province on Wednesday.", source="b", outlet="B")
    cell = facts_for([a, b], [(0, 0, 1, 0)])[0].cells[0]
    assert cell.status == "conflicting" and "40 people" in cell.reason and "32 people" in cell.reason


def test_two_acts_on_two_days_do_not_conflict_but_one_act_on_two_days_does():
    # BASIL: the NYT's aide 'resigned Monday after her Facebook post ...', HuffPost's 'on Friday apologized for a
    # Facebook post ...': two events of the story, not one dated twice
    a = Article(id="a", text="A young congressional aide resigned Monday after her Facebook post about the "
                "president's daughters drew criticism.", source="a", outlet="A")
    b = Article(id="b", text="A congressional aide on Friday apologized for her Facebook post about the president's "
                "daughters after it drew criticism.", source="b", outlet="B")
    assert {c.status for c in facts_for([a, b], [(0, 0, 1, 0)])[0].cells.values()} == {"reported"}
    c = Article(id="c", text="A young congressional aide resigned Friday after her Facebook post about the "
                "president's daughters drew criticism.", source="c", outlet="C")
    assert facts_for([a, c], [(0, 0, 1, 0)])[0].cells[0].status == "conflicting"


def test_figures_of_other_periods_or_claims_or_a_rounded_share_do_not_conflict():
    # BASIL (the Clintons' tax returns): 'for 2014 was 35.7 percent' against 'from 2007 through 2014 ... 31.55
    # percent' and HuffPost's rounded '36 percent'; and a cell's second claim ('Mr. Ward said his rate was 36
    # percent') weighed against a claim it is not the counterpart of
    a = Article(id="a", text="The couple's effective federal tax rate for 2014 was 35.7 percent, the returns show. "
                "Mr. Ward said his own average federal tax rate was 40 percent over three decades.", source="a",
                outlet="A")
    b = Article(id="b", text="From 2007 through 2014 the couple paid an effective federal tax rate of 31.55 percent. "
                "Last year the couple paid an effective federal tax rate of 36 percent.", source="b", outlet="B")
    for links in ([(0, 0, 1, 0)], [(0, 0, 1, 1)]):
        fact = facts_for([a, b], links)[0]
        assert {c.status for c in fact.cells.values()} == {"reported"}, (links, fact.cells[0].reason)
    d = Article(id="d", text="The couple's effective federal tax rate for 2014 was 35.7 percent, the filing shows. "
                "Mr. Ward said his own average federal tax rate was 40 percent over three decades.", source="d",
                outlet="D")
    fact = facts_for([a, d], [(0, 0, 1, 0), (0, 0, 1, 1)])[0]
    assert {c.status for c in fact.cells.values()} == {"reported"}, fact.cells[0].reason
    # the same period and the same claim still disagree
    c = Article(id="c", text="The couple's effective federal tax rate for 2014 was 31.5 percent, the returns show.",
                source="c", outlet="C")
    assert facts_for([a, c], [(0, 0, 1, 0)])[0].cells[0].status == "conflicting"


def test_syndicated_copies_count_as_one_source_and_first_reporter_needs_distinct_dates(gold):
    arts = [make(gold, "dw", ["dw8"], "2017-05-03", "a"), make(gold, "dw", ["dw8"], "2017-05-04", "b"),
            make(gold, "trt", ["trt15"], "2017-05-05")]
    links = [(0, 0, 1, 0), (0, 0, 2, 0), (1, 0, 2, 0)]
    assert facts_for(arts, links)[0].sources == 3
    fact = facts_for(arts, links, syndication={"dwa": "wire-1", "dwb": "wire-1"})[0]
    assert fact.sources == 2 and fact.first == 0
    same_day = [make(gold, "dw", ["dw8"], "2017-05-03"), make(gold, "trt", ["trt15"], "2017-05-03")]
    assert facts_for(same_day, [(0, 0, 1, 0)])[0].first is None


def test_aligned_edges_keep_only_near_best_pairs_above_threshold():
    scores = np.array([[0.95, 0.80, 0.1], [0.90, 0.2, 0.3], [0.1, 0.1, 0.5]])
    edges = {(i, j) for i, j, _ in aligned_edges(scores)}
    assert edges == {(0, 0), (1, 0)}  # (0, 1) is 0.15 below row 0's best; row 2 never clears the threshold


def test_grouping_does_not_chain_weak_links():
    text = "One claim about the talks here. Another claim about the talks there. A third claim about talks."
    a = Article(id="a", text=text, source="a")
    b = Article(id="b", text=text, source="b")
    claims = claims_of(a, 0) + claims_of(b, 1)
    edges = [(claims[0], claims[3], 0.9), (claims[1], claims[3], 0.85), (claims[1], claims[4], 0.8)]
    groups = sorted(sorted(c.key for c in g) for g in group_facts(claims, edges))
    # b1 does not chain into a0's fact (it aligns with a1 only); a1, aligned with both b0 and b1, carries
    # two facts and sits in both.
    assert ["0:0", "0:1", "1:0"] in groups and ["0:1", "1:1"] in groups
    assert not any("1:1" in g and "1:0" in g for g in groups)


def _said_by(art: Article, speaker: str) -> None:
    """A quotes payload as the analyze stage writes it (contract in the brief), built from gold's speakers."""
    art.analysis["quotes"] = {"version": "t", "quotes": [{"start": 0, "end": len(art.text), "text": art.text,
                                                         "kind": "direct", "speaker": speaker,
                                                         "speaker_id": speaker.lower()}]}


def _facts_with_payloads(a: Article, b: Article):
    from newsprism.compare.core import claim_tags
    from newsprism.compare.quotes import quotes_of

    quotes = quotes_of(a, 0) + quotes_of(b, 1)
    first_a, first_b = claims_of(a, 0), claims_of(b, 1)
    claims = first_a + first_b
    edges = [(first_a[0], first_b[0], 0.9)]
    return build_facts([a, b], claims, edges, {0: "A", 1: "B"}, claim_tags([a, b], claims, quotes))


def test_the_same_words_in_different_mouths_conflict(gold):
    words = next(r["text"] for r in gold["quotes"] if r["text"].startswith("Nobody should get away"))
    a = Article(id="a", text=words, source="a")
    b = Article(id="b", text=words, source="b")
    _said_by(a, "Recep Tayyip Erdogan")
    _said_by(b, "Vladimir Putin")
    cell = _facts_with_payloads(a, b)[0].cells[0]
    assert cell.status == "conflicting" and "attribution differs: Recep Tayyip Erdogan here" in cell.reason


def test_a_fact_stated_by_different_people_is_reported_with_a_note(gold):
    dw, trt = make(gold, "dw", ["dw8"]), make(gold, "trt", ["trt15"])
    _said_by(dw, "Recep Tayyip Erdogan")
    _said_by(trt, "Vladimir Putin")
    cell = _facts_with_payloads(dw, trt)[0].cells[0]
    assert cell.status == "reported" and "attributed to Recep Tayyip Erdogan here; Vladimir Putin in B" in cell.reason


def test_payload_dates_conflict_where_words_cannot_tell(gold):
    dw, trt = make(gold, "dw", ["dw8"]), make(gold, "trt", ["trt15"])
    for art, value in ((dw, "2017-05-03"), (trt, "2017-05-04")):
        art.analysis = {"dates": {"version": "t", "dates": [{"start": 0, "end": 10, "text": "x", "value": value,
                                                             "granularity": "day"}]}}
    assert _facts_with_payloads(dw, trt)[0].cells[0].reason == "dates disagree: 2017-05-03 here, 2017-05-04 in B"


def test_facts_sharing_a_claim_are_headed_by_different_claims(data_dir):
    """Three outlets where A aligns with B and with C, but B and C not with each other, give two facts that
    both hold A's sentence; each is headed by a claim of its own (BASIL triplets, real text), so the
    matrix never shows two facts that read alike."""
    from collections import defaultdict

    from newsprism.compare import compare_articles
    from newsprism.model import RawPage
    from newsprism.pipeline import process

    stories = defaultdict(list)
    for line in (data_dir / "basil" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        stories[record["story"]].append(record)
    shared = 0
    for story in sorted(stories)[:8]:
        articles = [process(RawPage(f"basil:{r['id']}", "text", r["text"], title=r["title"], outlet=r["outlet"],
                                    published=r["date"])) for r in stories[story]]
        comparison = compare_articles(articles)
        texts = [f.text for f in comparison.facts]
        assert len(texts) == len(set(texts)), story
        keys = [c.key for f in comparison.facts for c in f.claims]
        shared += len(keys) - len(set(keys))
    assert shared > 0  # the case this test is about occurs in these stories


def test_one_framing_row_per_person_however_each_outlet_names_them(data_dir):
    """BASIL's tax-return story: NYT names 'Hillary Rodham Clinton' and 'Mrs. Clinton', HuffPost and Fox
    'Hillary Clinton'; Bill Clinton is another person. One row holds her names in all three outlets."""
    from newsprism.compare import analyze_if_available
    from newsprism.model import RawPage
    from newsprism.pipeline import process

    records = [json.loads(line) for line in (data_dir / "basil" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    story = next(r["story"] for r in records if "Tax Returns Going Back To 2007" in r["title"])
    articles = []
    for r in (r for r in records if r["story"] == story):
        article = process(RawPage(f"basil:{r['id']}", "text", r["text"], title=r["title"], outlet=r["outlet"]))
        analyze_if_available(article)
        articles.append(article)
    from newsprism.compare.core import _story_people
    from newsprism.compare.framing import _entity_rows

    # the rows before the table keeps those whose wording differs (here only name parts and 'Mrs.' do)
    rows = {row.referent: row for row in _entity_rows(articles, _story_people(articles))}
    hillary = [row for name, row in rows.items() if "Hillary" in name]
    assert len(hillary) == 1 and len(hillary[0].terms) == 3
    assert not any("Bill Clinton" in t for terms in hillary[0].terms.values() for t in terms)


def test_dates_disagree_only_between_claims_that_say_the_same_thing():
    # aligned reports of one story often date different moments of it: no conflict unless near-twins
    a = Article(id="a", text="The governor signed a revised version of the bill on Thursday, a day after refusing to "
                             "sign the first one.", source="a", outlet="A")
    b = Article(id="b", text="The governor on Wednesday urged lawmakers to change the bill sent to his desk.",
                source="b", outlet="B")
    assert [c.status for c in facts_for([a, b], [(0, 0, 1, 0)])[0].cells.values()] == ["reported", "reported"]


def test_relative_dates_inside_quotations_are_not_compared():
    from newsprism.compare.core import claim_tags
    from newsprism.compare.quotes import Quote

    text = 'Romney said on Tuesday: "As I said yesterday, his comments were wrong."'
    article = Article(id="a", text=text, source="a", published="2012-08-22")
    article.analysis["dates"] = {"dates": [
        {"start": text.index("Tuesday"), "end": text.index("Tuesday") + 7, "text": "Tuesday", "value": "2012-08-21"},
        {"start": text.index("yesterday"), "end": text.index("yesterday") + 9, "text": "yesterday",
         "value": "2012-08-21"}]}
    claims = claims_of(article, 0)
    quote = Quote(0, text.index("As I"), len(text) - 1, "As I said yesterday, his comments were wrong.", "direct",
                  "Mitt Romney", "mitt romney")
    tags = claim_tags([article], claims, [quote])
    assert tags[claims[0].key]["date"] == {"2012-08-21"}  # from 'Tuesday' only
    article.analysis["dates"]["dates"] = article.analysis["dates"]["dates"][1:]
    assert "date" not in claim_tags([article], claims, [quote]).get(claims[0].key, {})


def test_negation_conflicts_only_over_the_word_it_negates():
    # BASIL: 'The lone "no" vote' names a vote, and 'There is no question that ...' negates a word the other
    # claim does not say; neither contradicts the other outlet
    a = Article(id="a", text='The lone "no" vote in the Senate was Senate Minority Leader Harry Reid.', source="a", outlet="A")
    b = Article(id="b", text="Senate Minority Leader Harry Reid was the lone vote against it in the Senate.", source="b", outlet="B")
    assert [c.status for c in facts_for([a, b], [(0, 0, 1, 0)])[0].cells.values()] == ["reported", "reported"]
    a = Article(id="a", text="There is no question that the troops must get the support to win this war, Steele said.",
                source="a", outlet="A")
    b = Article(id="b", text="Our troops must get the support necessary to win this war, Steele said.", source="b", outlet="B")
    assert [c.status for c in facts_for([a, b], [(0, 0, 1, 0)])[0].cells.values()] == ["reported", "reported"]


def test_negation_conflicts_only_inside_the_words_both_versions_give():
    # BASIL: HuffPost's longer quotation goes on to '... and if we don't get it, there should be no deal', where Fox
    # and the NYT stop; all three were 'conflicting'. Fox's misquote of Summers ('To pass this bill ...' for 'If they
    # don't pass this bill ...') still is.
    a = Article(id="a", text='"Congress should work with us to get the best deal possible, and if we don’t get it, '
                'there should be no deal," Ms. Lane said.', source="a", outlet="A")
    b = Article(id="b", text='"Congress should work with us to get the best deal possible," Ms. Lane said.', source="b",
                outlet="B")
    cells = list(facts_for([a, b], [(0, 0, 1, 0)])[0].cells.values())
    assert [c.status for c in cells] == ["qualified", "reported"]  # what the longer version adds is a condition
    assert 'condition "if we don’t get it' in cells[0].reason
    a = Article(id="a", text='"If they don’t pass this bill in the next couple weeks it will raise the risk of a '
                'recession," he said.', source="a", outlet="A")
    b = Article(id="b", text='"To pass this bill in the next couple of weeks would raise the risk of a recession," he '
                'said.', source="b", outlet="B")
    assert [c.status for c in facts_for([a, b], [(0, 0, 1, 0)])[0].cells.values()] == ["conflicting"] * 2


def test_framing_rows_show_only_where_outlets_name_a_referent_differently(data_dir):
    """BASIL stories write 'WASHINGTON' in a dateline and 'Washington' later, 'The Supreme Court' at a
    sentence start and 'the Supreme Court' inside one, and all three outlets say 'Rick Perry', 'Perry' and
    'he': not framing. A row shows only where the outlets' words differ, pronouns aside."""
    from newsprism.compare.framing import build_framing
    from newsprism.model import RawPage
    from newsprism.pipeline import process
    from newsprism.compare import analyze_if_available

    records = [json.loads(line) for line in (data_dir / "basil" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    stories: dict[str, list] = {}
    for r in records:
        stories.setdefault(r["story"], []).append(r)
    case_variants = shown = 0
    for story in sorted(stories)[:6]:
        articles = []
        for r in stories[story]:
            article = process(RawPage(f"basil:{r['id']}", "text", r["text"], title=r["title"], outlet=r["outlet"]))
            analyze_if_available(article)
            articles.append(article)
        for row in build_framing(articles):
            if row.source != "entities":
                continue
            shown += 1
            plain = {frozenset(t.casefold().removeprefix("the ") for t in terms) for terms in row.terms.values()}
            assert len(plain) > 1, row.terms
            # some outlet says more than the referent's name or a part of it ('Mary Cheney', 'Cheney', 'Mr. X')
            name = set(re.findall(r"\w+", row.referent.casefold()))
            assert any(set(re.findall(r"\w+", t.casefold().replace(".", ""))) - name - {"the", "mr", "mrs", "ms"}
                       for terms in row.terms.values() for t in terms), row.terms
            assert not any(t.lower() in {"he", "she"} for terms in row.terms.values() for t in terms), row.terms
        case_variants += sum(1 for a in articles for e in a.analysis["entities"]["entities"]
                             if len({m["text"] for m in e["mentions"]}) > len({m["text"].casefold() for m in e["mentions"]}))
    assert shown > 3 and case_variants > 0  # rows remain, and the case the test is about occurs


def test_a_title_is_house_style_not_framing(data_dir):
    """BASIL's Sestak story: the NYT writes 'Representative Darrell Issa', Fox 'Darrell Issa'; a title before
    a name, or the title alone once the article gave it ('the president'), describes no one differently."""
    from newsprism.compare import analyze_if_available
    from newsprism.compare.framing import _descriptions, build_framing
    from newsprism.model import RawPage
    from newsprism.pipeline import process

    records = [json.loads(line) for line in (data_dir / "basil" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    story = next(r["story"] for r in records if "Representative Darrell Issa" in r["text"] and "Sestak" in r["text"])
    articles = []
    for r in (r for r in records if r["story"] == story):
        article = process(RawPage(f"basil:{r['id']}", "text", r["text"], title=r["title"], outlet=r["outlet"]))
        analyze_if_available(article)
        articles.append(article)
    assert sum("Representative Darrell Issa" in a.text for a in articles) == 1
    assert sum("Issa" in a.text for a in articles) >= 2  # the referent is named by two outlets
    assert sum(any(e["name"] == "Darrell Issa" for e in a.analysis["entities"]["entities"]) for a in articles) >= 2
    assert not [r.terms for r in build_framing(articles) if r.referent == "Darrell Issa"]
    assert _descriptions(["the president", "President Obama", "Obama"], "Barack Obama") == frozenset()
    assert _descriptions(["the former president", "Bill Clinton"], "Bill Clinton") == {"former president"}


def _basil_story(data_dir, phrase: str) -> list:
    from newsprism.compare import analyze_if_available
    from newsprism.model import RawPage
    from newsprism.pipeline import process

    records = [json.loads(line) for line in (data_dir / "basil" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    story = next(r["story"] for r in records if phrase in r["text"])
    articles = []
    for r in (r for r in records if r["story"] == story):
        article = process(RawPage(f"basil:{r['id']}", "text", r["text"], title=r["title"], outlet=r["outlet"]))
        analyze_if_available(article)
        articles.append(article)
    return articles


def test_one_utterance_holds_one_quote_per_outlet_unless_the_outlet_split_it(data_dir):
    """BASIL's AARP story: one loose match per quote had chained a dozen HuffPost quotes on Social Security into
    one 'utterance' (by the Wall Street Journal); Mary Cheney's Facebook post, quoted whole by two outlets
    and in two pieces by the third, was two entries."""
    from newsprism.compare import compare_articles

    for phrase, split in (("AARP has not changed its position on Social Security", None),
                          ("Freedom means freedom for everyone", "That means that all families")):
        c = compare_articles(_basil_story(data_dir, phrase))
        for entry in c.ledger:
            outlets = [k.quote.article for k in entry.carriers]
            repeated = [k.quote for k in entry.carriers if outlets.count(k.quote.article) > 1]
            # only the pieces of one speaker's split quote share an entry with their outlet
            assert len({q.speaker_id for q in repeated} - {None}) <= 1, [q.text[:60] for q in repeated]
            assert len(repeated) <= 2
        if split:
            entry = next(e for e in c.ledger if any(k.quote.text.startswith(split) for k in e.carriers))
            assert len({k.quote.article for k in entry.carriers}) == 3


def test_three_outlets_reporting_one_statement_in_their_own_words_share_a_ledger_entry(data_dir):
    """BASIL's Newsmax story: Trump 'was bowing out of the Newsmax debate' (NYT), 'is pulling out of his own Dec.
    27th debate' (HuffPost), 'is bowing out as the moderator for a Republican presidential debate' (Fox). Their
    words barely meet, but their sentences align strongly: one utterance, carried by all three, paraphrased."""
    from newsprism.compare import compare_articles

    c = compare_articles(_basil_story(data_dir, "pulling out of his own Dec. 27th debate"))
    entry = next(e for e in c.ledger if any("pulling out of his own" in k.quote.text for k in e.carriers))
    assert len({k.quote.article for k in entry.carriers}) == 3
    assert {k.how for k in entry.carriers} == {"paraphrased"}
    assert entry.speaker and "Trump" in entry.speaker


def test_a_role_the_article_never_titled_is_the_person_another_outlet_titled_so(data_dir):
    """BASIL's Perry ad story: HuffPost writes '"As president, I'll end Obama's war on religion ...," the Texas
    governor continues' and never calls Perry governor; Fox News titles him 'Texas Gov. Rick Perry'. In the
    comparison the quote is Perry's, as in the other two outlets. Fox's 'releasing several statements laying
    out its argument' shows no speaker 'its'."""
    from newsprism.compare import compare_articles
    from newsprism.compare.quotes import quotes_of

    from newsprism.compare import analyze_if_available
    from newsprism.model import RawPage
    from newsprism.pipeline import process

    articles = _basil_story(data_dir, "the Texas governor continues")
    hpo = next(i for i, a in enumerate(articles) if "the Texas governor continues" in a.text)
    fox = next(i for i, a in enumerate(articles) if "laying out its argument" in a.text)
    # in the article the quote goes on from Perry's quote before it ('"...," says Perry'), so that says who
    alone = [q for q in quotes_of(articles[hpo], hpo) if q.text.startswith("As president, I'll end")]
    assert [q.speaker for q in alone] == ["Rick Perry"]
    # from that quote on, the article alone does not say who; the comparison does
    text = articles[hpo].text
    cut = process(RawPage("basil:cut", "text", text[text.index('"As president'):], outlet=articles[hpo].outlet))
    analyze_if_available(cut)
    articles[hpo] = cut
    alone = [q for q in quotes_of(cut, hpo) if q.text.startswith("As president, I'll end")]
    assert [q.speaker for q in alone] == ["the Texas governor"]
    c = compare_articles(articles)
    quote = next(q for q in c.quotes if q.article == hpo and q.text.startswith("As president, I'll end"))
    assert quote.speaker == "Rick Perry"
    assert "the Texas governor" not in c.speakers[hpo]
    assert not {"its", "his"} & set(c.speakers[fox])
    # NYT's 'the “don’t ask, don’t tell” policy' names a policy: no quotation of Perry's in the ledger
    assert not any("ask, don" in e.text for e in c.ledger)


def test_a_joint_statement_is_each_speakers_and_names_them_all(gold):
    """TRT: 'Erdogan and his Russian counterpart Vladimir Putin said they support ... zones'; DW: 'Putin said' the
    zones are a step towards a ceasefire (gold's zones-support fact). Putin states it in both: no note that the
    outlets attribute it differently, and TRT's ledger and counts name both leaders."""
    from newsprism.analyze import analyze_article
    from newsprism.compare.quotes import build_ledger, quotes_of, speaker_counts

    dw, trt = make(gold, "dw", ["dw3"]), make(gold, "trt", ["trt2"])
    for art in (dw, trt):
        art.language = "en"
        art.analysis.update(analyze_article(art))
    cells = _facts_with_payloads(dw, trt)[0].cells
    assert cells[0].status == cells[1].status == "reported"
    assert "attributed to" not in cells[0].reason + cells[1].reason
    quotes = quotes_of(trt, 1)
    assert [e.speaker for e in build_ledger(quotes, {1: "en"})] == ["Recep Tayyip Erdogan and Vladimir Putin"]
    assert speaker_counts(quotes)[1] == {"Recep Tayyip Erdogan": 1, "Vladimir Putin": 1}


def test_speakers_are_compared_between_claims_aligned_with_each_other_not_through_a_third(gold):
    """Three outlets give Erdogan's threat warning to Erdogan; a fourth gives a Putin claim on no-fly zones that
    aligns with two of them but not with the first. The first outlet's cell notes no other attribution: Putin's
    claim is not its statement told otherwise. The fourth's cell does."""
    from newsprism.compare.core import claim_tags
    from newsprism.compare.quotes import quotes_of

    a, b, d = make(gold, "dw", ["dw8"]), make(gold, "trt", ["trt15"]), make(gold, "trt", ["trt15"], idx="4")
    c = make(gold, "trt", ["trt8"], idx="3")
    articles = [a, b, c, d]
    for art, who in zip(articles, ["Recep Tayyip Erdogan"] * 2 + ["Vladimir Putin", "Recep Tayyip Erdogan"]):
        _said_by(art, who)
    claims = [x for i, art in enumerate(articles) for x in claims_of(art, i)]
    by = {(x.article, x.index): x for x in claims}
    edges = [(by[0, 0], by[1, 0], 0.9), (by[2, 0], by[3, 0], 0.85), (by[0, 0], by[3, 0], 0.8),
             (by[1, 0], by[2, 0], 0.8), (by[1, 0], by[3, 0], 0.8)]
    quotes = [q for i, art in enumerate(articles) for q in quotes_of(art, i)]
    names = {0: "A", 1: "B", 2: "C", 3: "D"}
    fact = build_facts(articles, claims, edges, names, claim_tags(articles, claims, quotes))[0]
    assert len(fact.articles) == 4
    assert "attributed to" not in fact.cells[0].reason
    assert "attributed to Vladimir Putin here; Recep Tayyip Erdogan in B; Recep Tayyip Erdogan in D" in \
        fact.cells[2].reason


def test_a_cell_resting_on_a_weak_alignment_says_so_and_the_summary_cites_it_last(gold):
    """Trade (DW 'lift sanctions on trade and tourism', TRT 'lift all trade restrictions') declared aligned
    at 0.72, below WEAK_MATCH; no-fly at 0.9. Trade comes first in both articles, so it heads the fact list,
    but a consensus line resting on the strong alignment is read first."""
    from newsprism.compare.facts import WEAK_MATCH
    from newsprism.compare.summary import summarise

    assert 0.72 < WEAK_MATCH <= 0.9
    dw, trt = make(gold, "dw", ["dw12", "dw7"]), make(gold, "trt", ["trt21", "trt9"])
    claims = [c for i, a in enumerate([dw, trt]) for c in claims_of(a, i)]
    by = {(c.article, c.index): c for c in claims}
    edges = [(by[0, 0], by[1, 0], 0.72), (by[0, 1], by[1, 1], 0.9)]
    facts = build_facts([dw, trt], claims, edges, {0: "DW", 1: "TRT"}, {})
    trade = next(f for f in facts if by[0, 0] in f.claims)
    no_fly = next(f for f in facts if by[0, 1] in f.claims)
    assert facts.index(trade) < facts.index(no_fly)
    for cell in trade.cells.values():
        assert cell.weak and cell.match == pytest.approx(0.72) and "weak match (0.72): check the evidence" in cell.reason
    for cell in no_fly.cells.values():
        assert not cell.weak and cell.match == pytest.approx(0.9) and "weak match" not in cell.reason
    assert trade.cells[1].status == "qualified"  # the flag adds to a status, it does not replace it
    assert [line.fact for line in summarise(facts, 2).consensus] == [no_fly.id, trade.id]


def test_a_summary_line_says_which_cited_outlet_qualifies_it(gold):
    """DW: 'the zones would prevent military flights'; TRT: 'should become no-fly areas if fighting on the ground
    stops entirely' (gold fact no-fly, qualified on TRT's side). A consensus line citing TRT for DW's plain
    statement must carry TRT's condition; the scope word inside it ('entirely') is not a second qualifier."""
    from newsprism.compare.summary import caveats, summarise

    dw, trt = make(gold, "dw", ["dw7", "dw8"]), make(gold, "trt", ["trt8", "trt15"])
    facts = facts_for([dw, trt], [(0, 0, 1, 0), (0, 1, 1, 1)])
    no_fly = next(f for f in facts if f.cells[1].status == "qualified")
    assert no_fly.cells[1].quoted == ["if fighting on the ground stops entirely"]
    assert no_fly.cells[1].finding == 'condition "if fighting on the ground stops entirely"'
    lines = {line.fact: line for line in summarise(facts, 2).consensus}
    assert lines[no_fly.id].caveats == [(1, "qualified", no_fly.cells[1].finding)]
    assert caveats(lines[no_fly.id], {0: "DW", 1: "TRT World"}) == \
        ' (TRT World adds condition "if fighting on the ground stops entirely")'
    border = next(f for f in facts if f.id != no_fly.id and len(f.articles) == 2)
    assert border.cells[1].status == "reported" and lines[border.id].caveats == []


def test_a_report_and_the_quote_that_restates_it_are_one_fact(gold):
    """gold.json's no-fly fact: DW 'Putin added that the zones would prevent military flights'; TRT reports
    Putin ('should become no-fly areas if fighting on the ground stops entirely') and then quotes him ('"If there is
    a de-escalation zone, then planes will not fly there on condition ..."'). DW's sentence aligns best with the
    quote; the report before it, which restates it, belongs to the same fact (before, it was left with DW's
    'confident safe zones would deliver a ceasefire', whose fact does not take the quote with it)."""
    from newsprism.compare import analyze_if_available, compare_articles

    dw, trt = make(gold, "dw", ["dw1", "dw7"]), make(gold, "trt", ["trt2", "trt8", "trt9"])
    for article in (dw, trt):
        article.language = "en"
        analyze_if_available(article)
    c = compare_articles([dw, trt])
    body = gold["articles"]["trt"]["body_sentences"]
    no_fly = next(f for f in c.facts if any(x.article == 0 and "prevent military flights" in x.text for x in f.claims))
    assert {x.text for x in no_fly.claims if x.article == 1} == {body["trt8"], body["trt9"]}
    assert no_fly.cells[1].status == "qualified"
    # the quote stays out of the fact of DW's first sentence: only the report is shared with it
    ceasefire = next(f for f in c.facts if any(x.article == 0 and "will hold" in x.text for x in f.claims))
    assert body["trt9"] not in {x.text for x in ceasefire.claims}


def test_claims_that_quote_one_utterance_of_one_speaker_are_one_fact(data_dir):
    """BASIL's LePage story: the NYT ('“I will not resign,” said Mr. LePage, who tried to put to rest swirling
    questions about his state of mind.') and HuffPost ('“I will not resign,” he said after a reconciliation meeting
    with Gattine, according to the Boston Globe.') quote the same words of the same man; what else their sentences
    say kept the alignment from pairing them. The quote ledger knows they are one utterance: so does the fact
    matrix now, with a strong match."""
    from newsprism.compare import compare_articles
    from newsprism.compare.facts import WEAK_MATCH

    articles = _basil_story(data_dir, "after a reconciliation meeting with Gattine")
    c = compare_articles(articles)
    said = [(i, x) for i, a in enumerate(articles) for x in c.claims if x.article == i and "I will not resign" in x.text]
    assert len({i for i, _ in said}) == 2
    fact = next(f for f in c.facts if said[0][1] in f.claims)
    assert all(x in fact.claims for _, x in said)
    assert all(fact.cells[i].match is not None and fact.cells[i].match >= WEAK_MATCH for i, _ in said)


def test_a_summary_caveat_holds_what_the_sentence_aligned_with_the_line_adds(gold):
    """TRT's no-fly cell holds Putin's report ('if fighting on the ground stops entirely') and his quote ('on
    condition that no military activity emanates from these zones'). A summary line showing DW's sentence,
    aligned with the quote only, carries the quote's conditions; without the alignment pairs, the whole cell's."""
    from newsprism.compare.summary import summarise

    dw, trt = make(gold, "dw", ["dw7"]), make(gold, "trt", ["trt8", "trt9"])
    facts = facts_for([dw, trt], [(0, 0, 1, 0), (0, 0, 1, 1)])
    fact = next(f for f in facts if len(f.articles) == 2)
    assert "if fighting on the ground stops entirely" in fact.cells[1].finding
    claims = {(c.article, c.index): c.key for c in fact.claims}
    aligned = {(claims[0, 0], claims[1, 1]), (claims[1, 1], claims[0, 0])}
    line = summarise(facts, 2, aligned=aligned).consensus[0]
    assert [(i, status) for i, status, _ in line.caveats] == [(1, "qualified")]
    assert "on condition that no military activity" in line.caveats[0][2]
    assert "fighting on the ground" not in line.caveats[0][2]
    assert summarise(facts, 2).consensus[0].caveats == [(1, "qualified", fact.cells[1].finding)]


def test_figures_of_different_people_do_not_conflict():
    # BASIL: NYT's 'Obama has cut $716 billion from Medicare' (Romney's ad) and HuffPost's '"Senator McCain would pay
    # for part of his plan by making drastic cuts in Medicare: $882 billion worth," Obama declared' (2008) were
    # 'numbers disagree'. The speaker of a claim is not whom its figure counts, unless it names no one else.
    from newsprism.compare.core import analyze_if_available, claim_tags
    from newsprism.compare.quotes import quotes_of

    def statuses(text_a: str, text_b: str) -> list[str]:
        articles = [Article(id=k, text=t, source=k, outlet=k.upper(), language="en")
                    for k, t in (("a", text_a), ("b", text_b))]
        for article in articles:
            analyze_if_available(article)
        claims = [c for i, a in enumerate(articles) for c in claims_of(a, i)]
        quotes = [q for i, a in enumerate(articles) for q in quotes_of(a, i)]
        tags = claim_tags(articles, claims, quotes)
        edge = [(claims[0], next(c for c in claims if c.article == 1), 0.9)]
        facts = build_facts(articles, claims, edge, {0: "A", 1: "B"}, tags)
        return [c.status for c in facts[0].cells.values()]

    said = '"Senator Tom Baker would pay for his plan by cutting Medicare by $882 billion," Ann Cole declared.'
    assert statuses(said, "Ann Cole has cut $716 billion from Medicare, the new ad says.") == ["reported"] * 2
    assert statuses(said, "Senator Tom Baker would cut $716 billion from Medicare, the new ad says.") == \
        ["conflicting"] * 2


def test_an_outlet_that_gives_the_other_figure_or_day_too_does_not_disagree():
    # BASIL: HuffPost's 'Bush paid an effective tax rate of roughly 36 percent' was set against the NYT's 'the
    # couple paid ... 31.55 percent', though the NYT's claims of the same fact also have 'Mr. Bush said his
    # rate was 36 percent'; and the NYT's Friday letter against HuffPost's Tuesday request, though the NYT has
    # the Tuesday request too
    a = Article(id="a", text="Mr. Ward paid an effective tax rate of roughly 36 percent over those three decades.",
                source="a", outlet="A")
    b = Article(id="b", text="The couple paid an effective tax rate of 31.55 percent over those eight years. "
                "Mr. Ward said his own average rate was 36 percent.", source="b", outlet="B")
    fact = facts_for([a, b], [(0, 0, 1, 0), (0, 0, 1, 1)])[0]
    assert {c.status for c in fact.cells.values()} == {"reported"}, fact.cells[0].reason
    alone = Article(id="c", text="The couple paid an effective tax rate of 31.55 percent over those eight years.",
                    source="c", outlet="C")
    assert facts_for([a, alone], [(0, 0, 1, 0)])[0].cells[0].status == "conflicting"
    d = Article(id="d", text="The committee sent a request to the lawyer for Ms. Cole on Tuesday about the server.",
                source="d", outlet="D")
    e = Article(id="e", text="The committee asked Ms. Cole on Tuesday to appear for an interview. "
                "In a letter on Friday, the lawyer for Ms. Cole answered the committee about the server.",
                source="e", outlet="E")
    fact = facts_for([d, e], [(0, 0, 1, 1), (0, 0, 1, 0)])[0]
    assert {c.status for c in fact.cells.values()} == {"reported"}, fact.cells[0].reason
    only_friday = Article(id="f", text="In a letter on Friday, the lawyer for Ms. Cole answered the committee about "
                          "the server.", source="f", outlet="F")
    assert facts_for([d, only_friday], [(0, 0, 1, 0)])[0].cells[0].status == "conflicting"


def test_a_clause_counts_the_years_of_its_whole_sentence():
    # BASIL: Fox's 'The Clintons' effective federal tax rate for 2014 was 35.7 percent, while the effective tax
    # rate for federal, state and local taxes was 45.8 percent' is cut in two, and the second clause was set
    # against the NYT's 'from 2007 through 2014 ... 31.55 percent' as if it named no period
    a = Article(id="a", text="The couple's effective federal tax rate for 2014 was 35.7 percent, while the "
                "effective tax rate for federal, state and local taxes was 45.8 percent.", source="a", outlet="A")
    b = Article(id="b", text="From 2007 through 2014 the couple paid an effective tax rate of 31.55 percent.",
                source="b", outlet="B")
    assert len(claims_of(a, 0)) == 2
    fact = facts_for([a, b], [(0, 1, 1, 0)])[0]
    assert {c.status for c in fact.cells.values()} == {"reported"}, fact.cells[0].reason
    same_years = Article(id="c", text="For 2014 the couple paid an effective tax rate of 31.55 percent.",
                         source="c", outlet="C")
    assert facts_for([a, same_years], [(0, 1, 1, 0)])[0].cells[0].status == "conflicting"


def test_an_outlet_cited_by_name_for_its_own_reporting_is_no_other_speaker():
    # BASIL: HuffPost's 'But, the Times reported, "an examination of his remarks ..."' quotes the NYT's own
    # sentence, in which the NYT reports what Blumenthal intimated: 'attribution differs' was wrong
    text = ("An examination of his remarks at the ceremonies shows that he does not volunteer that his service "
            "never took him overseas.")
    nyt = Article(id="a", text=text, source="a", outlet="nyt")
    other = Article(id="b", text=text, source="b", outlet="hpo", url="https://www.huffingtonpost.com/x")
    _said_by(nyt, "Tom Baker")
    _said_by(other, "Times")
    assert _facts_with_payloads(nyt, other)[0].cells[0].status == "reported"
    _said_by(other, "Post")  # a newspaper that is not in the comparison
    assert _facts_with_payloads(nyt, other)[0].cells[0].status == "conflicting"
