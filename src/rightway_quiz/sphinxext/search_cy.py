"""Welsh search: Welsh stop words, and words folded to their dictionary form.

Sphinx has no Welsh search language, so a Welsh site would be indexed with
English rules ("plant" stemmed as if English). Here each indexed word is
lemmatised with simplemma, which also undoes initial mutations
(``blant``/``mhlant`` → ``plentyn``, ``hawliau`` → ``hawl``).

The browser must fold the learner's query the same way, without simplemma.
It gets (a) a table of word forms whose dictionary form differs: every form in
the Welsh catalogs, plus simplemma's other unmutated forms of the same words (so
``eiriolwyr`` finds a page that only says ``eiriolwr``), and (b) the mutation
rules, tried in turn against the index's own terms. So ``gyfranogiad`` finds ``cyfranogiad`` even if that exact mutated
form never appears in the course.

Three corrections to simplemma, applied in the one ``lemma`` both halves use:
a noun, its plural and its verb meet at the noun (``cwynion``, ``cwyn`` and
``cwyno`` all become ``cwyn``, "complaint"); course words that simplemma folds
into an unrelated word keep their course meaning (``gwynion`` is "complaints"
softly mutated, not ``gwyn``, "white"); and a word is never folded into
something under three letters (``gorau`` → ``da``), because Sphinx's search
drops terms that short from its AND rule, so one such term used to widen
"buddiannau gorau" to every page that says "good".
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polib
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.search import SearchLanguage

if TYPE_CHECKING:
    from simplemma import Lemmatizer
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

FORMS_CACHE = "rightway-cy-search-forms.json"
LEMMA_CACHE = "rightway-cy-search-lemmas.json"
WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)*", re.UNICODE)

# Common Welsh function words: articles, prepositions, pronouns, forms of "bod".
# Kept compact: the formatter would give each word a line of its own.
# fmt: off
WELSH_STOPWORDS = frozenset([
    "a", "ac", "ag", "am", "an", "ar", "at", "â", "y", "yr", "’r", "'r", "i", "o", "yn", "ym",
    "yng", "mae", "maen", "oedd", "oes", "sy", "sydd", "yw", "ydy", "ydyn", "ydych", "ydw",
    "bod", "fod", "roedd", "bydd", "fydd", "byddwch", "wedi", "heb", "gan", "gyda", "gydag",
    "hefyd", "hyn", "hynny", "hon", "hwn", "honno", "hwnnw", "fel", "pan", "os", "er", "ei",
    "eu", "ein", "eich", "fy", "dy", "ni", "chi", "nhw", "hi", "fe", "fo", "e", "ef", "nid",
    "na", "nad", "neu", "ond", "mai", "bob", "pob", "rhai", "i’r", "i'r", "o’r", "o'r", "a’r",
    "a'r", "’n", "'n", "’i", "'i", "’w", "'w", "dan", "tan", "drwy", "trwy", "wrth", "rhwng",
    "ger", "beth", "pa", "pwy", "sut", "ble", "lle", "pam", "pryd", "mwy", "mor", "iawn",
    "hefo",
])
# fmt: on

# Initial mutations, from the mutated onset back to the radical: soft, nasal, aspirate.
# Order matters: longer onsets first.
_UNMUTATE = [
    ("ngh", "c"),
    ("mh", "p"),
    ("nh", "t"),
    ("ng", "g"),
    ("ch", "c"),
    ("ph", "p"),
    ("th", "t"),
    ("dd", "d"),
    ("g", "c"),
    ("b", "p"),
    ("d", "t"),
    ("f", "b"),
    ("f", "m"),
    ("l", "ll"),
    ("r", "rh"),
    ("m", "b"),
    ("n", "d"),
]

# Nouns whose forms simplemma sends to a verb or to another word, and what the course
# means by them. Keys are what simplemma (or the learner) produces; values are the
# dictionary form the course indexes. Extend when search misses a form of a course term.
LEMMA_OVERRIDES = {
    "cwyno": "cwyn",  # simplemma: cwyn -> cwyno (the verb); the course means complaints
    "gwynion": "cwyn",  # soft-mutated cwynion ("ei gwynion"), not gwyn "white"
    "gŵyn": "cwyn",  # soft-mutated cwyn ("y gŵyn")
    "nghwyn": "cwyn",
    "nghwynion": "cwyn",
    "cwestio": "cwestiwn",  # simplemma: cwestiwn -> cwestio, which is not a word
}
# Sphinx's search leaves terms under this length out of its AND rule.
MIN_FOLDED_LENGTH = 3

STEMMER_JS = """
/* Welsh query folding for The Right Way course (rightway_quiz/search_cy.py). */
var RIGHTWAY_CY_FORMS = __FORMS__;
var RIGHTWAY_CY_UNMUTATE = __UNMUTATE__;
var Stemmer = function () {
  function known(word) {
    var index = (typeof Search !== "undefined" && Search._index) || {};
    return (index.terms && Object.prototype.hasOwnProperty.call(index.terms, word)) ||
      (index.titleterms && Object.prototype.hasOwnProperty.call(index.titleterms, word));
  }
  this.stemWord = function (word) {
    word = word.toLowerCase().replace(/'/g, "\\u2019");
    if (Object.prototype.hasOwnProperty.call(RIGHTWAY_CY_FORMS, word)) return RIGHTWAY_CY_FORMS[word];
    if (known(word)) return word;
    var candidates = [];
    RIGHTWAY_CY_UNMUTATE.forEach(function (rule) {
      if (word.indexOf(rule[0]) === 0) candidates.push(rule[1] + word.slice(rule[0].length));
    });
    if (/^h[aeiouwy]/.test(word)) candidates.push(word.slice(1));
    if (/^[aeiouwylr]/.test(word)) candidates.push("g" + word);
    for (var i = 0; i < candidates.length; i++) {
      var candidate = candidates[i];
      var folded = Object.prototype.hasOwnProperty.call(RIGHTWAY_CY_FORMS, candidate) ? RIGHTWAY_CY_FORMS[candidate] : candidate;
      if (known(folded)) return folded;
    }
    return word;
  };
};
/* Snippets come from the page's reading text: not from quiz or self-assessment forms,
   whose labels would otherwise be quoted as if they were the page's content. */
document.addEventListener("DOMContentLoaded", function () {
  if (typeof Search === "undefined" || !Search.htmlToText) return;
  var htmlToText = Search.htmlToText;
  Search.htmlToText = function (htmlString, anchor) {
    var page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll("form, .rightway-self-assessment, .rightway-quiz").forEach(function (el) {
      el.remove();
    });
    return htmlToText(page.documentElement.outerHTML, anchor);
  };
});
"""


@cache
def lemma(word: str) -> str:
    """The dictionary form of a Welsh word, lower case (see the module's corrections)."""
    lowered = word.lower().replace("'", "’")
    if lowered in LEMMA_OVERRIDES:
        return LEMMA_OVERRIDES[lowered]
    folded = str(_lemmatizer().lemmatize(lowered, lang="cy")).lower()
    folded = LEMMA_OVERRIDES.get(folded, folded)
    if len(folded) < MIN_FOLDED_LENGTH <= len(lowered):
        return lowered
    return folded


@cache
def _dictionaries() -> DefaultDictionaryFactory:
    """One loaded copy of simplemma's Welsh dictionary (about 0.5 s to read) for every use.

    simplemma is imported here, not with the module: a build whose words are all in
    the cache (see ``SearchWelsh``) never needs it.
    """
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    return DefaultDictionaryFactory()


@cache
def _lemmatizer() -> Lemmatizer:
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy

    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_dictionaries()))


