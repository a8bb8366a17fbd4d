#!/usr/bin/env bash
# A full disk: puts --db on a 3 MB tmpfs, indexes the sample corpus (fits), then a generated
# feed that does not fit. The second run must fail with one clear line and exit 2, and the
# index must still pass `check` with the first run's articles. Needs root (mount); says so and
# exits 0 without testing when mounting is not allowed.
#
#   Tools/diskfull-test.sh [BINARY]        (default .build/debug/newsindex)
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-.build/debug/newsindex}"
work="$(mktemp -d)"
mkdir -p "$work/disk"
cleanup() { umount "$work/disk" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
if ! mount -t tmpfs -o size=3m tmpfs "$work/disk" 2>/dev/null; then
  echo "diskfull-test: cannot mount a tmpfs here (not root?); skipped"
  exit 0
fi
db="$work/disk/archive.db"
"$binary" index --quiet --no-entities --db "$db" Corpus >/dev/null
before="$("$binary" stats --db "$db" | awk '/^articles/ {print $2}')"
python3 - "$work/feed.jsonl" <<'PY'
import json, random, sys
random.seed(3)
with open(sys.argv[1], "w") as out:
    for n in range(6000):
        words = " ".join(f"w{random.randrange(200000)}" for _ in range(120))
        out.write(json.dumps({"id": f"f{n}", "text": words}) + "\n")
PY
set +e
"$binary" index --quiet --no-entities --db "$db" "$work/feed.jsonl" >"$work/out.txt" 2>"$work/err.txt"
status=$?
set -e
echo "second run: exit $status: $(cat "$work/err.txt")"
[ "$status" -eq 2 ] || { echo "diskfull-test: expected exit 2"; exit 1; }
grep -q "is full" "$work/err.txt" || { echo "diskfull-test: expected a 'disk is full' message"; exit 1; }
[ "$(wc -l <"$work/err.txt")" -eq 1 ] || { echo "diskfull-test: expected one line"; exit 1; }
"$binary" check --db "$db" >/dev/null
after="$("$binary" stats --db "$db" | awk '/^articles/ {print $2}')"
echo "diskfull-test: full disk reported in one line; index intact and sound ($before articles before, $after after)"
