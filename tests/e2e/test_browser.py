"""Browser tests of the search page: Debian's headless Chromium, driven through chromedriver's
W3C WebDriver API, against the installed bellwether-serve over an index of examples/. Skips (with
a message) only when chromium/chromedriver are not installed. Saves a screenshot of the results
page to $BELLWETHER_ARTIFACTS (default: <build>/e2e-artifacts/search-page.png)."""
import os
import unittest
import urllib.parse
from pathlib import Path

from harness import PREFIX, TempDirTestCase
from serve_harness import Server, index_examples
from webdriver import Browser, find_chromium

ARTIFACTS = Path(os.environ.get("BELLWETHER_ARTIFACTS", PREFIX.parent / "e2e-artifacts"))


def query_of(url):
    return urllib.parse.parse_qs(urllib.parse.urlparse(url).query)


class SearchPageTest(TempDirTestCase):
    def setUp(self):
        super().setUp()
        find_chromium()
        index_examples(self.tmp / "db")
        self.server = Server(self.tmp / "db", self.tmp / "serve.log")
        self.addCleanup(self.server.stop)
        self.browser = Browser()
        self.addCleanup(self.browser.quit)

    def results(self):
        return self.browser.js("return [...document.querySelectorAll('#result-list .result')].map(r => ({"
                               "id: r.dataset.id, marks: r.querySelectorAll('.snippet mark').length,"
                               "tickers: [...r.querySelectorAll('.chip.ticker')].map(c => c.dataset.value),"
                               "date: (r.querySelector('time') || {}).textContent}))")

    def wait_results(self, status_prefix="Results"):
        b = self.browser
        b.wait_for("return document.getElementById('status').textContent.startsWith(arguments[0])", status_prefix,
                   message=f"status starting with {status_prefix}")

    def test_type_search_click_chip_and_bar_and_page(self):
        b = self.browser
        b.get(self.server.url + "/")
        self.wait_results()  # the empty query lists everything, newest first

        # Type a query: results with highlighted matches, the query in the URL.
        b.type("#q", "memory")
        b.wait_for("return !document.getElementById('suggestions').hidden", message="completions shown")
        options = b.js("return [...document.querySelectorAll('#suggestions li')].map(li => li.dataset.completion)")
        self.assertIn("memory", options)
        b.js("document.getElementById('q').blur()")
        b.click("#search-form button[type=submit]")
        b.wait_for("return new URLSearchParams(location.search).get('q') === 'memory' && "
                   "document.querySelector('#result-list .snippet mark') !== null", message="results with <mark>")
        self.wait_results()
        results = self.results()
        self.assertTrue(results)
        self.assertTrue(all(r["marks"] > 0 for r in results), results)
        self.assertIn("article", b.js("return document.querySelector('#result-list .badge').textContent"))
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shot = b.screenshot(str(ARTIFACTS / "search-page.png"))
        self.assertGreater(os.path.getsize(shot), 10000)
        print(f"screenshot: {shot}")

        # Click a ticker chip: the filter is in the URL, shown as active, applied to every result.
        ticker = b.js("return document.querySelector('#result-list .chip.ticker').dataset.value")
        b.js("document.querySelector('#result-list .chip.ticker').scrollIntoView()")
        b.click(f"#result-list .chip.ticker[data-value='{ticker}']")
        b.wait_for("return new URLSearchParams(location.search).getAll('ticker').includes(arguments[0])", ticker,
                   message="ticker in URL")
        b.wait_for("return document.querySelector('#active-filters [data-filter=ticker]') !== null")
        self.wait_results()
        results = self.results()
        self.assertTrue(results)
        self.assertTrue(all(ticker in r["tickers"] for r in results), results)
        self.assertEqual(query_of(b.url)["q"], ["memory"])

        # Click a histogram bar: since/until in the URL, every result inside the bucket.
        b.get(self.server.url + "/?q=memory")
        self.wait_results()
        bucket = b.js("const bar = [...document.querySelectorAll('#histogram .bar')]"
                      ".find(x => !x.getAttribute('aria-label').endsWith(': 0 documents'));"
                      "return bar ? bar.dataset.bucket : null")
        self.assertTrue(bucket)
        b.click(f"#histogram .bar[data-bucket='{bucket}']")
        b.wait_for("return new URLSearchParams(location.search).has('since')", message="since in URL")
        self.wait_results()
        params = query_of(b.url)
        since, until = params["since"][0], params["until"][0]
        for r in self.results():
            day = r["date"]
            self.assertTrue(day[:len(since)] >= since and day[:len(until)] <= until, (day, since, until))
        # The bucket shows as an active filter; the histogram now spans the bucket at a finer grain.
        self.assertTrue(b.js("return document.querySelector('#active-filters [data-filter=date]') !== null"))

        # Page forward: offset in the URL, the next ten results, Back returns to page one.
        b.get(self.server.url + "/?sort=date")
        self.wait_results("Results 1–10 of 69")
        first_page = [r["id"] for r in self.results()]
        b.click("#next")
        self.wait_results("Results 11–20 of 69")
        self.assertEqual(query_of(b.url)["offset"], ["10"])
        second_page = [r["id"] for r in self.results()]
        self.assertFalse(set(first_page) & set(second_page))
        b.call("POST", "/back", {})
        self.wait_results("Results 1–10 of 69")

    def test_facet_filters_sort_and_phone_width(self):
        b = self.browser
        b.get(self.server.url + "/?q=memory")
        self.wait_results()
        b.click("#facets button[data-filter=type][data-value=signal]")
        b.wait_for("return new URLSearchParams(location.search).get('type') === 'signal'")
        self.wait_results()
        self.assertEqual(set(b.js("return [...document.querySelectorAll('#result-list .badge')].map(x => x.textContent)")),
                         {"signal"})
        b.js("const s = document.getElementById('sort'); s.value = 'date'; s.dispatchEvent(new Event('change'))")
        b.wait_for("return new URLSearchParams(location.search).get('sort') === 'date'")
        self.wait_results()
        dates = [r["date"] for r in self.results()]
        self.assertEqual(dates, sorted(dates, reverse=True))
        # A shared URL restores the state.
        b.get(b.url)
        self.wait_results()
        self.assertEqual(b.js("return [document.getElementById('q').value, document.getElementById('sort').value]"),
                         ["memory", "date"])
        # Phone width: nothing wider than the screen.
        b.set_size(390, 844)
        self.assertTrue(b.wait_for("return document.documentElement.scrollWidth <= window.innerWidth + 1",
                                   message="no horizontal scrolling at 390px"))
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        b.screenshot(str(ARTIFACTS / "search-page-phone.png"))
        # Keyboard: every control is labelled.
        unlabelled = b.js("return [...document.querySelectorAll('input, select')].filter(e => !e.labels.length)"
                          ".map(e => e.id)")
        self.assertEqual(unlabelled, [])


if __name__ == "__main__":
    unittest.main()
