"""Pausing Python's cyclic garbage collector around loops that make no reference cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """No cyclic collection inside the block (as it was before, after it).

    Grading and writing a large cohort make millions of small objects and no
    cycles; the collector would otherwise rescan the whole gradebook every few
    thousand of them for nothing (about a quarter of the CSV writer's time).
    What the block made and kept is moved to the oldest generation as it ends
    (``freeze`` then ``unfreeze``), so the first collection after the block does
    not scan all of it either; not done if something else keeps objects frozen.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            if not gc.get_freeze_count():
                # What the block made is kept (the gradebook) or already freed: put it in
                # the oldest generation unscanned, or the first collection after the block
                # would scan every object of it.
                gc.freeze()
                gc.unfreeze()
            gc.enable()