def catalog_words_in(po_path: Path) -> set[str]:
    """Every word of every Welsh translation in one catalog, lower case."""
    words: set[str] = set()
    for entry in polib.pofile(str(po_path)).translated_entries():
        words.update(word.lower() for word in WORD.findall(entry.msgstr))
    return words


def inflected_forms(lemmas: set[str]) -> set[str]:
    """simplemma's other forms of these dictionary words: plurals, verb endings.

    Mutated forms are left out (the browser undoes mutations by rule), and so are
    long derived forms, which keeps the table about 50 KB gzipped on the search page.
    """
    dictionary = _dictionaries().get_dictionary("cy")
    forms: set[str] = set()
    for form, base in dictionary.items():
        if (
            base in lemmas
            and form[:2] == base[:2]
            and len(form) <= len(base) + 3
            and "'" not in form
        ):
            forms.add(form)
    return forms


def forms_table(words: Iterable[str]) -> dict[str, str]:
    """Word forms whose dictionary form differs from the word itself."""
    table: dict[str, str] = {}
    for word in sorted(words):
        folded = lemma(word)
        if folded != word:
            table[word] = folded
    return table


class SearchWelsh(SearchLanguage):
    """Welsh: lemmatised, mutation-folded index words; Welsh stop words."""

    lang = "cy"
    language_name = "Welsh"
    stopwords = WELSH_STOPWORDS

    def __init__(self, options: dict[str, Any]) -> None:
        """Where the Welsh catalogs and the forms cache are: from ``html_search_options``.

        ``_pass_build_folders`` puts them there, so each build's search language gets
        its own folders instead of sharing class attributes between builds.
        """
        super().__init__(options)
        self.locale_dirs = tuple(Path(d) for d in options.get(LOCALE_DIRS_OPTION, ()))
        cache_dir = options.get(CACHE_DIR_OPTION)
        self.cache_dir: Path | None = Path(cache_dir) if cache_dir else None
        # Words folded by earlier builds: indexing an edited page then needs simplemma's
        # dictionary (1.3 s to load) only if the page brings a word never seen before.
        self.lemmas: dict[str, str] = _read_cache(self.cache_dir, LEMMA_CACHE).get("lemmas", {})
        self.new_lemmas = False

    def _lemma(self, word: str) -> str:
        folded = self.lemmas.get(word)
        if folded is None:
            folded = self.lemmas[word] = lemma(word)
            self.new_lemmas = True
        return folded

    def save_lemmas(self) -> None:
        """Keep this build's folded words for the next (at the end of the build)."""
        if self.new_lemmas and self.cache_dir:
            _write_cache(self.cache_dir, LEMMA_CACHE, {"lemmas": self.lemmas})
            self.new_lemmas = False

    def split(self, input: str) -> list[str]:
        """Words, keeping apostrophe forms such as ``i’r`` whole."""
        return WORD.findall(input.replace("'", "’"))

    def stem(self, word: str) -> str:
        """The word's dictionary form, mutations undone."""
        return self._lemma(word)

    def word_filter(self, word: str) -> bool:
        """Index no numbers and no stop words in any case or form ("Mae", "Byddai")."""
        return (
            not word.isdigit()
            and word.lower() not in self.stopwords
            and self._lemma(word) not in self.stopwords
        )

    @property
    def js_stemmer_code(self) -> str:  # type: ignore[override]
        """The browser's half: the forms table and the mutation rules."""
        forms = _forms_json(self.welsh_catalogs(), self.cache_dir)
        return STEMMER_JS.replace("__FORMS__", forms).replace("__UNMUTATE__", json.dumps(_UNMUTATE))

    def welsh_catalogs(self) -> list[Path]:
        return sorted(
            path
            for locale_dir in self.locale_dirs
            for path in (locale_dir / "cy" / "LC_MESSAGES").rglob("*.po")
        )


