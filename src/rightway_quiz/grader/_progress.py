"""A progress bar on standard error, drawn only on a terminal and only for large inputs."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

MIN_BYTES = 5_000_000
REDRAW_SECONDS = 0.1
WIDTH = 30


def megabytes(done: int, total: int) -> str:
    """How far, in bytes read: ``12.5/80.0 MB``."""
    return f"{done / 1e6:,.1f}/{total / 1e6:,.1f} MB"


class ProgressBar:
    """``bar(done, total)`` redraws at most ten times a second; ``close()`` clears the line.

    ``amount(done, total)`` says how far in words (megabytes unless given); nothing
    is drawn when ``total`` is under ``minimum`` (the work is over too soon to need it).
    """

    def __init__(
        self,
        label: str,
        stream: TextIO,
        *,
        amount: Callable[[int, int], str] = megabytes,
        minimum: int | None = None,
    ) -> None:
        self.label = label
        self.stream = stream
        self.amount = amount
        self.minimum = minimum
        self.enabled = stream.isatty()
        self._last = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        minimum = MIN_BYTES if self.minimum is None else self.minimum
        if not self.enabled or total < minimum:
            return
        now = time.monotonic()
        if now - self._last < REDRAW_SECONDS and done < total:
            return
        self._last = now
        share = min(done / total, 1.0) if total else 1.0
        filled = round(WIDTH * share)
        self.stream.write(
            f"\r{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] {share:4.0%}"
            f" {self.amount(done, total)}"
        )
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Clear the bar so the next line starts clean."""
        if self._drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._drawn = False
