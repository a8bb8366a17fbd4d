#!/usr/bin/env python3
"""Precision and recall of spelling-variant expansion on the FA-KES vocabulary.

Runs the Swift code that ships (Sources/NewsModel/VariantKey.swift and
Sources/NewsSearch/SpellingVariants.swift, compiled with swiftc together with
Tools/variants/main.swift) on the vocabulary the index would have, and
scores the pairs it proposes against the hand-labelled Tools/variants/pairs.tsv. Python 3
standard library only. See Tools/variants/README.md.
"""

import argparse
import collections
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOKENIZER = "porter unicode61 remove_diacritics 2"  # Sources/NewsStore/Schema.swift
# The key lives in NewsModel (the store keys its vocabulary with it), the rest in NewsSearch.
SOURCES = ["Sources/NewsModel/VariantKey.swift", "Sources/NewsSearch/SpellingVariants.swift",
           "Tools/variants/main.swift"]


def stems_of(words):
    """The porter stem SQLite gives each word: the index's own tokenizer, not an emulation."""
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{TOKENIZER}')")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    db.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", ((i + 1, w) for i, w in enumerate(words)))
    stems = {}
    for term, doc, _col, _offset in db.execute("SELECT term, doc, col, offset FROM v"):
        stems[words[doc - 1]] = term
    return stems


def vocabulary(texts):
    """term → document count, as `fts5vocab(paragraphFTS, 'row')` would give for these texts."""
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{TOKENIZER}')")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')")
    db.executemany("INSERT INTO t(x) VALUES (?)", ((t,) for t in texts))
    return {term: doc for term, doc in db.execute("SELECT term, doc FROM v")}


def fold(word):
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def capitalised_names(texts):
    """Stems whose occurrences are mostly capitalised away from a sentence start.

    A stand-in for the entity table's names (what the integration would use), computable from
    the text alone: a stem is a name when at least half of its mid-sentence occurrences start
    with a capital letter.
    """
    seen = collections.Counter()
    capitalised = collections.Counter()
    for text in texts:
        sentence_start = True
        for match in re.finditer(r"[^\W_]+|[.!?]", text):
            word = match.group()
            if word in ".!?":
                sentence_start = True
                continue
            if not sentence_start:
                folded = fold(word)
                seen[folded.lower()] += 1
                if folded[:1].isupper():
                    capitalised[folded.lower()] += 1
            sentence_start = False
    stems = stems_of(list(seen))
    total = collections.Counter()
    upper = collections.Counter()
    for word, n in seen.items():
        if word in stems:
            total[stems[word]] += n
            upper[stems[word]] += capitalised[word]
    return {stem for stem in total if upper[stem] * 2 >= total[stem]}


def occurrences(texts):
    """stem → occurrences in these texts (fts5vocab's `cnt`)."""
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{TOKENIZER}')")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')")
    db.executemany("INSERT INTO t(x) VALUES (?)", ((t,) for t in texts))
    return {term: cnt for term, cnt in db.execute("SELECT term, cnt FROM v")}


def entity_names(binary, corpus, workdir):
    """Two name sets from what `newsindex index` stores (what the integration can use).

    "entities": stems of every entity name and alias. "mentions": stems of which at least half
    of the occurrences in paragraphs fall inside an entity mention (the tagger's counterpart
    of the capitalisation rule).
    """
    db_path = os.path.join(workdir, "fakes.db")
    run = subprocess.run([binary, "index", "--db", db_path, "--quiet", corpus], capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f"newsindex index failed ({run.returncode}): {run.stderr.strip()}")
    index = sqlite3.connect(db_path)
    names = [row[0] for row in index.execute("SELECT name FROM entity UNION ALL SELECT alias FROM entityAlias")]
    spans = [text[start:end] for text, start, end in index.execute(
        'SELECT paragraph.text, mention.start, mention."end" FROM mention JOIN paragraph ON paragraph.id = mention.paragraphID')]
    everywhere = occurrences(row[0] for row in index.execute("SELECT text FROM paragraph"))
    inside = occurrences(spans)
    mentions = {term for term, n in inside.items() if n * 2 >= everywhere.get(term, 0)}
    return set(occurrences(names)), mentions


def stored_names(binary, corpus, workdir, entities=True):
    """The names search itself uses: `spellingKey.isName`, which `newsindex index` fills at the
    end of a run (mention share with entities, capitalisation with `--no-entities`)."""
    db_path = os.path.join(workdir, f"stored-{'entities' if entities else 'plain'}.db")
    command = [binary, "index", "--db", db_path, "--quiet"] + ([] if entities else ["--no-entities"]) + [corpus]
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f"newsindex index failed ({run.returncode}): {run.stderr.strip()}")
    index = sqlite3.connect(db_path)
    return {row[0] for row in index.execute("SELECT term FROM spellingKey WHERE isName")}


