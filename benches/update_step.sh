#!/bin/bash
# The index step of `crawl` and `update`, two builds side by side on copies of one indexed
# folder (issue 25): with nothing to do, then with 1,000 new responses and 10 withdrawn, then
# with nothing to do again. Each binary first runs one step of its own on its copy, so both
# start from an index they committed; every idle step is run RUNS times and the median quoted.
#
#   bash benches/update_step.sh OLD_BINARY NEW_BINARY INDEXED_DIR [WORK_DIR] [RUNS]
#
# INDEXED_DIR is a folder written by `cargo bench --bench resample` and indexed once
# (`inspraak --index DIR reindex`). WORK_DIR (an absolute path; emptied first) gets the two
# copies, `old` and `new`; at 1M each is about 5 GB. Whole-command wall time and peak RSS
# (`/usr/bin/time`).
set -euo pipefail
old=$1 new=$2 indexed=$3 work=${4:-/tmp/update-step} runs=${5:-5}
case $work in /*) ;; *) echo "WORK_DIR must be an absolute path" >&2; exit 2 ;; esac
corpus=${CORPUS:-$(cd "$(dirname "$0")/.." && pwd)/../shared/corpus/naturalisatietermijn-reacties.jsonl}
resample() { (cd "$(dirname "$0")/.." && cargo bench -q --bench resample -- --corpus "$corpus" "$@" >/dev/null); }
step() { # binary folder -> "seconds peak_kb"
    /usr/bin/time -f "%e %M" -o "$work/time" "$1" --index "$2" reindex --in-place --json >"$work/last.json"
    cat "$work/time"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
idle() { # label
    for v in old new; do
        local bin=${!v} t=()
        for _ in $(seq "$runs"); do t+=("$(step "$bin" "$work/$v" | cut -d' ' -f1)"); done
        echo "$1, $v: median $(printf '%s\n' "${t[@]}" | median) s of ${t[*]}"
    done
}
rm -rf "$work"; mkdir -p "$work"
for v in old new; do
    cp -r "$indexed" "$work/$v"; rm -f "$work/$v/write.lock"
    echo "first step of its own, $v: $(step "${!v}" "$work/$v")"
done
idle "nothing changed"
for v in old new; do
    resample --responses 1000 --consultations 1 --prefix nieuw --seed 7 --append --withdraw 10 --out "$work/$v"
done
for v in old new; do
    read -r s kb <<<"$(step "${!v}" "$work/$v")"
    echo "1,000 new and 10 withdrawn, $v: $s s, peak RSS $((kb / 1024)) MiB: $(python3 -c "
import json; d = json.load(open('$work/last.json'))
print(f\"documents {d['documents']}, added {d['added']}, deleted {d['deleted']}, readded {d['readded']}, campaigns {d['campaigns']['campaigns']} (clustering {d['campaigns']['seconds']:.2f} s)\")")"
done
idle "nothing changed since"
cmp <(python3 -c "import json,sys; d=json.load(open('$work/last.json')); print(d['documents'], d['by_kind'], d['campaigns']['campaigns'])") \
    <("$old" --index "$work/old" reindex --in-place --json | python3 -c "import json,sys; d=json.load(sys.stdin); print(d['documents'], d['by_kind'], d['campaigns']['campaigns'])") \
    && echo "both hold the same documents and campaigns" \
    || { echo "the two hold different documents or campaigns" >&2; exit 1; }
