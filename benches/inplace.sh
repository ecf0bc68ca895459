#!/bin/bash
# Indexing in place, two builds side by side on copies of one resampled archive: a full
# reindex, the index step of an update (1,000 new responses, 10 withdrawn), the same step with
# nothing changed, and one new consultation of 1,700 responses (and the same into an empty
# index). `reindex --in-place` is the index step `crawl` and `update` run after fetching; a
# build without it (before issue 14) rebuilds everything, so its update is timed as `reindex`.
#
#   bash benches/inplace.sh OLD_BINARY NEW_BINARY ARCHIVE_DIR [WORK_DIR]
#
# ARCHIVE_DIR is a folder written by `cargo bench --bench resample` (archive/ and
# crawl.sqlite). Wall time and peak anonymous memory (RssAnon, polled every 0.1 s) per step.
set -euo pipefail
old=$1 new=$2 archive=$3 work=${4:-/tmp/inplace}
corpus=${CORPUS:-$(cd "$(dirname "$0")/.." && pwd)/../shared/corpus/naturalisatietermijn-reacties.jsonl}
resample() { (cd "$(dirname "$0")/.." && cargo bench -q --bench resample -- --corpus "$corpus" "$@" >/dev/null); }
peak() {
    local start=$(date +%s.%N) peak=0 a
    "$@" >/dev/null 2>&1 &
    local pid=$!
    while kill -0 $pid 2>/dev/null; do
        a=$(awk '/RssAnon/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
        [ -n "$a" ] && [ "$a" -gt "$peak" ] && peak=$a
        sleep 0.1
    done
    wait $pid
    echo "$(echo "$(date +%s.%N) - $start" | bc) s, peak RssAnon $((peak / 1024)) MiB"
}
rm -rf "$work"; mkdir -p "$work"
for v in old new; do
    mkdir -p "$work/$v"; cp -r "$archive/archive" "$archive/crawl.sqlite" "$work/$v/"
done
echo "reindex, old: $(peak "$old" --index "$work/old" reindex --json)"
echo "reindex, new: $(peak "$new" --index "$work/new" reindex --json)"
echo "size: old $(du -sm "$work/old/tantivy" | cut -f1) MB + passages $(du -sm "$work/old/passages" 2>/dev/null | cut -f1) MB, new $(du -sm "$work/new/tantivy" | cut -f1) MB"
for v in old new; do
    resample --responses 1000 --consultations 1 --prefix nieuw --seed 7 --append --withdraw 10 --out "$work/$v"
done
echo "update (1,000 new, 10 withdrawn), old (a rebuild): $(peak "$old" --index "$work/old" reindex --json)"
echo "update (1,000 new, 10 withdrawn), new: $(peak "$new" --index "$work/new" reindex --in-place --json)"
echo "nothing changed, new: $(peak "$new" --index "$work/new" reindex --in-place --json)"
resample --responses 1700 --consultations 1 --prefix extra --seed 9 --append --out "$work/new"
echo "a new consultation of 1,700, new: $(peak "$new" --index "$work/new" reindex --in-place --json)"
resample --responses 1700 --consultations 1 --prefix extra --seed 9 --out "$work/empty"
echo "the same into an empty index: $(peak "$new" --index "$work/empty" reindex --json)"
