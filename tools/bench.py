"""Measure build speed, page weight, package size and grader throughput: ``make bench``.

Each timing is the median of several runs, with min and max. Prints a table and
writes ``_build/bench.json``. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from tools.bench_pages import page_weight

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
BIN = ROOT / ".venv" / "bin"
EDITED_PAGE = ROOT / "course" / "accessibility.md"
QUIZ_ASSETS = ("rightway-quiz.js", "rightway-quiz.css")
# The record of learning (name, verification code, printable record): its own figure.
RECORD_ASSETS = ("rightway-record.js",)


def timed(
    action: Callable[[], object], runs: int, before: Callable[[], object] | None = None
) -> dict[str, float]:
    """Median, min and max seconds of ``action`` (``before`` runs untimed first each time)."""
    seconds: list[float] = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - start)
    return {
        "median": statistics.median(seconds),
        "min": min(seconds),
        "max": max(seconds),
        "runs": runs,
    }


# Run under `make bench`, child makes would inherit the parent's jobserver flags but not
# its pipes, and fall back to one job: give them a clean slate, as from a terminal.
MAKE_ENV = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}


def run(*command: str) -> None:
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env=MAKE_ENV)


def clean() -> None:
    run("make", "clean")


def make_all() -> None:
    run("make")


def make_without_pdf() -> None:
    run("make", "html", "scorm")


def forget_pdfs() -> None:
    """Remove the PDF pack and its stamps, so `make pdf` builds it again from the HTML."""
    shutil.rmtree(BUILD / "pdf", ignore_errors=True)
    for stamp in BUILD.glob(".pdf-*"):
        stamp.unlink()


def make_pdf() -> None:
    run("make", "pdf")


def pdf_sizes() -> dict[str, object]:
    """Each language's PDF count and total bytes, and the largest file."""
    sizes: dict[str, object] = {}
    for folder in sorted((BUILD / "pdf").glob("*")):
        files = sorted(folder.glob("*.pdf"))
        largest = max(files, key=lambda path: path.stat().st_size, default=None)
        sizes[folder.name] = {
            "files": len(files),
            "bytes": sum(path.stat().st_size for path in files),
            "largest": f"{largest.name} {largest.stat().st_size}" if largest else "",
        }
    return sizes


def edit_one_page() -> None:
    EDITED_PAGE.write_text(EDITED_PAGE.read_text(encoding="utf-8") + "\n", encoding="utf-8")


PLAIN_CONF = (
    # The same pandoc as conf.py gives nbsphinx (from pypandoc-binary).
    "import os, pathlib, pypandoc\n"
    "os.environ['PATH'] = str(pathlib.Path(pypandoc.get_pandoc_path()).parent)"
    " + os.pathsep + os.environ.get('PATH', '')\n"
    "extensions = ['myst_parser', 'sphinx_design', 'nbsphinx']\n"
    "html_theme = 'furo'\nsource_suffix = {'.md': 'markdown', '.ipynb': 'jupyter_notebook'}\n"
    "myst_enable_extensions = ['colon_fence', 'deflist', 'attrs_inline', 'attrs_block']\n"
    f"locale_dirs = [{str(ROOT / 'locale')!r}]\ngettext_compact = False\nnbsphinx_execute = 'never'\n"
    "suppress_warnings = ['*']\n"
)


