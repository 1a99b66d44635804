"""Hostile and broken input for bellwether-index: every bad record is reported as
`file:line: error: ...`, every good one is indexed, the summary counts match, nothing crashes and
peak memory stays bounded (measured with getrusage on the child).

The small cases are committed in tests/fixtures/hostile/; the large ones (a 50 MB field, a line
over the 64 MiB limit, 10,000 tickers) and the directory hazards (unreadable files, symlink loops,
a FIFO) are made here at test time.
"""
import json
import os
import re
import stat
import subprocess
import time
import unittest

from harness import FIXTURES, TempDirTestCase, binary, run

HOSTILE = FIXTURES / "hostile"
MEMORY_LIMIT_MB = 512  # peak RSS allowed for any single run below (the 50 MB field peaks near 300 MB)

# fixture -> (lines with an error, lines with a warning, documents added)
EXPECTED = {
    "invalid_json.jsonl": ([2, 3, 4, 5, 6, 8, 9, 10], [], 3),
    "truncated.jsonl": ([3], [], 2),
    "invalid_utf8.jsonl": ([], [1, 2, 3], 4),
    "nul_bytes.jsonl": ([2, 4], [], 2),
    "wrong_types.jsonl": ([1, 2, 3, 4, 6, 8, 10, 12], [5, 11], 4),
    "unknown_types.jsonl": ([1, 2], [], 3),
    "no_text.jsonl": ([1, 2, 3, 5, 6], [4], 1),
    "limits.jsonl": ([], [3, 5], 7),
    "dates.jsonl": ([], [1, 2, 3, 4, 5, 6, 9], 9),
    "deep.jsonl": ([1, 3, 4], [], 2),
    "crlf.jsonl": ([], [], 3),
    "bom.jsonl": ([], [], 2),
    "empty.jsonl": ([], [], 0),
    "blank_lines.jsonl": ([], [], 0),
    "article_boilerplate_only.txt": ([1], [], 0),
    "signal_boilerplate_only.txt": ([1], [], 0),
    "binary.txt": ([1], [1], 0),
    "plain_text.txt": ([], [], 1),  # any text with a few lines of words reads as an article page
}

SUMMARY = re.compile(r"^bellwether-index: (\d+) read, (\d+) added, (\d+) replaced, (\d+) deleted, (\d+) skipped"
                     r"(?:, (\d+) warnings?)?")


def index_measured(db, *inputs, timeout=600):
    """Runs bellwether-index; returns (exit code, stderr, peak RSS in MB of that child)."""
    err_path = db.parent / (db.name + ".stderr")
    with open(err_path, "w+b") as err:
        proc = subprocess.Popen([binary("bellwether-index"), "--db", str(db), "--progress", "never",
                                 *map(str, inputs)], stdout=subprocess.DEVNULL, stderr=err)
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                raise AssertionError(f"bellwether-index {inputs} did not finish in {timeout} s")
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", errors="replace")
    return proc.returncode, text, usage.ru_maxrss / 1024.0


def parse_summary(test, err):
    last = err.strip().splitlines()[-1] if err.strip() else ""
    m = SUMMARY.match(last)
    test.assertIsNotNone(m, f"no summary line in:\n{err[-2000:]}")
    read, added, replaced, deleted, skipped, warnings = (int(g or 0) for g in m.groups())
    return dict(read=read, added=added, replaced=replaced, deleted=deleted, skipped=skipped, warnings=warnings)


def diagnostics(err, path, kind):
    """Line numbers of `kind` (error/warning) diagnostics for `path`."""
    prefix = f"{path}:"
    lines = []
    for line in err.splitlines():
        if line.startswith(prefix) and f": {kind}: " in line:
            location = line[len(prefix):].split(":", 1)[0]
            lines.append(int(location) if location.isdigit() else 0)
    return lines


def doc_count(db):
    code, out, err = run("bellwether-search", "--db", db, "--stats")
    if code != 0:
        raise AssertionError(err)
    return json.loads(out)["documents"]


