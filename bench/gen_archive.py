#!/usr/bin/env python3
"""Generates a synthetic archive of N article records (JSON Lines) for the scale benchmark.

Every piece is sampled from the real corpora in ../shared/corpora, so term statistics stay
realistic (a Zipf-like vocabulary, real sentence lengths, real entity names):
  - title: a real headline (Reuters-21578 title or HuffPost headline) — the same titles repeat
    across documents, as wire stories do;
  - body: 3-12 sentences drawn from the pool of Reuters bodies, HuffPost descriptions and
    StockNet tweets (split on sentence ends), in random order;
  - tickers: 0-3 from the StockNet and S&P 500 tables, weighted so a few are very common
    (rank r has weight 1/(r+1)), as in market news;
  - actors: 0-3 from the Reuters people/orgs lists and the S&P 500 company names (same weighting);
  - topics: 1-2 Reuters topics or HuffPost categories; places: 0-2 Reuters places;
  - source: one of 12 publishers; date: uniform over 2014-01-01 .. 2025-12-31 (seconds resolution);
  - copies: 2% of the records (--copies) re-send one of the last 1,000 records (same title and
    body, another source and id, up to a day later), as syndicated wire stories do (Reuters-21578
    folds 405 of its 21,578 texts as copies). Search collapses them, so the benchmark pays for
    collapsing as a real archive does. Copies draw from their own random stream: the other records
    are the same as without them.
The generator is deterministic for a given --seed and N (Python's random.Random; the corpora are read
in file order). Usage: gen_archive.py N OUT.jsonl [--seed 42] [--copies 0.02]
"""
import argparse
import csv
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SHARED_DIR  # noqa: E402

CORPORA = SHARED_DIR / "corpora"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
SOURCES = ["Reuters", "Bloomberg", "Financial Times", "The Bellwether", "MarketWatch", "CNBC", "Barron's",
           "The Economist", "Nikkei Asia", "Wall Street Journal", "Business Insider", "Seeking Alpha"]


def load_pools():
    titles, sentences = [], []
    topics, places, actors = set(), set(), set()
    with open(CORPORA / "reuters21578" / "reuters21578.jsonl", "rb") as f:
        for raw in f:
            rec = json.loads(raw.decode("utf-8", "replace"))
            if rec.get("title"):
                titles.append(rec["title"].title())
            body = " ".join((rec.get("body") or "").split())
            sentences.extend(s for s in SENTENCE_END.split(body) if len(s) > 20)
            topics.update(rec.get("topics") or [])
            places.update(rec.get("places") or [])
            actors.update(p.title() for p in rec.get("people") or [])
            actors.update(o.upper() for o in rec.get("orgs") or [])
    huff = CORPORA / "news-category-huffpost" / "News_Category_Dataset_v2.prefix4782.json"
    with open(huff, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            titles.append(rec["headline"])
            sentences.extend(s for s in SENTENCE_END.split(rec.get("short_description") or "") if len(s) > 20)
            topics.add(rec["category"].lower())
    tickers = []
    with open(CORPORA / "stocknet-tweets" / "StockTable.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            tickers.append(row["Symbol"].lstrip("$"))
    with open(CORPORA / "ticker-tables" / "sp500_constituents.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["Symbol"] not in tickers:
                tickers.append(row["Symbol"])
            actors.add(row["Security"])
    with open(CORPORA / "stocknet-tweets" / "tweets_raw_fields.jsonl", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 4:  # a quarter of the tweets is plenty
                continue
            text = json.loads(line).get("text") or ""
            if len(text) > 30 and not text.startswith("RT "):
                sentences.append(" ".join(text.split()))
    return {"titles": titles, "sentences": sentences, "topics": sorted(topics), "places": sorted(places),
            "actors": sorted(actors), "tickers": tickers}


def weighted(rng, items, weights, k):
    picked = []
    for _ in range(k):
        v = rng.choices(items, weights)[0]
        if v not in picked:
            picked.append(v)
    return picked


def generate(n, out, seed=42, copies=0.02):
    rng = random.Random(seed)
    rng_copies = random.Random(seed + 2)
    recent = []  # the last 1,000 records, for copies
    pools = load_pools()
    tickers = pools["tickers"]
    rng_shuffle = random.Random(seed + 1)
    rng_shuffle.shuffle(tickers)
    ticker_w = [1.0 / (r + 1) for r in range(len(tickers))]
    actors = pools["actors"]
    rng_shuffle.shuffle(actors)
    actor_w = [1.0 / (r + 1) for r in range(len(actors))]
    start, span = 1388534400, 12 * 365 * 86400  # 2014-01-01 .. about 2025-12-31
    import datetime
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            ts = start + rng.randrange(span)
            rec = {
                "id": f"gen-{i}",
                "type": "article",
                "title": rng.choice(pools["titles"]),
                "body": " ".join(rng.choice(pools["sentences"]) for _ in range(rng.randint(3, 12))),
                "date": datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "source": rng.choice(SOURCES),
                "tickers": weighted(rng, tickers, ticker_w, rng.randint(0, 3)),
                "actors": weighted(rng, actors, actor_w, rng.randint(0, 3)),
                "topics": rng.sample(pools["topics"], rng.randint(1, 2)),
                "places": rng.sample(pools["places"], rng.randint(0, 2)),
            }
            if recent and rng_copies.random() < copies:
                original = rng_copies.choice(recent)
                copy_ts = original["_ts"] + rng_copies.randrange(86400)
                rec = dict(original, id=f"gen-{i}", source=rng_copies.choice(SOURCES),
                           date=datetime.datetime.fromtimestamp(copy_ts, datetime.timezone.utc)
                           .strftime("%Y-%m-%dT%H:%M:%SZ"))
            else:
                rec["_ts"] = ts
                recent.append(rec)
                if len(recent) > 1000:
                    recent.pop(0)
            f.write(json.dumps({k: v for k, v in rec.items() if k != "_ts"}, ensure_ascii=False) + "\n")
    return pools


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--copies", type=float, default=0.02, help="share of records that copy a recent one")
    args = parser.parse_args()
    generate(args.n, args.out, args.seed, args.copies)


if __name__ == "__main__":
    main()
