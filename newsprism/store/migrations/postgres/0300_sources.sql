-- Sources: the feeds and sitemaps `newsprism watch` polls, the URLs already fetched (by normalised key)
-- and the earlier texts of articles whose page changed after it was first stored.
CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    title TEXT,
    outlet TEXT,
    language TEXT,
    etag TEXT,
    last_modified TEXT,
    last_polled TEXT,
    last_status TEXT,
    added_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);

-- One row per article URL, keyed by its normalised form (tracking, AMP and mobile variants folded).
CREATE TABLE fetched_urls (
    url_key TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    article_id TEXT,
    etag TEXT,
    last_modified TEXT,
    entry_updated TEXT,                -- the feed's or sitemap's "updated" for the entry when last fetched
    fetched_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);
CREATE INDEX fetched_urls_article ON fetched_urls(article_id);

-- Revision 1 is the text first stored; the articles row always holds the latest revision.
CREATE TABLE revisions (
    article_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    text_hash TEXT NOT NULL,
    title TEXT,
    text TEXT NOT NULL,
    url TEXT,
    fetched_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    PRIMARY KEY (article_id, revision)
);
