"""Đôn đốc: reminders, their runs and the messages they send, in-app notifications.

- `users.email`: where a user's reminders go by e-mail (none: in the app only);
- `reminder_runs`: one row per day a reminder run covered, finished or not (a run that
  stopped half-way is finished by the next, which sends only what is still pending);
- `reminder_notices`: what each run said about each task, at which audience (the
  leader's view counts them; one per task per run);
- `outbox`: every message, one per recipient, channel and run: its text, its delivery
  result and attempts; the unique key is what keeps a message from going out twice;
- `notifications`: the in-app bell, read or not;
- `reminder_settings`: the office's policies, calendar corrections and message
  templates, as JSON by key.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE (SQLite ≥ 3.35 has both): batch mode would copy `users`, which
    # every other table refers to, and foreign keys forbid dropping the original
    op.add_column("users", sa.Column("email", sa.String(length=254), nullable=True))

    op.create_table(
        "reminder_runs",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notices", sa.Integer(), nullable=False),
        sa.Column("messages", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_reminder_runs")),
    )
    op.create_table(
        "reminder_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_day", sa.Date(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("audience", sa.Integer(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_day"], ["reminder_runs.day"], name=op.f("fk_reminder_notices_run_day_reminder_runs")
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_reminder_notices_task_id_tasks"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_reminder_notices_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_notices")),
        sa.UniqueConstraint("run_day", "task_id", name=op.f("uq_reminder_notices_run_day")),
    )
    op.create_index(op.f("ix_reminder_notices_unit_id"), "reminder_notices", ["unit_id"], unique=False)
    op.create_index(op.f("ix_reminder_notices_task_id"), "reminder_notices", ["task_id"], unique=False)
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_day", sa.Date(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("tasks", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("message_id", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("state IN ('pending', 'sent', 'failed')", name=op.f("ck_outbox_state")),
        sa.ForeignKeyConstraint(
            ["run_day"], ["reminder_runs.day"], name=op.f("fk_outbox_run_day_reminder_runs")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_outbox_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("run_day", "user_id", "channel", name=op.f("uq_outbox_run_day")),
    )
    op.create_index(op.f("ix_outbox_state"), "outbox", ["state"], unique=False)
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("link", sa.String(length=300), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_notifications_user_id_users")),
        sa.ForeignKeyConstraint(["outbox_id"], ["outbox.id"], name=op.f("fk_notifications_outbox_id_outbox")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
        sa.UniqueConstraint("outbox_id", name=op.f("uq_notifications_outbox_id")),
    )
    op.create_index(op.f("ix_notifications_user_id"), "notifications", ["user_id"], unique=False)
    op.create_table(
        "reminder_settings",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_reminder_settings")),
    )


def downgrade() -> None:
    op.drop_table("reminder_settings")
    op.drop_index(op.f("ix_notifications_user_id"), table_name="notifications")
    op.drop_table("notifications")
    op.drop_index(op.f("ix_outbox_state"), table_name="outbox")
    op.drop_table("outbox")
    op.drop_index(op.f("ix_reminder_notices_task_id"), table_name="reminder_notices")
    op.drop_index(op.f("ix_reminder_notices_unit_id"), table_name="reminder_notices")
    op.drop_table("reminder_notices")
    op.drop_table("reminder_runs")
    op.drop_column("users", "email")
