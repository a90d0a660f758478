"""The SCORM packages as files: valid manifests, complete and self-contained zips.

Checked on the test course (always built here) and on the real course's packages
in ``_build/scorm`` (``make test`` builds them first).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest
from conftest import BUILD_DIR
from lxml import etree
from scorm_helpers import (
    LANGUAGES,
    TEST_MODULES,
    built_test_course,
    manifest_schema,
    package_version,
)

from rightway_quiz.scorm import PACKAGE_VERSIONS, build_packages, package_name
from rightway_quiz.scorm.__main__ import main

REAL_PACKAGES = BUILD_DIR / "scorm"
VARIANTS = (*LANGUAGES, "bilingual")
NAMES = [package_name(variant, version) for variant in VARIANTS for version in PACKAGE_VERSIONS]
MAX_BYTES_PER_LANGUAGE = 3_000_000
CP_NAMESPACES = {
    "12": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "2004": "http://www.imsglobal.org/xsd/imscp_v1p1",
}
# Elements that make the browser fetch something while the page loads.
LOADED_URL = re.compile(
    r"""<(?:script|img|iframe|source|audio|video)\b[^>]*?\bsrc=["']([^"']+)["']"""
    r"""|<link\b[^>]*?\bhref=["']([^"']+)["']"""
    r"""|url\(\s*["']?([^"')]+)""",
    re.IGNORECASE,
)
LINK_URL = re.compile(r"""<a\b[^>]*?\bhref=["']([^"']+)["']""", re.IGNORECASE)


def require_real_packages() -> None:
    if not REAL_PACKAGES.exists():
        pytest.fail(f"{REAL_PACKAGES} is not built: run `make` (or `make test`) first")


def manifest_of(archive: zipfile.ZipFile) -> etree._Element:
    return etree.fromstring(archive.read("imsmanifest.xml"))


def listed_files(manifest: etree._Element) -> list[str]:
    return [unquote(href) for href in manifest.xpath("//*[local-name()='file']/@href")]


def items(manifest: etree._Element) -> list[etree._Element]:
    return list(manifest.xpath("//*[local-name()='organization']/*[local-name()='item']"))


def title_of(element: etree._Element) -> str:
    return str(element.xpath("string(*[local-name()='title'])"))


# -- every package, test course and real course ---------------------------------


def check_package(zip_path: Path) -> None:
    """What every package must be: valid manifest at the root, exact file list, self-contained."""
    assert zip_path.exists(), f"{zip_path.name} was not written"
    version = package_version(zip_path)
    with zipfile.ZipFile(zip_path) as archive:
        members = [info.filename for info in archive.infolist() if not info.is_dir()]
        assert "imsmanifest.xml" in members, "the manifest must sit at the zip's root"
        manifest = manifest_of(archive)
        schema = manifest_schema(version)
        assert schema.validate(etree.ElementTree(manifest)), schema.error_log
        assert etree.QName(manifest).namespace == CP_NAMESPACES[version]
        listed = listed_files(manifest)
        assert len(listed) == len(set(listed)), "a file is listed twice"
        assert set(listed) == set(members) - {"imsmanifest.xml"}
        for href in manifest.xpath("//*[local-name()='resource']/@href"):
            assert unquote(href) in members
        assert not [m for m in members if "node_modules" in m or m.startswith("/") or ".." in m]
        member_set = set(members)
        for name in members:
            if name.endswith((".html", ".css")):
                _check_references(name, archive.read(name).decode("utf-8"), member_set)


def _check_references(name: str, text: str, members: set[str]) -> None:
    folder = PurePosixPath(name).parent
    for match in LOADED_URL.finditer(text):
        url = next(group for group in match.groups() if group)
        parts = urlsplit(url)
        assert not parts.scheme or parts.scheme == "data", (
            f"{name} loads {url} from outside the package"
        )
        assert not url.startswith("//"), f"{name} loads {url} from outside the package"
        if parts.path and not parts.scheme:
            assert _resolve(folder, parts.path) in members, (
                f"{name} loads {url}, which is not in the package"
            )
    if name.endswith(".html"):
        for url in LINK_URL.findall(text):
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("#", "//")) or not parts.path:
                continue
            assert _resolve(folder, parts.path) in members, (
                f"{name} links to {url}, which is not in the package"
            )


def _resolve(folder: PurePosixPath, path: str) -> str:
    parts: list[str] = []
    for part in (folder / unquote(path)).parts:
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


@pytest.mark.parametrize("name", NAMES)
def test_test_course_package_is_complete_valid_and_self_contained(name: str) -> None:
    check_package(built_test_course()[1] / name)


