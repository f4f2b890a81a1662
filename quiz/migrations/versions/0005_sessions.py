"""Sessions that end: a per-account session version, raised on sign-out and password change.

Revision ID: 0005_sessions
Revises: 0004
Create Date: 2026-12-08 09:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0005_sessions'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('instructor', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), nullable=False, server_default='1'))


def downgrade() -> None:
    with op.batch_alter_table('instructor', schema=None) as batch_op:
        batch_op.drop_column('session_version')
