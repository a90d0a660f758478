"""Benchmark: grading answer rows vs reading the same CSV with Python's ``csv`` module alone.

    python tools/bench_grader.py [--rows 1000000] [--runs 3] [--json [PATH]] [--check]

Writes a synthetic answers CSV (every learner answers every question of every
quiz, about 70% right) to a temporary folder, then, in fresh processes, times
``csv.reader`` reading it, ``rightway_quiz.grade_files`` grading it (the
marking engine) and the whole command ``rightway-quiz grade FILE -o OUT.csv``,
and records each process's peak resident memory. Prints the median, min and
max of each and the ratios of the medians. The goal (issue 16) is the whole
command: within 2.5 times the csv module's time, peak under 200 MB.

Times are CPU seconds of the measured process (``time.process_time``): on a
shared two-core machine wall-clock time mostly measures the neighbours. Wall
seconds are reported beside them.

The whole command keeps the course's facts between runs (``course/facts.py``),
here in a folder of its own: the first run after a course change reads and
checks the course with pydantic and keeps them, and is timed on its own
("first run"); the measured runs are the ones after it, as a trainer's are.

Uses the course's ``quizzes/``; with ``--course-dir`` another course; when the
course has no quizzes yet, a synthetic seven-quiz course (ten questions each).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))  # the package, even when not installed
GOAL_RATIO = 2.5
GOAL_PEAK_MB = 200


def synthetic_course(folder: Path) -> Path:
    """Seven quizzes of ten questions of every type, for when the course has none yet."""
    from rightway_quiz.course.loader import load_outline

    principles = [module.id for module in load_outline(ROOT).model.modules]
    quiz_dir = folder / "quizzes"
    quiz_dir.mkdir(parents=True)
    for principle in principles:
        lines = [
            f"id: {principle}",
            f'title: "{principle}: check your understanding"',
            f"principle: {principle}",
            "objectives:",
            f"  - id: {principle}-lo1",
            "    text: An objective.",
            "questions:",
        ]
        for number in range(1, 11):
            kind = ("single", "multiple", "true_false", "matching", "scenario")[number % 5]
            lines += [
                f"  - id: {principle}-q{number}",
                f"    type: {kind}",
                f"    objective: {principle}-lo1",
            ]
            lines += ["    articles: [12]", "    stem: A question?"]
            if kind == "scenario":
                lines.append("    scenario: A short case.")
            ids = ["true", "false"] if kind == "true_false" else ["a", "b", "c", "d"]
            lines.append("    options:")
            for option in ids:
                lines += [
                    f'      - id: "{option}"',
                    "        text: An option.",
                    "        feedback: Why.",
                ]
            if kind == "matching":
                lines += ["    items:"]
                for item, option in (("x", "a"), ("y", "b"), ("z", "c")):
                    lines += [
                        f"      - id: {item}",
                        "        text: An item.",
                        f"        answer: {option}",
                    ]
            else:
                answer = (
                    '["false"]'
                    if kind == "true_false"
                    else ("[a, c]" if kind == "multiple" else "[b]")
                )
                lines.append(f"    answer: {answer}")
            lines.append("    explanation: Because.")
        (quiz_dir / f"{principle}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def write_rows(course_dir: Path, target: Path, rows: int, seed: int = 8) -> int:
    """A CSV of ``rows`` answer rows (whole learners, so a little over), like an LMS export."""
    from rightway_quiz import load_course

    course = load_course(course_dir)
    questions = [
        (quiz.id, question) for quiz in course.quizzes.values() for question in quiz.questions
    ]
    rng = random.Random(seed)
    written = 0
    learner = 0
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["learner", "quiz", "question", "answer", "submitted_at"])
        while written < rows:
            learner += 1
            name = f"Learner {learner:07d}"
            for quiz_id, question in questions:
                right = rng.random() < 0.7
                if question.type == "matching":
                    answer = ";".join(
                        f"{item.id}={item.answer if right else rng.choice(question.option_ids)}"
                        for item in question.items
                    )
                elif right:
                    answer = ";".join(question.answer)
                else:
                    answer = rng.choice(question.option_ids)
                writer.writerow([name, quiz_id, question.id, answer, "2026-03-01T10:00:00Z"])
                written += 1
    return written


def child(mode: str, path: Path, course_dir: Path) -> None:
    """One measurement in this (fresh) process; prints seconds and peak memory as JSON."""
    cpu_start = time.process_time()
    if mode == "csv":
        start = time.perf_counter()
        with path.open(encoding="utf-8", newline="") as handle:
            for _row in csv.reader(handle):
                pass
        seconds = time.perf_counter() - start
        counts: dict[str, int] = {}
    elif mode == "cli":
        import contextlib
        import io

        from rightway_quiz.grader.cli import main as cli_main

        out = path.with_suffix(".out.csv")
        start = time.perf_counter()
        with contextlib.redirect_stderr(io.StringIO()):
            cli_main(
                [
                    "grade",
                    str(path),
                    "--course-dir",
                    str(course_dir),
                    "--format",
                    "csv",
                    "-o",
                    str(out),
                ]
            )
        seconds = time.perf_counter() - start
        out.unlink()
        counts = {}
    else:
        from rightway_quiz import grade_files, load_course

        course = load_course(course_dir)
        cpu_start = time.process_time()
        start = time.perf_counter()
        book = grade_files(course, [path])
        seconds = time.perf_counter() - start
        counts = {
            "answers": book.answers,
            "graded": book.graded,
            "rejected": book.rejected,
            "attempts": len(book.attempts),
        }
    cpu_seconds = time.process_time() - cpu_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps({"seconds": cpu_seconds, "wall_seconds": seconds, "peak_mb": peak_mb, **counts})
    )


def measure(mode: str, path: Path, course_dir: Path) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path), str(course_dir)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(output)
    return result


def compile_package() -> None:
    """Byte-compile the package as ``pip install`` does, so no child pays for it (this
    machine's shell sets ``PYTHONDONTWRITEBYTECODE``: no run would write the bytecode, and
    every edited module would be compiled from source in every measured run)."""
    import compileall

    compileall.compile_dir(ROOT / "src" / "rightway_quiz", quiet=1)


def spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def print_summary(
    figures: dict[str, object], ratio: float, peaks: list[float], cli_peaks: list[float]
) -> None:
    """The figures and whether each goal is met."""
    rows, course_kind, runs = figures["rows"], figures["course"], figures["runs"]
    print(
        f"grader benchmark: {rows:,} answer rows ({figures['csv_megabytes']} MB), {runs} runs, {course_kind} quizzes"
    )
    for label, key in (
        ("csv.reader alone", "csv_read_seconds"),
        ("grade_files", "grade_seconds"),
        ("whole command", "cli_grade_to_csv_seconds"),
    ):
        s = figures[key]
        assert isinstance(s, dict)
        print(
            f"  {label:<17} median {s['median']:.2f} CPU s  (min {s['min']:.2f}, max {s['max']:.2f})"
        )
    print(f"  engine ratio      {figures['engine_ratio']:.2f}  (grade_files / csv.reader)")
    verdict = "meets" if ratio <= GOAL_RATIO else "MISSES"
    print(f"  ratio             {ratio:.2f}  (whole command; {verdict} the goal of ≤ {GOAL_RATIO})")
    peak = statistics.median(cli_peaks)
    verdict = "meets" if max(cli_peaks) < GOAL_PEAK_MB else "MISSES"
    print(
        f"  peak memory       median {peak:.0f} MB (max {max(cli_peaks):.0f} MB; {verdict} the goal of < {GOAL_PEAK_MB} MB);"
        f" grade_files alone {max(peaks):.0f} MB"
    )
    print("  whole command = rightway-quiz grade FILE --format csv -o OUT, in a fresh process")
    print(
        f"  first run after a course change (course read and checked, its facts kept):"
        f" {figures['cli_first_run_seconds']:.2f} CPU s"
    )
    print(
        f"  graded {figures['graded']:,}, rejected {figures['rejected']:,}, attempts {figures['attempts']:,}"
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--course-dir", type=Path, default=ROOT)
    parser.add_argument(
        "--json", nargs="?", const="-", help="figures as JSON: to PATH, or a last stdout line"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    parser.add_argument(
        "--child", nargs=3, metavar=("MODE", "CSV", "COURSE"), help=argparse.SUPPRESS
    )
    return parser.parse_args(argv)


def measure_runs(data: Path, course_dir: Path, runs: int) -> dict[str, Any]:
    """Each measurement ``runs`` times, the three modes taking turns (a machine whose
    speed drifts slows them alike): seconds and peaks by mode, and the engine's counts."""
    found: dict[str, Any] = {"csv": [], "grade": [], "grade_peak": [], "cli": [], "cli_peak": []}
    for _run in range(runs):
        found["csv"].append(measure("csv", data, course_dir)["seconds"])
        graded = measure("grade", data, course_dir)
        found["grade"].append(graded["seconds"])
        found["grade_peak"].append(graded["peak_mb"])
        found["counts"] = graded
        whole = measure("cli", data, course_dir)
        found["cli"].append(whole["seconds"])
        found["cli_peak"].append(whole["peak_mb"])
    return found


