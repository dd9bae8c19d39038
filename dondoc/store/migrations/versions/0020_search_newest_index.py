"""Search on PostgreSQL: one GIN index over the words *and* the entry's id.

A search ranks the newest matches of its words (search_index.WINDOWS): with the id in the
same GIN index (`btree_gin`, shipped with PostgreSQL's contrib modules and trusted since
PostgreSQL 13, so a database owner may create it), "these words, among the entries after
id N" is one intersection inside the index, which reads only the matches it returns.
Measured at a million entries: the window of 20 000 entries of a common query ("giai ngan",
"can tho", "dang bo thanh pho") in 4–6 ms, where the words' index and the key's together
took 10–36 ms and reading the newest entries one by one about 34 ms.

Where the extension cannot be created (contrib modules not installed, no right to create
it) the words' index stays as it was, and searches stay correct, only slower; dondoc logs
a warning and `deploy.md` says how to add it later (run this migration's statements by
hand, or downgrade to 0019 and upgrade again).

SQLite: nothing (FTS5 already yields its matches newest first).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05 17:40:00
"""

from __future__ import annotations

import logging

from alembic import op
from sqlalchemy.exc import DBAPIError

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    try:
        with bind.begin_nested():  # a refusal must not abort the whole upgrade
            op.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    except DBAPIError as exc:
        log.warning(
            "search: extension btree_gin not created (%s); searching stays correct but slower "
            "on large databases, see docs/deploy.md",
            str(exc.orig).strip().splitlines()[0] if exc.orig else exc,
        )
        return
    op.execute("CREATE INDEX ix_search_docs_tsv_id ON search_docs USING gin (tsv, id)")
    # the new index answers the words alone as well: the old one would only cost writes
    op.execute("DROP INDEX ix_search_docs_tsv")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE INDEX IF NOT EXISTS ix_search_docs_tsv ON search_docs USING gin (tsv)")
    op.execute("DROP INDEX IF EXISTS ix_search_docs_tsv_id")
    # the extension stays: other objects of the database may have come to rely on it
