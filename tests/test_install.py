"""The trainers' install (issue 20): the wheel, built from a clean copy of the checkout, installed
alone into a fresh virtual environment, runs from any folder with the course it carries.

The wheel is built as ``make wheel`` builds it (sdist, then the wheel from the sdist,
``--no-isolation``); its dependencies come from ``_build/wheelhouse`` (downloaded once),
installed with ``--no-index`` so nothing but the wheel's own metadata decides what
arrives. Each command's output from the installed tool is compared with the same
command run from this checkout, and checked for what a trainer must see.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from grader_support import answer_document, write_json

from rightway_quiz import __version__
from rightway_quiz.course.course import Course, course_version, load_course
from rightway_quiz.grader.cli import main

pytestmark = pytest.mark.install

ROOT = Path(__file__).resolve().parent.parent
WHEELHOUSE = ROOT / "_build" / "wheelhouse"
#: Only the course build needs these; installing the grader must not bring them.
COURSE_BUILD_ONLY = (
    "sphinx",
    "docutils",
    "myst-parser",
    "nbsphinx",
    "furo",
    "sphinx-design",
    "sphinx-intl",
    "simplemma",
    "pypandoc-binary",
)


@dataclass(frozen=True)
class Installed:
    """The wheel installed in a fresh venv, and a folder outside the checkout to run it in."""

    wheel: Path
    python: Path
    command: Path
    workdir: Path

    def env(self, **extra: str) -> dict[str, str]:
        """A trainer's environment: nothing of this checkout's, UTF-8 unless told otherwise."""
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PYTHON", "RIGHTWAY_", "VIRTUAL_ENV", "LANG", "LC_"))
        }
        env.update({"LANG": "C.UTF-8", "PYTHONUTF8": "1", **extra})
        return env

    def run(self, *args: str | Path, **env: str) -> subprocess.CompletedProcess[bytes]:
        """``rightway-quiz ARGS`` from the work folder; bytes out, as a console gets them."""
        done = subprocess.run(
            [str(self.command), *map(str, args)],
            cwd=self.workdir,
            env=self.env(**env),
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")
        return done


def _tracked_copy(destination: Path) -> Path:
    """The files git knows (committed or about to be), as a fresh clone would have them."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


def _pip(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )


def _install(python: Path, wheel: Path) -> None:
    """Install ``wheel`` and only what it asks for; fill the wheelhouse from PyPI if it lacks them."""
    install = (
        "--python",
        python,
        "install",
        "-q",
        "--no-compile",
        "--no-index",
        "--find-links",
        WHEELHOUSE,
    )
    done = _pip(*install, wheel)
    if done.returncode != 0:
        fetched = _pip("download", "-q", "-d", WHEELHOUSE, "-c", ROOT / "constraints.txt", wheel)
        assert fetched.returncode == 0, fetched.stderr
        for copy in WHEELHOUSE.glob("rightway_quiz-*"):  # pip download copies the wheel too
            copy.unlink()
        done = _pip(*install, wheel)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    base = tmp_path_factory.mktemp("install")
    checkout = _tracked_copy(base / "checkout")
    built = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", base / "dist", checkout],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    (wheel,) = (base / "dist").glob("rightway_quiz-*-py3-none-any.whl")
    environment = base / "venv"
    venv.create(environment, with_pip=False)
    python = environment / "bin" / "python"
    _install(python, wheel)
    # A trainer's folder: spaces and a Welsh letter, far from the checkout.
    workdir = base / "Hyfforddiant ŵyl 2026" / "atebion cwrs"
    workdir.mkdir(parents=True)
    yield Installed(wheel, python, environment / "bin" / "rightway-quiz", workdir)


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(ROOT)


@pytest.fixture
def from_checkout(
    installed: Installed, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., str]:
    """The same command, in the same folder, run by this checkout's code on its course."""

    def run(*args: str | Path) -> str:
        monkeypatch.chdir(installed.workdir)
        monkeypatch.setenv("RIGHTWAY_COURSE_DIR", str(ROOT))
        capsys.readouterr()
        status = main([str(arg) for arg in args])
        captured = capsys.readouterr()
        assert status in (0, 1), captured.err
        return captured.out

    return run


