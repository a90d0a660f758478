"""Compile the Welsh interface catalog into the wheel, so an installed ``rightway-quiz`` speaks Welsh.

Everything else about the package is in ``pyproject.toml``. The ``.mo`` files are
build products (not in git); ``make`` compiles them for the course build, and this
hook does the same for ``pip wheel .`` / ``python -m build`` from a clean checkout.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCatalogs(build_py):
    """``build_py`` that also writes ``<catalog>.mo`` beside every packaged ``<catalog>.po``."""

    def run(self) -> None:
        super().run()
        import polib  # a build requirement (pyproject.toml), not needed at run time

        for po_path in sorted(Path(self.build_lib, "rightway_quiz", "locale").rglob("*.po")):
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))


setup(cmdclass={"build_py": BuildWithCatalogs})
