"""End-to-end tests of bellwether-index and bellwether-search: the installed binaries on real data."""
import csv
import io
import json
import unittest

from harness import (EXAMPLES, FIXTURES, TempDirTestCase, check_golden, run, shared)


class BadInputTest(TempDirTestCase):
    def test_bad_records_are_reported_and_good_ones_indexed(self):
        db = self.tmp / "db"
        bad = FIXTURES / "bad" / "mixed.jsonl"
        code, _, err = run("bellwether-index", "--db", db, bad)
        self.assertEqual(code, 1, err)
        lines = err.strip().splitlines()
        errors = [l for l in lines if ": error: " in l]
        self.assertEqual([l.split(": error: ")[0] for l in errors],
                         [f"{bad}:{n}" for n in (2, 4, 5, 6, 10)], err)
        self.assertIn("field 'tickers': expected a string or an array of strings, got a number", err)
        self.assertIn("no text", err)
        self.assertIn("unknown type 'memo'", err)
        self.assertIn(f"{bad}:7: warning: field 'date': cannot parse date '31/31/2026'", err)
        self.assertRegex(lines[-1], r"^bellwether-index: 9 read, 4 added, 0 replaced, 0 deleted, 5 skipped, 1 warning in ")
        _, out, _ = run("bellwether-search", "--db", db, "--format", "json", "--limit", "10", check_code=0)
        ids = sorted(r["id"] for r in json.loads(out)["results"])
        self.assertEqual(ids, ["good-1", "good-2", "good-3", "good-4"])

    def test_strict_commits_nothing(self):
        db = self.tmp / "db"
        code, _, err = run("bellwether-index", "--db", db, "--strict", FIXTURES / "bad" / "mixed.jsonl")
        self.assertEqual(code, 1)
        self.assertIn("--strict", err)
        _, out, _ = run("bellwether-search", "--db", db, "--stats", check_code=0)
        self.assertEqual(json.loads(out)["documents"], 0)


class ExitCodeTest(TempDirTestCase):
    def test_usage_errors_exit_2(self):
        self.assertEqual(run("bellwether-index", "--no-such-option", "x")[0], 2)
        self.assertEqual(run("bellwether-index", "--db", self.tmp / "db", self.tmp / "missing.jsonl")[0], 2)
        self.assertEqual(run("bellwether-index", "--db", self.tmp / "db", "--type", "memo", EXAMPLES)[0], 2)
        self.assertEqual(run("bellwether-search", "--sort", "sideways")[0], 2)

    def test_missing_database_exits_3(self):
        code, _, err = run("bellwether-search", "--db", self.tmp / "nothing-here", "memory")
        self.assertEqual(code, 3)
        self.assertIn("no database", err)

    def test_query_syntax_error_names_position(self):
        db = self.tmp / "db"
        run("bellwether-index", "--db", db, FIXTURES / "bad" / "mixed.jsonl")
        code, _, err = run("bellwether-search", "--db", db, '(micron OR hbm')
        self.assertEqual(code, 2)
        self.assertIn("position", err)
        code, _, err = run("bellwether-search", "--db", db, "--show", "no-such-id")
        self.assertEqual(code, 1)


