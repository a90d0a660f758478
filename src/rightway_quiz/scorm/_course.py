"""What the SCORM packager needs to know about one language's HTML build.

Sphinx knows the page titles (translated), the quizzes on each page and the
reading order; the packager runs later, outside Sphinx. So every HTML build
writes this summary beside its pages (``.rightway-course.json``, a dotfile the
packager never ships) and the packager reads it back. No course text is copied
into code: titles come from the built pages themselves.

This module is the summary's data, shared with the packager, which runs without
Sphinx; ``_summary`` is the Sphinx side that writes it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

COURSE_FILE = ".rightway-course.json"
FORMAT_VERSION = 3


@dataclass(frozen=True)
class QuizInfo:
    """The quiz a module's SCO reports to the LMS."""

    id: str
    version: str
    pass_mark: int


@dataclass(frozen=True)
class Module:
    """One SCO: a course page and, usually, its quiz."""

    page: str
    title: str
    quiz: QuizInfo | None


@dataclass(frozen=True)
class LanguageBuild:
    """One language's HTML build, as the packager sees it."""

    language: str
    languages: list[str]
    title: str
    pages: list[str]
    modules: list[Module]
    strings: dict[str, str]

    @classmethod
    def read(cls, folder: Path) -> LanguageBuild:
        """Read the summary an HTML build wrote into ``folder``."""
        data: dict[str, Any] = json.loads((folder / COURSE_FILE).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT_VERSION:
            raise ValueError(
                f"{folder / COURSE_FILE} is not format {FORMAT_VERSION}: rebuild the HTML"
            )
        modules = [
            Module(
                page=m["page"],
                title=m["title"],
                quiz=QuizInfo(**m["quiz"]) if m["quiz"] else None,
            )
            for m in data["modules"]
        ]
        return cls(
            language=data["language"],
            languages=list(data["languages"]),
            title=data["title"],
            pages=list(data["pages"]),
            modules=modules,
            strings=dict(data["strings"]),
        )

    def write(self, folder: Path) -> None:
        """Write the summary into ``folder`` (the HTML output folder)."""
        data = {"format": FORMAT_VERSION, **asdict(self)}
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        target = folder / COURSE_FILE
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
