"""Factories for tracking tests: plain functions over a migrated store."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from dondoc.services import assignment, ingestion, review, units, users
from dondoc.services.context import SYSTEM, Store
from dondoc.services.demo import seed_path, units_path
from dondoc.store.records import TaskRecord
from dondoc.tracking.permissions import Actor, Role

PASSWORD = "correct horse battery"


def load_cantho_units(store: Store) -> None:
    units.import_units(store, SYSTEM, units_path())


def make_user(store: Store, name: str, role: Role, unit: str | None = None) -> Actor:
    users.create_user(
        store, SYSTEM, username=name, full_name=name.title(), password=PASSWORD, role=role, unit_code=unit
    )
    return users.actor_by_name(store, name)


def ingest_seed(store: Store, actor: Actor) -> ingestion.Ingested:
    return ingestion.ingest_file(store, actor, seed_path())


def task_ids(store: Store, directive_id: int) -> dict[str, int]:
    """Task ids by extracted id ("t6" → 17)."""
    with store.reading() as s:
        rows = s.execute(
            select(TaskRecord.extracted_id, TaskRecord.id).where(TaskRecord.directive_id == directive_id)
        ).all()
    return {str(e): i for e, i in rows}


def confirmed_seed(store: Store, office: Actor, *, on: dt.date) -> tuple[int, dict[str, int]]:
    """The seed, ingested, resolved and confirmed on `on`; its tasks by extracted id."""
    directive_id = ingest_seed(store, office).directive_id
    review.resolve_bodies(store, office, directive_id)
    review.confirm(store, office, directive_id, today=on)
    return directive_id, task_ids(store, directive_id)


def assign(store: Store, office: Actor, task_id: int, lead: str, *support: str, on: dt.date) -> None:
    assignment.assign(store, office, task_id, lead=lead, support=support, today=on)
