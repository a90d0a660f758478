"""Scenario prompts for supervision sessions, and the Markdown supervision record.

A *prompt* here is either a rights-language scenario (situation, question,
model answer, articles) or a supervision question, from ``scenarios/<principle>.yaml``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..course.course import ContentTranslations, Course
from .messages import Translator, _
from .principles import principle_name

if TYPE_CHECKING:
    from ..course.model import Prompt, Scenario

PromptKind = Literal["scenario", "question", "any"]
AUDIENCES = ("one-to-one", "team", "foster-carer", "residential")


@dataclass(frozen=True)
class SessionPrompt:
    """One thing to discuss, in the session's language."""

    id: str
    principle: str
    kind: Literal["scenario", "question"]
    title: str
    text: list[str]
    ask: str
    model_answer: list[str]
    articles: list[tuple[int, str]]
    #: Follow-up questions for the supervisor (supervision questions only).
    probes: tuple[str, ...] = ()
    #: Who the question suits; empty: everyone.
    audience: tuple[str, ...] = ()


def _from_scenario(
    principle: str, scenario: Scenario, course: Course, texts: ContentTranslations
) -> SessionPrompt:
    return SessionPrompt(
        id=scenario.id,
        principle=principle,
        kind="scenario",
        title=texts.text(scenario.title),
        text=texts.paragraphs(scenario.situation),
        ask=texts.text(scenario.ask) if scenario.ask else _("What would you say or do?"),
        model_answer=texts.paragraphs(scenario.model_answer),
        articles=_article_titles(course, scenario.articles, texts),
    )


def _article_titles(
    course: Course, numbers: list[int], texts: ContentTranslations
) -> list[tuple[int, str]]:
    return [
        (n, texts.text(course.articles[n].title) if n in course.articles else "") for n in numbers
    ]


def _from_prompt(
    principle: str, prompt: Prompt, course: Course, texts: ContentTranslations
) -> SessionPrompt:
    return SessionPrompt(
        id=prompt.id,
        principle=principle,
        kind="question",
        title=_("Supervision question"),
        text=texts.paragraphs(prompt.text),
        ask="",
        model_answer=[],
        articles=_article_titles(course, prompt.articles, texts),
        probes=tuple(texts.text(probe) for probe in prompt.probes),
        audience=tuple(prompt.audience),
    )


def session_prompts(
    course: Course,
    texts: ContentTranslations,
    principle: str | None = None,
    kind: PromptKind = "any",
    audience: str | None = None,
) -> list[SessionPrompt]:
    """Every scenario and supervision question (of one principle, and for one audience, if
    given), in course order. A question that names no audience suits every audience."""
    found: list[SessionPrompt] = []
    for name in course.principles():
        if principle is not None and name != principle:
            continue
        scenario_set = course.scenario_sets.get(name)
        if scenario_set is None:
            continue
        if kind in ("scenario", "any"):
            found += [_from_scenario(name, s, course, texts) for s in scenario_set.scenarios]
        if kind in ("question", "any"):
            found += [_from_prompt(name, p, course, texts) for p in scenario_set.prompts]
    if audience is not None:
        found = [p for p in found if not p.audience or audience in p.audience]
    return found


def choose_prompt(prompts: list[SessionPrompt], seed: int | None = None) -> SessionPrompt:
    """One prompt at random; the same seed always picks the same one from the same course."""
    return random.Random(seed).choice(prompts)


def prompt_text(prompt: SessionPrompt) -> str:
    """The prompt as shown before discussion: no model answer."""
    lines = [f"{prompt.title}  [{prompt.id}]", ""]
    lines += [paragraph + "\n" for paragraph in prompt.text]
    if prompt.ask:
        lines.append(prompt.ask)
    text = "\n".join(lines).rstrip() + "\n"
    if prompt.probes:
        text += "\n" + _("Follow-up questions:") + "\n"
        text += "".join(f"  - {probe}\n" for probe in prompt.probes)
    return text


def answer_text(prompt: SessionPrompt) -> str:
    """The model answer and the articles to talk about."""
    if not prompt.model_answer:
        return _("This supervision question has no model answer: talk it through.") + "\n"
    lines = [_("Model answer:"), ""]
    lines += [paragraph + "\n" for paragraph in prompt.model_answer]
    lines.append(_("Articles to talk about:"))
    lines += [
        "  - " + _("Article {number}").format(number=number) + (f": {title}" if title else "")
        for number, title in prompt.articles
    ]
    return "\n".join(lines).rstrip() + "\n"


@dataclass(frozen=True)
class RecordNotes:
    """What the supervisor writes down: the practitioner's words, agreed actions, follow-up."""

    said: str
    actions: str = ""
    follow_up: str = ""
    supervisee: str | None = None


def record_entry(prompt: SessionPrompt, notes: RecordNotes, when: date, _: Translator) -> str:
    """A Markdown section for a supervision record (``templates/record.md.j2``), with the
    headings the supervisors' guide recommends: date, prompt, what the practitioner said,
    rights engaged, agreed actions, follow-up date."""
    from .templating import render  # Jinja2 only for the commands that render templates

    return render(
        "record.md.j2",
        _,
        prompt=prompt,
        notes=notes,
        date=when.isoformat(),
        principle=principle_name(prompt.principle, _),
    )


def append_record(path: Path, entry: str, _: Translator) -> None:
    """Append an entry to a Markdown supervision record, starting the file if it is new."""
    is_new = not path.exists() or path.stat().st_size == 0
    with path.open("a", encoding="utf-8", newline="\n") as handle:
        if is_new:
            handle.write(f"# {_('Supervision record')}\n\n")
        handle.write(entry)
