"""applications, application events and files; item application forms

Revision ID: 981e66ba6c05
Revises: 313dd5ff538e
Create Date: 2026-12-04 20:36:40.543517

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "981e66ba6c05"
down_revision = "313dd5ff538e"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=True),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("number_day", sa.Date(), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=True),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("item_code", sa.String(length=64), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("form_enc", sa.Text(), nullable=False),
        sa.Column("processing_type", sa.String(length=10), nullable=False),
        sa.Column("promised_days", sa.Integer(), nullable=False),
        sa.Column("legal_days", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("promised_due", sa.Date(), nullable=True),
        sa.Column("legal_due", sa.Date(), nullable=True),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("concluded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["residents.id"], name=op.f("fk_applications_created_by_id_residents")
        ),
        sa.ForeignKeyConstraint(
            ["department_id"], ["departments.id"], name=op.f("fk_applications_department_id_departments")
        ),
        sa.ForeignKeyConstraint(["item_id"], ["service_items.id"], name=op.f("fk_applications_item_id_service_items")),
        sa.ForeignKeyConstraint(["resident_id"], ["residents.id"], name=op.f("fk_applications_resident_id_residents")),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], name=op.f("fk_applications_ticket_id_tickets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applications")),
        sa.UniqueConstraint("number", name=op.f("uq_applications_number")),
        sa.UniqueConstraint(
            "region_code", "number_day", "sequence", name=op.f("uq_applications_region_code_number_day_sequence")
        ),
    )
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.create_index(
            "ix_applications_department_status_due", ["department_id", "status", "promised_due"], unique=False
        )
        batch_op.create_index("ix_applications_resident_created", ["resident_id", "created_at"], unique=False)

    op.create_table(
        "application_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=False),
        sa.Column("to_status", sa.String(length=20), nullable=False),
        sa.Column("code", sa.Integer(), nullable=True),
        sa.Column("clock", sa.String(length=8), nullable=False),
        sa.Column("actor_kind", sa.String(length=12), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("acting_for_id", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"], ["applications.id"], name=op.f("fk_application_events_application_id_applications")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_events")),
    )
    with op.batch_alter_table("application_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_application_events_application_id"), ["application_id"], unique=False)

    op.create_table(
        "application_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("material", sa.String(length=128), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("media_type", sa.String(length=32), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=128), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"], ["applications.id"], name=op.f("fk_application_files_application_id_applications")
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"], ["residents.id"], name=op.f("fk_application_files_uploaded_by_id_residents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_files")),
        sa.UniqueConstraint("key", name=op.f("uq_application_files_key")),
    )
    with op.batch_alter_table("application_files", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_application_files_application_id"), ["application_id"], unique=False)

    with op.batch_alter_table("materials", schema=None) as batch_op:
        batch_op.add_column(sa.Column("upload", sa.Boolean(), nullable=False, server_default=sa.false()))

    with op.batch_alter_table("service_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("application_form", sa.JSON(), nullable=False, server_default="[]"))


def downgrade():
    with op.batch_alter_table("service_items", schema=None) as batch_op:
        batch_op.drop_column("application_form")

    with op.batch_alter_table("materials", schema=None) as batch_op:
        batch_op.drop_column("upload")

    with op.batch_alter_table("application_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_files_application_id"))

    op.drop_table("application_files")
    with op.batch_alter_table("application_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_events_application_id"))

    op.drop_table("application_events")
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_index("ix_applications_resident_created")
        batch_op.drop_index("ix_applications_department_status_due")

    op.drop_table("applications")
