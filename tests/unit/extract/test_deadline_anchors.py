"""The anchored search of the time patterns (deadlines._matches) finds exactly what a plain
scan of the whole text finds: same spans, same groups, for every pattern, on texts made of
the words the patterns are about, in any case. A wrong anchor or a `back` too short would
lose matches here."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from dondoc.extract import deadlines
from dondoc.extract.deadlines import _FREE_RECURRENCE, _HOAN_THANH_YEAR, _RECURRENCE, _STRICT, _fast, _matches

_VOCAB = (
    "trước chậm nhất là vào hạn chót xong hoàn thành trong từ đến hết cuối ngày tháng năm quý quí "
    "quy I II III IV 6 đầu tết nguyên đán Giáp Thìn dịp nhân rằm giêng chạp âm lịch (âm lịch) được giao "
    "vòng thời hạn làm việc kể ký ban hành hằng hàng tuần thường xuyên theo kế hoạch riêng định kỳ "
    "nhiệm vụ báo cáo Bộ Y tế 2024 2025 2026 15 30 1 12 3 10 01/6 15/12/2025 31.12.2024 15-01-2026 "
    ", . ; : / - ( )"
)
_WORDS = tuple(_VOCAB.split())
# one phrase that each pattern reads, with its longest lead-in
_PHRASES = (
    "hoàn thành trước ngày 15/12/2025",
    "xong chậm nhất vào ngày 1 tháng 2 năm 2026",
    "hạn chót 31.12.2024",
    "từ ngày 1/1/2025 đến hết ngày 31/12/2025",
    "hoàn thành trong tháng 12/2025",
    "đến hết tháng 3 năm 2026",
    "hoàn thành trong Quý IV năm 2024",
    "trước quý 2/2025",
    "trong 6 tháng đầu năm 2025",
    "trước dịp Tết Nguyên đán Giáp Thìn 2024",
    "trước dịp ngày 10 tháng Giêng (âm lịch) năm 2025",
    "nhân dịp rằm tháng giêng 2026",
    "hoàn thành trước 15/12",
    "đến hết năm 2025",
    "được giao trong năm 2025",
    "vào ngày 15-01-2026",
    "trong thời hạn 30 ngày làm việc, kể từ ngày ban hành",
    "hoàn thành xong trong năm 2025",
    "hằng tháng",
    "hàng quý",
    "thực hiện thường xuyên.",
    "định kỳ",
    "theo kế hoạch riêng",
    "cuối tháng 6/2025",
    "vào quý 3/2025",
    "cuối quý I năm 2025",
    "hết tháng 9-2025",
    "vào tháng 10 năm 2025",
    "trước quí IV/2024",
    "hết năm 2026",
    "cuối năm 2026",
    "trong năm 2025",
    "trong ngày 20/11/2025",
    "dịp Tết Nguyên đán 2025",
    "trong Tết Nguyên đán Bính Ngọ 2026",
    "trước dịp Tết Dương lịch năm 2026",
    "hoàn thành trong tuần thứ nhất của tháng 8/2026",
    "hoàn thành trong suốt năm nay",
    "đến ngày 5 tháng giêng âm lịch",
    "vào ngày 15/8 (âm lịch) 2025",
    "trong dịp rằm tháng chạp",
    "trong vòng 15 ngày, kể từ ngày ký",
    "chậm nhất là ngày 30/6/2025",
    "xong chậm nhất là đến ngày 01 tháng 7 năm 2028",
    "hạn chót là 15/12/2025",
    "từ nay đến tháng 9/2026",
    "từ tháng 10/2026 đến quý II/2027",
    "trước Rằm tháng Giêng",
    "hoàn thành trong quý III",
    "trong quý IV năm nay",
    "hoàn thành trong 6 tháng đầu năm nay",
    "thực hiện trong giai đoạn 2026 - 2030",
)
_CASES: tuple[Callable[[str], str], ...] = (str, str.upper, str.capitalize, str.lower)
_CASED = st.sampled_from(_CASES)
_WORD = st.tuples(st.sampled_from(_WORDS), _CASED).map(lambda wc: wc[1](wc[0]))
_PHRASE = st.tuples(st.sampled_from(_PHRASES), _CASED).map(lambda pc: pc[1](pc[0]))
# single-spaced, as every caller passes its text; some words glued to the next one
_TEXT = st.lists(st.tuples(st.one_of(_WORD, _PHRASE), st.sampled_from((" ", " ", " ", ""))), max_size=30).map(
    lambda parts: "".join(w + sep for w, sep in parts).strip()
)
_RULES = (*_STRICT, _HOAN_THANH_YEAR, *_RECURRENCE, *_FREE_RECURRENCE)


def _spans(matches: object) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), tuple(g.lower() if g else g for g in m.groups())) for m in matches]  # type: ignore[attr-defined]


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_anchored_search_finds_what_a_full_scan_finds(text: str) -> None:
    low = text.lower()
    assert _fast(text, low)
    for rule in _RULES:
        assert _spans(_matches(rule, text, low, True)) == _spans(rule.folded.finditer(text)), rule.kind


def test_text_with_runs_of_spaces_is_scanned_whole() -> None:
    text = "Hoàn  thành trước   ngày 15/12/2025"
    assert not _fast(text, text.lower())
    found = deadlines.find_in_text(text)
    assert found is not None and found.text == "Hoàn  thành trước   ngày 15/12/2025"


def test_every_digit_beyond_ascii_is_in_the_cheap_ranges() -> None:
    others = [c for c in range(0x80, 0x110000) if chr(c).isdecimal()]
    assert others  # the Unicode database knows some
    assert all(deadlines._MAYBE_OTHER_DIGIT.match(chr(c)) for c in others)
    # and the letters of Vietnamese (precomposed and combining) are outside them
    vietnamese = (
        "àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ“”–…"
        "\u0300\u0301\u0303\u0309\u0323"
    )
    assert not any(deadlines._MAYBE_OTHER_DIGIT.match(ch) for ch in vietnamese + vietnamese.upper())


def test_full_width_digits_still_date_a_task() -> None:
    found = deadlines.find_in_text("Hoàn thành trước ngày １５/１２/２０２５.")
    assert found is not None and str(found.date) == "2025-12-14"
