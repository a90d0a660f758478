"""Safe output shared by the grader's and the report's formats: CSV, Markdown, HTML, codes."""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from html import escape

#: Characters that make a spreadsheet read a cell as a formula (or hide one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_MARKDOWN_SPECIAL = str.maketrans({ch: f"\\{ch}" for ch in "\\`*_[]<>|~"})
#: What makes a line a list item, heading or quote: "- ", "+ ", "#", ">", "1." or "1)".
_MARKDOWN_LINE_START = re.compile(r"^(\d+(?=[.)])|)([-+#>.)])")
#: C0 and C1 controls and DEL: on a terminal they can move the cursor or forge lines.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def terminal_text(value: str) -> str:
    """Text safe to print on a terminal: control characters shown as escapes (``\\x1b``)."""
    return _CONTROL.sub(lambda found: ascii(found.group())[1:-1], value)


def learner_key(name: str) -> str:
    """A learner's name as compared: NFC, white space trimmed and collapsed, case-folded.

    Used both to match a learner's rows and to make their code, so that
    "Siân", " Siân " and "SIÂN" (in any Unicode form) are one learner.
    """
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def safe_cell(value: object) -> object:
    """A CSV cell that a spreadsheet cannot run: text starting ``= + - @``, tab or CR gets a ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(header: Sequence[str] | None, rows: Iterable[Sequence[object]]) -> str:
    """CSV text (CRLF line ends as Excel expects) with every cell made safe; no header if ``None``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if header is not None:
        writer.writerow([safe_cell(name) for name in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return buffer.getvalue()


def markdown_text(value: str) -> str:
    """Learner or course text as literal Markdown: no markup, links or HTML get through."""
    text = " ".join(value.split()).translate(_MARKDOWN_SPECIAL)
    # A list marker, heading or quote only means something at the start of a line.
    return _MARKDOWN_LINE_START.sub(r"\1\\\2", text)


def html_text(value: object) -> str:
    """Any value as escaped HTML text."""
    return escape(str(value), quote=True)


def pseudonym(name: str, salt: str = "") -> str:
    """A stable code for a learner: the same name (and salt) always gives the same code.

    Without a salt anyone with a list of names could recompute the codes;
    a trainer who keeps a salt private keeps the codes unlinkable.
    """
    normalised = learner_key(name)
    digest = hmac.new(salt.encode("utf-8"), normalised.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"L-{digest[:10]}"


HTML_STYLE = """
:root { color-scheme: light; }
body { font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #1b1b1b; background: #fff; margin: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; line-height: 1.25; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 2px solid #d0d7de; }
h3 { font-size: 1.1rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid #8c959f; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eef1f4; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
.passed { color: #0b6b2b; font-weight: 600; }
.not-passed { color: #a4000f; font-weight: 600; }
.chart { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.5rem; align-items: start; }
@media (max-width: 50rem) { .chart { grid-template-columns: 1fr; } }
figure { margin: 0; }
figcaption { font-weight: 600; }
svg { max-width: 100%; height: auto; }
.summary { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; padding: 0; list-style: none; }
.summary li { background: #eef1f4; padding: 0.5rem 0.75rem; border-radius: 4px; }
.missed { margin-left: 1rem; }
.note { color: #40464d; }
"""
