"""Resident preferences: elderly mode

Revision ID: 153b95f0650d
Revises: 0152732db026
Create Date: 2026-12-04 23:19:58.702602

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "153b95f0650d"
down_revision = "0152732db026"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("residents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("elderly_mode", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table("residents", schema=None) as batch_op:
        batch_op.drop_column("elderly_mode")
