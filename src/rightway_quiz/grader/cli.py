"""``rightway-quiz``: grade answers, report on a cohort, prompt a supervision session, take a quiz.

``main(argv) -> int`` runs one command and returns the exit status:
0 all went well; 1 bad input (a file, a row, a course source) or nothing to do;
2 a usage mistake (argparse). Errors are one line on standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ..course.course import ContentTranslations, Course, find_course_dir, load_course
from ..course.errors import SourceError
from ..course.facts import CourseFacts, load_facts
from ._files import UsageError, check_output, replacing
from .answers import InputError, display_path
from .cli_grading import (
    check_outputs,
    choose_format,
    err,
    grade_all,
    namer_for,
    write_output,
    writing_bar,
)
from .cli_parser import PROG, build_parser
from .cli_words import argparse_speaking_run_language
from .grading import Grader
from .inputs import expand_inputs
from .messages import LANGUAGES, Translator, _, default_language, speaking
from .principles import principle_from_user, principle_name
from .prompts import (
    PromptKind,
    RecordNotes,
    answer_text,
    append_record,
    choose_prompt,
    prompt_text,
    record_entry,
    session_prompts,
)
from .report import REPORT_FORMATS, build_report, render_report
from .results import FORMATS, Namer, grades_document, missed_lines, render
from .take import Stopped, take_quiz
from .verify import run_verify


def _course(args: argparse.Namespace) -> Course:
    return load_course(find_course_dir(args.course_dir))


def _course_facts(args: argparse.Namespace) -> CourseFacts:
    """What marking needs, kept between runs: a run on unchanged sources imports no pydantic."""
    return load_facts(find_course_dir(args.course_dir))


# -- commands -------------------------------------------------------------------------------


def run_list(args: argparse.Namespace) -> int:
    """``list``: quizzes, scenarios and prompts by principle."""
    course = _course(args)
    texts = course.translations(args.lang)
    principles = course.principles()
    if args.principle is not None:
        principles = [_check_principle(args.principle, principles)]
    lines: list[str] = []
    for principle in principles:
        lines.append(f"{principle_name(principle)} ({principle})")
        for quiz in course.quizzes_for(principle):
            lines.append(
                "  "
                + _("quiz {id}: {title} ({count} questions, pass mark {mark}%)").format(
                    id=quiz.id,
                    title=texts.text(quiz.title),
                    count=len(quiz.questions),
                    mark=quiz.pass_mark,
                )
            )
        scenario_set = course.scenario_sets.get(principle)
        if scenario_set is not None:
            for scenario in scenario_set.scenarios:
                lines.append(
                    "  "
                    + _("scenario {id}: {title}").format(
                        id=scenario.id, title=texts.text(scenario.title)
                    )
                )
            for prompt in scenario_set.prompts:
                lines.append(
                    "  "
                    + _("prompt {id}: {text}").format(
                        id=prompt.id, text=" ".join(texts.paragraphs(prompt.text))
                    )
                )
        lines.append("")
    if not principles:
        lines.append(_("The course has no quizzes or scenarios yet."))
    sys.stdout.write("\n".join(lines).rstrip() + "\n")
    return 0


def run_grade(args: argparse.Namespace) -> int:
    """``grade``: each learner's score, pass, missed questions with feedback, articles."""
    namer = namer_for(args)
    args.files = expand_inputs(args.files, (args.output, args.rejected))
    check_outputs(args, FORMATS)
    course = _course_facts(args)
    output_format = choose_format(args, "table")
    grader = grade_all(args, course, namer)
    book = grader.gradebook
    # A CSV holds no course text: it does without the catalogs (and the whole course).
    texts = (
        ContentTranslations(args.lang)
        if output_format == "csv"
        else book.course.translations(args.lang)
    )
    bar = writing_bar(args.output)
    chunks = render(book, texts, namer, output_format, args.translator, bar)
    write_output(chunks, args.output, csv=output_format == "csv", bar=bar)
    return 0 if book.ok and book.attempts else 1


def run_report(args: argparse.Namespace) -> int:
    """``report``: the cohort report (it holds no names, so file names are hidden too)."""
    args.files = expand_inputs(args.files, (args.output, args.rejected))
    check_outputs(args, REPORT_FORMATS)
    course = _course(args)
    output_format = choose_format(args, "text")
    book = grade_all(args, course, Namer()).gradebook
    report = build_report(book, course.translations(args.lang))
    text = render_report(report, output_format, args.translator)
    write_output([text], args.output, csv=output_format == "csv")
    return 0 if book.ok and book.attempts else 1


def _check_principle(principle: str, known: list[str]) -> str:
    """The id of the principle the user named (id or name, English or Welsh)."""
    found = principle_from_user(principle, known)
    if found is None:
        raise UsageError(
            _("unknown principle {principle!r} (the course has: {known})").format(
                principle=principle,
                known=", ".join(f"{principle_name(p)} ({p})" for p in known) or "—",
            )
        )
    return found


def _reader(prompt: str) -> str | None:
    sys.stdout.write(prompt)
    sys.stdout.flush()
    line = sys.stdin.readline()
    return None if line == "" else line.rstrip("\r\n")


def _say(text: str) -> None:
    print(text)


