"""Reporting cycles: a task that recurs, and its occurrences.

- `tasks.cycle` (monthly, quarterly, semiannual, yearly), `cycle_cutoff_day`,
  `cycle_cutoff_month` (of the period; empty: its last), `cycle_until` (the last day a
  period may start; empty: open-ended);
- `task_occurrences`: one row per period owed, with its due date and its own completion
  (the day the work was done and the day the office verified it, the update verified).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("tasks", sa.Column("cycle", sa.String(length=20), nullable=True))
    op.add_column("tasks", sa.Column("cycle_cutoff_day", sa.Integer(), nullable=True))
    op.add_column("tasks", sa.Column("cycle_cutoff_month", sa.Integer(), nullable=True))
    op.add_column("tasks", sa.Column("cycle_until", sa.Date(), nullable=True))
    op.create_table(
        "task_occurrences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("verified_on", sa.Date(), nullable=True),
        sa.Column("update_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_task_occurrences_task_id_tasks"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["update_id"],
            ["progress_updates.id"],
            name=op.f("fk_task_occurrences_update_id_progress_updates"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_occurrences")),
        sa.UniqueConstraint("task_id", "period_start", name=op.f("uq_task_occurrences_task_id")),
    )
    op.create_index(op.f("ix_task_occurrences_task_id"), "task_occurrences", ["task_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_task_occurrences_task_id"), table_name="task_occurrences")
    op.drop_table("task_occurrences")
    op.drop_column("tasks", "cycle_until")
    op.drop_column("tasks", "cycle_cutoff_month")
    op.drop_column("tasks", "cycle_cutoff_day")
    op.drop_column("tasks", "cycle")
