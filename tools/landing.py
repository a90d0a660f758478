"""The bilingual landing page at the top of the built site: Welsh first, equal prominence.

Each language's link says how long the course takes, from ``course.yaml`` (the one
list of modules and times), in the words the welcome pages use.

Also ``404.html`` beside it, the same bilingual "page not found" text that each
language's build has, so a host never falls back to its own English page.

Run by ``make``: ``python -m tools.landing _build/html``.
"""

from __future__ import annotations

import gettext
import sys
from html import escape
from pathlib import Path

from sphinx.config import Config
from sphinx.util.tags import Tags

from rightway_quiz.course.loader import load_outline
from rightway_quiz.i18n import AUTONYMS, LOCALE_DIR, MESSAGE_CATALOG_NAME, translator
from rightway_quiz.sphinxext.not_found import TITLE, not_found_sections

STYLE = """
body { font-family: system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fff; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1rem; }
h1 { font-size: 1.6rem; line-height: 1.3; }
h1 span { display: block; }
ul { list-style: none; padding: 0; display: grid; gap: 1rem;
     grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); }
a { display: block; padding: 1.25rem; border: 2px solid #0b57d0; border-radius: 0.5rem;
    color: #0b57d0; font-size: 1.25rem; font-weight: 700; text-decoration: none; }
a span { display: block; font-size: 1rem; font-weight: 400; color: #1a1a1a; margin-top: 0.25rem; }
a:hover, a:focus-visible { background: #0b57d0; color: #fff; outline: 3px solid #1a1a1a; outline-offset: 2px; }
a:hover span, a:focus-visible span { color: #fff; }
"""


def _translator(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        MESSAGE_CATALOG_NAME, str(LOCALE_DIR), languages=[language], fallback=True
    )


# Each link is written in its own language and names that language. The message says
# so: its old msgid, "Start the course in English", had to be "translated" as
# "Dechrau’r cwrs yn Gymraeg", and a careful reviewer would have "fixed" it. (A literal,
# so that tools.catalogs extracts it.)
def _start_text(language: str) -> str:
    if language == "en":
        return "Start the course in English"
    return _translator(language).gettext("Start the course in this language")


def course_length_text(language: str, minutes: list[int]) -> str:
    """How long the course takes, by ``journey.time_text``'s rule and in its words."""
    translate = _translator(language).gettext
    total = sum(minutes)
    if total < 120:
        time = translate("about {minutes} minutes").format(minutes=total)
    else:
        time = translate("about {hours} hours ({minutes} minutes)").format(
            hours=round(total / 60), minutes=total
        )
    sentence = translate("{count} modules, {time} in all. You can take them one at a time.")
    return sentence.format(count=len(minutes), time=time)


def render_landing(titles: dict[str, str], languages: list[str], minutes: list[int]) -> str:
    """The landing page's HTML: one equal link per language, in the configured order."""
    first = languages[0]
    heading = "".join(
        f'<span lang="{lang}">{escape(titles.get(lang, ""))}</span>' for lang in languages
    )
    links = "".join(
        f'<li><a href="{lang}/index.html" hreflang="{lang}" lang="{lang}">'
        f"{escape(AUTONYMS.get(lang, lang))}<span>{escape(_start_text(lang))}</span>"
        f"<span>{escape(course_length_text(lang, minutes))}</span></a></li>"
        for lang in languages
    )
    title = " | ".join(escape(titles.get(lang, "")) for lang in languages)
    return (
        f'<!doctype html>\n<html lang="{first}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n<h1>{heading}</h1>\n<ul>{links}</ul>\n</main>\n</body>\n</html>\n"
    )


def render_not_found(languages: list[str]) -> str:
    """The top-level ``404.html``: every language's "page not found", Welsh first."""
    first = languages[0]
    title = " | ".join(escape(translator(lang)(TITLE)) for lang in languages)
    sections = not_found_sections(languages, lambda lang: f"{lang}/index.html")
    return (
        f'<!doctype html>\n<html lang="{first}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{sections}\n</main>\n</body>\n</html>\n"
    )


def main(argv: list[str] | None = None) -> int:
    """Write ``index.html`` into the given output folder, reading titles from ``conf.py``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m tools.landing OUTPUT_DIR", file=sys.stderr)
        return 2
    config = Config.read(Path.cwd(), overrides={}, tags=Tags())
    titles: dict[str, str] = config._raw_config.get("rightway_titles", {})
    languages: list[str] = config._raw_config.get("rightway_languages", ["cy", "en"])
    minutes = [module.minutes for module in load_outline(Path.cwd()).model.modules]
    output = Path(args[0])
    output.mkdir(parents=True, exist_ok=True)
    (output / "index.html").write_text(render_landing(titles, languages, minutes), encoding="utf-8")
    (output / "404.html").write_text(render_not_found(languages), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
