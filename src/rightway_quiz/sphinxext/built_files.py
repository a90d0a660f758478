"""Writing a file into a build only when its content changed.

An unchanged file keeps its time stamp, so nothing downstream (Sphinx's copy of static
files, the SCORM packager's member cache) redoes work for it.
"""

from __future__ import annotations

from pathlib import Path


def write_if_changed(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` unless the file already holds exactly that."""
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
