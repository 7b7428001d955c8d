-- 0003: pay records from compensation datasets (surveys, official statistics, filings), a
-- record kind of their own beside postings. One row per dataset row, keyed by (dataset, source
-- file name, data row), so re-ingesting a file upserts the same rows. `annual_usd` is `amount`
-- on the annual US-dollar scale with the extractor's FX table; `flag` says why a figure is not
-- used (implausible). Official statistics rows (BLS OEWS) are occupations, not people: `amount`
-- is the published median and `employment`, `p10`..`p90` the other published figures.
--
-- Numbered 0003 because 0002 is taken on another branch; IF NOT EXISTS keeps it harmless on a
-- store that already has the table.

CREATE TABLE IF NOT EXISTS pay_records (
    id          INTEGER PRIMARY KEY,
    dataset     TEXT    NOT NULL,
    source_file TEXT    NOT NULL,
    source_row  INTEGER NOT NULL,
    source_line INTEGER NOT NULL,
    year        INTEGER,
    title       TEXT    NOT NULL,
    code        TEXT,
    lane        TEXT,
    level       TEXT,
    country     TEXT,
    language    TEXT,
    currency    TEXT    NOT NULL,
    period      TEXT    NOT NULL,
    base        REAL,
    total_comp  REAL,
    amount      REAL    NOT NULL,
    annual_usd  REAL,
    -- 'base' or 'total_comp': which of the two `amount` is.
    pay_kind    TEXT    NOT NULL CHECK (pay_kind IN ('base', 'total_comp')),
    -- 'survey', 'official_statistics', 'filing' or 'posting'.
    kind        TEXT    NOT NULL CHECK (kind IN ('survey', 'official_statistics', 'filing', 'posting')),
    employment  INTEGER,
    p10         REAL,
    p25         REAL,
    p75         REAL,
    p90         REAL,
    top_coded   TEXT,
    flag        TEXT,
    UNIQUE (dataset, source_file, source_row)
);
CREATE INDEX IF NOT EXISTS pay_records_dataset_lane ON pay_records (dataset, lane);
-- Covering indexes of the usable records by lane and by language: a report reads the samples of
-- a few lanes and languages from these alone, never the wide table (snapshot time).
CREATE INDEX IF NOT EXISTS pay_records_lane_samples ON pay_records
    (lane, dataset, year, level, country, language, annual_usd, pay_kind, kind, flag)
    WHERE annual_usd IS NOT NULL AND flag IS NULL;
CREATE INDEX IF NOT EXISTS pay_records_language_samples ON pay_records
    (language, dataset, year, level, country, lane, annual_usd, pay_kind, kind, flag)
    WHERE annual_usd IS NOT NULL AND flag IS NULL;
CREATE INDEX IF NOT EXISTS pay_records_kind ON pay_records (kind);
