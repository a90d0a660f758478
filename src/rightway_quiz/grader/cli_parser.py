"""The ``rightway-quiz`` command line, built in the run's language."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from .cli_words import add_choice
from .messages import LANGUAGES, _
from .prompts import AUDIENCES
from .report import REPORT_FORMATS
from .results import FORMATS
from .verify import add_verify_command
from .version import VersionAction

PROG = "rightway-quiz"


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
            "the course folder with quizzes/ and scenarios/ (default: $RIGHTWAY_COURSE_DIR, else this folder if it has quizzes/, else the tool's own course)"
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
        action=VersionAction,
        help=_("show the tool's version and the course's, and exit"),
    )
    commands = parser.add_subparsers(
        dest="command", metavar=_("COMMAND"), parser_class=_Parser, title=_("commands")
    )
    commands.required = True

    _list_command(commands, common)
    _grade_command(commands, common)
    _report_command(commands, common)
    _prompt_command(commands, common)
    _take_command(commands, common)
    add_verify_command(commands, common)
    return parser


Commands = Any  # argparse's _SubParsersAction, private to argparse


def _list_command(commands: Commands, common: _Parser) -> None:
    listing = commands.add_parser(
        "list",
        parents=[common],
        help=_("list quizzes, scenarios and prompts by principle"),
        description=_("List quizzes, scenarios and supervision prompts by principle."),
    )
    listing.add_argument("--principle", metavar=_("PRINCIPLE"), help=_("only this principle"))


def _grade_command(commands: Commands, common: _Parser) -> None:
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


def _report_command(commands: Commands, common: _Parser) -> None:
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


def _prompt_command(commands: Commands, common: _Parser) -> None:
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
    _record_options(prompt)


def _record_options(prompt: argparse.ArgumentParser) -> None:
    """The options that write a supervision record."""
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


def _take_command(commands: Commands, common: _Parser) -> None:
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


def _answer_file_options(
    parser: argparse.ArgumentParser, formats: Sequence[str], format_help: str, output_help: str
) -> None:
    """The input files and output options ``grade`` and ``report`` share."""
    parser.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar=_("FILE"),
        help=_("answer files (.json or .csv), or folders of them"),
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
