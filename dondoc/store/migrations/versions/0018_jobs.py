"""The job queue: background work (reading an upload, for now) as rows any process of
the install can claim, so that `dondoc worker` processes on other machines share it and
a job whose process died is picked up again. Each reading job points at its queue job.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 15:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("queue", sa.String(length=20), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("max_attempts", sa.Integer(), nullable=False),
        sa.Column("run_after", sa.DateTime(timezone=True), nullable=False),
        sa.Column("worker", sa.String(length=120), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.CheckConstraint("state IN ('queued', 'running', 'done', 'failed')", name=op.f("ck_jobs_state")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
    )
    op.create_index("ix_jobs_waiting", "jobs", ["state", "queue", "run_after"])
    with op.batch_alter_table("reading_jobs") as batch:
        batch.add_column(sa.Column("queue_job_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_reading_jobs_queue_job_id_jobs"), "jobs", ["queue_job_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("reading_jobs") as batch:
        batch.drop_constraint(op.f("fk_reading_jobs_queue_job_id_jobs"), type_="foreignkey")
        batch.drop_column("queue_job_id")
    op.drop_index("ix_jobs_waiting", table_name="jobs")
    op.drop_table("jobs")
