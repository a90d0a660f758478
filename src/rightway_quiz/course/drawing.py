"""Drawing a banked quiz's questions and shuffling options, as the browser does.

A port of ``draw``, ``shuffle``, ``generator`` (mulberry32) and ``hash`` (FNV-1a)
in ``sphinxext/static/rightway-quiz.js``: the same seed gives the same draw and
the same option order in the terminal as on the page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from .model import Question, Quiz


_MASK = 0xFFFFFFFF
Item = TypeVar("Item")


def generator(seed: int) -> Callable[[], float]:
    """mulberry32: numbers in [0, 1) from a 32-bit seed (JavaScript's, bit for bit)."""
    state = seed & _MASK

    def random() -> float:
        nonlocal state
        state = (state + 0x6D2B79F5) & _MASK
        t = ((state ^ (state >> 15)) * (state | 1)) & _MASK
        t ^= (t + ((t ^ (t >> 7)) * (t | 61))) & _MASK
        return ((t ^ (t >> 14)) & _MASK) / 4294967296

    return random


def text_hash(text: str) -> int:
    """FNV-1a over UTF-16 code units, as the browser hashes a question id."""
    value = 0x811C9DC5
    data = text.encode("utf-16-le")
    for index in range(0, len(data), 2):
        unit = data[index] | data[index + 1] << 8
        value = ((value ^ unit) * 0x01000193) & _MASK
    return value


def shuffled(items: Sequence[Item], random: Callable[[], float]) -> list[Item]:
    """A Fisher–Yates shuffle of a copy of ``items``."""
    copy = list(items)
    for i in range(len(copy) - 1, 0, -1):
        j = int(random() * (i + 1))
        copy[i], copy[j] = copy[j], copy[i]
    return copy


def draw(quiz: Quiz, seed: int, avoid: Sequence[str] = ()) -> list[Question]:
    """The questions one attempt asks, in bank order: all of them, or for a banked quiz
    ``draw`` questions, one per objective first, then at random (``avoid``: last)."""
    bank = quiz.questions
    count = quiz.draw or 0
    if count <= 0 or count >= len(bank):
        return list(bank)
    random = generator(seed)
    rank = {q.id: (1 if q.id in avoid else 0) + random() for q in bank}
    queue = sorted(bank, key=lambda q: rank[q.id])
    objectives = list(dict.fromkeys(q.objective for q in bank))
    chosen: set[str] = set()
    for objective in shuffled(objectives, random):
        for question in queue:
            if len(chosen) >= count:
                break
            if question.objective == objective and question.id not in chosen:
                chosen.add(question.id)
                break
    for question in queue:
        if len(chosen) < count:
            chosen.add(question.id)
    return [q for q in bank if q.id in chosen]


def option_order(question: Question, seed: int) -> list[int]:
    """Positions of ``question``'s options in the order one attempt shows them: shuffled
    from the attempt's seed and the question's id, unless the question says ``shuffle: false``."""
    positions = list(range(len(question.options)))
    if not question.shuffle:
        return positions
    return shuffled(positions, generator(seed ^ text_hash(question.id)))
