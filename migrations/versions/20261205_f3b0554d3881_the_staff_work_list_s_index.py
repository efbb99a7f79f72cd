"""The staff work list's index

Revision ID: f3b0554d3881
Revises: 153b95f0650d
Create Date: 2026-12-05 04:00:01.043982

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "f3b0554d3881"
down_revision = "153b95f0650d"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.create_index(
            "ix_applications_work_list", ["department_id", "promised_due", "submitted_at", "id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_index("ix_applications_work_list")
