"""The principles' names in the run's language, and principle names read back from a command line.

Ids (``participation``) stay the keys in data; people see, and may type, the
name in either language (``--principle cyfranogiad``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from ..i18n import LANGUAGES, translator
from .messages import _ as _current


def _names(_: Callable[[str], str] = _current) -> dict[str, str]:
    """Each principle id's name, through the translator ``_`` (the run's language by default)."""
    return {
        "introduction": _("Introduction"),
        "getting-started": _("Getting started"),
        "embedding": _("Embedding children's rights"),
        "equality": _("Equality and Non-discrimination"),
        "empowering": _("Empowering children"),
        "participation": _("Participation"),
        "accountability": _("Accountability"),
    }


def principle_name(principle: str, _: Callable[[str], str] = _current) -> str:
    """The principle's name through ``_`` (by default the run's language; its id when it has
    no name)."""
    return _names(_).get(principle, principle)


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().casefold().replace("’", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).replace(" ", "-")


def principle_from_user(text: str, known: list[str]) -> str | None:
    """The principle id ``text`` means: an id, or a name in English or Welsh (any case, accents optional)."""
    wanted = _folded(text)
    spellings: dict[str, str] = {}
    for language in LANGUAGES:
        for principle, name in _names(translator(language)).items():
            spellings[_folded(name)] = principle
            # The name's first word alone is enough ("cyfranogiad", "equality").
            spellings.setdefault(_folded(name.split()[0]), principle)
    found = spellings.get(wanted, wanted)
    return found if found in known else None
