"""Make MyST cheaper to run once per translated message.

A translated build parses every message's translation on its own (Sphinx's
``Locale`` transform), and myst-parser 5.2 builds a throwaway docutils document
for each parse: ``setup_render`` evaluates ``options.get("document",
make_document())`` eagerly, and ``make_document`` builds docutils' whole option
parser to get default settings (about 0.5 ms). The Welsh course has over 4,000
messages, so that was about 2 s of a 7 s build for a document nobody uses.

Here those default settings are built once per parser class and each document
gets its own copy, which is what a fresh ``get_default_settings`` call returns. If myst-parser changes shape, nothing is patched: only speed is lost.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from docutils import nodes
from docutils.frontend import Values, get_default_settings
from docutils.parsers.rst import Parser as RSTParser
from docutils.utils import DependencyList, new_document


@functools.cache
def _default_settings(parser_cls: type) -> Values:
    return get_default_settings(parser_cls)


def _copy(settings: Values) -> Values:
    """Its own attributes, lists and dependency list; sentinels such as MyST's ``UNSET``
    stay the same objects (a deep copy would break MyST's ``is UNSET`` checks)."""
    copied = copy.copy(settings)
    for name, value in vars(settings).items():
        if isinstance(value, DependencyList):
            setattr(copied, name, DependencyList())
        elif isinstance(value, list | dict | set):
            setattr(copied, name, copy.copy(value))
    return copied


def make_document(source_path: str = "notset", parser_cls: type = RSTParser) -> nodes.document:
    """myst-parser's ``make_document``, with default settings built once and copied."""
    return new_document(source_path, settings=_copy(_default_settings(parser_cls)))


def speed_up_myst() -> bool:
    """Swap in the cached ``make_document``; say whether myst-parser had one to swap."""
    try:
        from myst_parser.mdit_to_docutils import base
    except ImportError:
        return False
    original: Any = getattr(base, "make_document", None)
    if original is None or original is make_document:
        return original is make_document
    base.make_document = make_document
    return True
