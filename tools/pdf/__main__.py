"""``python -m tools.pdf <html dir> <pdf dir> [--language cy ...]``: build the printable pack."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rightway_quiz.course.course import load_course

from .documents import PackBuilder
from .render import Renderer

REPOSITORY = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.pdf", description=__doc__)
    parser.add_argument("html_dir", type=Path, help="the built HTML (_build/html)")
    parser.add_argument("pdf_dir", type=Path, help="where to write <language>/*.pdf")
    parser.add_argument("--language", action="append", choices=["cy", "en"])
    parser.add_argument("--course-dir", type=Path, default=REPOSITORY)
    args = parser.parse_args(argv)
    course = load_course(args.course_dir)
    renderer = Renderer()
    for language in args.language or ["cy", "en"]:
        out = args.pdf_dir / language
        documents = PackBuilder(course, args.html_dir, language).documents()
        compiled = renderer.render_all(documents, out)
        # A document no longer built (a module removed) must not linger.
        for stale in sorted(set(out.glob("*.pdf")) - {out / f"{s}.pdf" for s in documents}):
            stale.unlink()
        print(f"{out}: {len(documents)} PDFs ({compiled} compiled)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
