"""The extension's configuration: declared once, registered in a loop, checked on config-inited."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

PREFIX = "rightway_"


@dataclass(frozen=True)
class RightwayConfig:
    """Settings read from ``conf.py`` as ``rightway_<name>``."""

    languages: list[str] = field(
        default_factory=lambda: ["cy", "en"],
        metadata={"help": "Languages the course is built in; Welsh first."},
    )
    titles: dict[str, str] = field(
        default_factory=dict,
        metadata={"help": "The course title in each language (becomes html_title)."},
    )
    copyrights: dict[str, str] = field(
        default_factory=dict,
        metadata={"help": "The copyright line in each language."},
    )
    quiz_dir: str = field(
        default="quizzes",
        metadata={"help": "Folder of quiz sources, one YAML file per quiz."},
    )
    scenario_dir: str = field(
        default="scenarios",
        metadata={"help": "Folder of scenarios, supervision prompts and article summaries."},
    )
    diagram_dir: str = field(
        default="diagrams",
        metadata={"help": "Folder of diagram sources, one YAML file per diagram."},
    )
    notebook_dir: str = field(
        default="",
        metadata={
            "help": "Folder of per-language notebook copies with outputs (tools.notebooks);"
            " empty means notebooks are read as stored."
        },
    )
    scorm_modules: list[str] = field(
        default_factory=list,
        metadata={
            "help": "Pages that become SCORM SCOs, in course order; empty means every page "
            "with a quiz, in reading order."
        },
    )

    @classmethod
    def from_sphinx(cls, config: Config) -> RightwayConfig:
        """Read the values Sphinx collected from ``conf.py``."""
        values = {f.name: getattr(config, PREFIX + f.name) for f in dataclasses.fields(cls)}
        return cls(**values)


def code_fingerprint() -> str:
    """A hash of the extension's own files (code, templates, assets, catalogs).

    Registered as a config value that rebuilds the environment, so editing the
    extension rebuilds every page: Sphinx alone only notices edited sources.
    """
    digest = hashlib.sha256()
    package = Path(__file__).parents[1]  # the whole package: model and catalogs shape pages too
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".html", ".js", ".css", ".conf", ".mo"}:
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def setup_config(app: Sphinx) -> None:
    """Register every ``rightway_*`` value and validate them once the config is read."""
    app.add_config_value(
        PREFIX + "code_fingerprint", code_fingerprint(), "env", types=frozenset({str})
    )
    for config_field in dataclasses.fields(RightwayConfig):
        default = (
            config_field.default_factory()
            if config_field.default_factory is not dataclasses.MISSING
            else config_field.default
        )
        app.add_config_value(
            PREFIX + config_field.name,
            default,
            "env",
            description=config_field.metadata["help"],
        )
    app.connect("config-inited", _apply_config)


def _apply_config(app: Sphinx, config: Config) -> None:
    settings = RightwayConfig.from_sphinx(config)
    language = config.language or "en"
    if language not in settings.languages:
        raise ConfigError(
            f"rightway_languages is {settings.languages!r} but the build language is {language!r}"
        )
    for name in ("titles", "copyrights"):
        per_language: dict[str, Any] = getattr(settings, name)
        missing = [lang for lang in settings.languages if lang not in per_language]
        if per_language and missing:
            raise ConfigError(f"{PREFIX}{name} has no entry for {', '.join(missing)}")
    if settings.titles:
        config.html_title = settings.titles[language]
        config.project = settings.titles[language]
    if settings.copyrights:
        config.copyright = settings.copyrights[language]
    for name in ("quiz_dir", "scenario_dir"):
        folder = Path(app.confdir, getattr(settings, name))
        if not folder.is_dir():
            raise ConfigError(f"{PREFIX}{name} is {folder}, which is not a folder")


def get_settings(app: Sphinx) -> RightwayConfig:
    """The validated settings of this build."""
    return RightwayConfig.from_sphinx(app.config)
