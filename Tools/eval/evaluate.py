#!/usr/bin/env python3
"""Retrieval-quality evaluation of the real `newsindex` CLI on five IR test collections.

For each collection in ../shared/corpora/<set>/eval/ (docs.jsonl, queries.tsv, qrels.txt;
format in shared/corpora/EVAL.md) it

1. indexes docs.jsonl with `newsindex index --quiet --db TMP.db docs.jsonl`;
2. runs every query through `newsindex search --db TMP.db --json --group --limit 1000 -- QUERY`
   (at most 2 at a time); a query the CLI refuses with exit 64 (no searchable words) is an
   empty run and is counted;
3. computes MAP, nDCG@10, P@10 and R@100 as trec_eval defines them (see `evaluate_run`);
4. prints our figures beside the best peer of shared/peers/FIGURES.md.

Python 3 standard library only. See Tools/eval/README.md.

    python3 Tools/eval/evaluate.py --check                    # self-test of the measures
    python3 Tools/eval/evaluate.py --quick                    # CI: --check, then TIME and CISI
    python3 Tools/eval/evaluate.py --write-results            # all five, writes RESULTS.md
    python3 Tools/eval/evaluate.py --collections cisi --query-form or --aggregate sum2
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import json
import math
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_CORPORA = REPO.parent / "shared" / "corpora"
DEFAULT_BINARY = ".build/release/newsindex"
RESULTS_FILE = HERE / "RESULTS.md"

# (directory under shared/corpora, display name), in the order of FIGURES.md.
COLLECTIONS = [
    ("time-ir", "TIME"),
    ("cisi", "CISI"),
    ("cranfield", "Cranfield"),
    ("medline", "MEDLINE"),
    ("vaswani-npl", "Vaswani/NPL"),
]
QUICK_COLLECTIONS = ["time-ir", "cisi"]
MEASURES = ["map", "ndcg_cut_10", "P_10", "recall_100"]
MEASURE_LABELS = {"map": "MAP", "ndcg_cut_10": "nDCG@10", "P_10": "P@10", "recall_100": "R@100"}

# Best peer per collection and measure, copied by hand from the "Best peer" lines of
# /work/shared/peers/FIGURES.md (measured 2026-11-26; each measure's best may be a different
# peer: raw FTS5 OR, bm25s or tantivy OR; each document indexed as ONE paragraph there).
BEST_PEER = {
    "time-ir": {"map": (0.6371, "raw FTS5 OR"), "ndcg_cut_10": (0.7031, "bm25s"),
                "P_10": (0.2430, "bm25s"), "recall_100": (0.9623, "tantivy OR")},
    "cisi": {"map": (0.2224, "bm25s"), "ndcg_cut_10": (0.3956, "bm25s"),
             "P_10": (0.3618, "bm25s"), "recall_100": (0.4527, "bm25s")},
    "cranfield": {"map": (0.3103, "bm25s"), "ndcg_cut_10": (0.3729, "bm25s"),
                  "P_10": (0.2369, "bm25s"), "recall_100": (0.7381, "bm25s")},
    "medline": {"map": (0.5351, "bm25s"), "ndcg_cut_10": (0.7063, "tantivy OR"),
                "P_10": (0.6533, "tantivy OR"), "recall_100": (0.8001, "raw FTS5 OR")},
    "vaswani-npl": {"map": (0.2849, "tantivy OR"), "ndcg_cut_10": (0.4385, "tantivy OR"),
                    "P_10": (0.3613, "tantivy OR"), "recall_100": (0.6160, "tantivy OR")},
}

# The CLI's stopword list (Sources/NewsSearch/QueryParser.swift, SearchQuery.stopwords), copied
# for the `--query-form or` experiment, which must drop the words the CLI would drop.
STOPWORDS = set("""
a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself
just me more most my myself no nor not now of off on once only or other our ours ourselves out
over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves say said says tell told
show find get also
""".split())

CLI_USAGE_EXIT = 64


# --------------------------------------------------------------------------------------------
# Measures (trec_eval's definitions)
# --------------------------------------------------------------------------------------------

@dataclass
class Hit:
    """One result line of the CLI, in the CLI's order."""
    docid: str
    score: float          # the JSON `score` (bm25, rounded by the CLI to 4 decimals)
    tier: int = 0         # 1 when `matched_all_terms`, else 0 (the CLI ranks tier 1 first)


