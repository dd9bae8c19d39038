from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dondoc.core.directive import Deadline
from dondoc.extract import deadlines
from dondoc.extract.deadlines import find_in_text, parse_value, phase_end, tet


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("hoàn thành trước ngày 15/12/2024", date(2024, 12, 14)),
        ("xong trước ngày 01 tháng 5 năm 2026 và xong trước ngày 01 tháng 8 năm 2026", date(2026, 4, 30)),
        ("(hoàn thành trong tháng 11/2025)", date(2025, 11, 30)),
        ("trong tháng 11 năm 2025", date(2025, 11, 30)),
        ("trong Quý IV năm 2024", date(2024, 12, 31)),
        ("trong Quý I/2025", date(2025, 3, 31)),
        ("trong 6 tháng đầu năm 2025", date(2025, 6, 30)),
        ("từ ngày 11/9/2026 đến ngày 20/9/2026", date(2026, 9, 20)),
        ("nhất là trong dịp Tết Nguyên đán năm 2025", date(2025, 1, 29)),
        ("đến hết năm 2026", date(2026, 12, 31)),
        # two months or quarters: a span ends with the last; two bounds give the earlier
        ("trong tháng 6 - 9/2027", date(2027, 9, 30)),
        ("sơ kết vào tháng 11 và tháng 12/2027", date(2027, 11, 30)),
        ("trong Quý II - III/2027", date(2027, 9, 30)),
        ("trong Quý II và Quý III năm 2027", date(2027, 6, 30)),
        ("trong tháng 12 - 2027", date(2027, 12, 31)),
        ("phấn đấu đến năm 2030 có 30% hợp tác xã tham gia", date(2030, 12, 31)),
    ],
)
def test_find_in_text_phrase_to_last_day(phrase: str, expected: date) -> None:
    found = find_in_text(phrase)
    assert found is not None and found.date == expected


@pytest.mark.parametrize(
    ("written", "phrase", "cycle"),
    [
        ("báo cáo trước 15 giờ hằng ngày.", "trước 15 giờ hằng ngày", "daily"),
        ("báo cáo về Bộ Y tế trước 16 giờ thứ Sáu hằng tuần.", "trước 16 giờ thứ Sáu hằng tuần", "weekly"),
    ],
)
def test_a_cycles_cut_off_hour_is_part_of_its_phrase(written: str, phrase: str, cycle: str) -> None:
    found = find_in_text(written)
    assert found is not None and (found.date, found.text, found.recurrence) == (None, phrase, cycle)


def test_a_horizon_is_no_bound() -> None:
    assert find_in_text("Chiến lược phát triển định hướng đến năm 2030, tầm nhìn đến năm 2045") is None


def test_find_in_text_before_day_accepts_the_day_too() -> None:
    found = find_in_text("gửi Bộ Tư pháp trước ngày 05 tháng 12 năm 2025")
    assert found is not None and found.alternatives == (date(2025, 12, 5),)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("báo cáo Thủ tướng chậm nhất ngày 10 tháng 12 năm 2025", date(2025, 12, 10)),
        ("hoàn thành chậm nhất đến ngày 01 tháng 7 năm 2028", date(2028, 7, 1)),
        ("chậm nhất là ngày 15/12/2025", date(2025, 12, 15)),
        ("hạn chót là 20/12/2025", date(2025, 12, 20)),
    ],
)
def test_at_the_latest_allows_the_day_itself(phrase: str, expected: date) -> None:
    """CONVENTIONS rule 10: "chậm nhất (đến) ngày D" → D; only "trước ngày D" is D − 1."""
    found = find_in_text(phrase, date(2025, 11, 20))
    assert found is not None and found.date == expected and found.alternatives == ()


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("2. Giai đoạn 2031 - 2035", date(2035, 12, 31)),
        ("Kế hoạch phát triển giai đoạn 2026–2030, tầm nhìn đến năm 2045", date(2030, 12, 31)),
        ("Nhiệm vụ của giai đoạn tới", None),
    ],
)
def test_a_phase_ends_on_the_last_day_of_its_last_year(heading: str, expected: date | None) -> None:
    found = phase_end(heading)
    assert (found.date if found else None) == expected


@pytest.mark.parametrize(
    ("phrase", "expected", "text"),
    [
        ("từ tháng 10/2026 đến quý II/2027", date(2027, 6, 30), "đến quý II/2027"),
        ("từ nay đến tháng 9/2026, tập trung thực hiện", date(2026, 9, 30), "đến tháng 9/2026"),
        ("hoàn thành trước Rằm tháng Giêng", date(2026, 3, 2), "trước Rằm tháng Giêng"),
        ("HOÀN THÀNH NĂM 2025", date(2025, 12, 31), "NĂM 2025"),
    ],
)
def test_bounds_the_issue_names(phrase: str, expected: date, text: str) -> None:
    """Issue #14, shape 6 and 7: a range to a quarter, an 'until month' bound, a full moon
    with the document's year, a year in capitals."""
    found = find_in_text(phrase, date(2026, 1, 5))
    assert found is not None and (found.date, found.text) == (expected, text)


def test_a_bound_that_opens_onto_the_years_after_has_no_last_day() -> None:
    """CONVENTIONS rule 11: "… và các năm tiếp theo" is open-ended; the phrase is kept."""
    found = find_in_text("hoàn thành đến hết năm 2027 và các năm tiếp theo")
    assert found is not None and found.date is None and found.recurrence == "open_ended"
    value = parse_value("Giai đoạn 2026-2030 và những năm tiếp theo")
    assert value.date is None and value.recurrence == "open_ended"
    assert phase_end("2. Giai đoạn 2026 - 2030 và những năm tiếp theo") is None


def test_a_day_and_month_in_a_cycles_clause_recur_each_year() -> None:
    found = find_in_text("Định kỳ báo cáo kết quả thực hiện trước ngày 20/11", date(2025, 11, 1))
    assert found is not None and found.date is None and found.recurrence == "yearly"
    once = find_in_text("Báo cáo kết quả thực hiện trước ngày 20/11", date(2025, 11, 1))
    assert once is not None and once.date == date(2025, 11, 19)


def test_find_in_text_relative_bound_counts_from_document_date() -> None:
    found = find_in_text("trong vòng 30 ngày kể từ ngày ký", date(2026, 4, 25))
    assert found is not None and found.date == date(2026, 5, 25)


@pytest.mark.parametrize(
    "phrase",
    [
        "đối với các nhiệm vụ được giao trong năm 2025",
        "Festival lần thứ II, năm 2026",
        "nhiệm kỳ 2025 - 2030",
    ],
)
def test_find_in_text_ignores_years_that_bound_nothing(phrase: str) -> None:
    assert find_in_text(phrase) is None


