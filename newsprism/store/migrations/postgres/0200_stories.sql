-- Stories: article embeddings, per-article story signals, stories and their members.
-- Same tables as sqlite/0200_stories.sql (BYTEA for blobs; story_members keeps a rowid for join order).
CREATE TABLE embeddings (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    model TEXT NOT NULL,                -- encoder name, so vectors of different models never mix
    dim INTEGER NOT NULL,
    vector BYTEA NOT NULL,              -- float32, L2-normalised
    PRIMARY KEY (article_id, model)
);

-- What the story stage read from each article: entity-like terms, content words, MinHash signature,
-- credited agencies. Kept so re-clustering never re-reads or re-embeds a text.
CREATE TABLE story_signals (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    entity_terms TEXT NOT NULL,         -- JSON list
    word_terms TEXT NOT NULL,           -- JSON list
    minhash BYTEA NOT NULL,             -- datasketch MinHash hash values (uint64)
    agencies TEXT NOT NULL              -- JSON list
);

CREATE TABLE stories (
    id BIGINT PRIMARY KEY,
    title TEXT,
    first_published TEXT,               -- time span of the member articles' dates, when known
    last_published TEXT,
    articles INTEGER NOT NULL DEFAULT 0,
    outlets INTEGER NOT NULL DEFAULT 0,
    independent_sources INTEGER NOT NULL DEFAULT 0,
    settings TEXT NOT NULL,             -- clustering settings version that made it
    created_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    updated_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);
CREATE INDEX stories_last ON stories(last_published);

CREATE TABLE story_members (
    rowid BIGSERIAL,
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id BIGINT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    score REAL,                         -- similarity with the story when the article joined it
    syndication_group TEXT NOT NULL,    -- article id that heads its wire-copy / near-duplicate group
    joined_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);
CREATE INDEX story_members_story ON story_members(story_id);
CREATE INDEX story_members_group ON story_members(syndication_group);
