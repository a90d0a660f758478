"""The CLI's language lasts for its run only.

The run's translator used to be a module global set by `main()` and never reset, and
argparse's own words stayed patched: after a Welsh run, the next English use of the
package in the same process (a test, a notebook, the public API) spoke Welsh.
"""

from __future__ import annotations

import argparse

import pytest

from rightway_quiz.grader import cli
from rightway_quiz.grader.messages import ENGLISH, _, run_translator


def test_a_welsh_run_leaves_english_behind(capsys: pytest.CaptureFixture[str]) -> None:
    argparse_words = argparse._  # type: ignore[attr-defined]
    assert cli.main(["--lang", "cy", "list"]) == 0
    assert "Cyfranogiad" in capsys.readouterr().out  # the run spoke Welsh
    assert run_translator() is ENGLISH
    assert _("options") == "options"
    assert argparse._ is argparse_words  # type: ignore[attr-defined]


def test_argparse_speaks_welsh_during_a_welsh_run(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--lang", "cy", "grade", "--no-such-option"]) == 2
    error = capsys.readouterr().err
    assert "gwall" in error and "error" not in error  # argparse's own words, in Welsh
    assert run_translator() is ENGLISH
