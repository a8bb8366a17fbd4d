#!/usr/bin/env python3
"""Re-runs the README's search, entity and show examples and prints where the output differs.

    python3 Tools/readme-examples.py [--binary .build/release/newsindex] [--shared ../shared]

It builds the archives the examples name in a temporary folder (`newsindex.db` from `Corpus`,
`reuters.db`, `fakes.db` and `seed.db` from `../shared`), then runs every `$ newsindex search`,
`entities`, `entity` and `show` line of README.md there and compares the lines that follow it
in the README with the real output. A README line that is only `…` (indented or not) stands
for any number of lines left out. Index runs and timings are not compared. Exit status 1 when
an example differs.
"""
import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COMPARED = ("$ newsindex search", "$ newsindex entities", "$ newsindex entity", "$ newsindex show")


def examples(readme: str):
    """(command, expected lines) for each compared example, in README order."""
    lines = readme.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line.startswith(COMPARED):
            continue
        expected = []
        while index < len(lines) and not lines[index].startswith(("$ ", "```")):
            expected.append(lines[index])
            index += 1
        yield line[2:], expected


def matches(expected: list[str], actual: list[str]) -> bool:
    """True when `actual` is `expected`, each `…` line standing for any run of lines."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head.strip() == "…":
        return any(matches(rest, actual[skip:]) for skip in range(len(actual) + 1))
    return bool(actual) and actual[0] == head and matches(rest, actual[1:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=str(REPO / ".build/release/newsindex"))
    parser.add_argument("--shared", default=str(REPO.parent / "shared"))
    args = parser.parse_args()
    binary = Path(args.binary).resolve()
    shared = Path(args.shared).resolve()
    if not binary.exists():
        sys.exit(f"readme-examples: no binary at {binary}; build it first (swift build -c release)")
    if not (shared / "corpora").is_dir():
        sys.exit(f"readme-examples: no corpora under {shared}; give --shared")

    with tempfile.TemporaryDirectory(prefix="newsindex-readme-") as folder:
        work = Path(folder) / "project"
        work.mkdir()
        shutil.copytree(REPO / "Corpus", work / "Corpus")
        # The examples name ../shared relative to the project folder.
        os.symlink(shared, Path(folder) / "shared")
        setups = [
            ["index", "--quiet", "Corpus"],
            ["index", "--quiet", "--db", "reuters.db", "../shared/corpora/reuters21578/eval/articles.jsonl"],
            ["index", "--quiet", "--db", "fakes.db", "../shared/corpora/fakes-syria/fakes.csv"],
            ["index", "--quiet", "--db", "seed.db", "../shared/seeds"],
        ]
        for setup in setups:
            subprocess.run([str(binary), *setup], cwd=work, check=True, capture_output=True)
        shims = Path(folder) / "bin"
        shims.mkdir()
        (shims / "newsindex").symlink_to(binary)
        environment = dict(os.environ, PATH=f"{shims}:{os.environ['PATH']}", COLUMNS="80")
        environment.pop("NEWSINDEX_DB", None)

        differing = 0
        readme = (REPO / "README.md").read_text(encoding="utf-8")
        for command, expected in examples(readme):
            run = subprocess.run(command, shell=True, cwd=work, env=environment, capture_output=True, text=True)
            actual = (run.stdout + run.stderr).rstrip("\n").split("\n") if run.stdout or run.stderr else []
            if matches(expected, actual):
                continue
            differing += 1
            print(f"=== {command}")
            for line in difflib.unified_diff(expected, actual, "README", "output", lineterm="", n=1):
                print(line)
        print(f"{differing} example(s) differ")
        return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
