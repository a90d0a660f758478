"""The SCORM runtime in headless Chromium, against scorm-again as the LMS.

Each test opens the test LMS page, launches a module's SCO from an unzipped
package (framed, nested, or in a popup), works through the course page inside it
and reads back what the SCO told the LMS. Answer keys come from the quiz YAML.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import BUILD_DIR, PROJECT_ROOT
from scorm_helpers import TEST_ROOT, built_test_course, lms_site, serve
from test_browser_site import axe_violations
from test_quiz_browser import answer

from rightway_quiz.course.loader import load_quizzes
from rightway_quiz.course.model import Quiz
from rightway_quiz.scorm import LanguageBuild, package_name
from rightway_quiz.scorm._package import sco_file

pytestmark = pytest.mark.browser
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
    ) -> None:
        self.package = f"rightway-{package}-scorm{VERSIONS[version]}"
        self.version = version
        url = f"{self.base}/pkg/{self.package}/{module_sco}"
        self.page.evaluate(
            "options => lms.launch(options)",
            {"version": version, "url": url, "cmi": cmi, "nest": nest},
        )

    def content(self, language: str, page: str = MODULE) -> Any:
        """The course page showing inside the SCO, once loaded."""
        suffix = f"/pkg/{self.package}/{language}/{page}.html"
        for _ in range(100):
            for frame in self.page.frames:
                if frame.url.split("#")[0].endswith(suffix):
                    frame.wait_for_load_state("load")
                    frame.wait_for_function("document.readyState === 'complete'")
                    return frame
            self.page.wait_for_timeout(50)
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
        """Take the SCO away when nothing is expected to happen."""
        self.page.evaluate("lms.close()")
        self.page.wait_for_timeout(300)

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
    """Interactions by question id: field → value."""
    by_index: dict[str, dict[str, str]] = {}
    for key, value in values.items():
        match = re.fullmatch(r"cmi\.interactions\.(\d+)\.(.+)", key)
        if match:
            by_index.setdefault(match[1], {})[match[2]] = value
    return {fields["id"]: fields for fields in by_index.values()}


# -- results --------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_passing_the_quiz_reports_passed_with_the_score(lms: Lms, quiz: Quiz, version: str) -> None:
    lms.launch("en", version)
    frame = lms.content("en")
    take_quiz(frame, quiz, right={q.id for q in quiz.questions})
    values = lms.values()
    if version == "1.2":
        assert values["cmi.core.score.raw"] == "100"
        assert values["cmi.core.score.min"] == "0" and values["cmi.core.score.max"] == "100"
        assert values["cmi.core.lesson_status"] == "passed"
        assert "cmi.core.score.scaled" not in values  # not a 1.2 element
    else:
        assert values["cmi.score.scaled"] == "1" and values["cmi.score.raw"] == "100"
        assert values["cmi.success_status"] == "passed"
        assert values["cmi.completion_status"] == "completed"
        assert values["cmi.progress_measure"] == "1"
    no_errors(lms)
    assert lms.count("commit") >= 1 and lms.count("finish") == 0


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_failing_the_quiz_reports_failed(lms: Lms, quiz: Quiz, version: str) -> None:
    lms.launch("en", version)
    right = {quiz.questions[0].id, quiz.questions[1].id}  # 2 of 5: 40%, under the pass mark
    take_quiz(lms.content("en"), quiz, right=right)
    values = lms.values()
    percent = str(round(100 * len(right) / len(quiz.questions)))
    if version == "1.2":
        assert values["cmi.core.lesson_status"] == "failed"
        assert values["cmi.core.score.raw"] == percent
    else:
        assert values["cmi.success_status"] == "failed"
        assert values["cmi.score.raw"] == percent
        assert float(values["cmi.score.scaled"]) == pytest.approx(len(right) / len(quiz.questions))
        assert values["cmi.completion_status"] == "completed"  # attempted: complete, not passed
    no_errors(lms)


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_recorded_pass_is_kept_when_the_learner_retries_and_fails(
    lms: Lms, quiz: Quiz, version: str
) -> None:
    lms.launch("en", version)
    frame = lms.content("en")
    take_quiz(frame, quiz, right={q.id for q in quiz.questions})
    frame.locator(f'#quiz-{quiz.id} [data-action="retry"]').click()
    take_quiz(frame, quiz, right=set())
    values = lms.values()
    prefix = "cmi.core." if version == "1.2" else "cmi."
    status = values["cmi.core.lesson_status" if version == "1.2" else "cmi.success_status"]
    assert status == "passed" and values[f"{prefix}score.raw"] == "100"
    # The retry is still recorded, question by question.
    assert {fields["result"] for fields in interactions(values, version).values()} == {
        "wrong" if version == "1.2" else "incorrect"
    }
    no_errors(lms)


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_each_question_is_one_interaction_in_the_versions_format(
    lms: Lms, quiz: Quiz, version: str
) -> None:
    lms.launch("en", version)
    wrong = quiz.questions[0]
    take_quiz(lms.content("en"), quiz, right={q.id for q in quiz.questions} - {wrong.id})
    recorded = interactions(lms.values(), version)
    assert set(recorded) == {q.id for q in quiz.questions}
    response_key = "student_response" if version == "1.2" else "learner_response"
    wrong_word = "wrong" if version == "1.2" else "incorrect"
    time_key = "time" if version == "1.2" else "timestamp"
    for question in quiz.questions:
        fields = recorded[question.id]
        assert fields["result"] == (wrong_word if question is wrong else "correct")
        assert fields["objectives.0.id"] == question.objective
        assert fields[time_key]
        if question is not wrong:
            assert fields[response_key] == fields["correct_responses.0.pattern"]
        expected_type = {"true_false": "true-false", "matching": "matching"}.get(
            question.type, "choice"
        )
        assert fields["type"] == expected_type
    by_type = {q.type: recorded[q.id] for q in quiz.questions}
    if version == "1.2":
        assert by_type["true_false"]["correct_responses.0.pattern"] == "f"
        assert by_type["multiple"]["correct_responses.0.pattern"] == "a,c"
        assert re.fullmatch(r"\d\.[a-z](,\d\.[a-z])*", by_type["matching"][response_key])
        assert re.fullmatch(r"\d\d:\d\d:\d\d", by_type["single"]["time"])
    else:
        assert by_type["true_false"]["correct_responses.0.pattern"] == "false"
        assert by_type["multiple"]["correct_responses.0.pattern"] == "a[,]c"
        assert by_type["matching"][response_key] == "art12[.]heard[,]art13[.]info"
    no_errors(lms)


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_the_lms_mastery_score_overrides_the_pass_mark(lms: Lms, quiz: Quiz, version: str) -> None:
    cmi: dict[str, Any] = (
        {"student_data": {"mastery_score": "100"}}
        if version == "1.2"
        else {"scaled_passing_score": "1"}
    )
    lms.launch("en", version, cmi=cmi)
    right = {q.id for q in quiz.questions[1:]}  # 80%: the quiz's pass mark, not the LMS's
    take_quiz(lms.content("en"), quiz, right=right)
    values = lms.values()
    status = values["cmi.core.lesson_status" if version == "1.2" else "cmi.success_status"]
    assert status == "failed"


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_module_without_a_quiz_is_complete_when_opened(lms: Lms, version: str) -> None:
    lms.launch("en", version, module_sco="sco/reference.html")
    lms.content("en", OTHER_PAGE)
    values = lms.values()
    if version == "1.2":
        assert values["cmi.core.lesson_status"] == "completed"
    else:
        assert values["cmi.completion_status"] == "completed"
        assert "cmi.success_status" not in values
    no_errors(lms)


# -- sessions ---------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_relaunch_resumes_at_the_bookmark_with_answers_restored(
    lms: Lms, quiz: Quiz, version: str
) -> None:
    lms.launch("en", version)
    frame = lms.content("en")
    wrong = quiz.questions[2]
    take_quiz(frame, quiz, right={q.id for q in quiz.questions} - {wrong.id})
    follow(frame, f'a[href$="{OTHER_PAGE}.html"]')
    lms.content("en", OTHER_PAGE)
    lms.close()

    calls = lms.calls()
    finish = lms.method("finish")
    assert [c["fn"] for c in calls].count(finish) == 1
    assert calls[-1]["fn"] == finish, "no call may follow the finish"
    assert [c["fn"] for c in calls].count(lms.method("init")) == 1
    values = lms.values()
    exit_key = "cmi.core.exit" if version == "1.2" else "cmi.exit"
    assert values[exit_key] == "suspend"
    session_time = values["cmi.core.session_time" if version == "1.2" else "cmi.session_time"]
    pattern = r"\d{2,4}:\d\d:\d\d" if version == "1.2" else r"PT\d+H\d+M\d+S"
    assert re.fullmatch(pattern, session_time)
    assert len(values["cmi.suspend_data"]) <= 4096
    no_errors(lms)

    record = lms.stored_record()
    lms.page.goto(f"{lms.base}/host.html")
    lms.launch("en", version, cmi=record)
    resumed = lms.content("en", OTHER_PAGE)  # the bookmark, not the module's first page
    follow(resumed, f'a[href$="{MODULE.split("/")[-1]}.html"]')
    frame = lms.content("en")
    frame.wait_for_function(
        "id => document.querySelector('#quiz-' + id + ' .rightway-quiz-result').textContent !== ''",
        arg=quiz.id,
    )
    for question in quiz.questions:
        if question.type == "single" and question is not wrong:
            selector = f'[id="{quiz.id}--{question.id}--{question.answer[0]}"]'
            assert frame.locator(selector).is_checked()
        if question.type == "matching":
            item = question.items[0]
            selector = f'[id="{quiz.id}--{question.id}--{item.id}"]'
            assert frame.locator(selector).input_value() == item.answer
    summary = frame.locator(f"#quiz-{quiz.id} .rightway-quiz-result").inner_text()
    assert "4 out of 5" in summary
    # Restoring is not a new attempt: the LMS is not told the score again.
    assert not any(c["fn"] == lms.method("set") and "score" in c["args"][0] for c in lms.calls())


def test_one_finish_and_no_call_after_it_across_pages_and_languages(lms: Lms, quiz: Quiz) -> None:
    lms.launch("bilingual", "1.2", cmi={"student_preference": {"language": "en"}})
    frame = lms.content("en")
    take_quiz(frame, quiz, right={q.id for q in quiz.questions})
    follow(frame, 'a[data-rightway-language="cy"]')
    follow(lms.content("cy"), 'a[data-rightway-language="en"]')
    lms.content("en")
    assert lms.count("init") == 1 and lms.count("finish") == 0
    lms.page.evaluate("document.querySelector('#sco').contentWindow.RightwayScormHost.exit()")
    lms.page.wait_for_function("lms.calls.some(c => c.fn === 'LMSFinish')")
    # The learner goes on clicking: the content must not call a finished LMS.
    frame = lms.content("en")
    follow(frame, f'a[href$="{OTHER_PAGE}.html"]')
    lms.content("en", OTHER_PAGE)
    lms.close_quietly()
    calls = lms.calls()
    assert [c["fn"] for c in calls].count("LMSFinish") == 1 and calls[-1]["fn"] == "LMSFinish"


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_hiding_the_page_commits_without_finishing(lms: Lms, version: str) -> None:
    lms.launch("en", version)
    lms.content("en")
    commits = lms.count("commit")
    lms.page.evaluate(
        """() => {
          const sco = document.querySelector('#sco').contentDocument;
          Object.defineProperty(sco, 'visibilityState', {value: 'hidden', configurable: true});
          sco.dispatchEvent(new Event('visibilitychange'));
        }"""
    )
    assert lms.count("commit") == commits + 1
    assert lms.count("finish") == 0


def test_suspend_data_stays_within_the_scorm_12_limit(lms: Lms, quiz: Quiz) -> None:
    lms.launch("en", "1.2")
    take_quiz(lms.content("en"), quiz, right={q.id for q in quiz.questions})
    # Far more answers than the course could give (every quiz answered from one module).
    lms.page.evaluate(
        """() => {
          const host = document.querySelector('#sco').contentWindow.RightwayScormHost;
          for (let q = 0; q < 60; q++) {
            const responses = {};
            for (let i = 0; i < 20; i++) responses['other' + q + '-question-' + i] = ['option-a', 'option-b'];
            host.quizChange('other' + q, 'abcdef123456', JSON.stringify(responses));
          }
        }"""
    )
    suspend = [
        c["args"][1]
        for c in lms.calls()
        if c["fn"] == "LMSSetValue" and c["args"][0] == "cmi.suspend_data"
    ]
    assert suspend and all(len(value) <= 4096 for value in suspend)
    assert json.loads(suspend[-1])["q"]["sample"][1] == 1  # the module's own quiz is kept
    no_errors(lms)


# -- finding the API --------------------------------------------------------------------


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_sco_framed_two_levels_deep_finds_the_api(lms: Lms, version: str) -> None:
    lms.launch("en", version, nest=True)
    lms.content("en")
    assert lms.count("init") == 1
    assert any(c["fn"] == lms.method("set") for c in lms.calls())


def test_a_sco_in_a_popup_finds_the_api_through_its_opener(lms: Lms) -> None:
    with lms.page.expect_popup() as popup_info:
        lms.page.evaluate(
            "url => lms.launch({version: '1.2', url: url, popup: true})",
            f"{lms.base}/pkg/rightway-en-scorm12/{MODULE_SCO}",
        )
    popup = popup_info.value
    popup.wait_for_load_state("load")
    lms.page.wait_for_function(
        "lms.calls.some(c => c.fn === 'LMSInitialize' && c.result === 'true')"
    )
    popup.close()
    lms.page.wait_for_function("lms.calls.some(c => c.fn === 'LMSFinish')")


# -- languages --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preference", "start"), [("cy", "cy"), ("cy-GB", "cy"), ("en", "en"), ("", "cy")]
)
def test_bilingual_package_starts_in_the_learners_language(
    lms: Lms, preference: str, start: str
) -> None:
    lms.launch("bilingual", "1.2", cmi={"student_preference": {"language": preference}})
    frame = lms.content(start)
    assert frame.evaluate("document.documentElement.lang") == start


def test_bilingual_package_keeps_the_score_across_a_language_switch(lms: Lms, quiz: Quiz) -> None:
    lms.launch("bilingual", "2004", cmi={"learner_preference": {"language": "cy"}})
    frame = lms.content("cy")
    take_quiz(frame, quiz, right={q.id for q in quiz.questions})
    assert lms.values()["cmi.success_status"] == "passed"
    follow(frame, 'a[data-rightway-language="en"]')
    english = lms.content("en")
    english.wait_for_function(
        "id => document.querySelector('#quiz-' + id + ' .rightway-quiz-result').textContent !== ''",
        arg=quiz.id,
    )
    assert "5 out of 5" in english.locator(f"#quiz-{quiz.id} .rightway-quiz-result").inner_text()
    values = lms.values()
    assert values["cmi.success_status"] == "passed" and values["cmi.score.scaled"] == "1"
    assert values["cmi.location"] == f"en/{MODULE}"
    assert lms.count("init") == 1 and lms.count("finish") == 0
    no_errors(lms)


# -- without an LMS ---------------------------------------------------------------------


def test_without_an_lms_the_launch_page_shows_the_course_and_throws_nothing(
    lms: Lms, quiz: Quiz
) -> None:
    page = lms.page
    page.goto(f"{lms.base}/pkg/rightway-bilingual-scorm12/{MODULE_SCO}")
    lms.package = "rightway-bilingual-scorm12"
    frame = lms.content("cy")
    take_quiz(frame, quiz, right={q.id for q in quiz.questions})
    # The plain course keeps answers in the browser, as it does outside an LMS.
    assert frame.evaluate("Object.keys(localStorage).some(k => k.startsWith('rightway-quiz:'))")
    page.goto(f"{lms.base}/pkg/rightway-en-scorm2004/en/{MODULE}.html")
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.hasAttribute('data-rightway-lms')") is False


def test_launch_page_passes_axe_and_names_its_frame_after_the_page(lms: Lms) -> None:
    lms.page.goto(f"{lms.base}/pkg/rightway-bilingual-scorm2004/{MODULE_SCO}")
    lms.package = "rightway-bilingual-scorm2004"
    frame = lms.content("cy")
    title = frame.evaluate("document.title")
    assert lms.page.locator("#rightway-content").get_attribute("title") == title
    assert lms.page.evaluate("document.documentElement.lang") == "cy"
    assert axe_violations(lms.page) == []


# -- the real course ----------------------------------------------------------------


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_every_course_module_reports_its_quiz_in_the_bilingual_package(
    course_lms: Lms, version: str
) -> None:
    quizzes = load_quizzes(PROJECT_ROOT / "quizzes")
    modules = LanguageBuild.read(BUILD_DIR / "html" / "en").modules
    preference = {
        "student_preference" if version == "1.2" else "learner_preference": {"language": "en"}
    }
    assert modules, "the course has no SCORM modules"
    for module in modules:
        assert module.quiz is not None, f"{module.page} has no quiz"
        quiz = quizzes[module.quiz.id].model
        course_lms.page.goto(f"{course_lms.base}/host.html")
        course_lms.launch("bilingual", version, cmi=preference, module_sco=sco_file(module))
        frame = course_lms.content("en", module.page)
        # Through the quiz's own API (clicking through a quiz is tested on the test course).
        responses = {q.id: q.correct_response() for q in quiz.questions}
        frame.evaluate(
            "([id, responses]) => RightwayQuiz.setResponses(id, responses, true)",
            [quiz.id, responses],
        )
        course_lms.close()
        values = course_lms.values()
        status = values["cmi.core.lesson_status" if version == "1.2" else "cmi.success_status"]
        assert status == "passed", module.page
        assert set(interactions(values, version)) == {q.id for q in quiz.questions}
        assert len(values["cmi.suspend_data"]) <= 4096
        no_errors(course_lms)


def test_another_modules_quiz_says_where_its_result_is_recorded(lms: Lms, quiz: Quiz) -> None:
    lms.launch("en", "1.2", module_sco="sco/reference.html")
    follow(lms.content("en", OTHER_PAGE), f'a[href$="{MODULE.split("/")[-1]}.html"]')
    frame = lms.content("en")
    frame.wait_for_selector(".rightway-scorm-notice")
    note = frame.locator(f"#quiz-{quiz.id} .rightway-scorm-notice").inner_text()
    assert "“Participation module”" in note
    take_quiz(frame, quiz, right={q.id for q in quiz.questions})
    values = lms.values()
    assert values["cmi.core.lesson_status"] == "completed"  # this SCO's own status, unchanged
    assert "cmi.core.score.raw" not in values
    assert json.loads(values["cmi.suspend_data"])["q"]["sample"][1] == 1  # but the answers are kept


def test_a_modules_own_quiz_has_no_notice(lms: Lms) -> None:
    lms.launch("en", "2004")
    frame = lms.content("en")
    assert frame.locator(".rightway-scorm-notice").count() == 0
