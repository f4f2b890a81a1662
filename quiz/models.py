"""Every model, imported in one place so that the metadata and Alembic see the whole schema."""

from .articles.models import Article, Block, Sentence
from .bank.models import Evidence, Option, Question
from .db import Base
from .study.models import Answer, Attempt, AttemptItem

__all__ = ["Answer", "Article", "Attempt", "AttemptItem", "Base", "Block", "Evidence", "Option", "Question", "Sentence"]
