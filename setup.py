"""Build hook: the wheel carries compiled Welsh catalogs and the course, so ``rightway-quiz`` works anywhere.

Everything else about the package is in ``pyproject.toml``. Nothing written here
is in git: the ``.mo`` files and ``rightway_quiz/course_data/`` are made from the
sources of the checkout (or sdist) being built, for ``pip wheel .``,
``python -m build`` and ``make wheel`` alike. ``MANIFEST.in`` puts those sources
in the sdist.
"""

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithCourse(build_py):
    """``build_py`` that also compiles every packaged ``.po`` and writes the course data."""

    def run(self) -> None:
        super().run()
        import polib  # a build requirement (pyproject.toml), not needed at run time

        package = Path(self.build_lib, "rightway_quiz")
        for po_path in sorted((package / "locale").rglob("*.po")):
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))

        sys.path.insert(0, str(HERE))
        from tools.course_data import write_course_data  # needs PyYAML and polib only

        # The name find_course_dir looks for (rightway_quiz/course/course.py).
        write_course_data(HERE, package / "course_data")


setup(cmdclass={"build_py": BuildWithCourse})
