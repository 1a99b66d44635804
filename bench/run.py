#!/usr/bin/env python3
"""Bellwether benchmarks, side by side with peers in the same run. One command runs them all:

  bench/run.py                 indexing + queries on Reuters-21578, scale at 100k documents (also as
                               2 shards behind xapian-tcpsrv on loopback vs 1 local database)
  bench/run.py --million       ... and the scale bench at 1,000,000 documents too (takes a while)
  bench/run.py --smoke         a seconds-long version on a slice (what CI runs; figures meaningless)
  bench/run.py --only index|query|scale
  bench/run.py --repeat 3      each indexing job 3 times, the fastest counts (on a shared machine)

Each bench prints markdown tables and saves its figures to bench/results/<bench>.json.
Peers (installed from Debian by this script when missing): Omega's scriptindex (xapian-omega) with
an index script equivalent to Bellwether's article fields (bench/reuters.omega-script), and SQLite
FTS5 (porter unicode61) through python3's sqlite3 module. Binaries come from ./build (or
$BELLWETHER_BUILD); corpora from ../shared (or $BELLWETHER_SHARED).
"""
import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402
from common import BENCH_DIR, REUTERS, binary, dir_mb, run_measured, save, table  # noqa: E402

STOPWORDS = set("""a about after all also an and any are as at be been but by can could for from had has
have he her his if in into is it its more new not of on one or our out said she so than that the their
them there they this to up was we were what when which who will with would year years mln pct dlrs""".split())
WORD = re.compile(r"[A-Za-z]{3,}")


def ensure_peers():
    """Installs xapian-omega (scriptindex) when missing; FTS5 comes with python3's sqlite3."""
    if shutil.which("scriptindex") is None:
        print("bench: installing xapian-omega for scriptindex", file=sys.stderr)
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "xapian-omega"],
                       check=True, env=env, stdout=subprocess.DEVNULL)
    import sqlite3
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61')")


def first_lines(src, dst, n):
    with open(src, "rb") as f, open(dst, "wb") as out:
        for i, line in enumerate(f):
            if i >= n:
                break
            out.write(line)


def scriptindex_dump(jsonl, dump):
    """Converts JSONL into scriptindex's input format (field=value lines, records separated by a
    blank line; continuation lines start with '='). Done before timing: it is input preparation."""
    def put(out, name, value):
        lines = str(value).replace("\r", " ").split("\n")
        out.write(f"{name}={lines[0]}\n")
        for more in lines[1:]:
            out.write(f"={more}\n")

    with open(jsonl, "rb") as f, open(dump, "w", encoding="utf-8") as out:
        for raw in f:
            rec = json.loads(raw.decode("utf-8", "replace"))
            put(out, "id", rec["id"])
            for name in ("title", "body"):
                if rec.get(name):
                    put(out, name, rec[name])
            date = rec.get("date") or ""
            if date:
                put(out, "date", date)
                put(out, "day", date[:10].replace("-", ""))
            for name in ("topics", "places", "people", "orgs", "exchanges", "tickers", "actors"):
                for value in rec.get(name) or []:
                    put(out, name, value)
            out.write("\n")


REPEAT = 1  # --repeat: each indexing run is done this many times; the fastest (least disturbed) counts


def measured(cmd, prepare=None):
    """Best (lowest wall time) of REPEAT runs of cmd: (wall s, peak RSS MB, CPU s)."""
    best = None
    for _ in range(REPEAT):
        if prepare:
            prepare()
        secs, rss, cpu = run_checked(cmd)
        if best is None or secs < best[0]:
            best = (secs, rss, cpu)
    return best


def run_checked(cmd):
    """One run of cmd, which must succeed: (wall s, peak RSS MB, CPU s)."""
    secs, rss, rc, err, cpu = run_measured(cmd)
    if rc != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} failed ({rc}):\n{err[-2000:]}")
    return secs, rss, cpu


