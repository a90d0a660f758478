"""The Welsh course is complete, reads as Welsh, is spelt right and keeps its terms."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, html_pages

from rightway_quiz.i18n import LOCALE_DIR
from tools.welsh_checks import (
    catalog_texts,
    catalogs,
    completeness_problems,
    is_welsh,
    language_problems,
    load_terms,
    missing_from_catalogs,
    prepare_dictionary,
    term_problems,
    unknown_words,
)

WELSH_CATALOGS = PROJECT_ROOT / "locale" / "cy" / "LC_MESSAGES"
TERMS = PROJECT_ROOT / "locale" / "terminology.tsv"
WORD_LIST = PROJECT_ROOT / "locale" / "cy-wordlist.txt"
DICTIONARY_CY = PROJECT_ROOT / "node_modules" / "dictionary-cy"
MAX_UNKNOWN_RATE = 0.01


def all_catalogs() -> list[Path]:
    return catalogs(WELSH_CATALOGS) + catalogs(LOCALE_DIR)


def test_every_catalog_is_fully_translated_and_nothing_is_fuzzy() -> None:
    assert len(catalogs(WELSH_CATALOGS)) >= 10
    assert completeness_problems(all_catalogs()) == []


def test_every_english_message_has_a_welsh_entry(tmp_path: Path) -> None:
    """English edited or added without its Welsh fails here: both languages go live together."""
    # A separate sphinx-build, as `make gettext` runs it: an in-process Sphinx() would leave
    # global docutils registrations behind and make later Sphinx tests warn.
    gettext = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "gettext",
            "-q",
            "-E",
            "-c",
            str(PROJECT_ROOT),
            str(PROJECT_ROOT / "course"),
            str(tmp_path / "gettext"),
            "-d",
            str(tmp_path / "doctrees"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert gettext.returncode == 0, gettext.stderr
    assert gettext.stderr == ""
    assert missing_from_catalogs(tmp_path / "gettext", WELSH_CATALOGS) == []


def test_translations_use_the_agreed_terms() -> None:
    terms = load_terms(TERMS)
    assert len(terms) >= 15
    assert term_problems(all_catalogs(), terms) == []


def test_term_check_allows_mutations_and_catches_other_words(tmp_path: Path) -> None:
    po = tmp_path / "t.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Every corporate parent must listen."\nmsgstr "Rhaid i bob rhiant corfforaethol wrando."\n\n'
        'msgid "The UNCRC applies."\nmsgstr "Mae’r confensiwn yn berthnasol."\n\n'
        'msgid "Children\'s rights in Participation"\nmsgstr "Hawliau plant mewn cyfranogiad"\n\n'
        'msgid "Embedding children\'s rights"\nmsgstr "Sut i wreiddio hawliau plant"\n\n'
        'msgid "Rights engaged: {articles}"\nmsgstr "Hawliau dan sylw: {articles}"\n\n'
        'msgid "Read {article} first."\nmsgstr "Darllenwch {article} yn gyntaf."\n\n'
        'msgid "Read Article 12 first."\nmsgstr "Darllenwch Rhan 12 yn gyntaf."\n',
        encoding="utf-8",
    )
    problems = term_problems([po], load_terms(TERMS))
    assert len(problems) == 2, problems
    assert "'UNCRC' should be 'CCUHP'" in problems[0]
    assert "'Article' should be 'Erthygl'" in problems[1]


def test_language_check_tells_welsh_from_english() -> None:
    assert is_welsh("Mae gan bob plentyn hawl i gael ei glywed")
    assert not is_welsh("Every child has the right to be heard")


def test_every_welsh_page_reads_as_welsh(html_dir: Path) -> None:
    pages = [html_dir / "cy" / page for page in html_pages("cy")]
    assert language_problems(pages) == []


def test_welsh_spelling_is_checked_and_unknown_words_stay_under_one_percent(tmp_path: Path) -> None:
    if shutil.which("hunspell") is None:
        pytest.fail(
            "Debian hunspell is not installed (apt-get install hunspell); .ci/run installs it"
        )
    assert DICTIONARY_CY.exists(), "npm dictionary-cy is missing: run make"
    dictionary = prepare_dictionary(DICTIONARY_CY, tmp_path)
    # The checker is live: a misspelt word is caught.
    unknown, _ = unknown_words(["Mae’r plant yn cael eu clywedd"], dictionary, WORD_LIST)
    assert unknown == ["clywedd"]
    unknown, total = unknown_words(catalog_texts(all_catalogs()), dictionary, WORD_LIST)
    rate = len(unknown) / total
    print(
        f"Welsh spelling: {len(unknown)} unknown of {total} words ({rate:.2%}): {sorted(set(unknown))[:60]}"
    )
    assert total > 5000
    assert rate <= MAX_UNKNOWN_RATE
