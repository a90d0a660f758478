"""The error a course source raises: apart from the loader, so catching it imports neither
pydantic nor PyYAML."""

from __future__ import annotations

from pathlib import Path


class SourceError(Exception):
    """A course source file is malformed; says where and why."""

    def __init__(self, path: Path, line: int | None, field_name: str | None, message: str):
        self.path = path
        self.line = line
        self.field_name = field_name
        self.message = message
        where = f"{path}:{line}" if line else str(path)
        what = f"{field_name}: {message}" if field_name else message
        super().__init__(f"{where}: {what}")
