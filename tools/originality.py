"""List runs of 12 consecutive words shared by the course text and the seed documents."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.originality_check import find_copied_runs  # noqa: E402


def main() -> int:
    hits = find_copied_runs(ROOT)
    for path, run in hits:
        print(f"{path}: {run}")
    return 1 if hits else 0


if __name__ == "__main__":
    raise SystemExit(main())
