#!/usr/bin/env bash
# Whole-CLI search latency on Reuters-21578 (19,043 stories, ~105k paragraphs), as a user
# feels it: each query run as a fresh `newsindex search --json` process, 20 times; the median
# is printed beside the median of `newsindex --version` (process start only) as the reference.
#
#   Tools/bench-search.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
input="../shared/corpora/reuters21578/eval/articles.jsonl"
[ -f "$input" ] || { echo "bench-search: $input not found (../shared absent); nothing to measure" >&2; exit 2; }
swift build -c release --product newsindex >/dev/null
newsindex=".build/release/newsindex"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$newsindex" index --quiet --db "$work/r.db" "$input" >/dev/null

median_ms() {
  python3 - "$runs" "$@" <<'PY'
import statistics, subprocess, sys, time
runs, command = int(sys.argv[1]), sys.argv[2:]
times = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
    times.append((time.perf_counter() - start) * 1000)
print(f"{statistics.median(times):.1f}")
PY
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "process start (newsindex --version): $(median_ms "$newsindex" --version) ms"
for query in "cocoa" "Bahia" "interest rates" '"buffer stock"' "oil*" "title:cocoa prices" \
  "what did the fed say about interest rates" "the"; do
  echo "search $query: $(median_ms "$newsindex" search --db "$work/r.db" --json "$query") ms"
done
