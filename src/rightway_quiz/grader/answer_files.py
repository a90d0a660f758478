"""The browser's answer JSON (and ``take``'s): read, checked, one line naming the file if not.

Apart from :mod:`.answers` because it needs pydantic, which grading a CSV does without.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .answers import (
    ANSWERS_FORMAT,
    ANSWERS_FORMAT_VERSION,
    MAX_ANSWERS_PER_FILE,
    MAX_JSON_BYTES,
    InputError,
    read_head,
)
from .messages import _


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
