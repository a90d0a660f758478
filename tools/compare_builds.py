"""Build the course's HTML and SCORM zips at two commits and say whether they are byte-for-byte the same.

    python tools/compare_builds.py BEFORE AFTER

Issue 12 asked that the move into rooms change no output except where a listed fix
does. Each commit is checked out in a temporary git worktree and built with this
checkout's virtual environment (nothing is installed: the commit's own ``src/`` and
``tools/`` come first on ``PYTHONPATH``), with the commands its Makefile ran at the
time: compile the catalogs, ``sphinx-build`` each language, the landing page, the
SCORM packager. Prints every file that differs or exists on one side only; exit 0
when there is none.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
LANGUAGES = ("cy", "en")


def build(commit: str, folder: Path) -> Path:
    """Check ``commit`` out into ``folder`` and build it there; return its ``_build``."""
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(folder), commit],
        check=True,
        capture_output=True,
    )
    # Before the move the build tools lived in the package; after it, in tools/.
    tools = "tools" if (folder / "tools" / "catalogs.py").exists() else "rightway_quiz"
    env = {**os.environ, "PYTHONPATH": f"{folder / 'src'}{os.pathsep}{folder}"}
    python = str(BIN / "python")
    steps = [[python, "-m", f"{tools}.catalogs", "compile", "locale", "src/rightway_quiz/locale"]]
    if (folder / "tools" / "notebooks.py").exists():
        steps.append([python, "-m", "tools.notebooks", "course", "_build/notebooks", *LANGUAGES])
    for language in LANGUAGES:
        doctrees, out = f"_build/doctrees/{language}", f"_build/html/{language}"
        sphinx = [str(BIN / "sphinx-build"), "-q", "-b", "html", "-c", "."]
        steps.append([*sphinx, "-D", f"language={language}", "-d", doctrees, "course", out])
    steps.append([python, "-m", f"{tools}.landing", "_build/html"])
    steps.append([python, "-m", "rightway_quiz.scorm", "_build/html", "_build/scorm"])
    for step in steps:
        subprocess.run(step, cwd=folder, env=env, check=True, stdout=subprocess.DEVNULL)
    return folder / "_build"


def differences(before: Path, after: Path) -> list[str]:
    """Paths (relative) that differ, or exist on one side only, under html/ and scorm/."""
    found: list[str] = []

    def walk(comparison: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in comparison.left_only + comparison.right_only)
        # dircmp's own test is shallow (size and time): compare the bytes.
        _, mismatch, errors = filecmp.cmpfiles(
            comparison.left, comparison.right, comparison.common_files, shallow=False
        )
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in comparison.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    for part in ("html", "scorm"):
        walk(filecmp.dircmp(before / part, after / part), f"{part}/")
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        folders = [Path(scratch) / "before", Path(scratch) / "after"]
        try:
            builds = [build(args.before, folders[0]), build(args.after, folders[1])]
            files = sum(1 for path in (builds[0] / "html").rglob("*") if path.is_file())
            found = differences(*builds)
            zips = ", ".join(sorted(path.name for path in (builds[1] / "scorm").glob("*.zip")))
        finally:
            for folder in folders:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(folder)],
                    capture_output=True,
                )
    for path in found:
        print(f"differs: {path}")
    print(f"{len(found)} of {files} HTML files and the SCORM zips ({zips}) differ")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
