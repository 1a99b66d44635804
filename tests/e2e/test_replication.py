"""Read replicas with Xapian's own replication: a stock `xapian-replicate-server` on a free loopback
port serves the directory holding the master database, and `xapian-replicate` keeps a replica in step
while bellwether-index loads a Reuters slice into the master: first a bulk load (the compacted
database is swapped in by rename: the replica gets a full copy), then updates committed every 100
documents (the writer runs with XAPIAN_MAX_CHANGESETS, so the replica gets changesets). After each
catch-up the replica's search results (ids, totals, facets) and stats equal the master's, from
bellwether-search and from a bellwether-serve that keeps running on the replica throughout. The
replica client is then killed with SIGKILL, more documents are indexed and some deleted, and the
restarted client catches up. A one-shot client (-o) builds a second replica from scratch.

Every server and client is stopped when the test ends, also when it fails; waits have deadlines and
the one-shot client a timeout, so the test cannot hang."""
import json
import os
import shutil
import signal
import subprocess
import time

from harness import TempDirTestCase, binary, free_port, run, shared, stop_process, wait_for_port
from serve_harness import Server

REUTERS = "corpora/reuters21578/reuters21578.jsonl"
PARTS = (1000, 2000, 800)  # records: bulk load, followed updates, indexed while the client is dead
BATCH = 100
FACETS = "topic,place,actor,date"
QUERIES = [
    ["cocoa"],
    ["oil prices", "--sort", "date"],
    ["topic:grain"],
    ["--sort", "oldest"],
    ["bank OR dollar", "--since", "1987-03-01"],
]
CATCH_UP_SECONDS = 180