@pytest.mark.parametrize("name", NAMES)
def test_course_package_is_complete_valid_and_self_contained(name: str) -> None:
    require_real_packages()
    zip_path = REAL_PACKAGES / name
    check_package(zip_path)


@pytest.mark.parametrize("name", NAMES)
def test_course_package_is_at_most_3_mb_per_language(name: str) -> None:
    require_real_packages()
    zip_path = REAL_PACKAGES / name
    languages = len(LANGUAGES) if name.startswith("rightway-bilingual") else 1
    assert zip_path.stat().st_size <= MAX_BYTES_PER_LANGUAGE * languages


# -- structure, on the test course -------------------------------------------------


def test_one_sco_per_module_in_course_order_titled_in_the_packages_language() -> None:
    _, packages = built_test_course()
    # The test course translates the module's title but not the reference page's or the bank's.
    expected = {
        "cy": ["Modiwl cyfranogiad", "Bank module", "Articles"],
        "en": ["Participation module", "Bank module", "Articles"],
    }
    for version in PACKAGE_VERSIONS:
        for language in LANGUAGES:
            with zipfile.ZipFile(packages / package_name(language, version)) as archive:
                found = items(manifest_of(archive))
            assert [title_of(item) for item in found] == expected[language]
        with zipfile.ZipFile(packages / package_name("bilingual", version)) as archive:
            manifest = manifest_of(archive)
        titles = [title_of(item) for item in items(manifest)]
        assert titles[0] == "Modiwl cyfranogiad / Participation module"
        assert titles[1] in {"Bank module", "Bank module / Bank module"}
        assert titles[2] == "Articles"
        organization = manifest.xpath("//*[local-name()='organization']")[0]
        assert title_of(organization) == "Cwrs prawf / Test course"
        scos = manifest.xpath(
            "//*[local-name()='resource'][@*[local-name()='scormtype' or local-name()='scormType']='sco']/@href"
        )
        assert scos == [f"sco/{page.replace('/', '--')}.html" for page in TEST_MODULES]


def test_scorm_2004_items_leave_completion_and_success_to_the_content() -> None:
    _, packages = built_test_course()
    with zipfile.ZipFile(packages / package_name("en", "2004")) as archive:
        manifest = manifest_of(archive)
    assert manifest.xpath("string(//*[local-name()='schemaversion'])") == "2004 4th Edition"
    for item in items(manifest):
        controls = item.xpath(".//*[local-name()='deliveryControls']")
        assert len(controls) == 1
        assert controls[0].get("completionSetByContent") == "true"
        assert controls[0].get("objectiveSetByContent") == "true"


def test_scorm_12_items_carry_the_quiz_pass_mark_as_mastery_score() -> None:
    _, packages = built_test_course()
    with zipfile.ZipFile(packages / package_name("en", "12")) as archive:
        manifest = manifest_of(archive)
    mastery = [item.xpath("string(*[local-name()='masteryscore'])") for item in items(manifest)]
    assert mastery == ["80", "80", ""]  # the quizzes' pass mark; the page without a quiz has none


def test_one_language_packages_hold_no_links_to_the_other_language() -> None:
    _, packages = built_test_course()
    with zipfile.ZipFile(packages / package_name("cy", "12")) as archive:
        page = archive.read("cy/sub/module.html").decode("utf-8")
        assert not any(name.startswith("en/") for name in archive.namelist())
    assert "rightway-language-switch" not in page and 'hreflang="en"' not in page
    with zipfile.ZipFile(packages / package_name("bilingual", "12")) as archive:
        page = archive.read("cy/sub/module.html").decode("utf-8")
    assert 'href="../../en/sub/module.html"' in page


def test_manifests_fail_validation_when_broken() -> None:
    """The XSD check is real: a wrong element or value is caught."""
    _, packages = built_test_course()
    breakages = {
        "12": (b'adlcp:scormtype="sco"', b'adlcp:scormtype="lesson"'),
        "2004": (b'completionSetByContent="true"', b'completionSetByContent="yes"'),
    }
    for version, (good, bad) in breakages.items():
        with zipfile.ZipFile(packages / package_name("en", version)) as archive:
            text = archive.read("imsmanifest.xml")
        assert good in text
        broken = etree.fromstring(text.replace(good, bad))
        assert not manifest_schema(version).validate(etree.ElementTree(broken))


def test_packages_are_reproducible(tmp_path: Path) -> None:
    html, packages = built_test_course()
    again = build_packages(html, tmp_path)
    for built in again:
        path = built.path
        assert path.read_bytes() == (packages / path.name).read_bytes(), path.name


def test_cli_reports_a_missing_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "missing"), str(tmp_path / "out")]) == 1
    assert "run `make html`" in capsys.readouterr().err
