"""The learner's journey in headless Chromium: start, progress, continue, language switch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_support import open_quiz
from conftest import LANGUAGES, PROJECT_ROOT

from rightway_quiz.course.loader import load_outline
from rightway_quiz.course.model import CourseModule
from tools.bench_pages import WEIGHT_GOAL_BYTES, WEIGHT_GOAL_REQUESTS, first_load

pytestmark = pytest.mark.browser
MODULES: list[CourseModule] = list(load_outline(PROJECT_ROOT).model.modules)
# A module in the middle, so it has a next module and a previous one.
MODULE = MODULES[4]
NEXT = MODULES[5]
PROGRESS = {"en": "1 of {total} modules done.", "cy": "1 o’r {total} modiwl wedi’u cwblhau."}
COMPLETED = {"en": "completed", "cy": "wedi’i gwblhau"}
NEXT_MODULE = {"en": "Next module: ", "cy": "Y modiwl nesaf: "}

# Answer every question the attempt shows, from the key in the page (data-correct,
# data-answer): the runtime draws and shuffles, so the YAML order is not the page's.
ANSWER_RIGHT = """form => {
  form.querySelectorAll('.rightway-question').forEach(question => {
    if (question.hidden || question.closest('[hidden]')) return;
    if (question.dataset.type === 'matching') {
      question.querySelectorAll('.rightway-match').forEach(item => {
        const select = item.querySelector('select');
        select.value = item.dataset.answer;
        select.dispatchEvent(new Event('change', {bubbles: true}));
      });
      return;
    }
    const key = question.dataset.correct.split(' ');
    question.querySelectorAll('input').forEach(input => {
      input.checked = key.includes(input.value);
      input.dispatchEvent(new Event('change', {bubbles: true}));
    });
  });
}"""


def quiz_form(page: Any) -> Any:
    """The module's quiz, scrolled to so that its questions have loaded."""
    return open_quiz(page, MODULE.id)


def pass_the_quiz(page: Any) -> None:
    quiz_form(page).evaluate(ANSWER_RIGHT)
    quiz_form(page).locator("button[type=submit]").click()
    page.locator(f"#quiz-{MODULE.id}-result .rightway-achievement").wait_for()


def page_title(page: Any, url: str) -> str:
    page.goto(url)
    return str(page.locator("h1").first.inner_text()).rstrip("#").strip()


@pytest.mark.parametrize("language", LANGUAGES)
def test_start_button_is_on_the_first_phone_screen(
    phone_page: Any, site_url: str, language: str
) -> None:
    phone_page.set_viewport_size({"width": 360, "height": 640})
    phone_page.goto(f"{site_url}/{language}/index.html")
    start = phone_page.locator("a[data-rightway-start]")
    box = start.bounding_box()
    assert box and box["y"] + box["height"] <= 640
    assert not phone_page.locator("a[data-rightway-continue]").is_visible()
    start.click()
    phone_page.wait_for_load_state()
    assert phone_page.url == f"{site_url}/{language}/{MODULES[0].page}.html"


@pytest.mark.parametrize("language", LANGUAGES)
def test_passing_a_quiz_marks_the_module_done_and_offers_the_next(
    page: Any, site_url: str, language: str
) -> None:
    next_title = page_title(page, f"{site_url}/{language}/{NEXT.page}.html")
    page.goto(f"{site_url}/{language}/{MODULE.page}.html")
    assert not page.locator("[data-rightway-module-done]").is_visible()
    pass_the_quiz(page)
    achievement = page.locator(f"#quiz-{MODULE.id}-result .rightway-achievement")
    text = achievement.inner_text()
    assert f"{MODULES.index(MODULE) + 1}" in text and f"{len(MODULES)}" in text
    link = achievement.locator("a")
    assert link.inner_text() == NEXT_MODULE[language] + next_title
    assert page.locator("[data-rightway-module-done]").is_visible()
    # The menu's tick has a name a screen reader says.
    menu_link = page.locator(".sidebar-tree a.current.reference")  # this page, in the menu
    assert COMPLETED[language] in menu_link.locator(".visually-hidden").inner_text()
    assert page.locator(".sidebar-tree .rightway-done-mark").count() == 1
    link.click()
    page.wait_for_load_state()
    assert page.url == f"{site_url}/{language}/{NEXT.page}.html"
    # The welcome page counts it, and its table marks the module.
    page.goto(f"{site_url}/{language}/index.html")
    progress = page.locator("[data-rightway-progress]")
    assert progress.inner_text() == PROGRESS[language].format(total=len(MODULES))
    cell = page.locator(f'[data-rightway-module-status="{MODULE.id}"]')
    assert cell.inner_text().startswith("✓")
    assert (
        not page.locator(f'[data-rightway-module-status="{NEXT.id}"]').inner_text().startswith("✓")
    )


