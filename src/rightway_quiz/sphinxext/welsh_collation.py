"""Welsh alphabetical order, and the Welsh glossary sorted by it.

Welsh sorts ch, dd, ff, ng, ll, ph, rh and th as letters of their own:
a b c ch d dd e f ff g ng h i j l ll m n o p ph r rh s t th u w y. So "chwarae"
comes after "cyfranogiad" and "llais" after "lles pennaf" but before "lol".
Sphinx's glossary is written in English order and then translated paragraph by
paragraph, so on the Welsh side it kept the English order; a post-transform
re-sorts it by the Welsh headwords.

A digraph is read greedily, which is right for the course's headwords; a word
such as "Bangor", where n and g are separate letters, would need a dictionary.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

WELSH_ALPHABET = [
    "a",
    "b",
    "c",
    "ch",
    "d",
    "dd",
    "e",
    "f",
    "ff",
    "g",
    "ng",
    "h",
    "i",
    "j",
    "l",
    "ll",
    "m",
    "n",
    "o",
    "p",
    "ph",
    "r",
    "rh",
    "s",
    "t",
    "th",
    "u",
    "w",
    "y",
]
_RANK = {letter: rank for rank, letter in enumerate(WELSH_ALPHABET)}
_DIGRAPHS = sorted((letter for letter in WELSH_ALPHABET if len(letter) == 2), reverse=True)


def _plain(text: str) -> str:
    """Lower case, accents off (â → a, ŵ → w), and only letters, digits and spaces kept."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return "".join(char for char in bare if char.isalnum() or char == " ")


def welsh_letters(text: str) -> list[str]:
    """The letters of ``text`` in Welsh: ``"llyfrgell"`` → ``ll y f r g e ll``."""
    plain = _plain(text)
    letters: list[str] = []
    index = 0
    while index < len(plain):
        pair = plain[index : index + 2]
        if pair in _DIGRAPHS:
            letters.append(pair)
            index += 2
        else:
            letters.append(plain[index])
            index += 1
    return letters


def welsh_sort_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """A key that sorts Welsh text in Welsh alphabetical order.

    Spaces sort first (so "lles" comes before "llesiant"), then digits, then the
    Welsh alphabet; letters outside it (k, q, v, x, z in borrowed words) sort
    after y, by their own character, so the order is still total.
    """
    key: list[tuple[int, int, str]] = []
    for letter in welsh_letters(text):
        if letter == " ":
            key.append((0, 0, ""))
        elif letter.isdigit():
            key.append((1, int(letter), ""))
        elif letter in _RANK:
            key.append((2, _RANK[letter], ""))
        else:
            key.append((3, 0, letter))
    return tuple(key)


def sort_welsh(items: list[str]) -> list[str]:
    """``items`` in Welsh alphabetical order."""
    return sorted(items, key=welsh_sort_key)


class WelshGlossaryOrder(SphinxPostTransform):
    """Sort each glossary's entries by their (translated) Welsh headwords."""

    default_priority = 200

    def is_supported(self) -> bool:
        return self.config.language == "cy" and super().is_supported()

    def run(self, **kwargs: Any) -> None:
        for glossary in self.document.findall(addnodes.glossary):
            for entries in glossary.findall(nodes.definition_list):
                items = [child for child in entries.children if isinstance(child, nodes.Element)]
                items.sort(key=lambda item: welsh_sort_key(_headword(item)))
                entries.children = []
                entries.extend(items)


def _headword(item: nodes.Element) -> str:
    term = next(item.findall(nodes.term), None)
    return term.astext() if term is not None else item.astext()


def setup_welsh_collation(app: Sphinx) -> None:
    """Sort the glossary in Welsh order on the Welsh side."""
    app.add_post_transform(WelshGlossaryOrder)