def build_tool(build_dir, swiftc):
    tool = os.path.join(build_dir, "variants-eval")
    sources = [os.path.join(ROOT, s) for s in SOURCES]
    if not os.path.exists(tool) or os.path.getmtime(tool) < max(os.path.getmtime(s) for s in sources):
        os.makedirs(build_dir, exist_ok=True)
        print(f"building {os.path.relpath(tool, ROOT)} with {swiftc} -O …", file=sys.stderr)
        # -package-name: VariantForm is `package`, shared by NewsModel and NewsSearch.
        subprocess.run([swiftc, "-O", "-package-name", "NewsIndex", *sources, "-o", tool], check=True)
    return tool


def proposed_pairs(tool, vocab_path, names_path, minimum):
    run = subprocess.run(
        [tool, "pairs", vocab_path, names_path, str(minimum)], capture_output=True, text=True, check=True)
    pairs = {tuple(line.split("\t")) for line in run.stdout.splitlines() if line}
    return pairs, run.stderr.strip()


def osa_distance(a, b, bound):
    """Optimal string alignment distance, or bound + 1 when over the bound."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    before, previous = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, before[j - 2] + 1)
            current[j] = value
        if min(current) > bound:
            return bound + 1
        before, previous = previous, current
    return previous[-1]


def typo_pairs(terms):
    """Plain typo tolerance as search engines do it ("AUTO" fuzziness): one edit for words of
    4–5 letters, two from 6 on; letters only. Candidates come from shared deletions."""
    def allowed(word):
        return 1 if len(word) <= 5 else 2

    def deletions(word, depth):
        found = {word}
        frontier = {word}
        for _ in range(depth):
            frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
            found |= frontier
        return found

    words = sorted(t for t in terms if len(t) >= 4 and t.isalpha() and t.isascii())
    buckets = collections.defaultdict(list)
    for word in words:
        for deleted in deletions(word, allowed(word)):
            buckets[deleted].append(word)
    pairs = set()
    for bucket in buckets.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1:]:
                if a != b:
                    bound = min(allowed(a), allowed(b))
                    pair = (a, b) if a < b else (b, a)
                    if pair not in pairs and osa_distance(a, b, bound) <= bound:
                        pairs.add(pair)
    return pairs


def read_labels(path):
    labels = {}
    for line in open(path, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.rstrip("\n").split("\t")
        a, b, label, kind = fields[:4]
        if label not in ("variant", "different", "unsure") or kind not in ("name", "word"):
            sys.exit(f"{path}: bad label or kind in: {line.strip()}")
        labels[(a, b) if a < b else (b, a)] = (label, kind)
    return labels


def score(pairs, labels, kind=None):
    relevant = {p for p, (label, k) in labels.items() if label == "variant" and (kind is None or k == kind)}
    judged = {p for p in pairs if p in labels and labels[p][0] != "unsure" and (kind is None or labels[p][1] == kind)}
    true = {p for p in judged if labels[p][0] == "variant"}
    unlabelled = {p for p in pairs if p not in labels}
    precision = len(true) / len(judged) if judged else float("nan")
    recall = len(true & relevant) / len(relevant) if relevant else float("nan")
    return precision, recall, len(true), len(judged), len(relevant), unlabelled


def self_check():
    labels = {("a", "b"): ("variant", "name"), ("c", "d"): ("different", "name"), ("e", "f"): ("variant", "word"),
              ("g", "h"): ("unsure", "name")}
    p, r, t, j, rel, un = score({("a", "b"), ("c", "d"), ("g", "h"), ("x", "y")}, labels)
    assert (p, r, t, j, rel, un) == (0.5, 0.5, 1, 2, 2, {("x", "y")}), (p, r, t, j, rel, un)
    p, r, *_ = score({("a", "b")}, labels, kind="name")
    assert (p, r) == (1.0, 1.0)
    assert osa_distance("idlib", "idleb", 2) == 1 and osa_distance("ab", "ba", 1) == 1
    assert osa_distance("greece", "greener", 2) == 2  # what plain typo tolerance allows
    assert ("idleb", "idlib") in typo_pairs(["idlib", "idleb", "iran"])
    print("self-check passed")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpora", "fakes-syria", "eval", "articles.jsonl"))
    parser.add_argument("--pairs", default=os.path.join(ROOT, "Tools", "variants", "pairs.tsv"))
    parser.add_argument("--min-count", type=int, default=3, help="documents a term needs to be scored (default 3)")
    parser.add_argument("--ner", metavar="NEWSINDEX",
                        help="also score with the entity names a newsindex binary finds, and with the names "
                             "its index stores for search (spellingKey.isName)")
    parser.add_argument("--swiftc", default="swiftc")
    parser.add_argument("--build-dir", default=os.path.join(ROOT, ".build-variants", "tools"))
    parser.add_argument("--show", action="store_true", help="list wrong and missed pairs of each method")
    parser.add_argument("--bench", action="store_true", help="also time building the key map over 100,000 terms")
    parser.add_argument("--check", action="store_true", help="self-test of the measures only")
    args = parser.parse_args()
    self_check()
    if args.check:
        return 0

    texts = [json.loads(line)["text"] for line in open(args.corpus, encoding="utf-8") if line.strip()]
    vocab = vocabulary(texts)
    labels = read_labels(args.pairs)
    tool = build_tool(args.build_dir, args.swiftc)
    scored = {t for t, n in vocab.items() if n >= args.min_count}
    missing = [p for p in labels if p[0] not in scored or p[1] not in scored]
    if missing:
        sys.exit(f"{args.pairs}: terms not in the vocabulary with ≥ {args.min_count} documents: {missing[:5]}")

    with tempfile.TemporaryDirectory() as work:
        vocab_path = os.path.join(work, "vocab.tsv")
        with open(vocab_path, "w", encoding="utf-8") as f:
            f.writelines(f"{t}\t{n}\n" for t, n in vocab.items())
        name_sets = {"capitalised": capitalised_names(texts)}
        if args.ner:
            name_sets["entity"], name_sets["mention-share"] = entity_names(args.ner, args.corpus, work)
            name_sets["stored (spellingKey)"] = stored_names(args.ner, args.corpus, work)
            name_sets["stored, --no-entities"] = stored_names(args.ner, args.corpus, work, entities=False)
        methods = {}
        for label, names in name_sets.items():
            path = os.path.join(work, f"names-{label}.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.writelines(f"{n}\n" for n in sorted(names))
            methods[f"variant key, {label} names"], timing = proposed_pairs(tool, vocab_path, path, args.min_count)
        methods["variant key, no name set"], timing = proposed_pairs(tool, vocab_path, "-", args.min_count)
        typos = typo_pairs(scored)
        methods["typo tolerance (1 edit ≤5 letters, else 2)"] = typos
        caps = name_sets["capitalised"]
        methods["typo tolerance, capitalised names only"] = {p for p in typos if p[0] in caps and p[1] in caps}
        bench = None
        if args.bench:
            bench = subprocess.run([tool, "bench", vocab_path, "100000"], capture_output=True, text=True, check=True).stdout

    print(f"FA-KES: {len(texts)} articles, {len(vocab)} terms (porter stems), {len(scored)} in ≥ {args.min_count} "
          f"articles; {len(labels)} labelled pairs ({sum(1 for l, _ in labels.values() if l == 'variant')} variants); "
          f"names by capitalisation: {len(name_sets['capitalised'])}"
          + (f", entity-name stems: {len(name_sets['entity'])}, mention-share: {len(name_sets['mention-share'])}, "
             f"stored: {len(name_sets['stored (spellingKey)'])} (--no-entities: "
             f"{len(name_sets['stored, --no-entities'])})"
             if args.ner else ""))
    print(f"key map: {timing.lstrip('# ')}")
    print()
    print(f"{'method':44} {'proposed':>8} {'unlabelled':>10} {'precision':>10} {'recall':>8} {'name recall':>11}")
    for method, pairs in methods.items():
        precision, recall, true, judged, relevant, unlabelled = score(pairs, labels)
        _, name_recall, name_true, _, name_relevant, _ = score(pairs, labels, kind="name")
        print(f"{method:44} {len(pairs):8} {len(unlabelled):10} {precision:10.3f} {recall:8.3f} {name_recall:11.3f}"
              f"   ({true}/{judged} right; {true}/{relevant} and {name_true}/{name_relevant} found)")
        if args.show:
            wrong = sorted(p for p in pairs if labels.get(p, ("",))[0] == "different")
            missed = sorted(p for p, (l, _) in labels.items() if l == "variant" and p not in pairs)
            print(f"    wrong: {' '.join('/'.join(p) for p in wrong)}")
            print(f"    missed: {' '.join('/'.join(p) for p in missed)}")
            if unlabelled:
                print(f"    unlabelled: {' '.join('/'.join(p) for p in sorted(unlabelled)[:40])}")
    if bench:
        print()
        print("key map over 100,000 terms (FA-KES padded with made-up words), 5 runs:")
        print(bench.rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