class HostileFixtureTest(TempDirTestCase):
    def test_each_fixture(self):
        for name, (errors, warnings, added) in EXPECTED.items():
            with self.subTest(fixture=name):
                path = HOSTILE / name
                db = self.tmp / (name + ".db")
                code, err, rss = index_measured(db, path)
                self.assertEqual(code, 1 if errors else 0, err[-2000:])
                self.assertEqual(sorted(set(diagnostics(err, path, "error"))), errors, err[-3000:])
                self.assertEqual(sorted(set(diagnostics(err, path, "warning"))), warnings, err[-3000:])
                # Every diagnostic names a location in this file; nothing else is printed but the summary.
                for line in err.strip().splitlines()[:-1]:
                    self.assertRegex(line, rf"^{re.escape(str(path))}:\d+: (error|warning): \S", err[-2000:])
                summary = parse_summary(self, err)
                self.assertEqual(summary["added"], added, err[-2000:])
                self.assertEqual(summary["skipped"], len(diagnostics(err, path, "error")))
                self.assertEqual(summary["read"], summary["added"] + summary["skipped"])
                self.assertEqual(summary["warnings"], len(diagnostics(err, path, "warning")))
                if added or (db / "iamglass").exists():
                    self.assertEqual(doc_count(db), added)
                self.assertLess(rss, MEMORY_LIMIT_MB)

    def test_whole_directory_at_once(self):
        db = self.tmp / "all.db"
        code, err, rss = index_measured(db, HOSTILE)
        self.assertEqual(code, 1)
        summary = parse_summary(self, err)
        self.assertEqual(summary["added"], sum(a for _, _, a in EXPECTED.values()))
        self.assertEqual(summary["skipped"], sum(len(e) for e, _, _ in EXPECTED.values()))
        self.assertEqual(doc_count(db), summary["added"])
        self.assertLess(rss, MEMORY_LIMIT_MB)
        subprocess.run(["xapian-check", str(db)], check=True, capture_output=True)

    def test_good_records_are_searchable(self):
        db = self.tmp / "search.db"
        index_measured(db, HOSTILE / "invalid_utf8.jsonl", HOSTILE / "crlf.jsonl", HOSTILE / "limits.jsonl")
        _, out, _ = run("bellwether-search", "--db", db, "--format", "json", "café", check_code=0)
        self.assertEqual([r["id"] for r in json.loads(out)["results"]], ["u8-1"])
        _, out, _ = run("bellwether-search", "--db", db, "--format", "json", "title:windows", check_code=0)
        self.assertEqual(json.loads(out)["total"], 3)
        _, out, _ = run("bellwether-search", "--db", db, "--show", "lim-" + "i" * 2000, check_code=0)
        self.assertEqual(json.loads(out)["title"], "A very long id")


