"""A module's launch page (``sco/<module>.html``) and the SCO runtime it loads.

The page is rendered from ``templates/launch.html`` with autoescaping, so a title
or setting holding ``<``, ``&`` or quotes cannot break the markup. The runtime ships
as one file, ``sco/rightway-scorm-sco.js``, joined from the parts below in order:
each part adds its functions to a private ``RightwaySco`` object and ``sco.js``,
last, runs the session.

Importing Jinja2 is about half of a packager run that finds nothing changed, so the
pages rendered last time are kept beside the zips (``LaunchPages``) and Jinja2 is
imported only to render a page whose template or values changed.
"""

from __future__ import annotations

import functools
import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

SCO_RUNTIME = "rightway-scorm-sco.js"
RUNTIME_PARTS = ("sco-lms.js", "sco-state.js", "sco-report.js", "sco-language.js", "sco.js")


TEMPLATE = "launch.html"
LAUNCH_PAGES_FILE = ".rightway-scorm-launch-pages.json"


@functools.cache
def _environment() -> jinja2.Environment:
    import jinja2  # only when a page must be rendered: see the module's note

    return jinja2.Environment(
        loader=jinja2.PackageLoader(__package__ or "rightway_quiz.scorm", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def joined_title(titles: list[str]) -> str:
    """Titles in each language, Welsh (the first language) first, without repeating a shared one."""
    return " / ".join(dict.fromkeys(titles))


def _template_values(
    module_titles: list[str], languages: tuple[str, ...], settings: dict[str, object], fallback: str
) -> dict[str, str]:
    return {
        "language": languages[0],
        "title": joined_title(module_titles),
        "runtime": SCO_RUNTIME,
        "settings_json": json.dumps(settings, ensure_ascii=False, separators=(",", ":")),
        "fallback": fallback,
    }


def launch_page(
    module_titles: list[str], languages: tuple[str, ...], settings: dict[str, object], fallback: str
) -> str:
    """The HTML of a module's launch page: settings for the runtime and a frame for the course."""
    values = _template_values(module_titles, languages, settings, fallback)
    return _environment().get_template(TEMPLATE).render(**values)


@functools.cache
def _template_source() -> bytes:
    return (
        resources.files(__package__ or "rightway_quiz.scorm")
        .joinpath("templates", TEMPLATE)
        .read_bytes()
    )


class LaunchPages:
    """Launch pages as the last run rendered them, by a hash of the template and its values."""

    def __init__(self, output_dir: Path) -> None:
        self.path = output_dir / LAUNCH_PAGES_FILE
        try:
            self.saved: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.saved = {}
        self.used: dict[str, str] = {}

    def render(
        self,
        module_titles: list[str],
        languages: tuple[str, ...],
        settings: dict[str, object],
        fallback: str,
    ) -> str:
        """What :func:`launch_page` returns, rendered again only if something changed."""
        values = _template_values(module_titles, languages, settings, fallback)
        digest = hashlib.sha256(_template_source())
        digest.update(json.dumps(values, sort_keys=True).encode("utf-8"))
        key = digest.hexdigest()
        page = self.saved.get(key)
        if page is None:
            page = _environment().get_template(TEMPLATE).render(**values)
        self.used[key] = page
        return page

    def save(self) -> None:
        """Keep this run's pages (only those) for the next run."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.used, ensure_ascii=False, sort_keys=True)
        self.path.write_text(text, encoding="utf-8")


@functools.cache
def sco_runtime() -> bytes:
    """The runtime's parts joined into the one file a launch page loads."""
    folder = resources.files(__package__ or "rightway_quiz.scorm")
    return b"\n".join(folder.joinpath(part).read_bytes() for part in RUNTIME_PARTS)
