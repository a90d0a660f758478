"""A hash of the course's structured sources and of the code that reads them.

Apart from the loader (it imports neither pydantic nor PyYAML), so a build can tell
that the course it loaded last time still holds without importing the models: an
incremental Sphinx build that keeps its course then never imports them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

#: The course outline (``loader.load_outline`` reads it).
OUTLINE_FILE = "course.yaml"
QUIZ_DIR = "quizzes"
SCENARIO_DIR = "scenarios"


def source_fingerprint(
    root: Path, quiz_dir: str | Path = QUIZ_DIR, scenario_dir: str | Path = SCENARIO_DIR
) -> str:
    """A hash of everything ``course.load_course`` reads, and of the code that reads it.

    Reading and checking the sources takes about half a second; a build whose sources
    and loader are unchanged can keep the course it loaded last time.
    """
    digest = hashlib.sha256()
    files = [root / OUTLINE_FILE, *sorted(Path(__file__).parent.glob("*.py"))]
    for folder in (root / quiz_dir, root / scenario_dir):
        if folder.is_dir():
            files += sorted(path for path in folder.rglob("*") if path.is_file())
    for path in files:
        if path.is_file():
            digest.update(f"{path}\0{path.stat().st_size}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
