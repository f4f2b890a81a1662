"""Instructor accounts and live games: games, their questions, players and answers.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 08:24:12.324980
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('instructor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_instructor')),
    sa.UniqueConstraint('email', name=op.f('uq_instructor_email'))
    )
    op.create_table('game',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pin', sa.String(length=6), nullable=False),
    sa.Column('host_id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('time_limit', sa.Integer(), nullable=False),
    sa.Column('speed_bonus', sa.Boolean(), nullable=False),
    sa.Column('streak_bonus', sa.Boolean(), nullable=False),
    sa.Column('question_on_devices', sa.Boolean(), nullable=False),
    sa.Column('late_join', sa.Boolean(), nullable=False),
    sa.Column('shuffle', sa.Boolean(), nullable=False),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('phase', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('opened_ms', sa.BigInteger(), nullable=True),
    sa.Column('deadline_ms', sa.BigInteger(), nullable=True),
    sa.Column('closed_ms', sa.BigInteger(), nullable=True),
    sa.Column('paused_remaining_ms', sa.BigInteger(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], name=op.f('fk_game_article_id_article'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['host_id'], ['instructor.id'], name=op.f('fk_game_host_id_instructor'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_game'))
    )
    with op.batch_alter_table('game', schema=None) as batch_op:
        batch_op.create_index('uq_game_open_pin', ['pin'], unique=True, sqlite_where=sa.text("phase != 'ended'"), postgresql_where=sa.text("phase != 'ended'"))

    op.create_table('game_question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('game_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('option_order', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['game_id'], ['game.id'], name=op.f('fk_game_question_game_id_game'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_game_question_question_id_question'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_game_question')),
    sa.UniqueConstraint('game_id', 'position', name=op.f('uq_game_question_game_id_position'))
    )
    op.create_table('player',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('game_id', sa.Integer(), nullable=False),
    sa.Column('nickname', sa.String(length=40), nullable=False),
    sa.Column('nickname_key', sa.String(length=80), nullable=False),
    sa.Column('joined_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('removed', sa.Boolean(), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('accuracy_points', sa.Integer(), nullable=False),
    sa.Column('correct', sa.Integer(), nullable=False),
    sa.Column('streak', sa.Integer(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['game_id'], ['game.id'], name=op.f('fk_player_game_id_game'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_player')),
    sa.UniqueConstraint('game_id', 'nickname_key', name=op.f('uq_player_game_id_nickname_key'))
    )
    with op.batch_alter_table('player', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_player_game_id'), ['game_id'], unique=False)

    op.create_table('live_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('game_id', sa.Integer(), nullable=False),
    sa.Column('player_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('choice', sa.Integer(), nullable=True),
    sa.Column('verdict', sa.String(length=20), nullable=True),
    sa.Column('sentence_position', sa.Integer(), nullable=True),
    sa.Column('answered_ms', sa.BigInteger(), nullable=False),
    sa.Column('elapsed_ms', sa.Integer(), nullable=False),
    sa.Column('correct', sa.Boolean(), nullable=False),
    sa.Column('verdict_correct', sa.Boolean(), nullable=True),
    sa.Column('evidence_correct', sa.Boolean(), nullable=True),
    sa.Column('accuracy_points', sa.Integer(), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('streak', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['game_id'], ['game.id'], name=op.f('fk_live_answer_game_id_game'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['player_id'], ['player.id'], name=op.f('fk_live_answer_player_id_player'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_live_answer')),
    sa.UniqueConstraint('player_id', 'position', name=op.f('uq_live_answer_player_id_position'))
    )
    with op.batch_alter_table('live_answer', schema=None) as batch_op:
        batch_op.create_index('ix_live_answer_game_position', ['game_id', 'position'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('live_answer', schema=None) as batch_op:
        batch_op.drop_index('ix_live_answer_game_position')

    op.drop_table('live_answer')
    with op.batch_alter_table('player', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_player_game_id'))

    op.drop_table('player')
    op.drop_table('game_question')
    with op.batch_alter_table('game', schema=None) as batch_op:
        batch_op.drop_index('uq_game_open_pin', sqlite_where=sa.text("phase != 'ended'"), postgresql_where=sa.text("phase != 'ended'"))

    op.drop_table('game')
    op.drop_table('instructor')
