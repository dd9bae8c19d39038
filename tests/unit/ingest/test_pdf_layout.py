"""PDF layout cases the corpus PDFs do not have, drawn with tests.support.pdfmake."""

from __future__ import annotations

from pathlib import Path

import pytest

from dondoc.config import Settings
from dondoc.extract.pipeline import extract
from dondoc.ingest.pdf_geometry import Line, Rules, Run, TableGrid
from dondoc.ingest.pdf_tables import _grid, _header_lines, _spans_merged_cell, markdown_rows
from dondoc.ingest.reader import read_document
from tests.support.pdfmake import FONT, Put, lines_from, make_pdf

pytestmark = pytest.mark.skipif(not FONT.exists(), reason="fonts-dejavu-core is installed by scripts/setup")

HEAD = [
    "THÀNH ỦY CẦN THƠ",
    "Trong Quý IV năm 2024, các cấp ủy đảng, chính quyền tập trung thực hiện các nhiệm vụ sau:",
    "- Tập trung lãnh đạo hoàn thành các mục tiêu của Nghị quyết nhiệm vụ năm 2024.",
    "- Tiếp tục chỉ đạo rà soát, kiểm tra các dự án ngoài ngân sách đã có chủ trương đầu tư",
]


def _footnote_page() -> list[Put]:
    puts = lines_from(780, HEAD)
    y = 780 - 18 * len(HEAD)
    # the superscript marker right after "đầu tư", raised and small, as Word sets it
    puts.append(Put("1", 60 + 11 * 0.5 * 78, y + 18 + 5, 7))
    puts.append(Put("; đẩy nhanh tiến độ thực hiện các dự án trọng điểm.", 60, y))
    puts.append(
        Put("- Tăng cường công tác kiểm tra, giám sát việc thực hiện nhiệm vụ được giao.", 60, y - 18)
    )
    # the note at the page foot: its number and its text, both smaller than the body
    puts.append(Put("1", 60, 80, 7))
    puts.append(Put("Qua rà soát, nếu đảm bảo đúng quy định của pháp luật thì đôn đốc thực hiện.", 66, 78, 9))
    return puts


def test_footnote_marker_and_note_read_by_font_size(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "foot.pdf", [_footnote_page()])
    text = read_document(pdf, Settings()).source.text
    assert "đầu tư[1]" in text
    assert "\n[1] Qua rà soát" in text


def test_footnote_is_attached_to_its_task_not_to_the_last_one(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "foot.pdf", [_footnote_page()])
    doc = read_document(pdf, Settings())
    tasks = extract(doc.source).tasks
    assert len(tasks) == 3
    cites, last = tasks[1], tasks[2]
    assert "[1]" not in cites.text and "đầu tư; đẩy nhanh" in cites.text
    assert cites.notes == ("Qua rà soát, nếu đảm bảo đúng quy định của pháp luật thì đôn đốc thực hiện.",)
    assert "Qua rà soát" not in last.text and not last.notes


def test_small_numbers_that_are_not_notes_stay(tmp_path: Path) -> None:
    # a line in the body set in the body size keeps its numbers ("năm 2024", "1.")
    pdf = make_pdf(
        tmp_path / "plain.pdf", [lines_from(780, [*HEAD[:2], "1. Hoàn thành 100% kế hoạch năm 2024."])]
    )
    text = read_document(pdf, Settings()).source.text
    assert "1. Hoàn thành 100% kế hoạch năm 2024." in text
    assert "[1]" not in text


# --- an appendix task table whose third row runs on to the next page ----------------------

