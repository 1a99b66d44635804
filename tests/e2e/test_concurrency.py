"""Stopping and sharing a database: SIGINT/SIGTERM make bellwether-index commit what it indexed,
print its summary and exit 1; a second writer on a database fails at once with a clear message and
damages nothing; searches running in a loop while the indexer commits never fail."""
import re
import signal
import sys
import threading
import time
import unittest

from harness import EXAMPLES, TempDirTestCase, run, shared
from test_crash_safety import REUTERS, committed_line, database_exists, start_index, stats, write_slice, xapian_check

LOAD_RECORDS = 6000  # a slice of Reuters: long enough to signal or share mid-load, quick to finish


class StopSignalTest(TempDirTestCase):
    """SIGINT/SIGTERM: the indexer commits what it indexed, prints its summary and exits 1."""

    def stop_with(self, sig):
        source = self.tmp / "load.jsonl"
        write_slice(shared(REUTERS), source, LOAD_RECORDS)
        db = self.tmp / "db"
        proc = start_index(db, [source], 250)
        # Wait for the first commit so the signal lands in the middle of the load.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if database_exists(db) and run("bellwether-search", "--db", db, "--stats")[0] == 0 \
                    and (stats(db).get("documents") or 0) > 0:
                break
            time.sleep(0.1)
        self.assertIsNone(proc.poll(), "the load finished before the signal could be sent")
        sent = time.monotonic()
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
        stop_seconds = time.monotonic() - sent
        self.assertEqual(proc.returncode, 1, err[-2000:])
        summary = err.strip().splitlines()[-1]
        self.assertIn("interrupted", summary)
        m = re.match(r"^bellwether-index: (\d+) read, (\d+) added, 0 replaced, 0 deleted, 0 skipped", summary)
        self.assertIsNotNone(m, summary)
        read, added = int(m.group(1)), int(m.group(2))
        self.assertLess(read, LOAD_RECORDS)
        xapian_check(self, db)
        s = stats(db)
        self.assertEqual(s["documents"], added, "the summary and the database disagree")
        self.assertEqual(committed_line(s, source), read)
        self.assertLess(stop_seconds, 30)
        print(f"{signal.Signals(sig).name}: stopped after {read} records in {stop_seconds:.2f} s", file=sys.stderr)

    def test_sigterm(self):
        self.stop_with(signal.SIGTERM)

    def test_sigint(self):
        self.stop_with(signal.SIGINT)


class ConcurrencyTest(TempDirTestCase):
    def test_second_writer_fails_clearly_and_damages_nothing(self):
        source = self.tmp / "load.jsonl"
        write_slice(shared(REUTERS), source, LOAD_RECORDS)
        db = self.tmp / "db"
        first = start_index(db, [source], 500)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and first.poll() is None and not database_exists(db):
            time.sleep(0.05)
        time.sleep(0.3)
        self.assertIsNone(first.poll(), "the first writer finished too early")
        code, _, err = run("bellwether-index", "--db", db, EXAMPLES)
        self.assertEqual(code, 3, err)
        self.assertIn("locked", err)
        self.assertIn("another process", err)
        _, first_err = first.communicate(timeout=900)
        self.assertEqual(first.returncode, 0, first_err[-2000:])
        xapian_check(self, db)
        self.assertEqual(stats(db)["documents"], LOAD_RECORDS)
        # Once the first writer is done the second one runs normally.
        code, _, err = run("bellwether-index", "--db", db, EXAMPLES)
        self.assertEqual(code, 0, err)

    def test_readers_never_fail_while_the_indexer_commits(self):
        source = shared(REUTERS)
        slice_path = self.tmp / "reuters-slice.jsonl"
        write_slice(source, slice_path, LOAD_RECORDS)
        db = self.tmp / "db"
        # A first small commit so readers have a database to open.
        write_slice(source, self.tmp / "first.jsonl", 10)
        run("bellwether-index", "--db", db, self.tmp / "first.jsonl", check_code=0)
        queries = self.tmp / "queries.txt"
        queries.write_text("\n".join(["cocoa", "oil OR crude", "topic:earn", "place:usa profit", '"net loss"',
                                      "bank* -rate", "date:1987-03..1987-04 sugar", "trade deficit"] * 5) + "\n")
        writer = start_index(db, [slice_path], 25)  # a commit every 25 documents
        failures, searches = [], [0]

        def reader(args):
            while writer.poll() is None:
                code, out, err = run("bellwether-search", "--db", db, *args)
                searches[0] += 1
                if code != 0:
                    failures.append(f"{args}: exit {code}: {err.strip()[-500:]}")

        threads = [threading.Thread(target=reader, args=(a,)) for a in (
            ["--queries", queries, "--format", "jsonl"],  # one process running 40 queries back to back
            ["cocoa OR oil", "--facets", "topic,place,date", "--format", "json"],
        )]
        for t in threads:
            t.start()
        _, err = writer.communicate(timeout=900)
        for t in threads:
            t.join()
        self.assertEqual(writer.returncode, 0, err[-2000:])
        self.assertEqual(failures, [])
        self.assertGreater(searches[0], 5, "too few searches overlapped the writes to prove anything")
        print(f"readers during writes: {searches[0]} search processes, no failures", file=sys.stderr)


if __name__ == "__main__":
    unittest.main()
