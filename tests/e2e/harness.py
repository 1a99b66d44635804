"""Shared helpers for the end-to-end tests: run the installed binaries, compare with golden files.

The binaries come from BELLWETHER_PREFIX (a `cmake --install` done by the e2e.install test).
Set BELLWETHER_UPDATE_GOLDEN=1 to rewrite the golden files from the current output (then review
the diff before committing).
"""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

PREFIX = Path(os.environ.get("BELLWETHER_PREFIX", "../../build/e2e-prefix")).resolve()
PROJECT = Path(os.environ.get("BELLWETHER_PROJECT_DIR", "../..")).resolve()
SHARED = Path(os.environ.get("BELLWETHER_SHARED_DIR", PROJECT / ".." / "shared")).resolve()
GOLDEN = PROJECT / "tests" / "golden"
FIXTURES = PROJECT / "tests" / "fixtures"
EXAMPLES = PROJECT / "examples"
UPDATE = os.environ.get("BELLWETHER_UPDATE_GOLDEN") == "1"


def binary(name):
    path = PREFIX / "bin" / name
    if not path.exists():
        raise unittest.SkipTest(f"{path} is not installed (run the e2e.install test first)")
    return str(path)


def run(name, *args, stdin=None, env=None, check_code=None):
    """Runs an installed binary; returns (exit code, stdout, stderr)."""
    full_env = dict(os.environ)
    full_env.pop("BELLWETHER_DB", None)
    if env:
        full_env.update(env)
    proc = subprocess.run([binary(name), *map(str, args)], input=stdin, capture_output=True,
                          text=True, env=full_env, timeout=600)
    if check_code is not None and proc.returncode != check_code:
        raise AssertionError(f"{name} {' '.join(map(str, args))}: exit {proc.returncode}, "
                             f"expected {check_code}\nstdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-2000:]}")
    return proc.returncode, proc.stdout, proc.stderr


def shared(relative):
    path = SHARED / relative
    if not path.exists():
        raise unittest.SkipTest(f"../shared/{relative} is absent (only CI has it)")
    return path


def round_scores(value):
    """Scores are floating point: compare them to 2 decimals."""
    if isinstance(value, dict):
        return {k: (round(v, 2) if k == "score" and isinstance(v, float) else round_scores(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [round_scores(v) for v in value]
    return value


def check_golden(test, name, actual):
    """Compares `actual` (JSON-able) with tests/golden/<name>, or writes it when updating."""
    path = GOLDEN / name
    actual = round_scores(actual)
    if UPDATE or not path.exists():
        if not UPDATE:
            test.fail(f"golden file {path} is missing (run with BELLWETHER_UPDATE_GOLDEN=1)")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return
    expected = json.loads(path.read_text(encoding="utf-8"))
    test.assertEqual(expected, actual, f"output differs from {path}")


class TempDirTestCase(unittest.TestCase):
    """A test case with a fresh temporary directory in self.tmp."""

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="bellwether-e2e-"))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def free_port():
    """A TCP port free on the loopback interface right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(test, port, proc, what, timeout=10):
    """Waits until something accepts connections on 127.0.0.1:port; fails the test if `proc` exits first."""
    deadline = time.time() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.time() > deadline or proc.poll() is not None:
                test.fail(f"{what} on port {port} did not start")
            time.sleep(0.1)


def stop_process(proc):
    """Kills `proc` (if it still runs) and reaps it."""
    if proc.poll() is None:
        proc.kill()
    proc.wait(10)


def start_tcpsrv(test, db):
    """Starts a stock xapian-tcpsrv serving the database `db` on a free loopback port, stopped when
    the test ends (also when it fails); returns the stub line for it (`remote 127.0.0.1:PORT`).
    Skips the test when xapian-tcpsrv (Debian package xapian-tools) is not installed."""
    tcpsrv = shutil.which("xapian-tcpsrv")
    if not tcpsrv:
        test.skipTest("xapian-tcpsrv is not installed (Debian package xapian-tools)")
    port = free_port()
    server = subprocess.Popen([tcpsrv, "--interface", "127.0.0.1", "--port", str(port), str(db)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    test.addCleanup(stop_process, server)
    wait_for_port(test, port, server, "xapian-tcpsrv")
    return f"remote 127.0.0.1:{port}\n"
