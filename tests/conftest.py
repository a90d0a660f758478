"""Shared fixtures: Sphinx test roots, the built course, a local server and headless Chromium."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from rightway_quiz.sphinxext.quiz_bank import bank_file_name

# The flags `make bench` launches Chromium with, so the tests measure what it measures.
from tools.bench_pages import CHROMIUM_ARGS

pytest_plugins = ("sphinx.testing.fixtures",)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUILD_DIR = PROJECT_ROOT / "_build"
HTML_DIR = BUILD_DIR / "html"
LANGUAGES = ("cy", "en")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>`` folders."""
    return Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def html_dir() -> Path:
    """The course as ``make`` built it (``make test`` builds first)."""
    for language in LANGUAGES:
        if not (HTML_DIR / language / "index.html").exists():
            pytest.fail(f"{HTML_DIR / language} is not built: run `make` (or `make test`) first")
    return HTML_DIR


def html_pages(language: str) -> list[Path]:
    """Every content page of one language, relative to its language folder."""
    folder = HTML_DIR / language
    return sorted(
        path.relative_to(folder)
        for path in folder.rglob("*.html")
        if not path.relative_to(folder).parts[0].startswith("_")
    )


# A scored quiz's questions are in _static/rightway-bank-<quiz id>.js, loaded as the learner
# nears the quiz (src/rightway_quiz/sphinxext/quiz_bank.py); the page holds this in their place.
_QUIZ_WITH_HOLDER = re.compile(
    r'(<form class="rightway-quiz" id="quiz-(?P<quiz>[^"]+)".*?)'
    r'<div class="rightway-quiz-bank" data-bank="[^"]*">.*?</noscript></div>',
    re.DOTALL,
)
_BANK_SCRIPT = re.compile(r"RightwayQuiz\.bank\((\"[^\"]*\"), (\".*\")\);\n\Z", re.DOTALL)


def quiz_bank_html(static_dir: Path, quiz_id: str) -> str:
    """The questions a quiz's bank script puts into the page, read back from the script."""
    script = (static_dir / bank_file_name(quiz_id)).read_text(encoding="ascii")
    found = _BANK_SCRIPT.match(script)
    assert found and json.loads(found.group(1)) == quiz_id, script[:200]
    return str(json.loads(found.group(2)))


def page_html(path: Path) -> str:
    """A built page as the learner's browser ends up with it: each quiz's questions put
    back from its bank script. ``path`` is a page inside a language folder."""
    text = path.read_text(encoding="utf-8")

    def with_questions(found: re.Match[str]) -> str:
        static = next(
            folder / "_static" for folder in path.parents if (folder / "_static").is_dir()
        )
        return found.group(1) + quiz_bank_html(static, found.group("quiz"))

    return _QUIZ_WITH_HOLDER.sub(with_questions, text)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port: the one HTTP server of the tests."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(html_dir: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 at a free port."""
    with serve(html_dir) as url:
        yield url


def chromium_path() -> str:
    """Debian's Chromium: Playwright cannot download a browser here."""
    found = (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not found:
        pytest.fail(
            "Debian chromium is not installed (apt-get install chromium); .ci/run installs it"
        )
    return found


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def context(browser: object, tmp_path: Path) -> Iterator[object]:
    """A fresh browser profile (empty localStorage) that accepts downloads."""
    created = browser.new_context(accept_downloads=True)  # type: ignore[attr-defined]
    yield created
    created.close()


@pytest.fixture
def page(context: object) -> Iterator[object]:
    """A page in a fresh context."""
    opened = context.new_page()  # type: ignore[attr-defined]
    yield opened
    opened.close()


@pytest.fixture
def phone_page(browser: object) -> Iterator[object]:
    """A page in a fresh context 320 CSS px wide: a small phone, or 400% zoom on a laptop."""
    created = browser.new_context(viewport={"width": 320, "height": 640})  # type: ignore[attr-defined]
    yield created.new_page()
    created.close()


@pytest.fixture(scope="session", autouse=True)
def _compiled_extension_catalogs() -> None:
    """The extension's Welsh catalog must be compiled before any Welsh test build."""
    from rightway_quiz.i18n import LOCALE_DIR
    from tools.catalogs import compile_catalogs

    compile_catalogs(LOCALE_DIR)


@pytest.fixture(scope="session", autouse=True)
def _course_facts_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Course facts (see ``course/facts.py``) kept in the session's own folder, not the
    user's cache; the tool's subprocesses inherit it."""
    from rightway_quiz.course.facts import CACHE_DIR_VARIABLE

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_DIR_VARIABLE, str(tmp_path_factory.mktemp("course-facts")))
        yield
