#!/bin/bash
# Every answer stays the same (issue 25): two builds serve one index side by side, and a sample
# of requests is sent to both and compared field by field, times aside: searches (the load set,
# each plain, by date and on a later page, with totals and facets), quotes (with their counts
# and the ids of the responses that hold them), terms and timelines.
#
#   bash benches/answers.sh OLD_BINARY NEW_BINARY INDEX PATHS_FILE [QUOTE_QUERIES]
#
# PATHS_FILE holds `/api/search?...` paths (the peers bench's WORK/load.txt); QUOTE_QUERIES one
# query per line (default: the 30 of `benches/quotes_latency.sh`, drawn from the corpus).
# Prints how many answers were compared and every difference; exits 1 when any differ.
set -euo pipefail
old=$1 new=$2 index=$3 paths=$4 quotes=${5:-}
corpus=${CORPUS:-$(cd "$(dirname "$0")/.." && pwd)/../shared/corpus/naturalisatietermijn-reacties.jsonl}
"$old" --index "$index" serve --addr 127.0.0.1:18601 --cache-entries 0 >/dev/null 2>&1 &
a=$!
"$new" --index "$index" serve --addr 127.0.0.1:18602 --cache-entries 0 >/dev/null 2>&1 &
b=$!
trap 'kill $a $b 2>/dev/null || true' EXIT
for port in 18601 18602; do
    for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { echo "the server on port $port did not start" >&2; exit 2; }
done
python3 - "$paths" "$corpus" "$quotes" "$(cd "$(dirname "$0")" && pwd)" <<'PY'
import collections, json, os, subprocess, sys, urllib.parse, urllib.request

paths_file, corpus, quotes_file, bench_dir = sys.argv[1:5]
searches = [l.strip() for l in open(paths_file) if l.strip()]
if quotes_file:
    quote_queries = [l.strip() for l in open(quotes_file) if l.strip()]
else:  # the query set of benches/quotes_latency.sh
    drawn = subprocess.run([sys.executable, os.path.join(bench_dir, "quote_queries.py"), corpus],
                           capture_output=True, text=True, check=True).stdout
    quote_queries = [l for l in drawn.splitlines() if l.strip()]

requests = []
for p in searches:
    requests += [p, p + "&sort=date", p + "&offset=20", p + "&collapse=true"]
for q in quote_queries:
    enc = urllib.parse.urlencode({"q": q})
    requests += [f"/api/quotes?{enc}", f"/api/quotes?{enc}&limit=25"]
for q in quote_queries[:10]:
    enc = urllib.parse.urlencode({"q": q})
    requests += [f"/api/terms?{enc}", f"/api/timeline?{enc}&by=week"]

TIMES = {"took_ms", "seconds", "millis"}
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in TIMES}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v

def get(port, path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=120) as r:
            return r.status, strip(json.load(r))
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")

def first_difference(a, b, at=""):
    if isinstance(a, tuple):
        a, b = list(a), list(b)
    if type(a) != type(b):
        return f"{at}: {str(a)[:80]} != {str(b)[:80]}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{at}.{k}: only in {'new' if k in b else 'old'}"
            d = first_difference(a[k], b[k], f"{at}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{at}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{at}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{at}: {str(a)[:80]} != {str(b)[:80]}"

kinds = collections.Counter()
differ = 0
for path in requests:
    kinds[path.split("?")[0]] += 1
    old, new = get(18601, path), get(18602, path)
    d = first_difference(old, new)
    if d:
        differ += 1
        print(f"DIFFERS {path}\n   {d}")
print(f"compared {len(requests)} answers ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}): {differ} differ")
sys.exit(1 if differ else 0)
PY