def order_run(hits: list[Hit]) -> list[str]:
    """Document ids in the order trec_eval would read the run.

    The CLI ranks by (tier, score) descending; that order is our score order. trec_eval sorts a
    run by score descending and breaks ties by docid descending (strcmp, form_res_rels.c), not
    by the rank column, so hits with the same tier and the same printed score are reordered by
    docid descending. A docid seen twice keeps its first (best) position.
    """
    seen: set[str] = set()
    unique = []
    for hit in hits:
        if hit.docid not in seen:
            seen.add(hit.docid)
            unique.append(hit)
    unique.sort(key=lambda h: h.docid, reverse=True)           # tie rule, applied first ...
    unique.sort(key=lambda h: (-h.tier, -h.score))             # ... kept by the stable sort
    return [h.docid for h in unique]


def evaluate_run(ranked: dict[str, list[str]], qrels: dict[str, dict[str, int]]) -> tuple[dict, dict]:
    """Per-query and mean MAP, nDCG@10, P@10, R@100, as trec_eval computes them.

    - relevant = grade >= 1; anything not in qrels is non-relevant;
    - AP = sum of precision at the rank of each relevant retrieved doc / number of relevant;
    - nDCG@10: gain = the qrels grade (linear), discount log2(rank + 1), ideal ranking = the
      qrels grades sorted descending, both cut at 10;
    - P@10 = relevant in the top 10 / 10 (also when fewer than 10 were retrieved);
    - R@100 = relevant in the top 100 / number of relevant;
    - means over the queries with at least one relevant doc in qrels; such a query that is
      missing from the run (or empty) scores 0 on every measure (trec_eval -c).
    """
    per_query = {}
    for qid, judged in qrels.items():
        relevant = {d for d, g in judged.items() if g >= 1}
        if not relevant:
            continue
        docs = ranked.get(qid, [])
        hits = 0
        precision_sum = 0.0
        dcg = 0.0
        p10 = r100 = 0
        for rank, docid in enumerate(docs, start=1):
            grade = judged.get(docid, 0)
            if grade >= 1:
                hits += 1
                precision_sum += hits / rank
                if rank <= 10:
                    p10 += 1
                if rank <= 100:
                    r100 += 1
            if rank <= 10 and grade > 0:
                dcg += grade / math.log2(rank + 1)
        ideal = sorted((g for g in judged.values() if g > 0), reverse=True)[:10]
        idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
        per_query[qid] = {
            "map": precision_sum / len(relevant),
            "ndcg_cut_10": dcg / idcg if idcg > 0 else 0.0,
            "P_10": p10 / 10,
            "recall_100": r100 / len(relevant),
        }
    n = len(per_query)
    means = {m: (sum(q[m] for q in per_query.values()) / n if n else 0.0) for m in MEASURES}
    return per_query, means


def aggregate_passages(hits: list[Hit], how: str, tiers: bool) -> list[Hit]:
    """Document hits from passage hits (a run without --group): `max` keeps the best passage
    score, `sum2` adds the two best; a document is in tier 1 when any of its passages is."""
    by_doc: dict[str, list[Hit]] = {}
    for hit in hits:
        by_doc.setdefault(hit.docid, []).append(hit)
    out = []
    for docid, passages in by_doc.items():
        scores = sorted((p.score for p in passages), reverse=True)
        score = scores[0] if how == "max" else sum(scores[:2])
        tier = max(p.tier for p in passages) if tiers else 0
        out.append(Hit(docid, round(score, 4), tier))
    return out


