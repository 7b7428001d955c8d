#!/usr/bin/env bash
# Extraction throughput, then the whole ingest next to the DuckDB peer (bench/ingest.sh), in one run.
#
#   bench/extract.sh            # corpus ../shared/corpus/hn
#   bench/extract.sh --scaled   # also the 10x corpus (RUNS=1 keeps it to a few minutes)
#
# 1. `cargo bench --bench extract`: each extraction field and the whole extractor on one thread
#    over the posting text held in memory, as CPU seconds and MB of text per CPU second.
# 2. `hirepulse extract` of the corpus to /dev/null under /usr/bin/time: wall and CPU seconds,
#    peak RSS, and input MB per CPU second (per core) and per wall second (all cores).
# 3. bench/ingest.sh with the same arguments: ingest vs the peer, medians and the ratio.
# Other engineers' jobs share the cores: the script prints `uptime` so figures can be judged.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
CORPUS="$SHARED/corpus/hn"
[ -d "$CORPUS" ] || { echo "missing $CORPUS" >&2; exit 1; }

echo "== load: $(uptime)"
echo "== extraction fields, one thread (cargo bench -p hirepulse-pipeline --bench extract)"
cargo bench -q -p hirepulse-pipeline --bench extract -- "$(realpath "$CORPUS")"

cargo build --release -q -p hirepulse
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/hirepulse
bytes=$(cat "$CORPUS"/*.jsonl | wc -c)
/usr/bin/time -f '%e %U %S %M' -o /tmp/hirepulse-extract-time "$BIN" extract "$CORPUS" >/dev/null
read -r wall user sys rss </tmp/hirepulse-extract-time
awk -v b="$bytes" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN {
  printf "== hirepulse extract %s: %.0f MB input\n", "'"$CORPUS"'", b / 1e6
  printf "   %.2fs wall, %.2fs CPU, peak %.0f MiB; %.1f MB/s per core, %.1f MB/s wall\n",
    w, u + s, r / 1024, b / 1e6 / (u + s), b / 1e6 / w }'

bench/ingest.sh "$@"
