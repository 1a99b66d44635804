"""End-to-end tests of bellwether-serve: the installed server on a free loopback port, over an
index of examples/. The API's JSON must equal `bellwether-search --format json` for the same
request; every error is a JSON error with the right status; static files cannot escape the web
directory; commits by bellwether-index are visible to the next request."""
import json
import time
import unittest

from harness import TempDirTestCase, EXAMPLES, round_scores, run
from serve_harness import Server, index_examples

# (bellwether-search arguments, the same request as /api/search parameters)
EQUIVALENT_REQUESTS = [
    (["memory"], {"q": "memory"}),
    (["HBM", "memory", "--limit", "3"], {"q": "HBM memory", "limit": 3}),
    (["--ticker", "MU", "--type", "signal"], {"ticker": "MU", "type": "signal"}),
    (["--ticker", "MU", "--ticker", "NVDA", "--limit", "20"], {"ticker": ["MU", "NVDA"], "limit": 20}),
    (['"memory chip"', "--since", "2026-03-01"], {"q": '"memory chip"', "since": "2026-03-01"}),
    (['actor:"Morgan Stanley" OR actor:Google', "--sort", "date", "--limit", "5"],
     {"q": 'actor:"Morgan Stanley" OR actor:Google', "sort": "date", "limit": 5}),
    (["memory", "--facets", "ticker,topic,date", "--date-buckets", "month"],
     {"q": "memory", "facets": "ticker,topic,date", "date_buckets": "month"}),
    (["--facets", "type", "--facets", "actor", "--facet-limit", "3"], {"facets": ["type", "actor"], "facet_limit": 3}),
    (["--sort", "oldest", "--offset", "5", "--limit", "5"], {"sort": "oldest", "offset": 5, "limit": 5}),
    (["memory", "--group-by", "ticker", "--group-size", "2", "--group-limit", "3"],
     {"q": "memory", "group_by": "ticker", "group_size": 2, "group_limit": 3}),
    (["chips", "--match", "any", "--snippet-length", "80"], {"q": "chips", "match": "any", "snippet_length": 80}),
    (["memory", "--no-collapse", "--until", "2026-01"], {"q": "memory", "collapse": "false", "until": "2026-01"}),
    (["nvidia", "--sort", "recency", "--half-life", "60d"], {"q": "nvidia", "sort": "recency", "half_life": "60d"}),
    (["micron", "--explain", "--limit", "2"], {"q": "micron", "explain": "true", "limit": 2}),
    (["memory", "--ranking", "xapian"], {"q": "memory", "ranking": "xapian"}),
    (["memory", "--exact-total"], {"q": "memory", "exact_total": "true"}),
    (["memory", "--fields", "id"], {"q": "memory", "fields": "id"}),
    (["memory", "--fields", "title,date,snippet", "--group-by", "type"],
     {"q": "memory", "fields": "title,date,snippet", "group_by": "type"}),
    (["memroy"], {"q": "memroy"}),
    (["zzzqqqxxy"], {"q": "zzzqqqxxy"}),
]


class ServeApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import shutil
        import tempfile
        from pathlib import Path
        cls.tmp = Path(tempfile.mkdtemp(prefix="bellwether-serve-"))
        cls.addClassCleanup(shutil.rmtree, cls.tmp, True)
        cls.db = cls.tmp / "db"
        index_examples(cls.db)
        cls.server = Server(cls.db, cls.tmp / "serve.log", "--threads", "4")
        cls.addClassCleanup(cls.server.stop)

    def cli_json(self, *args):
        _, out, _ = run("bellwether-search", "--db", self.db, "--format", "json", *args, check_code=0)
        return json.loads(out)

    def assert_error(self, status, path, params=None, code=None):
        got, body = self.server.get_json(path, params)
        self.assertEqual(got, status, body)
        self.assertIn("error", body)
        self.assertTrue(body["error"]["message"], body)
        if code:
            self.assertEqual(body["error"]["code"], code, body)
        return body["error"]

    def test_search_json_equals_cli_json(self):
        for args, params in EQUIVALENT_REQUESTS:
            with self.subTest(args=args):
                status, api = self.server.get_json("/api/search", params)
                self.assertEqual(status, 200, api)
                self.assertEqual(round_scores(api), round_scores(self.cli_json(*args)))

    def test_doc_equals_cli_show(self):
        for doc_id in ("art-001", "sig-001"):
            status, api = self.server.get_json(f"/api/doc/{doc_id}")
            self.assertEqual(status, 200)
            self.assertEqual(api, self.cli_json("--show", doc_id))

    def test_related_excludes_the_document_itself(self):
        status, body = self.server.get_json("/api/related/art-001", {"limit": 5})
        self.assertEqual(status, 200, body)
        ids = [r["id"] for r in body["results"]]
        self.assertTrue(ids)
        self.assertNotIn("art-001", ids)
        self.assertLessEqual(len(ids), 5)

    def test_suggest_completes_words_and_entities(self):
        status, body = self.server.get_json("/api/suggest", {"q": "hbm mem"})
        self.assertEqual(status, 200, body)
        completions = [s["completion"] for s in body["suggestions"]]
        self.assertIn("hbm memory", completions)
        status, body = self.server.get_json("/api/suggest", {"q": "micr"})
        entity = [s for s in body["suggestions"] if s["kind"] == "entity"]
        self.assertEqual(entity[0]["text"], "Micron", body)
        self.assertEqual(entity[0]["ticker"], "MU")
        status, body = self.server.get_json("/api/suggest", {"q": "ticker:M"})
        self.assertIn("ticker:MU", [s["completion"] for s in body["suggestions"]], body)
        self.assertEqual(self.server.get_json("/api/suggest", {"q": ""}), (200, {"query": "", "suggestions": []}))

    def test_stats_and_health(self):
        status, stats = self.server.get_json("/api/stats")
        self.assertEqual(status, 200)
        self.assertEqual(stats["documents"], 70)
        self.assertNotIn("database", stats)  # no server paths
        self.assertEqual(self.server.get_json("/api/health"), (200, {"status": "ok", "documents": 70}))

    def test_bad_parameters_are_400_with_a_message(self):
        error = self.assert_error(400, "/api/search", {"q": "(micron OR hbm"}, "query_syntax")
        self.assertIn("position", error["message"])
        self.assertIsInstance(error["position"], int)
        for params, needle in [({"limit": 101}, "limit"), ({"limit": "abc"}, "limit"), ({"limit": -1}, "limit"),
                               ({"offset": 10**9}, "offset"), ({"sort": "sideways"}, "sideways"),
                               ({"colour": "red"}, "colour"), ({"q": "x" * 2000}, "q"),
                               ({"since": "the day after never"}, "since"), ({"facets": "nope"}, "nope"),
                               ({"group_by": "colour"}, "group"), ({"type": "memo"}, "memo"),
                               ({"group_by": "ticker", "group_limit": 51}, "group_limit"), ({"ranking": "magic"}, "magic"),
                               ({"collapse": "maybe"}, "collapse"), ({"sort": ["date", "oldest"]}, "sort"),
                               ({"date_buckets": "fortnight", "facets": "date"}, "fortnight")]:
            with self.subTest(params=params):
                error = self.assert_error(400, "/api/search", params, "bad_parameter")
                self.assertIn(needle, error["message"])
        self.assert_error(400, "/api/related/art-001", {"limit": 1000})
        self.assert_error(400, "/api/suggest", {"q": "m", "limit": "x"})

    def test_unknown_ids_and_paths_are_404(self):
        self.assert_error(404, "/api/doc/no-such-id", code="not_found")
        self.assert_error(404, "/api/related/no-such-id", code="not_found")
        self.assert_error(404, "/api/nothing-here", code="not_found")
        self.assert_error(404, "/no-such-page.html", code="not_found")

    def test_other_methods_are_405(self):
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            with self.subTest(method=method):
                status, headers, body = self.server.request(method, "/api/search?q=memory", body=b"{}")
                self.assertEqual(status, 405)
                self.assertIn("GET", headers.get("allow", ""))
                self.assertEqual(json.loads(body)["error"]["code"], "method_not_allowed")
        status, _, _ = self.server.request("OPTIONS", "/api/search")
        self.assertEqual(status, 405)  # no CORS unless asked for

    def test_oversized_requests_are_refused(self):
        status, _, body = self.server.request("POST", "/api/search", body=b"x" * (2 << 20),
                                              headers={"Content-Type": "application/octet-stream"})
        self.assertEqual(status, 413)
        self.assertEqual(json.loads(body)["error"]["code"], "payload_too_large")
        status, _, body = self.server.request("GET", "/api/search?q=" + "a" * 20000)
        self.assertIn(status, (413, 414))
        self.assertIn("error", json.loads(body))

    def test_no_path_traversal(self):
        for target in ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd",
                       "/./index.html/../../../etc/passwd", "//etc/passwd", "/%2Fetc%2Fpasswd", "/..\\..\\etc\\passwd",
                       "/index.html%00.png", "/api/../../etc/passwd"]:
            with self.subTest(target=target):
                status, _, body = self.server.request("GET", target)
                self.assertIn(status, (400, 404), target)
                self.assertNotIn(b"root:", body)

    def test_serves_the_installed_web_page_by_default(self):
        with open(self.server.log_path, encoding="utf-8") as f:
            self.assertIn("share/bellwether/web", f.readline())

    def test_static_files_have_etag_and_cache_control(self):
        status, headers, body = self.server.request("GET", "/")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("text/html"))
        self.assertIn(b"<title>Bellwether Search</title>", body)
        self.assertEqual(headers["cache-control"], "no-cache")
        status, _, body = self.server.request("GET", "/", headers={"If-None-Match": headers["etag"]})
        self.assertEqual(status, 304)
        self.assertEqual(body, b"")
        status, headers, _ = self.server.request("GET", "/app.js")
        self.assertEqual(status, 200)
        self.assertIn("javascript", headers["content-type"])
        self.assertIn("max-age", headers["cache-control"])
        self.assertTrue(headers["etag"].startswith('"'))
        status, headers, _ = self.server.request("GET", "/api/health")
        self.assertNotIn("access-control-allow-origin", headers)  # CORS is off by default

    def test_one_log_line_per_request(self):
        self.server.request("GET", "/api/health?probe=log-line-test")

        def logged():
            with open(self.server.log_path, encoding="utf-8") as f:
                return [l for l in f if "probe=log-line-test" in l]

        # The line is written after the response is sent: on a loaded machine (CI builds beside
        # the tests) it can take longer than a fixed pause, so wait for it, then for any second one.
        deadline = time.monotonic() + 10
        while not logged() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.2)
        lines = logged()
        self.assertEqual(len(lines), 1, lines)
        self.assertRegex(lines[0], r"GET /api/health\?probe=log-line-test 200 \d+\.\dms$")