def test_installs_only_what_the_grader_needs(installed: Installed) -> None:
    listing = subprocess.run(
        [
            str(installed.python),
            "-c",
            "import importlib.metadata as m, json;"
            "print(json.dumps(sorted(d.metadata['Name'].lower() for d in m.distributions())))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    names = set(json.loads(listing.stdout))
    assert {"rightway-quiz", "pydantic", "pyyaml", "polib"} <= names
    assert not names & set(COURSE_BUILD_ONLY)


def test_version_names_tool_and_course(installed: Installed, course: Course) -> None:
    for language, words in (("en", "course version"), ("cy", "fersiwn y cwrs")):
        done = installed.run("--version", LANGUAGE=language)
        assert done.returncode == 0, done.stderr.decode()
        tool, course_line = done.stdout.decode("utf-8").splitlines()
        assert tool == f"rightway-quiz {__version__}"
        assert course_line.startswith(f"{words} {course_version(course)} (")
        assert course_line.endswith(f"{Path('rightway_quiz') / 'course_data'})")
    # Pointed at another copy of the course, it says so.
    elsewhere = installed.run("--version", RIGHTWAY_COURSE_DIR=str(ROOT))
    assert elsewhere.stdout.decode("utf-8").splitlines()[1].endswith(f"({ROOT})")


def test_packaged_course_matches_the_sources(installed: Installed, course: Course) -> None:
    """Same quizzes at the same versions, and the same Welsh for every text the tool shows."""
    script = """
import json, sys
from pathlib import Path
from rightway_quiz.course.course import PACKAGED_COURSE_DIR, find_course_dir, load_course
packaged = load_course(PACKAGED_COURSE_DIR)
sources = load_course(Path(sys.argv[1]))
assert find_course_dir() == PACKAGED_COURSE_DIR, find_course_dir()
def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
def texts(course):
    welsh = course.translations("cy")
    models = [*course.quizzes.values(), *course.scenario_sets.values()]
    if course.article_source is not None:
        models.append(course.article_source.model)
    found = []
    for model in models:
        for text in strings(model.model_dump()):
            found += [welsh.text(text), welsh.block(text)]
    return found
print(json.dumps({
    "versions": [sorted((k, q.version) for k, q in c.quizzes.items()) for c in (packaged, sources)],
    "scenarios": [sorted(c.scenario_sets) for c in (packaged, sources)],
    "articles": [sorted(c.articles) for c in (packaged, sources)],
    "same_welsh": texts(packaged) == texts(sources),
    "welsh_messages": len(packaged.translations("cy").messages),
}))
"""
    done = subprocess.run(
        [str(installed.python), "-c", script, str(ROOT)],
        cwd=installed.workdir,
        env=installed.env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    packaged, sources = found["versions"]
    assert packaged == sources == sorted([k, q.version] for k, q in course.quizzes.items())
    assert found["scenarios"][0] == found["scenarios"][1] == sorted(course.scenario_sets)
    assert found["articles"][0] == found["articles"][1] != []
    assert found["same_welsh"] is True
    assert found["welsh_messages"] > 100


@pytest.mark.parametrize("language", ["en", "cy"])
def test_list_from_any_folder(
    installed: Installed, course: Course, language: str, from_checkout: Callable[..., str]
) -> None:
    done = installed.run("list", "--lang", language)
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode("utf-8")
    assert out == from_checkout("list", "--lang", language)
    texts = course.translations(language)
    for quiz in course.quizzes.values():
        assert texts.text(quiz.title) in out
    if language == "cy":
        assert any(texts.text(q.title) != q.title for q in course.quizzes.values())


@pytest.mark.parametrize("language", ["en", "cy"])
def test_prompt_from_any_folder(
    installed: Installed, language: str, from_checkout: Callable[..., str]
) -> None:
    args = ("prompt", "--seed", "7", "--answer", "--principle", "participation", "--lang", language)
    done = installed.run(*args)
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode("utf-8")
    assert out == from_checkout(*args)
    assert len(out.splitlines()) > 3


def _answers(installed: Installed, course: Course) -> Path:
    """A folder of downloaded answer files: one learner passes every quiz, one fails them."""
    folder = installed.workdir / "Atebion wedi’u llwytho i lawr"
    folder.mkdir(exist_ok=True)
    for quiz in course.quizzes.values():
        write_json(folder / f"Siân Ŵyn {quiz.id}.json", answer_document(quiz, learner="Siân Ŵyn"))
        write_json(
            folder / f"Tom {quiz.id}.json", answer_document(quiz, right=set(), learner="Tom")
        )
    return folder


@pytest.mark.parametrize("language", ["en", "cy"])
def test_grade_a_folder_of_answers(
    installed: Installed, course: Course, language: str, from_checkout: Callable[..., str]
) -> None:
    folder = _answers(installed, course)
    files = sorted(folder.glob("*.json"))
    relative = [path.relative_to(installed.workdir) for path in files]
    done = installed.run("grade", *relative, "--lang", language)
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode("utf-8")
    assert "Siân Ŵyn" in out and "Tom" in out
    assert out == from_checkout("grade", *relative, "--lang", language)

    # The folder itself, as the README's walk-through does, with the results saved in it:
    # run twice, last run's results are not read as answers.
    spreadsheet = folder / "canlyniadau.csv"
    for _ in range(2):
        done = installed.run(
            "grade",
            folder.name,
            "--lang",
            language,
            "-o",
            spreadsheet.relative_to(installed.workdir),
        )
    assert done.returncode == 0, done.stderr.decode()
    raw = spreadsheet.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    lines = raw.split(b"\n")
    assert all(line.endswith(b"\r") for line in lines[:-1]) and lines[-1] == b""
    text = raw.decode("utf-8-sig")
    assert "Siân Ŵyn" in text and __version__ in text and course_version(course) in text


@pytest.mark.parametrize("language", ["en", "cy"])
def test_cohort_report(
    installed: Installed, course: Course, language: str, from_checkout: Callable[..., str]
) -> None:
    folder = _answers(installed, course)
    relative = [path.relative_to(installed.workdir) for path in sorted(folder.glob("*.json"))]
    done = installed.run("report", *relative, "--lang", language)
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode("utf-8")
    # A pattern as Windows' shells pass it, unexpanded: the tool expands it itself.
    assert (
        installed.run("report", Path(folder.name, "*.json"), "--lang", language).stdout
        == done.stdout
    )
    assert course_version(course) in out
    assert "Siân" not in out, "the cohort report names no learner"
    assert out == from_checkout("report", *relative, "--lang", language)


def test_legacy_code_page_console_never_crashes(installed: Installed, course: Course) -> None:
    """A Windows console or redirect in cp1252, which has no ŵ or ŷ: replaced, never a crash."""
    folder = _answers(installed, course)
    relative = [path.relative_to(installed.workdir) for path in sorted(folder.glob("*.json"))]
    legacy = {"PYTHONIOENCODING": "cp1252", "PYTHONUTF8": "0"}
    for args in (
        ("list", "--lang", "cy"),
        ("prompt", "--seed", "3", "--answer", "--lang", "cy"),
        ("grade", *relative, "--lang", "cy"),
        ("report", *relative, "--lang", "cy"),
    ):
        done = installed.run(*args, **legacy)
        assert done.returncode == 0, (args, done.stderr.decode("cp1252", "replace"))
        out = done.stdout.decode("cp1252")  # every byte is cp1252: nothing half-written
        assert len(out.splitlines()) > 2
    grade = installed.run("grade", *relative, "--lang", "cy", **legacy).stdout.decode("cp1252")
    # â is in cp1252 and stays; Ŵ is not, and is written as an escape (or "?"), not dropped.
    assert "Siân \\u0174yn" in grade or "Siân ?yn" in grade


def test_wheel_carries_every_package_file(installed: Installed) -> None:
    """Every file of the package in git (templates, scripts, schemas, catalogs) is in the wheel."""
    listed = subprocess.run(
        ["git", "ls-files", "src/rightway_quiz"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
    missing = [name for name in listed if name.removeprefix("src/") not in names]
    assert missing == []
    assert "rightway_quiz/locale/cy/LC_MESSAGES/rightway.mo" in names
    assert "rightway_quiz/course_data/quizzes/participation.yaml" in names
