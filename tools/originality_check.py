"""Find runs of words that the course text shares with its source documents.

The course must be written in our own words: facts carry over from the seeds,
sentences do not. A shared run of ``RUN_LENGTH`` words is taken as copying.

The repository keeps only *fingerprints* of the seeds (an 8-byte keyed hash of
every run, ``seed-fingerprints.bin``), never their text, so the check runs on a
fresh clone without the seed documents. ``python -m tools.originality --refresh``
rewrites the fingerprints from the seeds.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

RUN_LENGTH = 12
_WORD = re.compile(r"[\w’']+", re.UNICODE)
_QUOTATION_START = re.compile(r"^\s*(:{3,}|`{3,})\{quotation\}")
FINGERPRINT_SIZE = 8
FINGERPRINTS = Path(__file__).with_name("seed-fingerprints.bin")


def seeds_dir(project_root: Path) -> Path:
    """Where the seed documents are: ``$RIGHTWAY_SEEDS`` or ``../shared/seeds``."""
    configured = os.environ.get("RIGHTWAY_SEEDS")
    if configured:
        return Path(configured)
    return project_root.parent / "shared" / "seeds"


def words(text: str) -> list[str]:
    """Lower-case words with curly apostrophes folded, so punctuation cannot hide a copy."""
    return [w.replace("’", "'").lower() for w in _WORD.findall(text)]


def runs(text: str, length: int = RUN_LENGTH) -> Iterator[tuple[str, ...]]:
    """Every window of ``length`` consecutive words."""
    tokens = words(text)
    for start in range(len(tokens) - length + 1):
        yield tuple(tokens[start : start + length])


def strip_quotations(markdown: str) -> str:
    """Drop ``{quotation}`` blocks: attributed quotations may repeat a source."""
    kept: list[str] = []
    fence: str | None = None
    for line in markdown.splitlines():
        if fence is None:
            match = _QUOTATION_START.match(line)
            if match:
                fence = match.group(1)
                continue
            kept.append(line)
        elif line.strip() == fence:
            fence = None
    return "\n".join(kept)


def course_texts(project_root: Path) -> Iterable[tuple[Path, str]]:
    """The learner-facing English sources: pages, quizzes and scenarios."""
    for path in sorted((project_root / "course").rglob("*.md")):
        yield path, strip_quotations(path.read_text(encoding="utf-8"))
    for folder in ("quizzes", "scenarios"):
        for path in sorted((project_root / folder).rglob("*.yaml")):
            yield path, path.read_text(encoding="utf-8")


def fingerprint(run: tuple[str, ...]) -> bytes:
    """A run's keyed hash: equal runs match, and the text cannot be read back."""
    return hashlib.blake2b(
        " ".join(run).encode("utf-8"), digest_size=FINGERPRINT_SIZE, person=b"rightway-seeds"
    ).digest()


def seed_fingerprints(seeds: Path) -> set[bytes]:
    """The fingerprint of every run in every seed document of ``seeds``."""
    found: set[bytes] = set()
    for seed in sorted(seeds.glob("*")):
        found.update(
            fingerprint(run) for run in runs(seed.read_text(encoding="utf-8", errors="replace"))
        )
    return found


def write_fingerprints(fingerprints: set[bytes], path: Path = FINGERPRINTS) -> None:
    """Store fingerprints sorted, so the file only changes when the seeds do."""
    path.write_bytes(b"".join(sorted(fingerprints)))


def read_fingerprints(path: Path = FINGERPRINTS) -> set[bytes]:
    """The stored fingerprints."""
    data = path.read_bytes()
    return {data[i : i + FINGERPRINT_SIZE] for i in range(0, len(data), FINGERPRINT_SIZE)}


def find_copied_runs(
    project_root: Path, fingerprints: set[bytes] | None = None
) -> list[tuple[Path, str]]:
    """Each course file and the first copied run found in it, once per distinct run."""
    seed_runs = read_fingerprints() if fingerprints is None else fingerprints
    hits: list[tuple[Path, str]] = []
    for path, text in course_texts(project_root):
        reported_until = -1
        tokens = words(text)
        for start in range(len(tokens) - RUN_LENGTH + 1):
            window = tuple(tokens[start : start + RUN_LENGTH])
            if start > reported_until and fingerprint(window) in seed_runs:
                hits.append((path.relative_to(project_root), " ".join(window)))
                reported_until = start + RUN_LENGTH
    return hits
