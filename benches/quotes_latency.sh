#!/bin/bash
# Quote (or, with ENDPOINT=search, search) latency through the server, for two builds side by side on their own index
# folders (the same archive): p50 and p99 of /api/quotes over a fixed query set drawn from the
# corpus (single words of every frequency, word pairs and phrases), each query run RUNS times.
#
#   bash benches/quotes_latency.sh OLD_BINARY OLD_INDEX NEW_BINARY NEW_INDEX [RUNS]
#
# SERVE_ARGS are passed to both servers (`--cache-entries 0`: no answer kept between runs).
set -euo pipefail
old_bin=$1 old_index=$2 new_bin=$3 new_index=$4 runs=${5:-5}
corpus=${CORPUS:-../shared/corpus/naturalisatietermijn-reacties.jsonl}
queries=$(mktemp)
python3 "$(dirname "$0")/quote_queries.py" "$corpus" > "$queries"
measure() {
    local bin=$1 index=$2 port=$3
    # shellcheck disable=SC2086 # SERVE_ARGS is a list of options
    "$bin" --index "$index" serve --addr 127.0.0.1:$port ${SERVE_ARGS:-} >/dev/null 2>&1 &
    local pid=$!
    for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
    local times=$(mktemp)
    # One warm-up pass, then the measured runs.
    while read -r q; do curl -fs -G --data-urlencode "q=$q" "http://127.0.0.1:$port/api/${ENDPOINT:-quotes}" >/dev/null; done < "$queries"
    for _ in $(seq "$runs"); do
        while read -r q; do
            curl -fs -o /dev/null -w '%{time_total}\n' -G --data-urlencode "q=$q" "http://127.0.0.1:$port/api/${ENDPOINT:-quotes}" >> "$times"
        done < "$queries"
    done
    kill $pid; wait $pid 2>/dev/null || true
    sort -n "$times" | awk '{a[NR]=$1} END {printf "p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d requests)\n", a[int(NR*0.5)]*1000, a[int(NR*0.99)]*1000, a[NR]*1000, NR}'
}
echo "$(wc -l < "$queries") queries, $runs runs each"
echo "old: $(measure "$old_bin" "$old_index" 18481)"
echo "new: $(measure "$new_bin" "$new_index" 18482)"
