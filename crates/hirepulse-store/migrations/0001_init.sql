-- 0001: postings, their texts and pay evidence, extracted facts, ingest runs.
--
-- `postings` is kept narrow (no texts) so that statistics scans and the per-run `last_seen`
-- touch few pages; the texts live in `posting_texts`. Facts are stored twice on purpose: the
-- whole `Facts` value as JSON (the record of what the extractor said) and normalised child rows
-- (`fact_tags`, `fact_pay`) so that counts by month x language x lane are plain joins.

CREATE TABLE postings (
    id            INTEGER PRIMARY KEY,
    source        TEXT    NOT NULL,
    source_id     TEXT    NOT NULL,
    -- blake3 of the raw text, the normalised text and the structured fields.
    content_hash  BLOB    NOT NULL,
    month         TEXT,
    posted_at     INTEGER,
    title         TEXT,
    company       TEXT,
    location      TEXT,
    url           TEXT,
    -- Unix seconds of the ingest runs that first and last saw the posting (never in `status`).
    first_seen    INTEGER NOT NULL,
    last_seen     INTEGER NOT NULL,
    UNIQUE (source, source_id)
);
CREATE INDEX postings_month ON postings (month, source);

CREATE TABLE posting_texts (
    posting_id INTEGER PRIMARY KEY REFERENCES postings (id) ON DELETE CASCADE,
    raw        TEXT NOT NULL,
    text       TEXT NOT NULL
);

-- Pay stated by the source in structured fields, with where it came from.
CREATE TABLE pay_evidence (
    posting_id INTEGER NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    min        REAL,
    max        REAL,
    currency   TEXT,
    period     TEXT,
    provenance TEXT NOT NULL,
    PRIMARY KEY (posting_id, idx)
) WITHOUT ROWID;

-- One row per posting that has been extracted: which extractor version, and what it said.
CREATE TABLE facts (
    posting_id        INTEGER PRIMARY KEY REFERENCES postings (id) ON DELETE CASCADE,
    extractor_version INTEGER NOT NULL,
    facts_json        TEXT    NOT NULL,
    company           TEXT,
    equity            INTEGER NOT NULL,
    us_eligible       INTEGER,
    visa              INTEGER
);
CREATE INDEX facts_version ON facts (extractor_version);

-- The list-valued facts, one row per value. `kind` is one of: language, technology, lane,
-- seniority, country, work_mode, employment.
CREATE TABLE fact_tags (
    posting_id INTEGER NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    PRIMARY KEY (posting_id, kind, value)
) WITHOUT ROWID;
CREATE INDEX fact_tags_kind_value ON fact_tags (kind, value);

-- Pay ranges found in the text, with the normalised annual USD figures.
CREATE TABLE fact_pay (
    posting_id     INTEGER NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    min            REAL,
    max            REAL,
    currency       TEXT,
    period         TEXT,
    span_start     INTEGER NOT NULL,
    span_end       INTEGER NOT NULL,
    annual_usd_min REAL,
    annual_usd_max REAL,
    flag           TEXT,
    PRIMARY KEY (posting_id, idx)
) WITHOUT ROWID;

-- Convenience views for statistics queries: one per tag kind.
CREATE VIEW posting_languages   AS SELECT posting_id, value AS language   FROM fact_tags WHERE kind = 'language';
CREATE VIEW posting_technologies AS SELECT posting_id, value AS technology FROM fact_tags WHERE kind = 'technology';
CREATE VIEW posting_lanes       AS SELECT posting_id, value AS lane       FROM fact_tags WHERE kind = 'lane';
CREATE VIEW posting_seniority   AS SELECT posting_id, value AS seniority  FROM fact_tags WHERE kind = 'seniority';
CREATE VIEW posting_countries   AS SELECT posting_id, value AS country    FROM fact_tags WHERE kind = 'country';
CREATE VIEW posting_work_modes  AS SELECT posting_id, value AS work_mode  FROM fact_tags WHERE kind = 'work_mode';
CREATE VIEW posting_employment  AS SELECT posting_id, value AS employment FROM fact_tags WHERE kind = 'employment';

-- A record of each ingest run (times live here and in first/last_seen only).
CREATE TABLE ingest_runs (
    id          INTEGER PRIMARY KEY,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    inputs      TEXT    NOT NULL,
    n_new       INTEGER,
    n_updated   INTEGER,
    n_unchanged INTEGER,
    n_skipped   INTEGER,
    n_errors    INTEGER
);
