"""Issue #16: areas (lĩnh vực) as a short list the office keeps: proposed per section from
its heading, chosen for a section's tasks at once, grouping the dashboards; renamed or
merged, removed (its tasks back to their headings) — on both engines."""

from __future__ import annotations

import datetime as dt

import pytest

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import areas
from dondoc.services.context import Store
from dondoc.services.dashboards import buckets_as_of, tasks_behind
from dondoc.tracking.permissions import Role
from tests.support.tracking import assign, confirmed_seed, load_cantho_units, make_user

D = dt.date


def test_propose_reads_the_heading_or_the_list() -> None:
    assert areas.propose("2- Lĩnh vực phát triển kinh tế", []) == "Phát triển kinh tế"
    assert areas.propose("II. VỀ LĨNH VỰC VĂN HÓA - XÃ HỘI", []) == "VĂN HÓA - XÃ HỘI"
    assert (
        areas.propose("1- Xây dựng Đảng và hệ thống chính trị", []) == "Xây dựng Đảng và hệ thống chính trị"
    )
    listed = ["Kinh tế", "Phát triển kinh tế", "Văn hóa - xã hội"]
    assert (
        areas.propose("2- Lĩnh vực phát triển kinh tế", listed) == "Phát triển kinh tế"
    )  # the longest named
    assert areas.propose("III. Lĩnh vực văn hoá – xã hội", ["Văn hóa - xã hội"]) == "Văn hoá – xã hội"


def test_sections_get_areas_and_the_dashboards_group_by_them(store: Store) -> None:
    load_cantho_units(store)
    office = make_user(store, "vanphong", Role.OFFICE, "CT-TU-VP")
    directive_id, tasks = confirmed_seed(store, office, on=D(2024, 10, 7))
    for name in tasks:
        assign(store, office, tasks[name], "CT-CA", on=D(2024, 10, 7))
    found = areas.sections(store, directive_id)
    assert len(found) >= 3 and all(sa.area is None and sa.proposed for sa in found)
    assert found[0].section.startswith("1-") and found[0].proposed == "Xây dựng Đảng và hệ thống chính trị"
    before = {a.area for a in buckets_as_of(store, office, D(2024, 11, 1)).areas}
    assert any(a.startswith("1-") for a in before)  # raw headings until areas are chosen
    chosen = {sa.section: sa.proposed for sa in found}
    chosen[found[1].section] = "Kinh tế"
    changed = areas.set_areas(store, office, directive_id, chosen)
    assert changed == sum(sa.tasks for sa in found)
    assert "Kinh tế" in areas.list_areas(store) and found[0].proposed in areas.list_areas(store)
    report = buckets_as_of(store, office, D(2024, 11, 1))
    names = {a.area: a.total for a in report.areas}
    assert names["Kinh tế"] == found[1].tasks and not any(a.startswith("1-") for a in names)
    lines = tasks_behind(store, office, D(2024, 11, 1), area="Kinh tế")
    assert len(lines) == found[1].tasks and {line.area for line in lines} == {"Kinh tế"}
    # again: nothing changes
    assert areas.set_areas(store, office, directive_id, chosen) == 0
    assert [sa.area for sa in areas.sections(store, directive_id)] == [chosen[sa.section] for sa in found]
    # renamed onto another: merged
    assert areas.rename_area(store, office, "Kinh tế", found[0].proposed) == found[1].tasks
    assert "Kinh tế" not in areas.list_areas(store)
    merged = {a.area: a.total for a in buckets_as_of(store, office, D(2024, 11, 1)).areas}
    assert merged[found[0].proposed] == found[0].tasks + found[1].tasks
    # removed: its tasks fall back to their headings
    areas.delete_area(store, office, found[0].proposed)
    back = {a.area for a in buckets_as_of(store, office, D(2024, 11, 1)).areas}
    assert " ".join(found[0].section.split()) in back


def test_areas_are_the_offices(store: Store) -> None:
    load_cantho_units(store)
    office = make_user(store, "vanphong", Role.OFFICE, "CT-TU-VP")
    police = make_user(store, "congan", Role.REPORTER, "CT-CA")
    with pytest.raises(DondocError) as err:
        areas.add_area(store, police, "Quốc phòng")
    assert err.value.code is ErrorCode.FORBIDDEN
    areas.add_area(store, office, "  Quốc   phòng ")
    assert areas.list_areas(store) == ["Quốc phòng"]
    for bad in ("", "x" * 201, "Quốc phòng"):
        with pytest.raises(DondocError):
            areas.add_area(store, office, bad)
    with pytest.raises(DondocError) as err:
        areas.rename_area(store, office, "Không có", "Mới")
    assert err.value.code is ErrorCode.NOT_FOUND