class ExamplesTest(TempDirTestCase):
    def setUp(self):
        super().setUp()
        self.db = self.tmp / "examples.db"
        code, _, err = run("bellwether-index", "--db", self.db, EXAMPLES)
        self.assertEqual(code, 0, err)

    def search(self, *args):
        _, out, _ = run("bellwether-search", "--db", self.db, "--format", "json", *args, check_code=0)
        return json.loads(out)

    def test_reindexing_keeps_the_count(self):
        before = json.loads(run("bellwether-search", "--db", self.db, "--stats", check_code=0)[1])
        code, _, err = run("bellwether-index", "--db", self.db, EXAMPLES)
        self.assertEqual(code, 0, err)
        self.assertIn(" 0 added, ", err)
        after = json.loads(run("bellwether-search", "--db", self.db, "--stats", check_code=0)[1])
        self.assertEqual(before["documents"], after["documents"])
        self.assertGreaterEqual(after["by_type"]["article"], 40)
        self.assertGreaterEqual(after["by_type"]["signal"], 15)

    def test_json_shape(self):
        response = self.search("memory", "--limit", "3")
        self.assertEqual(list(response), ["query", "total", "offset", "limit", "results", "facets", "suggestion"])
        self.assertGreater(response["total"], 3)
        self.assertEqual(len(response["results"]), 3)
        for rank, result in enumerate(response["results"], 1):
            self.assertEqual(list(result), ["id", "type", "score", "rank", "title", "date", "source", "url",
                                            "tickers", "actors", "topics", "strength", "snippet"])
            self.assertEqual(result["rank"], rank)
            self.assertIn("<mark>", result["snippet"])

    def test_golden_searches(self):
        queries = {
            "search_hbm.json": ["HBM", "--limit", "5"],
            "search_ticker_mu_signals.json": ["ticker:MU", "type:signal", "--limit", "5"],
            "search_phrase_since.json": ['"memory chip"', "--since", "2026-03-01", "--limit", "5"],
            "search_boolean.json": ["(hbm OR dram) -nand", "--sort", "date", "--limit", "5"],
        }
        for name, args in queries.items():
            with self.subTest(name):
                check_golden(self, name, self.search(*args))

    def test_filters_and_sorting(self):
        everything = self.search("--limit", "1000")
        dates = [r["date"] for r in everything["results"] if r["date"]]
        self.assertEqual(dates, sorted(dates, reverse=True))  # filter-only queries list newest first
        mu = self.search("--ticker", "mu", "--limit", "1000")
        self.assertTrue(mu["results"])
        self.assertTrue(all("MU" in r["tickers"] for r in mu["results"]))
        self.assertEqual(mu["total"], sum("MU" in r["tickers"] for r in everything["results"]))
        oldest = self.search("memory", "--sort", "oldest", "--limit", "1000")
        odates = [r["date"] for r in oldest["results"] if r["date"]]
        self.assertEqual(odates, sorted(odates))

    def test_batch_queries(self):
        queries = self.tmp / "queries.tsv"
        queries.write_text("q1\thbm demand\n# a comment\n\nq2\tticker:NVDA guidance\nbad\t(micron\nmemory\n",
                           encoding="utf-8")
        code, out, err = run("bellwether-search", "--db", self.db, "--queries", queries, "--format", "jsonl",
                             "--limit", "3")
        self.assertEqual(code, 2, err)  # one query had a syntax error
        self.assertIn(f"{queries}:5: error: ", err)
        objects = [json.loads(l) for l in out.strip().splitlines()]
        self.assertEqual([o["qid"] for o in objects], ["q1", "q2", "6"])
        single = self.search("hbm demand", "--limit", "3")
        self.assertEqual([r["id"] for r in objects[0]["results"]], [r["id"] for r in single["results"]])
        self.assertEqual(objects[0]["total"], single["total"])

        code, out, err = run("bellwether-search", "--db", self.db, "--queries", queries, "--format", "trec",
                             "--limit", "3", "--run-tag", "demo")
        rows = [l.split() for l in out.strip().splitlines()]
        self.assertTrue(rows)
        for row in rows:
            self.assertEqual(len(row), 6)
            self.assertEqual((row[1], row[5]), ("Q0", "demo"))
        q1 = [row for row in rows if row[0] == "q1"]
        self.assertEqual([row[2] for row in q1], [r["id"] for r in single["results"]])
        self.assertEqual([int(row[3]) for row in q1], [1, 2, 3])

        code, out, err = run("bellwether-search", "--db", self.db, "--queries", queries, "--format", "csv",
                             "--limit", "2")
        rows = list(csv.reader(io.StringIO(out)))
        self.assertEqual(rows[0], ["qid", "id", "type", "date", "title", "tickers", "actors", "topics", "score"])
        self.assertEqual({r[0] for r in rows[1:]}, {"q1", "q2", "6"})

    def test_csv_and_jsonl(self):
        _, out, _ = run("bellwether-search", "--db", self.db, "--format", "csv", "memory", check_code=0)
        rows = list(csv.reader(io.StringIO(out)))
        self.assertEqual(rows[0], ["id", "type", "date", "title", "tickers", "actors", "topics", "score"])
        self.assertGreater(len(rows), 1)
        _, out, _ = run("bellwether-search", "--db", self.db, "--format", "jsonl", "memory", check_code=0)
        lines = out.strip().splitlines()
        self.assertEqual(len(lines), len(rows) - 1)
        self.assertTrue(all(json.loads(l)["id"] for l in lines))

    def test_fields_select_what_results_carry(self):
        full = self.search("memory", "--limit", "20")
        # Ids only come from a value slot, not the stored record: same ids, order, scores and total.
        ids = self.search("memory", "--limit", "20", "--fields", "id")
        self.assertEqual(ids["total"], full["total"])
        self.assertEqual([list(r) for r in ids["results"]], [["id", "score", "rank"]] * len(full["results"]))
        self.assertEqual([(r["id"], r["score"]) for r in ids["results"]],
                         [(r["id"], r["score"]) for r in full["results"]])
        typed = self.search("memory", "--limit", "20", "--fields", "type")
        self.assertEqual([r["type"] for r in typed["results"]], [r["type"] for r in full["results"]])
        some = self.search("memory", "--limit", "20", "--fields", "title,snippet,tickers")
        for got, expected in zip(some["results"], full["results"]):
            self.assertEqual(list(got), ["id", "score", "rank", "title", "tickers", "snippet"])
            self.assertEqual({k: got[k] for k in got}, {k: expected[k] for k in got})
        # Groups carry the same fields; CSV and text print only them.
        grouped = self.search("memory", "--group-by", "type", "--fields", "date")
        self.assertTrue(grouped["groups"])
        for group in grouped["groups"]:
            for result in group["results"]:
                self.assertEqual(list(result), ["id", "score", "rank", "date"])
        _, out, _ = run("bellwether-search", "--db", self.db, "--format", "csv", "--fields", "title,date", "memory",
                        check_code=0)
        self.assertEqual(list(csv.reader(io.StringIO(out)))[0], ["id", "date", "title", "score"])
        _, out, _ = run("bellwether-search", "--db", self.db, "--fields", "id", "--limit", "1", "memory", check_code=0)
        self.assertIn(f"  1. {full['results'][0]['id']}\n", out)
        self.assertNotIn("<mark>", out)
        code, _, err = run("bellwether-search", "--db", self.db, "--fields", "title,body", "memory")
        self.assertEqual(code, 2)
        self.assertIn("unknown field 'body'", err)

    def test_show_and_stdin(self):
        first = self.search("memory", "--limit", "1")["results"][0]
        _, out, _ = run("bellwether-search", "--db", self.db, "--show", first["id"], check_code=0)
        self.assertEqual(json.loads(out)["id"], first["id"])
        record = '{"type":"article","id":"from-stdin","title":"Stdin zebra story","body":"zebra"}\n'
        run("bellwether-index", "--db", self.db, "-", stdin=record, check_code=0)
        self.assertEqual(self.search("zebra")["results"][0]["id"], "from-stdin")


