"""The packages under Moodle's rules: its format checks, its 2004 session that stays
finished, its status rewrite and review mode (``scorm_moodle``), and what a learner
sees and keeps: their language, their section, everything saved before the page goes.
"""

# Fixtures are imported from scorm_lms and taken by name as arguments:
# ruff: noqa: F811

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import open_quiz
from conftest import BUILD_DIR, PROJECT_ROOT
from scorm_lms import (  # the fixtures are used by name
    MODULE,
    MODULE_SCO,
    OTHER_PAGE,
    Lms,
    course_lms,  # noqa: F401
    course_lms_url,  # noqa: F401
    follow,
    hosted,
    lms,  # noqa: F401
    lms_url,  # noqa: F401
    no_errors,
    quiz,  # noqa: F401
    shared_page,  # noqa: F401
    take_quiz,
    tokens,
)
from scorm_moodle import MoodleCourse

from rightway_quiz.course.loader import load_quizzes
from rightway_quiz.course.model import Question, Quiz
from rightway_quiz.scorm import LanguageBuild
from rightway_quiz.scorm._package import sco_file

pytestmark = pytest.mark.browser
LANGUAGE_ELEMENT = {
    "1.2": "cmi.student_preference.language",
    "2004": "cmi.learner_preference.language",
}
LOCATION = {"1.2": "cmi.core.lesson_location", "2004": "cmi.location"}
SESSION_TIME = {"1.2": "cmi.core.session_time", "2004": "cmi.session_time"}
NOTICES = {
    "notRecorded": {
        "en": "is not recording this module",
        "cy": "Nid yw eich platfform dysgu’n cofnodi",
    },
    "notSaved": {
        "en": "did not save your latest progress",
        "cy": "wedi cadw eich cynnydd diweddaraf",
    },
}


def preference(version: str, language: str) -> dict[str, Any]:
    key = "student_preference" if version == "1.2" else "learner_preference"
    return {key: {"language": language}}


# -- every id and response, as Moodle checks them -------------------------------------------


def attempt(question: Question, k: int) -> Any:
    """The k-th response to try: every option of every question turns up in some attempt."""
    options = question.option_ids
    if question.type == "matching":
        return {item.id: options[(i + k) % len(options)] for i, item in enumerate(question.items)}
    if question.type == "multiple":
        return options[: 1 + k % len(options)]
    return [options[k % len(options)]]


ASKED_IDS = (
    "id => [...document.querySelectorAll(`#quiz-${id} .rightway-question:not([hidden])`)]"
    ".map(q => q.dataset.questionId)"
)


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_every_course_id_and_response_passes_moodles_checks(course_lms: Lms, version: str) -> None:
    quizzes = load_quizzes(PROJECT_ROOT / "quizzes")
    modules = LanguageBuild.read(BUILD_DIR / "html" / "en").modules
    assert modules, "the course has no SCORM modules"
    for module in modules:
        assert module.quiz is not None, f"{module.page} has no quiz"
        quiz = quizzes[module.quiz.id].model
        course_lms.page.goto(f"{course_lms.base}/host.html")
        course_lms.launch(
            "bilingual",
            version,
            cmi=preference(version, "en"),
            module_sco=sco_file(module),
            moodle=True,
        )
        frame = course_lms.content("en", module.page)
        widest = max(len(q.options) for q in quiz.questions)
        bank = {q.id for q in quiz.questions}
        asked_so_far: set[str] = set()
        # A quiz asks a draw from its bank: retry ("Try again" draws again) until every
        # item of the bank has been asked, every option of each sent at least once.
        for _round in range(8):
            asked = set(frame.evaluate(ASKED_IDS, quiz.id))
            asked_so_far |= asked
            for k in range(widest):
                responses = {q.id: attempt(q, k) for q in quiz.questions if q.id in asked}
                frame.evaluate(
                    "([id, r]) => RightwayQuiz.setResponses(id, r, true)", [quiz.id, responses]
                )
            if asked_so_far == bank:
                break
            frame.locator(f"#quiz-{quiz.id} [data-action=retry]").click()
        assert asked_so_far == bank, module.page
        right = {q.id: q.correct_response() for q in quiz.questions if q.id in asked}
        frame.evaluate("([id, r]) => RightwayQuiz.setResponses(id, r, true)", [quiz.id, right])
        course_lms.close()
        no_errors(course_lms)  # a value Moodle refuses is a 405/406 here
        values = course_lms.values()
        status = values["cmi.core.lesson_status" if version == "1.2" else "cmi.success_status"]
        assert status == "passed", module.page
        sent = {
            call["args"][1]
            for call in course_lms.calls()
            if call["fn"] == course_lms.method("set")
            and re.fullmatch(r"cmi\.interactions\.\d+\.id", call["args"][0])
        }
        assert sent == tokens(bank)
        assert len(values["cmi.suspend_data"]) <= 4096


# -- a 2004 session Moodle will not start -----------------------------------------------------