def figures_for(
    runs: dict[str, Any], rows: int, megabytes: float, course_kind: str, command: str
) -> dict[str, Any]:
    """The figures written as JSON: spreads, ratios of the medians, goals and counts."""
    read = statistics.median(runs["csv"])
    counts = runs["counts"]
    return {
        "rows": rows,
        "csv_megabytes": megabytes,
        "course": course_kind,
        "runs": len(runs["csv"]),
        "csv_read_seconds": spread(runs["csv"]),
        "grade_seconds": spread(runs["grade"]),
        "engine_ratio": statistics.median(runs["grade"]) / read,
        "ratio": statistics.median(runs["cli"]) / read,
        "ratio_goal": GOAL_RATIO,
        "engine_peak_mb": spread(runs["grade_peak"]),
        "peak_mb_goal": GOAL_PEAK_MB,
        "cli_grade_to_csv_seconds": spread(runs["cli"]),
        "cli_peak_mb": spread(runs["cli_peak"]),
        "seconds_are": "CPU seconds of the measured process",
        "graded": counts.get("graded"),
        "rejected": counts.get("rejected"),
        "attempts": counts.get("attempts"),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {platform.system()}",
        "command": command,
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return 0
    command = "python tools/bench_grader.py " + " ".join(argv if argv is not None else sys.argv[1:])
    with tempfile.TemporaryDirectory(prefix="rightway-bench-") as tmp:
        from rightway_quiz.course.facts import CACHE_DIR_VARIABLE

        os.environ[CACHE_DIR_VARIABLE] = str(Path(tmp) / "course-facts")  # the children's
        course_dir = args.course_dir
        course_kind = "course"
        if not any((course_dir / "quizzes").glob("*.yaml")):
            course_dir = synthetic_course(Path(tmp) / "course")
            course_kind = "synthetic (the course has no quizzes yet)"
        data = Path(tmp) / "answers.csv"
        rows = write_rows(course_dir, data, args.rows)
        compile_package()
        first_run = measure("cli", data, course_dir)["seconds"]  # no facts kept yet
        runs = measure_runs(data, course_dir, args.runs)
        megabytes = round(data.stat().st_size / 1_000_000, 1)
        figures = figures_for(runs, rows, megabytes, course_kind, command)
        figures["cli_first_run_seconds"] = first_run
    print_summary(figures, figures["ratio"], runs["grade_peak"], runs["cli_peak"])
    if args.json == "-":
        print(json.dumps(figures))
    elif args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    met = figures["ratio"] <= GOAL_RATIO and max(runs["cli_peak"]) < GOAL_PEAK_MB
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    raise SystemExit(main())