class ReplicationTest(TempDirTestCase):
    def setUp(self):
        super().setUp()
        self.server_bin = shutil.which("xapian-replicate-server")
        self.client_bin = shutil.which("xapian-replicate")
        if not self.server_bin or not self.client_bin:
            self.skipTest("xapian-replicate(-server) is not installed (Debian package xapian-tools)")
        binary("bellwether-index")
        corpus = shared(REUTERS)
        self.parts = []
        with open(corpus, "rb") as src:
            for number, size in enumerate(PARTS):
                path = self.tmp / f"part-{number}.jsonl"
                with open(path, "wb") as dst:
                    for _ in range(size):
                        dst.write(src.readline())
                self.parts.append(path)
        self.masters = self.tmp / "masters"  # what the replication server serves
        self.masters.mkdir()
        self.master = self.masters / "archive"
        self.replica = self.tmp / "replica"
        # Without it the writer keeps no changesets and every catch-up is a full copy (README).
        self.index_env = {"XAPIAN_MAX_CHANGESETS": "1000"}
        self.server = None  # bellwether-serve on the replica, once it exists

    # --- processes -------------------------------------------------------------------------------

    def start_server(self):
        self.port = free_port()
        log = open(self.tmp / "replicate-server.log", "w")
        self.addCleanup(log.close)
        server = subprocess.Popen([self.server_bin, "--interface", "127.0.0.1", "--port", str(self.port),
                                   str(self.masters)], stdout=log, stderr=subprocess.STDOUT)
        self.addCleanup(stop_process, server)
        wait_for_port(self, self.port, server, "xapian-replicate-server")

    def start_client(self):
        """A following client: connects every second, applies changesets without waiting for readers."""
        log = open(self.tmp / "replicate-client.log", "a")
        self.addCleanup(log.close)
        client = subprocess.Popen([self.client_bin, "--host", "127.0.0.1", "--port", str(self.port),
                                   "--master", "archive", "--interval", "1", "--reader-time", "0",
                                   "--timeout", "10", str(self.replica)], stdout=log, stderr=subprocess.STDOUT)
        self.addCleanup(stop_process, client)
        return client

    def index(self, *args):
        run("bellwether-index", "--db", self.master, "--progress", "never", *args, env=self.index_env, check_code=0)

    # --- comparing -------------------------------------------------------------------------------

    def stats(self, db):
        """The stats that must agree (not the path or the size on disk), or None when unreadable."""
        code, out, _ = run("bellwether-search", "--db", db, "--stats")
        if code != 0:
            return None
        s = json.loads(out)
        return {k: s.get(k) for k in ("documents", "by_type", "date_range", "dated_documents", "last_commit")}

    def searches(self, db):
        out = []
        for args in QUERIES:
            _, text, _ = run("bellwether-search", "--db", db, "--format", "json", "--limit", "20", "--facets",
                             FACETS, *args, check_code=0)
            response = json.loads(text)
            out.append({"query": args, "ids": [r["id"] for r in response["results"]], "total": response["total"],
                        "facets": response["facets"]})
        return out

    def wait_for_replica(self, master_stats):
        """Waits until the replica's stats equal `master_stats` (the replica may be absent or mid-update
        meanwhile), then checks the searches agree too."""
        deadline = time.monotonic() + CATCH_UP_SECONDS
        seen = None
        while time.monotonic() < deadline:
            seen = self.stats(self.replica) if (self.replica / "XAPIANDB").exists() else None
            if seen == master_stats:
                break
            time.sleep(0.3)
        else:
            log = (self.tmp / "replicate-client.log").read_text(errors="replace")[-2000:]
            self.fail(f"the replica did not catch up in {CATCH_UP_SECONDS} s: master {master_stats}, "
                      f"replica {seen}\nclient log:\n{log}")
        master_searches = self.searches(self.master)
        self.assertEqual(self.searches(self.replica), master_searches)
        if self.server:  # a long-running server on the replica sees the update at its next request
            for args, expected in zip(QUERIES, master_searches):
                params = {"limit": 20, "facets": FACETS}
                options = args
                if args and not args[0].startswith("--"):
                    params["q"], options = args[0], args[1:]
                params.update((name.lstrip("-"), value) for name, value in zip(options[0::2], options[1::2]))
                status, api = self.server.get_json("/api/search", params)
                self.assertEqual(status, 200, api)
                self.assertEqual({"query": args, "ids": [r["id"] for r in api["results"]], "total": api["total"],
                                  "facets": api["facets"]}, expected)

    # --- the test --------------------------------------------------------------------------------

    def test_replica_follows_the_master_and_catches_up_after_a_kill(self):
        # 1. A bulk load into the new master, then the server and a following client.
        self.index(self.parts[0])
        self.start_server()
        client = self.start_client()
        self.wait_for_replica(self.stats(self.master))
        self.assertEqual(self.stats(self.replica)["documents"], PARTS[0])
        self.server = Server(self.replica, self.tmp / "serve.log")
        self.addCleanup(self.server.stop)

        # 2. Updates committed every BATCH documents while the client follows: whatever the replica
        # shows meanwhile is a committed state of the master (never fewer documents than before,
        # and a last_commit the master recorded).
        indexer = subprocess.Popen([binary("bellwether-index"), "--db", str(self.master), "--batch", str(BATCH),
                                    "--progress", "never", str(self.parts[1])],
                                   env={**os.environ, **self.index_env}, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True)
        self.addCleanup(stop_process, indexer)
        observed = []
        load_deadline = time.monotonic() + 600
        while indexer.poll() is None:
            if time.monotonic() > load_deadline:
                self.fail("bellwether-index did not finish the followed load in 600 s")
            s = self.stats(self.replica)
            if s and (not observed or s["documents"] != observed[-1][0]):
                observed.append((s["documents"], s["last_commit"]))
            time.sleep(0.2)
        _, err = indexer.communicate(timeout=600)
        self.assertEqual(indexer.returncode, 0, err)
        counts = [documents for documents, _ in observed]
        self.assertEqual(counts, sorted(counts), f"the replica went back: {counts}")
        for documents, last_commit in observed:
            self.assertGreaterEqual(documents, PARTS[0])
            self.assertLessEqual(documents, PARTS[0] + PARTS[1])
            if documents > PARTS[0]:  # a commit of this run: it records how far it had read
                self.assertEqual(last_commit["records"] % BATCH, 0, observed)
        print(f"\nreplica states seen during the followed load: {counts}")
        self.wait_for_replica(self.stats(self.master))
        self.assertEqual(self.stats(self.replica)["documents"], PARTS[0] + PARTS[1])

        # 3. Kill the client, change the master (adds and deletes), restart the client.
        client.send_signal(signal.SIGKILL)
        client.wait(10)
        before = self.stats(self.replica)
        self.index("--batch", str(BATCH), self.parts[2], "--delete", "reuters-5", "--delete", "reuters-1500")
        master_stats = self.stats(self.master)
        self.assertEqual(master_stats["documents"], sum(PARTS) - 2)
        time.sleep(1.5)
        self.assertEqual(self.stats(self.replica), before, "the replica changed with its client dead")
        self.start_client()
        self.wait_for_replica(master_stats)

        # 4. A one-shot client builds another replica from nothing in one connection.
        second = self.tmp / "replica-2"
        proc = subprocess.run([self.client_bin, "--host", "127.0.0.1", "--port", str(self.port), "--master",
                               "archive", "--one-shot", "--reader-time", "0", "--timeout", "30", str(second)],
                              capture_output=True, text=True, timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertEqual(self.stats(second), master_stats)
        self.assertEqual(self.searches(second), self.searches(self.master))


if __name__ == "__main__":
    import unittest
    unittest.main()
