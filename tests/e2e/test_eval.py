"""Relevance evaluation end to end, on a slice of SciFact so it runs in CI and cannot rot:
index the corpus, run 100 training queries as a TREC run, score it with bellwether-eval, and check
the score against a Python computation of the same measures and against a floor well below the
full-run figure (nDCG@10 0.70 on all 809 training queries; see README "Relevance")."""
import json
import math
import unittest

from harness import TempDirTestCase, run, shared


def ndcg10(ranked, judged):
    dcg = sum((2 ** judged.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:10]))
    ideal = sorted(judged.values(), reverse=True)[:10]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


class SciFactSliceTest(TempDirTestCase):
    def test_trec_run_scores_like_an_independent_computation(self):
        scifact = shared("corpora/scifact")
        db = self.tmp / "scifact.db"
        code, _, err = run("bellwether-index", "--db", db, scifact / "corpus.jsonl")
        self.assertEqual(code, 0, err)
        self.assertIn("5183 added", err)
        lines = (scifact / "queries-train.tsv").read_text(encoding="utf-8").splitlines()[:100]
        queries = self.tmp / "queries.tsv"
        queries.write_text("\n".join(lines) + "\n", encoding="utf-8")
        _, out, _ = run("bellwether-search", "--db", db, "--queries", queries, "--format", "trec", "--limit", "100",
                        "--match", "any", check_code=0)
        run_file = self.tmp / "run.trec"
        run_file.write_text(out, encoding="utf-8")

        wanted = {line.split("\t")[0] for line in lines}
        qrels = {}
        for line in (scifact / "qrels-train.trec").read_text(encoding="utf-8").splitlines():
            qid, _, doc, grade = line.split()
            if qid in wanted:
                qrels.setdefault(qid, {})[doc] = int(grade)
        qrels_file = self.tmp / "qrels.trec"
        qrels_file.write_text("".join(f"{q} 0 {d} {g}\n" for q, docs in qrels.items() for d, g in docs.items()),
                              encoding="utf-8")

        _, report, _ = run("bellwether-eval", "--format", "json", "--qrels", qrels_file, run_file, check_code=0)
        scores = json.loads(report)[0]
        ranked = {}
        for line in out.splitlines():
            qid, _, doc, rank, score, _ = line.split()
            ranked.setdefault(qid, []).append(doc)
        expected = sum(ndcg10(ranked.get(q, []), judged) for q, judged in qrels.items()) / len(qrels)
        self.assertEqual(scores["queries"], len(qrels))
        self.assertAlmostEqual(scores["ndcg@10"], expected, places=6)
        self.assertGreater(scores["ndcg@10"], 0.60)
        self.assertGreater(scores["recall@100"], 0.85)

    def test_bad_run_file_is_a_usage_error(self):
        bad = self.tmp / "bad.trec"
        bad.write_text("1 Q0 doc\n", encoding="utf-8")
        qrels = self.tmp / "q.trec"
        qrels.write_text("1 0 doc 1\n", encoding="utf-8")
        code, _, err = run("bellwether-eval", "--qrels", qrels, bad)
        self.assertEqual(code, 2)
        self.assertIn(f"{bad}:1: error:", err)


if __name__ == "__main__":
    unittest.main()
