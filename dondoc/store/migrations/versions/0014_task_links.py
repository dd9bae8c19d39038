"""Carry-over: a task that repeats or continues an open task of an earlier directive.

- `task_links`: the new task, the earlier one, how alike their texts are, and the office's
  decision (proposed, accepted, rejected).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "task_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("earlier_task_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.CheckConstraint("state IN ('proposed', 'accepted', 'rejected')", name=op.f("ck_task_links_state")),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_task_links_task_id_tasks"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["earlier_task_id"],
            ["tasks.id"],
            name=op.f("fk_task_links_earlier_task_id_tasks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_links")),
        sa.UniqueConstraint("task_id", "earlier_task_id", name=op.f("uq_task_links_task_id")),
    )
    op.create_index(op.f("ix_task_links_task_id"), "task_links", ["task_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_task_links_task_id"), table_name="task_links")
    op.drop_table("task_links")
