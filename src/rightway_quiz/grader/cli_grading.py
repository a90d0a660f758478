"""Grading for ``grade`` and ``report``: checks made first, rejections shown and listed, counts."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..course.course import Course
from ..course.facts import CourseFacts
from ._files import UsageError, check_output, replacing
from ._output import terminal_text
from ._progress import ProgressBar
from .answers import display_path
from .gradebook import Gradebook, Rejection
from .grading import Grader
from .messages import _, run_translator
from .results import Namer, counts_line

SHOWN_REJECTIONS = 20
#: Results for fewer learners are written too soon to need a progress bar.
MIN_LEARNERS = 1_000
SUFFIX_FORMATS = {
    ".csv": "csv",
    ".json": "json",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
}


def err(text: str) -> None:
    """One line on standard error, control characters escaped (names can hold them)."""
    print(terminal_text(text), file=sys.stderr)


def choose_format(args: argparse.Namespace, default: str) -> str:
    if args.format:
        return str(args.format)
    if args.output is not None:
        found = SUFFIX_FORMATS.get(args.output.suffix.lower(), default)
        return "table" if found == "text" and default == "table" else found
    return default


def check_outputs(args: argparse.Namespace, formats: Sequence[str]) -> None:
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


def write_output(
    chunks: Iterable[str], output: Path | None, *, csv: bool = False, bar: ProgressBar | None = None
) -> None:
    """Write to the screen or to ``output`` (checked by :func:`_check_outputs`), piece by
    piece; ``bar`` (drawn while the pieces are made) is cleared before anything is said."""
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        return
    try:
        with replacing(output, csv=csv) as handle:
            handle.writelines(chunks)
    finally:
        if bar is not None:
            bar.close()
    err(_("Written: {path}").format(path=display_path(output)))


def writing_bar(output: Path | None) -> ProgressBar | None:
    """A bar counting learners while results are written to a file (an HTML page for a
    large cohort takes a while); none when they go to the screen, where it would get
    in their way."""
    if output is None:
        return None
    learners = _("{done}/{total} learners")

    def amount(done: int, total: int) -> str:
        return learners.format(done=f"{done:,}", total=f"{total:,}")

    return ProgressBar(_("Writing"), sys.stderr, amount=amount, minimum=MIN_LEARNERS)


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
            err(self.namer.rejection(rejection))
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
            err(
                _("… and {count} more rejected ({hint})").format(
                    count=f"{self.total - self.shown:,}", hint=hint
                )
            )
        if self._file is not None:
            if complete:
                self._file.close()
            else:
                self._file.__exit__(KeyboardInterrupt, KeyboardInterrupt(), None)


def namer_for(args: argparse.Namespace) -> Namer:
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


def grade_all(args: argparse.Namespace, course: Course | CourseFacts, namer: Namer) -> Grader:
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
        err(f"{where}: {error.message}" if namer.pseudonymise else str(error))
    for warning in book.warnings:
        err(
            warning
            if not namer.pseudonymise
            else _("(a warning about a file; file names are hidden)")
        )
    if book.unnamed_files:
        err(
            _(
                "Answer files that name no learner: {count}; each is graded as a learner of its own (add the learner's name when downloading)"
            ).format(count=book.unnamed_files)
        )
    if book.older_versions:
        err(
            _("Answer files made against an older version of a quiz, not marked: {count}").format(
                count=len(book.older_versions)
            )
        )
    err(counts_line(book, run_translator()))