def self_test() -> bool:
    """Checks `order_run` + `evaluate_run` on a run whose figures were computed by hand.

    qrels: q1: d1 grade 2, d3 grade 1, d5 grade 3, d9 grade 1 (4 relevant)
           q2: d7 grade 1 (the CLI refused the query: empty run)
           q3: nothing relevant (left out of the means even though it has hits)
           q4: d6, d8 grade 1
           q5: e11 grade 1
    run (CLI order: tier, score):
      q1: d1 5.0, d2 4.0, d3 4.0, d4 3.0, d5 2.0 (all tier 0). d2 and d3 tie, so trec_eval reads
          d1, d3, d2, d4, d5 (docid descending): relevant at ranks 1, 2, 5.
          AP = (1/1 + 2/2 + 3/5) / 4 = 2.6 / 4 = 0.65   (CLI order would give 0.5667)
          P@10 = 3/10 = 0.3;  R@100 = 3/4 = 0.75
          DCG@10 = 2/log2(2) + 1/log2(3) + 3/log2(6) = 2 + 0.6309298 + 1.1605584 = 3.7914882
          IDCG@10 = 3/log2(2) + 2/log2(3) + 1/log2(4) + 1/log2(5)
                  = 3 + 1.2618595 + 0.5 + 0.4306766 = 5.1925361
          nDCG@10 = 3.7914882 / 5.1925361 = 0.7301804
      q3: x1 1.0
      q4: d6 tier 1 score 1.0, d8 tier 0 score 9.0: tier first, so d6, d8: both relevant.
          AP = (1/1 + 2/2) / 2 = 1;  nDCG@10 = 1;  P@10 = 2/10 = 0.2;  R@100 = 1
      q5: e01 … e12 with scores 12 … 1: the one relevant doc e11 is at rank 11.
          AP = (1/11) / 1 = 0.0909091;  nDCG@10 = 0;  P@10 = 0;  R@100 = 1
    means over q1, q2, q4, q5 (4 queries):
      MAP     = (0.65 + 0 + 1 + 0.0909091) / 4 = 0.4352273
      nDCG@10 = (0.7301804 + 0 + 1 + 0) / 4   = 0.4325451
      P@10    = (0.3 + 0 + 0.2 + 0) / 4       = 0.125
      R@100   = (0.75 + 0 + 1 + 1) / 4        = 0.6875
    Aggregation: passages a 3.0, b 2.5, a 2.0, b 0.4 → sum2: a 5.0, b 2.9; max: a 3.0, b 2.5.
    """
    qrels = {
        "q1": {"d1": 2, "d3": 1, "d5": 3, "d9": 1},
        "q2": {"d7": 1},
        "q3": {},
        "q4": {"d6": 1, "d8": 1},
        "q5": {"e11": 1},
    }
    run_hits = {
        "q1": [Hit("d1", 5.0), Hit("d2", 4.0), Hit("d3", 4.0), Hit("d4", 3.0), Hit("d5", 2.0)],
        "q2": [],
        "q3": [Hit("x1", 1.0)],
        "q4": [Hit("d6", 1.0, tier=1), Hit("d8", 9.0, tier=0)],
        "q5": [Hit(f"e{i:02d}", float(13 - i)) for i in range(1, 13)],
    }
    ranked = {qid: order_run(hits) for qid, hits in run_hits.items()}
    per_query, means = evaluate_run(ranked, qrels)
    expected_per_query = {
        "q1": {"map": 0.65, "ndcg_cut_10": 0.7301804, "P_10": 0.3, "recall_100": 0.75},
        "q2": {"map": 0.0, "ndcg_cut_10": 0.0, "P_10": 0.0, "recall_100": 0.0},
        "q4": {"map": 1.0, "ndcg_cut_10": 1.0, "P_10": 0.2, "recall_100": 1.0},
        "q5": {"map": 0.0909091, "ndcg_cut_10": 0.0, "P_10": 0.0, "recall_100": 1.0},
    }
    expected_means = {"map": 0.4352273, "ndcg_cut_10": 0.4325451, "P_10": 0.125, "recall_100": 0.6875}
    failures = []
    if ranked["q1"] != ["d1", "d3", "d2", "d4", "d5"]:
        failures.append(f"tie order q1: {ranked['q1']}")
    if ranked["q4"] != ["d6", "d8"]:
        failures.append(f"tier order q4: {ranked['q4']}")
    if set(per_query) != set(expected_per_query):
        failures.append(f"judged queries: {sorted(per_query)}")
    for qid, values in expected_per_query.items():
        for m, want in values.items():
            got = per_query.get(qid, {}).get(m)
            if got is None or abs(got - want) > 5e-7:
                failures.append(f"{qid} {m}: got {got}, want {want}")
    for m, want in expected_means.items():
        if abs(means[m] - want) > 5e-7:
            failures.append(f"mean {m}: got {means[m]:.7f}, want {want}")
    passages = [Hit("a", 3.0), Hit("b", 2.5), Hit("a", 2.0), Hit("b", 0.4)]
    summed = {h.docid: h.score for h in aggregate_passages(passages, "sum2", tiers=False)}
    maxed = {h.docid: h.score for h in aggregate_passages(passages, "max", tiers=False)}
    if summed != {"a": 5.0, "b": 2.9} or maxed != {"a": 3.0, "b": 2.5}:
        failures.append(f"aggregation: sum2 {summed}, max {maxed}")
    for failure in failures:
        print(f"self-test FAILED: {failure}", file=sys.stderr)
    if not failures:
        print("self-test passed: MAP 0.4352273, nDCG@10 0.4325451, P@10 0.125, R@100 0.6875 "
              "(hand-computed), trec_eval tie order, tier order, passage aggregation")
    return not failures


