"""Trainers' answer CSV files, read row by row so that every row is accounted for.

The header row is checked up front (:class:`InputError` if the file is not an
answers CSV). After it, every record comes out as a list of strings or as a
:class:`BrokenRow` saying what is wrong with it: a quote that is never closed,
bytes that are not in the file's encoding, a field too large. A fault in one
row never hides the rows after it.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from . import answers
from .answers import InputError
from .messages import _
from .text_encoding import BAD_BYTE, Decoding, decide_encoding

#: A quoted field may run over line breaks, but no answer needs more lines than this.
MAX_RECORD_LINES = 5

#: CSV column → the names accepted for it (after lower-casing and turning spaces into ``_``).
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "learner": ("learner", "dysgwr", "name", "enw"),
    "quiz": ("quiz", "cwis", "quiz_id"),
    "question": ("question", "cwestiwn", "question_id"),
    "answer": ("answer", "ateb", "answers", "options"),
    "quiz_version": ("quiz_version", "fersiwn_cwis", "version", "fersiwn"),
}
REQUIRED_CSV_COLUMNS = ("learner", "quiz", "question", "answer")
_DELIMITERS = (",", ";", "\t")


class BrokenRow(list[str]):
    """A record that cannot be read as CSV; ``reason`` says why. It has no fields."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


def _column_name(name: str) -> str:
    return re.sub(r"[\s-]+", "_", name.strip().lstrip("\ufeff").lower())


def _columns(header: list[str]) -> dict[str, int]:
    aliases = {alias: column for column, names in CSV_COLUMNS.items() for alias in names}
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        column = aliases.get(_column_name(name))
        if column is not None and column not in found:
            found[column] = index
    return found


class _Lines:
    """Lines of a text file, with lines read ahead put back to be read again."""

    def __init__(self, handle: io.TextIOWrapper) -> None:
        self.source = iter(handle)
        #: Lines put back, last first.
        self.back: list[str] = []

    def next(self) -> str | None:
        if self.back:
            return self.back.pop()
        return next(self.source, None)

    def put_back(self, lines: list[str]) -> None:
        self.back.extend(reversed(lines))


def _one_record(text: str, delimiter: str) -> list[str] | None:
    """``text`` read as exactly one CSV record, or ``None``; raises ``csv.Error``."""
    found = list(csv.reader([text], delimiter=delimiter, strict=True))
    return found[0] if len(found) == 1 else None


def _quoted_record(first: str, lines: _Lines, delimiter: str) -> list[str]:
    """A record holding a quote: ``csv`` reads it, over the next lines only while a quote is open
    (a line break inside a quoted cell), never more than :data:`MAX_RECORD_LINES` lines."""
    record = first
    more: list[str] = []
    while record.count('"') % 2 and len(more) < MAX_RECORD_LINES - 1:
        line = lines.next()
        if line is None:
            break
        more.append(line)
        record += line
    if more and not record.count('"') % 2:
        try:
            found = _one_record(record, delimiter)
        except csv.Error:
            found = None
        if found is not None:
            return found
    # The first line alone: a stray quote inside a cell, or one that is never closed.
    lines.put_back(more)
    try:
        found = _one_record(first, delimiter)
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            return BrokenRow(_("a quote opened in this row is never closed"))
        return BrokenRow(_("cannot be read as CSV ({reason})").format(reason=error))
    return (
        found if found is not None else BrokenRow(_("a quote opened in this row is never closed"))
    )


def _taken_back(back: list[str]) -> Iterator[str]:
    """Lines put back before reading began (by a header that ran over lines)."""
    while back:
        yield back.pop()


def records(lines: _Lines, delimiter: str, decoding: Decoding) -> Iterator[list[str]]:
    """Every record after the header: fields, or a :class:`BrokenRow`.

    A line without a quote is split on the delimiter directly (what ``csv``
    gives, about twice as fast); a line with one goes through ``csv``, and
    lines it read ahead and put back are read again here.
    """
    check_bytes = decoding.bad_bytes and decoding.encoding != "utf-16"
    not_valid = _("holds bytes that are not valid {encoding}: saved in another encoding?").format(
        encoding=decoding.label
    )
    back = lines.back
    for first in itertools.chain(_taken_back(back), lines.source):
        line: str | None = first
        while line is not None:
            if check_bytes and BAD_BYTE.search(line):
                yield BrokenRow(not_valid)
            elif '"' in line:
                yield _quoted_record(line, lines, delimiter)
            else:
                yield line.rstrip("\r\n").split(delimiter)
            line = back.pop() if back else None


@dataclass
class CsvAnswers:
    """An open answers CSV: its columns and records after the header row.

    Use as a context manager; iterate ``rows``. ``bytes_read()`` tells a
    progress bar how far it has got.
    """

    path: Path
    columns: dict[str, int]
    width: int
    rows: Iterator[list[str]]
    decoding: Decoding
    size: int
    _handle: io.TextIOWrapper
    _raw: BinaryIO

    def bytes_read(self) -> int:
        """Bytes consumed so far (read ahead in blocks, so approximate)."""
        return self._raw.tell()

    def close(self) -> None:
        """Close the file."""
        self._handle.close()

    def __enter__(self) -> CsvAnswers:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def column_names() -> str:
    """The required columns with their Welsh names: ``learner (dysgwr), quiz (cwis), …``."""
    return ", ".join(f"{column} ({CSV_COLUMNS[column][1]})" for column in REQUIRED_CSV_COLUMNS)


def _header(path: Path, lines: _Lines) -> tuple[list[str], str]:
    first_line = lines.next() or ""
    delimiter = max(_DELIMITERS, key=first_line.count)
    if BAD_BYTE.search(first_line):
        raise InputError(path, _("the header row holds bytes that are not text"), 1)
    header = _quoted_record(first_line, lines, delimiter)
    if isinstance(header, BrokenRow):
        raise InputError(path, _("is not a CSV file ({reason})").format(reason=header.reason), 1)
    return header, delimiter


def open_answer_csv(path: Path) -> CsvAnswers:
    """Open an answers CSV (UTF-8 with or without BOM, Windows-1252, UTF-16) and check its header."""
    head = answers.read_head(path, answers.MAX_CSV_BYTES)
    if head.count(b"\x00") > len(head) // 100 and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, _("is not a CSV file (it holds binary data)"))
    decoding = decide_encoding(path, head)
    if decoding.blank:
        raise InputError(path, _("is empty"))
    raw = path.open("rb")
    # UTF-16 has no surrogateescape: its bad bytes become U+FFFD (and a warning).
    errors = "replace" if decoding.encoding == "utf-16" else "surrogateescape"
    handle = io.TextIOWrapper(raw, encoding=decoding.encoding, errors=errors, newline="")
    lines = _Lines(handle)
    try:
        header, delimiter = _header(path, lines)
        columns = _columns(header)
        missing = [column for column in REQUIRED_CSV_COLUMNS if column not in columns]
        if missing:
            shown = ", ".join(name.strip()[:30] for name in header[:8]) or "—"
            raise InputError(
                path,
                _(
                    "is not an answers CSV: its first row needs the columns {needed} (it has: {found})"
                ).format(needed=column_names(), found=shown),
                1,
            )
    except BaseException:
        handle.close()
        raise
    return CsvAnswers(
        path=path,
        columns=columns,
        width=len(header),
        rows=records(lines, delimiter, decoding),
        decoding=decoding,
        size=path.stat().st_size,
        _handle=handle,
        _raw=raw,
    )
