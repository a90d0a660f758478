"""Record of learning: a pass in Chromium, the printable record, the answers file, and `verify`."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from browser_support import answer, asked_questions
from conftest import LANGUAGES, PROJECT_ROOT
from pypdf import PdfReader

from rightway_quiz.course.loader import load_quizzes
from rightway_quiz.course.model import Quiz
from rightway_quiz.grader.cli import main

pytestmark = pytest.mark.browser
QUIZ_ID = "participation"
PAGE = "principles/participation.html"
SCHEMA = PROJECT_ROOT / "src" / "rightway_quiz" / "grader" / "schemas" / "answers.schema.json"
# Welsh letters, curly quotes, an apostrophe and a character outside the BMP: the
# browser and the grader must hash the same bytes.
NAME = "Siân ‘Sîn’ Ŵyn-Jones 🌈"
CODE = re.compile(r"^[A-Z2-7]{5}-[A-Z2-7]{5}$")
WORDS = {
    "en": {
        "record": "Open my record of learning",
        "check": "Check my answers",
        "download": "Download my answers",
        "stem": "answers-",
        "module": "participation",
    },
    "cy": {
        "record": "Agor fy nghofnod dysgu",
        "check": "Gwirio fy atebion",
        "download": "Lawrlwytho fy atebion",
        "stem": "atebion-",
        "module": "cyfranogiad",
    },
}


@pytest.fixture(scope="module")
def quiz() -> Quiz:
    return load_quizzes(PROJECT_ROOT / "quizzes")[QUIZ_ID].model


def verify(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(["verify", *argv, "--course-dir", str(PROJECT_ROOT)])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def pass_and_open_record(page: Any, site_url: str, quiz: Quiz, language: str, wrong: int) -> Any:
    """Pass the quiz (``wrong`` questions answered wrongly), give a name, open the record."""
    page.goto(f"{site_url}/{language}/{PAGE}")
    words = WORDS[language]
    for index, question in enumerate(asked_questions(page, quiz)):
        answer(page, quiz, question, right=index >= wrong)
    page.locator(f"#quiz-{quiz.id}-learner").fill(NAME)
    record_button = page.get_by_role("button", name=words["record"])
    assert record_button.is_hidden()
    page.get_by_role("button", name=words["check"]).click()
    with page.context.expect_page() as opened:
        record_button.click()
    record = opened.value
    record.wait_for_load_state()
    return record


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_pass_gives_a_record_that_verify_confirms(
    page: Any,
    site_url: str,
    quiz: Quiz,
    language: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    record = pass_and_open_record(page, site_url, quiz, language, wrong=1)
    words = WORDS[language]
    assert record.locator("html").get_attribute("lang") == language
    text = record.locator("main").inner_text()
    code = record.locator(".code").inner_text().strip()
    assert CODE.match(code), code
    assert NAME in text
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    assert (re.search(months, text) is None) == (language == "cy"), (
        "a month name in the wrong language"
    )
    score = record.locator(".rightway-record-score").inner_text()
    asked = asked_questions(page, quiz)
    percent = round(100 * (len(asked) - 1) / len(asked))
    assert f"({percent}%)" in score
    articles = sorted({n for q in asked for n in q.articles})
    assert f"{'Erthygl' if language == 'cy' else 'Article'} {articles[0]}" in text
    # The record prints on paper without its button, with every field.
    printed = " ".join(
        unicodedata.normalize("NFKC", p.extract_text())
        for p in PdfReader(io.BytesIO(record.pdf())).pages
    )
    assert code in printed and ("Print" not in printed.split() if language == "en" else True)

    with page.expect_download() as download_info:
        page.get_by_role("button", name=words["download"]).click()
    download = download_info.value
    assert (
        download.suggested_filename == f"{words['stem']}sian-sin-wyn-jones-{words['module']}.json"
    )
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert data["learner"] == NAME
    assert re.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", data["attempt_id"]
    )
    assert data["verification_code"] == code

    status, said = verify(
        capsys, str(path), "--code", code, "--score", str(percent), "--lang", language
    )
    assert status == 0, said
    assert said.startswith("Wedi’i gadarnhau" if language == "cy" else "Confirmed")

    wrong_code = ("A" if code[0] != "A" else "B") + code[1:]
    status, said = verify(capsys, str(path), "--code", wrong_code, "--lang", language)
    assert status == 1 and said.startswith("Wedi’i wrthbrofi" if language == "cy" else "Refuted")

    data["result"]["score"] += 1
    data["result"]["percent"] = round(100 * data["result"]["score"] / data["result"]["max"])
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    status, said = verify(capsys, str(path), "--code", code, "--lang", language)
    assert status == 1, said


def test_no_record_until_a_pass_and_none_after_a_change(
    page: Any, site_url: str, quiz: Quiz
) -> None:
    page.goto(f"{site_url}/en/{PAGE}")
    asked = asked_questions(page, quiz)
    for question in asked:
        answer(page, quiz, question, right=False)
    page.get_by_role("button", name="Check my answers").click()
    record_button = page.get_by_role("button", name="Open my record of learning")
    assert record_button.is_hidden()
    for question in asked:
        answer(page, quiz, question, right=True)
    page.get_by_role("button", name="Check my answers").click()
    assert record_button.is_visible()
    answer(page, quiz, asked[0], right=False)
    assert record_button.is_hidden()
