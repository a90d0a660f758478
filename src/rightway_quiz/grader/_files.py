"""Output files written whole or not at all, and checked before any work starts."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from .answers import display_path
from .messages import _


class UsageError(Exception):
    """A mistake in the command line that argparse cannot see (an unknown quiz, say): exit 2."""


def _default_mode() -> int:
    """The permissions a new file gets here (``mkstemp`` would make it private to its owner)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def replacing(path: Path, *, csv: bool = False) -> Iterator[IO[str]]:
    """A file that replaces ``path`` only when written in full: a run that fails or is
    stopped leaves last time's file as it was, and no half-written one."""
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    part = Path(name)
    try:
        # Excel reads a CSV as UTF-8 only when it starts with a byte order mark.
        encoding = "utf-8-sig" if csv else "utf-8"
        with os.fdopen(descriptor, "w", encoding=encoding, newline="") as handle:
            yield handle
        part.chmod(path.stat().st_mode & 0o777 if path.exists() else _default_mode())
        part.replace(path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def check_output(path: Path | None, inputs: Sequence[Path]) -> None:
    """Refuse an output that is an input file, a folder, or in a folder that is not there."""
    if path is None:
        return
    shown = display_path(path)
    if any(path.resolve() == p.resolve() for p in inputs):
        raise UsageError(
            _("{path}: is one of the input files; choose another output").format(path=shown)
        )
    if path.is_dir():
        raise UsageError(_("{path}: is a folder; give a file name").format(path=shown))
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(
            _("{path}: the folder {folder} does not exist").format(
                path=shown, folder=display_path(folder)
            )
        )
    if not os.access(folder, os.W_OK):
        raise UsageError(
            _("{path}: the folder {folder} cannot be written to").format(
                path=shown, folder=display_path(folder)
            )
        )
