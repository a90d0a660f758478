"""Learners' answers as they arrive: the browser's answer JSON and trainers' CSV files.

Both readers check the whole file's shape up front (size, encoding, format,
columns) and raise :class:`InputError`, one line naming the file (and row).
The CSV reader streams: it never holds more than one row.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .messages import _

ANSWERS_FORMAT = "rightway-answers"
ANSWERS_FORMAT_VERSION = 1
MAX_JSON_BYTES = 1_000_000
MAX_CSV_BYTES = 4_000_000_000
MAX_ANSWERS_PER_FILE = 1_000
SNIFF_BYTES = 65_536

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
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class InputError(Exception):
    """An answer file cannot be read: one line naming the file, and the row if there is one."""

    def __init__(self, path: Path | str, message: str, row: int | None = None) -> None:
        self.path = Path(path)
        self.row = row
        self.message = message
        where = f"{path}: {_('row {row}').format(row=row)}" if row is not None else str(path)
        super().__init__(f"{where}: {message}")


InputKind = Literal["json", "csv"]


def _head(path: Path, limit: int) -> bytes:
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
    if not head.strip(b" \t\r\n" + codecs.BOM_UTF8):
        raise InputError(path, _("is empty"))
    return head


def input_kind(path: Path) -> InputKind:
    """JSON or CSV: by the file's extension, else by its first character."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in {".csv", ".tsv", ".txt"}:
        return "csv"
    head = _head(path, MAX_CSV_BYTES).lstrip(codecs.BOM_UTF8 + b" \t\r\n")
    return "json" if head[:1] == b"{" else "csv"


# -- the browser's answer JSON -------------------------------------------------


class AnswerFile(BaseModel):
    """One learner's answers to one quiz, as the browser (or ``take``) writes them.

    ``answers`` entries are checked one by one when graded, so one bad entry
    rejects that answer, not the file.
    """

    model_config = ConfigDict(extra="ignore", frozen=True)

    format: Literal["rightway-answers"]
    format_version: Literal[1]
    quiz_id: str = Field(min_length=1, max_length=200)
    quiz_version: str = Field(max_length=200)
    language: str = Field(default="", max_length=20)
    page: str = Field(default="", max_length=500)
    submitted_at: str = Field(default="", max_length=100)
    learner: str | None = Field(default=None, max_length=200)
    answers: list[Any] = Field(max_length=MAX_ANSWERS_PER_FILE)


def read_answer_file(path: Path) -> AnswerFile:
    """Read and check a browser answer file; raise :class:`InputError` if it is not one."""
    _head(path, MAX_JSON_BYTES)
    raw = path.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(path, _("is not UTF-8 text, so not an answer file")) from None
    except json.JSONDecodeError as error:
        raise InputError(
            path,
            _("is not valid JSON (line {line}, column {column}: {problem})").format(
                line=error.lineno, column=error.colno, problem=error.msg
            ),
        ) from None
    return parse_answer_data(data, path)


def parse_answer_data(data: Any, source: Path | str = "<answers>") -> AnswerFile:
    """Check answer data already parsed from JSON."""
    if not isinstance(data, dict) or data.get("format") != ANSWERS_FORMAT:
        raise InputError(
            source, _('is not a rightway answer file (no "format": "rightway-answers")')
        )
    if data.get("format_version") != ANSWERS_FORMAT_VERSION:
        raise InputError(
            source,
            _("uses answer format version {found}; this tool reads version {supported}").format(
                found=data.get("format_version"), supported=ANSWERS_FORMAT_VERSION
            ),
        )
    try:
        return AnswerFile.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise InputError(source, f"{field}: {first['msg']}") from None


# -- CSV -----------------------------------------------------------------------


def _encoding(path: Path, head: bytes) -> str:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    if b"\x00" in head:
        raise InputError(path, _("is not a CSV file (it holds binary data)"))
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        # Excel's "CSV (Comma delimited)" on Windows saves in Windows-1252.
        return "cp1252"
    return "utf-8"


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


@dataclass
class CsvAnswers:
    """An open answers CSV: its columns and a reader positioned after the header row.

    Use as a context manager; iterate ``rows`` for the data rows (lists of
    strings). ``bytes_read()`` tells a progress bar how far it has got.
    """

    path: Path
    columns: dict[str, int]
    rows: Iterator[list[str]]
    encoding: str
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


def _records(lines: Iterator[str], delimiter: str) -> Iterator[list[str]]:
    """CSV records: a line without a quote is split directly, the rest go through ``csv``.

    For a line with no quote character, splitting on the delimiter gives what
    ``csv.reader`` gives, about twice as fast. A line with a quote (which may
    open a field running over several lines) is read by ``csv.reader`` from the
    same line iterator, so it consumes exactly that record's lines.
    """
    for line in lines:
        if '"' in line:
            yield next(csv.reader(itertools.chain((line,), lines), delimiter=delimiter))
        else:
            yield line.rstrip("\r\n").split(delimiter)


def open_answer_csv(path: Path) -> CsvAnswers:
    """Open an answers CSV (UTF-8 with or without BOM, Windows-1252, UTF-16) and check its header."""
    head = _head(path, MAX_CSV_BYTES)
    encoding = _encoding(path, head)
    raw = path.open("rb")
    handle = io.TextIOWrapper(raw, encoding=encoding, newline="")
    try:
        first_line = handle.readline()
        handle.seek(0)
        delimiter = max(_DELIMITERS, key=first_line.count)
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            header = next(reader)
        except csv.Error as error:
            raise InputError(
                path, _("is not a CSV file ({reason})").format(reason=error), 1
            ) from None
        except UnicodeDecodeError:
            raise InputError(path, _("is not UTF-8 or Windows-1252 text"), 1) from None
        columns = _columns(header)
        missing = [column for column in REQUIRED_CSV_COLUMNS if column not in columns]
        if missing:
            shown = ", ".join(name.strip()[:30] for name in header[:8]) or "—"
            raise InputError(
                path,
                _(
                    "is not an answers CSV: its first row needs the columns {needed} (it has: {found})"
                ).format(needed=", ".join(REQUIRED_CSV_COLUMNS), found=shown),
                1,
            )
    except BaseException:
        handle.close()
        raise
    return CsvAnswers(
        path=path,
        columns=columns,
        rows=_records(handle, delimiter),
        encoding=encoding,
        size=path.stat().st_size,
        _handle=handle,
        _raw=raw,
    )
