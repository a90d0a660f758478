"""The Sphinx side of the packager's summary: which pages are modules, and their quizzes."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import CONFIG_OK, BuildEnvironment
from sphinx.errors import SphinxError
from sphinx.util import logging

from ..scorm._course import LanguageBuild, Module, QuizInfo
from ..scorm.identifiers import problems
from .config import get_settings
from .course_data import course_data, course_reused
from .i18n import _
from .quiz import quiz_part

logger = logging.getLogger(__name__)
# Quizzes per page, noted while reading: unpickling every doctree again later cost ~0.3 s.
QUIZZES_ATTR = "rightway_quizzes_by_page"


#: Runs before rightway-quiz.js (default priority 500), so it can tell the quiz
#: runtime to leave saving to the LMS before the quiz restores browser storage.
CONTENT_SCRIPT_PRIORITY = 400


#: After ``course_data`` has loaded the quiz sources (default priority 500).
CHECK_IDS_PRIORITY = 600


class ScormIdentifierError(SphinxError):
    """A quiz id has no valid SCORM form: the LMS would refuse the learner's answers."""

    category = "SCORM identifier error"


def setup_scorm(app: Sphinx) -> None:
    """Add the content-page runtime to HTML builds and write the packager's summary."""
    app.connect("builder-inited", _add_content_script)
    app.connect("builder-inited", _check_identifiers, priority=CHECK_IDS_PRIORITY)
    setup_course_summary(app)


def _check_identifiers(app: Sphinx) -> None:
    if course_reused(app.env) and app.env.config_status == CONFIG_OK:
        return  # the same sources, with the same code, passed it when they were loaded
    found = [
        str(problem)
        for loaded in course_data(app.env).quiz_sources.values()
        for problem in problems(loaded)
    ]
    if found:
        raise ScormIdentifierError("\n".join(found))


def _add_content_script(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_js_file("rightway-scorm.js", priority=CONTENT_SCRIPT_PRIORITY, defer="defer")


def setup_course_summary(app: Sphinx) -> None:
    """Check ``rightway_scorm_modules`` after reading and write the summary after an HTML build."""
    app.connect("doctree-read", _note_quizzes)
    app.connect("env-purge-doc", _forget_quizzes)
    app.connect("env-merge-info", _merge_quizzes)
    app.connect("env-check-consistency", _check_modules)
    app.connect("build-finished", _write_summary)


def reading_order(env: BuildEnvironment) -> list[str]:
    """Every page reachable from the root page through the toctree, in reading order."""
    relations = env.collect_relations()
    order: list[str] = []
    page: str | None = env.config.root_doc
    while page and page not in order:
        order.append(page)
        page = relations.get(page, [None, None, None])[2]
    return order


def _quizzes_by_page(env: BuildEnvironment) -> dict[str, list[QuizInfo]]:
    if not hasattr(env, QUIZZES_ATTR):
        setattr(env, QUIZZES_ATTR, {})
    quizzes: dict[str, list[QuizInfo]] = getattr(env, QUIZZES_ATTR)
    return quizzes


def _note_quizzes(app: Sphinx, doctree: nodes.document) -> None:
    found = [
        QuizInfo(id=node["quiz_id"], version=node["version"], pass_mark=node["pass_mark"])
        for node in doctree.findall(quiz_part)
        if node["part"] == "quiz"
    ]
    if found:
        _quizzes_by_page(app.env)[app.env.docname] = found


def _forget_quizzes(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _quizzes_by_page(env).pop(docname, None)


def _merge_quizzes(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    theirs = _quizzes_by_page(other)
    _quizzes_by_page(env).update({page: theirs[page] for page in docnames if page in theirs})


def _quizzes_on(env: BuildEnvironment, page: str) -> list[QuizInfo]:
    return _quizzes_by_page(env).get(page, [])


def module_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The SCO pages: as configured, or every page with a quiz in reading order."""
    configured = get_settings(app).scorm_modules
    if configured:
        return [page for page in configured if page in env.found_docs]
    return [page for page in reading_order(env) if _quizzes_on(env, page)]


def _check_modules(app: Sphinx, env: BuildEnvironment) -> None:
    configured = get_settings(app).scorm_modules
    for page in configured:
        if page not in env.found_docs:
            logger.warning(
                "rightway_scorm_modules lists %r, which is not a page of the course",
                page,
                type="rightway",
                subtype="scorm",
            )
    if len(set(configured)) != len(configured):
        logger.warning(
            "rightway_scorm_modules lists a page twice", type="rightway", subtype="scorm"
        )
    # The menu, Next/Previous and the SCORM manifest must tell one story.
    in_menu = [page for page in reading_order(env) if page in set(configured)]
    in_config = [page for page in configured if page in env.found_docs]
    if in_menu != in_config:
        logger.warning(
            "the toctree puts the modules in the order %s, but rightway_scorm_modules "
            "(course.yaml) says %s",
            ", ".join(in_menu),
            ", ".join(in_config),
            type="rightway",
            subtype="scorm",
        )
    for page in module_pages(app, env):
        quizzes = _quizzes_on(env, page)
        if len(quizzes) > 1:
            # A SCO reports one score; a second quiz would be silently ignored by the LMS.
            logger.warning(
                "SCORM module %r has %d quizzes; a module reports one score, so give it one quiz",
                page,
                len(quizzes),
                type="rightway",
                subtype="scorm",
                location=page,
            )


def _module(env: BuildEnvironment, page: str) -> Module:
    quizzes = _quizzes_on(env, page)
    quiz = quizzes[0] if quizzes else None
    title = env.titles[page].astext() if page in env.titles else page
    return Module(page=page, title=title, quiz=quiz)


def _write_summary(app: Sphinx, exception: Exception | None) -> None:
    # Only the plain "html" builder: dirhtml and singlehtml lay pages out differently.
    if exception is not None or not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    if app.builder.name != "html":
        return
    env = app.env
    settings = get_settings(app)
    language = app.config.language or "en"
    summary = LanguageBuild(
        language=language,
        languages=list(settings.languages),
        title=str(app.config.html_title or app.config.project),
        pages=sorted(env.found_docs),
        modules=[_module(env, page) for page in module_pages(app, env)],
        strings=scorm_strings(),
    )
    summary.write(Path(app.outdir))


def scorm_strings() -> dict[str, str]:
    """What the SCORM runtime may say to a learner, in the build language."""
    return {
        # Inside one module's SCO a learner can follow links into another module and take
        # its quiz; the LMS credits that module only when it is opened from the LMS.
        "notRecorded": str(
            _(
                "Your learning platform is not recording this module: your progress and "
                "quiz results here will not be saved. To fix this, leave the activity and "
                "open it again from your course page."
            )
        ),
        "notSaved": str(
            _(
                "Your learning platform did not save your latest progress. Check your "
                "connection, then leave the activity and open it again from your course "
                "page; if this keeps happening, tell your trainer."
            )
        ),
        "otherModule": str(
            _(
                "This quiz belongs to the module “{module}”. Your learning platform records "
                "your result when you open that module from its own menu."
            )
        ),
    }