@pytest.mark.parametrize(
    ("value", "expected", "recurrence"),
    [
        ("Quí IV-2025", date(2025, 12, 31), None),
        ("2025", date(2025, 12, 31), None),
        ("2026 - 2030", date(2030, 12, 31), None),
        ("Trước ngày\n30/11/2025", date(2025, 11, 29), None),
        ("Thường xuyên", None, "continuous"),
        ("Thường xuyên, hằng năm", None, "yearly"),
        ("Tháng 12 hằng năm", None, "yearly"),
        ("Theo Kế hoạch riêng", None, "as_planned"),
        ("từ quý II/2026.", None, None),
        ("Sau khi có Quy chế của TW", None, None),
        # a span of work in one cell ends with its last period (CONVENTIONS rule 10)
        ("Quý I - II/2027", date(2027, 6, 30), None),
        ("Quý I, II/2027", date(2027, 6, 30), None),
        ("Quý IV/2026 - Quý I/2027", date(2027, 3, 31), None),
        ("tháng 01-02/2027", date(2027, 2, 28), None),
        ("Tháng 12/2026 - 01/2027", date(2027, 1, 31), None),
        ("Quý II, năm 2027", date(2027, 6, 30), None),  # one quarter, its year after a comma
        # the short forms of a table cell, and a round's label before its bound
        ("T3/2027", date(2027, 3, 31), None),
        ("Q1/2027", date(2027, 3, 31), None),
        ("Đợt 1: tháng 4/2027", date(2027, 4, 30), None),
    ],
)
def test_parse_value_cells(value: str, expected: date | None, recurrence: str | None) -> None:
    d = parse_value(value)
    assert (d.date, d.recurrence) == (expected, recurrence)


def test_tet_follows_the_vietnamese_calendar() -> None:
    # 2007 and 1985 are years where the Vietnamese and Chinese calendars differ
    assert tet(2007) == date(2007, 2, 17)
    assert tet(1985) == date(1985, 1, 21)
    assert tet(2026) == date(2026, 2, 17)


@pytest.mark.parametrize(
    ("text", "recurrence"),
    [
        ("Sở Nội vụ tổng hợp, báo cáo định kỳ hằng tháng.", "monthly"),
        ("Hằng năm, các sở xây dựng kế hoạch bảo vệ môi trường.", "yearly"),
        ("Văn phòng theo dõi, định kỳ 6 tháng báo cáo Ban Thường vụ.", "periodic"),
        ("Các đơn vị triển khai thực hiện thường xuyên.", "continuous"),
        ("Các đơn vị thường xuyên kiểm tra, giám sát.", None),
        ("Đưa chỉ tiêu môi trường vào đánh giá nhiệm vụ hằng năm của cấp ủy.", None),
    ],
)
def test_find_in_text_recurrence_without_a_date(text: str, recurrence: str | None) -> None:
    found = find_in_text(text)
    assert (found.recurrence if found else None) == recurrence
    assert found is None or found.date is None


@pytest.mark.parametrize(
    ("text", "expected", "alternatives"),
    [
        # Giỗ Tổ Hùng Vương, 10/3 âm lịch, fell on 7 April 2025
        ("Tổ chức lễ dâng hương vào ngày 10 tháng 3 âm lịch năm 2025.", date(2025, 4, 7), ()),
        ("Hoàn thành trước Rằm tháng Giêng năm 2026.", date(2026, 3, 2), (date(2026, 3, 3),)),
        ("Hoàn thành trước Tết Nguyên đán Bính Ngọ 2026.", date(2026, 2, 16), (date(2026, 2, 17),)),
        ("Chuẩn bị vào ngày 10/3 âm lịch.", date(2025, 4, 7), ()),  # year of the document
    ],
)
def test_find_in_text_lunar_dates(text: str, expected: date, alternatives: tuple[date, ...]) -> None:
    found = find_in_text(text, date(2025, 1, 15))
    assert found is not None
    assert (found.date, found.alternatives) == (expected, alternatives)


def test_find_in_text_day_without_year_takes_the_documents_year() -> None:
    doc = date(2025, 5, 1)
    found = find_in_text("Báo cáo kết quả trước ngày 15/12.", doc)
    assert found is not None and (found.date, found.alternatives) == (
        date(2025, 12, 14),
        (date(2025, 12, 15),),
    )
    found = find_in_text("Báo cáo trước ngày 10/01.", doc)  # already past in May: next January
    assert found is not None and found.date == date(2026, 1, 9)
    found = find_in_text("Định kỳ trước ngày 01/6 và 15/11 hằng năm báo cáo.", doc)
    assert found is not None and (found.date, found.recurrence) == (None, "yearly")
    assert found.text == "trước ngày 01/6 và 15/11 hằng năm"


# Each dated phrase is declared once (deadlines.PHRASES: pattern, lead-ins, needed words,
# resolver, example); these tests read every declaration.
@pytest.mark.parametrize("phrase", deadlines.PHRASES, ids=lambda p: p.rule.kind)
def test_every_declared_phrase_means_what_its_example_says(phrase: deadlines.Phrase) -> None:
    found = find_in_text(f"Sở Tài chính tổng hợp, báo cáo {phrase.example}.", deadlines.EXAMPLE_DATE)
    assert found is not None and found.date == phrase.means, (phrase.example, found)
    assert found.text is not None and found.text.lower() in phrase.example.lower()


@pytest.mark.parametrize("phrase", deadlines.PHRASES, ids=lambda p: p.rule.kind)
def test_a_phrase_is_skipped_only_where_it_cannot_match(phrase: deadlines.Phrase, shared_dir: Path) -> None:
    # find_in_text spares a pattern when none of its needed words is in the text: a speed
    # shortcut, checked here against the plain search on every text of the corpus
    for path in sorted((shared_dir / "corpus").glob("*/*.txt")):
        text = path.read_text(encoding="utf-8")
        for m in phrase.rule.folded.finditer(text):
            if not any(w in m.group(0).lower() for w in phrase.needs):
                # matched without its needed word: then it must mean nothing ("đến ngày 20/9"
                # is no lunar date without "âm lịch"), so sparing it changes no result
                assert phrase.resolve(m, deadlines.EXAMPLE_DATE) is None, (path.name, m.group(0))


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("hoàn thành lrong quý II/2026", date(2026, 6, 30)),
        ("hoàn thành trong Quý Il/2026", date(2026, 6, 30)),
        ("hoàn thành trong Quý H/2027", date(2027, 6, 30)),
        ("hoàn thành trong Quý IH/2027", date(2027, 9, 30)),
        ("hoàn thành trong Quý II2027", date(2027, 6, 30)),
        ("báo cáo trưóc ngày 15/3/2026", date(2026, 3, 14)),
        ("Truớc ngày 15/3/2026 báo cáo", date(2026, 3, 14)),
        ("hoàn thành trong thánq 9/2026", date(2026, 9, 30)),
    ],
)
def test_time_words_as_ocr_misreads_them(written: str, expected: date) -> None:
    found = find_in_text(written, date(2026, 1, 5))
    assert found is not None and found.date == expected
    # the phrase is the text as written, not as repaired: its offsets are the source's
    assert found.text is not None and found.text in written