# --------------------------------------------------------------------------------------------
# Collections
# --------------------------------------------------------------------------------------------

def read_queries(path: Path) -> list[tuple[str, str]]:
    queries = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                qid, _, text = line.partition("\t")
                queries.append((qid, text))
    return queries


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 4:
                qid, _, docid, grade = parts
                qrels.setdefault(qid, {})[docid] = int(grade)
    return qrels


TOKEN = re.compile(r"[^\W_]+")
QUERY_FORMS = ["asis", "or", "or-all", "or-dedup", "hyphens-split", "hyphens-joined", "hyphens-both", "dedup"]


def query_form(text: str, form: str) -> str:
    """The query as sent. `asis`: unchanged (the default). `or`: the words (split as unicode61
    splits them), lower-cased, the CLI's stopwords dropped, joined with ` OR `: one OR group,
    so the "all words first" tier no longer separates documents (every candidate holds a word
    of the group) and the 64-unit cut does not apply. `or-all`: the same, stopwords kept.
    `or-dedup`: `or` with each word once. `dedup`: the text with repeated words left out (a
    repeated word weighs twice in BM25). `hyphens-split`: `a-b` typed as `a b` (two words, not
    the phrase of its parts). `hyphens-both`: `a-b a b` (the phrase and its words).
    `hyphens-joined`: `a-b OR ab` (letters only: the closed compound, "non-linear" OR
    "nonlinear")."""
    if form == "asis":
        return text
    if form == "dedup":
        seen, kept = set(), []
        for word in text.split():
            key = " ".join(TOKEN.findall(word.lower()))
            if key and key in seen:
                continue
            seen.add(key)
            kept.append(word)
        return " ".join(kept)
    if form == "hyphens-split":
        return re.sub(r"(?<=\w)-(?=\w)", " ", text)
    if form == "hyphens-both":
        return re.sub(r"\b(\w+)-(\w+)\b", lambda m: f"{m[0]} {m[1]} {m[2]}", text)
    if form == "hyphens-joined":
        return re.sub(r"\b([A-Za-z]+)-([A-Za-z]+)\b", lambda m: f"{m[0]} OR {m[1]}{m[2]}", text)
    words = [w.lower() for w in TOKEN.findall(text)]
    if form in ("or", "or-dedup"):
        kept = [w for w in words if w not in STOPWORDS]
        words = kept or words
    if form == "or-dedup":
        words = list(dict.fromkeys(words))
    return " OR ".join(words) if words else text


_SENTENCE_END = re.compile(r"[.!?\u2026]")


def prepare_docs(source: Path, layout: str, drop_titles: bool, scratch: Path) -> Path:
    """docs.jsonl as given (`passages`, the default), or rewritten for an experiment so that the
    CLI's ingest keeps each paragraph (`paragraphs`) or each document (`whole`) as one passage:
    sentence-ending marks become spaces (they are token separators anyway), so the passage
    splitter finds no sentence boundary; `whole` also joins blank-line paragraphs.
    `drop_titles` gives every document the title "." (no words): an empty title would not do,
    because ingest then makes one of the first 12 words of the text (ArticleBuilder's fallback
    title), which bm25 weighs twice and every passage of the document shares."""
    if layout == "passages" and not drop_titles:
        return source
    target = scratch / f"docs-{layout}{'-notitle' if drop_titles else ''}.jsonl"
    with source.open(encoding="utf-8") as f, target.open("w", encoding="utf-8") as out:
        for line in f:
            doc = json.loads(line)
            text = doc["text"]
            if layout != "passages":
                text = _SENTENCE_END.sub(" ", text)
            if layout == "whole":
                text = re.sub(r"\n\s*\n", "\n", text)
            if drop_titles:
                doc["title"] = "."
            doc["text"] = text
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return target


@dataclass
class CollectionResult:
    key: str
    name: str
    queries: int
    judged: int
    empty_refused: int                      # exit 64
    empty_no_hit: int                       # exit 0, no result line
    index_seconds: float
    passages: int | None
    docs_indexed: int | None
    index_notes: list[str]
    query_ms: list[float]
    means: dict
    per_query: dict
    order_violations: int
    tie_effect_map: float                   # MAP with the CLI's rank column minus MAP as trec_eval
    errors: list[str] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.query_ms) if self.query_ms else float("nan")


