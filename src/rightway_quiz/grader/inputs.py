"""Answer files named on the command line: a folder, a pattern, or a file.

Windows' Command Prompt and PowerShell pass ``answers\\*.json`` to the program as
it is typed (POSIX shells expand it first), and a trainer most often has a folder
of downloaded files. So ``grade`` and ``report`` read a folder's answer files and
expand a pattern themselves, the same on every system.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

#: The answer files a folder contributes: what the course downloads and trainers export.
ANSWER_SUFFIXES = (".json", ".csv")
_PATTERN_CHARACTERS = frozenset("*?[")


def _answer_file(path: Path, leave_out: set[Path]) -> bool:
    """A visible ``.json`` or ``.csv`` file that is not one of this run's outputs."""
    return (
        path.suffix.lower() in ANSWER_SUFFIXES
        and not path.name.startswith(".")  # hidden: lock files, half-written outputs
        and path.is_file()
        and path.resolve() not in leave_out
    )


def _matches(pattern: Path) -> Iterable[Path]:
    """What ``pattern`` (wildcards in any part; absolute, or relative to here) names."""
    if pattern.anchor:  # C:\answers\*.json, /home/x/*.json: glob from the root
        anchor = Path(pattern.anchor)
        return anchor.glob(str(pattern.relative_to(anchor)))
    return Path().glob(str(pattern))


def expand_inputs(paths: Sequence[Path], outputs: Iterable[Path | None] = ()) -> list[Path]:
    """Each folder as its answer files and each pattern as its matches, sorted; files as given.

    A folder or pattern never brings in ``outputs`` (last run's results in the same
    folder); a pattern that matches nothing, or a folder with no answer files, stays as
    given, so the reader reports it by name.
    """
    leave_out = {path.resolve() for path in outputs if path is not None}
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if _answer_file(p, leave_out))
            found += inside or [path]
        elif not path.exists() and _PATTERN_CHARACTERS & set(str(path)):
            matches = sorted(_matches(path))
            matched = [p for p in matches if _answer_file(p, leave_out)]
            found += matched or [path]
        else:
            found.append(path)
    return found
