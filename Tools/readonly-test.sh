#!/usr/bin/env bash
# An index on a read-only medium can still be searched: copies an index to a folder, bind-mounts
# it read-only, and runs search, entity and stats on it. Needs root (mount); says so and exits
# 0 without testing when mounting is not allowed.
#
#   Tools/readonly-test.sh [BINARY]        (default .build/debug/newsindex)
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-.build/debug/newsindex}"
work="$(mktemp -d)"
mkdir -p "$work/source" "$work/mount"
cleanup() { umount "$work/mount" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
"$binary" index --quiet --db "$work/source/archive.db" Corpus >/dev/null
if ! mount --bind "$work/source" "$work/mount" 2>/dev/null || ! mount -o remount,bind,ro "$work/mount" 2>/dev/null; then
  echo "readonly-test: cannot mount here (not root?); skipped"
  exit 0
fi
if touch "$work/mount/probe" 2>/dev/null; then echo "readonly-test: mount is writable; skipped"; exit 0; fi
"$binary" search --db "$work/mount/archive.db" --limit 1 "Idlib de-escalation" | grep -q "Idlib"
"$binary" entity --db "$work/mount/archive.db" Daesh | grep -q "^ISIS"
"$binary" stats --db "$work/mount/archive.db" | grep -q "^articles"
echo "readonly-test: search, entity and stats work on a read-only mount"
