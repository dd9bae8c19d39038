"""Areas (lĩnh vực): the short list the office keeps, instead of raw section headings.

The review proposes an area for each section of a directive (an area of the list its
heading names, else the heading without its number: "2- Lĩnh vực phát triển kinh tế"
→ "Phát triển kinh tế"); the office confirms or corrects it, for every task of the
section at once. The dashboards group tasks by their area, a task without one by its
section's heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, update

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import fetch
from dondoc.services.context import Store, audit_event, require
from dondoc.services.units import fold_name
from dondoc.store.records import AreaRecord, TaskRecord
from dondoc.tracking.permissions import Action, Actor

MAX_NAME = 200
# the numbering and the generic word a heading opens with: "II.", "2-", "a)", "Lĩnh vực"
_NUMBER = re.compile(r"^\s*(?:[IVXLC]+|\d+|[a-zđ])\s*[.)\-–:/]+\s*", re.IGNORECASE)
_GENERIC = re.compile(r"^(?:về\s+)?(?:lĩnh vực|linh vuc)\s*[:\-–]?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class SectionArea:
    section: str  # as the directive gives it
    tasks: int
    area: str | None  # the area its tasks have now (the most common one)
    proposed: str  # the area to offer


def list_areas(store: Store) -> list[str]:
    with store.reading() as s:
        return list(s.scalars(select(AreaRecord.name).order_by(AreaRecord.name)))


def _clean(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="an area needs a name")
    if len(name) > MAX_NAME:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"an area's name is at most {MAX_NAME} characters")
    return name


def propose(section: str, areas: Sequence[str]) -> str:
    """The area a section's heading names: one of the list it contains (the longest),
    else the heading without its number and the word "Lĩnh vực", first letter capital."""
    folded = fold_name(section)
    named = [a for a in areas if fold_name(a) and fold_name(a) in folded]
    if named:
        return max(named, key=len)
    heading = " ".join(section.split())
    heading = _GENERIC.sub("", _NUMBER.sub("", heading)).strip(" .:;-–")
    heading = heading[:MAX_NAME]
    return heading[:1].upper() + heading[1:] if heading else ""


def sections(store: Store, directive_id: int) -> list[SectionArea]:
    """The directive's sections, in order, with their tasks' area and the one proposed."""
    areas = list_areas(store)
    with store.reading() as s:
        fetch.directive(s, directive_id)
        rows = s.execute(
            select(TaskRecord.section, TaskRecord.area, func.count(), func.min(TaskRecord.position))
            .where(TaskRecord.directive_id == directive_id, TaskRecord.section.is_not(None))
            .group_by(TaskRecord.section, TaskRecord.area)
        ).all()
    by_section: dict[str, list[tuple[str | None, int, int]]] = {}
    for section, area, n, first in rows:
        if section is not None:
            by_section.setdefault(section, []).append((area, n, first))
    out = []
    for section, found in sorted(by_section.items(), key=lambda kv: min(f for _, _, f in kv[1])):
        area = max(found, key=lambda f: f[1])[0]
        out.append(SectionArea(section, sum(n for _, n, _ in found), area, area or propose(section, areas)))
    return out


def set_areas(store: Store, actor: Actor, directive_id: int, chosen: dict[str, str]) -> int:
    """Each section's tasks given the area chosen for it (a name not on the list yet is
    added to it; an empty one clears the area). Returns how many tasks changed."""
    require(actor, Action.REVIEW, what="areas")
    changed = 0
    with store.transaction() as s:
        fetch.directive(s, directive_id)
        known = set(s.scalars(select(AreaRecord.name)))
        for section, name in chosen.items():
            area = _clean(name) if name.strip() else None
            if area is not None and area not in known:
                s.add(AreaRecord(name=area))
                known.add(area)
            tasks = list(
                s.scalars(
                    select(TaskRecord).where(
                        TaskRecord.directive_id == directive_id, TaskRecord.section == section
                    )
                )
            )
            for t in tasks:
                if t.area != area:
                    t.area = area
                    changed += 1
        s.flush()
        audit_event(
            s, actor, "areas.assign", "directive", directive_id, after={"areas": chosen, "tasks": changed}
        )
    return changed


def add_area(store: Store, actor: Actor, name: str) -> None:
    require(actor, Action.REVIEW, what="areas")
    name = _clean(name)
    with store.transaction() as s:
        if s.scalar(select(AreaRecord).where(AreaRecord.name == name)) is not None:
            raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"the area {name!r} is on the list already")
        s.add(AreaRecord(name=name))
        s.flush()
        audit_event(s, actor, "areas.add", "area", None, after={"name": name})


def rename_area(store: Store, actor: Actor, old: str, new: str) -> int:
    """The area renamed on the list and on every task that has it (two areas merge when
    the new name is on the list already). Returns how many tasks changed."""
    require(actor, Action.REVIEW, what="areas")
    new = _clean(new)
    with store.transaction() as s:
        area = s.scalar(select(AreaRecord).where(AreaRecord.name == old))
        if area is None:
            raise DondocError(ErrorCode.NOT_FOUND, kind="area", key=old)
        other = s.scalar(select(AreaRecord).where(AreaRecord.name == new))
        if other is not None and other.id != area.id:
            s.delete(area)  # merged into the existing one
        else:
            area.name = new
        result = s.execute(update(TaskRecord).where(TaskRecord.area == old).values(area=new))
        s.flush()
        n = int(getattr(result, "rowcount", 0) or 0)
        audit_event(
            s, actor, "areas.rename", "area", None, before={"name": old}, after={"name": new, "tasks": n}
        )
        return n


def delete_area(store: Store, actor: Actor, name: str) -> int:
    """The area off the list; its tasks fall back to their sections' headings."""
    require(actor, Action.REVIEW, what="areas")
    with store.transaction() as s:
        area = s.scalar(select(AreaRecord).where(AreaRecord.name == name))
        if area is None:
            raise DondocError(ErrorCode.NOT_FOUND, kind="area", key=name)
        s.delete(area)
        result = s.execute(update(TaskRecord).where(TaskRecord.area == name).values(area=None))
        n = int(getattr(result, "rowcount", 0) or 0)
        audit_event(s, actor, "areas.delete", "area", None, before={"name": name, "tasks": n})
        return n
