"""Outlet, agencies and date: from URL hosts, site names and the clues a scraped page leaves."""

from __future__ import annotations

import json

import pytest

from newsprism.clean import clean
from newsprism.clean import patterns
from newsprism.clean.metadata import find_agencies, find_date, find_outlet, outlet_from_host
from newsprism.ingest.files import read_path
from newsprism.model import RawPage, RemovedSpan

from .conftest import SEEDS


@pytest.mark.parametrize("key", ["dw", "trt"])
def test_seed_metadata_matches_gold(key, data_dir):
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))["articles"][key]
    article = clean(next(read_path(SEEDS / gold["file"])))
    assert article.outlet == gold["outlet"]
    assert article.published == gold["date"]
    assert sorted(article.agencies) == sorted(gold["credited_agencies"])
    assert article.title == gold["title"]
    assert article.language == gold["language"]


@pytest.mark.parametrize("url, outlet", [
    ("https://www.dw.com/en/putin-syria/a-38681577", "DW"),
    ("https://www.trtworld.com/europe/x", "TRT World"),
    ("https://www.bbc.co.uk/news/world-39793497", "BBC News"),
    ("https://feeds.reuters.com/article/x", "Reuters"),
    ("https://example-news.org/a/1", "example-news.org"),
])
def test_outlet_from_url_host(url, outlet):
    assert find_outlet(url, None, "", []) == outlet


def test_site_name_is_used_when_the_host_is_unknown():
    assert find_outlet("https://news.example.org/x", "Example Gazette", "", []) == "Example Gazette"


def test_outlet_from_page_furniture_not_from_agency_credits():
    removed = [RemovedSpan("mm/sms (AFP, AP, dpa, Reuters)", "signoff"),
               RemovedSpan("Skip to more DW sites", "navigation")]
    assert find_outlet(None, None, "", removed) == "DW"
    assert find_outlet(None, None, "", removed[:1]) is None


def test_users_can_add_outlets(tmp_path, monkeypatch):
    extra = tmp_path / "outlets.json"
    extra.write_text(json.dumps({"outlets": {"Kyiv Independent": {"hosts": ["kyivindependent.com"],
                                                                   "aliases": ["Kyiv Independent"]}}}))
    monkeypatch.setenv("NEWSPRISM_OUTLETS", str(extra))
    patterns.known_outlets.cache_clear()
    try:
        assert outlet_from_host("kyivindependent.com") == "Kyiv Independent"
        assert outlet_from_host("dw.com") == "DW"
    finally:
        monkeypatch.delenv("NEWSPRISM_OUTLETS")
        patterns.known_outlets.cache_clear()


@pytest.mark.parametrize("line, agencies", [
    ("mm/sms (AFP, AP, dpa, Reuters)", ["AFP", "AP", "dpa", "Reuters"]),
    ("Source: TRTWorld and agencies", ["agencies (unnamed)"]),
    ("With AFP and Reuters", ["AFP", "Reuters"]),
    ("(Reporting by Jane Doe; Editing by Tom Brown)", []),
    ("jh/rt (Associated Press, DPA, Agence France-Presse)", ["AP", "dpa", "AFP"]),
])
def test_agencies_from_signoffs(line, agencies):
    assert find_agencies(None, "", [RemovedSpan(line, "signoff")]) == agencies


def test_agencies_from_a_wire_lead_but_not_from_photo_credits():
    removed = [RemovedSpan("Image: Reuters/Sputnik", "credit")]
    assert find_agencies(None, "BERLIN (dpa) — The government said on Monday ...", removed) == ["dpa"]
    assert find_agencies(None, "The government said on Monday ...", removed) == []


@pytest.mark.parametrize("line, iso", [
    ("May 3, 2017", "2017-05-03"),
    ("3 May 2017", "2017-05-03"),
    ("Wednesday, May 3, 2017", "2017-05-03"),
    ("Updated: 03.05.2017 10:32 GMT", "2017-05-03"),
    ("Published on 18th September 2013", "2013-09-18"),
    ("2017-05-03", "2017-05-03"),
    ("3. Mai 2017", "2017-05-03"),
    ("Putin met Erdogan on May 3, 2017 in Sochi", None),
    ("February 30, 2017", None),
])
def test_dateline_formats(line, iso):
    assert patterns.parse_date_line(line) == iso


def test_date_falls_back_to_a_caption_never_to_the_body():
    caption = RemovedSpan("Erdogan (L) and Putin in Sochi, Russia, May 3, 2017.", "caption")
    assert find_date(None, "The war began in March 2011.", [caption]) == "2017-05-03"
    assert find_date(None, "The war began on March 15, 2011.", []) is None
    assert find_date("2020-01-02", "", [caption]) == "2020-01-02"


def test_html_metadata_uses_the_host_map():
    html = ("<html><head><title>x</title></head><body><article><h1>Floods in the north</h1>"
            + "<p>Heavy rain flooded towns across the north of the country on Monday, officials said.</p>" * 5
            + "</article></body></html>")
    article = clean(RawPage(source="t", kind="html", content=html, url="https://www.dw.com/en/floods/a-1"))
    assert article.outlet == "DW"


def test_the_names_an_outlet_is_cited_by():
    from newsprism.clean.metadata import outlet_self_names

    assert {"times", "new york times", "nyt"} <= outlet_self_names("nyt")
    assert "post" in outlet_self_names(None, "https://www.washingtonpost.com/politics/x")
    # 'the Post' is not HuffPost, nor 'the Times' The Times of India
    assert "post" not in outlet_self_names("hpo", "https://www.huffingtonpost.com/entry/x")
    assert "times" not in outlet_self_names("The Times of India")
    assert outlet_self_names("Some Weekly") == {"some weekly"}
