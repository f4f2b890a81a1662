"""Decisions on suggested questions: accepted (and the question it became) or rejected, by whom and when

Revision ID: 0008_suggestion_decisions
Revises: 0007_teacher_note
Create Date: 2026-12-20 09:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0008_suggestion_decisions'
down_revision = '0007_teacher_note'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('suggestion_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('decision', sa.String(length=10), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=True),
    sa.Column('instructor_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], name=op.f('fk_suggestion_decision_article_id_article'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['instructor_id'], ['instructor.id'], name=op.f('fk_suggestion_decision_instructor_id_instructor'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_suggestion_decision_question_id_question'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_suggestion_decision')),
    sa.UniqueConstraint('article_id', 'key', name=op.f('uq_suggestion_decision_article_id_key'))
    )
    with op.batch_alter_table('suggestion_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_suggestion_decision_question_id'), ['question_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('suggestion_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_suggestion_decision_question_id'))

    op.drop_table('suggestion_decision')
