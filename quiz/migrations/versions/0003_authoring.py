"""Authoring: article owners and sources, question sets, rounds and games played from a set.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 09:29:04.301606
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('question_set',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('share_token', sa.String(length=40), nullable=False),
    sa.Column('time_limit', sa.Integer(), nullable=False),
    sa.Column('speed_bonus', sa.Boolean(), nullable=False),
    sa.Column('streak_bonus', sa.Boolean(), nullable=False),
    sa.Column('question_on_devices', sa.Boolean(), nullable=False),
    sa.Column('late_join', sa.Boolean(), nullable=False),
    sa.Column('shuffle', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['instructor.id'], name=op.f('fk_question_set_owner_id_instructor'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_set')),
    sa.UniqueConstraint('share_token', name=op.f('uq_question_set_share_token'))
    )
    with op.batch_alter_table('question_set', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_set_owner_id'), ['owner_id'], unique=False)

    op.create_table('question_set_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_question_set_item_question_id_question'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['set_id'], ['question_set.id'], name=op.f('fk_question_set_item_set_id_question_set'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_set_item')),
    sa.UniqueConstraint('set_id', 'position', name=op.f('uq_question_set_item_set_id_position')),
    sa.UniqueConstraint('set_id', 'question_id', name=op.f('uq_question_set_item_set_id_question_id'))
    )
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('source', sa.String(length=20), nullable=False, server_default='builtin'))
        batch_op.create_index(batch_op.f('ix_article_owner_id'), ['owner_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_article_owner_id_instructor'), 'instructor', ['owner_id'], ['id'], ondelete='CASCADE')

    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lost', sa.Boolean(), nullable=False, server_default=sa.false()))

    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('set_id', sa.Integer(), nullable=True))
        batch_op.alter_column('article_id',
               existing_type=sa.INTEGER(),
               nullable=True)
        batch_op.create_foreign_key(batch_op.f('fk_attempt_set_id_question_set'), 'question_set', ['set_id'], ['id'], ondelete='CASCADE')

    with op.batch_alter_table('game', schema=None) as batch_op:
        batch_op.add_column(sa.Column('set_id', sa.Integer(), nullable=True))
        batch_op.alter_column('article_id',
               existing_type=sa.INTEGER(),
               nullable=True)
        batch_op.create_foreign_key(batch_op.f('fk_game_set_id_question_set'), 'question_set', ['set_id'], ['id'], ondelete='SET NULL')



def downgrade() -> None:
    with op.batch_alter_table('game', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_game_set_id_question_set'), type_='foreignkey')
        batch_op.alter_column('article_id',
               existing_type=sa.INTEGER(),
               nullable=False)
        batch_op.drop_column('set_id')

    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_attempt_set_id_question_set'), type_='foreignkey')
        batch_op.alter_column('article_id',
               existing_type=sa.INTEGER(),
               nullable=False)
        batch_op.drop_column('set_id')

    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_column('lost')

    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_article_owner_id_instructor'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_article_owner_id'))
        batch_op.drop_column('source')
        batch_op.drop_column('owner_id')

    op.drop_table('question_set_item')
    with op.batch_alter_table('question_set', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_set_owner_id'))

    op.drop_table('question_set')
