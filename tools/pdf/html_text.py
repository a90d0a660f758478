"""Page text for the PDFs, read from the built HTML of one language.

Why the built HTML and not the doctrees: it is already translated and resolved
(terms, references, directive output such as the self-assessment's labels), its
section ids are the English slugs in both languages, and the standard library's
parser reads it without importing Sphinx, which keeps the PDF step fast.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

VOID = frozenset({"br", "hr", "img", "input", "link", "meta", "source", "wbr", "col"})
BLOCK_TEXT = ("p", "li", "td", "th", "legend", "dt", "dd", "h1", "h2", "h3", "h4")

Block = dict[str, Any]


@dataclass
class Element:
    """An HTML element with its attributes and children (elements or text)."""

    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def elements(self) -> list[Element]:
        return [child for child in self.children if isinstance(child, Element)]

    def text(self) -> str:
        """The element's text with whitespace folded, without heading permalinks."""
        parts: list[str] = []
        self._collect(parts)
        return " ".join("".join(parts).split())

    def _collect(self, parts: list[str]) -> None:
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif "headerlink" not in child.classes:
                child._collect(parts)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> list[Element]:
        """This element and every element under it, in document order."""
        found = [self]
        for child in self.elements:
            found.extend(child.iter())
        return found

    def find(
        self, tag: str | None = None, cls: str | None = None, id: str | None = None
    ) -> Element | None:
        return next(iter(self.find_all(tag, cls, id)), None)

    def find_all(
        self, tag: str | None = None, cls: str | None = None, id: str | None = None
    ) -> list[Element]:
        return [
            element
            for element in self.iter()[1:]
            if (tag is None or element.tag == tag)
            and (cls is None or cls in element.classes)
            and (id is None or element.attrs.get("id") == id)
        ]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(path: Path) -> Element:
    """The built page as a tree."""
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    return builder.root


@dataclass(frozen=True)
class Page:
    """One built page of one language."""

    tree: Element

    @classmethod
    def load(cls, path: Path) -> Page:
        return cls(parse(path))

    @property
    def title(self) -> str:
        heading = self.tree.find("h1")
        return heading.text() if heading else ""

    @property
    def site_title(self) -> str:
        brand = self.tree.find("div", cls="brand")
        return brand.text() if brand else ""

    def section(self, section_id: str) -> Element | None:
        return self.tree.find("section", id=section_id)

    def sections_starting(self, prefix: str) -> list[Element]:
        return [
            section
            for section in self.tree.find_all("section")
            if section.attrs.get("id", "").startswith(prefix)
        ]

    def objectives(self) -> Block | None:
        """The module's objectives box: its lead sentence and the objectives."""
        box = self.tree.find(cls="rightway-objectives")
        if box is None:
            return None
        lead = box.find("p")
        return {
            "lead": lead.text() if lead else "",
            "items": [item.text() for item in box.find_all("li")],
        }


def heading_of(section: Element) -> str:
    heading = next(
        (child for child in section.elements if child.tag in {"h1", "h2", "h3", "h4"}), None
    )
    return heading.text() if heading else ""


def blocks(element: Element, skip_classes: frozenset[str] = frozenset()) -> list[Block]:
    """A section as printable blocks: headings, paragraphs, lists and tables, in order."""
    found: list[Block] = []
    for child in element.elements:
        if child.classes & skip_classes:
            continue
        if child.tag in {"h2", "h3", "h4", "h5"}:
            found.append({"kind": "heading", "level": int(child.tag[1]), "text": child.text()})
        elif "sd-card-title" in child.classes:
            found.append({"kind": "heading", "level": 6, "text": child.text()})
        elif child.tag == "p":
            found.append({"kind": "para", "text": child.text()})
        elif child.tag in {"ul", "ol"}:
            items = [item.text() for item in child.elements if item.tag == "li"]
            found.append({"kind": "list", "ordered": child.tag == "ol", "items": items})
        elif child.tag == "table":
            rows = [
                [cell.text() for cell in row.elements if cell.tag in {"td", "th"}]
                for row in child.find_all("tr")
            ]
            found.append({"kind": "table", "rows": rows, "header": child.find("thead") is not None})
        elif child.tag in {"form", "details", "script", "nav"}:
            continue
        else:
            found.extend(blocks(child, skip_classes))
    return found


def json_attribute(element: Element, name: str) -> Any:
    """A directive's JSON data attribute (labels the extension already translated)."""
    return json.loads(element.attrs.get(name, "null"))


def section_blocks(section: Element) -> list[Block]:
    """A section's blocks without its own heading (the PDF gives it one)."""
    found = blocks(section)
    if found and found[0]["kind"] == "heading":
        return found[1:]
    return found