def plain_sphinx(out: Path) -> None:
    """Both languages with plain Sphinx into ``out``: same sources, no rightway extension,
    theme or packaging. Run again on the same ``out`` it is Sphinx's own incremental build."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "conf.py").write_text(PLAIN_CONF, encoding="utf-8")
    # Both languages at once, as `make` builds them (make -j2), so the ratio compares like
    # with like.
    builds = [
        subprocess.Popen(
            [
                str(BIN / "sphinx-build"),
                "-q",
                "-j",
                "auto",
                "-b",
                "html",
                "-c",
                str(out),
                "-D",
                f"language={language}",
                "-d",
                f"{out}/doctrees/{language}",
                "course",
                f"{out}/html/{language}",
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for language in ("cy", "en")
    ]
    for build in builds:
        if build.wait() != 0:
            raise subprocess.CalledProcessError(build.returncode, build.args)


def children_cpu_seconds() -> float:
    """User and system CPU seconds of every finished child process so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def alternating_ratio(
    ours: Callable[[], object],
    theirs: Callable[[], object],
    runs: int,
    before: Callable[[], object] | None = None,
) -> dict[str, object]:
    """Time ``ours`` and ``theirs`` alternately (A B A B ...), the ratio taken pair by pair.

    A machine whose speed drifts during the benchmark then shifts both sides of each
    pair alike instead of biasing the ratio. ``before`` runs untimed before each side.
    The CPU seconds of each side's processes are kept too: on a machine shared with
    other work their ratio varies less than the wall-clock one (it leaves out waiting
    for a core, but also what running on both cores at once saves).
    """
    ratios: list[float] = []
    cpu_ratios: list[float] = []
    our_times: list[float] = []
    their_times: list[float] = []
    for _ in range(runs):
        pair, cpu = [], []
        for action in (ours, theirs):
            if before:
                before()
            start, start_cpu = time.perf_counter(), children_cpu_seconds()
            action()
            pair.append(time.perf_counter() - start)
            cpu.append(children_cpu_seconds() - start_cpu)
        our_times.append(pair[0])
        their_times.append(pair[1])
        ratios.append(pair[0] / pair[1])
        cpu_ratios.append(cpu[0] / cpu[1])
    return {
        "ours_s": statistics.median(our_times),
        "plain_s": statistics.median(their_times),
        "ratio_median": statistics.median(ratios),
        "ratio_min": min(ratios),
        "ratio_max": max(ratios),
        "ratios": [round(ratio, 3) for ratio in ratios],
        "cpu_ratio_median": statistics.median(cpu_ratios),
        "cpu_ratios": [round(ratio, 3) for ratio in cpu_ratios],
        "pairs": runs,
    }


def quiz_runtime_size(assets: tuple[str, ...] = QUIZ_ASSETS) -> dict[str, int]:
    """The files as the built site serves them (minified: see sphinxext/theme_static.py)."""
    static = BUILD / "html" / "en" / "_static"
    data = b"".join((static / name).read_bytes() for name in assets)
    return {"bytes": len(data), "gzipped": len(gzip.compress(data, 9))}


def scorm_sizes() -> dict[str, int]:
    return {path.name: path.stat().st_size for path in sorted((BUILD / "scorm").glob("*.zip"))}


