"""Package members' deflated bytes, kept by content hash between packager runs.

One file per member content in ``.rightway-scorm-deflated/`` beside the zips, named
by the content's SHA-256: the deflated bytes zipfile would write for it (raw
deflate, zlib's default level). A member is compressed once however many
packages hold it and however many builds keep it unchanged; after a run, files no
package still holds are removed, so the folder stays the size of the packages'
distinct contents.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from pathlib import Path

MEMBERS_FOLDER = ".rightway-scorm-deflated"


def deflate(data: bytes) -> bytes:
    """Raw deflate as zipfile does it for ZIP_DEFLATED with no level given."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


class DeflatedMembers:
    """The deflated bytes of every member content met, on disk and in memory."""

    def __init__(self, output_dir: Path) -> None:
        self.folder = output_dir / MEMBERS_FOLDER
        self.known: dict[bytes, bytes] = {}
        self.in_use: set[bytes] = set()

    def keep(self, digests: Iterable[bytes]) -> None:
        """Note contents a package of this run holds (kept by :meth:`prune`)."""
        self.in_use.update(digests)

    def get(self, data: bytes, digest: bytes) -> bytes:
        """``data`` deflated; ``digest`` is its SHA-256."""
        self.in_use.add(digest)
        found = self.known.get(digest)
        if found is not None:
            return found
        path = self.folder / digest.hex()
        try:
            found = path.read_bytes()
        except OSError:
            found = deflate(data)
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(".partial")
            partial.write_bytes(found)
            partial.replace(path)
        self.known[digest] = found
        return found

    def prune(self) -> None:
        """Remove the files of contents no package of this run holds."""
        if not self.folder.is_dir():
            return
        wanted = {digest.hex() for digest in self.in_use}
        for path in self.folder.iterdir():
            if path.name not in wanted:
                path.unlink()
