"""The HTML report in a real browser: headless Debian Chromium, driven over the DevTools protocol.

Each page of the committed report of each edition (results/report, results/id/report: what
`make all` writes, byte for byte) is opened from the file system, as a reader opens it offline.
Asserted: no console error, no uncaught exception, no failed resource load, every <img> loaded
(naturalWidth > 0), and the data status on the index's first screen.

Chromium: ``apt-get install -y chromium`` (``/usr/bin/chromium``).  Without it
the test fails when ``CI`` is set and is skipped otherwise.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--remote-debugging-port=0", "--remote-allow-origins=*",
    "--allow-file-access-from-files",
]
TIMEOUT = 60.0


def _chromium() -> str:
    found = next((c for c in CHROMIUM_CANDIDATES if Path(c).exists()), None) or shutil.which("chromium")
    if found:
        return found
    message = ("headless Chromium not found at /usr/bin/chromium; install it with "
               "`apt-get install -y chromium` (Debian package) to run the browser test")
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


class Browser:
    """A minimal DevTools-protocol client: one page, console and network errors collected."""

    def __init__(self, executable: str):
        import websocket

        self.profile = tempfile.mkdtemp(prefix="report-browser-")
        self.process = subprocess.Popen([executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + TIMEOUT
        while not (port_file.exists() and port_file.read_text().strip()):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError("Chromium did not start (no DevToolsActivePort)")
            time.sleep(0.05)
        port = int(port_file.read_text().splitlines()[0])
        # Local connections only: bypass any proxy the environment configures.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
            targets = json.load(response)
        page = next(t for t in targets if t.get("type") == "page")
        # The socket is opened here, so websocket-client cannot route it through an http_proxy.
        sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=TIMEOUT, suppress_origin=True,
                                              socket=sock)
        self.next_id = 0
        self.events: list[dict] = []
        for method in ("Runtime.enable", "Log.enable", "Page.enable", "Network.enable"):
            self.call(method)

    def call(self, method: str, **params) -> dict:
        self.next_id += 1
        ident = self.next_id
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method: str) -> dict:
        deadline = time.monotonic() + TIMEOUT
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(i)
        while time.monotonic() < deadline:
            message = json.loads(self.ws.recv())
            if message.get("method") == method:
                return message
            self.events.append(message)
        raise TimeoutError(f"no {method} within {TIMEOUT} s")

    def open(self, url: str) -> None:
        self.events.clear()
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def errors(self) -> list[str]:
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append("console: " + " ".join(str(a.get("value", a.get("description", "")))
                                                     for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                found.append("exception: " + params.get("exceptionDetails", {}).get("text", ""))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]
                found.append(f"log: {entry.get('text')} {entry.get('url', '')}")
            elif method == "Network.loadingFailed":
                found.append(f"network: {params.get('errorText')} ({params.get('type')})")
        return found

    def close(self) -> None:
        try:
            if getattr(self, "ws", None) is not None:
                self.ws.close()
        finally:
            if self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
            shutil.rmtree(self.profile, ignore_errors=True)


#: The study's two editions: executed notebooks and results of each.
#: The committed report of each edition: what `make all` writes, byte for byte (CI rebuilds and compares it).
EDITIONS = {"en": ROOT / "results" / "report", "id": ROOT / "results" / "id" / "report"}
#: A word of the data-status block of each edition.
RECONSTRUCTED = {"en": "reconstructed", "id": "rekonstruksi"}


@pytest.fixture(scope="module", params=sorted(EDITIONS))
def report(request):
    index = EDITIONS[request.param] / "index.html"
    assert index.is_file(), f"no committed report at {index}; run `make all`"
    return index


@pytest.fixture(scope="module")
def browser():
    client = Browser(_chromium())
    yield client
    client.close()


IMAGES = "Array.from(document.images).map(i => ({src: i.getAttribute('src'), complete: i.complete, width: i.naturalWidth}))"


def test_index_loads_without_errors_and_every_figure_shows(report, browser):
    browser.open(report.as_uri())
    images = browser.evaluate(IMAGES)
    assert images, "the index shows no figure"
    broken = [i["src"] for i in images if not (i["complete"] and i["width"] > 0)]
    assert not broken, f"figures that did not load: {broken}"
    assert browser.errors() == []


def test_index_states_the_data_status_on_the_first_screen(report, browser):
    browser.call("Emulation.setDeviceMetricsOverride", width=1280, height=720, deviceScaleFactor=1, mobile=False)
    browser.open(report.as_uri())
    box = browser.evaluate(
        "(() => { const e = document.getElementById('data-status'); if (!e) return null;"
        " const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, text: e.innerText,"
        " height: window.innerHeight}; })()")
    assert box is not None, "no data-status block on the index"
    assert box["bottom"] <= box["height"], "the data status is not on the first screen"
    language = browser.evaluate("document.documentElement.lang")
    assert RECONSTRUCTED[language] in box["text"].lower()


def test_every_notebook_page_loads_without_errors(report, browser):
    pages = sorted((report.parent / "notebooks").glob("*.html"))
    assert pages
    for page in pages:
        browser.open(page.as_uri())
        images = browser.evaluate(IMAGES)
        broken = [i["src"][:60] for i in images if not (i["complete"] and i["width"] > 0)]
        assert not broken, f"{page.name}: images that did not load: {broken}"
        assert browser.errors() == [], page.name
        assert browser.evaluate("document.querySelectorAll('details.compendium-code').length") > 0, page.name
