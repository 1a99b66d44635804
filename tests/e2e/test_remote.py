"""Searching through a stub database: local shards and remote shards served by a stock xapian-tcpsrv
return the same ids in the same order, totals, facets, histograms, snippets and groups as one
combined database. Here the shards are built by indexing the articles and the signals separately;
test_sharding.py does the same for archives written by `bellwether-index --shards`."""
import json
import unittest

from harness import EXAMPLES, TempDirTestCase, run, start_tcpsrv

QUERIES = [
    ["memory"],
    ["hbm OR dram"],
    ["(hbm OR dram) -nand", "--sort", "date"],
    ["ticker:MU"],
    ["\"memory chip\""],
    ["micron", "--since", "2026-01-01", "--until", "2026-03-31"],
    ["ai", "--sort", "oldest"],
    ["micron", "--sort", "strength"],
    ["hbm", "--sort", "recency"],
    ["--sort", "date"],
    ["memory", "--group-by", "ticker"],
    ["hbm", "--explain"],
    ["memory", "--offset", "5"],
]


class ShardedSearchTest(TempDirTestCase):
    def setUp(self):
        super().setUp()
        self.combined = self.tmp / "combined.db"
        run("bellwether-index", "--db", self.combined, EXAMPLES, check_code=0)
        self.shards = [self.tmp / "articles.db", self.tmp / "signals.db"]
        run("bellwether-index", "--db", self.shards[0], EXAMPLES / "articles.jsonl", check_code=0)
        run("bellwether-index", "--db", self.shards[1], EXAMPLES / "signals.jsonl", EXAMPLES / "pages", check_code=0)

    def search(self, db, args):
        limit = [] if "--limit" in args else ["--limit", "8"]
        _, out, _ = run("bellwether-search", "--db", db, "--format", "json", *limit, "--facets",
                        "ticker,actor,topic,type,date", *args, check_code=0)
        response = json.loads(out)
        response.pop("suggestion")  # spelling data is local only (README)
        for r in response["results"]:
            r["score"] = round(r["score"], 3)
        return response

    def assert_same_as_combined(self, stub):
        for args in QUERIES:
            with self.subTest(args=args):
                self.assertEqual(self.search(stub, args), self.search(self.combined, args))
        # A wildcard's weight comes from per-shard statistics (Xapian expands it on each shard), so
        # only its matches, total and facets are the same, not its scores (README, "Sharding").
        wildcard = ["semicond*", "--ticker", "NVDA", "--limit", "100"]
        sharded, combined = self.search(stub, wildcard), self.search(self.combined, wildcard)
        self.assertEqual(sharded["total"], combined["total"])
        self.assertEqual(sharded["facets"], combined["facets"])
        self.assertEqual(sorted(r["id"] for r in sharded["results"]), sorted(r["id"] for r in combined["results"]))

    def test_local_shards(self):
        stub = self.tmp / "local.stub"
        stub.write_text("".join(f"auto {s}\n" for s in self.shards), encoding="utf-8")
        self.assert_same_as_combined(stub)

    def test_remote_shards_on_xapian_tcpsrv(self):
        stub = self.tmp / "remote.stub"
        stub.write_text("".join(start_tcpsrv(self, shard) for shard in self.shards), encoding="utf-8")
        self.assert_same_as_combined(stub)


if __name__ == "__main__":
    unittest.main()
