"""argparse in the run's language: its own messages, and choice values typed in either language."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterator, Mapping

from ..i18n import LANGUAGES, translator
from .messages import _
from .messages import _ as _current


def argparse_gettext(message: str) -> str:
    """argparse's own words (Python 3.11) in the run's language; others unchanged."""
    known = {
        "usage: ": _("usage: "),
        "positional arguments": _("arguments"),
        "options": _("options"),
        "show this help message and exit": _("show this help and exit"),
        "argument %(argument_name)s: %(message)s": _("argument %(argument_name)s: %(message)s"),
        "unrecognized arguments: %s": _("unrecognized arguments: %s"),
        "the following arguments are required: %s": _("the following arguments are required: %s"),
        "invalid choice: %(value)r (choose from %(choices)s)": _(
            "invalid choice: %(value)r (choose from %(choices)s)"
        ),
        "invalid %(type)s value: %(value)r": _("invalid %(type)s value: %(value)r"),
        "expected one argument": _("expected one argument"),
        "expected at most one argument": _("expected at most one argument"),
        "expected at least one argument": _("expected at least one argument"),
        "ambiguous option: %(option)s could match %(matches)s": _(
            "ambiguous option: %(option)s could match %(matches)s"
        ),
        "not allowed with argument %s": _("not allowed with argument %s"),
        "ignored explicit argument %r": _("ignored explicit argument %r"),
        "one of the arguments %s is required": _("one of the arguments %s is required"),
    }
    return known.get(message, message)


def argparse_ngettext(singular: str, plural: str, count: int) -> str:
    """argparse's counted messages ("expected 2 arguments") in the run's language."""
    if (singular, plural) == ("expected %s argument", "expected %s arguments"):
        return _("expected %s argument") if count == 1 else _("expected %s arguments")
    return singular if count == 1 else plural


@contextlib.contextmanager
def argparse_speaking_run_language() -> Iterator[None]:
    """argparse speaks the run's language inside the block (it reads these module
    globals when it speaks); its own functions are put back afterwards."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = argparse_gettext  # type: ignore[attr-defined]
    argparse.ngettext = argparse_ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def choice_words(_: Callable[[str], str] = _current) -> dict[str, str]:
    """Choice values through the translator ``_`` (the run's language by default)."""
    return {
        "scenario": _("scenario"),
        "question": _("question"),
        "any": _("any"),
        "one-to-one": _("one-to-one"),
        "team": _("team"),
        "foster-carer": _("foster-carer"),
        "residential": _("residential"),
        "table": _("table"),
        "text": _("text"),
    }


def choice(values: tuple[str, ...], words: Mapping[str, str]) -> tuple[Callable[[str], str], str]:
    """(``type=``, ``metavar=``) for a choice option that takes the values in any language;
    ``words`` are the run's language's, shown in help and messages.

    The converted value is always the English id; an unknown value is refused
    with the choices listed in the run's language.
    """
    aliases = {value: value for value in values}
    for language in LANGUAGES:
        spoken = choice_words(translator(language))
        aliases |= {spoken.get(value, value).casefold(): value for value in values}
    listed = ", ".join(words.get(value, value) for value in values)

    def convert(text: str) -> str:
        found = aliases.get(text.strip().casefold())
        if found is None:
            raise argparse.ArgumentTypeError(
                _("invalid choice: %(value)r (choose from %(choices)s)")
                % {"value": text, "choices": listed}
            )
        return found

    return convert, "{" + ",".join(words.get(value, value) for value in values) + "}"


def add_choice(
    parser: argparse.ArgumentParser, flag: str, values: tuple[str, ...], **options: object
) -> None:
    """``parser.add_argument(flag, choices=values, ...)`` with values shown and read in the run's language."""
    convert, shown = choice(values, choice_words())
    parser.add_argument(flag, type=convert, metavar=shown, **options)  # type: ignore[arg-type]
