"""The course's structured content: quizzes, scenarios, supervision prompts and articles.

Pydantic checks each file's shape (types, required fields, unknown fields);
``problems()`` methods check what shape cannot (ids unique, answers that are
options). Both report a *location*, a tuple of keys and indexes into the
source, which the loader turns into a file line.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .facts import asked_per_attempt, correct_response

Location = tuple[str | int, ...]
Problem = tuple[Location, str]

Identifier = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80)
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
ArticleNumber = Annotated[int, Field(ge=1, le=54)]
QuestionType = Literal["single", "multiple", "true_false", "matching", "scenario"]
SINGLE_ANSWER_TYPES = frozenset({"single", "true_false", "scenario"})
DEFAULT_PASS_MARK = 80


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _duplicates(ids: list[str]) -> set[str]:
    return {value for value, count in Counter(ids).items() if count > 1}


def _repeats(ids: list[str]) -> Iterator[tuple[int, str]]:
    """Each position where an id appears again after its first use."""
    seen: set[str] = set()
    for index, value in enumerate(ids):
        if value in seen:
            yield index, value
        seen.add(value)


class Option(_Strict):
    """One choice in a question, with feedback saying why it is right or wrong."""

    id: Identifier
    text: Text
    feedback: Text


class MatchItem(_Strict):
    """One thing to match in a matching question; ``answer`` is an option id."""

    id: Identifier
    text: Text
    answer: Identifier


class Objective(_Strict):
    """A learning objective that questions point to."""

    id: Identifier
    text: Text


class Question(_Strict):
    """A quiz question; right answers are option ids, never option text."""

    id: Identifier
    type: QuestionType
    objective: Identifier
    articles: list[ArticleNumber] = []
    scenario: Text | None = None
    stem: Text
    options: list[Option] = Field(min_length=2)
    answer: list[Identifier] = []
    items: list[MatchItem] = []
    explanation: Text
    # False for options that are an ordered scale, which must not be shuffled.
    shuffle: bool = True

    @property
    def option_ids(self) -> list[str]:
        """The option ids in source order."""
        return [option.id for option in self.options]

    def problems(self) -> Iterator[Problem]:
        """What is wrong with this question beyond its shape."""
        for index, option_id in _repeats(self.option_ids):
            yield ("options", index, "id"), f"option id {option_id!r} is used twice"
        known = set(self.option_ids)
        for index, answer in enumerate(self.answer):
            if answer not in known:
                yield ("answer", index), f"{answer!r} is not an option of this question"
        if self.type == "matching":
            yield from self._matching_problems(known)
        elif self.type in SINGLE_ANSWER_TYPES and len(self.answer) != 1:
            yield ("answer",), f"a {self.type} question needs exactly one answer"
        elif self.type == "multiple" and not self.answer:
            yield ("answer",), "a multiple question needs at least one answer"
        if self.type != "matching" and self.items:
            yield ("items",), "only a matching question has items"
        if _duplicates(self.answer):
            yield ("answer",), "the same answer is given twice"
        if self.type == "true_false" and sorted(self.option_ids) != ["false", "true"]:
            yield ("options",), 'a true_false question has exactly the options "true" and "false"'
        if self.type == "scenario" and self.scenario is None:
            yield ("scenario",), "a scenario question needs its scenario text"
        if self.type != "scenario" and self.scenario is not None:
            yield ("scenario",), "only a scenario question has scenario text"

    def _matching_problems(self, known: set[str]) -> Iterator[Problem]:
        if self.answer:
            yield ("answer",), "a matching question gives its answers on its items"
        if len(self.items) < 2:
            yield ("items",), "a matching question needs at least two items"
        item_ids = [item.id for item in self.items]
        for index, item_id in _repeats(item_ids):
            yield ("items", index, "id"), f"item id {item_id!r} is used twice"
        for index, item in enumerate(self.items):
            if item.answer not in known:
                yield (
                    ("items", index, "answer"),
                    f"{item.answer!r} is not an option of this question",
                )

    def correct_response(self) -> dict[str, str] | list[str]:
        """The right response: option ids, or item id → option id for matching."""
        return correct_response(self.type, self.answer, ((i.id, i.answer) for i in self.items))


class Quiz(_Strict):
    """A self-marking quiz: objectives, questions and a pass mark in percent."""

    id: Identifier
    title: Text
    principle: Identifier
    pass_mark: int = Field(default=DEFAULT_PASS_MARK, ge=1, le=100)
    objectives: list[Objective] = Field(min_length=1)
    questions: list[Question] = Field(min_length=1)
    # How many questions one attempt draws from the bank; None asks them all.
    draw: int | None = Field(default=None, ge=1)
    # Unscored "check yourself" questions placed in the module page with {check}.
    checks: list[Question] = []

    @property
    def version(self) -> str:
        """A short hash of the scored quiz: answers saved against another version are detectable.

        Checks are left out: they are never marked, so editing one must not void saved answers.
        """
        scored = self.model_dump(mode="json", exclude={"checks"})
        canonical = json.dumps(scored, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]

    @property
    def asked_per_attempt(self) -> int:
        """How many questions one attempt asks: the draw, or the whole bank."""
        return asked_per_attempt(len(self.questions), self.draw)

    def check(self, check_id: str) -> Question | None:
        """The check with this id, if the quiz has one."""
        return next((check for check in self.checks if check.id == check_id), None)

    def objective_coverage(self) -> dict[str, int]:
        """How many questions assess each objective."""
        counts = {objective.id: 0 for objective in self.objectives}
        for question in self.questions:
            if question.objective in counts:
                counts[question.objective] += 1
        return counts

    def problems(self) -> Iterator[Problem]:
        """What is wrong with this quiz beyond its shape."""
        question_ids = [q.id for q in self.questions]
        for index, question_id in _repeats(question_ids):
            yield ("questions", index, "id"), f"question id {question_id!r} is used twice"
        for index, check_id in _repeats(question_ids + [c.id for c in self.checks]):
            if index >= len(question_ids):
                yield (
                    ("checks", index - len(question_ids), "id"),
                    f"id {check_id!r} is already used by a question or check of this quiz",
                )
        objective_ids = [o.id for o in self.objectives]
        for index, objective_id in _repeats(objective_ids):
            yield ("objectives", index, "id"), f"objective id {objective_id!r} is used twice"
        if self.draw is not None and self.draw > len(self.questions):
            yield ("draw",), f"draws {self.draw} questions but the bank has {len(self.questions)}"
        for key, entries in (("questions", self.questions), ("checks", self.checks)):
            for index, question in enumerate(entries):
                if question.objective not in objective_ids:
                    yield (
                        (key, index, "objective"),
                        f"{question.objective!r} is not an objective of this quiz",
                    )
                for location, message in question.problems():
                    yield (key, index, *location), message


class Scenario(_Strict):
    """A rights-language scenario: a situation, a question and a model answer."""

    id: Identifier
    title: Text
    situation: Text
    ask: Text | None = None
    model_answer: Text
    articles: list[ArticleNumber] = Field(min_length=1)


Audience = Literal["one-to-one", "team", "foster-carer", "residential"]


class Prompt(_Strict):
    """A question a supervisor can put to a practitioner, with follow-up probes."""

    id: Identifier
    text: Text
    probes: list[Text] = []
    articles: list[ArticleNumber] = []
    audience: list[Audience] = []


class ScenarioSet(_Strict):
    """A principle's scenarios and supervision prompts."""

    principle: Identifier
    scenarios: list[Scenario] = []
    prompts: list[Prompt] = []

    def problems(self) -> Iterator[Problem]:
        """Ids used twice."""
        for key, entries in (("scenarios", self.scenarios), ("prompts", self.prompts)):
            for index, duplicate in _repeats([entry.id for entry in entries]):
                yield (key, index, "id"), f"id {duplicate!r} is used twice"


