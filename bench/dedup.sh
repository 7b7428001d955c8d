#!/usr/bin/env bash
# Deduplication figures: the share of reposts month to month on the HN corpus, recall on a 10x
# corpus of copies, flagged and near-threshold pairs to judge precision by reading, and the time
# of the dedup step on both.
#
#   bench/dedup.sh             # the corpus only
#   bench/dedup.sh --scaled    # also the 10x corpus (about 1 GB of input, 2.9 GB store, in $WORK)
#
# Stores are ingested with --no-dedup, then `hirepulse dedup --full` is timed alone under
# /usr/bin/time -v. Pairs are sampled with a fixed seed (SEED, default 7) so a rerun prints
# the same ones. Reads the stores with bench/dedup_report.py.
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED=${SHARED:-../shared}
CORPUS="$SHARED/corpus/hn"
WORK=${WORK:-/tmp/hirepulse-dedup-bench}
SEED=${SEED:-7}
SCALED=0
for arg in "$@"; do
  case "$arg" in
    --scaled) SCALED=1 ;;
    *) echo "usage: $0 [--scaled]" >&2; exit 2 ;;
  esac
done
[ -d "$CORPUS" ] || { echo "missing $CORPUS" >&2; exit 1; }
if [ ! -x /usr/bin/time ]; then
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
cargo build --release -q -p hirepulse
HP="${CARGO_TARGET_DIR:-target}/release/hirepulse"
mkdir -p "$WORK"

timed_dedup() {
  /usr/bin/time -v "$HP" --db "$1" dedup --full 2> "$WORK/time.txt"
  grep -E "dedup took|Elapsed|Maximum resident" "$WORK/time.txt"
}

echo "== corpus $CORPUS"
rm -f "$WORK/hn.db" "$WORK/hn.db-wal" "$WORK/hn.db-shm"
"$HP" --db "$WORK/hn.db" ingest --no-dedup "$CORPUS" | tail -1
timed_dedup "$WORK/hn.db"
python3 bench/dedup_report.py "$WORK/hn.db" shares
python3 bench/dedup_report.py "$WORK/hn.db" pairs 32 "$SEED" repost > "$WORK/pairs.txt"
python3 bench/dedup_report.py "$WORK/hn.db" near 20 "$SEED" > "$WORK/near.txt"
echo "flagged repost pairs: $WORK/pairs.txt; near-threshold unmerged pairs: $WORK/near.txt"

if [ "$SCALED" = 1 ]; then
  echo "== 10x corpus (scale_corpus.py 10)"
  [ -d "$WORK/c10" ] || python3 "$SHARED/bench/scale_corpus.py" 10 "$CORPUS" "$WORK/c10"
  rm -f "$WORK/c10.db" "$WORK/c10.db-wal" "$WORK/c10.db-shm"
  "$HP" --db "$WORK/c10.db" ingest --no-dedup "$WORK/c10" | tail -1
  timed_dedup "$WORK/c10.db"
  python3 bench/dedup_report.py "$WORK/c10.db" recall
fi
