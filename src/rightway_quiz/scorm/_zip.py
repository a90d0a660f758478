"""Writing package zips, and only the ones whose content changed.

A zip is byte-for-byte reproducible from its files (fixed dates, sorted names), so
its inputs' hash says whether rewriting it would change anything. The hashes of
the zips last written sit beside them in ``.rightway-scorm-hashes.json``; a
one-page edit in one language re-zips that language's packages and the bilingual
ones, and leaves the rest alone.

Compressing is most of a package's cost, and most members of a re-zipped package
did not change (a one-page edit changes a handful of pages), while the 1.2 and 2004
packages of a course share all but their launch pages and manifest. So each
member's deflated bytes are kept by content hash (``_members``) and the zip is put
together from them here: the same bytes as :mod:`zipfile` writes (its local and
central headers, deflate at zlib's default level), without compressing anything
twice.
"""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from pathlib import Path

from ._members import DeflatedMembers

MANIFEST = "imsmanifest.xml"
HASHES_FILE = ".rightway-scorm-hashes.json"
# Fixed times and order make a package byte-for-byte reproducible from the same build.
ZIP_DATE = (2026, 1, 1, 0, 0, 0)
# What zipfile writes for a deflated member on a POSIX system: version 2.0 made by
# and needed (20), made on Unix (3), rw-r--r-- permissions.
VERSION = 20
UNIX = 3
DEFLATED = 8
EXTERNAL_ATTR = 0o644 << 16
UTF8_NAME = 0x800
LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
END_RECORD = struct.Struct("<4s4H2LH")


def member_hashes(files: dict[str, bytes], manifest: bytes) -> dict[str, bytes]:
    """Each member's SHA-256, in the zip's order: the manifest first, then by path."""
    ordered = [(MANIFEST, manifest), *sorted(files.items())]
    return {name: hashlib.sha256(data).digest() for name, data in ordered}


def content_hash(hashes: dict[str, bytes]) -> str:
    """A hash of everything that goes into one zip (names and ``member_hashes``)."""
    digest = hashlib.sha256()
    for name, member in hashes.items():
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(member)
    return digest.hexdigest()


def _dos_date_time() -> tuple[int, int]:
    year, month, day, hour, minute, second = ZIP_DATE
    return (year - 1980) << 9 | month << 5 | day, hour << 11 | minute << 5 | second // 2


def zip_bytes(members: list[tuple[str, bytes, bytes]]) -> bytes:
    """A zip of ``(name, content, deflated content)`` members, in the order given."""
    dos_date, dos_time = _dos_date_time()
    body = bytearray()
    directory = bytearray()
    for name, data, deflated in members:
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), UTF8_NAME
        crc, offset = zlib.crc32(data), len(body)
        common = (flags, DEFLATED, dos_time, dos_date, crc, len(deflated), len(data))
        body += LOCAL_HEADER.pack(b"PK\003\004", VERSION, 0, *common, len(encoded), 0)
        body += encoded + deflated
        directory += CENTRAL_HEADER.pack(
            b"PK\001\002", VERSION, UNIX, VERSION, 0, *common, len(encoded), 0, 0, 0, 0,
            EXTERNAL_ATTR, offset,
        )  # fmt: skip
        directory += encoded
    count = len(members)
    end = END_RECORD.pack(b"PK\005\006", 0, 0, count, count, len(directory), len(body), 0)
    return bytes(body + directory + end)


def write_package(
    target: Path,
    files: dict[str, bytes],
    manifest: bytes,
    deflated: DeflatedMembers,
    hashes: dict[str, bytes] | None = None,
) -> None:
    """Write a zip with the manifest first, then every file in path order."""
    hashes = hashes or member_hashes(files, manifest)
    contents = {MANIFEST: manifest, **files}
    members = [
        (name, contents[name], deflated.get(contents[name], digest))
        for name, digest in hashes.items()
    ]
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".zip.partial")
    partial.write_bytes(zip_bytes(members))
    partial.replace(target)


class ZipCache:
    """The content hashes of the zips in one output folder, and their members' deflated bytes."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / HASHES_FILE
        self.deflated = DeflatedMembers(folder)
        try:
            self.hashes: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.hashes = {}

    def write_if_changed(self, target: Path, files: dict[str, bytes], manifest: bytes) -> bool:
        """Write ``target`` unless it exists with the same content; True if it was written."""
        hashes = member_hashes(files, manifest)
        self.deflated.keep(hashes.values())
        key = content_hash(hashes)
        if target.is_file() and self.hashes.get(target.name) == key:
            return False
        write_package(target, files, manifest, self.deflated, hashes)
        self.hashes[target.name] = key
        return True

    def save(self) -> None:
        """Keep the hashes for the next build, and only the deflated members still in use."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.hashes, indent=1, sort_keys=True) + "\n"
        self.path.write_text(text, encoding="utf-8")
        self.deflated.prune()