def bellwether_index_cmd(db, inputs, threads, extra=()):
    return [binary("bellwether-index"), "--db", str(db), "--progress", "never", "--threads", str(threads),
            *extra, *map(str, inputs)]


def bellwether_index(db, inputs, threads, extra=()):
    return measured(bellwether_index_cmd(db, inputs, threads, extra), lambda: shutil.rmtree(db, ignore_errors=True))


# ---------------------------------------------------------------------------------------------
def bench_index(work, corpus, threads, figures):
    docs = sum(1 for _ in open(corpus, "rb"))
    mb = os.path.getsize(corpus) / 1e6
    load_before = "%.2f" % os.getloadavg()[0]
    dump = work / "reuters.scriptindex"
    scriptindex_dump(corpus, dump)
    omega_db, fts_db = work / "omega.db", work / "fts5.sqlite"

    def bellwether(t, extra=(), name=None):
        db = work / (name or f"bw-t{t}.db")
        return bellwether_index_cmd(db, [corpus], t, extra), db, lambda: shutil.rmtree(db, ignore_errors=True)

    # (system, command, database path, what to clear before each run)
    jobs = [(f"bellwether-index --threads {t}", *bellwether(t)) for t in sorted({1, threads})]
    jobs.append(("bellwether-index --threads 1 --single-writer", *bellwether(1, ["--single-writer"], "bw-single.db")))
    jobs.append(("omega scriptindex",
                 ["scriptindex", "--overwrite", str(omega_db), str(BENCH_DIR / "reuters.omega-script"), str(dump)],
                 omega_db, lambda: shutil.rmtree(omega_db, ignore_errors=True)))
    jobs.append(("sqlite fts5 (python3 sqlite3)",
                 [sys.executable, str(BENCH_DIR / "fts5.py"), "index", str(fts_db), str(corpus)],
                 fts_db, lambda: fts_db.unlink(missing_ok=True)))

    # The systems run in alternating rounds (each once per round), not each K times in a row: this
    # VM's speed drifts by 20% and more within minutes (the same job's CPU seconds vary that much),
    # and a drift between two systems' turns would show up in their ratio. Each round's ratio
    # compares runs made a few seconds apart; the median of those is the headline figure, and the
    # fastest run of each system is kept too.
    runs = {name: [] for name, *_ in jobs}
    for _ in range(REPEAT):
        for name, cmd, path, prepare in jobs:
            prepare()
            secs, rss, cpu = run_checked(cmd)
            runs[name].append({"seconds": secs, "cpu_seconds": cpu, "peak_rss_mb": rss, "index_mb": dir_mb(path)})
    shutil.rmtree(work / "bw-single.db", ignore_errors=True)

    rows = []
    for name, *_ in jobs:
        best = min(runs[name], key=lambda r: r["seconds"])
        rows.append({"system": name, **best, "docs_per_s": docs / best["seconds"], "mb_per_s": mb / best["seconds"],
                     "docs_per_cpu_s": docs / best["cpu_seconds"], "runs_s": [r["seconds"] for r in runs[name]]})
    by = {r["system"]: r for r in rows}
    n_name, one_name = f"bellwether-index --threads {threads}", "bellwether-index --threads 1"

    def per_round(a, b):
        """Round by round, b's time / a's time (a's speed as a multiple of b's)."""
        return [rb["seconds"] / ra["seconds"] for ra, rb in zip(runs[a], runs[b])]

    def paired(a, b):
        return statistics.median(per_round(a, b))

    ratios = {"bellwether_N_vs_scriptindex": paired(n_name, "omega scriptindex"),
              "bellwether_1_vs_scriptindex": paired(one_name, "omega scriptindex"),
              "bellwether_N_vs_fts5": paired(n_name, "sqlite fts5 (python3 sqlite3)"),
              "bellwether_N_vs_1": paired(n_name, one_name)}
    best_ratios = {"bellwether_N_vs_scriptindex": by[n_name]["docs_per_s"] / by["omega scriptindex"]["docs_per_s"],
                   "bellwether_1_vs_scriptindex": by[one_name]["docs_per_s"] / by["omega scriptindex"]["docs_per_s"]}
    n_rounds = per_round(n_name, "omega scriptindex")
    table(f"Indexing {corpus.name}: {docs:,} documents, {mb:.1f} MB; fastest of {REPEAT} alternating round(s) "
          f"(load average before: {load_before})",
          ["system", "wall s", "CPU s", "docs/s", "MB/s", "docs/CPU-s", "peak RSS MB", "index MB", "x scriptindex"],
          [[r["system"], r["seconds"], r["cpu_seconds"], r["docs_per_s"], r["mb_per_s"], r["docs_per_cpu_s"],
            r["peak_rss_mb"], r["index_mb"], r["docs_per_s"] / by["omega scriptindex"]["docs_per_s"]] for r in rows])
    print("\nratios (median over rounds of the two systems' times in the same round): "
          + ", ".join(f"{k} {v:.2f}x" for k, v in ratios.items()))
    print(f"{n_name} vs scriptindex, round by round: " + ", ".join(f"{r:.2f}x" for r in n_rounds)
          + f"; fastest vs fastest: {best_ratios['bellwether_N_vs_scriptindex']:.2f}x")
    figures.update({"repeat": REPEAT, "load_average_before": float(load_before), "corpus": str(corpus.name), "documents": docs, "input_mb": mb, "threads": threads,
                    "systems": rows, "ratios": ratios, "ratios_fastest_runs": best_ratios,
                    "bellwether_N_vs_scriptindex_per_round": n_rounds})
    return work / f"bw-t{threads}.db", fts_db


