#!/usr/bin/env bash
# Times `hirepulse ingest` of the whole HN corpus next to the DuckDB peer, in the same run.
#
#   bench/ingest.sh            # corpus ../shared/corpus/hn, 3 runs each, medians
#   bench/ingest.sh --scaled   # also the 10x corpus (about 1.1 GB, built in /tmp once)
#
# Each tool runs RUNS times (default 3) under /usr/bin/time -v; the script prints the median
# wall time and the largest peak RSS of each, and the ratio peer / hirepulse. hirepulse ingests
# into a fresh store every run. The peer's venv is set up in /tmp/peers if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
SHARED=${SHARED:-../shared}
CORPUS="$SHARED/corpus/hn"
SCALED=0
for arg in "$@"; do
  case "$arg" in
    --scaled) SCALED=1 ;;
    *) echo "usage: $0 [--scaled]" >&2; exit 2 ;;
  esac
done

[ -d "$CORPUS" ] || { echo "missing $CORPUS" >&2; exit 1; }
if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time" >&2
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
if [ ! -x /tmp/peers/bin/python ] || ! /tmp/peers/bin/python -c 'import duckdb, pandas' 2>/dev/null; then
  echo "setting up the peer venv in /tmp/peers" >&2
  python3 -m venv /tmp/peers
  /tmp/peers/bin/pip install -q duckdb pandas
fi

cargo build --release -q -p hirepulse
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/hirepulse
WORK=$(mktemp -d /tmp/hirepulse-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# measure NAME CMD... : runs CMD under /usr/bin/time -v, appends "seconds kib" to $WORK/NAME.
measure() {
  local name=$1; shift
  /usr/bin/time -v "$@" >"$WORK/out" 2>"$WORK/time" || { cat "$WORK/time" >&2; exit 1; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
      n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$WORK/time")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time")
  echo "$wall $rss" >>"$WORK/$name"
  printf '  %-9s %6.2fs %7.0f MiB\n' "$name" "$wall" "$(echo "$rss / 1024" | bc -l)"
}

# summary NAME : "median_seconds max_rss_mib"
summary() {
  sort -n "$WORK/$1" | awk '{ t[NR] = $1; if ($2 > m) m = $2 }
    END { med = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2;
          printf "%.2f %.0f\n", med, m / 1024 }'
}

bench() {
  local label=$1 dir=$2
  local size
  size=$(du -sh "$dir" | cut -f1)
  echo "== $label: $dir ($size), $RUNS runs each"
  rm -f "$WORK/hirepulse" "$WORK/duckdb" "$WORK/rerun"
  for i in $(seq "$RUNS"); do
    rm -f "$WORK"/h.db*
    measure hirepulse "$BIN" --db "$WORK/h.db" ingest "$dir"
    tail -1 "$WORK/out" | sed 's/^/            /'
    measure duckdb /tmp/peers/bin/python "$SHARED/bench/peer_duckdb.py" "$dir/*.jsonl"
  done
  # A re-run over the last store: everything unchanged, nothing extracted.
  measure rerun "$BIN" --db "$WORK/h.db" ingest "$dir"
  tail -1 "$WORK/out" | sed 's/^/            /'
  read -r h_wall h_rss < <(summary hirepulse)
  read -r d_wall d_rss < <(summary duckdb)
  echo "   hirepulse ingest: median ${h_wall}s, peak ${h_rss} MiB"
  echo "   duckdb peer:      median ${d_wall}s, peak ${d_rss} MiB"
  echo "   speed ratio (peer / hirepulse): $(echo "scale=1; $d_wall / $h_wall" | bc -l)x"
  echo "   memory ratio (hirepulse / peer): $(echo "scale=2; $h_rss / $d_rss" | bc -l)"
}

bench "corpus" "$CORPUS"

if [ "$SCALED" = 1 ]; then
  SCALED_DIR=/tmp/hirepulse-corpus-x10
  if [ ! -d "$SCALED_DIR" ]; then
    echo "building the 10x corpus in $SCALED_DIR" >&2
    python3 "$SHARED/bench/scale_corpus.py" 10 "$CORPUS" "$SCALED_DIR"
  fi
  bench "10x corpus" "$SCALED_DIR"
fi
