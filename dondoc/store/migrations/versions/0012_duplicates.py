"""Duplicate uploads said so.

- `directives.text_key`: the sha256 of the text normalised (NFC, case folded, spaces
  collapsed): the same directive with one more line break has the same key;
- `directives.duplicate_of`: the earlier directive it repeats (same key, or the same
  number and issuer), said on its review;
- `reading_jobs.known`: the upload was bytes already stored (the directive reopened).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 13:00:00
"""

from __future__ import annotations

import hashlib
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _key(text: str) -> str:
    # as dondoc.services.ingestion.text_key, frozen here: a migration keeps its own code
    flat = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return hashlib.sha256(flat.encode("utf-8")).hexdigest()


def upgrade() -> None:
    with op.batch_alter_table("directives") as batch:
        batch.add_column(sa.Column("text_key", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("duplicate_of", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_directives_text_key"), ["text_key"], unique=False)
    op.add_column("reading_jobs", sa.Column("known", sa.Boolean(), nullable=False, server_default=sa.false()))
    bind = op.get_bind()
    directives = sa.table("directives", sa.column("id", sa.Integer), sa.column("source_text", sa.Text),
                          sa.column("text_key", sa.String))  # fmt: skip
    for row_id, text in bind.execute(sa.select(directives.c.id, directives.c.source_text)).all():
        bind.execute(directives.update().where(directives.c.id == row_id).values(text_key=_key(text or "")))


def downgrade() -> None:
    op.drop_column("reading_jobs", "known")
    with op.batch_alter_table("directives") as batch:
        batch.drop_index(batch.f("ix_directives_text_key"))
        batch.drop_column("duplicate_of")
        batch.drop_column("text_key")
