"""Crash safety of bellwether-index: SIGKILL at random moments, SIGINT/SIGTERM, two writers, and
readers searching while the indexer commits.

"What was committed" is read from the database itself: every commit of bellwether-index stores
`bellwether.last_commit` = {"through": "FILE:LINE", "records": N} atomically with the documents
(shown by `bellwether-search --stats`). The loads below are Reuters JSON Lines files in which every
line is one valid record with a distinct id, and each run reads the file from the top, so after
any sequence of killed runs on one database it must hold exactly the first K lines, where K is the
largest line number any commit recorded; and K is a multiple of --batch (commits happen only at
batch boundaries) unless a run completed.

Default (CI): 20 kills on a 2,000-record slice (each followed by a check and a complete re-run
that must converge to exactly the slice) plus 2 kills on the full 21,578-record corpus followed by
one converging re-run. BELLWETHER_LONG_TESTS=1 (scripts/test.sh --long) does 100 kills on the slice
and 10 on the full corpus. BELLWETHER_CRASH_SEED picks the random schedule (default 20261124).
"""
import json
import os
import random
import signal
import subprocess
import sys
import time
import unittest
from collections import Counter

from harness import TempDirTestCase, binary, run, shared

LONG = os.environ.get("BELLWETHER_LONG_TESTS") == "1"
SEED = int(os.environ.get("BELLWETHER_CRASH_SEED", "20261124"))
SLICE_RECORDS = 2000
SLICE_KILLS = 100 if LONG else 20
FULL_KILLS = 10 if LONG else 2
REUTERS = "corpora/reuters21578/reuters21578.jsonl"
REUTERS_RECORDS = 21578


def write_slice(source, target, lines):
    with open(source, "rb") as src, open(target, "wb") as dst:
        for _ in range(lines):
            dst.write(src.readline())


def read_ids(path):
    """The record ids of a JSONL file, in order (the Reuters file has one stray Latin-1 byte)."""
    ids = []
    with open(path, "rb") as f:
        for line in f:
            ids.append(json.loads(line.decode("utf-8", errors="replace"))["id"])
    return ids


def stats(db):
    code, out, err = run("bellwether-search", "--db", db, "--stats")
    if code != 0:
        raise AssertionError(f"bellwether-search --stats failed (exit {code}): {err}")
    return json.loads(out)


def xapian_check(test, db):
    proc = subprocess.run(["xapian-check", str(db)], capture_output=True, text=True, timeout=600)
    test.assertEqual(proc.returncode, 0, f"xapian-check {db} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-2000:]}")


def listed_ids(db):
    """The id of every document, as bellwether-search lists them (an empty query lists all)."""
    ids, page = [], 10000  # bellwether-search's largest --limit
    while True:
        code, out, err = run("bellwether-search", "--db", db, "--format", "jsonl", "--limit", page,
                             "--offset", len(ids), "--no-collapse", "--snippet-length", "0")
        if code != 0:
            raise AssertionError(f"listing the documents failed (exit {code}): {err}")
        got = [json.loads(line)["id"] for line in out.splitlines() if line.strip()]
        ids += got
        if len(got) < page:
            return ids


def committed_line(db_stats, path):
    """The input line through which the last commit recorded in `db_stats` went (0 when none)."""
    last = db_stats.get("last_commit")
    if not last:
        return 0
    through = last["through"]
    file, _, line = through.rpartition(":")
    if file != str(path):
        raise AssertionError(f"last_commit names {through}, not {path}")
    return int(line)


def database_exists(db):
    return (db / "iamglass").exists()


