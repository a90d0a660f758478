"""The Welsh search's caches: an edited page is indexed without reloading simplemma.

Loading simplemma's Welsh dictionary takes over a second and reading every Welsh
catalog most of another; a one-page rebuild used to pay both. These tests run the
search language as Sphinx does, in a fresh process each time, so nothing is shared
through memory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT_ROOT

FOLD = """
import json, sys
from pathlib import Path
from rightway_quiz.sphinxext import search_cy
language = search_cy.SearchWelsh({
    search_cy.LOCALE_DIRS_OPTION: [sys.argv[1]],
    search_cy.CACHE_DIR_OPTION: sys.argv[2],
})
words = sys.argv[3].split()
folded = [language.stem(word) for word in words]
if sys.argv[4] == "table":
    language.js_stemmer_code
language.save_lemmas()
print(json.dumps({
    "folded": folded,
    "dictionary_loaded": search_cy._dictionaries.cache_info().currsize > 0,
    "simplemma_imported": "simplemma" in sys.modules,
}))
"""


def fold(locale: Path, cache: Path, words: str, table: bool = False) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", FOLD, str(locale), str(cache), words, "table" if table else "-"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT / "src")},
        capture_output=True,
        text=True,
        check=True,
    )
    answer: dict[str, object] = json.loads(result.stdout)
    return answer


def test_a_second_build_folds_known_words_without_the_dictionary(tmp_path: Path) -> None:
    locale = PROJECT_ROOT / "locale"
    first = fold(locale, tmp_path, "blant hawliau cwynion")
    assert first["folded"] == ["plentyn", "hawl", "cwyn"] and first["dictionary_loaded"] is True
    again = fold(locale, tmp_path, "hawliau blant")
    assert again["folded"] == ["hawl", "plentyn"]
    assert again["dictionary_loaded"] is False and again["simplemma_imported"] is False
    # A word no build has seen loads the dictionary, and the answer is still right.
    new = fold(locale, tmp_path, "eiriolwyr")
    assert new["dictionary_loaded"] is True and new["folded"] == ["eiriolwr"]


def test_the_forms_table_is_reused_until_a_catalog_changes(tmp_path: Path) -> None:
    locale = tmp_path / "locale"
    messages = locale / "cy" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    catalog = messages / "page.po"
    catalog.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Complaints"\nmsgstr "Cwynion"\n',
        encoding="utf-8",
    )
    cache = tmp_path / "cache"
    assert fold(locale, cache, "", table=True)["dictionary_loaded"] is True
    table = json.loads((cache / "rightway-cy-search-forms.json").read_text(encoding="utf-8"))
    assert json.loads(table["forms"])["cwynion"] == "cwyn"
    assert fold(locale, cache, "", table=True)["dictionary_loaded"] is False
    catalog.write_text(
        catalog.read_text(encoding="utf-8") + '\nmsgid "Advocates"\nmsgstr "Eiriolwyr"\n',
        encoding="utf-8",
    )
    assert fold(locale, cache, "", table=True)["dictionary_loaded"] is True
    table = json.loads((cache / "rightway-cy-search-forms.json").read_text(encoding="utf-8"))
    assert json.loads(table["forms"])["eiriolwyr"] == "eiriolwr"
