"""The cached MyST ``make_document`` is in use and gives what the original gives."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from docutils.frontend import get_default_settings
from myst_parser.mdit_to_docutils import base
from myst_parser.parsers.docutils_ import Parser as MystParser

from rightway_quiz.sphinxext.myst_speedup import make_document, speed_up_myst


def test_the_pinned_myst_parser_gets_the_cached_make_document() -> None:
    assert speed_up_myst()
    assert base.make_document is make_document


def test_each_document_has_fresh_default_settings_of_its_own() -> None:
    first = make_document("a.md", MystParser)
    second = make_document("b.md", MystParser)
    fresh = vars(get_default_settings(MystParser))
    # A DependencyList compares by identity; each document must have its own.
    assert first.settings.record_dependencies is not second.settings.record_dependencies
    assert _comparable(vars(first.settings)) == _comparable(fresh)
    assert first.settings is not second.settings
    first.settings.report_level = 5
    first.settings._config_files.append("changed")
    assert second.settings.report_level == fresh["report_level"]
    assert "changed" not in second.settings._config_files
    assert make_document("c.md", MystParser).settings.report_level == fresh["report_level"]


def _comparable(settings: dict[str, object]) -> dict[str, object]:
    return {name: value for name, value in settings.items() if name != "record_dependencies"}


def test_parsers_are_reused_but_never_shared_while_busy() -> None:
    from myst_parser.config.main import MdParserConfig

    from rightway_quiz.sphinxext import myst_speedup

    config = MdParserConfig()
    first = myst_speedup._take_parser(config)
    nested = myst_speedup._take_parser(config)  # taken while the first is still rendering
    assert nested is not first
    myst_speedup._give_back(config, nested)
    myst_speedup._give_back(config, first)
    assert myst_speedup._take_parser(config) in (first, nested)
    # Another build's config never gets this one's parsers.
    assert myst_speedup._take_parser(MdParserConfig()) not in (first, nested)


def test_the_course_build_uses_the_pooled_parser(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    shutil.copytree(rootdir / "test-course", tmp_path / "src")
    app = make_app("html", srcdir=tmp_path / "src")
    assert app.registry.source_parsers["markdown"].__name__ == "PooledMystParser"
