#!/usr/bin/env python3
"""Latency that spelling variants add to a search: whole `newsindex search` runs with and without
`--exact`, alternating, median of N each. Python 3 standard library only.

    python3 Tools/variants/latency.py --binary .build/release/newsindex \
        --db fakes.db "Idlib" "Deir Ezzor" ... [--db reuters.db "Gorbachev" ...] [--runs 11]

Build the indexes first (`newsindex index --db fakes.db ../shared/corpora/fakes-syria/fakes.csv`).
"""

import argparse
import statistics
import subprocess
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--limit", default="10")
    args, tokens = parser.parse_known_args()
    # The rest is "--db PATH" followed by the queries to run on that index, as often as needed.
    plan, db = [], None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "--db":
            db = tokens[i + 1]
            i += 2
            continue
        if db is None:
            sys.exit("give --db PATH before the queries")
        plan.append((db, token))
        i += 1

    def run(command):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        return (time.perf_counter() - start) * 1000

    print(f"{'index':24} {'query':40} {'default':>9} {'--exact':>9} {'added':>8}")
    for db, query in plan:
        base = [args.binary, "search", "--db", db, "--limit", args.limit]
        default, exact = [], []
        for _ in range(args.runs):
            default.append(run(base + ["--", query]))
            exact.append(run(base + ["--exact", "--", query]))
        d, e = statistics.median(default), statistics.median(exact)
        print(f"{db[-24:]:24} {query[:40]:40} {d:7.1f}ms {e:7.1f}ms {d - e:+6.1f}ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
