"""Writing package zips, and only the ones whose content changed.

A zip is byte-for-byte reproducible from its files (fixed dates, sorted names), so
its inputs' hash says whether rewriting it would change anything. The hashes of
the zips last written sit beside them in ``.rightway-scorm-hashes.json``; a
one-page edit in one language re-zips that language's packages and the bilingual
ones, and leaves the rest alone.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

MANIFEST = "imsmanifest.xml"
HASHES_FILE = ".rightway-scorm-hashes.json"
# Fixed times and order make a package byte-for-byte reproducible from the same build.
ZIP_DATE = (2026, 1, 1, 0, 0, 0)


def content_hash(files: dict[str, bytes], manifest: bytes) -> str:
    """A hash of everything that goes into one zip."""
    digest = hashlib.sha256()
    for name, data in [(MANIFEST, manifest), *sorted(files.items())]:
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


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


class ZipCache:
    """The content hashes of the zips in one output folder."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / HASHES_FILE
        try:
            self.hashes: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.hashes = {}

    def write_if_changed(self, target: Path, files: dict[str, bytes], manifest: bytes) -> bool:
        """Write ``target`` unless it exists with the same content; True if it was written."""
        key = content_hash(files, manifest)
        if target.is_file() and self.hashes.get(target.name) == key:
            return False
        write_package(target, files, manifest)
        self.hashes[target.name] = key
        return True

    def save(self) -> None:
        """Keep the hashes for the next build."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.hashes, indent=1, sort_keys=True) + "\n"
        self.path.write_text(text, encoding="utf-8")
