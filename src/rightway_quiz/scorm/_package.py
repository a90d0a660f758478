"""Zip the built course into SCORM packages: one per language and version, and bilingual.

A package holds each language's HTML folder as built (``cy/``, ``en/``), a launch
page per module (``sco/<module>.html``, see ``_launch``) with the SCO runtime
(``sco/rightway-scorm-sco.js``), and ``imsmanifest.xml`` at the root listing every
other file. Only packages whose content changed are re-zipped (``_zip``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .._version import __version__
from ._course import COURSE_FILE, LanguageBuild, Module
from ._launch import SCO_RUNTIME, LaunchPages, joined_title, launch_page, sco_runtime
from ._manifest import Organization, PackageVersion, Sco, manifest_xml
from ._zip import ZipCache

PACKAGE_VERSIONS: tuple[PackageVersion, ...] = ("12", "2004")
RUNTIME_VERSION = {"12": "1.2", "2004": "2004"}
SCO_FOLDER = "sco"
BILINGUAL = "bilingual"
# Build by-products no learner opens: Sphinx's inventory, source maps (only developer
# tools fetch them) and dotfiles such as .buildinfo.
SKIPPED_FILES = frozenset({"objects.inv"})
SKIPPED_SUFFIXES = frozenset({".map"})
# Our own theme markup (rightway-language-switch.html, page.html): a one-language package
# drops the switch and the alternate links, whose targets it does not hold.
LANGUAGE_SWITCH = re.compile(r'<nav class="rightway-language-switch".*?</nav>\s*', re.DOTALL)
ALTERNATE_LINK = re.compile(r'<link rel="alternate" hreflang="[^"]*" href="[^"]*">\s*')


@dataclass(frozen=True)
class Variant:
    """Which languages one package holds; the first is the default."""

    name: str
    languages: tuple[str, ...]


def package_name(variant: str, version: PackageVersion) -> str:
    """``rightway-cy-scorm12.zip`` and its siblings."""
    return f"rightway-{variant}-scorm{version}.zip"


def read_builds(html_dir: Path) -> dict[str, LanguageBuild]:
    """Each language's build summary, in the course's language order."""
    if not html_dir.is_dir():
        raise FileNotFoundError(f"{html_dir} is not a folder: run `make html`")
    found = {
        folder.name: LanguageBuild.read(folder)
        for folder in sorted(html_dir.iterdir())
        if (folder / COURSE_FILE).is_file()
    }
    if not found:
        raise FileNotFoundError(
            f"no HTML build with {COURSE_FILE} under {html_dir}: run `make html`"
        )
    order = next(iter(found.values())).languages
    ordered = {lang: found[lang] for lang in order if lang in found}
    _check_same_course(ordered)
    return ordered


def _check_same_course(builds: dict[str, LanguageBuild]) -> None:
    """Every language must have the same modules and quizzes, or a switch would lose progress."""
    shapes = {
        lang: [
            (m.page, m.quiz.id if m.quiz else None, m.quiz.version if m.quiz else None)
            for m in b.modules
        ]
        for lang, b in builds.items()
    }
    first_lang, first = next(iter(shapes.items()))
    for lang, shape in shapes.items():
        if shape != first:
            raise ValueError(
                f"the {lang} build's modules or quizzes differ from the {first_lang} build's: "
                "rebuild both languages"
            )
    if not first:
        raise ValueError(
            "the course has no SCORM modules: no page has a quiz and rightway_scorm_modules is empty"
        )


def variants(languages: list[str]) -> list[Variant]:
    """One package per language, then a bilingual one when there is more than one language."""
    result = [Variant(lang, (lang,)) for lang in languages]
    if len(languages) > 1:
        result.append(Variant(BILINGUAL, tuple(languages)))
    return result


def sco_file(module: Module) -> str:
    """The launch page's path in the package; modules in folders get a flat name."""
    return f"{SCO_FOLDER}/{module.page.replace('/', '--')}.html"


# -- files ------------------------------------------------------------------------


def _course_files(html_dir: Path, language: str) -> Iterator[tuple[str, Path]]:
    folder = html_dir / language
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if not path.is_file() or relative.name in SKIPPED_FILES or path.suffix in SKIPPED_SUFFIXES:
            continue
        if any(part.startswith(".") for part in relative.parts):
            continue
        yield f"{language}/{relative.as_posix()}", path


def _page_bytes(path: Path, one_language: bool) -> bytes:
    data = path.read_bytes()
    if not one_language or path.suffix != ".html":
        return data
    text = data.decode("utf-8")
    text = ALTERNATE_LINK.sub("", LANGUAGE_SWITCH.sub("", text))
    return text.encode("utf-8")


