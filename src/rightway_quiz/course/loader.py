"""Read quiz, scenario and article files, with errors that name file, line and field."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import SourceError as SourceError  # its home before errors.py
from .fingerprint import OUTLINE_FILE
from .model import ArticleList, Location, Outline, Quiz, ScenarioSet

ModelT = TypeVar("ModelT", bound=BaseModel)
MAX_SOURCE_BYTES = 2_000_000


@dataclass(frozen=True)
class Loaded(Generic[ModelT]):
    """A validated model with the source line of every key and list entry."""

    model: ModelT
    path: Path
    lines: dict[Location, int] = field(repr=False)

    def line_of(self, location: Location) -> int:
        """The line of ``location``, or of its nearest enclosing entry."""
        return _line_of(self.lines, location)


def _line_of(lines: dict[Location, int], location: Location) -> int:
    while location and location not in lines:
        location = location[:-1]
    return lines.get(location, 1)


def format_location(location: Location) -> str:
    """``("questions", 2, "answer")`` → ``questions[2].answer``."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


# libyaml's parser when PyYAML has it (several times faster), the pure-Python one otherwise.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(text: str) -> tuple[yaml.Node | None, Any]:
    """The document's node tree (for line numbers) and its data, from one parse."""
    loader = _SafeLoader(text)
    try:
        root = loader.get_single_node()
        return root, None if root is None else loader.construct_document(root)
    finally:
        loader.dispose()


def _line_map(path: Path, node: yaml.Node, location: Location, lines: dict[Location, int]) -> None:
    lines[location] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                raise SourceError(
                    path,
                    key_node.start_mark.line + 1,
                    format_location((*location, key)),
                    "this key is given twice",
                )
            seen.add(key)
            _line_map(path, value_node, (*location, key), lines)
            lines[(*location, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(path, item, (*location, index), lines)


def read_yaml(path: Path) -> tuple[Any, dict[Location, int]]:
    """Parse a YAML file into plain data and a map of locations to lines."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SourceError(path, None, None, f"cannot be read ({error.strerror})") from error
    if len(raw) > MAX_SOURCE_BYTES:
        raise SourceError(path, None, None, f"is larger than {MAX_SOURCE_BYTES} bytes")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError(path, None, None, "is not UTF-8 text") from error
    try:
        root, data = _parse(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise SourceError(path, line, None, f"is not valid YAML: {error.problem}") from error
    if root is None:
        raise SourceError(path, None, None, "is empty")
    lines: dict[Location, int] = {}
    _line_map(path, root, (), lines)
    return data, lines


def load_model(path: Path, model: type[ModelT]) -> Loaded[ModelT]:
    """Read ``path`` as ``model``; raise ``SourceError`` at the first problem."""
    data, lines = read_yaml(path)
    if not isinstance(data, dict):
        raise SourceError(path, 1, None, "should be a mapping of fields (key: value)")
    try:
        instance = model.model_validate(data)
    except ValidationError as error:
        # An unknown field (often a misspelt one) explains the "missing" errors beside it.
        first = sorted(error.errors(), key=lambda e: e["type"] != "extra_forbidden")[0]
        location: Location = tuple(first["loc"])
        raise SourceError(
            path, _line_of(lines, location), format_location(location), first["msg"]
        ) from None
    result = Loaded(model=instance, path=path, lines=lines)
    problems = getattr(instance, "problems", None)
    if problems is not None:
        for location, message in problems():
            raise SourceError(path, result.line_of(location), format_location(location), message)
    return result


def load_quiz(path: Path) -> Loaded[Quiz]:
    """Read and check one quiz file; its ``id`` must match the file name."""
    loaded = load_model(path, Quiz)
    if loaded.model.id != path.stem:
        raise SourceError(
            path,
            loaded.line_of(("id",)),
            "id",
            f"is {loaded.model.id!r} but the file is {path.name}",
        )
    return loaded


def load_quizzes(folder: Path) -> dict[str, Loaded[Quiz]]:
    """Every quiz in ``folder``, keyed by id; question ids must be unique across quizzes."""
    quizzes: dict[str, Loaded[Quiz]] = {}
    owner: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        loaded = load_quiz(path)
        # Checks share the id space: a page's {check} names one id across the course.
        entries = [
            ("questions", "question", loaded.model.questions),
            ("checks", "check", loaded.model.checks),
        ]
        for key, kind, questions in entries:
            for index, question in enumerate(questions):
                if question.id in owner:
                    location: Location = (key, index, "id")
                    raise SourceError(
                        path,
                        loaded.line_of(location),
                        format_location(location),
                        f"{kind} id {question.id!r} is already used in quiz {owner[question.id]!r}",
                    )
                owner[question.id] = loaded.model.id
        quizzes[loaded.model.id] = loaded
    return quizzes


def load_scenario_sets(folder: Path) -> dict[str, Loaded[ScenarioSet]]:
    """Every principle's scenarios and prompts, keyed by principle id."""
    sets: dict[str, Loaded[ScenarioSet]] = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name == ARTICLES_FILE:
            continue
        loaded = load_model(path, ScenarioSet)
        if loaded.model.principle != path.stem:
            raise SourceError(
                path,
                loaded.line_of(("principle",)),
                "principle",
                f"is {loaded.model.principle!r} but the file is {path.name}",
            )
        sets[loaded.model.principle] = loaded
    return sets


ARTICLES_FILE = "articles.yaml"


def load_articles(folder: Path) -> Loaded[ArticleList]:
    """The article summaries in ``folder/articles.yaml``."""
    return load_model(folder / ARTICLES_FILE, ArticleList)


def load_outline(root: Path) -> Loaded[Outline]:
    """The course's modules in teaching order, from ``root/course.yaml``."""
    return load_model(root / OUTLINE_FILE, Outline)