class LargeInputTest(TempDirTestCase):
    def test_fifty_megabyte_field(self):
        path = self.tmp / "big-field.jsonl"
        words = ("memory chip demand rose again while nand prices fell " * 1000).encode()
        with open(path, "wb") as f:
            f.write(b'{"id": "big-1", "title": "A fifty megabyte body", "body": "')
            for _ in range(50 * 1024 * 1024 // len(words)):
                f.write(words)
            f.write(b'"}\n')
            f.write(b'{"id": "after-big", "title": "The record after the big one", "body": "still read"}\n')
        db = self.tmp / "db"
        code, err, rss = index_measured(db, path)
        self.assertEqual(code, 0, err[-2000:])
        self.assertEqual(diagnostics(err, path, "warning"), [1], err[-2000:])
        self.assertIn("truncated", err)
        self.assertEqual(parse_summary(self, err)["added"], 2)
        self.assertLess(rss, MEMORY_LIMIT_MB)
        print(f"50 MB field: peak RSS {rss:.0f} MB", flush=True)

    def test_line_over_the_limit(self):
        path = self.tmp / "huge-line.jsonl"
        with open(path, "wb") as f:
            f.write(b'{"id": "good-before", "title": "Before", "body": "text"}\n')
            f.write(b'{"id": "huge", "body": "' + b"x" * (70 * 1024 * 1024) + b'"}\n')
            f.write(b'{"id": "good-after", "title": "After", "body": "text"}\n')
        db = self.tmp / "db"
        code, err, rss = index_measured(db, path)
        self.assertEqual(code, 1, err[-2000:])
        self.assertEqual(diagnostics(err, path, "error"), [2], err[-2000:])
        self.assertIn("longer than 64 MiB", err)
        self.assertEqual(parse_summary(self, err)["added"], 2)
        self.assertLess(rss, MEMORY_LIMIT_MB)
        print(f"70 MB line: peak RSS {rss:.0f} MB", flush=True)

    def test_ten_thousand_tickers(self):
        path = self.tmp / "tickers.jsonl"
        tickers = [f"T{i:05d}" for i in range(10000)]
        path.write_text(json.dumps({"id": "many", "title": "Ten thousand tickers", "body": "t", "tickers": tickers})
                        + "\n")
        db = self.tmp / "db"
        code, err, rss = index_measured(db, path)
        self.assertEqual(code, 0, err)
        self.assertEqual(diagnostics(err, path, "warning"), [1], err)
        _, out, _ = run("bellwether-search", "--db", db, "--format", "json", "ticker:T00999", check_code=0)
        self.assertEqual(json.loads(out)["total"], 1)
        self.assertLess(rss, MEMORY_LIMIT_MB)


class DirectoryHazardTest(TempDirTestCase):
    def test_unreadable_files_symlink_loops_and_fifos(self):
        root = self.tmp / "archive"
        (root / "sub").mkdir(parents=True)
        (root / "good.jsonl").write_text(json.dumps({"id": "d-1", "title": "Good", "body": "text"}) + "\n")
        (root / "sub" / "good2.jsonl").write_text(json.dumps({"id": "d-2", "title": "Good", "body": "text"}) + "\n")
        locked = root / "unreadable.jsonl"
        locked.write_text(json.dumps({"id": "d-3", "title": "Locked", "body": "text"}) + "\n")
        locked.chmod(0)
        os.symlink("loop-b.jsonl", root / "loop-a.jsonl")  # a <-> b
        os.symlink("loop-a.jsonl", root / "loop-b.jsonl")
        os.symlink("self.jsonl", root / "self.jsonl")
        os.symlink("..", root / "sub" / "up")             # a directory loop
        os.symlink(".", root / "sub" / "here")
        os.symlink("missing.jsonl", root / "dangling.jsonl")
        os.mkfifo(root / "fifo.jsonl")                    # reading it would block forever
        (root / "locked-dir").mkdir()
        (root / "locked-dir" / "inside.jsonl").write_text("{}\n")
        (root / "locked-dir").chmod(0)
        try:
            db = self.tmp / "db"
            code, err, _ = index_measured(db, root, timeout=60)
        finally:
            (root / "locked-dir").chmod(stat.S_IRWXU)
        self.assertIn(code, (0, 1), err)
        summary = parse_summary(self, err)
        if os.geteuid() == 0:
            # root reads mode-000 files and directories: everything readable is indexed.
            self.assertGreaterEqual(summary["added"], 3, err)
        else:
            self.assertIn("unreadable.jsonl: error: cannot open: Permission denied", err)
            self.assertEqual(summary["added"], 2, err)
        for name in ("loop-a.jsonl", "loop-b.jsonl", "self.jsonl"):
            self.assertRegex(err, rf"{name}: error: cannot open: Too many levels of symbolic links")
        self.assertIn("dangling.jsonl: error: cannot open: No such file or directory", err)
        self.assertNotIn("fifo.jsonl", err)
        self.assertEqual(doc_count(db), summary["added"])


if __name__ == "__main__":
    unittest.main()
