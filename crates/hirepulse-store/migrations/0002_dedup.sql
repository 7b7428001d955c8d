-- 0002: which job each posting belongs to (deduplication).
--
-- Every posting stays in `postings`; this table says which cluster (one job) it belongs to:
-- `cluster_id` is the id of the cluster's first posting, `method` how the posting joined it
-- (`first`, `text`, `cross_source`, `repost`), `matched_id` the posting it matched, with the
-- dedup rules' version and the window (days) they ran with. A posting without a row has not
-- been clustered yet; reports count it as its own job.
CREATE TABLE posting_clusters (
    posting_id    INTEGER PRIMARY KEY REFERENCES postings (id) ON DELETE CASCADE,
    cluster_id    INTEGER NOT NULL,
    method        TEXT    NOT NULL,
    matched_id    INTEGER NOT NULL,
    dedup_version INTEGER NOT NULL,
    window_days   INTEGER NOT NULL
);
CREATE INDEX posting_clusters_cluster ON posting_clusters (cluster_id);
-- Dedup reads postings in time order.
CREATE INDEX postings_posted_at ON postings (posted_at, id);
