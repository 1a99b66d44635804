"""Shared helpers for the Bellwether benchmarks: running a command while measuring its wall time and
peak RSS, sizes on disk, percentiles, tables, and where the binaries and corpora are."""
import json
import os
import platform
import subprocess
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
SHARED_DIR = Path(os.environ.get("BELLWETHER_SHARED", PROJECT_DIR.parent / "shared"))
BUILD_DIR = Path(os.environ.get("BELLWETHER_BUILD", PROJECT_DIR / "build"))
RESULTS_DIR = Path(os.environ.get("BELLWETHER_BENCH_RESULTS", BENCH_DIR / "results"))
REUTERS = SHARED_DIR / "corpora" / "reuters21578" / "reuters21578.jsonl"


def binary(name):
    """Path of a built executable (indexer/, searcher/ or bench/ under the build directory)."""
    for sub in ("indexer", "searcher", "bench", "server", "."):
        path = BUILD_DIR / sub / name
        if path.exists():
            return str(path)
    raise SystemExit(f"bench: {name} not found under {BUILD_DIR}; build first "
                     "(cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j2)")


def run_measured(cmd, stdin=None, stdout=subprocess.DEVNULL, env=None):
    """Runs cmd; returns (wall seconds, peak RSS in MB, exit status, stderr text, CPU seconds).
    Peak RSS and CPU time (user + system) come from wait4()'s rusage of that child alone."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, env=env)
    stderr = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024.0, proc.returncode, stderr, usage.ru_utime + usage.ru_stime


def dir_mb(path):
    path = Path(path)
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def percentile(values, p):
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = int(p / 100.0 * (len(ordered) - 1) + 0.5)
    return ordered[min(rank, len(ordered) - 1)]


def latency_summary(values):
    return {"n": len(values), "p50_ms": percentile(values, 50), "p95_ms": percentile(values, 95),
            "p99_ms": percentile(values, 99), "mean_ms": sum(values) / len(values) if values else 0.0,
            "max_ms": max(values) if values else 0.0}


def table(title, headers, rows):
    """Prints a GitHub-style markdown table (so it can go into the README as is)."""
    def fmt(v):
        if isinstance(v, float):
            return f"{v:,.3f}" if abs(v) < 10 else f"{v:,.1f}"
        return str(v)
    cells = [[fmt(v) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    print(f"\n### {title}\n")
    print("| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in cells:
        print("| " + " | ".join(c.rjust(w) for c, w in zip(r, widths)) + " |")


def speed_check(iterations=5_000_000):
    """Seconds for a fixed pure-Python loop: this VM's speed varies from day to day (2026-12-02 it ran
    the same builds 2.5-3x slower than the day before), so every saved figure carries this check to
    tell a slower day from a regression. Lower is faster; 0.36 s on 2026-12-02."""
    start = time.perf_counter()
    total = 0
    for i in range(iterations):
        total += i
    return round(time.perf_counter() - start, 3)


def machine():
    cpu = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    xapian = subprocess.run(["xapian-config", "--version"], capture_output=True, text=True).stdout.strip()
    return {"date_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "cpu": cpu, "cores": os.cpu_count(),
            "kernel": platform.release(), "python": platform.python_version(), "xapian": xapian,
            "load_average": os.getloadavg()[0], "speed_check_s": speed_check()}


def save(name, figures):
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    with open(path, "w") as out:
        json.dump({"machine": machine(), **figures}, out, indent=1, sort_keys=False)
    print(f"\n(saved {path})")
    return path
