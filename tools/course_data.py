"""The course data an installed ``rightway-quiz`` carries: ``rightway_quiz/course_data/``.

``setup.py``'s build hook calls :func:`write_course_data` for every wheel, so the
data always comes from the sources of the same checkout (nothing is committed
twice). It copies what ``load_course`` reads (``course.yaml``, ``quizzes/*.yaml``,
``scenarios/*.yaml``) and, per language, one compact catalog: the translated page
messages the tool can look up for those texts (whole, whitespace-folded, or
paragraph by paragraph, as ``ContentTranslations`` does). The pages' other
messages stay out: under half the page catalogs' size (460 KB of 1,056 KB on 2026-12-02).

Needs only PyYAML and polib (the build requirements), never pydantic or Sphinx.
Run as ``python -m tools.course_data TARGET`` to look at what a wheel would carry.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import polib
import yaml

_SRC = Path(__file__).resolve().parents[1] / "src"
if str(_SRC) not in sys.path:  # setup.py runs before the package is installed
    sys.path.insert(0, str(_SRC))

from rightway_quiz.course.paragraphs import lookup_keys  # noqa: E402

OUTLINE_FILE = "course.yaml"
SOURCE_FOLDERS = ("quizzes", "scenarios")
LOCALE_DIR = Path("locale")
#: The one catalog per language in the packaged data.
CATALOG_NAME = "course.po"


class MissingSources(Exception):
    """The checkout (or sdist) lacks the course sources a wheel must carry."""


def strings(data: object) -> Iterator[str]:
    """Every string value in parsed YAML, however deep."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from strings(item)


def source_files(root: Path) -> list[Path]:
    """The course's YAML sources, relative to ``root``, that the tool reads."""
    files = [Path(OUTLINE_FILE)] if (root / OUTLINE_FILE).is_file() else []
    for folder in SOURCE_FOLDERS:
        files += sorted(path.relative_to(root) for path in (root / folder).glob("*.yaml"))
    return files


def wanted_messages(root: Path, files: list[Path]) -> set[str]:
    """Every message id the tool may look up for the texts of ``files``."""
    wanted: set[str] = set()
    for relative in files:
        data = yaml.safe_load((root / relative).read_text(encoding="utf-8-sig"))
        for text in strings(data):
            wanted |= lookup_keys(text)
    return wanted


def compact_catalog(folder: Path, wanted: set[str], language: str) -> polib.POFile:
    """The translated, non-fuzzy messages of ``folder/**/*.po`` whose ids are in ``wanted``.

    Catalogs are read in the order ``ContentTranslations`` reads them, keeping the
    first translation of a message, so the tool finds the same text either way.
    """
    compact = polib.POFile(wrapwidth=0)
    compact.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Language": language,
    }
    seen: set[str] = set()
    for po_path in sorted(folder.rglob("*.po")):
        for entry in polib.pofile(str(po_path)).translated_entries():
            if entry.msgid in wanted and entry.msgid not in seen:
                seen.add(entry.msgid)
                compact.append(polib.POEntry(msgid=entry.msgid, msgstr=entry.msgstr))
    return compact


def write_course_data(root: Path, target: Path) -> list[Path]:
    """Write the packaged course for the sources under ``root`` into ``target``; list its files."""
    if not (root / "quizzes").is_dir():
        raise MissingSources(
            f"{root}: has no quizzes/; a wheel must be built from the course checkout"
            " or from its sdist"
        )
    if target.exists():
        shutil.rmtree(target)
    files = source_files(root)
    written: list[Path] = []
    for relative in files:
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / relative, destination)
        written.append(destination)
    wanted = wanted_messages(root, files)
    for folder in sorted((root / LOCALE_DIR).glob("*/LC_MESSAGES")):
        language = folder.parent.name
        destination = target / LOCALE_DIR / language / "LC_MESSAGES" / CATALOG_NAME
        destination.parent.mkdir(parents=True, exist_ok=True)
        compact_catalog(folder, wanted, language).save(str(destination))
        written.append(destination)
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m tools.course_data TARGET [--root ROOT]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("target", type=Path)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args(argv)
    for path in write_course_data(args.root, args.target):
        print(f"{path.stat().st_size:>9,}  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