def grader(rows: int) -> dict[str, object]:
    script = ROOT / "tools" / "bench_grader.py"
    if not script.exists():
        return {"skipped": "tools/bench_grader.py not found"}
    result = subprocess.run(
        [str(BIN / "python"), str(script), "--rows", str(rows), "--json"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def print_summary(results: dict[str, object]) -> None:
    """The figures as a table, then the rest as JSON."""
    build = results["build"]
    assert isinstance(build, dict)
    print(
        f"{'build (A B A B, ratio per pair)':<44}{'ours s':>9}{'plain s':>9}{'ratio':>8}{'min':>7}{'max':>7}"
        f"{'cpu':>7}"
    )
    for name, goal in (
        ("clean_make_vs_plain_sphinx", 1.10),
        ("one_page_edit_make_vs_plain_incremental", 1.25),
        ("clean_make_vs_clean_make_without_pdf", 1.25),
    ):
        pair = build[name]
        print(
            f"{name:<44}{pair['ours_s']:>9.2f}{pair['plain_s']:>9.2f}{pair['ratio_median']:>8.2f}"
            f"{pair['ratio_min']:>7.2f}{pair['ratio_max']:>7.2f}{pair['cpu_ratio_median']:>7.2f}"
            f"  (goal {goal})"
        )
    print(f"{'no_change_make_s':<44}{build['no_change_make_s']['median']:>9.2f}")
    print(f"{'make_pdf_alone_s':<44}{build['make_pdf_alone_s']['median']:>9.2f}")
    print(
        json.dumps(
            {
                k: results[k]
                for k in (
                    "page_weight",
                    "quiz_runtime",
                    "record_runtime",
                    "scorm_bytes",
                    "pdf",
                    "grader",
                )
            },
            indent=2,
        )
    )


@contextlib.contextmanager
def edited_page_put_back() -> Iterator[None]:
    """However the timings end, the page the edit pairs change is put back and built again."""
    original = EDITED_PAGE.read_text(encoding="utf-8")
    try:
        yield
    finally:
        EDITED_PAGE.write_text(original, encoding="utf-8")
        make_all()


def time_edit_pairs(plain_out: Path, runs: int) -> dict[str, object]:
    """``make`` after a one-page edit against plain Sphinx's incremental rebuild of it."""
    plain_sphinx(plain_out)  # so the plain side's next build is incremental
    return alternating_ratio(make_all, lambda: plain_sphinx(plain_out), runs, before=edit_one_page)


def one_page_edit_pairs(runs: int) -> dict[str, object]:
    """Only the one-page-edit pair (``--edit-only``): about a minute instead of the whole bench."""
    with tempfile.TemporaryDirectory() as plain_dir, edited_page_put_back():
        make_all()
        pairs = time_edit_pairs(Path(plain_dir), runs)
    return {**pairs, "load_average": os.getloadavg()}


def build_timings(runs: int) -> dict[str, object]:
    """Every build figure: clean and one-page-edit pairs against plain Sphinx, the PDF step."""
    with tempfile.TemporaryDirectory() as plain_dir, edited_page_put_back():
        plain_out = Path(plain_dir)

        def fresh_plain() -> None:
            shutil.rmtree(plain_out, ignore_errors=True)
            plain_sphinx(plain_out)

        # Issue 12's ratio is for a clean make of HTML and SCORM; the PDF pack's cost is
        # measured on its own just below.
        clean_pairs = alternating_ratio(lambda: (clean(), make_without_pdf()), fresh_plain, runs)
        # The PDF step's share of a clean build: the whole of `make` against `make html scorm`.
        pdf_pairs = alternating_ratio(make_all, make_without_pdf, runs, before=clean)
        make_all()
        pdf_alone = timed(make_pdf, runs, before=forget_pdfs)
        no_change = timed(make_all, runs)
        edit_pairs = time_edit_pairs(plain_out, runs)
    return {
        "clean_make_vs_plain_sphinx": clean_pairs,
        "one_page_edit_make_vs_plain_incremental": edit_pairs,
        "clean_make_vs_clean_make_without_pdf": pdf_pairs,
        "make_pdf_alone_s": pdf_alone,
        "no_change_make_s": no_change,
        "goals": {"clean_ratio": 1.10, "one_page_ratio": 1.25, "pdf_ratio": 1.25},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="runs per timing (median reported)")
    parser.add_argument("--rows", type=int, default=1_000_000, help="grader rows")
    parser.add_argument(
        "--edit-only", action="store_true", help="time only the one-page-edit pairs, print JSON"
    )
    args = parser.parse_args(argv)
    if args.edit_only:
        print(json.dumps(one_page_edit_pairs(args.runs), indent=2))
        return 0
    build = build_timings(args.runs)
    results: dict[str, object] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_at_end": os.getloadavg(),
        },
        "build": build,
        "page_weight": page_weight(),
        "quiz_runtime": quiz_runtime_size(),
        "record_runtime": quiz_runtime_size(RECORD_ASSETS),
        "scorm_bytes": scorm_sizes(),
        "pdf": pdf_sizes(),
        "grader": grader(args.rows),
        "command": "make bench",
    }
    BUILD.mkdir(exist_ok=True)
    (BUILD / "bench.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print_summary(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
