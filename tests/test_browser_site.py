"""The built site in headless Chromium: language switch, axe, keyboard, requests."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest
from browser_support import axe_violations, open_every_quiz
from conftest import LANGUAGES, html_pages

pytestmark = pytest.mark.browser


def test_language_link_keeps_the_learner_on_the_same_page(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/cy/principles/participation.html")
    assert page.locator("html").get_attribute("lang") == "cy"
    page.locator("a[data-rightway-language='en']").first.click()
    page.wait_for_load_state()
    assert page.url == f"{site_url}/en/principles/participation.html"
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("a[data-rightway-language='cy']").first.click()
    page.wait_for_load_state()
    assert page.url == f"{site_url}/cy/principles/participation.html"


NEXT_FRAME = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


@pytest.mark.parametrize("half", [0, 1])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_passes_axe_and_requests_only_its_own_site(
    page: Any, site_url: str, language: str, half: int
) -> None:
    """Every page, the search page and the trainer notebook included, on a phone and a laptop.

    Each page is opened at phone width, as a phone opens it, checked, then widened to a
    laptop's and checked again (the scripts that depend on width run on resize), so a
    page is loaded once for both. The pages are split in two halves so that two test
    workers share the work evenly.
    """
    # Every request is kept with the page that was open when it was made, so a request a
    # script makes late (while axe runs, after the load event) is still caught; after the
    # last page the test waits for the network to go quiet.
    requests: list[tuple[str, str]] = []
    opened = [""]
    page.on("request", lambda request: requests.append((opened[0], request.url)))
    problems: list[str] = []
    for path in html_pages(language)[half::2]:
        opened[0] = path.as_posix()
        page.set_viewport_size({"width": 360, "height": 800})
        page.goto(f"{site_url}/{language}/{opened[0]}")
        open_every_quiz(page)  # their questions are checked too
        problems.extend(f"{path} at 360 px: {violation}" for violation in axe_violations(page))
        page.set_viewport_size({"width": 1280, "height": 800})
        page.evaluate(NEXT_FRAME)
        problems.extend(f"{path} at 1280 px: {violation}" for violation in axe_violations(page))
    page.wait_for_load_state("networkidle")
    problems.extend(
        f"{path}: requested {url}"
        for path, url in requests
        if urlparse(url).netloc != urlparse(site_url).netloc
        and not url.startswith(("data:", "blob:"))
    )
    assert len({path for path, _ in requests}) == len(html_pages(language)[half::2])
    assert not problems, "\n".join(problems)


def test_landing_page_passes_axe(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/index.html")
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_width_menu_works_with_the_keyboard(
    phone_page: Any, site_url: str, language: str
) -> None:
    phone_page.goto(f"{site_url}/{language}/principles/participation.html")
    menu_button = phone_page.locator(".mobile-header .nav-overlay-icon")
    assert menu_button.is_visible()
    for _ in range(10):
        phone_page.keyboard.press("Tab")
        if phone_page.evaluate("document.activeElement.classList.contains('nav-overlay-icon')"):
            break
    else:
        pytest.fail("Tab never reached the menu button at 320 px")
    assert menu_button.get_attribute("aria-expanded") == "false"
    phone_page.keyboard.press("Enter")
    assert menu_button.get_attribute("aria-expanded") == "true"
    # The drawer slides in (a 0.25 s transition) and ends fully on screen.
    phone_page.wait_for_function(
        "document.querySelector('.sidebar-drawer').getBoundingClientRect().left >= 0"
    )
    focused_in_menu = phone_page.evaluate(
        "document.activeElement.closest('.sidebar-drawer') !== null"
    )
    assert focused_in_menu
    phone_page.keyboard.press("Escape")
    assert menu_button.get_attribute("aria-expanded") == "false"
    # The language switch is reachable at this width too.
    assert phone_page.locator(".rightway-language-switch a").first.is_visible()
    assert axe_violations(phone_page) == []


TABLE_STATES = """() => [...document.querySelectorAll('.table-wrapper')].map(w => ({
    overflows: w.scrollWidth > w.clientWidth + 1,
    tabindex: w.getAttribute('tabindex'),
    role: w.getAttribute('role'),
    name: (document.getElementById(w.getAttribute('aria-labelledby') || '') || {}).textContent || '',
}))"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_wide_table_scrolls_by_keyboard_only_when_it_overflows(
    phone_page: Any, site_url: str, language: str
) -> None:
    # The workshop guide has tables wider than a 320 px phone and tables that fit
    # (the participation wheel, once the widest table, is now a diagram).
    phone_page.goto(f"{site_url}/{language}/guides/workshops.html")
    tables = phone_page.evaluate(TABLE_STATES)
    assert tables
    for table in tables:
        if table["overflows"]:
            assert table["tabindex"] == "0" and table["role"] == "region"
            assert table["name"].strip()
        else:
            assert table["tabindex"] is None and table["role"] is None
    wide = next(index for index, table in enumerate(tables) if table["overflows"])
    phone_page.locator(".table-wrapper").nth(wide).focus()
    phone_page.keyboard.press("ArrowRight")
    phone_page.wait_for_function(
        f"document.querySelectorAll('.table-wrapper')[{wide}].scrollLeft > 0"
    )
    # Wide enough for every table: no pointless tab stops.
    phone_page.set_viewport_size({"width": 1400, "height": 900})
    phone_page.wait_for_function(
        "[...document.querySelectorAll('.table-wrapper')].every(w => !w.hasAttribute('tabindex'))"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_header_title_stays_inside_the_header(
    phone_page: Any, site_url: str, language: str
) -> None:
    phone_page.goto(f"{site_url}/{language}/principles/participation.html")
    header = phone_page.locator(".mobile-header").bounding_box()
    title = phone_page.locator(".mobile-header .brand").bounding_box()
    assert header and title
    assert title["y"] >= header["y"] - 1
    assert title["y"] + title["height"] <= header["y"] + header["height"] + 1
    assert title["x"] + title["width"] <= 320


def test_reduced_motion_turns_off_smooth_scrolling(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/en/principles/participation.html")
    behaviour = "getComputedStyle(document.documentElement).scrollBehavior"
    assert page.evaluate(behaviour) == "smooth"  # Furo's, for everyone else
    page.emulate_media(reduced_motion="reduce")
    assert page.evaluate(behaviour) == "auto"


def test_the_axe_check_itself_reports_what_it_finds(page: Any) -> None:
    """The helper every page test relies on: a faint paragraph and an unlabelled image fail."""
    page.set_content(
        '<html lang="en"><title>t</title><body><main><p style="color:#ddd">faint</p>'
        '<figure><img src="x.png"></figure></main></body></html>'
    )
    assert [line.split(":")[0] for line in axe_violations(page)] == ["color-contrast", "image-alt"]
    assert [line.split(":")[0] for line in axe_violations(page, within="figure")] == ["image-alt"]
