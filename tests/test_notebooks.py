"""The trainer's notebook copies are made the same way on every build.

A copy that changed from one build to the next (a memory address in an output) made
every `make` rewrite the HTML's download of it and so re-zip all six SCORM packages,
even when no page had changed.
"""

from __future__ import annotations

from pathlib import Path

from tools.notebooks import build

ROOT = Path(__file__).resolve().parent.parent


def test_two_runs_write_the_same_notebook_bytes(tmp_path: Path) -> None:
    first = build(ROOT / "course", tmp_path / "first", ["en"], ROOT / "locale")
    second = build(ROOT / "course", tmp_path / "second", ["en"], ROOT / "locale")
    assert first, "the course has a notebook"
    for one, other in zip(first, second, strict=True):
        text = one.read_text(encoding="utf-8")
        assert '"output_type": "execute_result"' in text  # it was run, outputs and all
        assert " at 0x" not in text
        assert other.read_text(encoding="utf-8") == text
