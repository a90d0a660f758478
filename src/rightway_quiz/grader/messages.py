"""The command-line tool's interface language: a :class:`Translator` made once per run.

The CLI makes one ``Translator`` for the run's language and passes it to what
renders text for people: the grades (every format but CSV), the cohort report,
the supervision record and ``take``. Modules not yet handed one (the marking
engine's rejection reasons, argparse's words, the CLI's own messages, the grades
CSV header, the prompts' text) call ``_()``, a thin shim that asks the translator
the CLI installed with :func:`use_translator` (English until then).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..i18n import LANGUAGES, default_language, translator

__all__ = ["LANGUAGES", "Translator", "_", "default_language", "run_translator", "use_translator"]


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
_run_translator = ENGLISH


def use_translator(run: Translator) -> None:
    """Install the run's translator for the modules that still call ``_()`` (see above)."""
    global _run_translator
    _run_translator = run


def run_translator() -> Translator:
    """The translator installed by :func:`use_translator` (English before that)."""
    return _run_translator


def _(message: str) -> str:
    """``message`` in the run's language: the shim for modules not yet handed a translator."""
    return _run_translator.gettext(message)
