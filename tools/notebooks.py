"""Run the course's notebooks once per language and write each language's copy.

``make`` runs ``python -m tools.notebooks course _build/notebooks cy en`` before
Sphinx. The notebook in ``course/`` is stored without outputs; each language's
copy here has its outputs made by running the code through the public API, with
``LANGUAGE`` set to that language, so printed labels, quiz text and the chart's
title and description come from the catalogs. Markdown cells are translated
paragraph by paragraph from the page's catalog, so the Welsh build ships a
Welsh notebook. The extension reads these copies instead of the source
(``rightway_notebook_dir``). Nothing here is edited by hand.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import copy
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import polib

# The first code cell says which language it writes in; each copy sets its own.
LANGUAGE_LINE = re.compile(r'^LANGUAGE = "[a-z]{2}"', re.MULTILINE)
_LIST_ITEM = re.compile(r"^(\s*(?:\d+\.|[-*])\s+)(.*)$")
_HEADING = re.compile(r"^(#{1,6}\s+)(.*)$")
# A default repr names a memory address ("<Figure object at 0x7f...>"), different on
# every run: the notebook would change on every build and with it the HTML's copy and
# all six SCORM zips. The address means nothing to a reader, so it is left out.
_MEMORY_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+>")


class NotebookError(Exception):
    """A cell failed: the build stops rather than ship a notebook without its outputs."""


def _lines(text: str) -> list[str]:
    """Jupyter's form of a multi-line string: lines keeping their newlines."""
    return text.splitlines(keepends=True)


def run_code(source: str, namespace: dict[str, Any], count: int) -> list[dict[str, Any]]:
    """Run one code cell; its printed text and, if it ends in an expression, that value."""
    tree = ast.parse(source)
    last: ast.expr | None = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = tree.body.pop().value
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        # The course's own notebook, run as Jupyter would run it.
        exec(compile(tree, "<cell>", "exec"), namespace)
        value = None
        if last is not None:
            value = eval(compile(ast.Expression(last), "<cell>", "eval"), namespace)
    outputs: list[dict[str, Any]] = []
    if printed.getvalue():
        outputs.append(
            {"name": "stdout", "output_type": "stream", "text": _lines(printed.getvalue())}
        )
    if value is not None:
        data = {"text/plain": _lines(_MEMORY_ADDRESS.sub(">", repr(value)))}
        if hasattr(value, "_repr_html_"):
            data["text/html"] = _lines(value._repr_html_())
        outputs.append(
            {
                "data": data,
                "execution_count": count,
                "metadata": {},
                "output_type": "execute_result",
            }
        )
    return outputs


def execute(notebook: dict[str, Any], language: str) -> dict[str, Any]:
    """A copy of ``notebook`` run with ``LANGUAGE = language``, outputs filled in."""
    result = copy.deepcopy(notebook)
    namespace: dict[str, Any] = {"__name__": "__main__"}
    count = 0
    for cell in result["cells"]:
        if cell["cell_type"] != "code":
            continue
        count += 1
        source = LANGUAGE_LINE.sub(f'LANGUAGE = "{language}"', "".join(cell["source"]), count=1)
        cell["source"] = _lines(source)
        try:
            cell["outputs"] = run_code(source, namespace, count)
        except Exception as error:
            raise NotebookError(f"code cell {count} failed ({language}): {error!r}") from error
        cell["execution_count"] = count
    result.setdefault("metadata", {})["language"] = language
    return result


def load_messages(po_path: Path) -> dict[str, str]:
    """The page catalog's translations (msgid → msgstr), or nothing if it has none."""
    if not po_path.exists():
        return {}
    return {e.msgid: e.msgstr for e in polib.pofile(str(po_path)).translated_entries()}


def _translate_text(text: str, messages: dict[str, str]) -> str:
    """One paragraph: the catalog holds it in reST (``code``), the cell in Markdown (`code`)."""
    flat = " ".join(text.split())
    key = re.sub(r"(?<!`)`([^`]+)`(?!`)", r"``\1``", flat)
    found = messages.get(key)
    return text if found is None else re.sub(r"``([^`]+)``", r"`\1`", found)


def translate_markdown(source: str, messages: dict[str, str]) -> str:
    """A Markdown cell with each heading, list item and paragraph translated where the catalog can."""
    blocks = re.split(r"\n\s*\n", source)
    out: list[str] = []
    fenced = False
    for block in blocks:
        if block.lstrip().startswith("```") or fenced:
            fenced = fenced ^ (block.count("```") % 2 == 1)
            out.append(block)
            continue
        lines = block.splitlines()
        if all(_LIST_ITEM.match(line) for line in lines):
            items = [_LIST_ITEM.match(line) for line in lines]
            out.append(
                "\n".join(m.group(1) + _translate_text(m.group(2), messages) for m in items if m)
            )
        elif (heading := _HEADING.match(block)) is not None:
            out.append(heading.group(1) + _translate_text(heading.group(2), messages))
        else:
            out.append(_translate_text(block, messages))
    return "\n\n".join(out)


def localise(notebook: dict[str, Any], messages: dict[str, str]) -> dict[str, Any]:
    """``notebook`` with its Markdown cells in the catalog's language."""
    if not messages:
        return notebook
    result = copy.deepcopy(notebook)
    for cell in result["cells"]:
        if cell["cell_type"] == "markdown":
            cell["source"] = _lines(translate_markdown("".join(cell["source"]), messages))
    return result


def build(source_dir: Path, output_dir: Path, languages: list[str], locale_dir: Path) -> list[Path]:
    """Every notebook under ``source_dir``, once per language, into ``output_dir/<lang>/``."""
    written: list[Path] = []
    for path in sorted(source_dir.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        relative = path.relative_to(source_dir)
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for language in languages:
            messages = load_messages(
                locale_dir / language / "LC_MESSAGES" / relative.with_suffix(".po")
            )
            result = localise(execute(notebook, language), messages)
            target = output_dir / language / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(result, ensure_ascii=False, indent=1) + "\n"
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                target.write_text(text, encoding="utf-8")  # unchanged copies keep their mtime
            written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m tools.notebooks SOURCE_DIR OUTPUT_DIR LANGUAGE...``."""
    parser = argparse.ArgumentParser(prog="python -m tools.notebooks", description=__doc__)
    parser.add_argument("source_dir", type=Path)
    parser.add_argument("output_dir", type=Path)
    parser.add_argument("languages", nargs="+")
    parser.add_argument("--locale", type=Path, default=Path("locale"))
    args = parser.parse_args(argv)
    try:
        written = build(args.source_dir, args.output_dir, args.languages, args.locale)
    except NotebookError as error:
        print(f"tools.notebooks: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"notebook: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