def test_an_ocr_repair_keeps_every_offset() -> None:
    text = "Sở Y tế báo cáo lrong quý II/2026 và trưóc ngày 15/3/2026, hằng nãm."
    assert len(deadlines.repair_ocr(text)) == len(text)
    repaired = "Sở Y tế báo cáo trong quý II/2026 và trước ngày 15/3/2026, hằng năm."
    assert deadlines.repair_ocr(text) == repaired


def test_the_ocr_repair_shortcut_changes_nothing(shared_dir: Path) -> None:
    # repair_ocr skips its pattern when no misread word is in the text (as a substring):
    # checked against the plain substitution, line by line, on the whole corpus
    pattern, repairs = deadlines._ocr_repairs()
    for path in sorted((shared_dir / "corpus").glob("*/*.txt")):
        for line in [*path.read_text(encoding="utf-8").splitlines(), "lrong quý Il/2026", "TRƯÓC NGÀY"]:
            plain = pattern.sub(lambda m: deadlines._same_case(m.group(0), repairs[m.group(0).lower()]), line)
            assert deadlines.repair_ocr(line) == plain, (path.name, line)


@pytest.mark.parametrize(
    ("phrase", "doc_date", "expected"),
    [
        # a month without its year: the document's, or the next when that month is past
        ("xong trong tháng 10.", date(2026, 3, 5), date(2026, 10, 31)),
        ("hoàn thành trong tháng 3", date(2026, 3, 5), date(2026, 3, 31)),
        ("hoàn thành trong tháng 1", date(2026, 3, 5), date(2027, 1, 31)),
        # the work runs through the year
        ("tổ chức tuyên truyền trong suốt năm 2026", date(2026, 3, 5), date(2026, 12, 31)),
        ("mở chuyên mục, suốt năm 2027", date(2026, 3, 5), date(2027, 12, 31)),
    ],
)
def test_a_month_without_its_year_and_a_whole_year(phrase: str, doc_date: date, expected: date) -> None:
    found = find_in_text(phrase, doc_date)
    assert found is not None and found.date == expected


@pytest.mark.parametrize(
    "phrase",
    ["báo cáo vào tháng 12 hằng năm", "tổ chức vào tháng 3 âm lịch", "tổ chức trong tháng 10 và tháng 11"],
)
def test_a_month_in_a_cycle_or_a_pair_without_year_has_no_date(phrase: str) -> None:
    found = find_in_text(phrase, date(2026, 3, 5))
    assert found is None or found.date is None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("tổ chức tổng kết vào cuối năm.", date(2026, 12, 31)),
        ("hoàn thành đến cuối năm nay", date(2026, 12, 31)),
        ("tổ chức trong tháng 9 năm nay", date(2026, 9, 30)),
        # an event named for the year's end, a school year, a cycle: no date of their own
        ("chuẩn bị nội dung hội nghị Ban Chấp hành cuối năm", None),
        ("báo cáo trước kỳ họp cuối năm của Hội đồng nhân dân", None),
        ("tổng kết vào cuối năm học 2026-2027", None),
        ("báo cáo sơ kết 6 tháng và vào cuối năm", None),
    ],
)
def test_the_year_end_and_this_years_month_without_a_number(phrase: str, expected: date | None) -> None:
    found = find_in_text(phrase, date(2026, 3, 5))
    assert (found.date if found else None) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Từ 01/4 - 30/6/2026", date(2026, 6, 30)),
        ("01/4 – 30/6/2026", date(2026, 6, 30)),
        ("từ ngày 01/4/2026 – ngày 30/6/2026", date(2026, 6, 30)),
        # an anniversary's span of decades is no span of work
        ("Kỷ niệm 42 năm Ngày Nhà giáo Việt Nam (20/11/1982 - 20/11/2024)", None),
        ("Từ năm 2026", None),
    ],
)
def test_a_span_of_days_written_with_a_dash(phrase: str, expected: date | None) -> None:
    assert parse_value(phrase, date(2026, 3, 5)).date == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # a quarter or a half-year without its year, after a lead-in: the document's (rule 10),
        # or the next year's when it is already past
        ("hoàn thành trong quý III.", date(2026, 9, 30)),
        ("Hoàn thành trong quý I. Việc này giao Văn phòng.", date(2026, 3, 31)),
        ("triển khai trong quý 4", date(2026, 12, 31)),
        ("hoàn thành trong 6 tháng đầu năm.", date(2026, 6, 30)),
        ("hoàn thành trong 6 tháng cuối năm nay", date(2026, 12, 31)),
        ("trong quý I năm nay", date(2026, 3, 31)),
        # a cycle, two quarters, a review's name, a school year: no date of their own
        ("báo cáo trong quý I hằng năm", None),
        ("tổ chức trong quý II và quý III", None),
        ("báo cáo sơ kết 6 tháng đầu năm", None),
        ("hoàn thành trong 6 tháng đầu năm học", None),
    ],
)
def test_a_quarter_or_half_year_without_its_year(phrase: str, expected: date | None) -> None:
    found = find_in_text(phrase, date(2026, 3, 5))
    assert (found.date if found else None) == expected


def test_a_past_quarter_without_its_year_is_next_years() -> None:
    found = find_in_text("hoàn thành trong quý I", date(2026, 10, 5))
    assert found is not None and found.date == date(2027, 3, 31)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Quý III", date(2026, 9, 30)),
        ("Tháng 10 năm nay", date(2026, 10, 31)),
        ("6 tháng đầu năm", date(2026, 6, 30)),
        ("Cuối năm", date(2026, 12, 31)),
        ("Tháng 2", date(2027, 2, 28)),  # already past in March: next year's
        ("Quý I hằng năm", None),
        ("Quý II và quý III", None),
    ],
)
def test_a_time_cell_without_its_year(value: str, expected: date | None) -> None:
    assert parse_value(value, date(2026, 3, 5)).date == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # the sentence's work runs through a phase named by its years: its end (rule 10)
        ("Thực hiện trong giai đoạn 2026-2030.", date(2030, 12, 31)),
        ("Trong giai đoạn 2026 - 2030, bảo đảm xây dựng các trạm phát sóng.", date(2030, 12, 31)),
        ("Rà soát hồ sơ. Triển khai trong giai đoạn 2026 - 2028.", date(2028, 12, 31)),
        # a cycle inside the phase says how often, the phase by when (rule 11)
        ("Trong giai đoạn 2027 - 2028, định kỳ hằng tháng làm việc với nhà đầu tư.", date(2028, 12, 31)),
        # a thing named for its period (rule 12), an anniversary, an open end: no bound
        ("Xây dựng kế hoạch đầu tư công trong giai đoạn 2026 - 2030.", None),
        ("chuyển nguồn kinh phí sang thực hiện trong giai đoạn 2026 - 2030.", None),
        ("Trong giai đoạn 1945 - 2025, Đảng bộ đã lãnh đạo", None),
        ("Triển khai trong giai đoạn 2026 - 2030 và những năm tiếp theo.", None),
    ],
)
def test_a_phase_opening_the_sentence_bounds_its_work(phrase: str, expected: date | None) -> None:
    found = find_in_text(phrase, date(2026, 3, 5))
    assert (found.date if found else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a first time with its year, then a cycle: the first time is the bound (rule 11)
        ("Tổ chức trong tháng 12/2026 và hằng năm.", date(2026, 12, 31)),
        ("trước 30/6/2026 và định kỳ hằng năm", date(2026, 6, 29)),
        # no year: the cycle's own day; a year then the cycle with no joiner: each year's date
        ("vào tháng 12 hằng năm", None),
        ("trước ngày 01/6 và 15/11 hằng năm", None),
        ("trước ngày 15/12/2026 hằng năm", None),
    ],
)
def test_a_dated_first_time_then_a_cycle_keeps_its_date(text: str, expected: date | None) -> None:
    found = find_in_text(text, date(2026, 3, 5))
    assert (found.date if found else None) == expected