def _forms_json(catalogs: list[Path], cache_dir: Path | None) -> str:
    """The forms table as JSON, reused from the last build while the catalogs are the same.

    Reading the catalogs takes most of a second and looking up every word's other
    forms about another: an edit to one page should pay neither. The catalogs are
    first compared by size and time; only when those changed are they read and their
    words compared, so a touched but unchanged catalog still reuses the table.
    """
    stamps = [f"{path} {path.stat().st_size} {path.stat().st_mtime_ns}" for path in catalogs]
    cached = _read_cache(cache_dir, FORMS_CACHE)
    if cached.get("stamps") == stamps:
        return str(cached["forms"])
    words: set[str] = set(LEMMA_OVERRIDES)
    for path in catalogs:
        words |= catalog_words_in(path)
    words_key = hashlib.sha256("\n".join(sorted(words)).encode("utf-8")).hexdigest()
    if cached.get("words") == words_key:
        forms = str(cached["forms"])
    else:
        all_words = words | inflected_forms({lemma(word) for word in words})
        forms = json.dumps(forms_table(all_words), ensure_ascii=False, sort_keys=True)
    if cache_dir:
        _write_cache(cache_dir, FORMS_CACHE, {"stamps": stamps, "words": words_key, "forms": forms})
    return forms


@cache
def _cache_key() -> str:
    """What every cached fold depends on: simplemma, the corrections and this module's code."""
    return hashlib.sha256(
        "\n".join(
            [
                simplemma_version(),
                json.dumps([LEMMA_OVERRIDES, MIN_FOLDED_LENGTH], sort_keys=True),
                hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
            ]
        ).encode("utf-8")
    ).hexdigest()


def _read_cache(cache_dir: Path | None, name: str) -> dict[str, Any]:
    """A cache file's content, or nothing if it is missing, unreadable or from other code."""
    if not cache_dir:
        return {}
    try:
        cached = json.loads((cache_dir / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return cached if isinstance(cached, dict) and cached.get("key") == _cache_key() else {}


def _write_cache(cache_dir: Path, name: str, content: dict[str, Any]) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"key": _cache_key(), **content}, ensure_ascii=False)
    (cache_dir / name).write_text(text, encoding="utf-8")


def simplemma_version() -> str:
    from importlib.metadata import version

    return version("simplemma")


def setup_welsh_search(app: Sphinx) -> None:
    """Make ``cy`` a search language, reading the Welsh catalogs for the browser's table."""
    app.add_search_language(SearchWelsh)
    app.connect("config-inited", _pass_build_folders)
    app.connect("build-finished", _save_lemmas)


LOCALE_DIRS_OPTION = "rightway_locale_dirs"
CACHE_DIR_OPTION = "rightway_cache_dir"


def _pass_build_folders(app: Sphinx, config: Config) -> None:
    options = dict(config.html_search_options or {})
    options[LOCALE_DIRS_OPTION] = [str(Path(app.srcdir, d)) for d in config.locale_dirs]
    options[CACHE_DIR_OPTION] = str(app.doctreedir)
    config.html_search_options = options


def _save_lemmas(app: Sphinx, exception: Exception | None) -> None:
    """The build's folded words, for the next build (the HTML builder's search indexer)."""
    language = getattr(getattr(app.builder, "indexer", None), "lang", None)
    if exception is None and isinstance(language, SearchWelsh):
        language.save_lemmas()
