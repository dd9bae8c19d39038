"""Search: one index over directives, tasks, progress reports and units.

- `search_docs`: each searchable record's title, text and folded words;
- `search_terms`: the words the index has held (typo corrections look them up);
- SQLite: an FTS5 table over `search_docs.terms` (external content, kept by triggers);
  PostgreSQL: a stored tsvector of the same words with a GIN index.

The existing records are indexed after the upgrade by `search_index.fill_if_empty`
(the folding is the application's, not frozen here: it must match the queries').

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 13:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_SQLITE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(terms, content='search_docs', content_rowid='id', "
    # prefix indexes of 2 and 3 letters: "tham nh*" reads one entry, not every word in nh…
    "tokenize='unicode61 remove_diacritics 0', prefix='2 3')",
    "CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END",
    "CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms); END",
    "CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms); "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END",
]
_POSTGRES = [
    "ALTER TABLE search_docs ADD COLUMN tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED",
    "CREATE INDEX ix_search_docs_tsv ON search_docs USING gin (tsv)",
]


def upgrade() -> None:
    op.create_table(
        "search_docs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("directive_id", sa.Integer(), nullable=True),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('directive', 'task', 'progress', 'unit')", name=op.f("ck_search_docs_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_docs")),
        sa.UniqueConstraint("kind", "ref_id", name=op.f("uq_search_docs_kind")),
    )
    op.create_index(op.f("ix_search_docs_directive_id"), "search_docs", ["directive_id"], unique=False)
    op.create_index(op.f("ix_search_docs_task_id"), "search_docs", ["task_id"], unique=False)
    op.create_table(
        "search_terms",
        sa.Column("term", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("term", name=op.f("pk_search_terms")),
    )
    for statement in _SQLITE if op.get_bind().dialect.name == "sqlite" else _POSTGRES:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("search_docs_au", "search_docs_ad", "search_docs_ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_table("search_terms")
    op.drop_index(op.f("ix_search_docs_task_id"), table_name="search_docs")
    op.drop_index(op.f("ix_search_docs_directive_id"), table_name="search_docs")
    op.drop_table("search_docs")
