#!/usr/bin/env bash
# Load benchmark of `hirepulse serve` on the built-in baseline (not a test): starts the release
# server on 127.0.0.1, warms it up (one request per URL fills the answer cache, then a short
# wrk run), then runs wrk with 100 connections on /api/snapshot and on the snapshot page and
# prints throughput and the latency distribution (p50/p90/p99).
#
#   bench/serve.sh                     # 2 threads, 100 connections, 20 s per URL
#   DURATION=30s CONNECTIONS=200 bench/serve.sh
#
# Needs wrk (apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null || { echo "install wrk: apt-get install -y wrk" >&2; exit 1; }
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-100}
THREADS=${THREADS:-2}
PORT=${PORT:-18480}

cargo build --release -q -p hirepulse
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/hirepulse

"$BIN" serve --addr "127.0.0.1:$PORT" 2>/tmp/hirepulse-serve-bench.log &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/api/openapi.json" && break
  sleep 0.1
done

echo "machine: $(nproc) cores; wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency"
for path in "/api/snapshot" "/"; do
  url="http://127.0.0.1:$PORT$path"
  curl -fs -o /dev/null "$url"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "$url" >/dev/null
  echo
  echo "== GET $path"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url" \
    | grep -E "Requests/sec|Transfer/sec|requests in|Latency|  50%|  90%|  99%|Non-2xx|Socket errors"
done
