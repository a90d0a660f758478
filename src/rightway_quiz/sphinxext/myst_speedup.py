"""Make MyST cheaper to run once per translated message.

A translated build parses every message's translation on its own (Sphinx's
``Locale`` transform), and myst-parser 5.2 builds a throwaway docutils document
for each parse: ``setup_render`` evaluates ``options.get("document",
make_document())`` eagerly, and ``make_document`` builds docutils' whole option
parser to get default settings (about 0.5 ms). The Welsh course has over 4,000
messages, so that was about 2 s of a 7 s build for a document nobody uses.

Here those default settings are built once per parser class and each document
gets its own copy, which is what a fresh ``get_default_settings`` call returns.
MyST also builds a new markdown-it parser for every parse; ``PooledMystParser``
reuses them. If ``make_document`` moves, nothing is patched: only speed is lost.
Both were checked to leave every built page byte-for-byte the same.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from docutils import nodes
from docutils.frontend import Values, get_default_settings
from docutils.parsers.rst import Parser as RSTParser
from docutils.utils import DependencyList, new_document
from markdown_it import MarkdownIt
from myst_parser.config.main import (
    MdParserConfig,
    TopmatterReadError,
    merge_file_level,
    read_topmatter,
)
from myst_parser.mdit_to_docutils import base
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import MystWarnings, create_warning

from .language_spans import LanguageSpanRenderer


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
    original: Any = getattr(base, "make_document", None)
    if original is None or original is make_document:
        return original is make_document
    base.make_document = make_document
    return True


# -- one markdown-it parser per build, not per message ---------------------------------

_idle_parsers: tuple[MdParserConfig, list[MarkdownIt]] | None = None


def _take_parser(config: MdParserConfig) -> MarkdownIt:
    """An idle markdown-it parser for this MyST config, or a new one."""
    global _idle_parsers
    if _idle_parsers is None or _idle_parsers[0] is not config:
        # Holding the config keeps its identity from being reused by another object.
        _idle_parsers = (config, [])
    idle = _idle_parsers[1]
    return idle.pop() if idle else create_md_parser(config, LanguageSpanRenderer)


def _give_back(config: MdParserConfig, parser: MarkdownIt) -> None:
    if _idle_parsers is not None and _idle_parsers[0] is config:
        _idle_parsers[1].append(parser)


class PooledMystParser(MystParser):
    """MyST's Sphinx parser, reusing markdown-it parsers between parses.

    Sphinx's ``Locale`` transform parses each translated message separately, and
    MyST builds a new markdown-it parser, with all its plugins, for every parse
    (about 0.3 ms; over 4,000 Welsh messages). A parser is stateless between
    renders, so idle ones are kept for the build's MyST config. A parse that
    starts while another is rendering (a directive parsing a nested document)
    takes a different parser, and a page with its own MyST settings in front
    matter gets a parser of its own. Both render with ``LanguageSpanRenderer`` so
    ``[text]{lang=en}`` keeps its language.
    """

    def parse(self, inputstring: str, document: nodes.document) -> None:
        config: MdParserConfig = document.settings.env.myst_config
        try:
            topmatter = read_topmatter(inputstring)
        except TopmatterReadError:
            # MyST reports the unreadable front matter while rendering.
            self._render_alone(config, inputstring, document)
            return
        if topmatter:

            def warn(wtype: MystWarnings, message: str) -> None:
                create_warning(document, message, wtype, line=1, append_to=document)

            config = merge_file_level(config, topmatter, warn)
            self._render_alone(config, inputstring, document)
            return
        parser = _take_parser(config)
        try:
            parser.options["document"] = document
            parser.render(inputstring)
        finally:
            parser.options.pop("document", None)
            _give_back(config, parser)

    @staticmethod
    def _render_alone(config: MdParserConfig, inputstring: str, document: nodes.document) -> None:
        """Parse with a parser of its own, as MyST does for every parse."""
        parser = create_md_parser(config, LanguageSpanRenderer)
        parser.options["document"] = document
        parser.render(inputstring)
