"""List runs of 12 consecutive words shared by the course text and the seed documents.

``python -m tools.originality`` checks against the stored fingerprints;
``python -m tools.originality --refresh`` first rewrites them from ``../shared/seeds``
(or ``$RIGHTWAY_SEEDS``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tools.originality_check import (
    FINGERPRINTS,
    find_copied_runs,
    seed_fingerprints,
    seeds_dir,
    write_fingerprints,
)

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.originality", description=__doc__)
    parser.add_argument("--refresh", action="store_true", help="rewrite the seed fingerprints")
    args = parser.parse_args(argv)
    if args.refresh:
        seeds = seeds_dir(ROOT)
        if not seeds.is_dir():
            parser.error(f"no seed documents at {seeds} (set RIGHTWAY_SEEDS)")
        write_fingerprints(seed_fingerprints(seeds))
        print(f"wrote {FINGERPRINTS.relative_to(ROOT)}")
    hits = find_copied_runs(ROOT)
    for path, run in hits:
        print(f"{path}: {run}")
    return 1 if hits else 0


if __name__ == "__main__":
    raise SystemExit(main())
