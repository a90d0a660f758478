"""``python -m tools.pdf <html dir> <pdf dir> [--language cy ...]``: build the printable pack."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .inputs import current_hash, record, up_to_date

REPOSITORY = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.pdf", description=__doc__)
    parser.add_argument("html_dir", type=Path, help="the built HTML (_build/html)")
    parser.add_argument("pdf_dir", type=Path, help="where to write <language>/*.pdf")
    parser.add_argument("--language", action="append", choices=["cy", "en"])
    parser.add_argument("--course-dir", type=Path, default=REPOSITORY)
    args = parser.parse_args(argv)
    languages: dict[str, str] = {}  # language -> the hash of what its pack is made from
    for language in args.language or ["cy", "en"]:
        out = args.pdf_dir / language
        current = current_hash(args.html_dir, language, args.course_dir)
        if up_to_date(out, current):
            print(f"{out}: unchanged (nothing it is made from changed)", file=sys.stderr)
        else:
            languages[language] = current
    if languages:
        build(args.html_dir, args.pdf_dir, languages, args.course_dir)
    return 0


def build(html_dir: Path, pdf_dir: Path, languages: dict[str, str], course_dir: Path) -> None:
    """Each language's pack, compiling only the documents whose data changed."""
    # Imported here: a run that finds every pack up to date needs none of it.
    from rightway_quiz.course.course import load_course

    from .documents import PackBuilder
    from .render import Renderer

    course = load_course(course_dir)
    renderer = Renderer()
    for language in languages:
        out = pdf_dir / language
        documents = PackBuilder(course, html_dir, language).documents()
        compiled = renderer.render_all(documents, out)
        # A document no longer built (a module removed) must not linger.
        for stale in sorted(set(out.glob("*.pdf")) - {out / f"{s}.pdf" for s in documents}):
            stale.unlink()
        record(out, languages[language])
        print(f"{out}: {len(documents)} PDFs ({compiled} compiled)", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
