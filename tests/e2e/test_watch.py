"""bellwether-watch end to end: saved searches report what entered the archive since their last run."""
import json
import unittest

from harness import EXAMPLES, TempDirTestCase, run


class WatchTest(TempDirTestCase):
    def setUp(self):
        super().setUp()
        self.db = self.tmp / "watch.db"
        lines = (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        self.batch1 = self.tmp / "batch1.jsonl"
        self.batch1.write_text("\n".join(lines[:20]) + "\n", encoding="utf-8")
        self.batch2 = self.tmp / "batch2.jsonl"
        self.batch2.write_text("\n".join(lines[20:]) + "\n", encoding="utf-8")
        self.records = {json.loads(l)["id"]: json.loads(l) for l in lines}

    def index(self, path):
        code, _, err = run("bellwether-index", "--db", self.db, path)
        self.assertEqual(code, 0, err)

    def watch(self, *args, code=0):
        _, out, err = run("bellwether-watch", "--db", self.db, *args, check_code=code)
        return out, err

    def run_watches(self):
        out, _ = self.watch("run", "--format", "json")
        return {o["watch"]: sorted(r["id"] for r in o["results"]) for o in map(json.loads, out.splitlines())}

    def expected(self, batch, predicate):
        ids = [json.loads(l)["id"] for l in batch.read_text(encoding="utf-8").splitlines()]
        return sorted(i for i in ids if predicate(self.records[i]))

    def test_reports_only_what_is_new(self):
        def has_mu(r):
            # ticker:MU also finds documents naming Micron (fields or text) or $MU / (NASDAQ: MU) in the text.
            text = " ".join(str(r.get(k, "")) for k in ("title", "subtitle", "body", "analysis", "reasoning"))
            return ("MU" in r.get("tickers", []) or "Micron" in r.get("actors", []) or "Micron" in text
                    or "$MU" in text or ": MU)" in text)

        def says_hbm(r):
            # What the engine itself matches for "hbm" (word matching, not substrings like "HBM3E").
            _, out, _ = run("bellwether-search", "--db", self.db, "hbm", "--format", "json", "--limit", "1000",
                            check_code=0)
            return r["id"] in {x["id"] for x in json.loads(out)["results"]}

        self.index(self.batch1)
        self.watch("add", "mu", "--ticker", "MU")
        self.watch("add", "hbm", "hbm")
        listed = json.loads(self.watch("list", "--format", "json")[0])
        self.assertEqual([w["name"] for w in listed], ["hbm", "mu"])

        first = self.run_watches()  # a first run reports the current matches
        self.assertEqual(first["mu"], self.expected(self.batch1, has_mu))
        self.assertEqual(first["hbm"], self.expected(self.batch1, says_hbm))
        self.assertTrue(first["mu"] and first["hbm"])

        self.assertEqual(self.run_watches(), {"mu": [], "hbm": []})  # nothing new

        self.index(self.batch2)
        new = self.run_watches()
        self.assertEqual(new["mu"], self.expected(self.batch2, has_mu))
        self.assertEqual(new["hbm"], self.expected(self.batch2, says_hbm))
        self.assertTrue(new["mu"])

        self.index(self.batch2)  # re-indexing unchanged documents is not news
        self.index(self.batch1)
        self.assertEqual(self.run_watches(), {"mu": [], "hbm": []})

        # A document whose content changed is reported again.
        changed = dict(self.records[first["mu"][0]])
        changed["body"] = changed.get("body", "") + " Update: guidance raised."
        edited = self.tmp / "edited.jsonl"
        edited.write_text(json.dumps(changed) + "\n", encoding="utf-8")
        self.index(edited)
        self.assertEqual(self.run_watches(), {"mu": [changed["id"]], "hbm": [changed["id"]] if says_hbm(changed) else []})

        out, _ = self.watch("run", "mu")  # text output
        self.assertIn("== mu: ticker:MU", out)
        self.assertIn("nothing new", out)
        self.watch("remove", "mu")
        self.assertEqual([w["name"] for w in json.loads(self.watch("list", "--format", "json")[0])], ["hbm"])

    def test_errors(self):
        self.index(self.batch1)
        _, err = self.watch("add", "broken", "(micron", code=2)
        self.assertIn("position", err)
        self.watch("add", "bad name!", "x", code=2)
        self.watch("remove", "nope", code=1)
        self.watch("run", "nope", code=1)
        self.watch("add", "dup", "micron")
        self.watch("add", "dup", "micron", code=2)
        self.watch("add", "dup", "nvidia", "--replace")
        self.watch("frobnicate", code=2)
        run("bellwether-watch", "--db", self.tmp / "missing.db", "list", check_code=3)


if __name__ == "__main__":
    unittest.main()
