#!/usr/bin/env bash
# Scores the extractor on the development labels split by year parity: rules are written while
# reading misses of the even years (2014, 2016, ...) and checked on the odd years, which stand in
# for months the rules never saw. Prints `hirepulse eval` for all labels, then for each half.
#
#   scripts/eval-split.sh [LABELS] [CORPUS]    # defaults: ../shared/labels/dev.jsonl ../shared/corpus/hn
set -euo pipefail
cd "$(dirname "$0")/.."
LABELS=${1:-../shared/labels/dev.jsonl}
CORPUS=${2:-../shared/corpus/hn}
[ -f "$LABELS" ] || { echo "missing $LABELS" >&2; exit 1; }
cargo build --release -q -p hirepulse
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/hirepulse
WORK=$(mktemp -d /tmp/hirepulse-eval.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
# Each label line carries "month": "YYYY-MM"; the year's parity picks the half.
grep -E '"month": ?"[0-9]{3}[02468]-' "$LABELS" >"$WORK/even.jsonl" || true
grep -E '"month": ?"[0-9]{3}[13579]-' "$LABELS" >"$WORK/odd.jsonl" || true
for half in all even odd; do
  file=$LABELS
  [ "$half" = all ] || file=$WORK/$half.jsonl
  echo "== $half years ($(wc -l <"$file") labelled postings)"
  "$BIN" eval --labels "$file" "$CORPUS" | sed -n '1,20p'
done
