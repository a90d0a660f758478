"""Learners' answer files: telling JSON from CSV, and reading the browser's answer JSON.

Readers check a file's shape up front (size, encoding, format) and raise
:class:`InputError`, one line naming the file (and row). Trainers' CSV files
are read by :mod:`.csv_answers`.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

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
    attempt_id: str | None = Field(default=None, max_length=200)
    answers: list[Any] = Field(max_length=MAX_ANSWERS_PER_FILE)
    # What a record of learning printed (``verify`` checks them; ``grade`` ignores them).
    verification_code: str | None = Field(default=None, max_length=40)
    result: Any = None


def read_answer_file(path: Path) -> AnswerFile:
    """Read and check a browser answer file; raise :class:`InputError` if it is not one."""
    read_head(path, MAX_JSON_BYTES)
    raw = path.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(path, _("is not UTF-8 text, so not an answer file")) from None
    except RecursionError:
        raise InputError(path, _("is nested too deeply to be an answer file")) from None
    except json.JSONDecodeError as error:
        raise InputError(
            path,
            _("is not valid JSON (line {line}, column {column}: {problem})").format(
                line=error.lineno, column=error.colno, problem=error.msg
            ),
        ) from None
    except ValueError as error:  # a number too long to read as one
        raise InputError(
            path, _("is not valid JSON ({problem})").format(problem=str(error)[:80])
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
