from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from dondoc.core.text import SourceText
from dondoc.extract.legal_refs import _blanked, find_legal_refs, normalize_number
from dondoc.extract.pipeline import extract
from tests.support.texts import header


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


def test_a_list_of_numbers_after_one_so_and_damaged_symbols() -> None:
    """ "các văn bản số: A ngày …, B ngày …": B is cited too; "so" is "số" as OCR reads it;
    a symbol whose "&" a space follows ("QLN& TTBĐS") is one symbol."""
    text = (
        "Thực hiện các văn bản số: 10894/VPCP-CN ngày 8/11/2025, 8563/VPCP-CN ngày 12/9/2025 của Văn phòng"
        " Chính phủ; Chỉ thị so 41-CT/TW ngày 26/12/2024 của Bộ Chính trị; Công văn số 15972/SXD-QLN& TTBĐS"
        " ngày 14 tháng 11 năm 2025."
    )
    refs = find_legal_refs(text)
    assert [(r.number, r.date) for r in refs] == [
        ("10894/VPCP-CN", date(2025, 11, 8)),
        ("8563/VPCP-CN", date(2025, 9, 12)),
        ("41-CT/TW", date(2024, 12, 26)),
        ("15972/SXD-QLN&TTBĐS", date(2025, 11, 14)),
    ]
    assert refs[2].kind == "Chỉ thị"


def test_a_regulation_is_a_kind_of_its_own() -> None:
    refs = find_legal_refs("Thực hiện Quy chế số 04-QC/TU ngày 01/02/2026 của Tỉnh ủy về công tác dân vận.")
    assert [(r.kind, r.number) for r in refs] == [("Quy chế", "04-QC/TU")]


def test_a_citation_cut_by_a_page_number_is_read_whole() -> None:
    e = extract(
        SourceText(
            header() + "\n1. Sở Tài chính hướng dẫn các đơn vị lập dự toán theo quy định tại Thông tư số\n"
            "2\n"
            "75/2024/TT-BTC ngày 15/10/2024 của Bộ Tài chính, hoàn thành trong tháng 5/2027.\n"
        )
    )
    assert [r.number for r in e.legal_refs] == ["75/2024/TT-BTC"]
    assert " 2 " not in e.tasks[0].text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab /\n0123", min_size=0, max_size=40), st.data())
def test_a_window_with_spans_blanked_is_the_plain_copys_window(text: str, data: st.DataObject) -> None:
    # the shortcut (blanking only inside the window) against the plain version: a copy of the
    # whole text with every span blanked, then the window cut from it
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    spans = tuple((a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b)
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    plain = list(text)
    for a, b in spans:
        plain[a:b] = " " * (b - a)
    assert _blanked(text, lo, hi, spans) == "".join(plain)[lo:hi]
