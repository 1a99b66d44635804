"""`bellwether-index --shards 3` writes a sharded archive (a directory of three Xapian databases and
a XAPIANDB stub listing them) that bellwether-search and bellwether-serve open like one database:
for examples/ and a Reuters slice, searches through the archive directory, through its stub file
and through a stub of remote shards served by stock xapian-tcpsrv processes give the same ids in the
same order, totals, facets and histograms as one database indexed from the same input. Re-indexing
the same input replaces documents on their shards (no duplicates), and another shard count for an
existing archive is refused."""
import json
import re
import unittest

from harness import EXAMPLES, TempDirTestCase, run, shared, start_tcpsrv
from serve_harness import Server
from test_remote import QUERIES as EXAMPLE_QUERIES

SHARDS = 3
REUTERS = "corpora/reuters21578/reuters21578.jsonl"
REUTERS_SLICE = 3000
EXAMPLE_FACETS = "ticker,actor,topic,type,date"
REUTERS_FACETS = "topic,place,actor,ticker,date"
REUTERS_QUERIES = [
    ["cocoa"],
    ["oil prices"],
    ["\"interest rates\""],
    ["topic:crude", "--sort", "date"],
    ["grain OR wheat", "--place", "usa"],
    ["bank", "--since", "1987-03-01", "--until", "1987-03-15"],
    ["--sort", "oldest"],
    ["dollar", "--group-by", "topic"],
    ["profit", "--sort", "recency"],
    ["shares -merger", "--match", "any"],
    ["trade", "--offset", "20", "--date-buckets", "day"],
    ["coffee", "--explain"],
    ["cocao"],  # a misspelling: the suggestion comes from every shard's spelling data
]


class ShardedArchiveTest(TempDirTestCase):
    def search(self, db, args, facets, keep_suggestion=True):
        limit = [] if "--limit" in args else ["--limit", "10"]
        _, out, _ = run("bellwether-search", "--db", db, "--format", "json", *limit, "--facets", facets, *args,
                        check_code=0)
        response = json.loads(out)
        if not keep_suggestion:
            response.pop("suggestion")  # spelling data is local only (README)
        for r in response["results"]:
            r["score"] = round(r["score"], 3)
        for group in response.get("groups", []):
            for r in group["results"]:
                r["score"] = round(r["score"], 3)
        return response

    def stats(self, db):
        _, out, _ = run("bellwether-search", "--db", db, "--stats", check_code=0)
        return json.loads(out)

    def assert_same_searches(self, db, single, queries, facets, keep_suggestion=True):
        for args in queries:
            with self.subTest(db=str(db), args=args):
                self.assertEqual(self.search(db, args, facets, keep_suggestion),
                                 self.search(single, args, facets, keep_suggestion))

    def check_archive(self, inputs, queries, facets):
        single, archive = self.tmp / "single.db", self.tmp / "archive"
        run("bellwether-index", "--db", single, *inputs, check_code=0)
        _, _, err = run("bellwether-index", "--db", archive, "--shards", SHARDS, *inputs, check_code=0)
        added = int(re.search(r"(\d+) added", err).group(1))

        stub = archive / "XAPIANDB"
        lines = [l for l in stub.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]
        self.assertEqual(lines, [f"auto shard-{k}" for k in range(SHARDS)])
        total = self.stats(single)["documents"]
        self.assertEqual(added, total)
        self.assertEqual(self.stats(archive)["documents"], total)
        shard_sizes = [self.stats(archive / f"shard-{k}")["documents"] for k in range(SHARDS)]
        self.assertEqual(sum(shard_sizes), total)
        for size in shard_sizes:
            self.assertGreater(size, total // SHARDS // 2, f"shards unevenly filled: {shard_sizes}")

        # The directory and its stub file are the same database to the searcher.
        for db in (archive, stub):
            self.assert_same_searches(db, single, queries, facets)

        # The same input again: every document is replaced on its own shard, none added.
        _, _, err = run("bellwether-index", "--db", archive, *inputs, check_code=0)
        self.assertIn(f" 0 added, {total} replaced", err)
        self.assertEqual(self.stats(archive)["documents"], total)
        self.assertEqual([self.stats(archive / f"shard-{k}")["documents"] for k in range(SHARDS)], shard_sizes)
        self.assert_same_searches(archive, single, queries[:4], facets)

        # Another shard count would route ids elsewhere: refused, the archive untouched.
        code, _, err = run("bellwether-index", "--db", archive, "--shards", SHARDS + 1, *inputs)
        self.assertEqual(code, 2, err)
        self.assertIn(f"sharded archive of {SHARDS} shards", err)
        self.assertEqual(self.stats(archive)["documents"], total)

        # One stock xapian-tcpsrv per shard (as on one machine each), searched through a remote stub.
        remote = self.tmp / "remote.stub"
        remote.write_text("".join(start_tcpsrv(self, archive / f"shard-{k}") for k in range(SHARDS)), encoding="utf-8")
        self.assert_same_searches(remote, single, queries, facets, keep_suggestion=False)
        return single, archive

    def test_examples(self):
        single, archive = self.check_archive([EXAMPLES], EXAMPLE_QUERIES, EXAMPLE_FACETS)
        # bellwether-serve opens the archive directory unchanged.
        server = Server(archive, self.tmp / "serve.log")
        self.addCleanup(server.stop)
        status, api = server.get_json("/api/search", {"q": "memory", "facets": "ticker,date", "limit": 10})
        self.assertEqual(status, 200, api)
        cli = self.search(single, ["memory"], "ticker,date")
        self.assertEqual([r["id"] for r in api["results"]], [r["id"] for r in cli["results"]])
        self.assertEqual((api["total"], api["facets"]), (cli["total"], cli["facets"]))

    def test_reuters_slice(self):
        corpus = shared(REUTERS)
        part = self.tmp / "reuters-slice.jsonl"
        with open(corpus, "rb") as src, open(part, "wb") as dst:
            for _ in range(REUTERS_SLICE):
                dst.write(src.readline())
        self.check_archive([part], REUTERS_QUERIES, REUTERS_FACETS)


if __name__ == "__main__":
    unittest.main()
