"""Trainers' answer CSV files, read row by row so that every row is accounted for.

The header row is checked up front (:class:`InputError` if the file is not an
answers CSV). After it, every record comes out as a list of strings or as a
:class:`BrokenRow` saying what is wrong with it: a quote that is never closed,
bytes that are not in the file's encoding, a field too large. A fault in one
row never hides the rows after it.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import re
from collections.abc import Iterable, Iterator
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


BLOCK_CHARACTERS = 1 << 20


def _blocks(handle: io.TextIOWrapper) -> Iterator[str]:
    """The text in blocks of whole lines, line ends as they are.

    Split into lines by :func:`_lines` (or :func:`_lines_keeping_cr`): done on whole
    blocks, because reading line by line costs more than the csv module's whole read.
    """
    while block := handle.read(BLOCK_CHARACTERS):
        if block.endswith("\r"):
            block += handle.read(1)  # a CRLF split between blocks
        if not block.endswith(("\n", "\r")):
            block += handle.readline()
        yield block


def _lines(block: str) -> list[str]:
    """The lines of a block of whole lines, without their ends.

    CRLF ends a line as LF does (Excel on Windows), and so does CR in a file
    with no LF at all (Excel's "CSV (Macintosh)"); a CR inside a cell elsewhere stays.
    """
    if "\r" in block:
        body = block[:-2] if block.endswith("\r\n") else block
        lines = body.split("\r\n")
        ends = len(lines) - 1
        if body.count("\r") == ends and body.count("\n") == ends:  # CRLF only: no copy made
            return lines
        block = block.replace("\r\n", "\n")
        if "\n" not in block:
            block = block.replace("\r", "\n")
    return (block[:-1] if block.endswith("\n") else block).split("\n")


def _lines_keeping_cr(block: str) -> list[str]:
    """:func:`_lines` for rows whose last field is never read: split at LF alone, a CRLF's
    CR left at the end of its line, in that unread field (or in the trailing empty field
    a row may have, or a blank row's only one). Every read field is as :func:`_lines`
    gives it, at half the cost: no search for a two-character line end, no count of
    CRs and LFs to check that every line ends alike."""
    if "\n" not in block:
        return _lines(block)  # no LF at all: CR ends lines
    return (block[:-1] if block.endswith("\n") else block).split("\n")


def _one_record(text: str, delimiter: str) -> list[str] | None:
    """``text`` read as exactly one CSV record, or ``None``; raises ``csv.Error``."""
    found = list(csv.reader([text], delimiter=delimiter, strict=True))
    return found[0] if len(found) == 1 else None


def _quoted_record(lines: list[str], delimiter: str) -> tuple[list[str], int]:
    """The record starting at ``lines[0]``, which holds a quote, and how many lines it takes.

    A quoted cell may hold line breaks, so the record runs on over the next lines
    while a quote is open, but never over more than :data:`MAX_RECORD_LINES`.
    """
    taken = 1
    record = lines[0]
    while record.count('"') % 2 and taken < min(MAX_RECORD_LINES, len(lines)):
        record += "\n" + lines[taken]
        taken += 1
    if taken > 1 and not record.count('"') % 2:
        with contextlib.suppress(csv.Error):
            found = _one_record(record, delimiter)
            if found is not None:
                return found, taken
    # The first line alone: a stray quote inside a cell, or one that is never closed.
    try:
        found = _one_record(lines[0], delimiter)
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            return BrokenRow(_("a quote opened in this row is never closed")), 1
        return BrokenRow(_("cannot be read as CSV ({reason})").format(reason=error)), 1
    if found is None:
        return BrokenRow(_("a quote opened in this row is never closed")), 1
    return found, 1


def _careful(
    lines: list[str], blocks: Iterator[str], delimiter: str, bad: str | None
) -> Iterator[list[str]]:
    """Records of a block with quotes or bad bytes, line by line (``bad``: the reason for bad bytes)."""
    at = 0
    while at < len(lines):
        line = lines[at]
        if bad is not None and BAD_BYTE.search(line):
            yield BrokenRow(bad)
            at += 1
        elif '"' in line:
            if len(lines) - at < MAX_RECORD_LINES:  # a quoted cell may run on into the next block
                following = next(blocks, None)
                if following is not None:
                    lines = lines[at:] + _lines(following)
                    at = 0
            record, taken = _quoted_record(lines[at : at + MAX_RECORD_LINES], delimiter)
            yield record
            at += taken
        else:
            yield line.split(delimiter)
            at += 1


def records(
    handle: io.TextIOWrapper, delimiter: str, decoding: Decoding, *, last_field_read: bool = True
) -> Iterator[Iterable[list[str]]]:
    """Every record after the header, in batches: fields, or a :class:`BrokenRow`.

    A block of lines with no quote and no bad byte is split on the delimiter
    directly (what ``csv`` gives, and faster), each line only when the grader asks
    for it: a row's list and strings are freed before the next is made, so the
    memory they take is reused while still in the processor's cache, instead of a
    whole block's rows (several megabytes) being made first and read again. Any
    other block is read line by line, quoted cells through ``csv``, into a list.
    """
    bad = None
    if decoding.bad_bytes and decoding.encoding != "utf-16":
        bad = _("holds bytes that are not valid {encoding}: saved in another encoding?").format(
            encoding=decoding.label
        )
    blocks = _blocks(handle)
    split_lines = _lines if last_field_read else _lines_keeping_cr
    for text in blocks:
        if '"' in text or (bad is not None and BAD_BYTE.search(text)):
            yield list(_careful(_lines(text), blocks, delimiter, bad))
        else:
            yield map(str.split, split_lines(text), itertools.repeat(delimiter))


@dataclass
class CsvAnswers:
    """An open answers CSV: its columns and records after the header row.

    Use as a context manager; iterate ``batches`` (each an iterable of records, to be
    read before the next batch) or ``rows``. ``bytes_read()`` tells a
    progress bar how far it has got.
    """

    path: Path
    columns: dict[str, int]
    width: int
    batches: Iterator[Iterable[list[str]]]
    decoding: Decoding
    size: int
    _handle: io.TextIOWrapper
    _raw: BinaryIO

    @property
    def rows(self) -> Iterator[list[str]]:
        """Every record, one by one."""
        return itertools.chain.from_iterable(self.batches)

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


def _header(path: Path, handle: io.TextIOWrapper) -> tuple[list[str], str]:
    first_line = handle.readline().rstrip("\r\n")
    delimiter = max(_DELIMITERS, key=first_line.count)
    if BAD_BYTE.search(first_line):
        raise InputError(path, _("the header row holds bytes that are not text"), 1)
    header = first_line.split(delimiter)
    if '"' in first_line:
        header, _taken = _quoted_record([first_line], delimiter)
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
    # Line ends are read as they are and turned into LF by :func:`_blocks`.
    handle = io.TextIOWrapper(raw, encoding=decoding.encoding, errors=errors, newline="")
    try:
        header, delimiter = _header(path, handle)
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
        batches=records(
            handle, delimiter, decoding, last_field_read=len(header) - 1 in columns.values()
        ),
        decoding=decoding,
        size=path.stat().st_size,
        _handle=handle,
        _raw=raw,
    )
