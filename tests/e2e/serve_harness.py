"""Helpers for the bellwether-serve tests: start the installed server on a free loopback port
(--port 0; the bound port is read from its startup line), make HTTP requests with the standard
library, and always stop the server (register `server.stop` with addCleanup/addClassCleanup)."""
import http.client
import json
import subprocess
import time
import urllib.parse

from harness import binary, run


def index_examples(db, *paths):
    """Indexes examples (or the given files) into `db` with the installed bellwether-index."""
    from harness import EXAMPLES
    run("bellwether-index", "--db", db, *(paths or [EXAMPLES / "articles.jsonl", EXAMPLES / "signals.jsonl"]),
        check_code=0)


class Server:
    """A running bellwether-serve; `log_path` collects its stderr (startup line and access log)."""

    def __init__(self, db, log_path, *extra, startup_timeout=20):
        self.log_path = log_path
        self.log = open(log_path, "w+", encoding="utf-8")
        self.proc = subprocess.Popen([binary("bellwether-serve"), "--db", str(db), "--port", "0", *map(str, extra)],
                                     stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.monotonic() + startup_timeout
        self.port = None
        while time.monotonic() < deadline:
            with open(log_path, encoding="utf-8") as f:
                text = f.read()
            if "listening on http://" in text:
                address = text.split("listening on http://", 1)[1].split()[0]
                self.host, port = address.rsplit(":", 1)
                self.port = int(port)
                break
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        if self.port is None:
            self.stop()
            with open(log_path, encoding="utf-8") as f:
                raise AssertionError(f"bellwether-serve did not start:\n{f.read()}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()

    @property
    def url(self):
        return f"http://{self.host}:{self.port}"

    def request(self, method, target, body=None, headers=None):
        """Sends `target` as given (no normalisation); returns (status, headers dict, body bytes)."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request(method, target, body=body, headers=headers or {})
            res = conn.getresponse()
            return res.status, {k.lower(): v for k, v in res.getheaders()}, res.read()
        finally:
            conn.close()

    def get_json(self, path, params=None):
        """GET path?params; returns (status, parsed JSON body)."""
        target = path + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")
        status, headers, body = self.request("GET", target)
        return status, json.loads(body.decode("utf-8"))