@pytest.mark.parametrize(
    ("value", "expected", "recurrence"),
    [
        ("Tháng 12/2026 và hằng năm", date(2026, 12, 31), None),
        ("Quý IV/2026, hằng năm", date(2026, 12, 31), None),
        ("Tháng 12 hằng năm", None, "yearly"),
        ("Từ năm 2026 và hằng năm", None, "yearly"),
        ("Quý IV/2026 và những năm tiếp theo", None, "open_ended"),
    ],
)
def test_a_time_cell_with_a_first_time_then_a_cycle(
    value: str, expected: date | None, recurrence: str | None
) -> None:
    found = parse_value(value, date(2026, 3, 5))
    assert (found.date, found.recurrence) == (expected, recurrence)


def test_phrases_without_their_year_in_a_plan_for_the_next_year() -> None:
    # a plan for 2027 signed on 20 December 2026: its "quý IV", "cuối năm", "trước ngày
    # 15/12" are 2027's; a span counted from the signing stays counted from it
    signed = date(2026, 12, 20)
    assert deadlines.title_year("Công tác cải cách hành chính năm 2027") == 2027
    assert deadlines.title_year("Giai đoạn 2026 - 2030") is None
    for text, expected in (
        ("hoàn thành trong quý IV", date(2027, 12, 31)),
        ("tổng kết vào cuối năm", date(2027, 12, 31)),
        ("báo cáo trước ngày 15/12", date(2027, 12, 14)),
        ("trong vòng 30 ngày kể từ ngày ký", date(2027, 1, 19)),
    ):
        found = find_in_text(text, signed, 2027)
        assert found is not None and found.date == expected, text
    assert parse_value("Tháng 12", signed, 2027).date == date(2027, 12, 31)
    # a plan for its own year, or a title's year long past, changes nothing
    assert find_in_text("hoàn thành trong quý IV", date(2027, 1, 5), 2027).date == date(2027, 12, 31)  # type: ignore[union-attr]
    assert find_in_text("hoàn thành trong quý IV", signed, 2020).date == date(2026, 12, 31)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # a day and month in figures, the year in words
        ("tổ chức trước ngày 15/6 năm 2026", date(2026, 6, 14)),
        ("báo cáo chậm nhất ngày 20/11 năm 2026", date(2026, 11, 20)),
        # a half-year written "06 tháng", "sáu tháng"
        ("triển khai xong trong 06 tháng đầu năm 2026", date(2026, 6, 30)),
        ("hoàn thành trong sáu tháng cuối năm 2026", date(2026, 12, 31)),
        ("hoàn thành trong 06 tháng đầu năm", date(2026, 6, 30)),
        # a part of a month: the last day that part allows
        ("tổ chức vào giữa tháng 6/2026", date(2026, 6, 15)),
        ("triển khai vào đầu tháng 7 năm 2026", date(2026, 7, 10)),
        ("hoàn thành trong thượng tuần tháng 5/2026", date(2026, 5, 10)),
        ("hoàn thành trong trung tuần tháng 4/2026", date(2026, 4, 20)),
        ("hoàn thành trong hạ tuần tháng 4/2026", date(2026, 4, 30)),
        ("sơ kết vào đầu tháng 7", date(2026, 7, 10)),
        ("sơ kết vào đầu tháng 2", date(2027, 2, 10)),
        ("hoàn thành trong tuần đầu của tháng 12/2026", date(2026, 12, 7)),
        # a month and year parted by a full stop
        ("hoàn thành trong tháng 12.2026", date(2026, 12, 31)),
        # "not later than" allows the day itself
        ("nộp báo cáo không muộn hơn ngày 15/12/2026", date(2026, 12, 15)),
        ("nộp báo cáo không chậm hơn ngày 15/12/2026", date(2026, 12, 15)),
        ("nộp báo cáo không muộn hơn ngày 15/12", date(2026, 12, 15)),
        # a label inside the item's text, its date or years bare after the colon
        ("tổng hợp, báo cáo. Hạn cuối: 31/12/2026", date(2026, 12, 31)),
        ("tổ chức hội nghị. Thời gian: 15/8/2026", date(2026, 8, 15)),
        ("báo cáo kết quả. Thời gian thực hiện: 2026 - 2027", date(2027, 12, 31)),
        ("triển khai mô hình. Tiến độ: năm 2027", date(2027, 12, 31)),
        # a span of years after a lead-in ends with its last year
        ("hoàn thành trong năm 2026 - 2027", date(2027, 12, 31)),
        ("tổ chức thực hiện trong 02 năm 2026 - 2027", date(2027, 12, 31)),
        ("thực hiện trong các năm 2026 - 2027", date(2027, 12, 31)),
        # counted from the signing (Thursday 5 March 2026): working days skip the weekends
        ("báo cáo trong thời hạn 10 ngày làm việc kể từ ngày ký", date(2026, 3, 19)),
        ("hoàn thành trong vòng 02 tháng kể từ ngày ký ban hành", date(2026, 5, 5)),
        ("hoàn thành trong 2 tuần kể từ ngày ký", date(2026, 3, 19)),
        ("hoàn thành trong thời gian 30 ngày kể từ ngày Kế hoạch này được ban hành", date(2026, 4, 4)),
        # an occasion's part of the day before its date, or its date bare after "vào"
        ("tổ chức hội nghị vào chiều thứ Năm, ngày 16/4/2026", date(2026, 4, 16)),
        ("tổ chức hội nghị vào buổi sáng ngày 16/4/2026", date(2026, 4, 16)),
        ("tổ chức hội nghị vào 16/4/2026", date(2026, 4, 16)),
        ("khai mạc vào tối thứ Bảy, 18/4/2026", date(2026, 4, 18)),
        # the year's first months end with the last of them, its last months with the year
        ("báo cáo kết quả trong 9 tháng đầu năm 2026", date(2026, 9, 30)),
        ("hoàn thành trong thời gian 3 tháng đầu năm 2027", date(2027, 3, 31)),
        ("triển khai trong 03 tháng cuối năm 2026", date(2026, 12, 31)),
        # a part of a year or of a quarter: the last day it allows
        ("hoàn thành đầu năm 2027", date(2027, 3, 31)),
        ("tổ chức hội chợ vào giữa năm 2026", date(2026, 6, 30)),
        ("triển khai tiêm chủng đầu quý III/2026", date(2026, 7, 31)),
        ("tổ chức vào giữa quý II năm 2026", date(2026, 5, 15)),
        # a quarter and its year parted by a full stop
        ("thời gian thực hiện: trong quý IV.2026", date(2026, 12, 31)),
        # years listed, not spanned with a dash
        ("tổ chức các hoạt động trong các năm 2026, 2027", date(2027, 12, 31)),
        ("thực hiện trong hai năm 2026 và 2027", date(2027, 12, 31)),
    ],
)
def test_other_ways_of_writing_a_day_a_half_year_and_a_part_of_a_month(phrase: str, expected: date) -> None:
    found = find_in_text(phrase, date(2026, 3, 5))
    assert found is not None and found.date == expected, found


