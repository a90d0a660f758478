"""``rightway-quiz verify``: confirm or refute a learner's record of learning.

After a pass, the course page prints a record of learning with a short
verification code. The code is the first ten base32 characters of SHA-256 over
a canonical JSON of what the learner did: quiz id, quiz version, the questions
the attempt asked (in order), the answers and the learner's name
(:func:`verification_code`; ``rightway-record.js`` computes the same). A
supervisor gives this command the learner's answers file and, from the printed
record, the code (and the score, if they like). It re-marks the answers against
``quizzes/`` and refutes the record when the code does not match, the file's own
claimed result or the given score differs from the re-marked one, the quiz has
changed since, or the answers do not pass.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..course.course import Course, find_course_dir, load_course
from .answers import display_path
from .gradebook import Attempt
from .grading import Grader
from .messages import _

if TYPE_CHECKING:
    from .answer_files import AnswerFile

CODE_LENGTH = 10
_SEPARATORS = re.compile(r"[\s\-–.]+")


def normalised_name(name: str | None) -> str:
    """The learner's name as both sides hash it: NFC, inner whitespace folded, trimmed."""
    return " ".join(unicodedata.normalize("NFC", name or "").split())


def canonical_record(answer_file: AnswerFile) -> str:
    """The canonical JSON the code is made from: sorted keys, no spaces, UTF-8 text."""
    answers: dict[str, Any] = {}
    questions: list[str] = []
    for entry in answer_file.answers:
        if not isinstance(entry, dict) or not isinstance(entry.get("question_id"), str):
            continue
        question_id = entry["question_id"]
        questions.append(question_id)
        if isinstance(entry.get("matches"), dict):
            answers[question_id] = {str(k): str(v) for k, v in entry["matches"].items()}
        else:
            answers[question_id] = sorted(str(option) for option in entry.get("options") or [])
    payload = {
        "answers": answers,
        "learner": normalised_name(answer_file.learner),
        "questions": questions,
        "quiz_id": answer_file.quiz_id,
        "quiz_version": answer_file.quiz_version,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def verification_code(answer_file: AnswerFile) -> str:
    """Ten base32 characters (A–Z, 2–7) from the SHA-256 of :func:`canonical_record`."""
    digest = hashlib.sha256(canonical_record(answer_file).encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii")[:CODE_LENGTH]


def shown_code(code: str) -> str:
    """The code as the record prints it: two groups of five."""
    return f"{code[:5]}-{code[5:]}"


def typed_code(text: str) -> str:
    """A code as a person typed it: any case, spaces or hyphens between groups."""
    return _SEPARATORS.sub("", text).upper()


@dataclass
class Verdict:
    """What ``verify`` found: the re-marked attempt and every reason to refute the record."""

    learner: str
    quiz_title: str
    quiz_version: str
    submitted_at: str
    score: int
    out_of: int
    percent: int
    passed: bool
    code: str
    problems: list[str] = field(default_factory=list)

    @property
    def confirmed(self) -> bool:
        return not self.problems


def _claimed_result(answer_file: AnswerFile) -> dict[str, Any] | None:
    claimed = answer_file.result
    return claimed if isinstance(claimed, dict) else None


def verify_file(
    course: Course,
    path: Path,
    language: str,
    code: str | None = None,
    score: int | None = None,
) -> Verdict:
    """Re-mark ``path`` and check it against the record's ``code`` and ``score`` (percent)."""
    from .answer_files import read_answer_file  # pydantic: only the commands that read JSON

    answer_file = read_answer_file(path)
    texts = course.translations(language)
    grader = Grader(course)
    grader.add_answer_file(answer_file, display_path(path), file_id=str(path))
    book = grader.gradebook
    quiz = course.quizzes.get(answer_file.quiz_id)
    computed = verification_code(answer_file)
    attempt = book.attempts[0] if book.attempts else None
    verdict = Verdict(
        learner=normalised_name(answer_file.learner),
        quiz_title=texts.text(quiz.title) if quiz else answer_file.quiz_id,
        quiz_version=answer_file.quiz_version,
        submitted_at=answer_file.submitted_at,
        score=attempt.score if attempt else 0,
        out_of=attempt.out_of if attempt else 0,
        percent=attempt.percent if attempt else 0,
        passed=attempt.passed if attempt else False,
        code=computed,
    )
    problems = verdict.problems
    if attempt is None or book.rejected or book.file_errors:
        reasons = [str(rejection) for rejection in book.rejections[:3]]
        reasons += [str(error) for error in book.file_errors[:1]]
        problems.append(
            _("the answers cannot be re-marked against the course: {reasons}").format(
                reasons="; ".join(reasons) or answer_file.quiz_id
            )
        )
    given = typed_code(code) if code else None
    if given is None and answer_file.verification_code:
        given = typed_code(answer_file.verification_code)
    if given is not None and given != computed:
        problems.append(
            _(
                "the code {given} does not match these answers (their code is {code}): "
                "the code was typed wrongly, or the answers, name or quiz version were changed"
            ).format(given=given, code=shown_code(computed))
        )
    if attempt is not None:
        problems += _result_problems(answer_file, attempt, score)
    return verdict


def _result_problems(answer_file: AnswerFile, attempt: Attempt, score: int | None) -> list[str]:
    """What is wrong with the re-marked result: not what the file or the record says, or
    not a pass."""
    problems: list[str] = []
    claimed = _claimed_result(answer_file)
    if claimed is not None:
        said = (claimed.get("score"), claimed.get("max"), claimed.get("percent"))
        if said != (attempt.score, attempt.out_of, attempt.percent):
            problems.append(
                _("the file says {claimed}, but its answers score {actual}").format(
                    claimed=_score_text(said[0], said[1], said[2]),
                    actual=_score_text(attempt.score, attempt.out_of, attempt.percent),
                )
            )
    if score is not None and score != attempt.percent:
        problems.append(
            _("the record says {claimed}%, but the answers score {actual}").format(
                claimed=score,
                actual=_score_text(attempt.score, attempt.out_of, attempt.percent),
            )
        )
    if not attempt.passed:
        problems.append(
            _("these answers do not pass: the pass mark is {mark}%").format(
                mark=attempt.quiz.pass_mark
            )
        )
    return problems


def _score_text(score: object, out_of: object, percent: object) -> str:
    return _("{score} out of {max} ({percent}%)").format(score=score, max=out_of, percent=percent)


def verdict_lines(verdict: Verdict) -> list[str]:
    """What the command prints: the verdict, the record's facts, then any reasons."""
    facts = _("{learner}, {quiz} (version {version}), {date}: {score}; code {code}").format(
        learner=verdict.learner or _("no name given"),
        quiz=verdict.quiz_title,
        version=verdict.quiz_version,
        date=verdict.submitted_at[:10] or "?",
        score=_score_text(verdict.score, verdict.out_of, verdict.percent),
        code=shown_code(verdict.code),
    )
    if verdict.confirmed:
        return [_("Confirmed: this record of learning matches the answers."), facts]
    return [_("Refuted: this record of learning does not match the answers."), facts] + [
        f"- {problem}" for problem in verdict.problems
    ]


# -- the command ----------------------------------------------------------------------------


def add_verify_command(commands: Any, common: argparse.ArgumentParser) -> None:
    """``verify <answers.json> [--code CODE] [--score PERCENT]``."""
    verify = commands.add_parser(
        "verify",
        parents=[common],
        help=_("check a learner's record of learning against their answers file"),
        description=_(
            "Re-mark a learner's answers file and confirm or refute their record of learning:\n"
            "the verification code and score printed on the record must match the answers."
        ),
    )
    verify.add_argument(
        "answers", type=Path, metavar=_("FILE"), help=_("the learner's answers file (.json)")
    )
    verify.add_argument(
        "--code", metavar=_("CODE"), help=_("the verification code printed on the record")
    )
    verify.add_argument(
        "--score",
        type=int,
        metavar=_("PERCENT"),
        help=_("the score printed on the record, in percent"),
    )


def run_verify(args: argparse.Namespace) -> int:
    """Print the verdict; exit 0 when the record is confirmed, 1 when it is refuted."""
    course = load_course(find_course_dir(args.course_dir))
    verdict = verify_file(course, args.answers, args.lang, code=args.code, score=args.score)
    stream = sys.stdout if verdict.confirmed else sys.stderr
    for line in verdict_lines(verdict):
        print(line, file=stream)
    return 0 if verdict.confirmed else 1
