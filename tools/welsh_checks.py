"""Checks that the Welsh course is complete, Welsh, spelt right and uses the agreed terms.

Used by the test suite and by translators: ``python -m tools.welsh_checks``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polib

from rightway_quiz.sphinxext.search_cy import WORD, lemma

MIN_BLOCK_WORDS = 4
_ADDRESS = re.compile(r"https?://|www\.|@|\.(?:org|uk|com|wales|cymru)\b")
BLOCK_TAGS = (
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dt",
    "dd",
    "legend",
    "label",
    "summary",
    "td",
    "th",
    "figcaption",
    "caption",
    "button",
    "option",
)


# -- completeness ----------------------------------------------------------------


def catalogs(folder: Path) -> list[Path]:
    """Every ``.po`` below ``folder``."""
    return sorted(folder.rglob("*.po"))


def completeness_problems(po_paths: Iterable[Path]) -> list[str]:
    """Catalogs with untranslated or fuzzy entries (sphinx-intl stat would count fuzzy as done)."""
    problems: list[str] = []
    for path in po_paths:
        catalog = polib.pofile(str(path))
        untranslated = len(catalog.untranslated_entries())
        fuzzy = len(catalog.fuzzy_entries())
        if untranslated or fuzzy:
            problems.append(
                f"{path}: {catalog.percent_translated()}% translated, "
                f"{untranslated} untranslated, {fuzzy} fuzzy"
            )
    return problems


def missing_from_catalogs(pot_dir: Path, po_dir: Path) -> list[str]:
    """English messages in the templates that have no entry in the Welsh catalogs."""
    problems: list[str] = []
    for pot_path in sorted(pot_dir.rglob("*.pot")):
        po_path = po_dir / pot_path.relative_to(pot_dir).with_suffix(".po")
        known = {e.msgid for e in polib.pofile(str(po_path))} if po_path.exists() else set()
        missing = [e.msgid for e in polib.pofile(str(pot_path)) if e.msgid not in known]
        if missing:
            problems.append(
                f"{po_path}: {len(missing)} English message(s) with no Welsh, e.g. {missing[0][:80]!r}"
            )
    return problems


# -- terminology -------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """An English key term and the Welsh term the course uses for it."""

    english: str
    welsh: str

    @property
    def english_pattern(self) -> re.Pattern[str]:
        """The English term as a whole phrase, any case, optional plural."""
        words = [re.escape(word) for word in self.english.split()]
        return re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"s?(?![\w-])", re.IGNORECASE)

    @property
    def welsh_lemmas(self) -> tuple[str, ...]:
        """The Welsh term as dictionary forms, so mutations and plurals still match."""
        return welsh_lemmas(self.welsh)


# The article (y, yr, ’r) changes with the words around it: "Y Ffordd Gywir", "Mae’r Ffordd Gywir".
_ARTICLES = frozenset({"y", "yr", "r"})


def welsh_lemmas(text: str) -> tuple[str, ...]:
    """Dictionary forms of the words of ``text``, split at apostrophes, articles left out."""
    parts = (part for word in WORD.findall(text) for part in re.split(r"[’']", word) if part)
    return tuple(lemma(part) for part in parts if part.lower() not in _ARTICLES)


def load_terms(tsv: Path) -> list[Term]:
    """Terms from ``terminology.tsv`` (english, welsh, note); parenthesised parts dropped."""
    terms: list[Term] = []
    for line in tsv.read_text(encoding="utf-8").splitlines()[1:]:
        if not line.strip():
            continue
        english, welsh, *_ = line.split("\t")
        english = re.sub(r"\s*\([^)]*\)", "", english).strip()
        welsh = re.sub(r"\s*\([^)]*\)", "", welsh).strip()
        terms.append(Term(english, welsh))
    return terms


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    return any(
        haystack[i : i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1)
    )


_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def term_problems(po_paths: Iterable[Path], terms: list[Term]) -> list[str]:
    """Translations of messages that use a key term but not its agreed Welsh."""
    problems: list[str] = []
    for path in po_paths:
        for entry in polib.pofile(str(path)).translated_entries():
            welsh = welsh_lemmas(entry.msgstr)
            # "{articles}" is a placeholder filled in at run time, not the word "Article";
            # words the Welsh keeps as written are names, not terms (the folder quizzes/,
            # the CSV column "learner"): whether they should be Welsh is the language check's job.
            kept = {word.lower() for word in re.findall(r"[\w-]+", entry.msgstr)}
            english = " ".join(
                word if word.lower().strip(".,:;()/") not in kept else "_"
                for word in _PLACEHOLDER.sub(" ", entry.msgid).split()
            )
            for term in terms:
                if term.english_pattern.search(english) and not _contains(welsh, term.welsh_lemmas):
                    problems.append(
                        f"{path}:{entry.linenum}: {term.english!r} should be {term.welsh!r} in: {entry.msgstr[:90]!r}"
                    )
    return problems


# -- one Welsh for one English -------------------------------------------------------


def translations_by_message(po_paths: Iterable[Path]) -> dict[tuple[str | None, str], set[str]]:
    """Every Welsh given to each (msgctxt, msgid), across catalogs (plural forms joined)."""
    found: dict[tuple[str | None, str], set[str]] = {}
    for path in po_paths:
        for entry in polib.pofile(str(path)).translated_entries():
            welsh = entry.msgstr or " | ".join(
                entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)
            )
            found.setdefault((entry.msgctxt, entry.msgid), set()).add(welsh)
    return found


def inconsistency_problems(po_paths: Iterable[Path]) -> list[str]:
    """English messages translated two ways; a ``msgctxt`` saying why makes a separate message."""
    return [
        f"{msgid[:70]!r} has {len(welsh)} translations: {sorted(welsh)}"
        for (_context, msgid), welsh in translations_by_message(po_paths).items()
        if len(welsh) > 1
    ]


# -- language of each block ----------------------------------------------------------


def welsh_page_blocks(html: str) -> Iterator[str]:
    """Text blocks of a Welsh page, leaving out anything marked as another language."""
    import lxml.html

    root = lxml.html.fromstring(html)
    for element in root.iter(*BLOCK_TAGS):
        if (
            any(ancestor.get("lang", "cy") != "cy" for ancestor in element.iterancestors())
            or element.get("lang", "cy") != "cy"
        ):
            continue
        if any(child.tag in BLOCK_TAGS for child in element.iterdescendants()):
            # Judge the innermost blocks: a list item holding paragraphs is judged by them.
            continue
        # Web and email addresses are in no language.
        text = " ".join(
            word for word in element.text_content().split() if not _ADDRESS.search(word)
        )
        if len(WORD.findall(text)) >= MIN_BLOCK_WORDS:
            yield text


@cache
def _detector() -> object:
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.WELSH, Language.ENGLISH).build()


def is_welsh(text: str) -> bool:
    """lingua, limited to Welsh and English, says Welsh."""
    from lingua import Language

    return bool(_detector().detect_language_of(text) == Language.WELSH)  # type: ignore[attr-defined]


def language_problems(html_paths: Iterable[Path]) -> list[str]:
    """Blocks of four or more words on Welsh pages that read as English."""
    problems: list[str] = []
    for path in html_paths:
        for block in welsh_page_blocks(path.read_text(encoding="utf-8")):
            if not is_welsh(block):
                problems.append(f"{path}: {block[:100]!r}")
    return problems


# -- spelling ----------------------------------------------------------------------------


def prepare_dictionary(dictionary_cy: Path, target: Path) -> Path:
    """Copy npm ``dictionary-cy`` for hunspell, with ``’`` and ``'`` as word characters."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(dictionary_cy / "index.dic", target / "cy_GB.dic")
    aff = (dictionary_cy / "index.aff").read_text(encoding="utf-8")
    # Without this every "Mae’r" is split at the apostrophe and flagged.
    aff = aff.replace("SET UTF-8", "SET UTF-8\nWORDCHARS ’'", 1)
    (target / "cy_GB.aff").write_text(aff, encoding="utf-8")
    return target / "cy_GB"


