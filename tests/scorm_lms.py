"""The test LMS page in a browser tab, for the SCORM runtime tests.

``Lms`` drives one tab: it opens the host page (``scorm_helpers.HOST_PAGE``),
launches a module's SCO from an unzipped package (framed, nested, or in a popup),
finds the course page inside it, and reads back every call the SCO made.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import answer
from conftest import BUILD_DIR, serve
from scorm_helpers import TEST_ROOT, built_test_course, lms_site

from rightway_quiz.course.loader import load_quizzes
from rightway_quiz.course.model import Quiz
from rightway_quiz.scorm import package_name
from rightway_quiz.scorm.identifiers import scorm_token

MODULE = "sub/module"
MODULE_SCO = "sco/sub--module.html"
OTHER_PAGE = "reference"
API_METHODS = {
    "1.2": {
        "init": "LMSInitialize",
        "finish": "LMSFinish",
        "set": "LMSSetValue",
        "commit": "LMSCommit",
    },
    "2004": {"init": "Initialize", "finish": "Terminate", "set": "SetValue", "commit": "Commit"},
}
VERSIONS = {"1.2": "12", "2004": "2004"}
COURSE_PACKAGES = BUILD_DIR / "scorm"


@pytest.fixture(scope="module")
def quiz() -> Quiz:
    return load_quizzes(TEST_ROOT / "quizzes")["sample"].model


@pytest.fixture(scope="module")
def lms_url() -> Iterator[str]:
    _, packages = built_test_course()
    with serve(lms_site(packages)) as url:
        yield url


class Lms:
    """The test LMS page in one browser tab, and the SCO it launched."""

    def __init__(self, page: Any, base: str) -> None:
        self.page = page
        self.base = base
        self.package = ""
        self.version = ""
        self.errors: list[str] = []
        self.requested: list[str] = []
        page.on("pageerror", self._on_error)
        page.on("request", self._on_request)
        page.goto(f"{base}/host.html")

    def _on_error(self, error: Any) -> None:
        self.errors.append(str(error))

    def _on_request(self, request: Any) -> None:
        self.requested.append(request.url)

    def detach(self) -> None:
        """Stop listening: the browser tab is shared by the tests of this module."""
        self.page.remove_listener("pageerror", self._on_error)
        self.page.remove_listener("request", self._on_request)

    def launch(
        self,
        package: str,
        version: str,
        *,
        cmi: dict[str, Any] | None = None,
        nest: bool = False,
        module_sco: str = MODULE_SCO,
        **options: Any,
    ) -> None:
        """Launch a SCO; ``options`` are the host page's (moodle, hostLang, noBeacon, ...)."""
        self.package = f"rightway-{package}-scorm{VERSIONS[version]}"
        self.version = version
        url = f"{self.base}/pkg/{self.package}/{module_sco}"
        self.page.evaluate(
            "options => lms.launch(options)",
            {"version": version, "url": url, "cmi": cmi, "nest": nest, **options},
        )

    def swap(self, module_sco: str) -> None:
        """Open another SCO with the same API object, as Moodle's contents list does."""
        self.page.evaluate("url => lms.swap(url)", f"{self.base}/pkg/{self.package}/{module_sco}")

    def notice(self) -> Any:
        """The launch page's notice to the learner."""
        return self.page.frame_locator("#sco").locator("#rightway-sco-notice")

    def persisted(self) -> dict[str, str]:
        """What the LMS had saved at its last successful commit or finish."""
        return dict(self.page.evaluate("lms.persisted"))

    def content(self, language: str, page: str = MODULE) -> Any:
        """The course page showing inside the SCO, once loaded."""
        suffix = f"/pkg/{self.package}/{language}/{page}.html"
        for _ in range(100):
            for frame in self.page.frames:
                if frame.url.split("#")[0].endswith(suffix):
                    frame.wait_for_load_state("load")
                    frame.wait_for_function("document.readyState === 'complete'")
                    return frame
            self.page.wait_for_timeout(50)  # polling for the frame, not a fixed wait
        raise AssertionError(f"{suffix} never showed; frames: {[f.url for f in self.page.frames]}")

    def calls(self) -> list[dict[str, Any]]:
        return list(self.page.evaluate("lms.calls"))

    def values(self) -> dict[str, str]:
        return dict(self.page.evaluate("lms.values()"))

    def method(self, key: str) -> str:
        return API_METHODS[self.version][key]

    def count(self, key: str) -> int:
        return sum(1 for call in self.calls() if call["fn"] == self.method(key))

    def close(self) -> None:
        """Take the SCO away, as an LMS does when the learner leaves the module."""
        self.page.evaluate("lms.close()")
        self.page.wait_for_function(
            "name => lms.calls.some(c => c.fn === name)", arg=self.method("finish"), timeout=5000
        )

    def close_quietly(self) -> None:
        """Take the SCO away when nothing is expected to happen.

        Removing a frame runs its pagehide and unload handlers synchronously, so once
        the frame is gone anything the SCO would have called has been called.
        """
        self.page.evaluate("lms.close()")
        self.page.wait_for_function("!document.getElementById('sco')")

    def stored_record(self) -> dict[str, Any]:
        """What an LMS keeps after a suspended session, as scorm-again's initial values."""
        values = self.values()
        if self.version == "1.2":
            return {
                "core": {
                    "entry": "resume",
                    "lesson_location": values.get("cmi.core.lesson_location", ""),
                    "lesson_status": values.get("cmi.core.lesson_status", "not attempted"),
                    "score": {
                        "raw": values.get("cmi.core.score.raw", ""),
                        "min": values.get("cmi.core.score.min", ""),
                        "max": values.get("cmi.core.score.max", ""),
                    },
                },
                "suspend_data": values.get("cmi.suspend_data", ""),
            }
        return {
            "entry": "resume",
            "location": values.get("cmi.location", ""),
            "completion_status": values.get("cmi.completion_status", "unknown"),
            "success_status": values.get("cmi.success_status", "unknown"),
            "suspend_data": values.get("cmi.suspend_data", ""),
        }


