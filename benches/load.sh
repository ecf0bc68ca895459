#!/usr/bin/env bash
# Server load: `inspraak serve` on an index, then wrk (Debian package `wrk`) with 16 and 64
# connections over the query paths the peers bench drew, each request the next path; then the
# server's resident memory. wrk runs on the same machine as the server, so they share its cores.
# WORK/queries.txt is the 41 queries of every earlier run (rare and common words, AND, phrases,
# filters); WORK/load.txt is over 500 distinct ones drawn the same way, for the search itself
# under load (with SERVE_ARGS="--cache-entries 0" no answer is kept at all).
#
#   cargo build --release
#   bash benches/load.sh /tmp/r1m /tmp/peers1m/queries.txt [SECONDS]
#   SERVE_ARGS="--cache-entries 0" bash benches/load.sh /tmp/r1m /tmp/peers1m/load.txt 30
set -euo pipefail
index=$1
queries=$2
secs=${3:-30}
bin=${INSPRAAK_BIN:-target/release/inspraak}
port=${PORT:-18089}
# shellcheck disable=SC2086 # SERVE_ARGS is a list of options
"$bin" --index "$index" serve --addr "127.0.0.1:$port" ${SERVE_ARGS:-} >/tmp/inspraak-load-serve.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done
grep -E 'VmRSS' "/proc/$pid/status" | sed 's/^/after start: /'
echo "$(sort -u "$queries" | wc -l) distinct paths in $queries"
lua=$(mktemp --suffix .lua)
{
  echo 'paths = {'
  sed 's/.*/  "&",/' "$queries"
  echo '}'
  echo 'i = 0'
  echo 'request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end'
} >"$lua"
# One pass over every query first, so that both runs meet a warm page cache.
wrk -t2 -c16 -d5s -s "$lua" "http://127.0.0.1:$port" >/dev/null
for c in 16 64; do
  echo "== $c connections, ${secs} s"
  wrk -t2 -c"$c" -d"${secs}s" --latency -s "$lua" "http://127.0.0.1:$port"
done
grep -E 'VmRSS|VmHWM|RssAnon' "/proc/$pid/status"
rm -f "$lua"
