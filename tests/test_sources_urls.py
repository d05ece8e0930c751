"""URL normalisation: one article fetched by several URLs is one key; different articles stay apart."""

from __future__ import annotations

import pytest

from newsprism.ingest.urls import clean_url, url_key

SAME_ARTICLE = [
    # the BBC's own feed links, its mobile and AMP renderings, and the Google AMP cache of it
    ["https://www.bbc.com/news/world-europe-39795542?at_medium=RSS&at_campaign=KARANGA",
     "https://www.bbc.com/news/world-europe-39795542",
     "http://m.bbc.com/news/world-europe-39795542/",
     "https://www.bbc.com/news/amp/world-europe-39795542",
     "https://www.bbc.com/news/world-europe-39795542.amp",
     "https://www-bbc-com.cdn.ampproject.org/c/s/www.bbc.com/news/world-europe-39795542.amp",
     "https://www.bbc.com/news/world-europe-39795542#comments"],
    ["https://www.dw.com/en/putin-merkel-meet-in-sochi/a-38680328?maca=en-rss-en-all-1573-rdf",
     "https://www.dw.com/en/putin-merkel-meet-in-sochi/a-38680328?utm_source=rss&utm_medium=feed",
     "HTTPS://WWW.DW.COM:443/en/putin-merkel-meet-in-sochi/a-38680328?fbclid=IwAR0x&gclid=abc"],
    ["https://edition.cnn.com/2017/05/02/europe/merkel-putin/index.html?outputType=amp",
     "https://edition.cnn.com/2017/05/02/europe/merkel-putin/index.html"],
    ["https://example.com/story?id=42&page=1&utm_content=a", "https://example.com/story/?page=1&id=42"],
]


@pytest.mark.parametrize("variants", SAME_ARTICLE)
def test_variants_of_one_article_share_a_key(variants):
    assert len({url_key(u) for u in variants}) == 1, [url_key(u) for u in variants]


def test_different_articles_keep_different_keys():
    urls = ["https://example.com/story?id=42", "https://example.com/story?id=43",
            "https://example.com/story", "https://example.org/story?id=42",
            "https://www.bbc.com/news/world-europe-39795542", "https://www.bbc.com/news/world-europe-39795543",
            "http://127.0.0.1:8080/a", "http://127.0.0.1:8081/a"]
    assert len({url_key(u) for u in urls}) == len(urls)


def test_clean_url_drops_tracking_and_fragment_but_keeps_the_rest():
    assert clean_url("HTTPS://Example.COM/a/B?utm_source=x&id=5&fbclid=1#top") == "https://example.com/a/B?id=5"
    assert clean_url("https://example.com") == "https://example.com/"