def run_cli(cmd: list[str]) -> tuple[int, str, str, float]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace")
    return proc.returncode, proc.stdout, proc.stderr, (time.perf_counter() - start) * 1000


def evaluate_collection(key: str, name: str, args, binary: str, scratch: Path) -> CollectionResult:
    folder = Path(args.corpora) / key / "eval"
    queries = read_queries(folder / "queries.tsv")
    qrels = read_qrels(folder / "qrels.txt")
    (scratch / key).mkdir(parents=True, exist_ok=True)
    docs = prepare_docs(folder / "docs.jsonl", args.layout, args.drop_titles, scratch / key)
    db = scratch / key / "index.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)

    notes: list[str] = []
    start = time.perf_counter()
    proc = subprocess.run([binary, "index", "--quiet", "--db", str(db), str(docs)],
                          capture_output=True, text=True)
    index_seconds = time.perf_counter() - start
    summary = proc.stdout + proc.stderr
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{key}: `newsindex index` failed with exit {proc.returncode}:\n{summary}")
    if proc.returncode == 1:
        notes.extend(l.strip() for l in summary.splitlines() if re.search(r":\d+: ", l))
    m = re.search(r"(\d+) paragraphs? written", summary)
    passages = int(m.group(1)) if m else None
    m = re.search(r"(\d+) added", summary)
    docs_indexed = int(m.group(1)) if m else None

    grouped = args.aggregate == "group"
    base = [binary, "search", "--db", str(db), "--json", "--limit", str(args.limit)]
    if grouped:
        base.append("--group")
    base += args.search_option

    def one(item):
        qid, text = item
        return qid, run_cli(base + ["--", query_form(text, args.query_form)])

    hits_by_query: dict[str, list[Hit]] = {}
    cli_order: dict[str, list[str]] = {}
    times: list[float] = []
    refused = no_hit = violations = 0
    errors: list[str] = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.workers) as pool:
        for qid, (code, out, err, ms) in pool.map(one, queries):
            times.append(ms)
            if code == CLI_USAGE_EXIT:
                refused += 1
                hits_by_query[qid] = []
                continue
            if code != 0:
                errors.append(f"query {qid}: exit {code}: {err.strip()[:200]}")
                hits_by_query[qid] = []
                continue
            hits = []
            for line in out.splitlines():
                if line.strip():
                    obj = json.loads(line)
                    if "rank" not in obj:
                        continue  # the "did you mean" line after the results
                    hits.append(Hit(obj["article_id"], float(obj["score"]),
                                    1 if obj.get("matched_all_terms") else 0))
            for a, b in zip(hits, hits[1:]):
                if (b.tier, b.score) > (a.tier, a.score):
                    violations += 1
            if not hits:
                no_hit += 1
            cli_order[qid] = list(dict.fromkeys(h.docid for h in hits))
            hits_by_query[qid] = hits

    if not grouped:
        hits_by_query = {q: aggregate_passages(h, args.aggregate, tiers=not args.no_tier)
                         for q, h in hits_by_query.items()}
    if args.no_tier:
        hits_by_query = {q: [Hit(h.docid, h.score, 0) for h in hs] for q, hs in hits_by_query.items()}
    ranked = {q: order_run(h) for q, h in hits_by_query.items()}
    per_query, means = evaluate_run(ranked, qrels)
    _, cli_means = evaluate_run(cli_order, qrels)

    if args.runs:
        runs_dir = Path(args.runs)
        runs_dir.mkdir(parents=True, exist_ok=True)
        with (runs_dir / f"{key}{option_suffix(args.search_option)}.run").open("w") as f:
            for qid, docs_ in ranked.items():
                for rank, docid in enumerate(docs_, start=1):
                    f.write(f"{qid} Q0 {docid} {rank} {len(docs_) - rank + 1} newsindex\n")

    return CollectionResult(
        key=key, name=name, queries=len(queries), judged=len(per_query),
        empty_refused=refused, empty_no_hit=no_hit, index_seconds=index_seconds,
        passages=passages, docs_indexed=docs_indexed, index_notes=notes, query_ms=times,
        means=means, per_query=per_query, order_violations=violations,
        # Only meaningful when the run is the CLI's own order (re-ranked runs differ by design).
        tie_effect_map=cli_means["map"] - means["map"] if grouped and not args.no_tier else 0.0,
        errors=errors)


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------

