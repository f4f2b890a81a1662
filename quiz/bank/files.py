"""The native bank format: one folder per article in questions/, human-edited YAML.

    questions/<article-id>/article.yaml    metadata and blocks in order, each `- <kind>: <text>`
    questions/<article-id>/questions.yaml  `questions:`, a list of multiple-choice items and claims

Reading keeps the line of every mapping so that errors can name it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

ARTICLE_FILE = "article.yaml"
QUESTIONS_FILE = "questions.yaml"
LINE_KEY = "__line__"
# A bank or bundle nests about 7 levels; far deeper is no bank, and would exhaust Python's stack.
MAX_DEPTH = 50


class ShapeError(yaml.MarkedYAMLError):
    """Valid YAML that no bank file can be: nested too deep, or a key that is not text."""


class _LineLoader(yaml.SafeLoader):
    """A safe loader that records the line where each mapping starts, and refuses shapes that
    would crash whatever reads the result: keys that are not text, nesting past MAX_DEPTH."""

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        # No anchors and aliases (`&a`, `*a`): no bank file needs them, and a few of them make one
        # small file stand for thousands of entries that all must be checked.
        if self.check_event(yaml.AliasEvent):
            raise ShapeError(problem="anchors and aliases (& and *) are not used in these files; write each value out", problem_mark=self.peek_event().start_mark)
        # Composing is recursive (a node, then its children): count the depth before Python's
        # stack runs out on `[[[[...` (RecursionError).
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise ShapeError(problem=f"nested more than {MAX_DEPTH} levels deep", problem_mark=mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_KEY_TYPES = {bool: "true or false", int: "a number", float: "a number", type(None): "null"}


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            shown = f"`{key_node.value}`" if isinstance(key_node.value, str) and key_node.value else "an empty key"
            reads_as = _KEY_TYPES.get(type(key), "not text")
            raise ShapeError(
                problem=f"the key {shown} reads as {reads_as}: every key must be text (put it in quotes if it is meant as text)",
                problem_mark=key_node.start_mark,
            )
    mapping[LINE_KEY] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass
class Problem:
    """One thing wrong in a bank, named by file, line and question id."""

    file: str
    message: str
    line: int | None = None
    question: str | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        who = f" question {self.question!r}:" if self.question else ""
        return f"{where}:{who} {self.message}"

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "question": self.question, "message": self.message}


@dataclass
class ArticleSource:
    """An article folder as read from disk, before validation."""

    slug: str
    folder: Path
    article: dict[str, Any] | None
    questions: list[Any] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # The files errors name; a bundle holds both parts in one file.
    article_file: str | None = None
    questions_file: str | None = None

    def __post_init__(self) -> None:
        self.article_file = self.article_file or str(self.folder / ARTICLE_FILE)
        self.questions_file = self.questions_file or str(self.folder / QUESTIONS_FILE)


def load_yaml(path: Path, problems: list[Problem]) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(str(path), "file is missing"))
        return None
    except UnicodeDecodeError:
        problems.append(Problem(str(path), "file is not UTF-8 text"))
        return None
    return parse_yaml(text, str(path), problems)


def parse_yaml(text: str, label: str, problems: list[Problem]) -> Any:
    """Parse YAML text, keeping the line of every mapping; a syntax error becomes a problem."""
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(error, "problem", None) or str(error)
        problems.append(Problem(label, reason if isinstance(error, ShapeError) else f"not valid YAML: {reason}", line))
    except (ValueError, KeyError, TypeError, OverflowError) as error:
        # A tagged or typed value YAML cannot make: `2020-02-30`, `!!int abc`, `!!bool maybe`.
        problems.append(Problem(label, f"a value cannot be read ({error}); quote it to keep it as text"))
    return None


# A question's fields that hold one value (text, or a word such as `claim`), never a list or a
# mapping, which validation would look up as a key (`skill: [a]` was a TypeError).
ONE_VALUE_FIELDS = ("id", "kind", "skill", "status", "verdict", "question", "claim", "explanation", "teacher_note")


def one_value_fields(source: ArticleSource) -> ArticleSource:
    """Return source without its questions that hold a list or a mapping where one value belongs,
    each such field named, with its line and question, in the source's problems."""
    kept, problems = [], []
    for raw in source.questions:
        wrong = [key for key in ONE_VALUE_FIELDS if isinstance(raw, dict) and isinstance(raw.get(key), (list, dict))]
        for key in wrong:
            shape = "a list" if isinstance(raw[key], list) else "a mapping"
            ident = raw["id"] if isinstance(raw.get("id"), str) else None
            problems.append(Problem(source.questions_file, f"`{key}` must be one value, not {shape}", raw.get(LINE_KEY), ident))
        if not wrong:
            kept.append(raw)
    return replace(source, questions=kept, problems=source.problems + problems) if problems else source


def article_folders(path: Path) -> list[Path]:
    """Return the article folders at path: path itself if it is one, else its sub-folders."""
    if (path / ARTICLE_FILE).exists():
        return [path]
    return sorted(child for child in path.iterdir() if child.is_dir() and (child / ARTICLE_FILE).exists())


def read_article_folder(folder: Path) -> ArticleSource:
    problems: list[Problem] = []
    article = load_yaml(folder / ARTICLE_FILE, problems)
    questions: list[Any] = []
    questions_path = folder / QUESTIONS_FILE
    if questions_path.exists():
        data = load_yaml(questions_path, problems)
        if data is None and not problems:
            data = {"questions": []}
        if isinstance(data, dict) and isinstance(data.get("questions"), list):
            questions = data["questions"]
        elif data is not None:
            problems.append(Problem(str(questions_path), "expected a mapping with a `questions:` list"))
    return one_value_fields(ArticleSource(folder.name, folder, article, questions, problems))


def strip_lines(value: Any) -> Any:
    """Return value without the line markers the loader added."""
    if isinstance(value, dict):
        return {key: strip_lines(item) for key, item in value.items() if key != LINE_KEY}
    if isinstance(value, list):
        return [strip_lines(item) for item in value]
    return value


def dump_yaml(data: Any, header: str = "") -> str:
    """Return data as block-style YAML that reads well and edits well."""
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return header + body


def article_document(metadata: dict[str, str | None], blocks: list) -> dict[str, Any]:
    """Return the article.yaml document for metadata and blocks (objects with kind and text)."""
    document: dict[str, Any] = {key: metadata.get(key) for key in ("headline", "publisher", "author", "published", "url")}
    document["blocks"] = [{str(block.kind): block.text} for block in blocks]
    return document


ARTICLE_HEADER = (
    "# Metadata left null is metadata the article does not state: do not fill it in from elsewhere.\n"
    "# Blocks in order, each `- <kind>: <text>`; kinds: headline, summary, paragraph, quotation,\n"
    "# clutter (page furniture such as NOW WATCH and SEE ALSO, kept so it can be asked about).\n"
)
