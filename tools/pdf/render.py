"""Typst, from the ``typst`` wheel: the compiler and its fonts ship inside it.

No TeX, nothing fetched at build time (the templates use no ``@preview``
packages), system fonts ignored so every machine sets the same glyphs:
Libertinus Serif, embedded in the wheel, has every Welsh letter (â ê î ô û ŵ ŷ
and capitals). A fixed creation date makes a rebuild byte-for-byte identical.
"""

from __future__ import annotations

import datetime
import hashlib
import importlib.metadata
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


#: Beside each language's PDFs: the inputs' hash each PDF was last compiled from.
INPUTS_FILE = ".rightway-pdf-inputs.json"


def templates_hash() -> str:
    """The Typst templates, the compiler's version and the creation date, hashed once."""
    version = importlib.metadata.version("typst")
    digest = hashlib.sha256(f"{version} {creation_timestamp().isoformat()}".encode())
    for path in sorted(TEMPLATES.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(TEMPLATES).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class Renderer:
    """One Typst compiler for every document of a run (fonts are loaded once).

    A PDF whose inputs (its data, the templates, the compiler) are unchanged since it
    was last compiled is not compiled again: after a one-page edit, `make` compiles
    only the documents that page feeds, not all 48.
    """

    def __init__(self) -> None:
        self.compiler = typst.Compiler(MAIN, root=TEMPLATES, ignore_system_fonts=True)
        self.timestamp = creation_timestamp()
        self.templates = templates_hash()

    def render_all(self, documents: dict[str, dict[str, Any]], out: Path) -> int:
        """Every document into ``out/<stem>.pdf``; returns how many were compiled."""
        record = out / INPUTS_FILE
        try:
            previous = json.loads(record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = {}
        current: dict[str, str] = {}
        compiled = 0
        for stem, document in documents.items():
            data = json.dumps(document, ensure_ascii=False, sort_keys=True)
            current[stem] = hashlib.sha256((self.templates + data).encode()).hexdigest()
            output = out / f"{stem}.pdf"
            if previous.get(stem) != current[stem] or not output.exists():
                self.render(data, output)
                compiled += 1
        out.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return compiled

    def render(self, data: str, output: Path) -> None:
        """Compile a document's JSON ``data`` into a tagged PDF/UA-1 file."""
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