def test_a_part_of_a_month_in_a_cycle_and_years_opening_onto_the_next_have_no_date() -> None:
    found = find_in_text("tổ chức vào đầu tháng 12 hằng năm", date(2026, 3, 5))
    assert found is not None and (found.date, found.recurrence) == (None, "yearly")
    found = find_in_text("triển khai trong năm 2026-2027 và các năm tiếp theo", date(2026, 3, 5))
    assert found is not None and (found.date, found.recurrence) == (None, "open_ended")


@pytest.mark.parametrize(
    "phrase",
    [
        "đánh giá kết quả từ đầu năm 2026 đến nay",
        "kể từ đầu năm 2026, tình hình có nhiều chuyển biến",
        "tổng hợp số liệu 6 tháng đầu năm 2026",  # a half-year's figures, not its start
        "trình Hội đồng nhân dân tỉnh tại kỳ họp giữa năm 2027",  # a session, undated
    ],
)
def test_a_start_a_half_year_or_a_session_is_no_part_of_a_year(phrase: str) -> None:
    found = find_in_text(phrase, date(2026, 3, 5))
    assert found is None or found.date not in (date(2026, 3, 31), date(2027, 6, 30)), found


@pytest.mark.parametrize(
    ("phrase", "said", "recurrence"),
    [
        # a start that opens onto the years after it (CONVENTIONS rule 11)
        (
            "thực hiện từ Quý IV/2026 và các năm tiếp theo",
            "từ Quý IV/2026 và các năm tiếp theo",
            "open_ended",
        ),
        ("bố trí kinh phí năm 2027 và những năm tiếp theo", "năm 2027 và những năm tiếp theo", "open_ended"),
        ("triển khai từ năm 2026 trở đi", "từ năm 2026 trở đi", "open_ended"),
        # counted from an event the text does not date
        (
            "báo cáo trong vòng 15 ngày kể từ ngày nhận được văn bản hướng dẫn",
            "trong vòng 15 ngày kể từ ngày nhận được văn bản hướng dẫn",
            "event",
        ),
        (
            "sau 10 ngày kể từ khi kết thúc đợt kiểm tra, báo cáo",
            "sau 10 ngày kể từ khi kết thúc đợt kiểm tra",
            "event",
        ),
        (
            "trả lời trong thời gian 15 ngày kể từ ngày nhận được kiến nghị",
            "trong thời gian 15 ngày kể từ ngày nhận được kiến nghị",
            "event",
        ),
    ],
)
def test_bounds_without_a_last_day_keep_their_words(phrase: str, said: str, recurrence: str) -> None:
    found = find_in_text(phrase, date(2026, 3, 5))
    assert found is not None and (found.text, found.date, found.recurrence) == (said, None, recurrence)


def test_a_hard_date_wins_over_a_bound_without_a_last_day() -> None:
    found = find_in_text(
        "hoàn thành trước 30/6/2026; sau 10 ngày kể từ khi kết thúc, báo cáo", date(2026, 3, 5)
    )
    assert found is not None and found.date == date(2026, 6, 29)


def test_a_time_value_damaged_by_ocr_is_read_as_its_words_put_right() -> None:
    """A field's or a dash part's value reads through OCR's misread time words, and keeps
    the words as written ("thường xuyển": the continuous bound of "thường xuyên")."""
    assert parse_value("Thường xuyển") == Deadline("Thường xuyển", None, "continuous")
    found = parse_value("lrong quý II/2026", date(2026, 3, 5))
    assert (found.text, found.date) == ("lrong quý II/2026", date(2026, 6, 30))


def test_the_undated_bounds_shortcut_changes_nothing(shared_dir: Path) -> None:
    # _undated looks for the words its patterns cannot match without before trying them:
    # checked against the plain searches, line by line, on the whole corpus and made-up lines
    made_up = [
        "thực hiện từ Quý IV/2026 và các năm tiếp theo",
        "triển khai từ năm 2026 trở đi",
        "báo cáo trong vòng 15 ngày kể từ ngày nhận được văn bản",
        "sau 10 ngày kể  từ khi kết thúc đợt kiểm tra",  # spaced twice: no shortcut
    ]
    for path in sorted((shared_dir / "corpus").glob("*/*.txt")):
        for line in [*path.read_text(encoding="utf-8").splitlines(), *made_up]:
            m = deadlines._OPEN_START.search(line) or deadlines._FROM_EVENT.search(line)
            got = deadlines._undated(line, line.lower(), line)
            assert (got is None) == (m is None), (path.name, line)
            assert got is None or m is None or got.text == line[m.start() : m.end()].rstrip(), line


def test_the_solar_new_year_is_the_first_of_january() -> None:
    """ "Tết Dương lịch" is 1 January ("trước" it: New Year's Eve, rule 10), never the lunar Tết."""
    found = find_in_text("Tổ chức các hoạt động trước Tết Dương lịch 2027.", date(2026, 11, 5))
    assert found is not None and (found.date, found.alternatives) == (date(2026, 12, 31), (date(2027, 1, 1),))
    found = find_in_text("Tổ chức vào dịp Tết Dương lịch.", date(2026, 11, 5))
    assert found is not None and found.date == date(2027, 1, 1)
    # a holiday named, no bound set
    assert find_in_text("Bố trí trực trong kỳ nghỉ Tết Dương lịch.", date(2026, 11, 5)) is None


