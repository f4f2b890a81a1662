"""A question's teacher note: shown to the host after the reveal and in reports, never to players

Revision ID: 0007_teacher_note
Revises: 0006_assignments
Create Date: 2026-12-15 09:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0007_teacher_note'
down_revision = '0006_assignments'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.add_column(sa.Column('teacher_note', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_column('teacher_note')
