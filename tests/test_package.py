"""The package's public names all resolve, lazily, to what their modules define."""

from __future__ import annotations

import importlib

import pytest

import rightway_quiz


@pytest.mark.parametrize("name", sorted(set(rightway_quiz.__all__) - {"__version__", "setup"}))
def test_public_name_resolves_to_its_module(name: str) -> None:
    value = getattr(rightway_quiz, name)
    assert value.__module__.startswith("rightway_quiz.")
    assert getattr(importlib.import_module(value.__module__), name) is value


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        _ = rightway_quiz.no_such_thing  # type: ignore[attr-defined]