def run_prompt(args: argparse.Namespace) -> int:
    """``prompt``: a scenario or supervision question, the model answer on request, notes to a record."""
    course = _course(args)
    texts = course.translations(args.lang)
    principle = None
    if args.principle is not None:
        principle = _check_principle(args.principle, course.principles())
    kind: PromptKind = args.kind
    prompts = session_prompts(course, texts, principle, kind, args.audience)
    if not prompts:
        raise UsageError(_("there are no scenarios or prompts to choose from"))
    chosen = choose_prompt(prompts, args.seed)
    sys.stdout.write(prompt_text(chosen))
    interactive = sys.stdin.isatty()
    if args.answer:
        sys.stdout.write("\n" + answer_text(chosen))
    elif interactive and chosen.model_answer:
        reply = _reader(
            "\n" + _("Press Enter to see the model answer and articles (or type q to skip): ")
        )
        if reply is not None and reply.strip().lower() not in {"q", "quit", "gadael"}:
            sys.stdout.write("\n" + answer_text(chosen))
    if args.record is not None:
        notes = args.notes
        if notes is None:
            if interactive:
                print(_("Type the discussion notes; finish with an empty line."))
                lines: list[str] = []
                while (line := _reader("> ")) not in (None, ""):
                    lines.append(line or "")
                notes = "\n".join(lines)
            else:
                notes = sys.stdin.read()
        record = RecordNotes(notes, args.actions or "", args.follow_up or "", args.supervisee)
        entry = record_entry(chosen, record, date.today(), args.translator)
        append_record(args.record, entry, args.translator)
        print(_("Notes added to {path}").format(path=args.record), file=sys.stderr)
    return 0


def run_take(args: argparse.Namespace) -> int:
    """``take``: the quiz in the terminal, saved as answer JSON, then marked."""
    course = _course(args)
    quiz = course.quizzes.get(args.quiz)
    if quiz is None:
        raise UsageError(
            _("unknown quiz {quiz!r} (the course has: {known})").format(
                quiz=args.quiz, known=", ".join(sorted(course.quizzes)) or "—"
            )
        )
    check_output(args.output, ())
    texts = course.translations(args.lang)
    try:
        document = take_quiz(quiz, texts, _reader, _say, args.translator, learner=args.learner)
    except Stopped:
        print(file=sys.stdout)
        err(_("Stopped: no answers were saved."))
        return 1
    saved = _save_answers(document, args.output)
    grader = Grader(course)
    grader.add_answer_data(document, str(args.output), learner=args.learner or args.output.stem)
    book = grader.gradebook
    attempt = book.attempts[0]
    print()
    print(
        _("You scored {score} out of {max} ({percent}%).").format(
            score=attempt.score, max=attempt.out_of, percent=attempt.percent
        )
        + " "
        + (
            _("You have passed this quiz.")
            if attempt.passed
            else _(
                "Not passed yet: you need {passMark}% to pass. Read the feedback, then try again."
            ).format(passMark=quiz.pass_mark)
        )
    )
    record = grades_document(book, texts, Namer())["learners"][0]
    for line in missed_lines(record["quizzes"][0]["missed"], args.translator):
        print(line)
    err(_("Answers saved to {path}").format(path=display_path(saved)))
    return 0 if saved == args.output else 1


def _save_answers(document: dict[str, Any], path: Path) -> Path:
    """Save the answers to ``path``, or, if that fails, to a file of their own in the
    temporary folder: answers a learner has just given are never lost."""
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    try:
        with replacing(path) as handle:
            handle.write(text)
        return path
    except OSError as error:
        err(
            _("{path}: cannot be written ({reason})").format(
                path=display_path(path), reason=error.strerror or error
            )
        )
    descriptor, name = tempfile.mkstemp(
        prefix=f"rightway-answers-{document['quiz_id']}-", suffix=".json"
    )
    with os.fdopen(descriptor, "w", encoding="utf-8") as spare:
        spare.write(text)
    return Path(name)


# -- entry points ---------------------------------------------------------------------------


def _language(argv: Sequence[str]) -> str:
    """``--lang`` if given (even before the command is parsed), else the locale's language."""
    for index, value in enumerate(argv):
        if value == "--lang" and index + 1 < len(argv) and argv[index + 1] in LANGUAGES:
            return argv[index + 1]
        if value.startswith("--lang=") and value.split("=", 1)[1] in LANGUAGES:
            return value.split("=", 1)[1]
    return default_language()


def _robust_streams() -> None:
    """Never fail on printing: a character the terminal's encoding lacks (ŵ in cp1252,
    a file name's stray byte) is written as an escape instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``rightway-quiz`` with ``argv`` (default: the command line); return the exit status."""
    _robust_streams()
    arguments = list(sys.argv[1:] if argv is None else argv)
    language = _language(arguments)
    # The run's one translator: handed to what renders text (``args.translator``), and
    # in force for the run's length for the modules that still call ``_()`` and for
    # argparse (see messages.py); both are as they were once the run ends.
    run_translator = Translator.for_language(language)
    with speaking(run_translator), argparse_speaking_run_language():
        return _run(arguments, language, run_translator)


def _run(arguments: list[str], language: str, run_translator: Translator) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(arguments)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 2
    args.lang = language
    args.translator = run_translator
    handler = HANDLERS[args.command]
    try:
        return handler(args)
    except (SourceError, InputError) as error:
        err(f"{PROG}: {error}")
        return 1
    except UsageError as error:
        err(f"{PROG}: {_('error')}: {error}")
        return 2
    except OSError as error:
        where = f"{display_path(error.filename)}: " if error.filename else ""
        err(f"{PROG}: {where}{error.strerror or error}")
        return 1
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "list": run_list,
    "grade": run_grade,
    "report": run_report,
    "prompt": run_prompt,
    "take": run_take,
    "verify": run_verify,
}


def entrypoint() -> None:
    """The console script."""
    raise SystemExit(main())
