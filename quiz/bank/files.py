"""The native bank format: one folder per article in questions/, human-edited YAML.

    questions/<article-id>/article.yaml    metadata and blocks in order, each `- <kind>: <text>`
    questions/<article-id>/questions.yaml  `questions:`, a list of multiple-choice items and claims

Reading keeps the line of every mapping so that errors can name it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ARTICLE_FILE = "article.yaml"
QUESTIONS_FILE = "questions.yaml"
LINE_KEY = "__line__"


class _LineLoader(yaml.SafeLoader):
    """A safe loader that records the line where each mapping starts."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
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
        problems.append(Problem(label, f"not valid YAML: {reason}", line))
    return None


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
    return ArticleSource(folder.name, folder, article, questions, problems)


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
