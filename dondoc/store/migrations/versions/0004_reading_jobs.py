"""Reading jobs: uploads read in the background, with their progress.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reading_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("pages_done", sa.Integer(), nullable=False),
        sa.Column("pages_total", sa.Integer(), nullable=True),
        sa.Column("directive_id", sa.Integer(), nullable=True),
        sa.Column("error_code", sa.String(length=40), nullable=True),
        sa.Column("error_detail", sa.Text(), nullable=True),
        sa.Column("error_params", sa.Text(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "state IN ('queued', 'reading', 'done', 'failed')", name=op.f("ck_reading_jobs_state")
        ),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_reading_jobs_created_by_users")),
        sa.ForeignKeyConstraint(
            ["directive_id"], ["directives.id"], name=op.f("fk_reading_jobs_directive_id_directives")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reading_jobs")),
    )
    with op.batch_alter_table("reading_jobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reading_jobs_created_by"), ["created_by"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("reading_jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reading_jobs_created_by"))
    op.drop_table("reading_jobs")