def test_a_week_of_a_month_ends_seven_days_on_for_each_week() -> None:
    """ "tuần đầu" the 7th (as before), "tuần thứ hai" the 14th, "tuần thứ 3" the 21st,
    "tuần cuối" the month's end: a part of a month is read as the last day it allows."""
    doc = date(2026, 3, 5)
    for phrase, day in (
        ("trong tuần đầu tháng 7/2026", date(2026, 7, 7)),
        ("trong tuần thứ hai của tháng 7/2026", date(2026, 7, 14)),
        ("hoàn thành trong tuần thứ nhất của tháng 8/2026", date(2026, 8, 7)),
        ("vào tuần thứ 3 tháng 9/2026", date(2026, 9, 21)),
        ("vào tuần cuối tháng 7/2026", date(2026, 7, 31)),
    ):
        found = find_in_text(f"Tổ chức hội nghị {phrase}.", doc)
        assert found is not None and (found.text, found.date) == (phrase, day), phrase


def test_working_days_from_the_signing_skip_the_statutory_holidays() -> None:
    """ "10 ngày làm việc kể từ ngày ký" signed Monday 1 February 2027: Tết (5–9 February,
    its weekend days made up on the 10th and 11th) is no working day, so the tenth falls on
    Monday 22 February (weekends alone would give the 15th)."""
    found = find_in_text("Báo cáo trong thời hạn 10 ngày làm việc kể từ ngày ký.", date(2027, 2, 1))
    assert found is not None and found.date == date(2027, 2, 22)
    # 30 April and 1 May 2026 (a Thursday and a Friday)
    found = find_in_text("Báo cáo trong vòng 03 ngày làm việc kể từ ngày ký.", date(2026, 4, 29))
    assert found is not None and found.date == date(2026, 5, 6)


def test_this_year_and_a_whole_year_cell_end_with_the_year() -> None:
    """ "hoàn thành trong năm nay" is the signing year's end (it was left undated); a cell
    "Cả năm", "Trong năm", "Suốt năm" the plan's year's, "Cả năm 2026" its own year's."""
    found = find_in_text("Sở Y tế hoàn thành trong năm nay.", date(2026, 1, 15))
    assert found is not None and (found.text, found.date) == ("hoàn thành trong năm nay", date(2026, 12, 31))
    found = find_in_text("Duy trì đến hết năm nay.", date(2026, 1, 15))
    assert found is not None and found.date == date(2026, 12, 31)
    # the year named, not bounding anything
    assert find_in_text("Tăng 5% so với cùng kỳ; kết quả năm nay đạt khá.", date(2026, 1, 15)) is None
    for cell in ("Cả năm", "Trong năm", "Suốt năm"):
        assert parse_value(cell, date(2026, 1, 15)).date == date(2026, 12, 31), cell
        # a plan for next year, signed in December: that year's
        assert parse_value(cell, date(2026, 12, 10), 2027).date == date(2027, 12, 31), cell
    assert parse_value("Cả năm 2026", date(2026, 1, 15)).date == date(2026, 12, 31)


@pytest.mark.parametrize(
    ("text", "signed", "expected", "written"),
    [
        # a month named so ("tháng Giêng", "tháng Chạp") is the lunar one, "âm lịch" or not
        (
            "Hoàn thành trước ngày 23 tháng Chạp.",
            date(2026, 11, 10),
            date(2027, 1, 29),
            "trước ngày 23 tháng Chạp",
        ),
        # written in January, the lunar year still running is the one meant
        (
            "Hoàn thành trước ngày 23 tháng Chạp.",
            date(2027, 1, 10),
            date(2027, 1, 29),
            "trước ngày 23 tháng Chạp",
        ),
        (
            "Mở cửa trở lại vào mùng 6 tháng Giêng.",
            date(2026, 12, 1),
            date(2027, 2, 11),
            "vào mùng 6 tháng Giêng",
        ),
        (
            "Trực từ ngày 23 tháng Chạp đến hết mùng 6 tháng Giêng.",
            date(2026, 12, 1),
            date(2027, 2, 11),
            "đến hết mùng 6 tháng Giêng",
        ),
        # the year by its stem and branch: Bính Ngọ is 2026, Đinh Mùi 2027
        (
            "Xong trước ngày 23 tháng Chạp năm Bính Ngọ.",
            date(2026, 11, 10),
            date(2027, 1, 29),
            "trước ngày 23 tháng Chạp năm Bính Ngọ",
        ),
        (
            "Xong trước Rằm tháng Giêng năm Đinh Mùi.",
            date(2026, 11, 10),
            date(2027, 2, 19),
            "trước Rằm tháng Giêng năm Đinh Mùi",
        ),
        # a Tết named by its year's stem and branch is that year's, even when already past
        (
            "Bình ổn giá trước Tết Nguyên đán Đinh Mùi.",
            date(2027, 3, 1),
            date(2027, 2, 5),
            "trước Tết Nguyên đán Đinh Mùi",
        ),
        # a lunar date without a year: the coming one ("Rằm tháng Giêng" written in December)
        ("Hoàn thành trước Rằm tháng Giêng.", date(2026, 12, 1), date(2027, 2, 19), "trước Rằm tháng Giêng"),
    ],
)
def test_lunar_months_by_name_and_years_by_stem_and_branch(
    text: str, signed: date, expected: date, written: str
) -> None:
    found = find_in_text(text, signed)
    assert found is not None and (found.date, found.text) == (expected, written)


def test_a_solar_day_and_month_stay_solar() -> None:
    """Only a month named so, "âm lịch" or "Rằm" make a date lunar: "mùng" before a month in
    figures reads as the solar day it usually is in a directive only with "âm lịch"."""
    assert find_in_text("Báo cáo trước ngày 10/3.", date(2027, 1, 1)) == Deadline(
        "trước ngày 10/3", date(2027, 3, 9), None, (date(2027, 3, 10),)
    )
    assert find_in_text("Khai mạc vào mùng 2 tháng 9.", date(2027, 1, 1)) is None


def test_can_chi_year_finds_the_year_of_the_cycle_from_the_year_before() -> None:
    assert deadlines.can_chi_year("Giáp Thìn", date(2024, 6, 1)) == 2024
    assert deadlines.can_chi_year("Ất Tỵ", date(2025, 1, 1)) == 2025
    assert deadlines.can_chi_year("ất tị", date(2025, 1, 1)) == 2025
    assert deadlines.can_chi_year("Bính Ngọ", date(2027, 1, 1)) == 2026  # the year before still
    assert deadlines.can_chi_year("Đinh Mùi", date(2026, 12, 1)) == 2027
    assert deadlines.can_chi_year("Quý Hợi", date(2026, 1, 1)) == 2043
    assert deadlines.can_chi_year("Đinh Tý", date(2026, 1, 1)) is None  # no such pair
    assert deadlines.can_chi_year("Nguyên đán", date(2026, 1, 1)) is None