@pytest.mark.parametrize("language", ["cy", "en"])
def test_a_module_moodle_refuses_to_start_tells_the_learner(lms: Lms, language: str) -> None:
    # Moodle's page is in the learner's language: all a refused SCO has to go on.
    lms.launch(
        "bilingual", "2004", cmi=preference("2004", language), moodle=True, hostLang=language
    )
    lms.content(language)
    lms.close()
    lms.swap("sco/reference.html")
    lms.content(language, OTHER_PAGE)
    notice = lms.notice()
    notice.wait_for(state="visible")
    assert NOTICES["notRecorded"][language] in notice.inner_text()
    assert notice.get_attribute("role") == "alert" and notice.get_attribute("lang") == language
    refused = [c for c in lms.calls() if c["fn"] == "Initialize" and c["result"] == "false"]
    assert [c["error"] for c in refused] == ["104"]


def test_scorm_12_modules_swapped_in_moodle_are_each_recorded(lms: Lms) -> None:
    lms.launch("en", "1.2", moodle=True)
    lms.content("en")
    lms.close()
    lms.swap("sco/reference.html")
    lms.content("en", OTHER_PAGE)
    assert lms.notice().is_hidden()
    assert [c["result"] for c in lms.calls() if c["fn"] == "LMSInitialize"] == ["true", "true"]


# -- the language a learner starts in ---------------------------------------------------------


@pytest.mark.parametrize("version", ["1.2", "2004"])
@pytest.mark.parametrize(
    ("stored", "host_lang", "start"),
    [
        ("cy", "en", "cy"),
        ("cy-GB", "en", "cy"),
        ("cym", "en", "cy"),
        ("eng", "cy", "en"),
        ("", "cy", "cy"),
        ("", "en-GB", "en"),
        ("", "", "en"),  # the browser's language (en-US here)
        ("fr", "fr", "en"),
    ],
)
def test_bilingual_package_starts_in_the_learners_language_and_writes_it_back(
    lms: Lms, version: str, stored: str, host_lang: str, start: str
) -> None:
    lms.launch("bilingual", version, cmi=preference(version, stored), hostLang=host_lang)
    frame = lms.content(start)
    assert frame.evaluate("document.documentElement.lang") == start
    element = LANGUAGE_ELEMENT[version]
    base = stored.lower().split("-")[0]
    understood = {"cym": "cy", "eng": "en"}.get(base, base)
    # Written back unless the LMS already holds it (in any form the package understands).
    assert lms.values().get(element, understood) == start
    other = "en" if start == "cy" else "cy"
    follow(frame, f'a[data-rightway-language="{other}"]')
    lms.content(other)
    assert lms.values()[element] == other
    no_errors(lms)


def test_with_no_language_known_the_package_starts_in_welsh(browser: Any, lms_url: str) -> None:
    context = browser.new_context(locale="fr-FR")
    try:
        for host in hosted(context.new_page(), lms_url):
            host.launch("bilingual", "1.2", hostLang="")
            assert host.content("cy").evaluate("document.documentElement.lang") == "cy"
            assert host.values()[LANGUAGE_ELEMENT["1.2"]] == "cy"
    finally:
        context.close()


def test_the_stored_language_is_reused_over_the_lms_pages(lms: Lms) -> None:
    lms.launch("bilingual", "2004", hostLang="en")
    follow(lms.content("en"), 'a[data-rightway-language="cy"]')
    lms.content("cy")
    stored = lms.values()[LANGUAGE_ELEMENT["2004"]]
    lms.close()
    lms.page.goto(f"{lms.base}/host.html")
    lms.launch("bilingual", "2004", cmi=preference("2004", stored), hostLang="en")
    assert lms.content("cy").evaluate("document.documentElement.lang") == "cy"


# -- the section bookmark -------------------------------------------------------------------


