"""The Sphinx extension on small test roots: structure, translation, errors."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import page_html, quiz_bank_html
from sphinx.errors import SphinxError

ROOTS = Path(__file__).parent / "roots"


def warnings_of(app: Any) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


@pytest.mark.sphinx("html", testroot="course")
def test_quiz_renders_accessible_form_without_warnings(app: Any) -> None:
    app.build()
    assert warnings_of(app) == ""
    html = page_html(app.outdir / "sub" / "module.html")
    form = html[
        html.index('<form class="rightway-quiz"') : html.index(
            "</form>", html.index('<form class="rightway-quiz"')
        )
    ]
    assert 'data-quiz-id="sample"' in form and 'data-pass-mark="80"' in form
    assert form.count("<fieldset") == 5 and form.count("<legend>") == 5
    # Every input has a label that names it.
    for field_id in re.findall(r'<(?:input|select)[^>]* id="([^"]+)"', form):
        assert f'for="{field_id}"' in form, field_id
    assert 'aria-live="polite"' in form and 'role="status"' in form
    # Answer keys are option ids, never option text.
    assert 'data-question-id="sample-q2" data-type="multiple"' in form
    assert 'data-correct="a c"' in form
    assert 'data-answer="heard"' in form
    # Scenario text comes before the question, the model answer is hidden until asked.
    assert "<details" in html and "Show a model answer" in html


@pytest.mark.sphinx("html", testroot="course")
def test_article_index_links_each_article_to_the_pages_using_it(app: Any) -> None:
    app.build()
    html = (app.outdir / "reference.html").read_text(encoding="utf-8")
    assert 'href="sub/module.html#article-12"' in html
    assert "Article 31" not in html  # listed in articles.yaml but used by no page


@pytest.mark.sphinx("gettext", testroot="course", srcdir="course-gettext")
def test_gettext_extracts_every_learner_visible_quiz_string(app: Any, file_regression: Any) -> None:
    app.build()
    pot = (app.outdir / "sub" / "module.pot").read_text(encoding="utf-8")
    for text in (
        "Sample quiz: participation",
        "Which article gives children the right to have their say?",
        "Not this one. Article 31 is about play and rest.",
        "Cerys is 9. Her review is next week.",
        "Ask first, then write.",
        "To have information",
        "Name the article that gives children a say.",
        "Jac has a right to information (Article 13) and to be heard (Article 12).",
        "Think of a decision you made this month about a child.",
        "We ask children what they think.",
        "Whose views does Article 12 say must be heard?",  # a {check}: same translation path
    ):
        assert f'msgid "{text}"' in pot, text
    normalised = re.sub(r'"POT-Creation-Date: [^"]*"\n', "", pot)
    normalised = re.sub(r"#: [^\n]*?(tests/roots/)", r"#: \1", normalised)
    file_regression.check(normalised, extension=".pot")


@pytest.mark.sphinx("html", testroot="course", srcdir="course-cy", confoverrides={"language": "cy"})
def test_welsh_build_shows_welsh_quiz_text_and_keeps_answer_keys(app: Any) -> None:
    app.build()
    html = page_html(app.outdir / "sub" / "module.html")
    assert '<html class="no-js" lang="cy"' in html
    assert "Cwis enghreifftiol: cyfranogiad" in html
    assert "Pa erthygl sy’n rhoi’r hawl i blant ddweud eu dweud?" in html
    assert "Cywir. Erthygl 12 yw’r hawl i gael eich clywed." in html
    assert '<option value="heard">Cael eich clywed</option>' in html
    assert "Gwirio fy atebion" in html and "Check my answers" not in html
    assert 'data-correct="a"' in html and 'data-answer="heard"' in html
    assert 'href="../../en/sub/module.html" hreflang="en" lang="en"' in html


def test_unknown_quiz_is_a_warning_with_its_location(make_app: Any, tmp_path: Path) -> None:
    shutil.copytree(ROOTS / "test-broken", tmp_path / "src")
    app = make_app("html", srcdir=tmp_path / "src")
    app.build()
    assert re.search(
        r"index.md:3: WARNING: unknown quiz 'nowhere'.*\[rightway.quiz\]", warnings_of(app)
    )


def test_malformed_quiz_stops_the_build_naming_file_line_and_field(
    make_app: Any, tmp_path: Path
) -> None:
    shutil.copytree(ROOTS / "test-broken", tmp_path / "src")
    shutil.copy(
        Path(__file__).parent / "fixtures" / "bad-quizzes" / "answer-not-option.yaml",
        tmp_path / "src" / "quizzes",
    )
    with pytest.raises(
        SphinxError,
        match=r"answer-not-option.yaml:20: questions\[0\].answer\[0\]: 'c' is not an option",
    ):
        make_app("html", srcdir=tmp_path / "src")


def test_thin_objective_is_a_warning(make_app: Any, tmp_path: Path) -> None:
    shutil.copytree(ROOTS / "test-course", tmp_path / "src")
    quiz = tmp_path / "src" / "quizzes" / "sample.yaml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace("objective: sample-lo2", "objective: sample-lo1"),
        encoding="utf-8",
    )
    app = make_app("html", srcdir=tmp_path / "src")
    app.build()
    assert "assesses objective 'sample-lo2' with 0 question(s); it needs at least 2" in warnings_of(
        app
    )


def test_article_index_follows_an_incremental_rebuild(make_app: Any, tmp_path: Path) -> None:
    """Citing a new article on one page updates the index page, which was not edited."""
    shutil.copytree(ROOTS / "test-course", tmp_path / "src")
    app = make_app("html", srcdir=tmp_path / "src", freshenv=True)
    app.build()
    index_page = app.outdir / "reference.html"
    assert "Article 31" not in index_page.read_text(encoding="utf-8")

    module = tmp_path / "src" / "sub" / "module.md"
    module.write_text(
        module.read_text(encoding="utf-8") + "\n```{articles} 31\n```\n", encoding="utf-8"
    )
    rebuilt = make_app("html", srcdir=tmp_path / "src")
    rebuilt.build()
    assert "sub/module" in rebuilt.env.rightway_pages_read  # an incremental read, not a fresh one
    assert "reference" not in rebuilt.env.rightway_pages_read
    html = index_page.read_text(encoding="utf-8")
    assert "Article 31" in html
    assert 'href="sub/module.html#article-31"' in html


def test_article_index_is_written_again_only_when_its_backlinks_change(
    make_app: Any, tmp_path: Path
) -> None:
    """An edit that cites nothing new leaves the index page alone; a new title rewrites it."""
    shutil.copytree(ROOTS / "test-course", tmp_path / "src")
    make_app("html", srcdir=tmp_path / "src", freshenv=True).build()
    module = tmp_path / "src" / "sub" / "module.md"
    module.write_text(module.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    rebuilt = make_app("html", srcdir=tmp_path / "src")
    index_page = rebuilt.outdir / "reference.html"
    written = index_page.stat().st_mtime_ns
    rebuilt.build()
    assert "sub/module" in rebuilt.env.rightway_pages_read
    assert index_page.stat().st_mtime_ns == written
    assert "One more line." in (rebuilt.outdir / "sub" / "module.html").read_text(encoding="utf-8")

    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("# Participation module", "# Having a say", 1), encoding="utf-8")
    make_app("html", srcdir=tmp_path / "src").build()
    html = index_page.read_text(encoding="utf-8")
    assert "Having a say" in html and "Participation module" not in html


@pytest.mark.sphinx("html", testroot="course")
def test_quiz_html_matches_its_snapshot(app: Any, file_regression: Any) -> None:
    """The quiz's HTML fragment in the page and the questions its bank script adds, so a
    change to either's markup is seen and reviewed."""
    app.build()
    html = (app.outdir / "sub" / "module.html").read_text(encoding="utf-8")
    start = html.index('<form class="rightway-quiz"')
    end = html.index("</form>", start) + len("</form>")
    questions = quiz_bank_html(app.outdir / "_static", "sample")
    file_regression.check(
        f"{html[start:end]}\n<!-- _static/rightway-bank-sample.js -->\n{questions}\n",
        extension=".html",
    )


