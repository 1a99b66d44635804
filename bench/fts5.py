"""SQLite FTS5 peer (porter unicode61), run as its own process so its time and RSS are its own.
  python3 fts5.py index DB JSONL          build a table like Bellwether's fields
  python3 fts5.py query DB QUERIES.jsonl  time each query in process; prints JSON latencies
Queries are {"class", "fts": "<FTS5 MATCH expression>", "snippet": n}; without "snippet" top-10 by bm25,
with "snippet" > 0 a snippet() of the body and a count(*) of the matches are added."""
import json
import sqlite3
import sys
import time

FIELDS = ["title", "body", "topics", "places", "people", "orgs", "tickers", "actors"]


def as_text(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def index(db, jsonl):
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute(f"CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, date UNINDEXED, {', '.join(FIELDS)}, "
                "tokenize='porter unicode61')")
    rows = []
    count = 0
    with open(jsonl, "rb") as f:
        for raw in f:
            rec = json.loads(raw.decode("utf-8", "replace"))
            rows.append((rec.get("id"), rec.get("date"), *(as_text(rec.get(k)) for k in FIELDS)))
            count += 1
            if len(rows) >= 5000:
                con.executemany(f"INSERT INTO docs VALUES ({', '.join('?' * (len(FIELDS) + 2))})", rows)
                rows = []
    if rows:
        con.executemany(f"INSERT INTO docs VALUES ({', '.join('?' * (len(FIELDS) + 2))})", rows)
    con.commit()
    con.close()
    print(json.dumps({"documents": count}))


def query(db, queries_path):
    con = sqlite3.connect(db)
    queries = [json.loads(l) for l in open(queries_path) if l.strip()]
    plain = "SELECT id, bm25(docs) FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 10"
    full = ("SELECT id, bm25(docs), snippet(docs, 3, '<b>', '</b>', '...', 24) FROM docs WHERE docs MATCH ? "
            "ORDER BY bm25(docs) LIMIT 10")
    count = "SELECT count(*) FROM docs WHERE docs MATCH ?"

    def run(q):
        if q.get("snippet"):
            con.execute(full, (q["fts"],)).fetchall()
            con.execute(count, (q["fts"],)).fetchone()
        else:
            con.execute(plain, (q["fts"],)).fetchall()

    for q in queries:  # warm-up, as for Bellwether
        run(q)
    out = {}
    for q in queries:
        start = time.perf_counter()
        run(q)
        out.setdefault(q.get("class", "all"), []).append((time.perf_counter() - start) * 1000.0)
    print(json.dumps(out))


if __name__ == "__main__":
    {"index": index, "query": query}[sys.argv[1]](sys.argv[2], sys.argv[3])
