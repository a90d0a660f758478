"""The packager's zips are put together from cached deflated members: the same bytes as
``zipfile`` writes, each member compressed once, and an unchanged run imports no Jinja2."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from scorm_helpers import built_test_course

from rightway_quiz.scorm import build_packages, package_name
from rightway_quiz.scorm._members import MEMBERS_FOLDER, DeflatedMembers
from rightway_quiz.scorm._zip import MANIFEST, ZIP_DATE, member_hashes, write_package

MEMBERS = {
    "en/index.html": b"<p>Hello</p>" * 200,
    "cy/mynegai.html": "<p>Shw mae, ŵyr a ŷd</p>".encode() * 50,
    "cy/ŵyr.html": b"a page whose name is not ASCII",
    "sco/empty.js": b"",
}
MANIFEST_BYTES = b"<manifest/>"


def _zipfile_bytes(path: Path) -> bytes:
    """What the packager wrote before it kept deflated members: zipfile, one member at a time."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in [(MANIFEST, MANIFEST_BYTES), *sorted(MEMBERS.items())]:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return path.read_bytes()


def test_a_package_is_byte_for_byte_what_zipfile_writes(tmp_path: Path) -> None:
    ours = tmp_path / "ours.zip"
    write_package(ours, MEMBERS, MANIFEST_BYTES, DeflatedMembers(tmp_path / "out"))
    assert ours.read_bytes() == _zipfile_bytes(tmp_path / "zipfile.zip")
    with zipfile.ZipFile(ours) as archive:
        assert archive.testzip() is None
        assert archive.read("cy/ŵyr.html") == MEMBERS["cy/ŵyr.html"]


def test_deflated_members_are_reused_and_pruned(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_package(tmp_path / "a.zip", MEMBERS, MANIFEST_BYTES, DeflatedMembers(out))
    folder = out / MEMBERS_FOLDER
    expected = {digest.hex() for digest in member_hashes(MEMBERS, MANIFEST_BYTES).values()}
    assert {path.name for path in folder.iterdir()} == expected
    # A cached member is taken as it is, not compressed again: planted bytes show up.
    digest = member_hashes(MEMBERS, MANIFEST_BYTES)["en/index.html"]
    (folder / digest.hex()).write_bytes(b"planted")
    members = DeflatedMembers(out)
    assert members.get(MEMBERS["en/index.html"], digest) == b"planted"
    # Only what this run's packages held is kept.
    members.prune()
    assert [path.name for path in folder.iterdir()] == [digest.hex()]


def test_an_unchanged_run_reuses_launch_pages_without_jinja(tmp_path: Path) -> None:
    built_html, _ = built_test_course()
    html = tmp_path / "html"
    shutil.copytree(built_html, html)
    out = tmp_path / "scorm"
    build_packages(html, out)
    first = (out / package_name("bilingual", "2004")).read_bytes()
    code = (
        "import sys, pathlib\n"
        "from rightway_quiz.scorm import build_packages\n"
        f"built = build_packages(pathlib.Path({str(html)!r}), pathlib.Path({str(out)!r}))\n"
        "print([b.rewritten for b in built], 'jinja2' in sys.modules)\n"
    )
    (out / package_name("bilingual", "2004")).unlink()
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split("\n")[-2] == "[False, False, False, False, False, True] False"
    assert (out / package_name("bilingual", "2004")).read_bytes() == first