# ---------------------------------------------------------------------------------------------
def reuters_queries(corpus, n, seed=7):
    """n queries of 1-3 words taken from Reuters titles (seeded): Bellwether and FTS5 forms."""
    rng = random.Random(seed)
    titles = []
    with open(corpus, "rb") as f:
        for raw in f:
            title = json.loads(raw.decode("utf-8", "replace")).get("title") or ""
            words = [w.lower() for w in WORD.findall(title) if w.lower() not in STOPWORDS]
            if words:
                titles.append(words)
    queries = []
    while len(queries) < n:
        words = rng.choice(titles)
        k = min(len(words), rng.choice([1, 1, 2, 2, 3]))
        start = rng.randrange(len(words) - k + 1)
        queries.append(words[start:start + k])
    return queries


def write_query_files(work, queries, name):
    bw_path, fts_path = work / f"{name}.bw.jsonl", work / f"{name}.fts.jsonl"
    with open(bw_path, "w") as bw, open(fts_path, "w") as fts:
        for words in queries:
            text = " ".join(words)
            fts_expr = " ".join(f'"{w}"' for w in words)
            bw.write(json.dumps({"class": "top 10", "query": text}) + "\n")
            fts.write(json.dumps({"class": "top 10", "fts": fts_expr}) + "\n")
        for words in queries:  # what FTS5's top 10 returns: ids and scores
            text = " ".join(words)
            fts_expr = " ".join(f'"{w}"' for w in words)
            bw.write(json.dumps({"class": "top 10 ids", "query": text, "fields": ["id"]}) + "\n")
            fts.write(json.dumps({"class": "top 10 ids", "fts": fts_expr}) + "\n")
        for words in queries:  # ... and no total either: FTS5's top 10 counts nothing
            text = " ".join(words)
            fts_expr = " ".join(f'"{w}"' for w in words)
            bw.write(json.dumps({"class": "top 10 ids, no count", "query": text, "fields": ["id"],
                                 "count_up_to": 0}) + "\n")
            fts.write(json.dumps({"class": "top 10 ids, no count", "fts": fts_expr}) + "\n")
        for words in queries:
            text = " ".join(words)
            fts_expr = " ".join(f'"{w}"' for w in words)
            bw.write(json.dumps({"class": "top 10 + facets", "query": text, "snippet": 200,
                                 "facets": ["topic", "place", "actor", "date"]}) + "\n")
            fts.write(json.dumps({"class": "top 10 + facets", "fts": fts_expr, "snippet": 24}) + "\n")
    return bw_path, fts_path