def scroll_to_a_section(frame: Any) -> str:
    """Scroll a section of the course page (not its first) to the top; return its id.

    The section chosen is followed by at least a quarter of the frame, so that it, and
    not the next one, is the section being read.
    """
    section: str = frame.evaluate(
        """() => {
          const sections = [...document.querySelectorAll('article section[id]')];
          const top = s => s.getBoundingClientRect().top + scrollY;
          const room = document.documentElement.scrollHeight - innerHeight;
          const target = sections.find((s, i) => i > 1 && top(s) <= room
            && (!sections[i + 1] || top(sections[i + 1]) - top(s) > innerHeight / 4));
          target.scrollIntoView();
          return target.id;
        }"""
    )
    return section


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_relaunch_returns_to_the_section_being_read(lms: Lms, version: str) -> None:
    lms.launch("bilingual", version, cmi=preference(version, "en"))
    section = scroll_to_a_section(lms.content("en"))
    lms.page.wait_for_function(
        "([key, want]) => lms.values()[key] === want",
        arg=[LOCATION[version], f"en/{MODULE}#{section}"],
    )
    lms.close()
    record = lms.stored_record()
    lms.page.goto(f"{lms.base}/host.html")
    lms.launch("bilingual", version, cmi=record)
    frame = lms.content("en")
    assert frame.evaluate("location.hash") == f"#{section}"
    assert section_top(frame, section) < frame.evaluate("innerHeight / 4")
    # Landed at once: the bookmark never passed through the sections above on the way.
    bookmarks = [
        c["args"][1]
        for c in lms.calls()
        if c["fn"] == lms.method("set") and c["args"][0] == LOCATION[version]
    ]
    assert set(bookmarks) == {f"en/{MODULE}#{section}"}, bookmarks
    # Late layout above the section (a font, a diagram) does not move the learner away,
    # even in a browser without scroll anchoring (Safari).
    frame.evaluate(
        """() => {
          document.documentElement.style.overflowAnchor = "none";
          const late = document.createElement("div");
          late.style.height = "400px";
          document.querySelector("article").prepend(late);
        }"""
    )
    frame.evaluate(
        "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )
    assert section_top(frame, section) < frame.evaluate("innerHeight / 4")
    assert frame.evaluate("RightwayPlace.currentSection()") == section
    # A scroll with no key, click or touch (a scrollbar, a screen reader) is the learner
    # moving on: the bookmark follows them, here back to the top of the page.
    frame.evaluate("scrollTo(0, 0)")
    lms.page.wait_for_function(
        "([key, want]) => lms.values()[key] === want", arg=[LOCATION[version], f"en/{MODULE}"]
    )


def section_top(frame: Any, section: str) -> float:
    """Where the section's top is in the frame (never above it)."""
    top: float = frame.evaluate(
        "id => document.getElementById(id).getBoundingClientRect().top", section
    )
    assert top >= 0
    return top


# -- nothing lost when the LMS cannot save as the page goes -----------------------------------


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_player_that_cannot_save_while_closing_loses_only_the_session_time(
    lms: Lms, quiz: Quiz, version: str
) -> None:
    lms.launch("en", version, noBeacon=True)
    frame = lms.content("en")
    first, second = quiz.questions[0], quiz.questions[1]
    open_quiz(frame, quiz.id)
    frame.locator(f'[id="{quiz.id}--{first.id}--{first.answer[0]}"]').check()
    frame.locator(f'[id="{quiz.id}--{second.id}--{second.answer[0]}"]').check()
    section = scroll_to_a_section(frame)
    lms.page.wait_for_function(
        "([key, want]) => lms.persisted[key] === want",
        arg=[LOCATION[version], f"en/{MODULE}#{section}"],
    )
    lms.close()
    finish = [c for c in lms.calls() if c["fn"] == lms.method("finish")]
    assert [c["result"] for c in finish] == ["false"]  # the player could not save
    persisted, values = lms.persisted(), lms.values()
    lost = {key for key in values if persisted.get(key) != values[key]}
    assert lost == {SESSION_TIME[version]}
    assert (
        f'"{first.answer[0]}"' in persisted["cmi.suspend_data"]
        or first.answer[0] in persisted["cmi.suspend_data"]
    )


@pytest.mark.parametrize("language", ["cy", "en"])
def test_a_refused_save_is_shown_once_in_the_learners_language(
    lms: Lms, quiz: Quiz, language: str
) -> None:
    lms.launch("bilingual", "1.2", cmi=preference("1.2", language), refuseCommits=True)
    frame = lms.content(language)
    notice = lms.notice()
    notice.wait_for(state="visible")
    assert NOTICES["notSaved"][language] in notice.inner_text()
    text = notice.inner_text()
    take_quiz(frame, quiz, right=set())  # more refused commits: still the one notice
    assert notice.inner_text() == text
    assert lms.page.frame_locator("#sco").locator("[role=alert]").count() == 1


# -- a failed module retaken, under Moodle's recommended settings -------------------------------


def session(lms: Lms, course: MoodleCourse, sco: str, page: str) -> Iterator[Any]:
    """Open ``sco`` as Moodle would for this learner; store what it reported when it closes."""
    mode = course.mode()
    lms.page.goto(f"{lms.base}/host.html")
    lms.launch("en", course.version, cmi=course.launch_record(sco), module_sco=sco, moodle=True)
    yield lms.content("en", page)
    lms.close()
    no_errors(lms)
    course.store(sco, lms.values(), mode)


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_learner_who_failed_a_module_can_retake_it_and_the_pass_is_recorded(
    lms: Lms, quiz: Quiz, version: str
) -> None:
    module, reference = MODULE_SCO, "sco/reference.html"
    course = MoodleCourse(version, [module, reference], {module: quiz.pass_mark})
    for _ in session(lms, course, reference, OTHER_PAGE):
        pass
    for frame in session(lms, course, module, MODULE):
        take_quiz(frame, quiz, right={quiz.questions[0].id})
    assert course.status(module) == "incomplete"
    assert course.mode() == "normal", "a failed module must not put the attempt in review mode"
    assert course.learning_objects_grade() == 1
    for frame in session(lms, course, module, MODULE):
        frame.locator(f'#quiz-{quiz.id} [data-action="retry"]').click()
        take_quiz(frame, quiz, right={q.id for q in quiz.questions})
    assert course.status(module) == "passed"
    assert course.learning_objects_grade() == 2
    assert course.mode() == "review"  # complete: Moodle now shows it for review
