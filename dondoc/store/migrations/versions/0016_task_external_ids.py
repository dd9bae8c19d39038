"""Tasks imported from an office's spreadsheet keep the row's own id (`external_id`), so a
second import of the same list updates them instead of adding them again.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(sa.Column("external_id", sa.String(length=100), nullable=True))
        batch.create_index("uq_tasks_directive_external_id", ["directive_id", "external_id"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.drop_index("uq_tasks_directive_external_id")
        batch.drop_column("external_id")