COLS = [40.0, 62.0, 262.0, 352.0, 442.0, 502.0]
HEADER = [["TT"], ["Nội dung nhiệm vụ"], ["Chủ trì"], ["Phối hợp"], ["Thời hạn"], ["Sản phẩm"]]
ROWS = [
    [
        ["1"],
        ["Xây dựng cơ sở dữ liệu đất đai", "toàn tỉnh, kết nối với hệ thống", "quốc gia"],
        ["Sở Tài nguyên", "và Môi trường"],
        ["Sở Khoa học", "và Công nghệ"],
        ["Tháng", "6/2025"],
        ["Cơ sở dữ", "liệu"],
    ],
    [
        ["2"],
        ["Triển khai dịch vụ công trực tuyến", "toàn trình cho thủ tục hành chính"],
        ["Văn phòng", "UBND tỉnh"],
        ["Các sở, ngành"],
        ["30/9/2025"],
        ["Báo cáo"],
    ],
    # "Quý III/2025" nearly touches "Lớp đào": one run of text until the columns part it
    [
        ["3"],
        ["Đào tạo kỹ năng số cho cán bộ,", "công chức cấp xã"],
        ["Sở Nội vụ"],
        ["UBND các", "huyện"],
        ["Quý III/2025"],
        ["Lớp đào"],
    ],
]
ROW3_ON_PAGE2 = [[], ["trên địa bàn các huyện, thị xã"], [], [], [], ["tạo"]]
ROW4 = [
    ["4"],
    ["Nâng cấp Trung tâm điều hành", "thông minh của tỉnh"],
    ["Sở Thông tin", "và Truyền thông"],
    ["Công an tỉnh"],
    ["31/12/2025"],
    ["Trung tâm", "IOC"],
]


def _row(top: float, cells: list[list[str]], cols: list[float] = COLS) -> tuple[list[Put], float]:
    puts = [
        Put(text, x, top - k * 11, 9)
        for x, cell in zip(cols, cells, strict=True)
        for k, text in enumerate(cell)
    ]
    return puts, top - 11 * max(len(c) for c in cells) - 8