def hosted(page: Any, base: str) -> Iterator[Lms]:
    """The test LMS in ``page``; afterwards, nothing came from outside and nothing threw."""
    host = Lms(page, base)
    yield host
    host.detach()
    page.goto("about:blank")  # ends the SCO's session before the next test
    allowed = (base, "about:", "data:", "blob:")
    outside = [url for url in host.requested if not url.startswith(allowed)]
    assert outside == [], f"the package loaded files from outside itself: {outside}"
    assert host.errors == [], host.errors


@pytest.fixture(scope="module")
def shared_page(browser: Any) -> Iterator[Any]:
    """One tab for the module's tests: each starts from a fresh LMS page."""
    context = browser.new_context()
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def lms(shared_page: Any, lms_url: str) -> Iterator[Lms]:
    yield from hosted(shared_page, lms_url)


@pytest.fixture(scope="module")
def course_lms_url() -> Iterator[str]:
    """The real course's packages, as ``make`` built them."""
    if not (COURSE_PACKAGES / package_name("bilingual", "12")).exists():
        pytest.fail(f"{COURSE_PACKAGES} is not built: run `make` (or `make test`) first")
    with serve(lms_site(COURSE_PACKAGES)) as url:
        yield url


@pytest.fixture
def course_lms(shared_page: Any, course_lms_url: str) -> Iterator[Lms]:
    yield from hosted(shared_page, course_lms_url)


def take_quiz(frame: Any, quiz: Quiz, *, right: set[str]) -> None:
    """Answer every question (right if its id is in ``right``) and check the answers."""
    for question in quiz.questions:
        answer(frame, quiz, question, right=question.id in right)
    frame.locator(f"#quiz-{quiz.id} button[type=submit]").click()
    frame.wait_for_function(
        "id => document.querySelector('#quiz-' + id + ' .rightway-quiz-result').textContent !== ''",
        arg=quiz.id,
    )


def follow(frame: Any, selector: str) -> None:
    """Follow a link as a learner would (the link may be scrolled out of the LMS's frame)."""
    frame.locator(selector).first.evaluate("link => link.click()")


def no_errors(lms: Lms) -> None:
    """Every value the SCO set was accepted, and every call succeeded."""
    failed = [
        c for c in lms.calls() if c["fn"] != lms.method("init") and c["error"] not in ("0", "")
    ]
    # A 2004 GetValue of an element the LMS never set (403) is how a SCO learns it is empty.
    failed = [c for c in failed if not (c["fn"] == "GetValue" and c["error"] == "403")]
    assert failed == [], failed


def interactions(values: dict[str, str], version: str) -> dict[str, dict[str, str]]:
    """Interactions by id (the question id as sent: ``scorm_token``): field → value."""
    by_index: dict[str, dict[str, str]] = {}
    for key, value in values.items():
        match = re.fullmatch(r"cmi\.interactions\.(\d+)\.(.+)", key)
        if match:
            by_index.setdefault(match[1], {})[match[2]] = value
    return {fields["id"]: fields for fields in by_index.values()}


def tokens(ids: Any) -> set[str]:
    """Author ids as the runtime sends them."""
    return {scorm_token(i) for i in ids}
