from __future__ import annotations

from datetime import date

from dondoc.extract.legal_refs import find_legal_refs, normalize_number


def test_party_and_state_citations_with_dates() -> None:
    text = (
        "Thực hiện Chỉ thị số 35-CT/TW, ngày 14/6/2024 của Bộ Chính trị và Nghị định số 146/2018/NĐ-CP "
        "ngày 17 tháng 10 năm 2018 của Chính phủ; Kết luận 75-\nKL/TW."
    )
    refs = find_legal_refs(text)
    assert [(r.kind, r.number, r.date) for r in refs] == [
        ("Chỉ thị", "35-CT/TW", date(2024, 6, 14)),
        ("Nghị định", "146/2018/NĐ-CP", date(2018, 10, 17)),
        ("Kết luận", "75-KL/TW", None),
    ]
    for r in refs:
        assert text[r.span.start : r.span.end].startswith(r.kind.split()[0])


def test_duplicates_and_own_number_are_dropped() -> None:
    text = "Số: 113/NQ-CP. Theo Nghị định số 75/2023/NĐ-CP; Nghị định số 75/2023/NĐ-CP của Chính phủ."
    refs = find_legal_refs(text, exclude=("113/NQ-CP",))
    assert [r.number for r in refs] == ["75/2023/NĐ-CP"]


def test_lost_hyphen_is_repaired() -> None:
    assert normalize_number("5969/QĐUBND") == "5969/QĐ-UBND"
    assert normalize_number("92/2009/TT- BTC") == "92/2009/TT-BTC"
