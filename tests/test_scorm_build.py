"""The SCORM side of the build: ids the LMS accepts, the launch page template,
the manifest's pass mark, re-zipping only what changed, and the packager's
independence from Sphinx."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import PROJECT_ROOT
from scorm_helpers import TEST_ROOT, built_test_course, manifest_schema
from sphinx.errors import SphinxError

from rightway_quiz.course.loader import load_quiz, load_quizzes
from rightway_quiz.scorm import build_packages, package_name
from rightway_quiz.scorm._launch import RUNTIME_PARTS, launch_page
from rightway_quiz.scorm.identifiers import STRICT_TOKEN, problems, scorm_token

SCORM_SRC = PROJECT_ROOT / "src" / "rightway_quiz" / "scorm"
OWN_FILES = [
    *SCORM_SRC.glob("*.py"),
    *SCORM_SRC.glob("*.js"),
    PROJECT_ROOT / "src" / "rightway_quiz" / "sphinxext" / "scorm_notes.py",
    PROJECT_ROOT / "src" / "rightway_quiz" / "sphinxext" / "static" / "rightway-scorm.js",
]
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
SAMPLE = TEST_ROOT / "quizzes" / "sample.yaml"


def _quiz_with(tmp_path: Path, old: str, new: str) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / "sample.yaml"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


# -- identifiers ----------------------------------------------------------------------


def test_every_course_id_has_a_valid_unambiguous_scorm_form() -> None:
    quizzes = load_quizzes(PROJECT_ROOT / "quizzes")
    assert quizzes
    for loaded in quizzes.values():
        assert list(problems(loaded)) == [], loaded.path
        quiz = loaded.model
        ids = [quiz.id, *(o.id for o in quiz.objectives)]
        for question in quiz.questions:
            ids += [question.id, *question.option_ids, *(item.id for item in question.items)]
        assert all(STRICT_TOKEN.match(scorm_token(i)) for i in ids)


def test_hyphens_become_underscores() -> None:
    assert scorm_token("q-commit") == "q_commit"
    assert scorm_token("a.b_c") == "a.b_c"


def test_ids_that_collide_once_mapped_are_named_with_file_and_line(tmp_path: Path) -> None:
    # sample-q2's options are a, b, c: renaming b to a_x and c to a-x makes them collide.
    path = _quiz_with(
        tmp_path, "      - id: b\n        text: Decide", "      - id: a_x\n        text: Decide"
    )
    text = path.read_text(encoding="utf-8")
    text = text.replace("      - id: c\n        text: Ask", "      - id: a-x\n        text: Ask", 1)
    text = text.replace("answer: [a, c]", "answer: [a, a-x]", 1)
    path.write_text(text, encoding="utf-8")
    found = [str(p) for p in problems(load_quiz(path))]
    line = text.splitlines().index("      - id: a-x") + 1
    assert found == [
        f"{path}:{line}: option of 'sample-q2' id 'a-x' and 'a_x' look the same to an LMS "
        "(both are sent as 'a_x'): rename one"
    ]


def test_an_id_ending_in_a_hyphen_stops_the_build(make_app: Any, tmp_path: Path) -> None:
    shutil.copytree(TEST_ROOT, tmp_path / "src")
    quiz = tmp_path / "src" / "quizzes" / "sample.yaml"
    text = quiz.read_text(encoding="utf-8").replace("id: sample-q1", "id: sample-q1-", 1)
    quiz.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  - id: sample-q1-") + 1
    with pytest.raises(SphinxError, match=rf"sample.yaml:{line}: question id 'sample-q1-' cannot"):
        make_app("html", srcdir=tmp_path / "src")


# -- launch page and manifest ---------------------------------------------------------------


def test_launch_page_escapes_titles_and_settings() -> None:
    html = launch_page(
        ['A <b>"module"</b> & more'], ("en",), {"module": "</script><x>"}, "../en/x.html?a=1&b=2"
    )
    assert "<b>" not in html and "</script><x>" not in html
    assert "<title>A &lt;b&gt;&#34;module&#34;&lt;/b&gt; &amp; more</title>" in html
    assert 'href="../en/x.html?a=1&amp;b=2"' in html
    assert '<p id="rightway-sco-notice" role="alert" hidden></p>' in html


def test_scorm_2004_manifest_carries_the_pass_mark_on_a_primary_objective() -> None:
    _, packages = built_test_course()
    with zipfile.ZipFile(packages / package_name("en", "2004")) as archive:
        from lxml import etree

        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    assert manifest_schema("2004").validate(etree.ElementTree(manifest))
    ns = {"imsss": "http://www.imsglobal.org/xsd/imsss"}
    # The test course's modules: a quiz, a quiz drawn from a bank, a page without a quiz.
    *quiz_items, plain_item = manifest.xpath("//*[local-name()='item']")
    assert len(quiz_items) == 2
    for quiz_item in quiz_items:
        primary = quiz_item.xpath(".//imsss:primaryObjective", namespaces=ns)
        assert len(primary) == 1 and primary[0].get("satisfiedByMeasure") == "true"
        assert primary[0].xpath("string(imsss:minNormalizedMeasure)", namespaces=ns) == "0.8"
    assert plain_item.xpath(".//imsss:primaryObjective", namespaces=ns) == []


# -- packaging -------------------------------------------------------------------------------


def test_a_change_in_one_language_rezips_only_its_packages(tmp_path: Path) -> None:
    built_html, _ = built_test_course()
    html = tmp_path / "html"
    shutil.copytree(built_html, html)
    out = tmp_path / "scorm"
    first = build_packages(html, out)
    assert all(b.rewritten for b in first)
    assert not any(b.rewritten for b in build_packages(html, out))
    page = html / "en" / "reference.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- edited -->", encoding="utf-8")
    third = {b.path.name: b.rewritten for b in build_packages(html, out)}
    expected = {name for name in third if "-en-" in name or "-bilingual-" in name}
    assert {name for name, rewritten in third.items() if rewritten} == expected
    with zipfile.ZipFile(out / package_name("en", "12")) as archive:
        assert archive.read("en/reference.html").endswith(b"<!-- edited -->")


def test_the_packager_imports_nothing_from_sphinx() -> None:
    html, _ = built_test_course()
    code = (
        "import sys, tempfile, pathlib\n"
        "from rightway_quiz.scorm import build_packages\n"
        f"build_packages(pathlib.Path({str(html)!r}), pathlib.Path(tempfile.mkdtemp()))\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sphinx', 'docutils')"
        " or m.startswith('rightway_quiz.sphinxext'))\n"
        "print(bad)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


@pytest.mark.parametrize("path", OWN_FILES, ids=lambda p: p.name)
def test_modules_and_functions_stay_small(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= MAX_MODULE_LINES
    if path.suffix == ".py":
        for node in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                assert length <= MAX_FUNCTION_LINES, f"{node.name} is {length} lines"


def test_every_runtime_part_is_shipped() -> None:
    assert {p.name for p in SCORM_SRC.glob("*.js")} == set(RUNTIME_PARTS)
