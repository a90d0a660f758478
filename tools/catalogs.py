"""Catalog chores for ``make``: compile, extract the extension's strings, merge, fill.

Run as ``python -m tools.catalogs compile|extract|update|fill …``.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import polib


def compile_catalog(po_path: Path) -> Path:
    """Compile one ``.po``; Sphinx's own catalog also becomes ``sphinx.js`` for the search page."""
    catalog = polib.pofile(str(po_path))
    mo_path = po_path.with_suffix(".mo")
    catalog.save_as_mofile(str(mo_path))
    if po_path.name == "sphinx.po":
        write_sphinx_js(catalog, po_path.with_suffix(".js"))
    return mo_path


def write_sphinx_js(catalog: polib.POFile, js_path: Path) -> None:
    """The search page's strings in the format of Sphinx's ``translations.js``."""
    messages: dict[str, str | list[str]] = {}
    for entry in catalog.translated_entries():
        if entry.msgid_plural:
            messages[entry.msgid] = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
        else:
            messages[entry.msgid] = entry.msgstr
    plural = catalog.metadata.get("Plural-Forms", "plural=(n != 1);")
    plural_expr = plural.split("plural=", 1)[1].rstrip(";").strip()
    payload = {
        "messages": messages,
        "plural_expr": plural_expr,
        "locale": catalog.metadata.get("Language", ""),
    }
    js_path.write_text(
        "Documentation.addTranslations("
        + json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True)
        + ");\n",
        encoding="utf-8",
    )


def compile_catalogs(*locale_dirs: Path) -> list[Path]:
    """Compile every ``.po`` under the given folders whose ``.mo`` is missing or older.

    Theme and extension catalogs are loaded before Sphinx compiles ``.po`` files
    itself, so a clean build would show them in English unless this runs first.
    """
    written: list[Path] = []
    for locale_dir in locale_dirs:
        for po_path in sorted(locale_dir.rglob("*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            written.append(compile_catalog(po_path))
    return written


#: Functions whose first argument, a string literal, is a message: ``_`` and ``gettext``, and
#: the ``translate`` and ``say`` callables that code passes around to speak one language.
_MESSAGE_FUNCTIONS = frozenset({"_", "gettext", "translate", "say"})


def _python_messages(path: Path) -> Iterator[tuple[str, int]]:
    """``(msgid, line)`` of every ``_("...")``, ``….gettext("...")``, ``translate("...")``
    or ``….say("...")`` call in a Python file."""
    tree = ast.parse(_python_source(path), filename=str(path))
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        first = node.args[0]
        if (
            name in _MESSAGE_FUNCTIONS
            and isinstance(first, ast.Constant)
            and isinstance(first.value, str)
            and first.value
        ):
            yield first.value, node.lineno


#: ``_("...")`` in a Jinja2 template (the grader's pages): a double-quoted literal, one line.
_TEMPLATE_MESSAGE = re.compile(r'\b_\(\s*"((?:[^"\\\n]|\\.)*)"')


def _template_messages(path: Path) -> Iterator[tuple[str, int]]:
    """``(msgid, line)`` of every ``_("...")`` in a Jinja2 template."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for found in _TEMPLATE_MESSAGE.finditer(line):
            yield ast.literal_eval(f'"{found.group(1)}"'), number


def extract_messages(*sources: Path) -> polib.POFile:
    """Every ``_("...")`` string in the given Python files and folders (their Python
    sources and Jinja2 templates, ``*.j2``), as a template catalog.

    The package and the build tools that write pages (``tools/landing.py``) share it, and
    so do notebooks: their code prints through the catalog (``tools.notebooks`` runs them
    once per language), so an ``.ipynb`` given here has its code cells read.
    """
    pot = polib.POFile()
    pot.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Project-Id-Version": "rightway"}
    seen: dict[str, polib.POEntry] = {}
    files: list[tuple[Path, Callable[[Path], Iterable[tuple[str, int]]]]] = []
    for source in sources:
        if source.is_dir():
            files += [(path, _python_messages) for path in sorted(source.rglob("*.py"))]
            files += [(path, _template_messages) for path in sorted(source.rglob("*.j2"))]
        else:
            files.append((source, _python_messages))
    for path, messages in files:
        for msgid, lineno in messages(path):
            occurrence = (path.as_posix(), str(lineno))
            if msgid in seen:
                seen[msgid].occurrences.append(occurrence)
                continue
            entry = polib.POEntry(msgid=msgid, msgstr="", occurrences=[occurrence])
            if "{" in msgid:
                entry.flags.append("python-brace-format")
            seen[msgid] = entry
            pot.append(entry)
    return pot


def _python_source(path: Path) -> str:
    """A Python file's text, or a notebook's code cells one after another."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".ipynb":
        return text
    cells = json.loads(text)["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


def update_catalog(pot_path: Path, po_path: Path) -> None:
    """Merge a template into a catalog: new strings added, changed ones marked fuzzy."""
    pot = polib.pofile(str(pot_path))
    po = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
    if not po_path.exists():
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "cy"}
    po.merge(pot)
    po_path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(po_path))


def fill_from_memory(catalog_dir: Path) -> int:
    """Fill untranslated entries with the translation an identical string has elsewhere.

    Quiz and article texts appear on several pages; a translator translates them once.
    """
    catalogs = [(path, polib.pofile(str(path))) for path in sorted(catalog_dir.rglob("*.po"))]
    memory: dict[str, str] = {}
    for _path, catalog in catalogs:
        for entry in catalog.translated_entries():
            memory.setdefault(entry.msgid, entry.msgstr)
    filled = 0
    for path, catalog in catalogs:
        changed = False
        for entry in catalog.untranslated_entries():
            if entry.msgid in memory:
                entry.msgstr = memory[entry.msgid]
                filled += 1
                changed = True
        if changed:
            catalog.save(str(path))
    return filled


def main(argv: list[str] | None = None) -> int:
    """``python -m tools.catalogs compile|extract|update|fill …``: catalog chores for make."""
    parser = argparse.ArgumentParser(prog="python -m tools.catalogs")
    commands = parser.add_subparsers(dest="command", required=True)
    compile_ = commands.add_parser("compile", help="compile .po files (or folders of them) to .mo")
    compile_.add_argument("paths", nargs="+", type=Path)
    extract = commands.add_parser("extract", help="write the extension's message template")
    extract.add_argument(
        "sources", nargs="+", type=Path, help="Python files or folders, then the .pot"
    )
    update = commands.add_parser("update", help="merge a template into a catalog")
    update.add_argument("pot", type=Path)
    update.add_argument("po", type=Path)
    fill = commands.add_parser("fill", help="reuse translations of identical strings")
    fill.add_argument("catalog_dir", type=Path)
    args = parser.parse_args(argv)
    if args.command == "compile":
        for path in args.paths:
            if path.is_dir():
                compile_catalogs(path)
            else:
                compile_catalog(path)
    elif args.command == "extract":
        *sources, pot_path = args.sources
        if not sources:
            parser.error("extract needs at least one source and the .pot to write")
        pot_path.parent.mkdir(parents=True, exist_ok=True)
        extract_messages(*sources).save(str(pot_path))
    elif args.command == "update":
        update_catalog(args.pot, args.po)
    elif args.command == "fill":
        print(f"filled {fill_from_memory(args.catalog_dir)} entries from identical strings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