class Article(_Strict):
    """A UNCRC article with a plain-language summary."""

    number: ArticleNumber
    title: Text
    summary: Text


class ArticleList(_Strict):
    """The article summaries the course uses."""

    articles: list[Article] = Field(min_length=1)

    def problems(self) -> Iterator[Problem]:
        """Articles listed twice."""
        numbers = [str(article.number) for article in self.articles]
        for index, duplicate in _repeats(numbers):
            yield ("articles", index, "number"), f"article {duplicate} is listed twice"

    def by_number(self) -> dict[int, Article]:
        """Articles keyed by number."""
        return {article.number: article for article in self.articles}


class CourseModule(_Strict):
    """One module of the course: its quiz/principle id, its page and how long it takes."""

    id: Identifier
    page: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_./-]*$")]
    minutes: int = Field(ge=1, le=600)


class Outline(_Strict):
    """The course's modules in teaching order (``course.yaml``)."""

    modules: list[CourseModule] = Field(min_length=1)

    def problems(self) -> Iterator[Problem]:
        """A module or page listed twice."""
        for key in ("id", "page"):
            values = [getattr(module, key) for module in self.modules]
            for index, duplicate in _repeats(values):
                yield ("modules", index, key), f"{duplicate!r} is listed twice"

    def position(self, module_id: str) -> int | None:
        """A module's place in teaching order (0 for the first), or None if it is not listed."""
        for index, module in enumerate(self.modules):
            if module.id == module_id:
                return index
        return None
