#!/usr/bin/env bash
# Crash safety: kill `newsindex index` with SIGKILL at random moments, and check after each
# kill that the index opens and passes `newsindex check`; then finish the job and compare its
# counts with an uninterrupted run.
#
#   Tools/kill-test.sh [KILLS] [BINARY]     (defaults: 20 kills, .build/release/newsindex)
#
# Input: ../shared/corpora/reuters21578/eval/articles.jsonl when present (and KILL_TEST_INPUT is
# not "generated"), else a generated JSONL of 4,000 articles. Deterministic by seed ($SEED,
# default 7). CI runs a reduced form:
#   KILL_TEST_INPUT=generated KILL_TEST_ARGS=--no-entities Tools/kill-test.sh 5 .build/debug/newsindex
set -euo pipefail
cd "$(dirname "$0")/.."
kills="${1:-20}"
binary="${2:-.build/release/newsindex}"
seed="${SEED:-7}"
[ -x "$binary" ] || swift build -c release --product newsindex >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

input="../shared/corpora/reuters21578/eval/articles.jsonl"
if [ ! -f "$input" ] || [ "${KILL_TEST_INPUT:-}" = generated ]; then
  input="$work/generated.jsonl"
  python3 - "$input" <<'PY'
import json, random, sys
random.seed(7)
words = "shelling convoy ceasefire talks Idlib Hama Aleppo border refugees army rebels aid market".split()
with open(sys.argv[1], "w") as out:
    for n in range(4000):
        text = "\n\n".join(" ".join(random.choice(words) for _ in range(60)) + "." for _ in range(4))
        out.write(json.dumps({"id": f"g{n}", "title": f"Report {n}", "date": "2019-02-18", "text": text}) + "\n")
PY
fi

counts() { "$binary" stats --db "$1" | awk '/^articles|^paragraphs/ {print $1, $2}' | tr '\n' ' '; }

# The reference: one uninterrupted run.
extra=(${KILL_TEST_ARGS:-})  # e.g. --no-entities, so that kills land mid-run in a debug build
"$binary" index --quiet "${extra[@]}" --db "$work/reference.db" "$input" >/dev/null
reference="$(counts "$work/reference.db")"
echo "reference run: $reference"

RANDOM=$seed
for i in $(seq "$kills"); do
  "$binary" index --quiet "${extra[@]}" --db "$work/killed.db" "$input" >/dev/null 2>&1 &
  pid=$!
  delay="0.$(printf '%03d' $((RANDOM % 1000)))"
  [ $((RANDOM % 3)) -eq 0 ] && delay="$((RANDOM % 4)).$(printf '%03d' $((RANDOM % 1000)))"
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ -f "$work/killed.db" ]; then
    if ! "$binary" check --db "$work/killed.db" >"$work/check.txt"; then
      echo "kill $i after ${delay}s: check FAILED"; cat "$work/check.txt"; exit 1
    fi
    echo "kill $i after ${delay}s: check ok ($(counts "$work/killed.db"))"
  else
    echo "kill $i after ${delay}s: killed before the index file was created"
  fi
done

"$binary" index --quiet "${extra[@]}" --db "$work/killed.db" "$input" >/dev/null
final="$(counts "$work/killed.db")"
"$binary" check --db "$work/killed.db" >/dev/null
echo "after $kills kills and one full run: $final"
if [ "$final" != "$reference" ]; then
  echo "FAILED: counts differ from the uninterrupted run ($reference)"; exit 1
fi
echo "kill test passed: $kills kills, index sound after each, final counts equal the uninterrupted run"