# Its own copy of the sources: this test edits a page.
@pytest.mark.sphinx("html", testroot="course", srcdir="course-bank")
def test_a_quiz_bank_is_a_script_named_by_its_content_and_kept_while_unchanged(
    app: Any,
) -> None:
    """The page holds no scored question; the bank script does, its hash in ``data-bank``."""
    app.build()
    html = (app.outdir / "sub" / "module.html").read_text(encoding="utf-8")
    quiz = html[
        html.index('<form class="rightway-quiz"') : html.index(
            "</form>", html.index('<form class="rightway-quiz"')
        )
    ]
    assert "rightway-question" not in quiz and "data-correct" not in quiz
    version = re.search(r'<div class="rightway-quiz-bank" data-bank="([0-9a-f]{10})">', quiz)
    assert version, quiz
    script = app.outdir / "_static" / "rightway-bank-sample.js"
    assert hashlib.sha256(script.read_bytes()).hexdigest()[:10] == version.group(1)
    assert quiz_bank_html(app.outdir / "_static", "sample").count('class="rightway-question"') == 5
    # Checks stay in the page: each is one question, read where it stands.
    assert 'class="rightway-check"' in html
    written = script.stat().st_mtime_ns
    (app.srcdir / "sub" / "module.md").write_text(
        (app.srcdir / "sub" / "module.md").read_text(encoding="utf-8") + "\nOne more line.\n",
        encoding="utf-8",
    )
    app.build()
    assert "One more line." in (app.outdir / "sub" / "module.html").read_text(encoding="utf-8")
    assert script.stat().st_mtime_ns == written


