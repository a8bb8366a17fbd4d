#!/usr/bin/env python3
"""A news check the ranking was not tuned on: Reuters-21578's topic categories as queries.

    python3 Tools/eval/reuters_topics.py                       # plain and --feedback
    python3 Tools/eval/reuters_topics.py --arm old=/tmp/old/newsindex --arm new=.build/release/newsindex:--feedback

The five collections of `evaluate.py` are what the ranking was tuned on; TIME is their only
news. This makes a sixth from news it never saw: every Reuters-21578 story of
`../shared/corpora/reuters21578/eval/articles.jsonl` is a document, every topic category
that at least `--min-relevant` stories carry is a query, and the stories that carry it are
its relevant documents. The query is the category's name as Reuters' own list of categories
gives it (`cat-descriptions_120396.txt`: "Money/Foreign Exchange (MONEY-FX)" is the query
"Money/Foreign Exchange"; a commodity listed by its code alone, "CASTOR-OIL", is "castor oil").
The queries are short, as a news user's are, and most have many relevant stories.

Each arm is NAME=BINARY[:OPTION[,OPTION...]] (default: plain and `--feedback`, both with
`.build/release/newsindex`); every arm indexes the collection once with its binary and runs
`newsindex search --json --group --limit 1000` per query, scored by `evaluate.py`'s measures.
The categories are labels given for routing stories, not judgments of relevance to the
category's name: use the figures to compare arms, not as an absolute. A first row gives the
raw-FTS5-OR peer of `../shared/peers` on the same collection, in Python's sqlite3
(`--no-peer` leaves it out). Python 3 standard library only; about a minute per arm on 2
cores.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaluate  # noqa: E402  (the harness beside this file)

KEY = "reuters-topics"
NAME = "Reuters-21578 topics"


def topic_queries(descriptions: Path) -> dict[str, str]:
    """Topic code (lower case, as the stories carry it) → query, from the subject, indicator,
    currency, corporate, commodity and energy lists at the top of Lewis's notes (the lists of
    organisations, exchanges, places and people that follow are not topics)."""
    queries: dict[str, str] = {}
    in_topics = False
    for line in descriptions.read_text(encoding="latin-1").splitlines():
        line = line.strip()
        if line.startswith("****Subject Codes"):
            in_topics = True
            continue
        if in_topics and line.startswith("____"):
            break
        if not in_topics or not line or line.startswith("**"):
            continue
        named = re.fullmatch(r"(.+?)\s*\(([A-Z0-9-]+)\)", line)
        if named:
            queries[named.group(2).lower()] = named.group(1)
        elif re.fullmatch(r"[A-Z0-9-]+", line):
            queries[line.lower()] = line.lower().replace("-", " ")
    return queries


def build_collection(corpora: Path, folder: Path, min_relevant: int) -> tuple[int, int]:
    """Writes docs.jsonl, queries.tsv and qrels.txt in `folder` (the format of
    `../shared/corpora/EVAL.md`); returns (documents, queries)."""
    reuters = corpora / "reuters21578"
    queries = topic_queries(reuters / "cat-descriptions_120396.txt")
    relevant: dict[str, list[str]] = {code: [] for code in queries}
    documents = 0
    folder.mkdir(parents=True, exist_ok=True)
    with (reuters / "eval" / "articles.jsonl").open(encoding="utf-8") as source, \
            (folder / "docs.jsonl").open("w", encoding="utf-8") as docs:
        for line in source:
            story = json.loads(line)
            docs.write(json.dumps({"id": story["id"], "title": story.get("title", ""),
                                   "text": story.get("text", "")}, ensure_ascii=False) + "\n")
            documents += 1
            for topic in story.get("topics", []):
                if topic in relevant:
                    relevant[topic].append(story["id"])
    kept = sorted(code for code, ids in relevant.items() if len(ids) >= min_relevant)
    with (folder / "queries.tsv").open("w", encoding="utf-8") as f:
        for code in kept:
            f.write(f"{code}\t{queries[code]}\n")
    with (folder / "qrels.txt").open("w", encoding="utf-8") as f:
        for code in kept:
            for docid in relevant[code]:
                f.write(f"{code} 0 {docid} 1\n")
    return documents, len(kept)


def raw_fts5_or(folder: Path) -> dict:
    """The raw-FTS5-OR peer of `../shared/peers` (FIGURES.md) in Python's sqlite3: each story
    one row (title, text) with `porter unicode61 remove_diacritics 2`, the query's words quoted
    and joined with OR, `ORDER BY rank` (FTS5's bm25), 1000 rows. Returns the means."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE doc USING fts5(id UNINDEXED, title, text, "
               "tokenize = 'porter unicode61 remove_diacritics 2')")
    with (folder / "docs.jsonl").open(encoding="utf-8") as f:
        db.executemany("INSERT INTO doc VALUES (?, ?, ?)",
                       ((d["id"], d["title"], d["text"]) for d in map(json.loads, f)))
    ranked = {}
    for qid, text in evaluate.read_queries(folder / "queries.tsv"):
        words = evaluate.TOKEN.findall(text.lower())
        expression = " OR ".join(f'"{w}"' for w in words)
        rows = db.execute("SELECT id, -rank FROM doc WHERE doc MATCH ? ORDER BY rank LIMIT 1000",
                          (expression,)).fetchall() if words else []
        ranked[qid] = evaluate.order_run([evaluate.Hit(docid, score, 0) for docid, score in rows])
    return evaluate.evaluate_run(ranked, evaluate.read_qrels(folder / "qrels.txt"))[1]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--arm", action="append", metavar="NAME=BINARY[:OPTIONS]",
                   help="a build and its search options (repeatable)")
    p.add_argument("--corpora", default=str(evaluate.DEFAULT_CORPORA))
    p.add_argument("--min-relevant", type=int, default=5,
                   help="keep topics that at least this many stories carry (default 5)")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--no-peer", action="store_true", help="leave out the raw-FTS5-OR reference")
    p.add_argument("--json", metavar="FILE", help="write every arm's figures, per query too, as JSON")
    p.add_argument("--no-tier", action="store_true", help="as evaluate.py's: rank by score alone")
    p.add_argument("--query-form", choices=evaluate.QUERY_FORMS, default="asis", help="as evaluate.py's")
    args = p.parse_args(argv)

    corpora = Path(args.corpora)
    if not (corpora / "reuters21578" / "eval" / "articles.jsonl").exists():
        print(f"reuters_topics: no Reuters-21578 under {corpora}; pass --corpora PATH", file=sys.stderr)
        return 2
    arms = []
    for text in args.arm or [f"plain={evaluate.DEFAULT_BINARY}", f"feedback={evaluate.DEFAULT_BINARY}:--feedback"]:
        name, _, rest = text.partition("=")
        binary, _, options = rest.partition(":")
        if not name or not binary:
            p.error(f"--arm {text!r}: expected NAME=BINARY[:OPTION,...]")
        arms.append((name, binary, [o for o in options.split(",") if o]))

    with tempfile.TemporaryDirectory(prefix="newsindex-reuters-topics-") as scratch:
        root = Path(scratch)
        collection = root / "corpora" / KEY / "eval"
        documents, queries = build_collection(corpora, collection, args.min_relevant)
        print(f"{NAME}: {documents:,} stories, {queries} topics with at least {args.min_relevant} stories")
        rows = []
        if not args.no_peer:
            rows.append(("raw FTS5 OR", "the peer, in Python's sqlite3", raw_fts5_or(collection), None))
        for name, binary, options in arms:
            settings = argparse.Namespace(
                corpora=str(root / "corpora"), layout="passages", drop_titles=False, limit=1000,
                aggregate="group", search_option=options, query_form=args.query_form,
                workers=args.workers, no_tier=args.no_tier, runs=None)
            result = evaluate.evaluate_collection(KEY, NAME, settings, evaluate.ensure_binary(binary), root / name)
            for error in result.errors[:10]:
                print(f"  {name}: ERROR {error}")
            rows.append((name, "`" + " ".join([Path(binary).name] + options) + "`", result.means, result))
        print("\n| arm | build and options | MAP | nDCG@10 | P@10 | R@100 | median query ms |")
        print("|---|---|---:|---:|---:|---:|---:|")
        for name, described, means, r in rows:
            cells = " | ".join(f"{means[m]:.4f}" for m in evaluate.MEASURES)
            print(f"| {name} | {described} | {cells} | {f'{r.median_ms:.0f}' if r else ''} |")
        if args.json:
            Path(args.json).write_text(json.dumps({name: {"means": means, "per_query": r.per_query if r else None}
                                                   for name, _, means, r in rows}, indent=1))
        failed = any(r.errors or r.order_violations for _, _, _, r in rows if r)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
