"""The course's own static files, minified for the built site.

The readable sources stay in ``static/``; an HTML build copies minified versions
(``rjsmin``, ``rcssmin``: comments and needless whitespace out, nothing renamed) into
its ``_static/``. They are written beside the build's doctrees and that folder is put
on ``html_static_path``, so Sphinx copies them itself and its ``?v=`` checksums are
those of the files served. Our files carry no licence comment that must be kept (the
course's licence is in the repository), so none is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]

STATIC_DIR = Path(__file__).parent / "static"
MINIFIED_FOLDER = "rightway-static"

MINIFIERS: dict[str, Callable[[str], str]] = {
    ".js": lambda text: str(rjsmin.jsmin(text)),
    ".css": lambda text: str(rcssmin.cssmin(text)),
}


def minified_static_dir(work_dir: Path, source: Path = STATIC_DIR) -> Path:
    """A folder under ``work_dir`` holding every file of ``source``, JS and CSS minified.

    A file is rewritten only when its content changes, so an unchanged build leaves
    the copies (and the packages zipped from them) as they were.
    """
    target = work_dir / MINIFIED_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    wanted: set[str] = set()
    for path in sorted(source.iterdir()):
        if not path.is_file():
            continue
        wanted.add(path.name)
        minify = MINIFIERS.get(path.suffix)
        data = (
            minify(path.read_text(encoding="utf-8")).encode("utf-8")
            if minify
            else path.read_bytes()
        )
        copy = target / path.name
        if not copy.is_file() or copy.read_bytes() != data:
            copy.write_bytes(data)
    for stale in target.iterdir():
        if stale.name not in wanted:
            stale.unlink()
    return target