@pytest.mark.sphinx("html", testroot="course")
def test_module_doctree_matches_its_snapshot(app: Any, file_regression: Any) -> None:
    """The neutral nodes the directives emit, before any HTML is written."""
    app.build()
    doctree = app.env.get_doctree("sub/module").pformat()
    file_regression.check(doctree.replace(str(app.srcdir), "<srcdir>"), extension=".xml")


BUILD_AND_SAY_IF_PYDANTIC_LOADED = """
import sys
from sphinx.cmd.build import build_main
status = build_main(["-q", "-b", "html", sys.argv[1], sys.argv[2]])
print(status, "pydantic" in sys.modules)
"""


def test_an_incremental_build_of_a_page_without_course_content_imports_no_pydantic(
    tmp_path: Path,
) -> None:
    """The course models (pydantic) load only when a re-read page shows course content."""
    source, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(ROOTS / "test-course", source)

    def build() -> str:
        command = [sys.executable, "-c", BUILD_AND_SAY_IF_PYDANTIC_LOADED, str(source), str(out)]
        run = subprocess.run(command, capture_output=True, text=True, check=True)
        return run.stdout.strip().splitlines()[-1]

    assert build() == "0 True"  # a first build loads the course
    index = source / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert build() == "0 False"
    assert "One more line." in (out / "index.html").read_text(encoding="utf-8")
    module = source / "sub" / "module.md"
    module.write_text(module.read_text(encoding="utf-8") + "\nOne more.\n", encoding="utf-8")
    assert build() == "0 True"  # its quiz needs the course
    assert 'data-quiz-id="sample"' in (out / "sub" / "module.html").read_text(encoding="utf-8")


def test_an_incremental_build_keeps_the_course_until_a_source_changes(
    make_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The course's YAML is read again only when a quiz, scenario or the outline changed."""
    from rightway_quiz.course import course
    from rightway_quiz.sphinxext.course_data import course_data

    loads: list[Path] = []
    real_load = course.load_course

    def counting_load(root: Path, *args: Any) -> Any:
        loads.append(root)
        return real_load(root, *args)

    # course_data imports it when it loads the course (see its note on pydantic).
    monkeypatch.setattr(course, "load_course", counting_load)
    shutil.copytree(ROOTS / "test-course", tmp_path / "src")
    make_app("html", srcdir=tmp_path / "src", freshenv=True).build()
    assert len(loads) == 1
    unchanged = make_app("html", srcdir=tmp_path / "src")
    unchanged.build()
    assert len(loads) == 1 and course_data(unchanged.env).quizzes  # kept, and usable
    quiz = next((tmp_path / "src" / "quizzes").glob("*.yaml"))
    quiz.write_text(quiz.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    make_app("html", srcdir=tmp_path / "src").build()
    assert len(loads) == 2
