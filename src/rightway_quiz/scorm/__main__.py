"""``python -m rightway_quiz.scorm HTML_DIR OUTPUT_DIR``: write every SCORM package.

``HTML_DIR`` holds one folder per language as ``make html`` builds them
(``_build/html/cy``, ``_build/html/en``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ._package import build_packages


def main(argv: list[str] | None = None) -> int:
    """Build the packages and print each one's size; 1 if the HTML build is missing or inconsistent."""
    parser = argparse.ArgumentParser(
        prog="python -m rightway_quiz.scorm", description="Write the course's SCORM packages."
    )
    parser.add_argument("html_dir", type=Path, help="the HTML build (one folder per language)")
    parser.add_argument("output_dir", type=Path, help="where the zips go")
    args = parser.parse_args(argv)
    try:
        written = build_packages(args.html_dir, args.output_dir)
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for built in written:
        state = "written" if built.rewritten else "unchanged"
        print(f"{built.path}  {built.path.stat().st_size / 1_000_000:.2f} MB  {state}")
    return 0


def entrypoint() -> None:
    """Console entry point."""
    raise SystemExit(main())


if __name__ == "__main__":
    entrypoint()
