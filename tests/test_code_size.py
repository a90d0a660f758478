"""The house rule from issue 12: no Python module over 400 lines, no function over 60.

Small modules with one job and short functions are how a newcomer finds where a change
belongs; this test keeps them that way for the shipped package and the build tools.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = [ROOT / "src", ROOT / "tools"]
MODULE_LINE_LIMIT = 400
FUNCTION_LINE_LIMIT = 60


def python_files() -> list[Path]:
    return sorted(path for folder in CHECKED for path in folder.rglob("*.py"))


def long_functions(source: str, path: Path) -> list[str]:
    """Every function or method longer than the limit, decorators and docstring included."""
    found = []
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            start = min([node.lineno] + [d.lineno for d in node.decorator_list])
            length = (node.end_lineno or node.lineno) - start + 1
            if length > FUNCTION_LINE_LIMIT:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({length} lines)")
    return found


def test_the_check_sees_the_code() -> None:
    files = python_files()
    assert ROOT / "src" / "rightway_quiz" / "grader" / "cli.py" in files
    assert ROOT / "tools" / "bench.py" in files


def test_the_function_check_counts_a_long_function() -> None:
    body = "\n".join(f"    x{n} = {n}" for n in range(FUNCTION_LINE_LIMIT))
    assert long_functions(f"def short():\n    pass\n\n\ndef long():\n{body}\n", ROOT / "x.py") == [
        f"x.py:5 long ({FUNCTION_LINE_LIMIT + 1} lines)"
    ]


def test_no_module_is_over_400_lines() -> None:
    too_long = {
        str(path.relative_to(ROOT)): lines
        for path in python_files()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINE_LIMIT
    }
    assert too_long == {}


@pytest.mark.parametrize("folder", CHECKED, ids=lambda folder: folder.name)
def test_no_function_is_over_60_lines(folder: Path) -> None:
    found = []
    for path in sorted(folder.rglob("*.py")):
        found += long_functions(path.read_text(encoding="utf-8"), path)
    assert found == []
