"""The units directory through the API: read by every user, imported by the office."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Query, UploadFile
from fastapi import Path as PathParam
from starlette.concurrency import run_in_threadpool

from dondoc.services import search as searching
from dondoc.services import units
from dondoc.services.context import require
from dondoc.tracking.permissions import Action
from dondoc.web.api.schemas import DirectoryUnitList, DirectoryUnitRead, ImportResult
from dondoc.web.api.v1.auth import ApiActor
from dondoc.web.api.v1.shapes import directory_unit_read
from dondoc.web.deps import StoreDep
from dondoc.web.uploads import save_upload, temp_folder

router = APIRouter(tags=["units"])


@router.get("/units", response_model=DirectoryUnitList)
def list_units(
    actor: ApiActor,
    store: StoreDep,
    q: Annotated[str | None, Query(min_length=1, max_length=searching.MAX_QUERY)] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> DirectoryUnitList:
    """The directory in tree order (a parent before its children); with `q`, the units
    whose name, code or alias match it, best first ("cong an" finds "Công an thành phố")."""
    rows = units.directory(store)
    if q is not None:
        found = searching.search(
            store, actor, q, searching.Filters(kinds=("unit",)), limit=searching.MAX_LIMIT
        )
        codes = units.codes_of(store, [h.id for h in found.hits])
        rank = {codes[h.id]: i for i, h in enumerate(found.hits) if h.id in codes}
        rows = sorted((r for r in rows if r.code in rank), key=lambda r: rank[r.code])
    return DirectoryUnitList(
        items=[directory_unit_read(u) for u in rows[offset : offset + limit]], count=len(rows)
    )


@router.get("/units/{code}", response_model=DirectoryUnitRead)
def get_unit(
    code: Annotated[str, PathParam(min_length=1, max_length=64)], actor: ApiActor, store: StoreDep
) -> DirectoryUnitRead:
    return directory_unit_read(units.unit_row(store, code))


@router.post("/units/import", response_model=ImportResult)
async def import_units(
    file: Annotated[UploadFile, File(description="CSV or XLSX with the directory's columns")],
    actor: ApiActor,
    store: StoreDep,
) -> ImportResult:
    """Add or update units from a file like the one `dondoc units export` writes."""
    require(actor, Action.MANAGE_UNITS, what="units")
    with temp_folder() as tmp:
        path = await save_upload(file, Path(tmp), units.MAX_FILE_BYTES)
        added, updated = await run_in_threadpool(units.import_units, store, actor, path)
    return ImportResult(added=added, updated=updated)