def start_index(db, inputs, batch, *extra):
    return subprocess.Popen([binary("bellwether-index"), "--db", str(db), "--batch", str(batch),
                             "--progress", "never", *extra, *map(str, inputs)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace")


class CrashSafetyTest(TempDirTestCase):
    """SIGKILL at random moments: nothing committed is lost, nothing uncommitted shows, no damage."""

    def timed_full_run(self, db, source, batch):
        started = time.monotonic()
        proc = start_index(db, [source], batch)
        _, err = proc.communicate(timeout=900)
        self.assertEqual(proc.returncode, 0, err[-2000:])
        return time.monotonic() - started

    def check_after_kill(self, db, source, batch, high_water, records):
        """Checks a killed database; returns the new high-water line (what it must hold)."""
        if not database_exists(db):
            # Killed before Xapian wrote the database's version file: nothing exists to damage.
            self.assertEqual(high_water, 0)
            return 0
        xapian_check(self, db)
        s = stats(db)  # the database opens and reads as a Bellwether database
        line = committed_line(s, source)
        high_water = max(high_water, line)
        self.assertEqual(s["documents"], high_water,
                         f"holds {s['documents']} documents, but the commits went through line {high_water}")
        self.assertTrue(line % batch == 0 or line == records, f"commit at line {line} with --batch {batch}")
        return high_water

    def check_converged(self, db, ids):
        xapian_check(self, db)
        s = stats(db)
        self.assertEqual(s["documents"], len(ids))
        listed = listed_ids(db)
        duplicated = sorted(i for i, n in Counter(listed).items() if n > 1)
        self.assertEqual(duplicated[:20], [], "ids held by more than one document")
        missing = set(ids) - set(listed)
        self.assertEqual(sorted(missing)[:20], [], f"{len(missing)} ids missing")
        self.assertEqual(len(listed), len(ids))

    def kill_runs(self, source, records, kills, batches, converge_each, rng, label, duration=None):
        """Runs the load `kills` times, SIGKILLing each run at a random moment within `duration`
        (measured with a clean run when not given); returns that duration."""
        ids = read_ids(source)
        self.assertEqual(len(ids), records)
        self.assertEqual(len(set(ids)), records, "the load must have distinct ids for these checks")
        if duration is None:
            duration = self.timed_full_run(self.tmp / f"{label}-timing.db", source, max(batches))
        db = self.tmp / f"{label}.db"
        high_water = 0
        done = completed = attempts = 0
        while done < kills:
            attempts += 1
            self.assertLess(attempts, kills * 8, "runs kept finishing before the kill: the timing is off")
            if converge_each and rng.random() < 0.5:
                # Half the time start from scratch (kills during creation and adds), else kill a
                # re-run over a complete database (kills during replacement).
                subprocess.run(["rm", "-rf", str(db)], check=True)
                high_water = 0
            batch = rng.choice(batches)
            delay = rng.uniform(0.0, duration * 0.9)
            proc = start_index(db, [source], batch)
            time.sleep(delay)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
            proc.communicate(timeout=60)
            # The run may exit between poll() and the signal: then it finished, and must have
            # finished cleanly; anything but a clean exit or the kill fails the test.
            self.assertIn(proc.returncode, (0, -signal.SIGKILL))
            if proc.returncode == -signal.SIGKILL:
                done += 1
            else:
                completed += 1
            high_water = self.check_after_kill(db, source, batch, high_water, records)
            if converge_each:
                # Track the machine's current speed: a busy machine at the timing run would
                # otherwise make later kills land after the run finished.
                duration = self.timed_full_run(db, source, batch)
                self.check_converged(db, ids)
                high_water = records
        if not converge_each:
            self.timed_full_run(db, source, max(batches))
            self.check_converged(db, ids)
        figures = (f"crash safety [{label}]: {done} SIGKILLs survived ({completed} runs finished before their kill), "
                   f"seed {SEED}, clean run {duration:.1f} s")
        print(figures, file=sys.stderr)
        return duration

    def test_sigkill_during_loads(self):
        source = shared(REUTERS)
        slice_path = self.tmp / "reuters-slice.jsonl"
        write_slice(source, slice_path, SLICE_RECORDS)
        slice_seconds = self.kill_runs(slice_path, SLICE_RECORDS, SLICE_KILLS, [50, 100, 250], True,
                                       random.Random(SEED), "slice")
        # The whole corpus: kills spread over the time a clean load would take (estimated from the
        # slice, to spare a full timing run), then one complete re-run must converge.
        estimate = slice_seconds * REUTERS_RECORDS / SLICE_RECORDS
        self.kill_runs(source, REUTERS_RECORDS, FULL_KILLS, [1000], False, random.Random(SEED + 1), "full", estimate)


if __name__ == "__main__":
    unittest.main()
