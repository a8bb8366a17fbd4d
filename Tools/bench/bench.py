#!/usr/bin/env python3
"""NewsIndex benchmark: indexing speed against the bare C FTS5 loader, and search latency.

    python3 Tools/bench/bench.py [--sizes 10k,100k,1m] [--binary PATH] [--queries N]
                                 [--no-c] [--quick] [--write-results] ...

1. Builds corpora of N paragraphs by resampling real paragraphs of Reuters-21578 and FA-KES
   (../shared/corpora), deterministically from --seed, into a cache folder outside git
   ($NEWSINDEX_BENCH_CACHE, else /tmp/newsindex-bench), reused while its manifest matches.
2. Indexes each corpus with `newsindex index --quiet` (with entities, and --no-entities) and
   with the reference C loader ../shared/peers/raw_fts5.c, in the same run: MB/s of paragraph
   text, the ratio newsindex/C, CPU time, peak RSS, index size / text size.
3. Runs a seeded query set (7 classes) through `newsindex search --json` as whole CLI runs and
   prints p50/p95/p99 per class, beside `newsindex --version` (process start).
4. Runs the same queries in-process with the SearchBench tool (`Searcher.search` on an open
   index: no process start, no opening, no printing), beside opening the index.
5. Prints a Markdown report (machine, date, command, load averages); --write-results also
   writes it to Tools/bench/RESULTS.md.

Python 3 standard library only. See Tools/bench/README.md.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import json
import os
import platform
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
GENERATOR_VERSION = 1  # bump when the corpus generator changes: cached corpora are rebuilt

SOURCES = [
    "Levant Monitor", "Euphrates Wire", "Gulf Dispatch", "Northern Front Report", "Damascus Desk",
    "Frontier Ledger", "Caspian Courier", "Cedar Coast Bulletin", "Crescent Newswire",
    "Desert Road Monitor", "Meridian Wire", "Harbour Street Journal",
]
FIRST_DAY = datetime.date(2015, 1, 1)
DAYS = (datetime.date(2019, 12, 31) - FIRST_DAY).days + 1
# Share of generated articles drawn from FA-KES (one ~1.9 kB block per article) rather than
# Reuters (~145-byte paragraphs): about 20% of paragraphs and 70% of the text, which makes the
# 1M-paragraph corpus ~0.5 GB of JSONL and gives the entity tagger Syrian-war names to find.
FAKES_SHARE = 0.2

QUERY_CLASSES = ["common", "rare", "words", "phrase", "prefix", "entity", "date"]
CLASS_HELP = {
    "common": "one frequent word (top 100 by paragraph frequency, stopwords left out)",
    "rare": "one word found in 2–5 paragraphs",
    "words": "2–3 words taken from one paragraph",
    "phrase": '"a quoted phrase" of 2–3 consecutive words of one paragraph',
    "prefix": "`abc*`: the first 3–5 letters of a frequent word",
    "entity": "a mid-frequency word + `--entity NAME` (NAME: one of 10 names from `entities --json --limit 50` that `--entity` accepts)",
    "date": "a mid-frequency word + `--since D1 --until D2` (1–24 months)",
    "start": "`newsindex --version`: process start only (reference)",
}
# The query parser's stopwords (Sources/NewsSearch/QueryParser.swift): never used alone.
STOPWORDS = set("""
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me
more most my myself no nor not now of off on once only or other our ours ourselves out over own
same she should so some such than that the their theirs them themselves then there these they
this those through to too under until up very was we were what when where which while who whom
why will with would you your yours yourself yourselves say said says tell told show find get also
""".split())
WORD = re.compile(r"[^\W_]+")
FLAT_SPACE = re.compile(r"[ \t\r\n\f\v]+")  # not str.split(): it would eat U+0085 (NEL)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def parse_size(text: str) -> int:
    text = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    number = text[:-1] if text[-1:] in "km" else text
    return int(float(number) * scale)


def size_label(n: int) -> str:
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}m"
    if n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


def load_average() -> float:
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def percentile(values: list[float], p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def file_bytes(path: Path) -> int:
    """The database file plus its WAL, if one was left."""
    total = 0
    for suffix in ("", "-wal"):
        p = Path(str(path) + suffix)
        if p.exists():
            total += p.stat().st_size
    return total


def remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


# ----------------------------------------------------------------------------- corpora


class Pools:
    """Real titles and paragraphs to resample from."""

    def __init__(self, shared: Path):
        self.inputs = {
            "reuters": shared / "corpora/reuters21578/eval/articles.jsonl",
            "fakes": shared / "corpora/fakes-syria/eval/articles.jsonl",
        }
        for path in self.inputs.values():
            if not path.exists():
                sys.exit(f"bench: {path} not found; pass --shared PATH (the folder holding corpora/ and peers/)")
        self.titles: dict[str, list[str]] = {}
        self.paragraphs: dict[str, list[str]] = {}
        for name, path in self.inputs.items():
            titles, paragraphs = [], []
            with open(path, encoding="utf-8") as f:
                for line in f:
                    article = json.loads(line)
                    title = " ".join((article.get("title") or "").split())
                    if title:
                        titles.append(title)
                    text = (article.get("text") or "").replace("\0", "")
                    # Reuters: the blocks of text between blank lines. FA-KES: one block per
                    # article. Inner line breaks (hard wraps) are kept: newsindex joins them.
                    blocks = re.split(r"\n[ \t]*\n", text) if name == "reuters" else [text]
                    paragraphs.extend(b.strip("\n") for b in blocks if b.strip())
            self.titles[name] = titles
            self.paragraphs[name] = paragraphs

    def fingerprint(self) -> dict:
        return {name: path.stat().st_size for name, path in self.inputs.items()}


def generate(pools: Pools, seed: int, paragraphs: int):
    """Yields (id, title, date, source, [(corpus, paragraph index)]) — deterministic by seed."""
    rng = random.Random(f"newsindex-bench/{seed}/{paragraphs}")
    left = paragraphs
    number = 0
    while left > 0:
        count = min(rng.randint(2, 8), left)
        if left - count == 1:  # never leave a one-paragraph article at the end
            count += 1
        left -= count
        corpus = "fakes" if rng.random() < FAKES_SHARE else "reuters"
        title = rng.choice(pools.titles[corpus])
        day = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
        source = rng.choice(SOURCES)
        pool_size = len(pools.paragraphs[corpus])
        drawn = [(corpus, rng.randrange(pool_size)) for _ in range(count)]
        number += 1
        yield f"bench{seed}-{number:07d}", title, day.isoformat(), source, drawn


class Corpus:
    def __init__(self, folder: Path, manifest: dict):
        self.folder = folder
        self.manifest = manifest
        self.jsonl = folder / "articles.jsonl"
        self.nul = folder / "paragraphs.nul"

    @property
    def label(self) -> str:
        return size_label(self.manifest["paragraphs"])


def corpus_for(pools: Pools, cache: Path, seed: int, paragraphs: int) -> tuple[Corpus, float | None]:
    """The cached corpus, or a new one. Returns it and the seconds spent generating (None: cached)."""
    folder = cache / f"corpus-{size_label(paragraphs)}-seed{seed}"
    wanted = {"generator": GENERATOR_VERSION, "seed": seed, "paragraphs": paragraphs,
              "fakes_share": FAKES_SHARE, "inputs": pools.fingerprint()}
    manifest_path = folder / "manifest.json"
    if manifest_path.exists():
        try:
            manifest = json.loads(manifest_path.read_text())
            corpus = Corpus(folder, manifest)
            if (all(manifest.get(k) == v for k, v in wanted.items())
                    and corpus.jsonl.exists() and corpus.jsonl.stat().st_size == manifest["jsonl_bytes"]
                    and corpus.nul.exists() and corpus.nul.stat().st_size == manifest["nul_bytes"]):
                return corpus, None
        except (ValueError, KeyError):
            pass
        log(f"cached corpus in {folder} does not match (seed, counts, sizes); rebuilding it")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    articles = text_bytes = 0
    jsonl_tmp, nul_tmp = folder / "articles.jsonl.tmp", folder / "paragraphs.nul.tmp"
    with open(jsonl_tmp, "w", encoding="utf-8", newline="\n") as jf, open(nul_tmp, "wb") as nf:
        for article_id, title, date, source, drawn in generate(pools, seed, paragraphs):
            texts = [pools.paragraphs[c][i] for c, i in drawn]
            record = {"id": article_id, "title": title, "date": date, "source": source,
                      "text": "\n\n".join(texts)}
            jf.write(json.dumps(record, ensure_ascii=False) + "\n")
            for position, text in enumerate(texts):
                flat = FLAT_SPACE.sub(" ", text).strip().encode("utf-8")
                text_bytes += len(flat)
                nf.write(f"{article_id}#{position}\0{title}\0".encode("utf-8") + flat + b"\0")
            articles += 1
    jsonl_tmp.rename(corpus_path := folder / "articles.jsonl")
    nul_tmp.rename(folder / "paragraphs.nul")
    manifest = dict(wanted, articles=articles, text_bytes=text_bytes,
                    jsonl_bytes=corpus_path.stat().st_size,
                    nul_bytes=(folder / "paragraphs.nul").stat().st_size)
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n")
    return Corpus(folder, manifest), time.perf_counter() - started


# ----------------------------------------------------------------------------- processes


class Run:
    def __init__(self, argv, status, wall_s, cpu_s, max_rss_mb, stdout, stderr, load):
        self.argv, self.status, self.wall_s, self.cpu_s = argv, status, wall_s, cpu_s
        self.max_rss_mb, self.stdout, self.stderr, self.load = max_rss_mb, stdout, stderr, load


GNU_TIME = Path("/usr/bin/time")


def run_measured(argv: list[str], workdir: Path) -> Run:
    """Runs one process: wall time, and its CPU time and peak RSS as `/usr/bin/time -f %M` sees
    them. (os.wait4's ru_maxrss of a child forked from this Python process counts the Python
    process's own RSS at fork time, so it would overstate a small child; /usr/bin/time is a
    small parent.) Without /usr/bin/time: os.wait4, an upper bound."""
    load_before = load_average()
    with tempfile.TemporaryFile(dir=workdir) as out, tempfile.TemporaryFile(dir=workdir) as err, \
            tempfile.NamedTemporaryFile(dir=workdir, mode="r") as usage_file:
        wrapped = ([str(GNU_TIME), "-f", "%M %U %S", "-o", usage_file.name, *argv]
                   if GNU_TIME.exists() else argv)
        started = time.perf_counter()
        process = subprocess.Popen(wrapped, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, wait_status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        status = os.waitstatus_to_exitcode(wait_status)
        cpu, max_rss_mb = usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024
        if wrapped is not argv:
            fields = usage_file.read().split()
            try:  # the last line; GNU time writes "Command exited with non-zero status N" first
                max_rss_mb = int(fields[-3]) / 1024
                cpu = float(fields[-2]) + float(fields[-1])
            except (IndexError, ValueError):
                pass
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    return Run(argv, status, wall, cpu, max_rss_mb, stdout, stderr, (load_before, load_average()))


def build_c_loader(shared: Path, workdir: Path) -> Path:
    source = shared / "peers/raw_fts5.c"
    binary = workdir / "raw_fts5"
    if not source.exists():
        sys.exit(f"bench: {source} not found; pass --no-c or --shared PATH")
    subprocess.run(["cc", "-O2", "-o", str(binary), str(source), "-lsqlite3"], check=True)
    return binary


# ----------------------------------------------------------------------------- indexing


def index_corpus(corpus: Corpus, binary: Path, c_loader: Path | None, workdir: Path, rounds: int):
    """Index runs for one corpus; returns rows for the report, the path of the entity DB and
    the path of the C loader's last index (None without the C loader), kept for the FTS5
    reference queries."""
    text_mb = corpus.manifest["text_bytes"] / 1e6
    results = collections.defaultdict(list)
    search_db = workdir / f"newsindex-{corpus.label}.db"
    c_db = workdir / f"c-{corpus.label}.db" if c_loader else None
    for round_number in range(rounds):
        if c_loader:
            db = c_db
            remove_db(db)
            log(f"{corpus.label}: C loader (round {round_number + 1})")
            run = run_measured([str(c_loader), "load", str(db), str(corpus.nul)], workdir)
            if run.status != 0:
                sys.exit(f"bench: raw_fts5 failed ({run.status}): {run.stderr.strip()}")
            info = json.loads(run.stdout)
            log(f"{corpus.label}: C loader {info['index_build_s']:.2f} s, {run.max_rss_mb:.0f} MB peak")
            results["C"].append({"seconds": info["index_build_s"], "cpu_s": info["index_build_cpu_s"],
                                 "rss_mb": run.max_rss_mb, "db_bytes": info["index_size_bytes"],
                                 "rows": info["n_docs"], "load": run.load,
                                 "sqlite": info["sqlite_version"], "status": 0})
        for mode in ("--no-entities", "entities"):
            db = search_db if mode == "entities" else workdir / f"plain-{corpus.label}.db"
            remove_db(db)
            argv = [str(binary), "index", "--quiet", "--db", str(db), str(corpus.jsonl)]
            if mode == "--no-entities":
                argv.insert(3, "--no-entities")
            log(f"{corpus.label}: newsindex index {mode} (round {round_number + 1})")
            run = run_measured(argv, workdir)
            if run.status not in (0, 1):
                sys.exit(f"bench: {shlex.join(argv)} failed ({run.status}):\n{run.stderr}{run.stdout}")
            log(f"{corpus.label}: newsindex {mode} {run.wall_s:.2f} s (CPU {run.cpu_s:.2f} s), {run.max_rss_mb:.0f} MB peak")
            rows = paragraphs_in(binary, db)
            results[mode].append({"seconds": run.wall_s, "cpu_s": run.cpu_s, "rss_mb": run.max_rss_mb,
                                  "db_bytes": file_bytes(db), "rows": rows, "load": run.load,
                                  "status": run.status, "stderr": run.stderr.strip()})
            if mode == "--no-entities":
                remove_db(db)
    summary = {}
    for engine, runs in results.items():
        runs.sort(key=lambda r: r["seconds"])
        median = runs[(len(runs) - 1) // 2]
        summary[engine] = dict(median, mb_per_s=text_mb / median["seconds"],
                               all_seconds=[r["seconds"] for r in runs])
    return summary, search_db, c_db


def paragraphs_in(binary: Path, db: Path) -> int | None:
    out = subprocess.run([str(binary), "stats", "--db", str(db)], capture_output=True, text=True)
    match = re.search(r"^paragraphs\s+(\d+)", out.stdout, re.M)
    return int(match.group(1)) if match else None


# ----------------------------------------------------------------------------- queries


def query_set(pools: Pools, corpus: Corpus, seed: int, total: int, entity_names: list[str]):
    """`total` queries in QUERY_CLASSES (as equal shares as possible), drawn from the corpus."""
    paragraphs = corpus.manifest["paragraphs"]
    drawn = [key for *_, keys in generate(pools, seed, paragraphs) for key in keys]
    uses = collections.Counter(drawn)
    frequency = collections.Counter()  # paragraphs of the generated corpus holding the word
    for (corpus_name, index), count in uses.items():
        for word in set(WORD.findall(pools.paragraphs[corpus_name][index].lower())):
            frequency[word] += count

    def usable(word):
        return word.isascii() and word.isalpha() and len(word) >= 3 and word not in STOPWORDS

    ranked = [w for w, _ in frequency.most_common() if usable(w)]
    common = ranked[:100]
    medium = ranked[100:2000]
    rare = sorted(w for w in ranked if 2 <= frequency[w] <= 5 and len(w) >= 4)
    prefix_sources = [w for w in ranked[:2000] if len(w) >= 6]

    rng = random.Random(f"newsindex-bench-queries/{seed}/{paragraphs}")
    counts = {name: total // len(QUERY_CLASSES) for name in QUERY_CLASSES}
    for name in QUERY_CLASSES[: total % len(QUERY_CLASSES)]:
        counts[name] += 1
    if not entity_names:
        log("no entities in the index; the entity class is left out")
        counts["entity"] = 0

    def some_paragraph():
        corpus_name, index = rng.choice(drawn)
        return pools.paragraphs[corpus_name][index]

    queries = []
    for name in QUERY_CLASSES:
        made = 0
        tries = 0
        while made < counts[name]:
            tries += 1
            if tries > 100_000:
                sys.exit(f"bench: could not draw {name} queries from this corpus")
            extra: list[str] = []
            if name == "common":
                text = rng.choice(common)
            elif name == "rare":
                if not rare:
                    sys.exit("bench: no rare words in this corpus")
                text = rng.choice(rare)
            elif name == "words":
                words = list(dict.fromkeys(w for w in WORD.findall(some_paragraph().lower()) if usable(w)))
                if len(words) < 3:
                    continue
                chosen = sorted(rng.sample(range(len(words)), rng.randint(2, 3)))
                text = " ".join(words[i] for i in chosen)
            elif name == "phrase":
                tokens = some_paragraph().split()
                length = rng.randint(2, 3)
                if len(tokens) < length + 1:
                    continue
                start = rng.randrange(len(tokens) - length + 1)
                words = [t.strip(".,;:()\"'").lower() for t in tokens[start:start + length]]
                # Only plain words that the text joins with a single space, one of them telling.
                if not all(w.isascii() and w.isalpha() for w in words):
                    continue
                if not any(usable(w) for w in words):
                    continue
                text = '"' + " ".join(words) + '"'
            elif name == "prefix":
                text = rng.choice(prefix_sources)[: rng.randint(3, 5)] + "*"
            elif name == "entity":
                text = rng.choice(medium)
                extra = ["--entity", rng.choice(entity_names)]
            elif name == "date":
                text = rng.choice(medium)
                first = rng.randrange(60 - 1)  # month index 0 = 2015-01
                last = min(59, first + rng.randint(0, 23))
                since = datetime.date(2015 + first // 12, first % 12 + 1, 1)
                until_month = datetime.date(2015 + last // 12, last % 12 + 1, 1)
                until = (until_month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)
                extra = ["--since", since.isoformat(), "--until", until.isoformat()]
            queries.append({"class": name, "query": text, "options": extra})
            made += 1
    return queries


def run_queries(binary: Path, db: Path, queries: list[dict], seed: int, label: str, workdir: Path):
    """Every query as one `newsindex search --json` process, in a seeded shuffled order,
    interleaved with `newsindex --version` runs (as many as the largest class)."""
    per_class = collections.Counter(q["class"] for q in queries)
    jobs = [(q["class"], [str(binary), "search", "--json", "--db", str(db), *q["options"], q["query"]], q)
            for q in queries]
    jobs += [("start", [str(binary), "--version"], None)] * max(per_class.values())
    random.Random(f"newsindex-bench-order/{seed}/{label}").shuffle(jobs)
    # Warm-up, not counted: the page cache and the dynamic loader.
    for _, argv, _ in jobs[:5]:
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = collections.defaultdict(list)
    peak_rss = collections.defaultdict(float)
    empty = collections.Counter()
    failures = collections.Counter()
    failed = []
    slowest = {}
    load_before = load_average()
    for name, argv, query in jobs:
        started = time.perf_counter()
        out = subprocess.run(argv, capture_output=True)
        elapsed = (time.perf_counter() - started) * 1000
        if out.returncode != 0:  # left out of the latencies, and listed
            failed.append((shlex.join(argv[1:]), out.returncode, out.stderr.decode("utf-8", "replace").strip()))
            failures[name] += 1
            continue
        times[name].append(elapsed)
        if query and not out.stdout.strip():
            empty[name] += 1
        if name not in slowest or elapsed > slowest[name][0]:
            slowest[name] = (elapsed, display_query(query) if query else "", argv)
    load_after = load_average()
    # Peak memory: the slowest query of each class once more, under /usr/bin/time (not timed).
    for name, (_, _, argv) in slowest.items():
        peak_rss[name] = run_measured(argv, workdir).max_rss_mb
    rows = []
    for name in QUERY_CLASSES + ["start"]:
        if not times[name]:
            continue
        values = times[name]
        rows.append({"class": name, "n": len(values), "p50": percentile(values, 50),
                     "p95": percentile(values, 95), "p99": percentile(values, 99), "max": max(values),
                     "empty": empty[name], "failed": failures[name], "slowest": slowest.get(name),
                     "rss_mb": peak_rss[name]})
        log(f"{label}: {name:7} n={len(values):3} p50 {rows[-1]['p50']:7.1f} ms  p95 {rows[-1]['p95']:7.1f} ms  "
            f"max {rows[-1]['max']:7.1f} ms")
    return rows, failed, (load_before, load_after)


def in_process(searchbench: Path, db: Path, queries: list[dict], seed: int, label: str, workdir: Path,
               repeats: int) -> dict | None:
    """The same queries through SearchBench (Tools/SearchBench): one process, the index opened
    once, every query `repeats` times in a seeded interleaved order after 5 warm-up runs. The
    query file is TSV: class, query, then the CLI options, one column each."""
    query_file = workdir / f"queries-{label}.tsv"
    with open(query_file, "w", encoding="utf-8") as f:
        for q in queries:
            f.write("\t".join([q["class"], q["query"], *q["options"]]) + "\n")
    argv = [str(searchbench), "--db", str(db), "--queries", str(query_file), "--seed", str(seed),
            "--repeat", str(repeats), "--json"]
    log(f"{label}: in-process: {shlex.join(argv)}")
    out = subprocess.run(argv, capture_output=True, text=True)
    if out.returncode != 0:
        log(f"{label}: SearchBench failed ({out.returncode}): {out.stderr.strip()[:500]}")
        return None
    result = json.loads(out.stdout)
    for row in result["classes"]:
        log(f"{label}: in-process {row['class']:7} n={row['n']:3} p50 {row['p50'] or 0:7.1f} ms  "
            f"p95 {row['p95'] or 0:7.1f} ms  max {row['max'] or 0:7.1f} ms")
    return result


# Classes raw_fts5's query mode can state: it quotes every word (so no `abc*` prefix) and has
# no filters (so no --entity or --since/--until).
REFERENCE_CLASSES = ["common", "rare", "words", "phrase"]


def fts5_reference(c_loader: Path, c_db: Path, queries: list[dict], label: str, workdir: Path,
                   repeats: int) -> list[dict]:
    """The same queries of the text-only classes through `raw_fts5 query` on the C loader's
    index: FTS5's own bm25 with a snippet, `ORDER BY rank LIMIT 10`, in C, the index opened
    once. Words are ORed (`--op OR`), as newsindex also ranks passages holding only some of
    them. This is what FTS5 itself costs for each query, the floor for a design built on it.
    One class at a time: one untimed pass, then `repeats` timed ones."""
    rows = []
    for name in REFERENCE_CLASSES:
        chosen = [q for q in queries if q["class"] == name]
        if not chosen:
            continue
        query_file = workdir / f"reference-{label}-{name}.tsv"
        query_file.write_text("".join(f"{i}\t{q['query']}\n" for i, q in enumerate(chosen, 1)), encoding="utf-8")
        argv = [str(c_loader), "query", str(c_db), str(query_file), "--op", "OR", "--warmup", "1",
                "--repeat", str(repeats)]
        load_before = load_average()
        out = subprocess.run(argv, capture_output=True, text=True)
        if out.returncode != 0:
            log(f"{label}: raw_fts5 query failed ({out.returncode}): {out.stderr.strip()[:300]}")
            continue
        info = json.loads(out.stdout)
        latency, cpu = info["query_latency"], info["query_cpu"]
        rows.append({"class": name, "n": latency["n"], "p50": latency["median_ms"], "p95": latency["p95_ms"],
                     "max": latency["max_ms"], "cpu_p50": cpu["median_ms"], "errors": len(info["query_errors"]),
                     "rows": info["n_docs"], "load": (load_before, load_average())})
        log(f"{label}: FTS5 reference {name:7} n={latency['n']:3} p50 {latency['median_ms']:7.1f} ms  "
            f"p95 {latency['p95_ms']:7.1f} ms")
    return rows


def display_query(query: dict) -> str:
    return " ".join([shlex.quote(query["query"])] + [shlex.quote(o) for o in query["options"]])


def top_entities(binary: Path, db: Path, seed: int, label: str, wanted: int = 10, limit: int = 50):
    """Up to `wanted` names from `newsindex entities --json --limit 50`, in a seeded order, that
    `--entity` accepts. A name that several entities share (the same name with another type,
    e.g. "Bashar" as a person and as a place) makes `--entity` exit 64 ("type more of the name"),
    and there is no way to name the type, so those are set aside and listed in the report."""
    out = subprocess.run([str(binary), "entities", "--json", "--limit", str(limit), "--db", str(db)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        log(f"newsindex entities failed ({out.returncode}): {out.stderr.strip()}")
        return [], []
    names = [json.loads(line)["name"] for line in out.stdout.splitlines() if line.strip()]
    names = list(dict.fromkeys(names))
    random.Random(f"newsindex-bench-entities/{seed}/{label}").shuffle(names)
    usable, refused = [], []
    for name in names:
        if len(usable) == wanted:
            break
        # A word no paragraph holds: the check costs the name lookup, not a search.
        check = subprocess.run([str(binary), "search", "--json", "--limit", "1", "--db", str(db),
                                "--entity", name, "qqxqzzjv"], capture_output=True, text=True)
        if check.returncode == 0:
            usable.append(name)
        else:
            refused.append((name, check.returncode, check.stderr.strip()))
    return usable, refused


# ----------------------------------------------------------------------------- report


def machine() -> str:
    model = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.0f} GB RAM"
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores (nproc {os.sched_getaffinity(0).__len__()}), {model}{memory}, {platform.platform()}"


def fmt_load(pair) -> str:
    return f"{pair[0]:.2f} → {pair[1]:.2f}"


def report(context: dict, corpora: list[dict], indexing: list[dict], searching: list[dict]) -> str:
    lines = []
    add = lines.append
    add("# NewsIndex benchmark results")
    add("")
    add(f"- date: {context['date']}")
    add(f"- machine: {context['machine']}")
    add(f"- command: `{context['command']}`")
    add(f"- binary: `{context['binary']}` ({context['version']})")
    if context.get("sqlite"):
        add(f"- SQLite (C loader): {context['sqlite']}")
    add(f"- seed {context['seed']}; corpora cached in `{context['cache']}`")
    add(f"- load average (1 min) at start → end of the whole run: {fmt_load(context['load'])}; "
        "the machine is shared, so compare the ratios in one run rather than absolute times across runs")
    add("")
    add("## Corpora")
    add("")
    add("Resampled paragraphs of Reuters-21578 and FA-KES (~20% of articles from FA-KES); "
        "text = paragraph text in UTF-8 with line breaks made spaces (what the C loader gets).")
    add("")
    add("| size | articles | paragraphs drawn | JSONL MB | text MB | generated |")
    add("|---|---:|---:|---:|---:|---|")
    for c in corpora:
        m = c["manifest"]
        made = "cached" if c["generated_s"] is None else f"{c['generated_s']:.1f} s"
        add(f"| {size_label(m['paragraphs'])} | {m['articles']:,} | {m['paragraphs']:,} | "
            f"{m['jsonl_bytes'] / 1e6:.1f} | {m['text_bytes'] / 1e6:.1f} | {made} |")
    add("")
    add("## Indexing")
    add("")
    add("MB/s = text MB ÷ seconds. newsindex: wall time of the whole `newsindex index --quiet` "
        "process (reads the JSONL, cleans, splits, tags, writes). C: `index_build_s` of "
        "`raw_fts5 load` (input already split and in memory). Ratio = newsindex MB/s ÷ C MB/s. "
        "CPU = user + system seconds of the process (C: of the timed part); CPU ratio = C CPU s ÷ "
        "newsindex CPU s, steadier than wall time on a shared machine; but newsindex uses several "
        "threads (CPU s > seconds when a core is free) and the C loader one, so the wall ratio also "
        "depends on how busy the other core was. Rows = FTS rows written "
        "(newsindex cuts paragraphs over 150 words into passages).")
    add("")
    add("| size | engine | seconds | CPU s | MB/s | ratio to C | CPU ratio to C | peak RSS MB | rows | index file / text | load start → end |")
    add("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for block in indexing:
        text_bytes = block["text_bytes"]
        c = block["results"].get("C")
        names = {"C": "C loader (raw_fts5)", "--no-entities": "newsindex --no-entities",
                 "entities": "newsindex (entities)"}
        for engine in ("C", "--no-entities", "entities"):
            r = block["results"].get(engine)
            if not r:
                continue
            ratio = f"{r['mb_per_s'] / c['mb_per_s']:.2f}×" if c and engine != "C" else ("1" if engine == "C" else "–")
            cpu_ratio = f"{c['cpu_s'] / r['cpu_s']:.2f}×" if c and engine != "C" else ("1" if engine == "C" else "–")
            seconds = f"{r['seconds']:.2f}"
            if len(r["all_seconds"]) > 1:
                seconds += " (median of " + ", ".join(f"{s:.2f}" for s in sorted(r["all_seconds"])) + ")"
            rows = f"{r['rows']:,}" if r.get("rows") is not None else "?"
            add(f"| {block['label']} | {names[engine]} | {seconds} | {r['cpu_s']:.2f} | {r['mb_per_s']:.2f} | "
                f"{ratio} | {cpu_ratio} | {r['rss_mb']:.0f} | {rows} | {r['db_bytes'] / text_bytes:.2f} | {fmt_load(r['load'])} |")
    statuses = [(b["label"], e, r) for b in indexing for e, r in b["results"].items() if r.get("status")]
    for label, engine, r in statuses:
        add(f"\n{label} {engine}: exit status {r['status']}: {r.get('stderr', '')[:300]}")
    add("")
    add("The C loader's peak RSS includes its whole input file, read into memory before its clock starts.")
    if extrapolated := context.get("extrapolated"):
        add("")
        add(extrapolated)
    add("")
    add("## Search latency (whole CLI runs)")
    add("")
    add("Each query is one `newsindex search --json --db DB [options] QUERY` process (default "
        "`--limit 10`) on the index built with entities, timed from fork to exit, in milliseconds; "
        "classes run interleaved in a seeded random order, with `newsindex --version` "
        "(process start) among them as the reference.")
    add("")
    add("| size | class | queries | p50 ms | p95 ms | p99 ms | max ms | no hits | peak RSS MB (slowest) | slowest query | load start → end |")
    add("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|")
    notes = []
    for block in searching:
        for r in block["rows"]:
            slowest = f"`{r['slowest'][1]}`" if r["slowest"] and r["slowest"][1] else ""
            count = str(r["n"]) + (f" (+{r['failed']} failed)" if r["failed"] else "")
            add(f"| {block['label']} | {r['class']} | {count} | {r['p50']:.1f} | {r['p95']:.1f} | "
                f"{r['p99']:.1f} | {r['max']:.1f} | {r['empty'] if r['class'] != 'start' else ''} | "
                f"{r['rss_mb']:.0f} | {slowest} | {fmt_load(block['load'])} |")
        if block["entities"]:
            notes.append(f"- {block['label']}: `--entity` names: " + ", ".join(block["entities"]))
        if block["refused"]:
            notes.append(f"- {block['label']}: top-50 names that `--entity` refuses (exit 64), left out: "
                         + "; ".join(f"{n} ({m.removeprefix('newsindex: ')[:160]})" for n, _, m in block["refused"]))
        for command, status, message in block["failed"][:5]:
            notes.append(f"- {block['label']}: failed, left out of the latencies: `newsindex {command}` "
                         f"exited {status}: {message[:200]}")
        if len(block["failed"]) > 5:
            notes.append(f"- {block['label']}: … {len(block['failed']) - 5} more failed queries")
    add("")
    lines.extend(notes)
    if notes:
        add("")
    in_process_blocks = [b for b in searching if b.get("in_process")]
    if in_process_blocks or any("in_process" in b for b in searching):
        add("## Search latency (in-process)")
        add("")
        add("The same queries through `SearchBench` (Tools/SearchBench): `Searcher.search` — `--entity` "
            "names resolved, ranking, highlights, snippets, the hits' entities — on an index opened once, "
            "in one process: no process start, no opening, no printing. Every query runs "
            f"{context.get('in_process_repeat', 1)}× in a seeded interleaved order after 5 warm-up runs; "
            "`open` (opening the index read-only, as each CLI run does) runs among them as the reference. "
            "Milliseconds of wall time; CPU = the thread's CPU time. The parts are medians: resolve = the "
            "`--entity` lookup, entities and snippets = redone alone after the search, SQL = the rest "
            "(parsing, ranking and counting all matches, highlighting the page). Matches = passages that "
            "matched (the total the search counts). CLI p50 is from the table above.")
        add("")
        add("| size | class | runs | p50 ms | p95 ms | p99 ms | max ms | CPU p50 ms | resolve | SQL | entities | snippets | matches p50 | no hits | CLI p50 ms | slowest query | load start → end |")
        add("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")

        def ms(value, decimals=1):
            return "–" if value is None else f"{value:.{decimals}f}"

        for block in searching:
            result = block.get("in_process")
            if result is None:
                if "in_process" in block:
                    add(f"| {block['label']} | (SearchBench failed or missing; see the log) |" + " |" * 15)
                continue
            cli = {r["class"]: r for r in block["rows"]}
            cli["open"] = cli.get("start")
            for r in result["classes"]:
                count = str(r["n"]) + (f" (+{r['failed']} failed)" if r["failed"] else "")
                cli_row = cli.get(r["class"])
                if r["class"] == "open":  # the reference: no parts, no matches
                    parts = ["", "", "", "", "", ""]
                    cli_p50 = f"{ms(cli_row['p50'])} (start)" if cli_row else ""
                else:
                    parts = [ms(r["resolve_p50"], 2), ms(r["sql_p50"]), ms(r["entities_p50"], 2),
                             ms(r["snippets_p50"], 2), f"{r['matches_p50'] or 0:,.0f}", str(r["empty"])]
                    cli_p50 = ms(cli_row["p50"]) if cli_row else ""
                slowest = f"`{r['slowest']}`" if r["slowest"] else ""
                cells = [block["label"], r["class"], count, ms(r["p50"]), ms(r["p95"]), ms(r["p99"]), ms(r["max"]),
                         ms(r["cpu_p50"]), *parts, cli_p50, slowest, fmt_load(result["load"])]
                add("| " + " | ".join(cells) + " |")
            for failure in result["failures"][:5]:
                add(f"\n{block['label']}: failed in-process, left out: {failure['class']} `{failure['query']}`: {failure['error'][:200]}")
        add("")
    if any(b.get("reference") for b in searching):
        add("## FTS5's own cost for the same queries (reference)")
        add("")
        add("The text-only classes again, through `raw_fts5 query` (../shared/peers/raw_fts5.c) on the "
            "C loader's index of the same paragraphs: FTS5's built-in bm25 and a snippet, `ORDER BY rank "
            "LIMIT 10`, words ORed, in C with the index opened once; one class at a time, one untimed "
            "pass first. It has no prefix or filter queries. Ratio = newsindex in-process p50 ÷ FTS5 p50. "
            "Both score every match before keeping ten, so the time follows the number of matches; "
            "newsindex matches more rows for the same words, because it indexes passages "
            "(paragraphs over 150 words cut in parts, each with the article's title), not paragraphs.")
        add("")
        add("| size | class | queries | FTS5 p50 ms | FTS5 p95 ms | FTS5 max ms | newsindex in-process p50 ms | ratio | newsindex p95 ms | FTS rows (C / newsindex) | load start → end |")
        add("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|")
        rows_by_label = {b["label"]: b["results"] for b in indexing}
        for block in searching:
            ours = {r["class"]: r for r in (block.get("in_process") or {}).get("classes", [])}
            ours_rows = rows_by_label.get(block["label"], {}).get("entities", {}).get("rows")
            for r in block.get("reference") or []:
                mine = ours.get(r["class"])
                ratio = f"{mine['p50'] / r['p50']:.2f}×" if mine and mine.get("p50") and r["p50"] else "–"
                count = str(r["n"]) + (f" ({r['errors']} errors)" if r["errors"] else "")
                add(f"| {block['label']} | {r['class']} | {count} | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} | "
                    f"{mine['p50']:.1f} | {ratio} | {mine['p95']:.1f} | {r['rows']:,} / {ours_rows or 0:,} | {fmt_load(r['load'])} |"
                    if mine else
                    f"| {block['label']} | {r['class']} | {count} | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} | – | – | – | {r['rows']:,} | {fmt_load(r['load'])} |")
        add("")
    add("Query classes:")
    add("")
    for name in QUERY_CLASSES + ["start"]:
        add(f"- **{name}**: {CLASS_HELP[name]}")
    add("")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10k,100k", help="paragraph counts, e.g. 10k,100k,1m (default 10k,100k; 1m is long)")
    parser.add_argument("--binary", default=str(REPO / ".build/release/newsindex"),
                        help="the newsindex executable (default .build/release/newsindex)")
    parser.add_argument("--queries", type=int, default=200, help="queries per size (default 200)")
    parser.add_argument("--no-c", action="store_true", help="skip the C loader")
    parser.add_argument("--quick", action="store_true", help="10k only, 50 queries (about a minute)")
    parser.add_argument("--rounds", type=int, default=1, help="index runs per engine and size; the median is shown (default 1)")
    parser.add_argument("--seed", type=int, default=5, help="corpus and query seed (default 5)")
    parser.add_argument("--cache", default=os.environ.get("NEWSINDEX_BENCH_CACHE", "/tmp/newsindex-bench"),
                        help="corpus cache folder, outside git (default $NEWSINDEX_BENCH_CACHE or /tmp/newsindex-bench)")
    parser.add_argument("--shared", default=str(REPO.parent / "shared"), help="folder holding corpora/ and peers/ (default ../shared)")
    parser.add_argument("--keep", action="store_true", help="keep the index files (in the cache folder's runs/)")
    parser.add_argument("--write-results", action="store_true", help="also write the report to Tools/bench/RESULTS.md")
    parser.add_argument("--searchbench", default=None,
                        help="the SearchBench executable for in-process latency (default: SearchBench beside --binary)")
    parser.add_argument("--no-in-process", action="store_true", help="skip the in-process search latency (SearchBench)")
    parser.add_argument("--in-process-repeat", type=int, default=1,
                        help="times SearchBench runs each query (default 1)")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.queries = "10k", 50
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    if not sizes or min(sizes) < 10:
        sys.exit("bench: --sizes needs paragraph counts of at least 10, e.g. 10k,100k")
    if args.queries < len(QUERY_CLASSES):
        sys.exit(f"bench: --queries must be at least {len(QUERY_CLASSES)} (one per class)")
    binary = Path(os.path.abspath(args.binary))
    if not os.access(binary, os.X_OK):
        sys.exit(f"bench: {binary} is not an executable; build it with "
                 "`swift build -c release --product newsindex` or pass --binary PATH")
    searchbench = None
    if not args.no_in_process:
        searchbench = Path(os.path.abspath(args.searchbench)) if args.searchbench else binary.parent / "SearchBench"
        if not os.access(searchbench, os.X_OK):
            log(f"{searchbench} is not an executable: no in-process latency (build it with "
                "`swift build -c release --product SearchBench`, or pass --searchbench PATH / --no-in-process)")
            searchbench = None
    if args.in_process_repeat < 1:
        sys.exit("bench: --in-process-repeat must be at least 1")
    shared = Path(args.shared).resolve()
    cache = Path(args.cache).resolve()
    if cache == REPO or REPO in cache.parents:
        sys.exit(f"bench: the cache {cache} is inside the repository; use a folder outside git")
    cache.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="runs-", dir=cache))

    context = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "command": "python3 Tools/bench/bench.py " + shlex.join(sys.argv[1:]),
        "binary": os.path.relpath(binary, REPO) if REPO in binary.parents else str(binary),
        "version": subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip(),
        "seed": args.seed, "cache": str(cache), "in_process_repeat": args.in_process_repeat,
    }
    load_start = load_average()
    log(f"load average {load_start:.2f}; reading the source corpora from {shared}")
    pools = Pools(shared)
    c_loader = None if args.no_c else build_c_loader(shared, workdir)
    corpora, indexing, searching = [], [], []
    try:
        for size in sizes:
            corpus, generated = corpus_for(pools, cache, args.seed, size)
            log(f"{corpus.label}: corpus {'cached' if generated is None else f'generated in {generated:.1f} s'} "
                f"({corpus.manifest['articles']:,} articles, {corpus.manifest['jsonl_bytes'] / 1e6:.1f} MB JSONL) in {corpus.folder}")
            corpora.append({"manifest": corpus.manifest, "generated_s": generated})
            results, db, c_db = index_corpus(corpus, binary, c_loader, workdir, args.rounds)
            if "C" in results:
                context["sqlite"] = results["C"]["sqlite"]
            indexing.append({"label": corpus.label, "text_bytes": corpus.manifest["text_bytes"], "results": results})
            names, refused = top_entities(binary, db, args.seed, corpus.label)
            log(f"{corpus.label}: entities for --entity: {', '.join(names)}"
                + (f"; refused by --entity: {', '.join(n for n, *_ in refused)}" if refused else ""))
            queries = query_set(pools, corpus, args.seed, args.queries, names)
            log(f"{corpus.label}: {len(queries)} queries")
            rows, failed, load = run_queries(binary, db, queries, args.seed, corpus.label, workdir)
            block = {"label": corpus.label, "rows": rows, "failed": failed, "load": load,
                     "entities": names, "refused": refused}
            if searchbench:
                block["in_process"] = in_process(searchbench, db, queries, args.seed, corpus.label, workdir,
                                                 args.in_process_repeat)
            if c_db:
                block["reference"] = fts5_reference(c_loader, c_db, queries, corpus.label, workdir,
                                                    args.in_process_repeat)
            searching.append(block)
            if not args.keep:
                remove_db(db)
                if c_db:
                    remove_db(c_db)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    context["load"] = (load_start, load_average())
    text = report(context, corpora, indexing, searching)
    print(text)
    if args.write_results:
        (HERE / "RESULTS.md").write_text(text)
        log(f"wrote {HERE / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
