#!/usr/bin/env bash
# Server load: `inspraak serve` on an index, then wrk (Debian package `wrk`) with 16 and 64
# connections over the query paths the peers bench drew (WORK/queries.txt: rare and common
# words, AND, phrases, filters), each request the next path; then the server's resident memory.
# wrk runs on the same machine as the server, so they share its cores.
#
#   cargo build --release
#   bash benches/load.sh /tmp/r1m /tmp/peers1m/queries.txt [SECONDS]
set -euo pipefail
index=$1
queries=$2
secs=${3:-30}
bin=${INSPRAAK_BIN:-target/release/inspraak}
port=${PORT:-18089}
"$bin" --index "$index" serve --addr "127.0.0.1:$port" >/tmp/inspraak-load-serve.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done
grep -E 'VmRSS' "/proc/$pid/status" | sed 's/^/after start: /'
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
grep -E 'VmRSS|VmHWM' "/proc/$pid/status"
rm -f "$lua"
