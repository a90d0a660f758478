"""A module's launch page (``sco/<module>.html``) and the SCO runtime it loads.

The page is rendered from ``templates/launch.html`` with autoescaping, so a title
or setting holding ``<``, ``&`` or quotes cannot break the markup. The runtime ships
as one file, ``sco/rightway-scorm-sco.js``, joined from the parts below in order:
each part adds its functions to a private ``RightwaySco`` object and ``sco.js``,
last, runs the session.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

import jinja2

SCO_RUNTIME = "rightway-scorm-sco.js"
RUNTIME_PARTS = ("sco-lms.js", "sco-state.js", "sco-report.js", "sco-language.js", "sco.js")


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader(__package__ or "rightway_quiz.scorm", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def joined_title(titles: list[str]) -> str:
    """Titles in each language, Welsh (the first language) first, without repeating a shared one."""
    return " / ".join(dict.fromkeys(titles))


def launch_page(
    module_titles: list[str], languages: tuple[str, ...], settings: dict[str, object], fallback: str
) -> str:
    """The HTML of a module's launch page: settings for the runtime and a frame for the course."""
    return (
        _environment()
        .get_template("launch.html")
        .render(
            language=languages[0],
            title=joined_title(module_titles),
            runtime=SCO_RUNTIME,
            settings_json=json.dumps(settings, ensure_ascii=False, separators=(",", ":")),
            fallback=fallback,
        )
    )


@functools.cache
def sco_runtime() -> bytes:
    """The runtime's parts joined into the one file a launch page loads."""
    folder = resources.files(__package__ or "rightway_quiz.scorm")
    return b"\n".join(folder.joinpath(part).read_bytes() for part in RUNTIME_PARTS)