class SeedPagesTest(TempDirTestCase):
    """The two seed pages parse into exactly the documented fields; no account/footer text leaks."""

    def dry_run(self, path):
        _, out, err = run("bellwether-index", "--dry-run", path, check_code=0)
        lines = out.strip().splitlines()
        self.assertEqual(len(lines), 1, err)
        return json.loads(lines[0])

    def test_seed_article(self):
        seeds = shared("seeds")
        record = self.dry_run(next(seeds.glob("000_*.txt")))
        check_golden(self, "seed_article.json", record)
        text = json.dumps(record).lower()
        for boilerplate in ("disclaimer", "no comments yet", "credit to", "report an issue"):
            self.assertNotIn(boilerplate, text)

    def test_seed_signal(self):
        seeds = shared("seeds")
        page = next(seeds.glob("003_*.txt"))
        record = self.dry_run(page)
        check_golden(self, "seed_signal.json", record)
        text = json.dumps(record, ensure_ascii=False).lower()
        for private in ("marco", "andrea", "passaglia", "morning brief", "all signals"):
            self.assertNotIn(private, text)
        # Nor in any term of the index.
        db = self.tmp / "db"
        run("bellwether-index", "--db", db, page, check_code=0)
        for word in ("marco", "andrea", "passaglia", "brief", "signals"):
            _, out, _ = run("bellwether-search", "--db", db, "--format", "json", word, check_code=0)
            self.assertEqual(json.loads(out)["total"], 0, word)


class CustomSchemaTest(TempDirTestCase):
    """--schema FILE: a user's own record type, stored in the database and used by the searcher."""

    def test_user_schema_indexes_and_searches(self):
        db = self.tmp / "db"
        schema = FIXTURES / "schemas" / "memo.json"
        code, _, err = run("bellwether-index", "--db", db, "--schema", schema, FIXTURES / "schemas" / "memos.jsonl")
        self.assertEqual(code, 0, err)
        self.assertIn("2 added", err)
        _, out, _ = run("bellwether-search", "--db", db, "desk:semis", "--format", "json", check_code=0)
        response = json.loads(out)
        self.assertEqual([r["id"] for r in response["results"]], ["m-1"])
        self.assertEqual(response["results"][0]["type"], "memo")
        _, out, _ = run("bellwether-search", "--db", db, "priority:2..", "--format", "json", check_code=0)
        self.assertEqual([r["id"] for r in json.loads(out)["results"]], ["m-1"])
        _, out, _ = run("bellwether-search", "--db", db, "duration", "--facets", "desk", "--format", "json",
                        check_code=0)
        self.assertEqual(json.loads(out)["facets"]["desk"], [{"value": "Rates", "count": 1}])
        # Built-in types still index next to it.
        code, _, err = run("bellwether-index", "--db", db, EXAMPLES / "articles.jsonl")
        self.assertEqual(code, 0, err)
        _, out, _ = run("bellwether-search", "--db", db, "--stats", check_code=0)
        self.assertEqual(json.loads(out)["by_type"]["memo"], 2)

    def test_invalid_schema_names_file_and_field(self):
        schema = FIXTURES / "schemas" / "bad_weight.json"
        code, _, err = run("bellwether-index", "--db", self.tmp / "db", "--schema", schema,
                           FIXTURES / "schemas" / "memos.jsonl")
        self.assertEqual(code, 2)
        self.assertIn(f"{schema}: field 'subject': property 'weight' must be", err)


if __name__ == "__main__":
    unittest.main()
