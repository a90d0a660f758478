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
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from .. import __version__
from ..course.course import Course, find_course_dir, load_course
from ..course.loader import SourceError
from ._files import UsageError, check_output, replacing
from ._output import terminal_text
from ._progress import ProgressBar
from .answers import InputError, display_path
from .cli_words import add_choice, use_run_language
from .grading import Gradebook, Grader, Rejection
from .messages import LANGUAGES, _, default_language, set_language
from .principles import principle_from_user, principle_name
from .prompts import (
    AUDIENCES,
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
from .results import FORMATS, Namer, counts_line, grades_document, missed_lines, render
from .take import Stopped, take_quiz

PROG = "rightway-quiz"
SHOWN_REJECTIONS = 20
SUFFIX_FORMATS = {
    ".csv": "csv",
    ".json": "json",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
}


def _err(text: str) -> None:
    """One line on standard error, control characters escaped (names can hold them)."""
    print(terminal_text(text), file=sys.stderr)


# -- argparse in the chosen language ------------------------------------------------------


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix=_("usage: ") if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose own words (usage, headings, -h) go through the catalog."""

    def __init__(self, *args: Any, help_option: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = _("arguments")
        self._optionals.title = _("options")
        if help_option:
            self.add_argument("-h", "--help", action="help", help=_("show this help and exit"))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {_('error')}: {message}\n")


def _common_options() -> _Parser:
    common = _Parser(help_option=False)
    common.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help=_(
            "language of all output (default: Welsh if the locale starts with cy, else English)"
        ),
    )
    common.add_argument(
        "--course-dir",
        type=Path,
        metavar=_("FOLDER"),
        help=_(
            "the course folder with quizzes/ and scenarios/ (default: this folder if it has quizzes/, else the tool's own course)"
        ),
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    """The command line, in the current language."""
    common = _common_options()
    parser = _Parser(
        prog=PROG,
        description=_(
            "Grade learners' answers, report on a cohort, and prompt supervision sessions for The Right Way course."
        ),
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help=_("language of all output (also accepted after the command)"),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"{PROG} {__version__}",
        help=_("show the version and exit"),
    )
    commands = parser.add_subparsers(
        dest="command", metavar=_("COMMAND"), parser_class=_Parser, title=_("commands")
    )
    commands.required = True

    listing = commands.add_parser(
        "list",
        parents=[common],
        help=_("list quizzes, scenarios and prompts by principle"),
        description=_("List quizzes, scenarios and supervision prompts by principle."),
    )
    listing.add_argument("--principle", metavar=_("PRINCIPLE"), help=_("only this principle"))
    listing.set_defaults(handler=run_list)

    grade = commands.add_parser(
        "grade",
        parents=[common],
        help=_("re-mark learners' answer files"),
        description=_(
            "Re-mark answers against the answer keys in quizzes/, ignoring any score in the files.\n"
            'Input: answer JSON files from the course\'s "Download my answers" button, and CSV files\n'
            "with the columns learner, quiz, question, answer (optional: quiz_version)."
        ),
    )
    _answer_file_options(
        grade,
        FORMATS,
        _("output format (default: from the output file's extension, else a table)"),
        _("write the results here instead of to the screen"),
    )
    _privacy_options(grade)
    grade.set_defaults(handler=run_grade)

    report = commands.add_parser(
        "report",
        parents=[common],
        help=_("a cohort report for refresher training"),
        description=_(
            "A cohort report: learners, pass rate, mean score by principle, and for each question its\n"
            "facility, discrimination and most-chosen wrong options. It holds no learner names."
        ),
    )
    _answer_file_options(
        report,
        REPORT_FORMATS,
        _("output format (default: from the output file's extension, else text)"),
        _("write the report here instead of to the screen"),
    )
    report.set_defaults(handler=run_report)

    prompt = commands.add_parser(
        "prompt",
        parents=[common],
        help=_("a scenario or question for a supervision session"),
        description=_(
            "Show a scenario or supervision question; the model answer and articles on request."
        ),
    )
    prompt.add_argument(
        "--principle", metavar=_("PRINCIPLE"), help=_("choose from this principle only")
    )
    prompt.add_argument(
        "--seed",
        type=int,
        metavar=_("NUMBER"),
        help=_("a number that always picks the same prompt"),
    )
    add_choice(
        prompt,
        "--kind",
        ("scenario", "question", "any"),
        default="any",
        help=_("scenarios, supervision questions, or either (default)"),
    )
    prompt.add_argument(
        "--answer", action="store_true", help=_("show the model answer and articles straight away")
    )
    prompt.add_argument(
        "--record",
        type=Path,
        metavar=_("PATH"),
        help=_("append the discussion notes to this Markdown supervision record"),
    )
    prompt.add_argument(
        "--notes",
        metavar=_("TEXT"),
        help=_("the discussion notes (otherwise typed in, or read from standard input)"),
    )
    prompt.add_argument(
        "--supervisee", metavar=_("NAME"), help=_("who the session was with, for the record")
    )
    add_choice(
        prompt,
        "--audience",
        AUDIENCES,
        help=_("only questions for this setting: one-to-one, team, foster-carer or residential"),
    )
    prompt.add_argument(
        "--actions", metavar=_("TEXT"), help=_("the agreed actions, for the record")
    )
    prompt.add_argument(
        "--follow-up", metavar=_("DATE"), help=_("when to follow up, for the record")
    )
    prompt.set_defaults(handler=run_prompt)

    take = commands.add_parser(
        "take",
        parents=[common],
        help=_("take a quiz in the terminal"),
        description=_(
            "Take a quiz in the terminal; the answers are saved in the same format as the course's download."
        ),
    )
    take.add_argument("quiz", metavar=_("QUIZ"), help=_("the quiz id (see the list command)"))
    take.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar=_("PATH"),
        help=_("where to save the answers (JSON)"),
    )
    take.add_argument(
        "--learner", metavar=_("NAME"), help=_("the learner's name or id, saved in the file")
    )
    take.set_defaults(handler=run_take)
    return parser


def _answer_file_options(
    parser: argparse.ArgumentParser, formats: Sequence[str], format_help: str, output_help: str
) -> None:
    """The input files and output options ``grade`` and ``report`` share."""
    parser.add_argument(
        "files", nargs="+", type=Path, metavar=_("FILE"), help=_("answer files (.json or .csv)")
    )
    add_choice(parser, "--format", tuple(formats), help=format_help)
    parser.add_argument("-o", "--output", type=Path, metavar=_("PATH"), help=output_help)
    parser.add_argument(
        "--rejected",
        type=Path,
        metavar=_("PATH"),
        help=_("write every rejected answer, with its reason, to this CSV file"),
    )


def _privacy_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pseudonymise", action="store_true", help=_("replace learner names with stable codes")
    )
    parser.add_argument(
        "--salt",
        default=None,
        metavar=_("TEXT"),
        help=_(
            "with --pseudonymise: a secret that makes the codes unguessable (default: $RIGHTWAY_SALT; one of them is needed)"
        ),
    )


# -- shared -----------------------------------------------------------------------------


def _course(args: argparse.Namespace) -> Course:
    return load_course(find_course_dir(args.course_dir))


def _output_format(args: argparse.Namespace, default: str) -> str:
    if args.format:
        return str(args.format)
    if args.output is not None:
        found = SUFFIX_FORMATS.get(args.output.suffix.lower(), default)
        return "table" if found == "text" and default == "table" else found
    return default


def _check_outputs(args: argparse.Namespace, formats: Sequence[str]) -> None:
    """Every check on ``-o`` and ``--rejected`` made before any grading starts."""
    check_output(args.output, args.files)
    check_output(args.rejected, args.files)
    if (
        args.output is not None
        and args.rejected is not None
        and args.output.resolve() == args.rejected.resolve()
    ):
        raise UsageError(_("-o and --rejected name the same file; give them different names"))
    if args.format is None and args.output is not None:
        found = SUFFIX_FORMATS.get(args.output.suffix.lower())
        if found is not None and found != "text" and found not in formats:
            raise UsageError(
                _("{path}: this command cannot write {suffix} (formats: {formats})").format(
                    path=display_path(args.output),
                    suffix=args.output.suffix,
                    formats=", ".join(formats),
                )
            )


def _write(chunks: Iterable[str], output: Path | None, *, csv: bool = False) -> None:
    """Write to the screen or to ``output`` (checked by :func:`_check_outputs`), piece by piece."""
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        return
    with replacing(output, csv=csv) as handle:
        handle.writelines(chunks)
    _err(_("Written: {path}").format(path=display_path(output)))


class _RejectionLog:
    """Shows the first few rejections on standard error and writes all of them if asked.

    The ``--rejected`` file is written aside and put in place by :meth:`commit`,
    so a run that stops half way leaves last time's list as it was.
    """

    def __init__(self, path: Path | None, namer: Namer, bar: ProgressBar) -> None:
        self.shown = 0
        self.total = 0
        self.path = path
        self.namer = namer
        self.bar = bar
        self._file: contextlib.ExitStack | None = None
        if path is not None:
            import csv

            self._file = contextlib.ExitStack()
            handle = self._file.enter_context(replacing(path, csv=True))
            self._writer = csv.writer(handle)
            self._writer.writerow(["source", "unit", "number", "reason"])

    def __call__(self, rejection: Rejection) -> None:
        from ._output import safe_cell

        self.total += 1
        if self.shown < SHOWN_REJECTIONS:
            self.bar.close()  # a rejection line never starts on top of the bar
            _err(self.namer.rejection(rejection))
            self.shown += 1
        if self._file is not None:
            self._writer.writerow(
                [
                    safe_cell(self.namer.source(rejection.source)),
                    rejection.unit,
                    rejection.number or "",
                    safe_cell(self.namer.reason(rejection)),
                ]
            )

    def close(self, *, complete: bool) -> None:
        """Say how many more were rejected; put the file in place only if ``complete``."""
        if self.total > self.shown:
            hint = (
                _("all are in {path}").format(path=display_path(self.path))
                if self.path
                else _("use --rejected PATH to list them all")
            )
            _err(
                _("… and {count} more rejected ({hint})").format(
                    count=f"{self.total - self.shown:,}", hint=hint
                )
            )
        if self._file is not None:
            if complete:
                self._file.close()
            else:
                self._file.__exit__(KeyboardInterrupt, KeyboardInterrupt(), None)


def _namer(args: argparse.Namespace) -> Namer:
    """Names or codes; ``--pseudonymise`` needs a salt and ``--salt`` needs ``--pseudonymise``."""
    pseudonymise = bool(getattr(args, "pseudonymise", False))
    if args.salt is not None and not pseudonymise:
        raise UsageError(_("--salt is only used with --pseudonymise"))
    salt = args.salt if args.salt is not None else os.environ.get("RIGHTWAY_SALT", "")
    if pseudonymise and not salt:
        raise UsageError(
            _(
                "--pseudonymise needs a secret salt (--salt TEXT or RIGHTWAY_SALT), or anyone with a list of names could work out the codes"
            )
        )
    return Namer(pseudonymise, salt)


def _grade(args: argparse.Namespace, course: Course, namer: Namer) -> Grader:
    bar = ProgressBar(_("Grading"), sys.stderr)
    log = _RejectionLog(args.rejected, namer, bar)
    grader = Grader(course, on_reject=log, progress=bar)
    complete = False
    try:
        for path in args.files:
            grader.add_path(path)
        complete = True
    finally:
        bar.close()
        log.close(complete=complete)
    _summary(grader.gradebook, namer)
    return grader


def _summary(book: Gradebook, namer: Namer) -> None:
    """What went wrong with whole files, warnings, and the counts, on standard error."""
    for error in book.file_errors:
        where = namer.source(display_path(error.path))
        _err(f"{where}: {error.message}" if namer.pseudonymise else str(error))
    for warning in book.warnings:
        _err(
            warning
            if not namer.pseudonymise
            else _("(a warning about a file; file names are hidden)")
        )
    if book.unnamed_files:
        _err(
            _(
                "Answer files that name no learner: {count}; each is graded as a learner of its own (add the learner's name when downloading)"
            ).format(count=book.unnamed_files)
        )
    if book.older_versions:
        _err(
            _("Answer files made against an older version of a quiz, not marked: {count}").format(
                count=len(book.older_versions)
            )
        )
    _err(counts_line(book))


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
    namer = _namer(args)
    _check_outputs(args, FORMATS)
    course = _course(args)
    output_format = _output_format(args, "table")
    grader = _grade(args, course, namer)
    book = grader.gradebook
    texts = course.translations(args.lang)
    chunks = render(book, texts, namer, output_format)
    _write(chunks, args.output, csv=output_format == "csv")
    return 0 if book.ok and book.attempts else 1


def run_report(args: argparse.Namespace) -> int:
    """``report``: the cohort report (it holds no names, so file names are hidden too)."""
    _check_outputs(args, REPORT_FORMATS)
    course = _course(args)
    output_format = _output_format(args, "text")
    book = _grade(args, course, Namer()).gradebook
    report = build_report(book, course.translations(args.lang))
    _write([render_report(report, output_format)], args.output, csv=output_format == "csv")
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
        append_record(args.record, record_entry(chosen, record, date.today()))
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
        document = take_quiz(quiz, texts, _reader, _say, learner=args.learner)
    except Stopped:
        print(file=sys.stdout)
        _err(_("Stopped: no answers were saved."))
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
    for line in missed_lines(record["quizzes"][0]["missed"]):
        print(line)
    _err(_("Answers saved to {path}").format(path=display_path(saved)))
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
        _err(
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
    set_language(language)
    use_run_language()
    parser = build_parser()
    try:
        args = parser.parse_args(arguments)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 2
    args.lang = language
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except (SourceError, InputError) as error:
        _err(f"{PROG}: {error}")
        return 1
    except UsageError as error:
        _err(f"{PROG}: {_('error')}: {error}")
        return 2
    except OSError as error:
        where = f"{display_path(error.filename)}: " if error.filename else ""
        _err(f"{PROG}: {where}{error.strerror or error}")
        return 1
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130


def entrypoint() -> None:
    """The console script."""
    raise SystemExit(main())
