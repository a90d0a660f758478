"""Diagram sources (``diagrams/<id>.yaml``): the words of a diagram and which drawing it takes.

A diagram file holds text only, in English; the extension draws it and the
page catalog translates every label, so one file serves both languages.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from .loader import Loaded, SourceError, load_model
from .model import Identifier, Problem, Text, _Strict

#: ``ring``: items around a centre; ``nested``: each item inside the one before;
#: ``flow``: steps from top to bottom, with side branches and an optional loop back.
Layout = Literal["ring", "nested", "flow"]


class DiagramItem(_Strict):
    """One box: ``label`` and ``caption`` are drawn; ``detail`` is for the words only."""

    label: Text
    caption: Text | None = None
    detail: Text | None = None
    branches: tuple[Text, ...] = ()


class Diagram(_Strict):
    """A diagram's title, summary, centre (rings) and items, in drawing order."""

    id: Identifier
    layout: Layout
    title: Text
    summary: Text
    centre: Text | None = None
    loop: Text | None = None
    items: list[DiagramItem]

    def problems(self) -> Iterator[Problem]:
        """What the layout needs beyond the shape of the file."""
        if len(self.items) < 2:
            yield ("items",), "a diagram needs at least two items"
        if self.layout == "ring" and self.centre is None:
            yield ("centre",), "a ring needs the words at its centre"
        if self.layout != "ring" and self.centre is not None:
            yield ("centre",), "only a ring has a centre"
        if self.layout != "flow" and self.loop is not None:
            yield ("loop",), "only a flow loops back"
        for index, item in enumerate(self.items):
            if item.branches and self.layout != "flow":
                yield ("items", index, "branches"), "only a flow has branches"


def load_diagram(folder: Path, diagram_id: str) -> Loaded[Diagram]:
    """Read and check ``folder/<diagram_id>.yaml``; its ``id`` must match the file name."""
    path = folder / f"{diagram_id}.yaml"
    if not path.is_file():
        raise SourceError(path, None, None, "does not exist")
    loaded = load_model(path, Diagram)
    if loaded.model.id != diagram_id:
        raise SourceError(
            path,
            loaded.line_of(("id",)),
            "id",
            f"is {loaded.model.id!r} but the file is {path.name}",
        )
    return loaded
