#!/usr/bin/env bash
# Times `hirepulse snapshot` over a store built from the whole HN corpus and the pay datasets,
# and, for comparison, over the built-in baseline (no store).
#
#   bench/snapshot.sh                 # builds /tmp/hirepulse-snapshot-bench.db once, then times
#   DB=/path/to.db bench/snapshot.sh  # times an existing store (ingest + ingest-pay done)
#
# Uses hyperfine (apt-get install -y hyperfine) with 3 warm-up runs and at least 20 timed runs
# per command; prints its table (mean ± sd, min … max) and the snapshot table itself.
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED=${SHARED:-../shared}
DB=${DB:-/tmp/hirepulse-snapshot-bench.db}
command -v hyperfine >/dev/null || { echo "install hyperfine: apt-get install -y hyperfine" >&2; exit 1; }

cargo build --release -q -p hirepulse
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/hirepulse

if [ ! -f "$DB" ]; then
  echo "building $DB from $SHARED/corpus/hn and $SHARED/pay" >&2
  "$BIN" --db "$DB" ingest "$SHARED/corpus/hn" >&2
  "$BIN" --db "$DB" ingest-pay "$SHARED/pay" >/dev/null 2>&1 || [ $? -eq 3 ]
fi
"$BIN" --db "$DB" status | head -3 >&2

# A home without a default store, so the second command reads the built-in baseline.
EMPTY_HOME=$(mktemp -d /tmp/hirepulse-home.XXXXXX)
trap 'rm -rf "$EMPTY_HOME"' EXIT

hyperfine --warmup 3 --min-runs 20 -N \
  --command-name "snapshot (store)" "$BIN --db $DB snapshot" \
  --command-name "snapshot --format json (store)" "$BIN --db $DB snapshot --format json" \
  --command-name "snapshot (built-in baseline)" "env HOME=$EMPTY_HOME XDG_DATA_HOME=$EMPTY_HOME $BIN snapshot"

echo
"$BIN" --db "$DB" snapshot
