"""Zip the built course into SCORM packages: one per language and version, and bilingual.

A package holds each language's HTML folder as built (``cy/``, ``en/``), a launch
page per module (``sco/<module>.html``) with the SCO runtime (``sco/rightway-scorm-sco.js``),
and ``imsmanifest.xml`` at the root listing every other file.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from importlib import metadata, resources
from pathlib import Path

from ._course import COURSE_FILE, LanguageBuild, Module
from ._manifest import Organization, PackageVersion, Sco, manifest_xml

PACKAGE_VERSIONS: tuple[PackageVersion, ...] = ("12", "2004")
RUNTIME_VERSION = {"12": "1.2", "2004": "2004"}
SCO_FOLDER = "sco"
SCO_RUNTIME = "rightway-scorm-sco.js"
MANIFEST = "imsmanifest.xml"
BILINGUAL = "bilingual"
# Build by-products no learner opens: Sphinx's inventory, source maps (only developer
# tools fetch them) and dotfiles such as .buildinfo.
SKIPPED_FILES = frozenset({"objects.inv"})
SKIPPED_SUFFIXES = frozenset({".map"})
# Fixed times and order make a package byte-for-byte reproducible from the same build.
ZIP_DATE = (2026, 1, 1, 0, 0, 0)
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


def joined_title(titles: list[str]) -> str:
    """Titles in each language, Welsh (the first language) first, without repeating a shared one."""
    unique = list(dict.fromkeys(titles))
    return " / ".join(unique)


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


def launch_page(
    module_titles: list[str], languages: tuple[str, ...], settings: dict[str, object], fallback: str
) -> str:
    """The HTML of a module's launch page: settings for sco.js and a frame for the course."""
    title = escape(joined_title(module_titles))
    data = escape(json.dumps(settings, ensure_ascii=False, separators=(",", ":")), quote=True)
    return (
        f'<!doctype html>\n<html lang="{languages[0]}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{title}</title>\n"
        # No icon request to the LMS's server for a file the package does not have.
        '<link rel="icon" href="data:,">\n'
        "<style>html,body{height:100%;margin:0}"
        "iframe{display:block;width:100%;height:100%;border:0}</style>\n"
        f'<script src="{SCO_RUNTIME}" defer></script>\n</head>\n'
        f'<body data-rightway-sco="{data}">\n'
        f'<iframe id="rightway-content" title="{title}"></iframe>\n'
        f'<noscript><p><a href="{escape(fallback)}">{title}</a></p></noscript>\n'
        "</body>\n</html>\n"
    )


def _sco_runtime() -> bytes:
    return resources.files(__package__).joinpath("sco.js").read_bytes()


# -- packages ----------------------------------------------------------------------


def package_files(
    html_dir: Path, builds: dict[str, LanguageBuild], variant: Variant, version: PackageVersion
) -> tuple[dict[str, bytes], Organization]:
    """Every file of one package (path → content) except the manifest, and its organisation."""
    one_language = len(variant.languages) == 1
    files: dict[str, bytes] = {}
    for lang in variant.languages:
        for name, path in _course_files(html_dir, lang):
            files[name] = _page_bytes(path, one_language)
    files[f"{SCO_FOLDER}/{SCO_RUNTIME}"] = _sco_runtime()
    first = builds[variant.languages[0]]
    pages = first.pages
    pages_key = hashlib.sha256("\n".join(pages).encode("utf-8")).hexdigest()[:8]
    notices = {lang: _other_module_notices(builds[lang]) for lang in variant.languages}
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
        }
        fallback = f"../{variant.languages[0]}/{module.page}.html"
        launch = sco_file(module)
        files[launch] = launch_page(titles, variant.languages, settings, fallback).encode("utf-8")
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


def _identifier(page: str) -> str:
    """An XML ID (NCName) that stays the same across releases, so an LMS keeps its tracks."""
    return re.sub(r"[^A-Za-z0-9_.-]", ".", page)


def write_package(target: Path, files: dict[str, bytes], manifest: bytes) -> None:
    """Write a zip with the manifest first, then every file in path order."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".zip.partial")
    with zipfile.ZipFile(
        partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9
    ) as archive:
        for name, data in [(MANIFEST, manifest), *sorted(files.items())]:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    partial.replace(target)


def build_packages(html_dir: Path, output_dir: Path) -> list[Path]:
    """Write every package of the built course into ``output_dir``; return their paths."""
    builds = read_builds(html_dir)
    written: list[Path] = []
    for variant in variants(list(builds)):
        for version in PACKAGE_VERSIONS:
            files, organization = package_files(html_dir, builds, variant, version)
            manifest = manifest_xml(version, organization, sorted(files), _package_version())
            target = output_dir / package_name(variant.name, version)
            write_package(target, files, manifest)
            written.append(target)
    return written


def _package_version() -> str:
    return metadata.version("rightway-quiz")
