"""bellwether-index's parallel pipeline from the outside: a signal mid-run commits what was
indexed and exits 1; --compact keeps every document; the summary is the same whatever --threads."""
import json
import re
import signal
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

from harness import EXAMPLES, binary, run


def record(i):
    return json.dumps({"id": f"stream-{i}", "title": f"Streamed record {i}", "body": f"Memory chips line {i}."})


class ParallelIndexTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = Path(self.tmp.name) / "db"

    def tearDown(self):
        self.tmp.cleanup()

    def count(self):
        code, out, _ = run("bellwether-search", "--db", self.db, "--format", "json", "--limit", "0", "stream",
                           check_code=0)
        return json.loads(out)["total"]

    def interrupt(self, sig, threads):
        """Signals a run mid-way: it must stop, commit what it counted and exit 1. The run reads a big
        file and then standard input, which stays open and empty until the signal has been handled,
        so the signal lands mid-run however fast the machine indexes the file."""
        big = Path(self.tmp.name) / "big.jsonl"
        with open(big, "w") as f:
            for i in range(50000):
                f.write(record(i) + "\n")
        proc = subprocess.Popen([binary("bellwether-index"), "--db", str(self.db), "--threads", str(threads),
                                 "--progress", "never", str(big), "-"], stdin=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)
        proc.send_signal(sig)
        try:
            proc.wait(timeout=300)  # standard input stays open until the run has ended
        except subprocess.TimeoutExpired:
            proc.kill()
            self.fail("bellwether-index did not stop after the signal")
        _, err = proc.communicate()
        self.assertEqual(proc.returncode, 1, err)
        self.assertIn("interrupted", err)
        added = int(re.search(r"(\d+) added", err).group(1))
        self.assertGreater(added, 0)
        self.assertLessEqual(added, 50000)
        self.assertEqual(self.count(), added)

    def test_sigint_commits_what_was_indexed(self):
        self.interrupt(signal.SIGINT, threads=2)

    def test_sigterm_commits_what_was_indexed_single_thread(self):
        self.interrupt(signal.SIGTERM, threads=1)

    def test_summary_is_the_same_whatever_the_thread_count(self):
        summaries = []
        for threads in (1, 3):
            db = Path(self.tmp.name) / f"t{threads}"
            code, _, err = run("bellwether-index", "--db", db, "--threads", threads, "--batch", 10, EXAMPLES,
                               check_code=0)
            summaries.append(err.strip().splitlines()[-1].rsplit(" in ", 1)[0])
        self.assertEqual(summaries[0], summaries[1])

    def test_compact_in_place(self):
        run("bellwether-index", "--db", self.db, "--single-writer", "--batch", 5, EXAMPLES, check_code=0)
        _, before, _ = run("bellwether-search", "--db", self.db, "--format", "json", "memory", check_code=0)
        code, _, err = run("bellwether-index", "--db", self.db, "--compact", check_code=0)
        self.assertIn("compacted", err)
        _, after, _ = run("bellwether-search", "--db", self.db, "--format", "json", "memory", check_code=0)
        self.assertEqual(json.loads(before)["results"], json.loads(after)["results"])
        self.assertEqual(list(Path(self.tmp.name).glob(".db.bw-*")), [])  # no scratch left behind
        code, _, err = run("bellwether-index", "--db", Path(self.tmp.name) / "missing", "--compact")
        self.assertEqual(code, 3, err)


class AllocatorOptionsTest(unittest.TestCase):
    def test_jemalloc_gives_each_cpu_one_arena(self):
        """A bulk load takes half the page faults with one jemalloc arena per CPU
        (indexer/jemalloc_options.cc); jemalloc's own statistics show the option took effect."""
        libraries = subprocess.run(["ldd", binary("bellwether-index")], capture_output=True, text=True).stdout
        if "libjemalloc" not in libraries:
            self.skipTest("bellwether-index is not linked with jemalloc (BELLWETHER_JEMALLOC, libjemalloc-dev)")
        _, _, err = run("bellwether-index", "--help", env={"MALLOC_CONF": "stats_print:true"}, check_code=0)
        self.assertRegex(err, r'opt\.percpu_arena: "percpu"')


if __name__ == "__main__":
    unittest.main()