def test_a_value_keeps_no_close_of_the_parenthesis_it_stood_in() -> None:
    """ "(Sở Y tế chủ trì; thời gian: tháng 9/2027)": the value is "tháng 9/2027"; a
    parenthesis of its own stays ("Quý III (dự kiến)")."""
    assert parse_value("tháng 9/2027)", date(2027, 3, 1)) == Deadline("tháng 9/2027", date(2027, 9, 30))
    assert parse_value("Quý III/2027 (dự kiến)", date(2027, 3, 1)).text == "Quý III/2027 (dự kiến)"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("14 giờ 00, ngày 15/5/2027 (thứ Bảy)", date(2027, 5, 15)),
        ("14h00, ngày 15/5/2027", date(2027, 5, 15)),
        ("07 giờ 30 phút, thứ Hai, ngày 17/5/2027", date(2027, 5, 17)),
        ("lúc 8h30 ngày 15 tháng 5 năm 2027", date(2027, 5, 15)),
        ("7 giờ sáng, ngày 15/5/2027", date(2027, 5, 15)),
        ("14 giờ 00", None),  # an hour alone names no day
    ],
)
def test_a_value_that_opens_with_an_hour_is_read_for_its_day(value: str, expected: date | None) -> None:
    """ "Thời gian: 14 giờ 00, ngày 15/5/2027": a meeting's hour, then its day."""
    assert parse_value(value, date(2027, 5, 10)).date == expected


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Tổ chức vào 08 giờ 00 ngày 15 tháng 5 năm 2027.", "vào 08 giờ 00 ngày 15 tháng 5 năm 2027"),
        ("Có mặt vào 7 giờ sáng ngày 15/5/2027.", "vào 7 giờ sáng ngày 15/5/2027"),
        ("Khai mạc vào 14 giờ 00, ngày 15/5/2027 (thứ Bảy).", "vào 14 giờ 00, ngày 15/5/2027"),
    ],
)
def test_an_occasions_hour_after_vao_gives_its_day(text: str, written: str) -> None:
    found = find_in_text(text, date(2027, 5, 10))
    assert found is not None and (found.date, found.text) == (date(2027, 5, 15), written)


@pytest.mark.parametrize(
    ("text", "expected", "alternatives"),
    [
        # the eve of Tết Đinh Mùi (6 February 2027), the coming one after the signing
        ("Bắn pháo hoa vào thời khắc Giao thừa.", date(2027, 2, 5), ()),
        ("Trực vào đêm Giao thừa Tết Nguyên đán Đinh Mùi.", date(2027, 2, 5), ()),
        ("Hoàn thành trước Giao thừa.", date(2027, 2, 4), (date(2027, 2, 5),)),
    ],
)
def test_new_years_eve_is_the_day_before_tet(
    text: str, expected: date, alternatives: tuple[date, ...]
) -> None:
    found = find_in_text(text, date(2026, 12, 18))
    assert found is not None and (found.date, found.alternatives) == (expected, alternatives)


@pytest.mark.parametrize(
    ("value", "expected", "recurrence"),
    [
        # a day and month alone: the plan's year, or the next once past
        ("31/12", date(2027, 12, 31), None),
        ("Ngày 30/6", date(2027, 6, 30), None),
        ("15/1", date(2028, 1, 15), None),
        # a month and year alone
        ("12/2027", date(2027, 12, 31), None),
        ("06/2027", date(2027, 6, 30), None),
        ("13/2027", None, None),
        # a frequency in a cell is a cycle
        ("06 tháng/lần", None, "periodic"),
        ("01 lần/năm", None, "periodic"),
        # a round counted as "Lần N:" bounds as "Đợt N:" does
        ("Lần 1: tháng 3/2027", date(2027, 3, 31), None),
    ],
)
def test_cells_of_figures_alone_and_frequencies(
    value: str, expected: date | None, recurrence: str | None
) -> None:
    found = parse_value(value, date(2027, 2, 1))
    assert (found.date, found.recurrence) == (expected, recurrence)


def test_a_frequency_in_a_sentence_is_no_cycle() -> None:
    """ "ít nhất 02 lần/tuần" in an item counts a target; only a cell's frequency is a cycle."""
    assert find_in_text("Tuyên truyền trên loa truyền thanh ít nhất 02 lần/tuần.", date(2027, 2, 1)) is None
    # nor beside the words that let the cycles of running text be tried ("thường xuyên")
    assert find_in_text("Kiểm tra thường xuyên, ít nhất 02 lần/tuần tại các chợ.", date(2027, 2, 1)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hoàn thành muộn nhất ngày 30/11/2027.", date(2027, 11, 30)),
        ("Báo cáo muộn nhất là ngày 15/12/2027.", date(2027, 12, 15)),
        ("Gửi muộn nhất ngày 20/12.", date(2027, 12, 20)),
    ],
)
def test_muon_nhat_bounds_as_cham_nhat_does(text: str, expected: date) -> None:
    """ "muộn nhất" (at the latest) allows the day itself, as "chậm nhất" does."""
    found = find_in_text(text, date(2027, 2, 1))
    assert found is not None and (found.date, found.alternatives) == (expected, ())


@pytest.mark.parametrize(
    ("text", "expected", "alternatives"),
    [
        ("Trực trong dịp lễ 30/4 và 01/5/2027.", date(2027, 5, 1), (date(2027, 4, 30),)),
        ("Bảo đảm trật tự vào dịp nghỉ lễ 2/9.", date(2027, 9, 2), ()),
        ("Trực trong dịp 30/4 - 1/5.", date(2027, 5, 1), (date(2027, 4, 30),)),
    ],
)
def test_a_holiday_named_by_its_days_ends_on_its_last(
    text: str, expected: date, alternatives: tuple[date, ...]
) -> None:
    found = find_in_text(text, date(2027, 4, 22))
    assert found is not None and (found.date, found.alternatives) == (expected, alternatives)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tổ chức trong các quý II, III/2027.", date(2027, 6, 30)),
        ("Tổ chức vào thứ Sáu, ngày 15/6/2027.", date(2027, 6, 15)),
        ("Hoàn thành vào Chủ nhật ngày 17/6/2027.", date(2027, 6, 17)),
    ],
)
def test_quarters_after_cac_and_a_weekday_before_the_date(text: str, expected: date) -> None:
    found = find_in_text(text, date(2027, 3, 1))
    assert found is not None and found.date == expected


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (
            "Trình trước kỳ họp thứ 5 của Hội đồng nhân dân tỉnh.",
            "trước kỳ họp thứ 5 của Hội đồng nhân dân tỉnh",
        ),
        ("Hoàn thành trước ngày khai giảng năm học mới.", "trước ngày khai giảng năm học mới"),
        ("Hoàn thành trước Đại hội Đảng bộ tỉnh lần thứ XXI.", "trước Đại hội Đảng bộ tỉnh lần thứ XXI"),
        ("Chuẩn bị trước khi tổ chức Hội nghị.", "trước khi tổ chức Hội nghị"),
    ],
)
def test_an_occasion_the_text_does_not_date_is_kept_undated(text: str, written: str) -> None:
    """CONVENTIONS rule 11: an event whose date the text does not give bounds the task with
    no date, its phrase kept (so the document's default does not replace it); a date beside
    it still wins ("trước kỳ họp cuối năm 2027")."""
    assert find_in_text(text, date(2027, 2, 1)) == Deadline(written, None, deadlines.EVENT)
    found = find_in_text("Trình trước kỳ họp cuối năm 2027.", date(2027, 2, 1))
    assert found is not None and found.date == date(2027, 12, 31)