def query_bench(db, bw_queries, repeat=1, extra=()):
    out = subprocess.run([binary("bellwether-query-bench"), str(db), str(bw_queries), "--repeat", str(repeat), *extra],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


REUTERS_CLASSES = ("top 10", "top 10 ids", "top 10 ids, no count", "top 10 + facets")


def bench_query(work, corpus, bw_db, fts_db, n, figures):
    queries = reuters_queries(corpus, n)
    bw_path, fts_path = write_query_files(work, queries, "reuters")
    # --repeat K: K rounds, each running Bellwether then FTS5, every timing of every round kept: this
    # VM's speed drifts within minutes (FTS5's p50 moved 25% between two runs of one command), so
    # the two systems take turns rather than one running wholly before the other.
    bw_samples, fts_samples = {}, {}
    for _ in range(REPEAT):
        for cls, entry in query_bench(bw_db, bw_path, extra=("--samples",)).items():
            bw_samples.setdefault(cls, []).extend(entry["samples_ms"])
        out = subprocess.run([sys.executable, str(BENCH_DIR / "fts5.py"), "query", str(fts_db), str(fts_path)],
                             check=True, capture_output=True, text=True).stdout
        for cls, values in json.loads(out).items():
            fts_samples.setdefault(cls, []).extend(values)
    bw = {k: common.latency_summary(v) for k, v in bw_samples.items()}
    fts = {k: common.latency_summary(v) for k, v in fts_samples.items()}
    rows = []
    for cls in REUTERS_CLASSES:
        for system, res in (("bellwether", bw), ("sqlite fts5", fts)):
            r = res[cls]
            rows.append([system, cls, r["n"], r["p50_ms"], r["p95_ms"], r["p99_ms"], r["mean_ms"]])
    ratios = {f"{cls}_{p}_fts5_over_bellwether": fts[cls][f"{p}_ms"] / max(bw[cls][f"{p}_ms"], 1e-9)
              for cls in REUTERS_CLASSES for p in ("p50", "p99")}
    table(f"Queries on {corpus.name}: {n} queries (1-3 title words, AND), one process each, warm cache; "
          f"{REPEAT} alternating round(s)",
          ["system", "class", "n", "p50 ms", "p95 ms", "p99 ms", "mean ms"], rows)
    print("\nratios (FTS5 time / Bellwether time): " + ", ".join(f"{k} {v:.1f}x" for k, v in ratios.items()))
    figures.update({"queries": n, "rounds": REPEAT, "bellwether": bw, "fts5": fts, "ratios": ratios,
                    "note": "top 10: Bellwether result items (id, type, title, date, source, entities, no snippet; total "
                            "exact up to 10,000 matches) vs FTS5 top 10 by bm25 (id and score); top 10 ids: Bellwether "
                            "with fields=id (id, rank and score, what FTS5 returns) vs the same FTS5 query; top 10 ids, no "
                            "count: the same with count_up_to=0 (Xapian's estimate of the total, from the ranked pass "
                            "alone; FTS5's top 10 counts nothing) vs the same FTS5 query; top 10 + "
                            "facets: Bellwether with 200-char snippets and 4 facet counts over all matches vs FTS5 top "
                            "10 + snippet() + count(*)"})


# ---------------------------------------------------------------------------------------------
def scale_queries(archive, n_per_class, seed=11):
    """Five query classes drawn from the generated archive's own vocabulary (seeded), and the common
    terms again counted exactly (the default counts exactly up to 10,000 matches, then estimates)."""
    rng = random.Random(seed)
    df, bigrams, tickers = {}, [], []
    with open(archive, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= 20000:
                break
            rec = json.loads(line)
            words = [w.lower() for w in WORD.findall(rec["body"])]
            for w in set(words):
                if w not in STOPWORDS:
                    df[w] = df.get(w, 0) + 1
            if i % 10 == 0 and len(words) > 2:
                j = rng.randrange(len(words) - 1)
                if words[j] not in STOPWORDS and words[j + 1] not in STOPWORDS:
                    bigrams.append(words[j:j + 2])
            tickers.extend(rec["tickers"])
    ranked = sorted(df, key=lambda w: -df[w])
    common_terms, mid_terms = ranked[:100], ranked[300:5000]
    out = []
    for _ in range(n_per_class):
        out.append({"class": "common term", "query": rng.choice(common_terms)})
        out.append(dict(out[-1], **{"class": "common term, exact total", "exact_total": True}))
        out.append({"class": "three-term OR", "query": " OR ".join(rng.sample(mid_terms, 3))})
        out.append({"class": "phrase", "query": '"' + " ".join(rng.choice(bigrams)) + '"'})
        year, month = rng.randint(2014, 2025), rng.randint(1, 7)
        out.append({"class": "ticker+date range", "query":
                    f"ticker:{rng.choice(tickers)} date:{year}-{month:02d}-01..{year}-{month + 5:02d}-28"})
        out.append({"class": "facets+snippets", "query": rng.choice(common_terms), "snippet": 200,
                    "facets": ["ticker", "actor", "topic", "date"]})
    return out


def remote_query_bench(work, n, archive, threads, qpath):
    """The archive indexed with --shards 2, each shard served by a stock xapian-tcpsrv on loopback,
    queried through a remote stub: latencies per class, or None without xapian-tcpsrv."""
    tcpsrv = shutil.which("xapian-tcpsrv")
    if not tcpsrv:
        print("scale: xapian-tcpsrv not installed (Debian package xapian-tools): no remote row", file=sys.stderr)
        return None
    shards = work / f"archive-{n}.shards"
    shutil.rmtree(shards, ignore_errors=True)
    bellwether_index(shards, [archive], threads, ["--shards", "2"])
    servers, stub = [], work / f"archive-{n}.remote-stub"
    try:
        lines = []
        for k in range(2):
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
            servers.append(subprocess.Popen([tcpsrv, "--interface", "127.0.0.1", "--port", str(port),
                                             str(shards / f"shard-{k}")],
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                            # On SIGTERM xapian-tcpsrv signals its whole process group
                                            # (to stop its forked connections): give it its own.
                                            start_new_session=True))
            deadline = time.monotonic() + 30
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or servers[-1].poll() is not None:
                        raise RuntimeError(f"xapian-tcpsrv on port {port} did not start")
                    time.sleep(0.1)
            lines.append(f"remote 127.0.0.1:{port}\n")
        stub.write_text("".join(lines))
        return query_bench(stub, qpath)
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        shutil.rmtree(shards, ignore_errors=True)


def bench_scale(work, sizes, threads, figures):
    rows, qrows, rrows, crows, results = [], [], [], [], {}
    for n in sizes:
        archive = work / f"archive-{n}.jsonl"
        if not archive.exists():
            subprocess.run([sys.executable, str(BENCH_DIR / "gen_archive.py"), str(n), str(archive)], check=True)
        mb = os.path.getsize(archive) / 1e6
        db = work / f"archive-{n}.db"
        secs, rss, cpu = bellwether_index(db, [archive], threads)
        size = dir_mb(db)
        qpath = work / f"archive-{n}.queries.jsonl"
        with open(qpath, "w") as f:
            for q in scale_queries(archive, 100):
                f.write(json.dumps(q) + "\n")
        lat = query_bench(db, qpath)
        # The same queries on one thread: every counting pass after the ranked pass, not beside it
        # (searcher/parallel_count.h), and phrases ranked whole, not in two docid halves
        # (searcher/ranked_window.h): what the second thread saves, in the same run.
        in_line = query_bench(db, qpath, extra=["--in-line-count"])
        remote = remote_query_bench(work, n, archive, threads, qpath)
        results[str(n)] = {"documents": n, "input_mb": mb, "index_seconds": secs, "cpu_seconds": cpu,
                           "docs_per_s": n / secs, "load_average": os.getloadavg()[0],
                           "peak_rss_mb": rss, "index_mb": size, "queries": lat, "queries_count_in_line": in_line,
                           "remote_2_shards": remote}
        rows.append([f"{n:,}", mb, secs, cpu, n / secs, rss, size])
        for cls, r in lat.items():
            qrows.append([f"{n:,}", cls, r["p50_ms"], r["p95_ms"], r["p99_ms"], r["mean_total"]])
            il = in_line[cls]
            crows.append([f"{n:,}", cls, r["p50_ms"], il["p50_ms"], r["p99_ms"], il["p99_ms"],
                          il["p99_ms"] / max(r["p99_ms"], 1e-9)])
            if remote:
                rr = remote[cls]
                rrows.append([f"{n:,}", cls, r["p50_ms"], rr["p50_ms"], r["p99_ms"], rr["p99_ms"],
                              rr["p50_ms"] / max(r["p50_ms"], 1e-9)])
        shutil.rmtree(db, ignore_errors=True)
    table(f"Scale: generated archive (bench/gen_archive.py, seed 42), --threads {threads}",
          ["documents", "input MB", "index s", "CPU s", "docs/s", "peak RSS MB", "index MB"], rows)
    table("Scale: query latency (100 queries per class, warm cache, one process)",
          ["documents", "class", "p50 ms", "p95 ms", "p99 ms", "mean matches"], qrows)
    table("Scale: a second thread per search (count beside, phrases in two halves; the default) vs one (--in-line-count)",
          ["documents", "class", "beside p50", "in line p50", "beside p99", "in line p99", "in line/beside p99"], crows)
    if rrows:
        table("Scale: the same queries on 1 local database vs 2 shards on xapian-tcpsrv (loopback)",
              ["documents", "class", "local p50", "remote p50", "local p99", "remote p99", "remote/local p50"], rrows)
    figures.update({"threads": threads, "sizes": results})


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=["index", "query", "scale"], action="append")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="N for the parallel runs")
    parser.add_argument("--scale", type=int, default=100000, help="documents in the scale bench")
    parser.add_argument("--million", action="store_true", help="also run the scale bench at 1,000,000")
    parser.add_argument("--smoke", action="store_true", help="tiny inputs: checks the benches still run")
    parser.add_argument("--work", help="scratch directory (default: a temporary one)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each indexing job K times and keep the fastest, and the Reuters queries in K "
                             "alternating rounds (Bellwether, FTS5, ...), every timing kept (for a busy machine)")
    args = parser.parse_args()
    global REPEAT
    REPEAT = max(1, args.repeat)
    only = set(args.only or ["index", "query", "scale"])
    if not REUTERS.exists():
        print(f"bench: {REUTERS} is missing (the benches need ../shared/corpora); skipped", file=sys.stderr)
        sys.exit(77)
    if args.smoke and shutil.which("scriptindex") is None:
        print("bench: scriptindex is not installed (scripts/install-deps.sh installs xapian-omega); skipped",
              file=sys.stderr)
        sys.exit(77)
    ensure_peers()
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="bellwether-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    suffix = "-smoke" if args.smoke else ""
    try:
        corpus = REUTERS
        if args.smoke:
            corpus = work / "reuters-slice.jsonl"
            first_lines(REUTERS, corpus, 200)
        bw_db = fts_db = None
        if "index" in only or "query" in only:
            figures = {}
            bw_db, fts_db = bench_index(work, corpus, args.threads, figures)
            if "index" in only:
                save("index" + suffix, figures)
        if "query" in only:
            figures = {}
            bench_query(work, corpus, bw_db, fts_db, 50 if args.smoke else 500, figures)
            save("query" + suffix, figures)
        if "scale" in only:
            sizes = [500] if args.smoke else [args.scale] + ([1000000] if args.million else [])
            figures = {}
            bench_scale(work, sizes, args.threads, figures)
            save("scale" + suffix, figures)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
