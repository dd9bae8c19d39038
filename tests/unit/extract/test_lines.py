"""Line cleaning: the fast path for plain lines gives what collapsing every run of
whitespace gives, whatever the space characters; offsets point at the content."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dondoc.extract.lines import _clean, mark_noise, split_lines
from dondoc.extract.spacing import one_spaced, single_spaced

_CHARS = "aăâbcdđeêoơuưyÀẾỡỹ0123456789.,:;-()/" + "     \t\xa0\u2009\r"
_PLAIN = st.text(alphabet=_CHARS, max_size=60)


@settings(max_examples=300, deadline=None)
@given(_PLAIN)
def test_plain_line_is_collapsed_with_its_content_offsets(raw: str) -> None:
    text, first, last, bold = _clean(raw)
    assert text == " ".join(raw.split())
    assert not bold
    if text:
        assert (first, last) == (len(raw) - len(raw.lstrip()), len(raw.rstrip()))


@settings(max_examples=200, deadline=None)
@given(st.lists(_PLAIN, min_size=1, max_size=8))
def test_lines_keep_their_offsets(rows: list[str]) -> None:
    text = "\n".join(rows)
    lines = split_lines(text)
    assert len(lines) == len(rows)
    for ln, row in zip(lines, rows, strict=True):
        assert ln.raw == row.removesuffix("\r")
        assert text[ln.start : ln.start + ln.length] == ln.raw
        if ln.text:
            assert " ".join(text[ln.cstart : ln.cend].split()) == ln.text


def test_page_furniture_is_noise_and_the_text_is_not() -> None:
    text = "\n".join(
        [
            "CÔNG BÁO/Số 271/Ngày 12-05-2026",
            "1. Bộ Y tế chủ trì xây dựng đề án.",
            "Ký bởi: Văn phòng Chính phủ",
            "Cơ quan: Văn phòng Chính phủ",
            "",
            "12",
            "",
            "Bản dịch này thuộc quyền sở hữu của THƯ VIỆN PHÁP LUẬT",
            "2. Sở Tài chính cập nhật dữ liệu hằng tháng.",
            "Văn bản dịch: đang cập nhật",
        ]
    )
    lines = split_lines(text)
    mark_noise(lines)
    assert [ln.index for ln in lines if ln.kind == "noise"] == [0, 2, 3, 5, 7, 9]


def test_a_line_is_not_chrome_for_a_word_elsewhere() -> None:
    # the chrome words occur in the document, but not on the task's line
    lines = split_lines("Thư viện pháp luật\n1. Xây dựng thư viện số của tỉnh.")
    mark_noise(lines)
    assert [ln.kind for ln in lines] == ["noise", "text"]


def test_single_spaced_refuses_every_other_space_character() -> None:
    # the shortcuts rest on it: any space but " ", or a run of two, means the text needs collapsing
    others = [chr(c) for c in range(0x110000) if chr(c).isspace() and chr(c) != " "]
    assert others and not any(single_spaced(f"a{c}b") for c in others)
    assert single_spaced("Sở Y tế chủ trì") and not single_spaced("Sở  Y tế")


@settings(max_examples=300, deadline=None)
@given(_PLAIN)
def test_one_spaced_is_the_plain_collapse(raw: str) -> None:
    # the shortcut (no split where the text is already single-spaced) against the plain version
    assert one_spaced(raw) == " ".join(raw.split())


def test_a_bulleted_field_line_that_recurs_is_no_running_header() -> None:
    # "– Thời gian dự kiến: ngày 12/9/2027." under each event has a running header's shape
    # (short, a "/", repeated with other digits); an en dash or "•" opens an item as "-" does
    for bullet in "-–•":
        lines = split_lines(
            "1.1. Chương trình khai mạc\n"
            f"{bullet} Thời gian dự kiến: ngày 12/9/2027.\n"
            "1.2. Chương trình giao lưu\n"
            f"{bullet} Thời gian dự kiến: ngày 13/9/2027.\n"
        )
        mark_noise(lines)
        assert [ln.kind for ln in lines if ln.text] == ["text"] * 4, bullet


def _noise(text: str) -> list[str]:
    lines = split_lines(text)
    mark_noise(lines)
    return [ln.text for ln in lines if ln.kind == "noise"]


def test_a_page_number_between_two_halves_of_a_sentence_is_noise() -> None:
    # a PDF's text layer puts the footer between the lines a page break cut, no blank line
    assert _noise(
        "1. Sở Tài chính hướng dẫn các đơn vị lập dự toán và báo cáo Ủy ban nhân dân\n"
        "4\n"
        "tỉnh trong tháng 6/2027.\n"
        "2. Sở Nội vụ hướng dẫn theo quy định tại Thông tư số\n"
        "5\n"
        "75/2024/TT-BTC ngày 15/10/2024 của Bộ Tài chính.\n"
    ) == ["4", "5"]


def test_page_numbers_in_their_order_between_paragraphs() -> None:
    # page 2 between two lines of running text, then 3 after it, where nothing is cut
    assert _noise(
        "1. Sở Tài chính hướng dẫn các đơn vị lập dự toán năm 2027.\n"
        "2\n"
        "2. Sở Nội vụ tổng hợp kết quả thực hiện của các đơn vị.\n"
        "3. Sở Y tế kiểm tra an toàn thực phẩm dịp Tết Nguyên đán.\n"
        "3\n"
        "4. Sở Công Thương bình ổn giá các mặt hàng thiết yếu.\n"
    ) == ["2", "3"]


def test_a_tables_row_numbers_one_per_line_are_not_page_numbers() -> None:
    # a table laid out a cell per line: "1", "2" alone on their lines number its rows
    assert (
        _noise(
            "TT\nNội dung\nĐơn vị chủ trì\n"
            "1\nTập huấn nghiệp vụ cho cán bộ cấp xã\nSở Nội vụ\n"
            "2\nKiểm tra công tác cải cách hành chính\nSở Tư pháp\n"
        )
        == []
    )


def test_page_marks_in_a_converters_or_scanners_forms_are_noise() -> None:
    marks = ["=== Trang 2 ===", "--- Page 3 ---", "Trang 4/5", "Trang 6", "- 7 -", "VB45.DOC 3", "KH-12.pdf"]
    text = "\n".join(f"{k}. Sở Y tế kiểm tra an toàn thực phẩm.\n{m}" for k, m in enumerate(marks, 1))
    assert _noise(text) == marks
    # words that open like a page's mark but go on as a sentence stay text
    assert _noise("Trang bị phương tiện chữa cháy cho các xã.\n- 7 tổ công tác được thành lập.") == []


def test_a_number_that_reads_on_with_its_lines_is_no_page_number() -> None:
    # a PDF puts the day typed into the header's date on a line of its own; a count before its unit
    assert _noise("Hà Nội, ngày\n15\ntháng 6 năm 2027") == []
    assert _noise("Mỗi đoàn kiểm tra gồm\n5\nngười, do lãnh đạo Sở làm trưởng đoàn.") == []
