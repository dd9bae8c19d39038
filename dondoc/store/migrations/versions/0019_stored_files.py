"""Stored files in the database, for installs whose app servers and workers run on
several machines (setting `file_store = "database"`); the folder stays the default.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 16:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stored_files",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_stored_files")),
    )
    op.create_index(op.f("ix_stored_files_stored_at"), "stored_files", ["stored_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_stored_files_stored_at"), table_name="stored_files")
    op.drop_table("stored_files")
