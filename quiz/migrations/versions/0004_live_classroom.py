"""Live classroom: reading time, time per kind and per question, extra time, the projector's screen.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 10:20:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('game', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claim_time_limit', sa.Integer(), nullable=False, server_default='60'))
        batch_op.add_column(sa.Column('reading_seconds', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('screen', sa.String(length=20), nullable=False, server_default='both'))
        batch_op.add_column(sa.Column('closes_ms', sa.BigInteger(), nullable=True))

    # Games made before this revision used one time for every question: that is each one's time.
    with op.batch_alter_table('game_question', schema=None) as batch_op:
        batch_op.add_column(sa.Column('time_limit', sa.Integer(), nullable=False, server_default='30'))
    op.execute(
        "UPDATE game_question SET time_limit = (SELECT game.time_limit FROM game WHERE game.id = game_question.game_id)"
    )
    op.execute("UPDATE game SET closes_ms = deadline_ms")

    with op.batch_alter_table('player', schema=None) as batch_op:
        batch_op.add_column(sa.Column('extra_time', sa.Integer(), nullable=False, server_default='0'))

    with op.batch_alter_table('question_set', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claim_time_limit', sa.Integer(), nullable=False, server_default='60'))

    with op.batch_alter_table('question_set_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('time_limit', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('question_set_item', schema=None) as batch_op:
        batch_op.drop_column('time_limit')
    with op.batch_alter_table('question_set', schema=None) as batch_op:
        batch_op.drop_column('claim_time_limit')
    with op.batch_alter_table('player', schema=None) as batch_op:
        batch_op.drop_column('extra_time')
    with op.batch_alter_table('game_question', schema=None) as batch_op:
        batch_op.drop_column('time_limit')
    with op.batch_alter_table('game', schema=None) as batch_op:
        batch_op.drop_column('closes_ms')
        batch_op.drop_column('screen')
        batch_op.drop_column('reading_seconds')
        batch_op.drop_column('claim_time_limit')
