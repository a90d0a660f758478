"""Learners' answer files: telling JSON from CSV, and the error a file that cannot be read raises.

Readers check a file's shape up front (size, encoding, format) and raise
:class:`InputError`, one line naming the file (and row). The browser's answer
JSON is read by :mod:`.answer_files`, trainers' CSV files by :mod:`.csv_answers`.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Literal

from .messages import _

ANSWERS_FORMAT = "rightway-answers"
ANSWERS_FORMAT_VERSION = 1
MAX_JSON_BYTES = 1_000_000
MAX_CSV_BYTES = 4_000_000_000
MAX_ANSWERS_PER_FILE = 1_000
SNIFF_BYTES = 65_536
_SPACE_AND_MARKS = b" \t\r\n" + codecs.BOM_UTF8 + codecs.BOM_UTF16_LE + codecs.BOM_UTF16_BE


class InputError(Exception):
    """An answer file cannot be read: one line naming the file, and the row if there is one."""

    def __init__(self, path: Path | str, message: str, row: int | None = None) -> None:
        self.path = Path(path)
        self.row = row
        self.message = message
        shown = display_path(path)
        where = f"{shown}: {_('row {row}').format(row=row)}" if row is not None else shown
        super().__init__(f"{where}: {message}")


InputKind = Literal["json", "csv"]


def display_path(path: Path | str) -> str:
    """A file name as printable text: bytes that are not UTF-8 (possible on Linux) shown as U+FFFD."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def read_head(path: Path, limit: int) -> bytes:
    """The first bytes of a file, after checking it exists, is a file, within ``limit`` and not empty."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError(path, _("is not a file"))
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except FileNotFoundError:
        raise InputError(path, _("no such file")) from None
    except OSError as error:
        raise InputError(
            path, _("cannot be read ({reason})").format(reason=error.strerror)
        ) from None
    if size > limit:
        raise InputError(
            path,
            _("is too large ({size} MB; the limit is {limit} MB)").format(
                size=round(size / 1_000_000, 1), limit=limit // 1_000_000
            ),
        )
    if not head.strip(_SPACE_AND_MARKS):
        raise InputError(path, _("is empty"))
    return head


def input_kind(path: Path) -> InputKind:
    """JSON or CSV: by the file's extension, else by its first character."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in {".csv", ".tsv", ".txt"}:
        return "csv"
    head = read_head(path, MAX_CSV_BYTES).lstrip(codecs.BOM_UTF8 + b" \t\r\n")
    return "json" if head[:1] == b"{" else "csv"
