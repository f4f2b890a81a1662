"""Every model, imported in one place so that the metadata and Alembic see the whole schema."""

from .accounts.models import Instructor
from .assignments.models import Assignment, AssignmentItem, AssignmentStudent, Roster, RosterStudent
from .articles.models import Article, Block, Sentence
from .bank.models import Evidence, Option, Question
from .db import Base
from .live.models import Game, GameQuestion, LiveAnswer, Player
from .sets.models import QuestionSet, QuestionSetItem
from .study.models import Answer, Attempt, AttemptItem
from .suggest.models import SuggestionDecision

__all__ = [
    "Answer", "Article", "Assignment", "AssignmentItem", "AssignmentStudent", "Roster", "RosterStudent", "Attempt", "AttemptItem", "Base", "Block", "Evidence", "Game", "GameQuestion",
    "Instructor", "LiveAnswer", "Option", "Player", "Question", "QuestionSet", "QuestionSetItem", "Sentence", "SuggestionDecision",
]
