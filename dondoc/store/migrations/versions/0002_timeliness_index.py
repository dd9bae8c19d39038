"""Covering index for the timeliness buckets (the as-of dashboard reads only this index).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 17:39:31.965344
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index(
            "ix_tasks_timeliness",
            ["directive_id", "id", "original_deadline", "current_deadline", "done_on", "verified_on"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_tasks_timeliness")
