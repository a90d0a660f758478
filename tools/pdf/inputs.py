"""What one language's printable pack is made from, hashed: so ``make`` can skip it.

After a one-page edit ``make`` runs the pack tool again for both languages, because
their HTML changed. Loading the course and parsing the module pages takes about a
second even when no PDF needs compiling. The pack reads only the module pages, the
workshops page, the module sources, the course's YAML, the catalogs and its own code:
when none of those changed since the pack was last written, the tool stops there.
Nothing here imports the course model, so the check itself costs a few milliseconds.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from pathlib import Path

import yaml

REPOSITORY = Path(__file__).resolve().parents[2]
TOOL = Path(__file__).resolve().parent
STAMP = ".rightway-pdf-sources"


def pack_inputs(html_dir: Path, language: str, course_dir: Path = REPOSITORY) -> list[Path]:
    """Every file the pack for ``language`` is made from (some may not exist yet)."""
    outline = yaml.safe_load((course_dir / "course.yaml").read_text(encoding="utf-8"))
    pages = [str(module["page"]) for module in outline.get("modules", [])]
    files = [html_dir / language / f"{page}.html" for page in pages]
    files += [html_dir / language / "guides" / "workshops.html", course_dir / "course.yaml"]
    files += [course_dir / "course" / f"{page}.md" for page in pages]
    folders = [
        course_dir / "quizzes",
        course_dir / "scenarios",
        course_dir / "locale" / language,
        course_dir / "src" / "rightway_quiz" / "locale" / language,
        course_dir / "src" / "rightway_quiz" / "course",
        TOOL,
    ]
    for folder in folders:
        if folder.is_dir():
            files += sorted(
                p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
            )
    return files


def inputs_hash(files: list[Path]) -> str:
    digest = hashlib.sha256(importlib.metadata.version("typst").encode())
    for path in files:
        digest.update(f"\0{path}\0".encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def current_hash(html_dir: Path, language: str, course_dir: Path = REPOSITORY) -> str:
    """The hash of what the pack for ``language`` is made from, as it is now."""
    return inputs_hash(pack_inputs(html_dir, language, course_dir))


def up_to_date(out: Path, current: str) -> bool:
    """The pack in ``out`` was made from inputs hashing to ``current``, and is still there."""
    stamp = out / STAMP
    if not stamp.is_file() or not any(out.glob("*.pdf")):
        return False
    return stamp.read_text(encoding="utf-8").strip() == current


def record(out: Path, current: str) -> None:
    """Note the inputs' hash this pack was made from (after writing it)."""
    (out / STAMP).write_text(current + "\n", encoding="utf-8")
