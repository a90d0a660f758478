"""The command-line tool's interface language: a :class:`Translator` made once per run.

The CLI makes one ``Translator`` for the run's language and passes it to what
renders text for people: the grades (every format but CSV), the cohort report,
the supervision record and ``take``. Modules not yet handed one (the marking
engine's rejection reasons, argparse's words, the CLI's own messages, the grades
CSV header, the prompts' text) call ``_()``, a thin shim that asks the translator
of the run in progress, set with :func:`speaking` for the run's length (English
outside a run).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field

from ..i18n import LANGUAGES, default_language, translator

__all__ = ["LANGUAGES", "Translator", "_", "default_language", "run_translator", "speaking"]


@dataclass(frozen=True)
class Translator:
    """The run's language and its ``gettext`` (English: each message unchanged)."""

    language: str
    gettext: Callable[[str], str] = field(compare=False, repr=False)

    @classmethod
    def for_language(cls, language: str) -> Translator:
        """The translator for ``language`` (an unknown language: English)."""
        language = language if language in LANGUAGES else "en"
        return cls(language, translator(language))

    def __call__(self, message: str) -> str:
        """``message`` in this translator's language."""
        return self.gettext(message)


ENGLISH = Translator.for_language("en")
# The run's translator, for the modules not yet handed one. A context variable set for
# the length of a run and reset after it, not a module global left behind: a Welsh
# run then never makes a later English one (a test, a notebook, the API) speak Welsh.
_run_translator: ContextVar[Translator] = ContextVar("rightway_quiz_translator", default=ENGLISH)


@contextlib.contextmanager
def speaking(run: Translator) -> Iterator[None]:
    """Use ``run`` for ``_()`` inside the ``with`` block (see above); then what was before."""
    token = _run_translator.set(run)
    try:
        yield
    finally:
        _run_translator.reset(token)


def run_translator() -> Translator:
    """The translator of the run in progress (English outside a run)."""
    return _run_translator.get()


def _(message: str) -> str:
    """``message`` in the run's language: the shim for modules not yet handed a translator."""
    return _run_translator.get().gettext(message)
