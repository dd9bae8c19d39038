"""Review flags (extract.review): each names the field and why; made-up cases."""

from __future__ import annotations

from datetime import date

from dondoc.core.directive import Deadline
from dondoc.extract.review import names_a_person, review_flags


def test_a_lead_from_the_items_own_subject_with_a_dated_bound_raises_nothing() -> None:
    assert review_flags(["Sở Y tế"], "own", Deadline("trước ngày 15/12/2026", date(2026, 12, 14))) == []


def test_leads_that_went_wrong_on_the_corpus_are_flagged() -> None:
    none = Deadline()
    assert review_flags([], "", none) == ["lead: none found"]
    assert review_flags(["các sở, ngành"], "introduction", none) == ["lead: inherited from the introduction"]
    assert review_flags(["Công an tỉnh"], "addressees", none) == ["lead: inherited from the addressees"]
    assert review_flags(["Đồng chí Nguyễn Văn A - Phó Chủ tịch"], "own", none) == [
        "lead: names a person, not a body"
    ]
    assert review_flags(["đơn vị"], "own", none) == ["lead: a bare word, not a body's name"]
    assert review_flags(["Sở A", "Sở B", "Sở C"], "own", none) == ["lead: several bodies named, one leads"]
    long_name = "Ủy ban nhân dân phường Văn Phú tìm kiếm nhà đầu tư có đủ năng lực tài chính"
    assert review_flags([long_name], "own", none) == ["lead: a body's name may be cut or run on"]
    # a heading's body is as reliable as the item's own subject on the corpus: no flag
    assert review_flags(["Sở Tư pháp"], "heading", none) == []


def test_deadlines_without_a_date_or_a_year_are_flagged() -> None:
    assert review_flags(["Sở A"], "own", Deadline("Trước ngày")) == ["deadline: a time phrase without a date"]
    assert review_flags(["Sở A"], "own", Deadline("trước ngày 20/11", date(2026, 11, 19))) == [
        "deadline: a date without a year (the document's year assumed)"
    ]
    assert review_flags(["Sở A"], "own", Deadline("thường xuyên", None, "continuous")) == []


def test_low_ocr_confidence_flags_the_text() -> None:
    assert review_flags(["Sở A"], "own", Deadline(), ocr_confidence=61.0) == ["text: low OCR confidence"]
    assert review_flags(["Sở A"], "own", Deadline(), ocr_confidence=92.0) == []


def test_a_dash_inside_a_bodys_name_names_no_person() -> None:
    """ "Phòng Văn hóa - Xã hội" joins two fields in one name: measured on dev and dev2, not
    flagging such names left every caught error caught (dev2's needless checks 0.141 → 0.139)."""
    none = Deadline()
    for body in (
        "Phòng Văn hóa - Xã hội",
        "Hội đồng Thi đua - Khen thưởng tỉnh",
        "Phòng Tài chính - Kế hoạch",
        "các đoàn thể chính trị - xã hội tỉnh",
        "các tổ chức chính trị - xã hội",
    ):
        assert review_flags([body], "own", none) == [], body
    person = "lead: names a person, not a body"
    assert review_flags(["Nguyễn Văn A - Phó Chủ tịch UBND tỉnh"], "own", none) == [person]
    assert review_flags(["Phòng Kinh tế - Trưởng phòng Nguyễn Văn B"], "own", none) == [person]
    # a run-on group whose dash is its field's ("các tổ chức chính trị - xã hội, các xã") stays doubted
    assert review_flags(["các tổ chức chính trị - xã hội, các xã, phường"], "own", none) == [person]


def test_a_comrade_named_after_giao_in_lower_case_is_a_person() -> None:
    # "Giao đồng chí …" writes the mark in lower case; "Các đồng chí Bộ trưởng, …" is a group
    assert names_a_person("đồng chí Nguyễn Văn An, Phó Chủ tịch Ủy ban nhân dân tỉnh")
    assert not names_a_person("Các đồng chí Bộ trưởng, Thủ trưởng cơ quan ngang Bộ")