class ServeCorsTest(TempDirTestCase):
    def test_cors_origin_when_asked(self):
        index_examples(self.tmp / "db", EXAMPLES / "signals.jsonl")
        server = Server(self.tmp / "db", self.tmp / "serve.log", "--cors-origin", "https://example.org", "--no-static")
        self.addCleanup(server.stop)
        status, headers, _ = server.request("GET", "/api/health")
        self.assertEqual(headers.get("access-control-allow-origin"), "https://example.org")
        status, headers, _ = server.request("OPTIONS", "/api/search", headers={"Origin": "https://example.org"})
        self.assertEqual(status, 204)
        self.assertIn("GET", headers["access-control-allow-methods"])
        self.assertEqual(server.request("GET", "/")[0], 404)  # --no-static


class ServeReloadTest(TempDirTestCase):
    def test_commits_are_visible_to_the_next_request(self):
        db = self.tmp / "db"
        index_examples(db, EXAMPLES / "articles.jsonl")
        server = Server(db, self.tmp / "serve.log", "--threads", "2")
        self.addCleanup(server.stop)
        # Warm every worker's database on the old revision.
        for _ in range(6):
            self.assertEqual(server.get_json("/api/search", {"type": "signal"})[1]["total"], 0)
        index_examples(db, EXAMPLES / "signals.jsonl")
        # No waiting: the very next request, whichever worker answers it, sees the commit.
        for _ in range(6):
            status, body = server.get_json("/api/search", {"type": "signal"})
            self.assertEqual((status, body["total"]), (200, 20))
        self.assertEqual(server.get_json("/api/health")[1]["documents"], 70)

    def test_missing_database_is_fatal_at_startup(self):
        code, _, err = run("bellwether-serve", "--db", self.tmp / "nothing", "--port", "0")
        self.assertEqual(code, 3)
        self.assertIn("no database", err)
        self.assertEqual(run("bellwether-serve", "--port", "70000")[0], 2)


if __name__ == "__main__":
    unittest.main()
