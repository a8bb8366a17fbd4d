#!/usr/bin/env python3
"""A/B search latency on Reuters-21578: whole CLI runs of two or more builds or option sets,
alternated query by query, so that a shared machine's load falls on every arm alike.

    python3 Tools/bench/search_ab.py --arm old=/tmp/old/newsindex --arm new=.build/release/newsindex
    python3 Tools/bench/search_ab.py --arm plain=.build/release/newsindex \\
        --arm feedback=.build/release/newsindex:--feedback --rounds 5

Each arm is NAME=BINARY[:OPTION[,OPTION…]]. The index is built once, with the first arm's
binary (every arm must read that index). Prints the median milliseconds per query, passage
search and `--group`, as a Markdown table. Python 3 standard library only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
REUTERS = REPO.parent / "shared" / "corpora" / "reuters21578" / "eval" / "articles.jsonl"

# From one rare word to a pasted question; "the" is in nearly every paragraph.
QUERIES = [
    "oil",
    "the",
    "oil prices opec",
    "bank interest rates",
    "crude oil production quota cut",
    "what did the central bank say about the dollar and interest rates",
]


def parse_arm(text: str) -> tuple[str, str, list[str]]:
    name, _, rest = text.partition("=")
    binary, _, options = rest.partition(":")
    if not name or not binary:
        raise argparse.ArgumentTypeError(f"an arm is NAME=BINARY[:OPTIONS], not {text!r}")
    return name, binary, [o for o in options.split(",") if o]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arm", type=parse_arm, action="append", required=True,
                        help="NAME=BINARY[:OPTION,…] (at least two)")
    parser.add_argument("--rounds", type=int, default=5, help="runs per query and arm (median shown)")
    parser.add_argument("--input", default=str(REUTERS), help="the JSONL to index (default: Reuters-21578)")
    args = parser.parse_args()
    if len(args.arm) < 2:
        parser.error("give at least two --arm")
    if not Path(args.input).exists():
        print(f"search_ab: {args.input} not found (../shared absent?); nothing to measure", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="newsindex-ab-") as work:
        db = str(Path(work) / "r.db")
        subprocess.run([args.arm[0][1], "index", "--quiet", "--db", db, args.input], check=True,
                       stdout=subprocess.DEVNULL)
        load_before = os.getloadavg()[0]
        times: dict[tuple[str, bool, str], list[float]] = {}
        for query in QUERIES:
            for grouped in (False, True):
                for _ in range(args.rounds):
                    for name, binary, options in args.arm:
                        command = [binary, "search", "--db", db, "--json"]
                        command += (["--group"] if grouped else []) + options + ["--", query]
                        start = time.perf_counter()
                        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                        times.setdefault((query, grouped, name), []).append(
                            (time.perf_counter() - start) * 1000)
        load_after = os.getloadavg()[0]

    names = [name for name, _, _ in args.arm]
    print(f"median ms of {args.rounds} whole CLI runs per cell; load average {load_before:.2f} → {load_after:.2f}\n")
    print("| query | mode | " + " | ".join(names) + " |")
    print("|---|---|" + "---:|" * len(names))
    for query in QUERIES:
        for grouped in (False, True):
            cells = [f"{statistics.median(times[(query, grouped, name)]):.0f}" for name in names]
            print(f"| `{query}` | {'--group' if grouped else 'passages'} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
