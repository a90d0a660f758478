"""``rightway-quiz --version``: the tool's version and the course it would mark against.

A supervisor comparing two results, or IT checking an install, needs both: the
course version is the one every output carries (``course_version``), and the
folder says which course was found (``find_course_dir``: the environment
variable, this folder, the checkout, or the course inside the package).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from .._version import __version__
from ..course.course import course_version, find_course_dir, load_course
from ..course.errors import SourceError
from .answers import display_path
from .messages import _


def version_lines(prog: str) -> tuple[list[str], str | None]:
    """The lines ``--version`` prints, and the error if no course could be read."""
    lines = [f"{prog} {__version__}"]
    folder = find_course_dir()
    try:
        course = load_course(folder)
    except SourceError as error:
        return lines, str(error)
    lines.append(
        _("course version {version} ({folder})").format(
            version=course_version(course), folder=display_path(folder)
        )
    )
    return lines, None


class VersionAction(argparse.Action):
    """Prints :func:`version_lines` and exits: 0, or 1 when no course could be read."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("default", argparse.SUPPRESS)
        super().__init__(option_strings, dest=argparse.SUPPRESS, nargs=0, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> NoReturn:
        lines, error = version_lines(parser.prog)
        sys.stdout.write("\n".join(lines) + "\n")
        sys.stdout.flush()
        if error is not None:
            parser.exit(1, f"{parser.prog}: {error}\n")
        parser.exit(0)