def test_progress_is_shared_by_both_languages(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/cy/{MODULE.page}.html")
    pass_the_quiz(page)
    page.goto(f"{site_url}/en/index.html")
    assert page.locator("[data-rightway-progress]").inner_text() == PROGRESS["en"].format(
        total=len(MODULES)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_continue_where_you_left_off(page: Any, site_url: str, language: str) -> None:
    title = page_title(page, f"{site_url}/{language}/{MODULE.page}.html")
    section = page.locator("article section section[id]").nth(3)
    section_id = section.get_attribute("id")
    section.evaluate("s => s.scrollIntoView({block: 'start', behavior: 'instant'})")
    page.goto(f"{site_url}/{language}/index.html")
    resume = page.locator("a[data-rightway-continue]")
    assert resume.is_visible()
    assert title in resume.inner_text()
    resume.click()
    page.wait_for_load_state()
    assert page.url == f"{site_url}/{language}/{MODULE.page}.html#{section_id}"


def test_language_switch_keeps_the_section_and_the_answers(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/cy/{MODULE.page}.html")
    # One answer given in Welsh.
    choice = quiz_form(page).locator(".rightway-question:not([hidden]) input[type=radio]").first
    choice.check()
    choice_id = choice.get_attribute("id")
    section = page.locator("article section section[id]").nth(2)
    section_id = section.get_attribute("id")
    section.evaluate("s => s.scrollIntoView({block: 'start', behavior: 'instant'})")
    page.locator("a[data-rightway-language='en']").first.click()
    page.wait_for_load_state()
    assert page.url == f"{site_url}/en/{MODULE.page}.html#{section_id}"
    # The answer is there when the learner reaches the quiz (its questions load on the way).
    assert quiz_form(page).locator(f'[id="{choice_id}"]').is_checked()
    # The link at the foot of the page does the same.
    page.locator("footer a[data-rightway-language='cy']").click()
    page.wait_for_load_state()
    assert page.url.startswith(f"{site_url}/cy/{MODULE.page}.html")


def test_language_switch_on_the_search_page_keeps_the_query(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/cy/search.html?q=hawliau")
    page.locator("a[data-rightway-language='en']").first.click()
    page.wait_for_load_state()
    assert page.url == f"{site_url}/en/search.html?q=hawliau"


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_menu_keeps_focus_inside_until_escape(
    phone_page: Any, site_url: str, language: str
) -> None:
    phone_page.goto(f"{site_url}/{language}/{MODULE.page}.html")
    button = phone_page.locator(".mobile-header .nav-overlay-icon")
    button.focus()
    phone_page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    inside = "document.activeElement.closest('.sidebar-drawer') !== null || document.activeElement.classList.contains('nav-overlay-icon')"
    for _ in range(60):
        phone_page.keyboard.press("Tab")
        assert phone_page.evaluate(inside)
    for _ in range(5):
        phone_page.keyboard.press("Shift+Tab")
        assert phone_page.evaluate(inside)
    phone_page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_box_shows_where_the_focus_is(page: Any, site_url: str, language: str) -> None:
    page.goto(f"{site_url}/{language}/index.html")
    page.locator(".sidebar-search").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    outline = page.locator(".sidebar-search").evaluate(
        "el => [getComputedStyle(el).outlineStyle, parseFloat(getComputedStyle(el).outlineWidth)]"
    )
    assert outline[0] != "none" and outline[1] >= 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_skip_link_goes_to_the_quiz(page: Any, site_url: str, language: str) -> None:
    page.goto(f"{site_url}/{language}/{MODULE.page}.html")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == f"#quiz-{MODULE.id}"
    assert page.evaluate("document.activeElement.getBoundingClientRect().height") > 0
    page.keyboard.press("Enter")
    assert page.url.endswith(f"#quiz-{MODULE.id}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_code_blocks_on_phones_scroll_by_keyboard(
    phone_page: Any, site_url: str, language: str
) -> None:
    phone_page.set_viewport_size({"width": 360, "height": 640})
    phone_page.goto(f"{site_url}/{language}/guides/trainer-notebook.html")
    blocks = phone_page.evaluate(
        """() => [...document.querySelectorAll('.highlight pre')].map(pre => ({
            overflows: pre.scrollWidth > pre.clientWidth + 1,
            tabindex: pre.getAttribute('tabindex'),
            role: pre.getAttribute('role'),
            named: !!(document.getElementById(pre.getAttribute('aria-labelledby') || '') || {}).textContent,
        }))"""
    )
    overflowing = [block for block in blocks if block["overflows"]]
    assert overflowing, "expected a code block wider than a phone"
    for block in overflowing:
        assert block["tabindex"] == "0" and block["role"] == "region" and block["named"]


def test_record_script_loads_after_a_pass_from_a_file_url(page: Any, html_dir: Path) -> None:
    """Opened from disk (file://), a pass still brings the record script and its button."""
    page.goto((html_dir / "en" / f"{MODULE.page}.html").as_uri())
    assert page.evaluate("() => window.RightwayRecord === undefined")
    pass_the_quiz(page)
    page.wait_for_function("() => window.RightwayRecord !== undefined")
    assert page.locator("script[src$='rightway-record.js']").count() == 1
    assert quiz_form(page).locator('[data-action="record"]').is_visible()


@pytest.mark.parametrize(
    "path", [f"{language}/{module.page}" for language in LANGUAGES for module in MODULES]
)
def test_module_page_first_load_is_at_most_200_kb_in_ten_requests(
    browser: Any, site_url: str, path: str
) -> None:
    """Issue 14's goal, measured as `make bench` measures it (tools.bench_pages.first_load)."""
    loaded = first_load(browser, f"{site_url}/{path}.html")
    assert len(loaded) <= WEIGHT_GOAL_REQUESTS, sorted(loaded)
    assert sum(loaded.values()) <= WEIGHT_GOAL_BYTES, loaded
    assert any("rightway-quiz.js" in name for name in loaded)
    # No stylesheet of its own for print: its rules load with the page's (@media print).
    assert not any("print" in name for name in loaded)
    # The record of learning comes after a pass (rightway-quiz.js loads it then), and the
    # quiz's questions on the way to the quiz, not with the top of the page.
    assert not any("rightway-record.js" in name for name in loaded)
    assert not any("rightway-bank-" in name for name in loaded)
