"""Typst, from the ``typst`` wheel: the compiler and its fonts ship inside it.

No TeX, nothing fetched at build time (the templates use no ``@preview``
packages), system fonts ignored so every machine sets the same glyphs:
Libertinus Serif, embedded in the wheel, has every Welsh letter (â ê î ô û ŵ ŷ
and capitals). A fixed creation date makes a rebuild byte-for-byte identical.
"""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path
from typing import Any

import typst

TEMPLATES = Path(__file__).parent / "templates"
MAIN = TEMPLATES / "main.typ"
# SOURCE_DATE_EPOCH wins (reproducible-builds.org); otherwise a fixed date, so
# the same sources always give the same bytes.
FIXED_TIMESTAMP = 1767225600  # 2026-01-01T00:00:00Z


def creation_timestamp() -> datetime.datetime:
    seconds = int(os.environ.get("SOURCE_DATE_EPOCH", FIXED_TIMESTAMP))
    return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)


class Renderer:
    """One Typst compiler for every document of a run (fonts are loaded once)."""

    def __init__(self) -> None:
        self.compiler = typst.Compiler(MAIN, root=TEMPLATES, ignore_system_fonts=True)
        self.timestamp = creation_timestamp()

    def render(self, document: dict[str, Any], output: Path) -> None:
        """Compile ``document`` into a tagged PDF/UA-1 file."""
        data = json.dumps(document, ensure_ascii=False, sort_keys=True)
        pdf = self.compiler.compile(
            format="pdf",
            sys_inputs={"data": data},
            pdf_standards="ua-1",
            timestamp=self.timestamp,
        )
        assert isinstance(pdf, bytes)
        output.parent.mkdir(parents=True, exist_ok=True)
        if not output.exists() or output.read_bytes() != pdf:
            output.write_bytes(pdf)