# Short forms joined by an apostrophe ("Mae’r", "i’w", "canlyniadau’r"): hunspell's
# Welsh dictionary knows the full words, not every joined pair.
_CLITICS = frozenset({"r", "n", "i", "w", "m", "th", "ch", "u", "y"})


def _without_clitics(word: str) -> list[str]:
    parts = re.split(r"[’']", word)
    if len(parts) == 1:
        return parts
    return [part for part in parts if part and part.lower() not in _CLITICS]


def unknown_words(
    texts: Iterable[str], dictionary: Path, word_list: Path | None
) -> tuple[list[str], int]:
    """Words hunspell does not know (minus the project's word list), and the number checked."""
    words = [
        part for text in texts for word in WORD.findall(text) for part in _without_clitics(word)
    ]
    command = ["hunspell", "-d", str(dictionary), "-l"]
    if word_list is not None:
        command += ["-p", str(word_list)]
    result = subprocess.run(
        command, input="\n".join(words), capture_output=True, text=True, check=True
    )
    return result.stdout.split(), len(words)


def catalog_texts(po_paths: Iterable[Path]) -> list[str]:
    """Every Welsh translation, with markup, roles and placeholders removed."""
    texts: list[str] = []
    for path in po_paths:
        for entry in polib.pofile(str(path)).translated_entries():
            text = re.sub(
                r"\{[^}]*\}`[^`]*`|`[^`]*`|\{[a-z_]+\}|https?://\S+|<[^>]+>|\[|\]\([^)]*\)",
                " ",
                entry.msgstr,
            )
            texts.append(text)
    return texts


def main(argv: list[str] | None = None) -> int:
    """Print every Welsh problem found; exit 1 if any."""
    parser = argparse.ArgumentParser(prog="python -m tools.welsh_checks", description=__doc__)
    parser.add_argument("--locale", type=Path, default=Path("locale/cy/LC_MESSAGES"))
    parser.add_argument("--terms", type=Path, default=Path("locale/terminology.tsv"))
    parser.add_argument("--html", type=Path, default=Path("_build/html/cy"))
    parser.add_argument("--dictionary", type=Path, default=Path("node_modules/dictionary-cy"))
    parser.add_argument("--word-list", type=Path, default=Path("locale/cy-wordlist.txt"))
    args = parser.parse_args(argv)
    po_paths = catalogs(args.locale)
    all_paths = po_paths + catalogs(Path("src/rightway_quiz/locale"))
    problems = (
        completeness_problems(po_paths)
        + term_problems(all_paths, load_terms(args.terms))
        + inconsistency_problems(all_paths)
    )
    if args.html.exists():
        problems += language_problems(sorted(args.html.rglob("*.html")))
    if args.dictionary.exists() and shutil.which("hunspell"):
        dictionary = prepare_dictionary(args.dictionary, Path("_build/hunspell"))
        unknown, total = unknown_words(catalog_texts(po_paths), dictionary, args.word_list)
        rate = 100 * len(unknown) / max(total, 1)
        print(f"spelling: {len(unknown)} unknown of {total} words ({rate:.2f}%)")
        print("  " + " ".join(sorted(set(unknown))[:200]))
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
