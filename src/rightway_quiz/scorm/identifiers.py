"""Author ids as SCORM identifiers: one mapping, checked when the course is built.

Quiz authors may use hyphens (``q-commit``); SCORM does not agree with itself on
what an identifier may hold. The strictest readings in use:

- SCORM 2004 ``short_identifier_type``, which Moodle checks every choice and
  matching token against: ``^[\\w.]{1,250}$`` (a hyphen fails with error 406);
- Moodle's 2004 ``CMIIdentifier`` (older releases, and its navigation targets):
  must end with a letter or digit;
- SCORM 1.2 ``CMIIdentifier``: "alphanumeric, no white space", at most 255.

So the runtime (``sco-report.js``, ``token``) sends every question, option, item
and objective id with each hyphen as an underscore. That is reversible as long as
no two ids in the same place (a quiz's questions, a question's options, its items,
a quiz's objectives) differ only by ``-`` against ``_``, and it is valid as long as
an id ends with a letter or digit. ``problems`` finds the ids that break either
rule, so the build stops with the quiz file and line rather than the LMS refusing
the answer in a learner's session.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..course.loader import Loaded
    from ..course.model import Location, Quiz

#: What every token the runtime sends must match (the strictest of the readings above).
STRICT_TOKEN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_.]{0,248}[A-Za-z0-9])?$")


def scorm_token(author_id: str) -> str:
    """The identifier the runtime sends for an author's id (the same rule as ``sco-report.js``)."""
    return author_id.replace("-", "_")


@dataclass(frozen=True)
class IdProblem:
    """An author's id the runtime could not send: where it is and why."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def problems(loaded: Loaded[Quiz]) -> Iterator[IdProblem]:
    """Every id in one quiz that has no valid, reversible SCORM form."""
    quiz = loaded.model
    questions: list[tuple[str, Location]] = [
        (q.id, ("questions", i, "id")) for i, q in enumerate(quiz.questions)
    ]
    objectives: list[tuple[str, Location]] = [
        (o.id, ("objectives", i, "id")) for i, o in enumerate(quiz.objectives)
    ]
    groups = [("question", questions), ("objective", objectives)]
    for qi, question in enumerate(quiz.questions):
        options: list[tuple[str, Location]] = [
            (o.id, ("questions", qi, "options", i, "id")) for i, o in enumerate(question.options)
        ]
        items: list[tuple[str, Location]] = [
            (m.id, ("questions", qi, "items", i, "id")) for i, m in enumerate(question.items)
        ]
        groups += [(f"option of {question.id!r}", options), (f"item of {question.id!r}", items)]
    for kind, ids in groups:
        yield from _group_problems(loaded, kind, ids)


def _group_problems(
    loaded: Loaded[Quiz], kind: str, ids: list[tuple[str, Location]]
) -> Iterator[IdProblem]:
    seen: dict[str, str] = {}
    for author_id, location in ids:
        token = scorm_token(author_id)
        line = loaded.line_of(location)
        if not STRICT_TOKEN.match(token):
            yield IdProblem(
                str(loaded.path),
                line,
                f"{kind} id {author_id!r} cannot be sent to an LMS: SCORM identifiers "
                "must end with a letter or digit",
            )
        elif token in seen:
            yield IdProblem(
                str(loaded.path),
                line,
                f"{kind} id {author_id!r} and {seen[token]!r} look the same to an LMS "
                f"(both are sent as {token!r}): rename one",
            )
        seen.setdefault(token, author_id)