def print_collection(r: CollectionResult) -> None:
    print(f"\n{r.name} ({r.key}): {r.queries} queries, {r.judged} judged; "
          f"empty runs: {r.empty_refused} refused (exit 64), {r.empty_no_hit} with no hit")
    print(f"  index {r.index_seconds:.2f} s ({r.docs_indexed} docs -> {r.passages} passages); "
          f"median query {r.median_ms:.0f} ms (whole CLI run, {len(r.query_ms)} runs)")
    for note in r.index_notes:
        print(f"  index: {note}")
    print(f"  {'':8} {'ours':>7} {'peer':>7} {'diff':>8}  best peer")
    for m in MEASURES:
        peer, who = BEST_PEER[r.key][m]
        print(f"  {MEASURE_LABELS[m]:8} {r.means[m]:7.4f} {peer:7.4f} {r.means[m] - peer:+8.4f}  {who}")
    if r.order_violations:
        print(f"  WARNING: {r.order_violations} result lines out of (tier, score) order")
    if abs(r.tie_effect_map) >= 0.00005:
        print(f"  (reading the CLI's rank column instead of trec_eval's tie order: "
              f"MAP {r.tie_effect_map:+.4f})")
    for e in r.errors[:10]:
        print(f"  ERROR {e}")


def summary_rows(results: list[CollectionResult]) -> list[str]:
    rows = ["| collection | queries (judged) | MAP | nDCG@10 | P@10 | R@100 |",
            "|---|---:|---:|---:|---:|---:|"]
    for r in results:
        cells = []
        for m in MEASURES:
            peer = BEST_PEER[r.key][m][0]
            cells.append(f"{r.means[m]:.4f} / {peer:.4f} ({r.means[m] - peer:+.4f})")
        rows.append(f"| {r.name} (`{r.key}`) | {r.queries} ({r.judged}) | " + " | ".join(cells) + " |")
    return rows


def timing_rows(results: list[CollectionResult]) -> list[str]:
    rows = ["| collection | docs → passages | index s | median query ms | empty runs (exit 64 / no hit) |",
            "|---|---:|---:|---:|---:|"]
    for r in results:
        rows.append(f"| {r.name} | {r.docs_indexed:,} → {r.passages:,} | {r.index_seconds:.2f} | "
                    f"{r.median_ms:.0f} | {r.empty_refused} / {r.empty_no_hit} |")
    return rows


