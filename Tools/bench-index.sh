#!/usr/bin/env bash
# Indexing speed of `newsindex index` against the bare C FTS5 loader, in one run.
#
#   Tools/bench-index.sh [ROUNDS]        (default 3 rounds, alternating the two)
#
# Input: ../shared/corpora/reuters21578/eval/articles.jsonl (19,043 stories). The C loader
# (../shared/peers/raw_fts5.c, built here with cc -O2) gets the same stories split at blank
# lines into paragraphs, as id\0title\0text\0 records read into memory before its clock
# starts; newsindex reads, decodes, cleans and splits the JSONL itself. Both use the
# tokenizer 'porter unicode61 remove_diacritics 2'. newsindex runs twice per round: with
# --no-entities, and with entity extraction (the default). Prints each run and the median ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
shared="../shared"
input="$shared/corpora/reuters21578/eval/articles.jsonl"
[ -f "$input" ] || { echo "bench-index: $input not found (../shared absent); nothing to measure" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/raw_fts5" "$shared/peers/raw_fts5.c" -lsqlite3
swift build -c release --product newsindex >/dev/null
newsindex=".build/release/newsindex"

# Same paragraphs for the C loader: split each story at blank lines, unwrap lines.
python3 - "$input" "$work/paragraphs.nul" <<'PY'
import json, re, sys
with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "wb") as out:
    for line in src:
        story = json.loads(line)
        for number, block in enumerate(re.split(r"\n\s*\n", story["text"])):
            text = " ".join(block.split())
            if text:
                out.write(f"{story['id']}#{number}\0{story['title']}\0{text}\0".encode("utf-8"))
PY

text_mb=$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1]) / 1e6)" "$input")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "input:   $input ($text_mb MB of JSONL)"
plain=()
full=()
for round in $(seq "$rounds"); do
  rm -f "$work/c.db"*
  c_seconds=$("$work/raw_fts5" load "$work/c.db" "$work/paragraphs.nul" | python3 -c "import json,sys; print(json.load(sys.stdin)['index_build_s'])")
  line="round $round: C loader ${c_seconds} s"
  for mode in --no-entities --entities; do
    rm -f "$work/n.db"*
    flag=""; [ "$mode" = --no-entities ] && flag="--no-entities"
    start=$(date +%s.%N)
    "$newsindex" index --quiet $flag --db "$work/n.db" "$input" >/dev/null
    end=$(date +%s.%N)
    n_seconds=$(python3 -c "print(round($end - $start, 3))")
    ratio=$(python3 -c "print(round($c_seconds / $n_seconds, 3))")
    if [ "$mode" = --no-entities ]; then plain+=("$ratio"); else full+=("$ratio"); fi
    line="$line; newsindex $mode ${n_seconds} s (ratio $ratio)"
  done
  echo "$line"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median speed ratio newsindex/C: --no-entities $(median "${plain[@]}"), with entities $(median "${full[@]}")"
