"""Assignments (homework) and class lists; an attempt's student, number and deadline; when a question was shown

Revision ID: 0006_assignments
Revises: 0005_sessions
Create Date: 2026-12-01 12:33:09.199609
"""

from alembic import op
import sqlalchemy as sa


revision = '0006_assignments'
down_revision = '0005_sessions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('roster',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('name_key', sa.String(length=80), nullable=False),
    sa.Column('codes', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['instructor.id'], name=op.f('fk_roster_owner_id_instructor'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roster')),
    sa.UniqueConstraint('owner_id', 'name_key', name=op.f('uq_roster_owner_id_name_key'))
    )
    with op.batch_alter_table('roster', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roster_owner_id'), ['owner_id'], unique=False)

    op.create_table('assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=True),
    sa.Column('article_id', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('roster_id', sa.Integer(), nullable=True),
    sa.Column('opens_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closes_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('attempts_allowed', sa.Integer(), nullable=False),
    sa.Column('counting', sa.String(length=10), nullable=False),
    sa.Column('feedback', sa.String(length=10), nullable=False),
    sa.Column('time_limit', sa.Integer(), nullable=True),
    sa.Column('shuffle', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], name=op.f('fk_assignment_article_id_article'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_id'], ['instructor.id'], name=op.f('fk_assignment_owner_id_instructor'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['roster_id'], ['roster.id'], name=op.f('fk_assignment_roster_id_roster'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['set_id'], ['question_set.id'], name=op.f('fk_assignment_set_id_question_set'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignment')),
    sa.UniqueConstraint('code', name=op.f('uq_assignment_code'))
    )
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignment_owner_id'), ['owner_id'], unique=False)

    op.create_table('roster_student',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('roster_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('name_key', sa.String(length=80), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.ForeignKeyConstraint(['roster_id'], ['roster.id'], name=op.f('fk_roster_student_roster_id_roster'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roster_student')),
    sa.UniqueConstraint('roster_id', 'name_key', name=op.f('uq_roster_student_roster_id_name_key'))
    )
    with op.batch_alter_table('roster_student', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roster_student_roster_id'), ['roster_id'], unique=False)

    op.create_table('assignment_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignment.id'], name=op.f('fk_assignment_item_assignment_id_assignment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_assignment_item_question_id_question'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignment_item')),
    sa.UniqueConstraint('assignment_id', 'position', name=op.f('uq_assignment_item_assignment_id_position')),
    sa.UniqueConstraint('assignment_id', 'question_id', name=op.f('uq_assignment_item_assignment_id_question_id'))
    )
    op.create_table('assignment_student',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('name_key', sa.String(length=80), nullable=False),
    sa.Column('class_name', sa.String(length=80), nullable=False),
    sa.Column('class_key', sa.String(length=80), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('roster_student_id', sa.Integer(), nullable=True),
    sa.Column('token', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignment.id'], name=op.f('fk_assignment_student_assignment_id_assignment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['roster_student_id'], ['roster_student.id'], name=op.f('fk_assignment_student_roster_student_id_roster_student'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignment_student')),
    sa.UniqueConstraint('assignment_id', 'name_key', 'class_key', 'number', name=op.f('uq_assignment_student_assignment_id_name_key_class_key_number')),
    sa.UniqueConstraint('token', name=op.f('uq_assignment_student_token'))
    )
    with op.batch_alter_table('assignment_student', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignment_student_assignment_id'), ['assignment_id'], unique=False)

    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('assignment_student_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('number', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('deadline', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_attempt_assignment_student_id'), ['assignment_student_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_attempt_assignment_student_id_assignment_student'), 'assignment_student', ['assignment_student_id'], ['id'], ondelete='CASCADE')

    with op.batch_alter_table('attempt_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shown_at', sa.DateTime(timezone=True), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('attempt_item', schema=None) as batch_op:
        batch_op.drop_column('shown_at')

    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_attempt_assignment_student_id_assignment_student'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_attempt_assignment_student_id'))
        batch_op.drop_column('deadline')
        batch_op.drop_column('number')
        batch_op.drop_column('assignment_student_id')

    with op.batch_alter_table('assignment_student', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignment_student_assignment_id'))

    op.drop_table('assignment_student')
    op.drop_table('assignment_item')
    with op.batch_alter_table('roster_student', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roster_student_roster_id'))

    op.drop_table('roster_student')
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignment_owner_id'))

    op.drop_table('assignment')
    with op.batch_alter_table('roster', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roster_owner_id'))

    op.drop_table('roster')