def git_head() -> str:
    """The checked-out commit, read from .git without running git (best effort)."""
    try:
        head = (REPO / ".git" / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head[:12]
        ref = head[5:]
        path = REPO / ".git" / ref
        if path.exists():
            return path.read_text().strip()[:12] + f" ({ref.rsplit('/', 1)[-1]})"
        packed = REPO / ".git" / "packed-refs"
        if packed.exists():
            for line in packed.read_text().splitlines():
                if line.endswith(" " + ref):
                    return line.split()[0][:12] + f" ({ref.rsplit('/', 1)[-1]})"
    except OSError:
        pass
    return "unknown"


def load_average() -> str:
    """1, 5 and 15-minute load averages (the machine's 2 cores are shared)."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def write_results(measured: list, command: str, binary: str) -> None:
    """RESULTS.md: one table per ranking (plain, then `--feedback`), each with its timings."""
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    built = datetime.datetime.fromtimestamp(os.path.getmtime(binary), datetime.timezone.utc)
    lines = [
        "# Retrieval quality: NewsIndex against the best peer",
        "",
        f"Generated by `Tools/eval/evaluate.py --write-results` on {now}, on the project machine "
        "(2-core AMD EPYC VM, shared with other jobs; Debian 12, "
        f"Python {platform.python_version()}). Binary `{Path(binary).relative_to(REPO) if Path(binary).is_relative_to(REPO) else binary}` "
        f"built {built.strftime('%Y-%m-%d %H:%M UTC')}; the checkout's HEAD is {git_head()} "
        "(the binary may have been built from an earlier or uncommitted tree).",
        "",
        "Command (from the repository root):",
        "",
        "```sh",
        command,
        "```",
        "",
        "Each cell: **ours / best peer (difference)**. Ours: the real CLI, `newsindex index --quiet` "
        "on `docs.jsonl`, then `newsindex search --json --group --limit 1000 -- QUERY` for every "
        "line of `queries.tsv`, the query text as it is; the second table adds `--feedback` "
        "(pseudo-relevance feedback, see `README.md`). Measures as trec_eval defines them, "
        "means over the queries with at least one relevant document; ties in score ordered by "
        "docid descending, as trec_eval does (see `README.md`). Best peer: the highest figure of "
        "any peer for that measure in `shared/peers/FIGURES.md` (2026-11-26; raw FTS5 OR, bm25s "
        "or tantivy OR, each document indexed as one paragraph). On Vaswani/NPL the issue also "
        "asks for Terrier's BM25 MAP, 0.2965.",
        "",
    ]
    for options, results, load_before, load_after in measured:
        title = "`search --group`" + "".join(f" `{o}`" for o in options)
        lines += [
            f"## {title}",
            "",
            *summary_rows(results),
            "",
            "Timing: wall clock of whole CLI runs (process start included), 2 queries at a time. The "
            "machine is shared, so these vary from run to run (2-3x); load average (1, 5, 15 min) "
            f"{load_before} before the run, {load_after} after.",
            "",
            *timing_rows(results),
            "",
        ]
    RESULTS_FILE.write_text("\n".join(lines), encoding="utf-8")
    print(f"\nwrote {RESULTS_FILE.relative_to(REPO)}")


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

def settings_text(args, options: list[str]) -> str:
    return (f"query form {args.query_form}, aggregate {args.aggregate}"
            f"{', no tier' if args.no_tier else ''}, layout {args.layout}"
            f"{', no titles' if args.drop_titles else ''}, limit {args.limit}"
            f"{''.join(' ' + o for o in options)}")


def option_suffix(options: list[str]) -> str:
    """`--feedback` → `-feedback`: keeps the files of each ranking apart (`--runs`, `--json`)."""
    return "".join("-" + o.lstrip("-") for o in options)


def ensure_binary(binary: str) -> str:
    path = Path(binary)
    if not path.is_absolute():
        path = REPO / path
    if path.exists():
        return str(path)
    # <scratch>/release/newsindex → swift build --scratch-path <scratch>
    scratch = path.parent.parent
    cmd = ["swift", "build", "-c", "release", "--product", "newsindex"]
    if scratch.resolve() != (REPO / ".build").resolve():
        cmd += ["--scratch-path", str(scratch)]
    print(f"{path} is missing; building: {shlex.join(cmd)}", flush=True)
    subprocess.run(cmd, cwd=REPO, check=True)
    if not path.exists():
        raise SystemExit(f"the build did not produce {path}")
    return str(path)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description="Evaluate newsindex on the IR test collections (trec_eval measures).")
    p.add_argument("--check", action="store_true",
                   help="self-test the measures on a hand-computed run and exit (non-zero on mismatch)")
    p.add_argument("--quick", action="store_true",
                   help="CI mode: --check, then TIME and CISI only")
    p.add_argument("--collections", help="comma-separated subset of: "
                   + ",".join(k for k, _ in COLLECTIONS))
    p.add_argument("--binary", default=DEFAULT_BINARY,
                   help=f"the newsindex binary (default {DEFAULT_BINARY}, built when missing)")
    p.add_argument("--corpora", default=str(DEFAULT_CORPORA), help="the shared/corpora folder")
    p.add_argument("--workers", type=int, default=2, choices=[1, 2],
                   help="queries run at the same time (at most 2: the machine has 2 cores)")
    p.add_argument("--write-results", action="store_true",
                   help=f"write {RESULTS_FILE.relative_to(REPO)}: all five collections, default settings, "
                   "searched plain and again with --feedback")
    p.add_argument("--runs", metavar="DIR", help="also write the TREC runs (<set>.run) into DIR")
    p.add_argument("--keep", metavar="DIR", help="build the indexes in DIR and keep them")
    p.add_argument("--json", metavar="FILE", help="write all figures, per query too, as JSON")
    g = p.add_argument_group("experiments (the CLI is unchanged; only its input or output is)")
    g.add_argument("--query-form", choices=QUERY_FORMS, default="asis",
                   help="asis: the query text unchanged; or: the non-stopwords joined with OR "
                   "(no all-words tier, no 64-word cut); or-all: every word joined with OR; "
                   "or-dedup: or, each word once; dedup: repeated words left out; "
                   "hyphens-split: a-b sent as a b; hyphens-both: as a-b a b; "
                   "hyphens-joined: as a-b OR ab")
    g.add_argument("--aggregate", choices=["group", "max", "sum2"], default="group",
                   help="group: the CLI's --group (a document scores its best passage); max / sum2: "
                   "a run without --group (top --limit passages), a document scoring its best passage / "
                   "its two best passages added")
    g.add_argument("--no-tier", action="store_true",
                   help="rank by score alone, ignoring matched_all_terms (the CLI's first tier)")
    g.add_argument("--layout", choices=["passages", "paragraphs", "whole"], default="passages",
                   help="passages: docs.jsonl as it is; paragraphs: no ~80-word passage splitting; "
                   "whole: one passage per document, as the peers index")
    g.add_argument("--drop-titles", action="store_true",
                   help="index every document with the title '.', i.e. no title words: neither "
                   "the collection's title (CISI, Cranfield) nor ingest's fallback title (the first "
                   "12 words of the text, used when the title is empty: TIME, MEDLINE, NPL)")
    g.add_argument("--limit", type=int, default=1000, help="--limit given to the CLI (1-1000)")
    g.add_argument("--search-option", action="append", default=[], metavar="OPTION",
                   help="an option added to every `newsindex search` (repeatable), e.g. --feedback")
    args = p.parse_args(argv)

    if args.check or args.quick:
        ok = self_test()
        if args.check or not ok:
            return 0 if ok else 1

    keys = [k for k, _ in COLLECTIONS]
    if args.quick:
        wanted = QUICK_COLLECTIONS
    elif args.collections:
        wanted = [c.strip() for c in args.collections.split(",") if c.strip()]
        unknown = [c for c in wanted if c not in keys]
        if unknown:
            p.error(f"unknown collection(s): {', '.join(unknown)}; known: {', '.join(keys)}")
    else:
        wanted = keys
    default_settings = (args.query_form == "asis" and args.aggregate == "group" and not args.no_tier
                        and not args.search_option
                        and args.layout == "passages" and not args.drop_titles and args.limit == 1000)
    if args.write_results and (set(wanted) != set(keys) or not default_settings):
        p.error("--write-results needs all five collections and the default settings")

    binary = ensure_binary(args.binary)
    scratch = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="newsindex-eval-"))
    scratch.mkdir(parents=True, exist_ok=True)
    # --write-results measures both rankings a user can ask for: plain, then --feedback.
    runs = [args.search_option] + ([["--feedback"]] if args.write_results else [])
    load_before = load_average()
    started = time.perf_counter()
    measured = []  # (search options, results, load before, load after)
    for options in runs:
        args.search_option = options
        settings = settings_text(args, options)
        run_load = load_average()
        print(f"binary {binary}\nsettings: {settings}\nload average before: {run_load}")
        results = []
        try:
            for key, name in COLLECTIONS:
                if key in wanted:
                    r = evaluate_collection(key, name, args, binary, scratch)
                    print_collection(r)
                    results.append(r)
        finally:
            if not args.keep:
                shutil.rmtree(scratch, ignore_errors=True)
                scratch.mkdir(parents=True, exist_ok=True)

        print(f"\nSummary ({settings}); each cell: ours / best peer (difference)\n")
        print("\n".join(summary_rows(results)))
        print()
        print("\n".join(timing_rows(results)))
        measured.append((options, results, run_load, load_average()))
    load_after = load_average()
    if not args.keep:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"\ntotal {time.perf_counter() - started:.1f} s; load average after: {load_after}")

    if args.json:
        for options, results, _, _ in measured:
            path = Path(args.json)
            path.with_name(path.stem + option_suffix(options) + path.suffix).write_text(json.dumps({
                "settings": settings_text(args, options),
                "collections": {r.key: {"means": r.means, "per_query": r.per_query,
                                        "queries": r.queries, "judged": r.judged,
                                        "empty_refused": r.empty_refused, "empty_no_hit": r.empty_no_hit,
                                        "index_seconds": r.index_seconds, "passages": r.passages,
                                        "median_query_ms": r.median_ms} for r in results}}, indent=1))
    if args.write_results:
        command = "python3 Tools/eval/evaluate.py --write-results"
        if args.binary != DEFAULT_BINARY:
            command += f" --binary {shlex.quote(args.binary)}"
        write_results(measured, command, binary)
    failed = any(r.errors or r.order_violations for _, results, _, _ in measured for r in results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
