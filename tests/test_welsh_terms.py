"""One term for one thing: the same English has the same Welsh everywhere; search folds forms."""

from __future__ import annotations

from pathlib import Path

from conftest import PROJECT_ROOT

from rightway_quiz.i18n import LOCALE_DIR
from rightway_quiz.sphinxext.search_cy import lemma
from tools.welsh_checks import (
    catalogs,
    inconsistency_problems,
    load_terms,
    term_problems,
    translations_by_message,
)

TERMS = PROJECT_ROOT / "locale" / "terminology.tsv"


def all_catalogs() -> list[Path]:
    return catalogs(PROJECT_ROOT / "locale" / "cy" / "LC_MESSAGES") + catalogs(LOCALE_DIR)


def test_the_same_english_has_the_same_welsh_in_every_catalog() -> None:
    """A message that must differ says why in a ``msgctxt``, which makes it another message."""
    assert len(translations_by_message(all_catalogs())) > 2000
    assert inconsistency_problems(all_catalogs()) == []


def test_consistency_check_catches_two_translations(tmp_path: Path) -> None:
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    (tmp_path / "a.po").write_text(
        header + 'msgid "Supervision prompts"\nmsgstr "Cwestiynau ar gyfer goruchwyliaeth"\n',
        encoding="utf-8",
    )
    (tmp_path / "b.po").write_text(
        header + 'msgid "Supervision prompts"\nmsgstr "Sbardunau goruchwyliaeth"\n'
        'msgctxt "a heading on the printed card"\nmsgid "Supervision prompts"\n'
        'msgstr "Cwestiynau"\n',
        encoding="utf-8",
    )
    found = translations_by_message(sorted(tmp_path.glob("*.po")))
    assert len(found[None, "Supervision prompts"]) == 2
    assert found["a heading on the printed card", "Supervision prompts"] == {"Cwestiynau"}
    assert len(inconsistency_problems(sorted(tmp_path.glob("*.po")))) == 1


def test_terminology_covers_interface_and_course_terms() -> None:
    english = {term.english for term in load_terms(TERMS)}
    assert {
        "Check your understanding",
        "Estimated time",
        "supervision prompt",
        "scenario",
        "pass mark",
        "attempt",
        "re-mark",
        "Match each",
        "self-assessment",
        "quiz",
        "learner",
        "complaint",
        "Participation",
        "UNCRC",
    } <= english
    assert term_problems(all_catalogs(), load_terms(TERMS)) == []


def test_term_check_catches_an_old_term(tmp_path: Path) -> None:
    po = tmp_path / "t.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Estimated time: about 40 minutes."\nmsgstr "Amser: tua 40 munud."\n\n'
        'msgid "list quizzes, scenarios and prompts"\nmsgstr "rhestru cwisiau, senarios a sbardunau"\n\n'
        'msgid "the folder with quizzes/ and scenarios/"\nmsgstr "y ffolder gyda quizzes/ a scenarios/"\n',
        encoding="utf-8",
    )
    problems = term_problems([po], load_terms(TERMS))
    assert len(problems) == 2, problems
    assert "'Estimated time' should be 'Amser bras'" in problems[0]
    assert "'scenario' should be 'sefyllfa'" in problems[1]


def test_a_noun_its_plural_and_its_verb_meet_at_the_noun() -> None:
    assert lemma("cwynion") == lemma("cwyn") == lemma("cwyno") == "cwyn"
    assert lemma("gwynion") == "cwyn"  # "ei gwynion", his complaints; not gwyn, "white"
    assert lemma("cwestiynau") == lemma("cwestiwn") == "cwestiwn"


def test_no_word_is_folded_below_three_letters() -> None:
    """Sphinx's search leaves short terms out of its AND rule, so a fold must not make one."""
    assert lemma("gorau") == "gorau"
    assert len(lemma("buddiannau")) >= 3