def _table_pdf(path: Path, *, repeat_header: bool = False, page_number: bool = False) -> Path:
    page1 = lines_from(800, ["ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH"])
    page1 += [
        Put("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300, 800),
        Put("Độc lập - Tự do - Hạnh phúc", 340, 782),
    ]
    page1 += [Put("Số: 45/KH-UBND", 60, 760), Put("Bắc Ninh, ngày 10 tháng 3 năm 2025", 320, 760)]
    page1 += lines_from(730, ["KẾ HOẠCH", "Triển khai chuyển đổi số năm 2025"], x=230)
    page1 += lines_from(
        690, ["Ủy ban nhân dân tỉnh ban hành Kế hoạch với các nhiệm vụ tại Phụ lục kèm theo."]
    )
    page1 += lines_from(660, ["PHỤ LỤC", "NHIỆM VỤ TRIỂN KHAI"], x=250)
    y = 610.0
    for cells in [HEADER, *ROWS]:
        puts, y = _row(y, cells)
        page1 += puts
    page2: list[Put] = []
    y = 800.0
    if page_number:
        # the page's number centred at its top (NĐ 30), the table's rows a gap below it
        page2.append(Put("2", 295, 815))
        y = 760.0
    for cells in [*([HEADER] if repeat_header else []), ROW3_ON_PAGE2, ROW4]:
        puts, y = _row(y, cells)
        page2 += puts
    page2 += [Put("CHỦ TỊCH", 380, y - 40), Put("Nguyễn Văn A", 375, y - 100)]
    return make_pdf(path, [page1, page2])


@pytest.mark.parametrize(("repeat_header", "page_number"), [(False, False), (True, False), (False, True)])
def test_table_rows_become_one_line_each_across_the_page_break(
    tmp_path: Path, repeat_header: bool, page_number: bool
) -> None:
    # (a page number above the next page's rows does not end the table: the gap under it is
    # no gap between rows)
    pdf = _table_pdf(tmp_path / "t.pdf", repeat_header=repeat_header, page_number=page_number)
    text = read_document(pdf, Settings()).source.text
    rows = [ln for ln in text.splitlines() if ln.startswith("|")]
    assert rows[0] == "| TT | Nội dung nhiệm vụ | Chủ trì | Phối hợp | Thời hạn | Sản phẩm |"
    assert rows[2:] == [
        "| 1 | Xây dựng cơ sở dữ liệu đất đai toàn tỉnh, kết nối với hệ thống quốc gia"
        " | Sở Tài nguyên và Môi trường | Sở Khoa học và Công nghệ | Tháng 6/2025 | Cơ sở dữ liệu |",
        "| 2 | Triển khai dịch vụ công trực tuyến toàn trình cho thủ tục hành chính"
        " | Văn phòng UBND tỉnh | Các sở, ngành | 30/9/2025 | Báo cáo |",
        "| 3 | Đào tạo kỹ năng số cho cán bộ, công chức cấp xã trên địa bàn các huyện, thị xã"
        " | Sở Nội vụ | UBND các huyện | Quý III/2025 | Lớp đào tạo |",
        "| 4 | Nâng cấp Trung tâm điều hành thông minh của tỉnh"
        " | Sở Thông tin và Truyền thông | Công an tỉnh | 31/12/2025 | Trung tâm IOC |",
    ]
    assert "CHỦ TỊCH" in text.split(rows[-1])[1]  # the signature is not read into the table


def test_table_rows_extract_as_tasks_that_map_to_their_pages(tmp_path: Path) -> None:
    doc = read_document(_table_pdf(tmp_path / "t.pdf"), Settings())
    tasks = extract(doc.source).tasks
    got = [
        (
            t.text[:20],
            t.lead,
            t.support,
            t.deadline.date.isoformat() if t.deadline and t.deadline.date else None,
        )
        for t in tasks
    ]
    assert got == [
        (
            "Xây dựng cơ sở dữ li",
            ("Sở Tài nguyên và Môi trường",),
            ("Sở Khoa học và Công nghệ",),
            "2025-06-30",
        ),
        ("Triển khai dịch vụ c", ("Văn phòng UBND tỉnh",), ("Các sở, ngành",), "2025-09-30"),
        ("Đào tạo kỹ năng số c", ("Sở Nội vụ",), ("UBND các huyện",), "2025-09-30"),
        ("Nâng cấp Trung tâm đ", ("Sở Thông tin và Truyền thông",), ("Công an tỉnh",), "2025-12-31"),
    ]
    pages = []
    for task in tasks:
        where = doc.layout.locate(task.span.start, task.span.end)
        assert where is not None
        page, (x0, top, x1, bottom) = where
        pages.append(page)
        # the box holds the row's first line: from the number column to the last cell
        assert x0 <= COLS[1] and x1 >= COLS[-1] and bottom - top >= 9
    assert pages == [0, 0, 0, 1]


def test_table_without_numbers_parts_rows_by_their_gaps(tmp_path: Path) -> None:
    cols = COLS[1:]
    puts = lines_from(800, ["Các nhiệm vụ cụ thể như sau:"])
    y = 770.0
    for cells in [HEADER[1:], ROWS[0][1:], ROWS[1][1:]]:
        row, y = _row(y, cells, cols)
        puts += row
    text = read_document(make_pdf(tmp_path / "t.pdf", [puts]), Settings()).source.text
    rows = [ln for ln in text.splitlines() if ln.startswith("|")]
    assert len(rows) == 4
    assert rows[2].startswith("| Xây dựng cơ sở dữ liệu đất đai toàn tỉnh, kết nối với hệ thống quốc gia |")
    assert rows[3].startswith("| Triển khai dịch vụ công trực tuyến toàn trình cho thủ tục hành chính |")


# --- bold lines --------------------------------------------------------------------------


def test_bold_lines_are_marked_as_heading_candidates(shared_dir: Path) -> None:
    # the Government's resolution as published: title, "CHÍNH PHỦ" and "QUYẾT NGHỊ:" set in
    # bold; "Điều 1." bold at the head of a plain line
    doc = read_document(shared_dir / "corpus/dev/nq-113-cp-2026.pdf", Settings())
    lines = [ln.strip() for ln in doc.source.text.splitlines()]
    assert {"**NGHỊ QUYẾT**", "**CHÍNH PHỦ**", "**QUYẾT NGHỊ:**"} <= set(lines)
    assert any(ln.startswith("Điều 1. Các chi phí") for ln in lines)
    # the bold issuer beside the plain motto stays unmarked: the mark would join the columns
    assert not any(ln.startswith("**CHÍNH PHỦ") and "CỘNG HÒA" in ln for ln in lines)
    meta = extract(doc.source).meta
    assert meta.title is not None and "**" not in meta.title
    assert meta.signer == "Phạm Thị Thanh Trà"


def _row_lines(tops: list[float], grid: TableGrid) -> list[Line]:
    """Table lines of two cells (content | lead), 12 points high, at the given tops."""
    return [
        Line(0, [Run(60, t, 200, t + 12, f"Việc {k}"), Run(260, t, 330, t + 12, "Sở Y tế")], grid=grid)
        for k, t in enumerate(tops)
    ]


@pytest.mark.parametrize(
    ("rule_ys", "rows"),
    [
        # ruled between every row: three rows (of three lines, one, two), however tight
        ([95.0, 110.0, 150.5, 163.5, 190.0], 3),
        # only over the table, under its header and under it (booktabs): the gaps tell,
        # and these lines have none
        ([95.0, 110.0, 190.0], 1),
    ],
)
def test_unnumbered_rows_split_at_drawn_rules_only_where_rows_are_ruled(
    rule_ys: list[float], rows: int
) -> None:
    grid = TableGrid([250.0], ["Nội dung", "Chủ trì"], left=60, right=330)
    grid.rules[0] = Rules(horizontal=[(y, 55.0, 335.0) for y in rule_ys])
    header = _row_lines([97.0], grid)
    header[0].is_header = True
    body = _row_lines([112.0, 125.0, 138.0, 152.0, 165.0, 178.0], grid)
    out = markdown_rows([*header, *body])
    assert len(out) - 2 == rows  # after the header and its rule


def test_a_group_row_without_a_number_in_a_numbered_table_is_a_row_of_its_own() -> None:
    """ "Tháng 02" / "Quý II" over the rows of a numbered programme: a row with no number of
    its own, under a rule drawn across the table, is no wrap of the numbered row above it."""
    grid = TableGrid([100.0, 250.0], ["TT", "Nội dung", "Chủ trì"], left=60, right=330)
    grid.rules[0] = Rules(horizontal=[(y, 55.0, 335.0) for y in (95.0, 110.0, 151.0, 165.5, 179.0)])
    header = [Line(0, [Run(62, 97, 80, 109, "TT"), Run(110, 97, 200, 109, "Nội dung")], grid=grid)]
    header[0].is_header = True

    def row(top: float, number: str, work: str, lead: str = "") -> Line:
        runs = [Run(62, top, 70, top + 11, number)] if number else []
        runs.append(Run(110, top, 240, top + 11, work))
        if lead:
            runs.append(Run(260, top, 330, top + 11, lead))
        return Line(0, runs, grid=grid)

    body = [
        row(112, "1", "Sơ kết công tác", "Sở Y tế"),
        row(126, "", "năm 2026"),  # the row's wrapped second line: no rule above it
        row(139, "", "tại các xã"),
        row(153, "", "**Tháng 02**"),  # a group row: a rule above it
        row(167, "2", "Hội nghị chuyên đề", "Sở Tư pháp"),
    ]
    rows = [md for md, _ in markdown_rows([*header, *body])[2:]]
    assert len(rows) == 3
    assert "Tháng 02" in rows[1] and "Tháng 02" not in rows[0]
    assert "năm 2026 tại các xã" in rows[0]


def _line(top: float, *runs: tuple[float, float, str]) -> Line:
    return Line(0, [Run(x0, top, x1, top + 11, text) for x0, x1, text in runs])


# as LibreOffice prints a header whose "Cơ quan thực hiện" is merged over "Chủ trì | Phối hợp"
# and whose other labels are merged down ("Thời gian hoàn thành" wraps in its cell)
_TWO_ROW_HEADER = [
    _line(
        334,
        (109, 133, "STT"),
        (166, 219, "Nhiệm vụ"),
        (250, 352, "Cơ quan thực hiện"),
        (382, 435, "Thời gian"),
        (453, 508, "Sản phẩm"),
    ),
    _line(349, (395, 422, "hoàn")),
    _line(364, (245, 285, "Chủ trì"), (312, 361, "Phối hợp"), (393, 425, "thành")),
]
_FIRST_ROW = _line(
    396,
    (119, 123, "1"),
    (162, 222, "Rà soát văn"),
    (235, 295, "Sở Tư pháp"),
    (318, 355, "Các sở,"),
    (398, 420, "Quý"),
    (460, 501, "Báo cáo"),
)
# the label's own rule under "Cơ quan thực hiện"; the header's rule across the table
_HEADER_RULES = Rules(horizontal=[(360.0, 235.0, 370.0), (392.0, 100.0, 515.0)])


def test_a_two_row_header_sets_a_column_under_each_label_of_its_second_row() -> None:
    lines = [*_TWO_ROW_HEADER, _FIRST_ROW]
    header = _header_lines(lines, 0, _HEADER_RULES)
    assert header == _TWO_ROW_HEADER  # the rule across the table ends it: the row is no label
    grid = _grid(header)
    assert grid is not None
    # a label wrapped in its cell reads line by line, top first
    assert grid.header == ["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian hoàn thành", "Sản phẩm"]


def test_a_header_line_under_a_rule_across_the_table_is_its_first_row() -> None:
    # no label rule: the first row, set close under the header, would otherwise join it
    lines = [
        _TWO_ROW_HEADER[0],
        _line(349, (162, 222, "Rà soát"), (235, 295, "Sở Tư pháp"), (398, 420, "Quý II")),
    ]
    ruled = Rules(horizontal=[(347.0, 100.0, 515.0)])
    assert _header_lines(lines, 0, ruled) == [_TWO_ROW_HEADER[0]]


def test_a_group_row_merged_across_a_ruled_table_is_one_cell() -> None:
    grid = _grid(_TWO_ROW_HEADER)
    assert grid is not None
    # vertical rules between the columns, broken where the group row spans them
    xs = [149.0, 232.0, 298.0, 372.0, 444.0]
    rules = Rules(
        vertical=[(100.0, 378.0, 560.0)]
        + [(x, top, bottom) for x in xs for top, bottom in ((378.0, 379.0), (391.0, 560.0))]
    )
    group = Run(163, 380, 253, 389, "Cải cách thể chế")
    touching = Run(200, 400, 260, 409, "văn bản Sở")
    assert _spans_merged_cell(group, grid, rules)
    assert not _spans_merged_cell(touching, grid, rules)
    # a table drawn without rules says nothing: the cut stays
    assert not _spans_merged_cell(group, grid, Rules())


def test_a_last_page_holding_only_the_signers_name_keeps_it_in_the_right_column(tmp_path: Path) -> None:
    page1 = lines_from(800, ["ỦY BAN NHÂN DÂN", "TỈNH AN HÒA"])
    page1 += [
        Put("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300, 800),
        Put("Độc lập - Tự do - Hạnh phúc", 340, 782),
        Put("Số: 12/UBND-VX", 60, 760),
        Put("An Hòa, ngày 21 tháng 10 năm", 320, 760),
        Put("V/v kiểm tra công tác y tế", 60, 742),  # the left column between the date's lines
        Put("2027", 400, 742),
    ]
    page1 += lines_from(
        700, ["Kính gửi: Sở Y tế.", "1. Sở Y tế kiểm tra các trạm y tế xã trong tháng 11/2027."]
    )
    page1 += [Put("Nơi nhận:", 60, 600), Put("KT. CHỦ TỊCH", 380, 600)]
    page1 += [Put("- Như trên;", 60, 582), Put("PHÓ CHỦ TỊCH", 380, 582), Put("- Lưu: VT.", 60, 564)]
    page2 = [Put("2", 295, 815), Put("Lò Văn Cương", 385, 760)]
    doc = read_document(make_pdf(tmp_path / "l.pdf", [page1, page2]), Settings())
    # read from its text layer, however few its letters: no image lies under them (OCR
    # misread such a name's marks: "Đinh Văn Lâm" → "Định Văn Lầm")
    assert doc.source.ocr_confidence is None and not doc.source.notes
    last = doc.source.text.rstrip().splitlines()[-1]
    assert last.startswith(" " * 40) and last.strip() == "Lò Văn Cương"
    meta = extract(doc.source).meta
    assert meta.signer == "Lò Văn Cương"
    assert meta.date is not None and meta.date.isoformat() == "2027-10-21"


def test_a_paragraph_gap_narrower_than_a_line_is_read_from_the_line_pitch(tmp_path: Path) -> None:
    # lines 17 pt apart, paragraphs 25 pt: the gap (under a line's box after "10/5/2027.",
    # whose digits stand low) is no wider than a line, the step between centres is
    items = [
        ["- Chỉ đạo Ủy ban nhân dân cấp xã tuyên truyền, vận động nhân dân chấp hành", "pháp luật."],
        [
            "- Chỉ đạo Công an cấp huyện tuần tra, kiểm soát, xử lý vi phạm về nồng độ cồn,",
            "từ ngày 05/3/2027.",
        ],
        ["- Tổng hợp kết quả, gửi về Công an tỉnh (qua Phòng Cảnh sát giao thông) trước", "ngày 10/5/2027."],
        ["Công an tỉnh trân trọng đề nghị Ủy ban nhân dân các huyện quan tâm, phối hợp./."],
    ]
    puts, y = [], 780.0
    for paragraph in items:
        for line in paragraph:
            puts.append(Put(line, 60, y, 12))
            y -= 17
        y -= 8  # Word's space after a paragraph
    doc = read_document(make_pdf(tmp_path / "p.pdf", [puts]), Settings())
    lines = doc.source.text.splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.strip().startswith("Công an tỉnh trân trọng"))
    assert lines[at - 1].strip() == ""
    assert all(ln.strip() for ln in lines[at - 2 : at - 1])
    # within a paragraph no gap opens: its second line follows its first
    first = next(i for i, ln in enumerate(lines) if ln.strip().startswith("- Chỉ đạo Công an"))
    assert lines[first + 1].strip() == "từ ngày 05/3/2027."


def test_closely_set_footnotes_do_not_open_gaps_inside_a_paragraph(tmp_path: Path) -> None:
    # a paragraph whose first line ends a sentence, then five footnote lines in a small font,
    # set closer: the pitch is the body's, so no gap opens after "… năm 2027."
    body = [
        "1. Sở Y tế chủ trì tổ chức tiêm chủng cho trẻ em dưới 5 tuổi trong năm 2027.",
        "Đồng thời, phối hợp với Ủy ban nhân dân các xã tuyên truyền, vận động người dân",
        "đưa trẻ đi tiêm đúng lịch; báo cáo kết quả trước ngày 15/12/2027",
        "2. Sở Tài chính bố trí kinh phí thực hiện trong dự toán ngân sách năm 2027; tham mưu",
        "Ủy ban nhân dân tỉnh điều chỉnh kinh phí khi cần thiết, bảo đảm tiến độ chung của",
        "Kế hoạch và các chương trình mục tiêu quốc gia trên địa bàn tỉnh trong năm 2027",
        "3. Các sở, ban, ngành theo chức năng, nhiệm vụ được giao chủ động triển khai thực hiện",
        "các nội dung có liên quan của Kế hoạch, bảo đảm hiệu quả, đúng tiến độ đề ra",
    ]
    puts = [Put(line, 60, 780 - 17 * k, 12) for k, line in enumerate(body)]
    notes = [f"{n} Ghi chú số {n} về nguồn số liệu của Sở Y tế năm 2026." for n in range(1, 6)]
    puts += [Put(line, 60, 200 - 9 * k, 8) for k, line in enumerate(notes)]
    doc = read_document(make_pdf(tmp_path / "f.pdf", [puts]), Settings())
    lines = doc.source.text.splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.strip().startswith("1. Sở Y tế"))
    assert lines[at + 1].strip().startswith("Đồng thời, phối hợp")
