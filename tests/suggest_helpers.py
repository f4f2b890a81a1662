"""Helpers shared by the suggestion generator's rule tests: a small article from (kind, text)
blocks, one rule run on it (every suggestion checked as the generator checks it), and the
parts of a suggestion the tests look at."""

from __future__ import annotations

from quiz.articles.text import Block, BlockKind
from quiz.suggest.analysis import Analysis
from quiz.suggest.generator import problems_of
from quiz.suggest.model import ArticleText
from quiz.suggest.rules import Context


def article(*blocks: tuple[str, str], **metadata) -> ArticleText:
    return ArticleText.from_blocks([Block(BlockKind(kind), text) for kind, text in blocks], **metadata)


def run(rule, art: ArticleText):
    made = rule(Context(Analysis(art)))
    for suggestion in made:
        assert problems_of(suggestion, art.text) == [], (suggestion.text, problems_of(suggestion, art.text))
    return made


def by_verdict(made, verdict):
    return [s for s in made if s.verdict == verdict]


def key(suggestion) -> str:
    return next(o.text for o in suggestion.options if o.correct)
