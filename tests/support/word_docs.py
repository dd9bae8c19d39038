"""Made-up directives typed in Word (python-docx), their gold files in tests/golden/word/,
written by the corpus's CONVENTIONS.md before the extractor read them: layouts that Word
gives and a text copy loses, merged cells above all."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.table import _Cell


def _cell_lines(cell: _Cell, lines: list[str], *, bold: bool = False, center: bool = True) -> None:
    cell.text = ""
    paragraph = cell.paragraphs[0]
    for k, line in enumerate(lines):
        if k:
            paragraph = cell.add_paragraph()
        paragraph.add_run(line).bold = bold
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


_TASKS = [
    ["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"],
    [
        "1",
        "Tổ chức Lễ phát động Tháng hành động vì an toàn thực phẩm",
        "Phòng Y tế",
        "Ủy ban nhân dân các xã",
        "Tháng 4/2027",
    ],
    ["2", "Treo băng rôn, khẩu hiệu tuyên truyền tại trụ sở cơ quan", "", "Các cơ quan, đơn vị", ""],
    [
        "3",
        "Kiểm tra liên ngành về an toàn thực phẩm tại các chợ, bếp ăn tập thể",
        "Đoàn kiểm tra liên ngành huyện",
        "Công an huyện; Phòng Kinh tế và Hạ tầng",
        "Từ ngày 15/4 đến ngày 15/5/2027",
    ],
    ["4", "Giám sát ngộ độc thực phẩm tại các trường học", "", "Phòng Giáo dục và Đào tạo", "Quý II/2027"],
    ["5", "Báo cáo kết quả về Sở Y tế", "Phòng Y tế", "", "Trước ngày 25/5/2027"],
]


def kh_huyen_docx_merge(path: Path) -> Path:
    """A district's plan: header and signature in borderless tables, a task table whose
    lead is written once for two rows (cells merged down), twice, and a deadline too."""
    doc = Document()
    doc.styles["Normal"].font.name = "Times New Roman"  # type: ignore[attr-defined]
    doc.styles["Normal"].font.size = Pt(13)  # type: ignore[attr-defined]
    header = doc.add_table(rows=1, cols=2)
    _cell_lines(header.cell(0, 0), ["ỦY BAN NHÂN DÂN", "HUYỆN CHÂU THÀNH", "", "Số: 45/KH-UBND"])
    _cell_lines(
        header.cell(0, 1),
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "",
            "Châu Thành, ngày 20 tháng 3 năm 2027",
        ],
    )

    def para(text: str, bold: bool = False, center: bool = False) -> None:
        paragraph = doc.add_paragraph()
        paragraph.add_run(text).bold = bold
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    para("KẾ HOẠCH", True, True)
    para("Tổ chức các hoạt động hưởng ứng Tháng hành động vì an toàn thực phẩm năm 2027", True, True)
    para(
        "Căn cứ Kế hoạch số 88/KH-UBND ngày 10/3/2027 của Ủy ban nhân dân tỉnh về triển khai Tháng hành "
        "động vì an toàn thực phẩm năm 2027, Ủy ban nhân dân huyện ban hành Kế hoạch như sau:"
    )
    para("I. MỤC ĐÍCH, YÊU CẦU", True)
    para(
        "Nâng cao nhận thức, trách nhiệm của người sản xuất, kinh doanh và người tiêu dùng về bảo đảm "
        "an toàn thực phẩm."
    )
    para("II. NỘI DUNG HOẠT ĐỘNG", True)
    table = doc.add_table(rows=len(_TASKS), cols=5)
    table.style = "Table Grid"
    for i, row in enumerate(_TASKS):
        for j, value in enumerate(row):
            _cell_lines(table.cell(i, j), [value], bold=i == 0, center=j != 1 or i == 0)
    _cell_lines(table.cell(1, 2).merge(table.cell(2, 2)), ["Phòng Y tế"])
    _cell_lines(table.cell(3, 2).merge(table.cell(4, 2)), ["Đoàn kiểm tra liên ngành huyện"])
    _cell_lines(table.cell(1, 4).merge(table.cell(2, 4)), ["Tháng 4/2027"])
    para("III. TỔ CHỨC THỰC HIỆN", True)
    para("1. Phòng Y tế là cơ quan thường trực, theo dõi, đôn đốc các đơn vị thực hiện Kế hoạch này.")
    para("2. Các cơ quan, đơn vị được giao nhiệm vụ báo cáo kết quả về Phòng Y tế trước ngày 20/5/2027./.")
    closing = doc.add_table(rows=1, cols=2)
    _cell_lines(
        closing.cell(0, 0),
        ["Nơi nhận:", "- Sở Y tế (b/c);", "- TT Huyện ủy, TT HĐND huyện;", "- Như mục III;", "- Lưu: VT."],
        center=False,
    )
    _cell_lines(closing.cell(0, 1), ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "Trần Văn Phúc"], bold=True)
    doc.save(str(path))
    return path


_UNNUMBERED = [
    ["Nội dung công việc", "Đơn vị thực hiện", "Đơn vị phối hợp", "Thời gian hoàn thành"],
    [
        "Tiêm phòng vắc xin lở mồm long móng đợt 1 cho đàn trâu, bò trên địa bàn các ấp",
        "Thú y viên xã",
        "Trưởng các ấp",
        "Tháng 4/2027",
    ],
    [
        "Phun thuốc khử trùng tiêu độc tại các chợ, điểm giết mổ gia súc, gia cầm",
        "Tổ khuyến nông xã",
        "Ban Quản lý chợ",
        "Tháng 5/2027",
    ],
    ["Kiểm tra vận chuyển gia súc, gia cầm ra vào địa bàn xã", "Công an xã", "Thú y viên xã", "Thường xuyên"],
    [
        "Tổng hợp, báo cáo kết quả tiêm phòng về Ủy ban nhân dân huyện",
        "Văn phòng - Thống kê xã",
        "",
        "Trước ngày 30/6/2027",
    ],
]


def kh_xa_docx_khongso(path: Path) -> Path:
    """A commune's plan whose task table has no number column: its rows, each cell wrapping
    over two or three lines, told apart only by the rules between them."""
    doc = Document()
    doc.styles["Normal"].font.name = "Times New Roman"  # type: ignore[attr-defined]
    doc.styles["Normal"].font.size = Pt(13)  # type: ignore[attr-defined]
    header = doc.add_table(rows=1, cols=2)
    _cell_lines(header.cell(0, 0), ["ỦY BAN NHÂN DÂN", "XÃ TÂN PHÚ", "", "Số: 27/KH-UBND"])
    _cell_lines(
        header.cell(0, 1),
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "",
            "Tân Phú, ngày 03 tháng 02 năm 2027",
        ],
    )
    for text, bold, center in (
        ("KẾ HOẠCH", True, True),
        ("Phòng, chống dịch bệnh trên gia súc, gia cầm năm 2027", True, True),
        (
            "Thực hiện Kế hoạch số 15/KH-UBND ngày 20/01/2027 của Ủy ban nhân dân huyện, Ủy ban nhân dân "
            "xã xây dựng Kế hoạch như sau:",
            False,
            False,
        ),
        ("I. NHIỆM VỤ CỤ THỂ", True, False),
    ):
        paragraph = doc.add_paragraph()
        paragraph.add_run(text).bold = bold
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = doc.add_table(rows=len(_UNNUMBERED), cols=4)
    table.style = "Table Grid"
    for i, row in enumerate(_UNNUMBERED):
        for j, value in enumerate(row):
            _cell_lines(table.cell(i, j), [value], bold=i == 0, center=j != 0 or i == 0)
    doc.add_paragraph().add_run("II. TỔ CHỨC THỰC HIỆN").bold = True
    doc.add_paragraph("Các bộ phận, đơn vị liên quan căn cứ Kế hoạch này tổ chức thực hiện./.")
    closing = doc.add_table(rows=1, cols=2)
    _cell_lines(
        closing.cell(0, 0), ["Nơi nhận:", "- UBND huyện (b/c);", "- Đảng ủy xã;", "- Lưu: VT."], center=False
    )
    _cell_lines(closing.cell(0, 1), ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "Lê Văn Tám"], bold=True)
    doc.save(str(path))
    return path


WORD_DOCS: dict[str, Callable[[Path], Path]] = {
    "kh-huyen-docx-merge": kh_huyen_docx_merge,
    "kh-xa-docx-khongso": kh_xa_docx_khongso,
}
