"""Page weight: what a first visit to each module page loads, in headless Chromium.

``make bench`` reports it (``tools/bench.py``) and the weight tests assert it
(``tests/test_journey_browser.py``); both call :func:`first_load`, so they measure
the same thing.
"""

from __future__ import annotations

import functools
import gzip
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
#: Module pages come from course.yaml; every one is weighed in every language.
WEIGHT_LANGUAGES = ("cy", "en")
#: Issue 14's goal for a module page's first load (HTML, CSS, JS, fonts).
WEIGHT_GOAL_BYTES = 200 * 1024
WEIGHT_GOAL_REQUESTS = 10
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def module_pages() -> list[str]:
    """Every module page in every language, from course.yaml (the one list of modules)."""
    from rightway_quiz.course.loader import load_outline

    outline = load_outline(ROOT).model
    return [
        f"{language}/{module.page}.html"
        for language in WEIGHT_LANGUAGES
        for module in outline.modules
    ]


FIRST_LOAD = """() => [...performance.getEntriesByType('navigation'),
  ...performance.getEntriesByType('resource')].map(entry => [entry.name, entry.decodedBodySize])"""


def first_load(browser: Any, url: str) -> dict[str, int]:
    """Every file a first visit to ``url`` loads, with its decoded size in bytes.

    The one measurement of page weight: ``make bench`` and the weight tests both use it.
    A fresh context each time: an empty cache, as on a first visit. The page's own
    account of what it loaded (Resource Timing): no response event can be missed.
    """
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        return dict(page.evaluate(FIRST_LOAD))
    finally:
        context.close()


def page_weight() -> dict[str, object]:
    """Bytes and requests for each module page's first load in headless Chromium."""
    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(BUILD / "html"))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    pages: dict[str, dict[str, object]] = {}
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for path in module_pages():
            sizes = first_load(browser, f"{base}/{path}")
            outside += [url for url in sizes if not url.startswith(base)]
            # Chromium also asks for /favicon.ico, which the course does not have (a 404).
            files = [BUILD / "html" / url[len(base) + 1 :].split("?")[0] for url in sizes]
            gzipped = sum(len(gzip.compress(file.read_bytes())) for file in files if file.is_file())
            pages[path] = {
                "requests": len(sizes),
                "bytes": sum(sizes.values()),
                "bytes_gzipped": gzipped,
            }
        browser.close()
    server.shutdown()
    heaviest = max(pages, key=lambda path: int(str(pages[path]["bytes"])))
    most_requests = max(int(str(figures["requests"])) for figures in pages.values())
    over = [
        path for path, figures in pages.items() if int(str(figures["bytes"])) > WEIGHT_GOAL_BYTES
    ]
    return {
        "goal": {"bytes": WEIGHT_GOAL_BYTES, "requests": WEIGHT_GOAL_REQUESTS},
        "heaviest_page": heaviest,
        "heaviest": pages[heaviest],
        "most_requests": most_requests,
        "pages_over_the_byte_goal": over,
        "pages": pages,
        "outside_requests": outside,
    }
