"""The SCORM runtime in headless Chromium, against scorm-again as the LMS.

Each test opens the test LMS page, launches a module's SCO from an unzipped
package (framed, nested, or in a popup), works through the course page inside it
and reads back what the SCO told the LMS. Answer keys come from the quiz YAML.
"""

# Fixtures are imported from scorm_lms and taken by name as arguments:
# ruff: noqa: F811

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from browser_support import axe_violations
from scorm_lms import (  # the fixtures are used by name
    MODULE,
    MODULE_SCO,
    OTHER_PAGE,
    Lms,
    follow,
    interactions,
    lms,  # noqa: F401
    lms_url,  # noqa: F401
    no_errors,
    quiz,  # noqa: F401
    shared_page,  # noqa: F401
    take_quiz,
    tokens,
)

from rightway_quiz.course.model import Quiz
from rightway_quiz.scorm.identifiers import scorm_token

pytestmark = pytest.mark.browser

# -- results --------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["1.2", "2004"])
@pytest.mark.parametrize("language", ["en", "cy"])  # each one-language package
def test_passing_the_quiz_reports_passed_with_the_score(
    lms: Lms, quiz: Quiz, version: str, language: str
) -> None:
    lms.launch(language, version)
    frame = lms.content(language)
    take_quiz(frame, quiz, right={q.id for q in quiz.questions})
    values = lms.values()
    location = values["cmi.core.lesson_location" if version == "1.2" else "cmi.location"]
    assert location.startswith(f"{language}/{MODULE}")
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
def test_failing_the_quiz_records_the_answers_and_leaves_the_module_incomplete(
    lms: Lms, quiz: Quiz, version: str
) -> None:
    lms.launch("en", version)
    right = {quiz.questions[0].id, quiz.questions[1].id}  # 2 of 5: 40%, under the pass mark
    take_quiz(lms.content("en"), quiz, right=right)
    values = lms.values()
    # No score and no "failed": Moodle would turn either into a closed module (README).
    assert not any(".score." in key for key in values)
    if version == "1.2":
        assert values["cmi.core.lesson_status"] == "incomplete"
    else:
        assert values["cmi.completion_status"] == "incomplete"
        assert "cmi.success_status" not in values
    results = {k: f["result"] for k, f in interactions(values, version).items()}
    wrong = "wrong" if version == "1.2" else "incorrect"
    assert results == {
        scorm_token(q.id): "correct" if q.id in right else wrong for q in quiz.questions
    }
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
    assert set(recorded) == tokens(q.id for q in quiz.questions)
    response_key = "student_response" if version == "1.2" else "learner_response"
    wrong_word = "wrong" if version == "1.2" else "incorrect"
    time_key = "time" if version == "1.2" else "timestamp"
    for question in quiz.questions:
        fields = recorded[scorm_token(question.id)]
        assert fields["result"] == (wrong_word if question is wrong else "correct")
        assert fields["objectives.0.id"] == scorm_token(question.objective)
        assert fields[time_key]
        if question is not wrong:
            assert fields[response_key] == fields["correct_responses.0.pattern"]
        expected_type = {"true_false": "true-false", "matching": "matching"}.get(
            question.type, "choice"
        )
        assert fields["type"] == expected_type
    by_type = {q.type: recorded[scorm_token(q.id)] for q in quiz.questions}
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
    status = values["cmi.core.lesson_status" if version == "1.2" else "cmi.completion_status"]
    assert status == "incomplete" and "cmi.success_status" not in values


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


def test_bilingual_package_keeps_the_score_across_a_language_switch(lms: Lms, quiz: Quiz) -> None:
    lms.launch("bilingual", "2004", cmi={"learner_preference": {"language": "cy"}})
    frame = lms.content("cy")
    take_quiz(frame, quiz, right={q.id for q in quiz.questions})
    assert lms.values()["cmi.success_status"] == "passed"
    reading = frame.evaluate("RightwayPlace.currentSection()")
    assert reading, "checking the quiz leaves the learner at the quiz's section"
    follow(frame, 'a[data-rightway-language="en"]')
    english = lms.content("en")
    english.wait_for_function(
        "id => document.querySelector('#quiz-' + id + ' .rightway-quiz-result').textContent !== ''",
        arg=quiz.id,
    )
    assert "5 out of 5" in english.locator(f"#quiz-{quiz.id} .rightway-quiz-result").inner_text()
    values = lms.values()
    assert values["cmi.success_status"] == "passed" and values["cmi.score.scaled"] == "1"
    # The bookmark follows the learner: the English page, at the section they were reading.
    assert values["cmi.location"] == f"en/{MODULE}#{reading}"
    assert english.evaluate("RightwayPlace.currentSection()") == reading
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


# -- other modules' quizzes ---------------------------------------------------------


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