def test_an_occasion_dated_in_brackets_after_it_bounds_the_day_before() -> None:
    # "trước ngày khai giảng năm học mới (05/9/2027)": the text dates the occasion (rule 10)
    found = find_in_text(
        "Sửa chữa các hạng mục trước ngày khai giảng năm học mới (05/9/2027).", date(2027, 8, 1)
    )
    assert found == Deadline(
        "trước ngày khai giảng năm học mới (05/9/2027)", date(2027, 9, 4), None, (date(2027, 9, 5),)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ra quân vào ngày Chủ nhật cuối cùng của tháng 3/2027.", date(2027, 3, 28)),
        ("Tổ chức vào thứ Bảy đầu tiên của tháng 6/2027.", date(2027, 6, 5)),
        ("Tổ chức vào thứ 7 thứ hai của tháng 7.", date(2027, 7, 10)),
        ("Tổ chức vào Chủ nhật cuối tháng 8/2027.", date(2027, 8, 29)),
        ("Tổ chức vào tuần đầu tiên của tháng 4/2027.", date(2027, 4, 7)),
        ("Hoàn thành trong tuần cuối cùng của tháng 5/2027.", date(2027, 5, 31)),
        ("Tổ chức Ngày hội vào ngày Chủ nhật, 12/12/2027.", date(2027, 12, 12)),
        ("Tổ chức vào ngày thứ Sáu 10/12/2027.", date(2027, 12, 10)),
    ],
)
def test_a_weekday_counted_in_a_month_and_a_weekday_named_after_ngay(text: str, expected: date) -> None:
    """A day named by its weekday's place in a month ("the last Sunday of March") is that
    day; "tuần đầu tiên" is "tuần đầu"; "ngày Chủ nhật, 12/12/2027" names the date after."""
    found = find_in_text(text, date(2027, 3, 1))
    assert found is not None and found.date == expected
    cycle = find_in_text("Duy trì vào Chủ nhật cuối cùng của tháng hằng tháng.", date(2027, 3, 1))
    assert cycle is not None and (cycle.text, cycle.date) == ("hằng tháng", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tổ chức kỳ thi trong 02 ngày 11 và 12/6/2027.", date(2027, 6, 12)),
        ("Tổ chức vào các ngày 11, 12 và 13/6/2027.", date(2027, 6, 13)),
        ("Tổ chức trong hai ngày 11-12/6/2027.", date(2027, 6, 12)),
        ("Diễn ra từ ngày 11 - 13/6/2027.", date(2027, 6, 13)),
        ("Tổ chức vào các ngày 11, 12 tháng 6 năm 2027.", date(2027, 6, 12)),
    ],
)
def test_an_occasion_over_days_of_one_month_ends_on_its_last(text: str, expected: date) -> None:
    found = find_in_text(text, date(2027, 3, 1))
    assert found is not None and found.date == expected
    # a document's number before its date is no count of days
    assert (
        find_in_text("Theo Kế hoạch số 5 ngày 11, 12/6/2027 của Ủy ban nhân dân tỉnh.", date(2027, 3, 1))
        is None
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hoàn thành bảo dưỡng trong nửa đầu tháng 4/2027.", date(2027, 4, 15)),
        ("Tổ chức vào nửa cuối tháng 5/2027.", date(2027, 5, 31)),
        ("Bảo dưỡng các tổ máy, nửa đầu tháng 4/2027.", date(2027, 4, 15)),
    ],
)
def test_half_of_a_month(text: str, expected: date) -> None:
    """ "nửa đầu tháng" is the month's first half, to the 15th (not "đầu tháng", the 10th)."""
    found = find_in_text(text, date(2027, 3, 1))
    assert found is not None and found.date == expected


@pytest.mark.parametrize(
    ("text", "written", "recurrence"),
    [
        ("Báo cáo kết quả mỗi tháng một lần.", "mỗi tháng", "monthly"),
        ("Báo cáo trước ngày 20 của tháng cuối quý.", "tháng cuối quý", "quarterly"),
        ("Các sở báo cáo trước ngày 10 của tháng đầu quý sau.", "tháng đầu quý", "quarterly"),
        ("Tổ chức sơ kết vào cuối mỗi quý.", "mỗi quý", "quarterly"),
        ("Mỗi chi bộ sinh hoạt chuyên đề ít nhất một lần mỗi năm.", "mỗi năm", "yearly"),
    ],
)
def test_a_cycle_by_moi_or_a_quarters_first_or_last_month(text: str, written: str, recurrence: str) -> None:
    found = find_in_text(text, date(2027, 3, 1))
    assert found is not None and (found.text, found.date, found.recurrence) == (written, None, recurrence)


def test_a_quarters_first_month_with_its_numeral_is_one_month_not_a_cycle() -> None:
    found = find_in_text("Tổ chức hội nghị vào tháng đầu quý III/2027.", date(2027, 3, 1))
    assert found is None or found.recurrence != "quarterly"


def test_no_cycle_in_a_rate_nor_in_each_of_several_bodies() -> None:
    # "trung bình mỗi năm" is a rate of the target, "mỗi xã" counts places
    assert find_in_text("Phấn đấu trung bình mỗi năm tổ chức đấu giá 05 mỏ.", date(2027, 3, 1)) is None
    assert find_in_text("Mỗi xã xây dựng một mô hình điểm.", date(2027, 3, 1)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Báo cáo chậm nhất sau 15 ngày kể từ ngày Kế hoạch được ban hành.", date(2027, 3, 16)),
        ("Báo cáo sau 10 ngày kể từ ngày ký.", date(2027, 3, 11)),
    ],
)
def test_a_time_after_the_signing_led_in_by_sau(text: str, expected: date) -> None:
    found = find_in_text(text, date(2027, 3, 1))
    assert found is not None and found.date == expected


def test_days_without_a_year_before_a_yearly_cycle_are_each_years() -> None:
    """ "trước ngày 15 tháng 6 và ngày 15 tháng 12 hằng năm": two days of every year, a cycle
    (CONVENTIONS rule 11), however the days are written; without the cycle, the first day."""
    found = find_in_text("Báo cáo trước ngày 15 tháng 6 và ngày 15 tháng 12 hằng năm.", date(2027, 3, 1))
    assert found is not None and (found.date, found.recurrence) == (None, "yearly")
    once = find_in_text("Báo cáo trước ngày 15 tháng 6 và ngày 15 tháng 12.", date(2027, 3, 1))
    assert once is not None and once.date == date(2027, 6, 14)
