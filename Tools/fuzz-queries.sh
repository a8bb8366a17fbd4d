#!/usr/bin/env bash
# Runs the query fuzz test with 100,000 generated queries (CI runs 10,000): random mixes of
# words, FTS5 operators, quotes, brackets, colons, stars, carets, Unicode, control characters
# and long strings, each through the real search path against a real index. Every query must
# run or fail with our documented query error: no crash, no raw SQLite message.
#
#   Tools/fuzz-queries.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
NEWSINDEX_FUZZ_QUERIES="${1:-100000}" swift test --filter QueryFuzzTests
