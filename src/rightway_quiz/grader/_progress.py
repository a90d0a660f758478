"""A progress bar on standard error, drawn only on a terminal and only for large inputs."""

from __future__ import annotations

import time
from typing import TextIO

MIN_BYTES = 5_000_000
REDRAW_SECONDS = 0.1
WIDTH = 30


class ProgressBar:
    """``bar(done, total)`` redraws at most ten times a second; ``close()`` clears the line."""

    def __init__(self, label: str, stream: TextIO) -> None:
        self.label = label
        self.stream = stream
        self.enabled = stream.isatty()
        self._last = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < MIN_BYTES:
            return
        now = time.monotonic()
        if now - self._last < REDRAW_SECONDS and done < total:
            return
        self._last = now
        share = min(done / total, 1.0) if total else 1.0
        filled = round(WIDTH * share)
        self.stream.write(
            f"\r{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] {share:4.0%}"
            f" {done / 1e6:,.1f}/{total / 1e6:,.1f} MB"
        )
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Clear the bar so the next line starts clean."""
        if self._drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._drawn = False
