#!/bin/sh
# Runs every cargo-fuzz target in fuzz/ for SECONDS each (default 60), one after another.
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
# A crash stops the run with libFuzzer's report; the input is saved under fuzz/artifacts/<target>/.
set -eu
seconds="${1:-60}"
[ "$#" -gt 0 ] && shift
cd "$(dirname "$0")/../fuzz"
targets="$*"
[ -n "$targets" ] || targets="$(cargo +nightly fuzz list)"
cargo +nightly fuzz build
for target in $targets; do
    echo "== fuzz $target for ${seconds}s"
    cargo +nightly fuzz run "$target" -- -max_total_time="$seconds" -print_final_stats=1
done
