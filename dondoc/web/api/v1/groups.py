"""Groups of units, fan-out of a task addressed to a group, and the mapping of a body
phrase to a unit, through the API."""

from __future__ import annotations

from fastapi import APIRouter

from dondoc.services import groups, review
from dondoc.services.context import require
from dondoc.tracking.permissions import Action
from dondoc.web.api.schemas import (
    FanOutRead,
    FanOutWrite,
    GroupList,
    GroupRead,
    GroupWrite,
    MentionMapRead,
    MentionMapWrite,
)
from dondoc.web.api.v1.auth import ApiActor
from dondoc.web.deps import Id, StoreDep, TodayDep

router = APIRouter(tags=["groups"])


@router.get("/groups", response_model=GroupList)
def list_groups(actor: ApiActor, store: StoreDep) -> GroupList:
    require(actor, Action.ASSIGN, what="groups of units")
    return GroupList(
        items=[
            GroupRead(id=g.id, name=g.name, units=[code for code, _ in g.members])
            for g in groups.list_groups(store)
        ]
    )


@router.put("/groups", response_model=GroupRead)
def save_group(body: GroupWrite, actor: ApiActor, store: StoreDep) -> GroupRead:
    """Make a group, or replace the members of the one of that name."""
    group_id = groups.save_group(store, actor, body.name, body.units)
    saved = next(g for g in groups.list_groups(store) if g.id == group_id)
    return GroupRead(id=saved.id, name=saved.name, units=[code for code, _ in saved.members])


@router.post("/directives/{directive_id}/fan-out", response_model=FanOutRead)
def fan_out(
    directive_id: Id, body: FanOutWrite, actor: ApiActor, store: StoreDep, today: TodayDep
) -> FanOutRead:
    """The tasks given (or every task without a lead and not given out yet) to each unit of
    the group: one copy per unit, all or none."""
    made = groups.fan_out_directive(
        store, actor, directive_id, group=body.group, task_ids=body.tasks, today=today
    )
    return FanOutRead(copies=made)


@router.post("/mentions/{mention_id}/map", response_model=MentionMapRead)
def map_mention(mention_id: Id, body: MentionMapWrite, actor: ApiActor, store: StoreDep) -> MentionMapRead:
    """Say which unit a body phrase names (null: none, e.g. a group), in this task only or
    everywhere in the directive (a choice made by hand elsewhere stays)."""
    if body.everywhere:
        return MentionMapRead(mapped=review.map_phrase(store, actor, mention_id, body.unit))
    review.map_mention(store, actor, mention_id, body.unit)
    return MentionMapRead(mapped=1)
