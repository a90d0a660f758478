"""Scenario prompts for supervision sessions, and the Markdown supervision record.

A *prompt* here is either a rights-language scenario (situation, question,
model answer, articles) or a supervision question, from ``scenarios/<principle>.yaml``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from ..course.course import ContentTranslations, Course
from ..course.model import Prompt, Scenario
from ._output import markdown_text
from .messages import _

PromptKind = Literal["scenario", "question", "any"]


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
        articles=[
            (n, texts.text(course.articles[n].title) if n in course.articles else "")
            for n in scenario.articles
        ],
    )


def _from_prompt(principle: str, prompt: Prompt, texts: ContentTranslations) -> SessionPrompt:
    return SessionPrompt(
        id=prompt.id,
        principle=principle,
        kind="question",
        title=_("Supervision question"),
        text=texts.paragraphs(prompt.text),
        ask="",
        model_answer=[],
        articles=[],
    )


def session_prompts(
    course: Course,
    texts: ContentTranslations,
    principle: str | None = None,
    kind: PromptKind = "any",
) -> list[SessionPrompt]:
    """Every scenario and supervision question (of one principle, if given), in course order."""
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
            found += [_from_prompt(name, p, texts) for p in scenario_set.prompts]
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
    return "\n".join(lines).rstrip() + "\n"


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


def record_entry(
    prompt: SessionPrompt, notes: str, when: date, supervisee: str | None = None
) -> str:
    """A Markdown section for a supervision record: what was discussed, and the notes."""
    articles = ", ".join(str(number) for number, _title in prompt.articles) or "—"
    lines = [
        f"## {when.isoformat()}: {markdown_text(prompt.title)} ({markdown_text(prompt.id)})",
        "",
        f"- {_('Principle')}: {markdown_text(prompt.principle)}",
        f"- {_('Articles')}: {articles}",
    ]
    if supervisee:
        lines.append(f"- {_('Supervisee')}: {markdown_text(supervisee)}")
    lines += ["", f"### {_('Discussion notes')}", ""]
    text = notes.strip()
    lines += (
        [markdown_text(line) if line.strip() else "" for line in text.splitlines()]
        if text
        else [f"_{_('No notes.')}_"]
    )
    return "\n".join(lines) + "\n\n"


def append_record(path: Path, entry: str) -> None:
    """Append an entry to a Markdown supervision record, starting the file if it is new."""
    is_new = not path.exists() or path.stat().st_size == 0
    with path.open("a", encoding="utf-8", newline="\n") as handle:
        if is_new:
            handle.write(f"# {_('Supervision record')}\n\n")
        handle.write(entry)
