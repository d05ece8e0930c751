-- Articles, the inputs already seen, the rejected inputs, full-text search and per-component results.
-- Same tables and columns as sqlite/0001_core.sql; full-text search is a generated tsvector with a GIN
-- index instead of FTS5 ('simple' configuration: no stemming, so every language is searchable alike).
CREATE TABLE articles (
    rowid BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,            -- content hash of the cleaned body
    raw_hash TEXT,
    source TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    title TEXT,
    published TEXT,
    language TEXT,
    text TEXT NOT NULL,
    data TEXT NOT NULL,                 -- the whole Article as JSON (sentences, audit, headings, ...)
    created_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title, '')), 'A') || to_tsvector('simple', text)) STORED
);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);

-- Every raw input already processed, so a re-run or a resumed run skips it before cleaning.
CREATE TABLE seen_inputs (
    raw_hash TEXT PRIMARY KEY,
    article_id TEXT,
    source TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);

CREATE TABLE rejected (
    rowid BIGSERIAL PRIMARY KEY,
    source TEXT NOT NULL,
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    message TEXT NOT NULL,
    raw_hash TEXT,
    sample TEXT,
    created_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    UNIQUE (source, stage, reason)
);

-- Results of later stages, one row per article and component, with the component's version.
CREATE TABLE analysis (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    component TEXT NOT NULL,
    version TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    PRIMARY KEY (article_id, component)
);
