"""Persistence: SQLAlchemy mappings, the engine, migrations, the audit log.

SQLite is the embedded default, PostgreSQL the production engine; both run the same
Alembic migrations. Nothing here knows the web or the CLI.
"""