class SiteFiles:
    """The built files as packages hold them, each read (and edited) once per run.

    The 1.2 and 2004 packages of a variant hold the same files, and the bilingual
    ones hold each language's files as they are built.
    """

    def __init__(self, html_dir: Path) -> None:
        self.html_dir = html_dir
        self.read: dict[tuple[str, bool], dict[str, bytes]] = {}

    def language(self, language: str, one_language: bool) -> dict[str, bytes]:
        """Every file of one language's build (path in the package → content)."""
        key = (language, one_language)
        if key not in self.read:
            self.read[key] = {
                name: _page_bytes(path, one_language)
                for name, path in _course_files(self.html_dir, language)
            }
        return self.read[key]


# -- packages ----------------------------------------------------------------------


def package_files(
    site: SiteFiles,
    builds: dict[str, LanguageBuild],
    variant: Variant,
    version: PackageVersion,
    render: Callable[[list[str], tuple[str, ...], dict[str, object], str], str] = launch_page,
) -> tuple[dict[str, bytes], Organization]:
    """Every file of one package (path → content) except the manifest, and its organisation.

    ``render`` makes a module's launch page (``launch_page``, or a ``LaunchPages``' copy).
    """
    one_language = len(variant.languages) == 1
    files: dict[str, bytes] = {}
    for lang in variant.languages:
        files.update(site.language(lang, one_language))
    files[f"{SCO_FOLDER}/{SCO_RUNTIME}"] = sco_runtime()
    first = builds[variant.languages[0]]
    pages = first.pages
    pages_key = hashlib.sha256("\n".join(pages).encode("utf-8")).hexdigest()[:8]
    notices = {lang: _other_module_notices(builds[lang]) for lang in variant.languages}
    strings = {lang: _runtime_strings(builds[lang]) for lang in variant.languages}
    scos: list[Sco] = []
    for index, module in enumerate(first.modules):
        titles = [builds[lang].modules[index].title for lang in variant.languages]
        settings: dict[str, object] = {
            "version": RUNTIME_VERSION[version],
            "module": module.page,
            "quiz": {"id": module.quiz.id, "passMark": module.quiz.pass_mark}
            if module.quiz
            else None,
            "languages": list(variant.languages),
            "pages": pages,
            "pagesKey": pages_key,
            "notices": notices,
            "strings": strings,
        }
        fallback = f"../{variant.languages[0]}/{module.page}.html"
        launch = sco_file(module)
        files[launch] = render(titles, variant.languages, settings, fallback).encode("utf-8")
        scos.append(
            Sco(
                identifier=_identifier(module.page),
                title=joined_title(titles),
                href=launch,
                mastery_score=module.quiz.pass_mark if module.quiz else None,
            )
        )
    organization = Organization(
        identifier=f"rightway-{variant.name}",
        title=joined_title([builds[lang].title for lang in variant.languages]),
        scos=scos,
    )
    return files, organization


def _other_module_notices(build: LanguageBuild) -> dict[str, str]:
    """For each module's quiz, the note shown when it is taken inside another module's SCO."""
    template = build.strings["otherModule"]
    return {
        module.quiz.id: template.replace("{module}", module.title)
        for module in build.modules
        if module.quiz
    }


def _runtime_strings(build: LanguageBuild) -> dict[str, str]:
    """What the launch page itself may say to the learner (everything but the notices)."""
    return {key: text for key, text in build.strings.items() if key != "otherModule"}


def _identifier(page: str) -> str:
    """An XML ID (NCName) that stays the same across releases, so an LMS keeps its tracks."""
    return re.sub(r"[^A-Za-z0-9_.-]", ".", page)


@dataclass(frozen=True)
class Built:
    """One package: where it is, and whether this build rewrote it."""

    path: Path
    rewritten: bool


def build_packages(html_dir: Path, output_dir: Path) -> list[Built]:
    """Write every package of the built course into ``output_dir`` (only the changed ones)."""
    builds = read_builds(html_dir)
    cache = ZipCache(output_dir)
    site = SiteFiles(html_dir)
    pages = LaunchPages(output_dir)
    result: list[Built] = []
    for variant in variants(list(builds)):
        for version in PACKAGE_VERSIONS:
            files, organization = package_files(site, builds, variant, version, pages.render)
            manifest = manifest_xml(version, organization, sorted(files), __version__)
            target = output_dir / package_name(variant.name, version)
            result.append(Built(target, cache.write_if_changed(target, files, manifest)))
    cache.save()
    pages.save()
    return result
