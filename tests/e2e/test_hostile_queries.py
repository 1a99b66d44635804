"""Hostile queries and options for bellwether-search: each gets a clear error (exit 2, a message
naming the problem) or a sensible result (exit 0), never a crash, a fatal error or a hang."""
import json
import subprocess
import time
import unittest

from harness import EXAMPLES, TempDirTestCase, binary, run

TIMEOUT = 30  # seconds per search; a hang fails the test instead of blocking CI


def search(db, *args, stdin=None):
    started = time.monotonic()
    try:
        proc = subprocess.run([binary("bellwether-search"), "--db", str(db), *map(str, args)], capture_output=True,
                              text=True, errors="replace", timeout=TIMEOUT, input=stdin)
    except subprocess.TimeoutExpired:
        shown = " ".join(str(a)[:60] for a in args)
        raise AssertionError(f"bellwether-search {shown} did not finish in {TIMEOUT} s") from None
    return proc.returncode, proc.stdout, proc.stderr, time.monotonic() - started


class HostileQueryTest(TempDirTestCase):
    @classmethod
    def setUpClass(cls):
        import tempfile
        from pathlib import Path
        cls.dir = Path(tempfile.mkdtemp(prefix="bellwether-queries-"))
        cls.db = cls.dir / "db"
        run("bellwether-index", "--db", cls.db, EXAMPLES, check_code=0)

    @classmethod
    def tearDownClass(cls):
        import shutil
        shutil.rmtree(cls.dir, ignore_errors=True)

    def check(self, query, *options, expect=None, message=None):
        """Runs one query as JSON; returns the parsed response (exit 0) or None (exit 2)."""
        args = ["--format", "json", *options]
        if query is not None:
            args.append(query)
        code, out, err, _ = search(self.db, *args)
        self.assertIn(code, (0, 2), f"{query!r} {options}: exit {code}\n{err[-1000:]}")
        self.assertNotIn("fatal", err)
        if expect is not None:
            self.assertEqual(code, expect, f"{query!r}: {err}")
        if code == 2:
            self.assertRegex(err, r"^bellwether-search: (query )?error: ", f"{query!r}")
            if message:
                self.assertIn(message, err)
            return None
        return json.loads(out)

    def test_empty_and_blank_queries_list_everything(self):
        total = self.check(None, expect=0)["total"]
        self.assertGreater(total, 50)
        for q in ["", "   ", "\t\n", "-", "+", "!!!", "...", "\u3000"]:
            with self.subTest(q=q):
                self.assertEqual(self.check(q, expect=0)["total"], total)

    def test_unbalanced_quotes_and_parentheses_name_a_position(self):
        for q in ['"memory chip', '(micron', 'micron)', '((hbm OR dram) micron', '"a" "b', 'title:"open',
                  ")(", "(" * 100 + "micron" + ")" * 100, "(" * 10000]:
            with self.subTest(q=q[:40]):
                self.check(q, expect=2, message="position")

    def test_operators_without_operands(self):
        for q in ["AND", "OR", "NOT", "micron AND", "OR micron", "micron NOT", "()", "ticker:", "title:()"]:
            with self.subTest(q=q):
                self.check(q)  # a clear error or a sensible result

    def test_ten_thousand_terms(self):
        words = " ".join(f"word{i}" for i in range(10000))
        ors = " OR ".join(f"word{i}" for i in range(10000))
        for q in [words, ors, "NOT " * 10000 + "micron", "micron " * 10000, "ticker:MU " * 10000, "m* " * 2000]:
            with self.subTest(q=q[:30]):
                code, out, err, seconds = search(self.db, "--format", "json", q)
                self.assertIn(code, (0, 2), err[-500:])
                self.assertLess(seconds, TIMEOUT)
        self.assertEqual(self.check(words, expect=0)["total"], 0)  # all must match: none does
        self.assertGreater(self.check("micron " * 10000, expect=0)["total"], 0)

    def test_backwards_ranges(self):
        for q in ["date:2026-03-31..2026-03-01", "strength:9..2", "date:2027..2026"]:
            with self.subTest(q=q):
                response = self.check(q)
                if response is not None:
                    self.assertEqual(response["total"], 0)
        for opts in [("--since", "2026-03-31", "--until", "2026-03-01")]:
            code, out, err, _ = search(self.db, "--format", "json", *opts)
            self.assertIn(code, (0, 2), err)
            if code == 0:
                self.assertEqual(json.loads(out)["total"], 0)

    def test_bad_values_in_ranges_and_dates(self):
        for q in ["date:31/31/2026", "date:99999", "strength:abc..", "date:..", "strength:..", "date:1e308",
                  "strength:1e400..", "date:2026-02-30"]:
            with self.subTest(q=q):
                self.check(q)
        for opts in [("--since", "31/31/2026"), ("--until", "year 99999"), ("--since", "")]:
            with self.subTest(opts=opts):
                code, _, err, _ = search(self.db, "--format", "json", *opts)
                self.assertIn(code, (0, 2), err)

    def test_unknown_fields(self):
        self.check("foo:bar", expect=2, message="unknown field")
        self.check("Foo:Bar micron", expect=2, message="unknown field")
        self.check("type:memo", expect=2)
        # Not fields: times, ratios, URLs are text.
        for q in ["10:30", "3:1", "http://example.com/a:b"]:
            self.check(q, expect=0)

    def test_control_characters(self):
        for q in ["\x01\x02micron\x03", "micron\x7f", "\x1b[31mmicron\x1b[0m", "mi\u200bcron", "\ufeffmicron",
                  "micron\u0085memory", "\ud7ff", "\U0010ffff"]:
            with self.subTest(q=repr(q)):
                self.check(q)

    def test_query_file_with_nul_and_invalid_utf8(self):
        queries = self.dir / "queries.txt"
        queries.write_bytes(b"micron\nmem\x00ory\n\xff\xfe invalid\n(unbalanced\n\n" + b"x" * 100000 + b"\n")
        for fmt in ("text", "json", "jsonl", "csv", "trec"):
            with self.subTest(format=fmt):
                code, out, err, _ = search(self.db, "--queries", queries, "--format", fmt)
                self.assertEqual(code, 2, err)  # line 4 is a syntax error
                self.assertIn(f"{queries}:4: error: unbalanced", err)
                self.assertNotIn("fatal", err)
                if fmt == "json":
                    self.assertEqual(len(json.loads(out)), 4)  # every other line answered

    def test_hostile_options(self):
        for opts in [("--limit", "0"), ("--limit", "1000000000"), ("--offset", "1000000000"),
                     ("--limit", "-1"), ("--facet-limit", "0"), ("--snippet-length", "0"),
                     ("--snippet-length", "100000000"), ("--facets", "nosuchfacet"), ("--facets", ",,,"),
                     ("--date-buckets", "fortnight"), ("--sort", "strength"), ("--show", ""),
                     ("--show", "x" * 5000), ("--group-by", "nothing"), ("--ticker", ""), ("--type", "memo")]:
            with self.subTest(opts=opts):
                code, _, err, _ = search(self.db, "--format", "json", *opts, "micron")
                self.assertIn(code, (0, 1, 2), f"{opts}: {err}")
                self.assertNotIn("fatal", err)


if __name__ == "__main__":
    unittest.main()
