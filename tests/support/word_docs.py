"""Made-up directives typed in Word (python-docx), their gold files in tests/golden/word/,
written by the corpus's CONVENTIONS.md before the extractor read them: layouts that Word
gives and a text copy loses, merged cells above all."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
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


def _plan_header(doc: Document, issuer: list[str], number: str, place_date: str) -> None:
    header = doc.add_table(rows=1, cols=2)
    _cell_lines(header.cell(0, 0), [*issuer, "", number])
    _cell_lines(
        header.cell(0, 1),
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "", place_date],
    )


def _paragraphs(doc: Document, items: list[tuple[str, bool, bool]]) -> None:
    for text, bold, center in items:
        paragraph = doc.add_paragraph()
        paragraph.add_run(text).bold = bold
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _closing(doc: Document, recipients: list[str], signature: list[str]) -> None:
    closing = doc.add_table(rows=1, cols=2)
    _cell_lines(closing.cell(0, 0), ["Nơi nhận:", *recipients], center=False)
    _cell_lines(closing.cell(0, 1), signature, bold=True)


def _new_document() -> Document:
    doc = Document()
    doc.styles["Normal"].font.name = "Times New Roman"  # type: ignore[attr-defined]
    doc.styles["Normal"].font.size = Pt(13)  # type: ignore[attr-defined]
    return doc


_TWO_ROW_HEAD = ["STT", "Nhiệm vụ", "Cơ quan thực hiện", "", "Thời gian hoàn thành", "Sản phẩm"]
_TWO_ROW_BODY = [
    ["I", "Cải cách thể chế"],
    [
        "1",
        "Rà soát văn bản quy phạm pháp luật do tỉnh ban hành",
        "Sở Tư pháp",
        "Các sở, ngành",
        "Quý II/2027",
        "Báo cáo",
    ],
    [
        "2",
        "Xây dựng quy định phân cấp quản lý cán bộ, công chức",
        "Sở Nội vụ",
        "Sở Tài chính; Sở Tư pháp",
        "Tháng 9/2027",
        "Quyết định của Ủy ban nhân dân tỉnh",
    ],
    ["II", "Cải cách thủ tục hành chính"],
    [
        "3",
        "Công bố, công khai thủ tục hành chính thuộc thẩm quyền giải quyết của tỉnh",
        "Văn phòng Ủy ban nhân dân tỉnh",
        "Các sở, ngành; Ủy ban nhân dân các huyện",
        "Thường xuyên",
        "Quyết định công bố",
    ],
    [
        "4",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        "Trung tâm Phục vụ hành chính công tỉnh",
        "Sở Khoa học và Công nghệ",
        "Trước ngày 30/11/2027",
        "Dữ liệu số hóa",
    ],
]


def kh_tinh_docx_2hang(path: Path) -> Path:
    """A province's plan whose task table has a two-row header: "Cơ quan thực hiện" merged
    across two columns over "Chủ trì" and "Phối hợp", the other headers merged down; group
    rows merged across the table."""
    doc = _new_document()
    _plan_header(
        doc, ["ỦY BAN NHÂN DÂN", "TỈNH VĨNH PHÚC"], "Số: 19/KH-UBND", "Vĩnh Phúc, ngày 20 tháng 01 năm 2027"
    )
    _paragraphs(
        doc,
        [
            ("KẾ HOẠCH", True, True),
            ("Cải cách hành chính tỉnh Vĩnh Phúc năm 2027", True, True),
            (
                "Căn cứ Quyết định số 2150/QĐ-UBND ngày 28/12/2026 của Ủy ban nhân dân tỉnh, "
                "Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính năm 2027 "
                "với các nhiệm vụ cụ thể như sau:",
                False,
                False,
            ),
        ],
    )
    table = doc.add_table(rows=2 + len(_TWO_ROW_BODY), cols=6)
    table.style = "Table Grid"
    for j, value in enumerate(_TWO_ROW_HEAD):
        _cell_lines(table.cell(0, j), [value], bold=True)
    _cell_lines(table.cell(1, 2), ["Chủ trì"], bold=True)
    _cell_lines(table.cell(1, 3), ["Phối hợp"], bold=True)
    table.cell(0, 2).merge(table.cell(0, 3))
    for j in (0, 1, 4, 5):
        table.cell(0, j).merge(table.cell(1, j))
    for i, row in enumerate(_TWO_ROW_BODY, start=2):
        for j, value in enumerate(row):
            _cell_lines(table.cell(i, j), [value], bold=len(row) == 2, center=j != 1)
        if len(row) == 2:
            table.cell(i, 1).merge(table.cell(i, 5))
    _paragraphs(
        doc,
        [
            ("TỔ CHỨC THỰC HIỆN", True, False),
            (
                "Giao Sở Nội vụ theo dõi, đôn đốc các cơ quan, đơn vị thực hiện Kế hoạch; tổng hợp, báo cáo "
                "Ủy ban nhân dân tỉnh trước ngày 15/12/2027.",
                False,
                False,
            ),
        ],
    )
    _closing(
        doc,
        ["- Bộ Nội vụ;", "- CT, các PCT UBND tỉnh;", "- Lưu: VT, NCS."],
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "Vũ Việt Văn"],
    )
    doc.save(str(path))
    return path


_ONE_UNIT_COLUMN = [
    ["TT", "Nội dung", "Đơn vị", "Thời gian"],
    [
        "1",
        "Kiểm tra công tác quản lý chất lượng công trình xây dựng trên địa bàn",
        "Phòng Quản lý xây dựng chủ trì; Thanh tra Sở phối hợp",
        "Quý III/2027",
    ],
    [
        "2",
        "Cập nhật dữ liệu cấp phép xây dựng lên hệ thống thông tin của ngành",
        "Văn phòng Sở",
        "Hằng tháng",
    ],
    [
        "3",
        "Tổng hợp báo cáo sơ kết 6 tháng đầu năm",
        "Phòng Kinh tế - Kế hoạch (chủ trì), các phòng chuyên môn",
        "Trước ngày 15/6/2027",
    ],
    ["4", "Tổ chức hội nghị tập huấn pháp luật về xây dựng", "Thanh tra Sở", "Tháng 5/2027"],
]


def kh_so_docx_donvi(path: Path) -> Path:
    """A department's plan whose task table names its bodies in one column headed "Đơn vị",
    the lead told by "chủ trì" (after it or in brackets) where a cell names several."""
    doc = _new_document()
    _plan_header(
        doc, ["UBND TỈNH BÌNH PHƯỚC", "SỞ XÂY DỰNG"], "Số: 88/KH-SXD", "Bình Phước, ngày 08 tháng 02 năm 2027"
    )
    _paragraphs(
        doc,
        [
            ("KẾ HOẠCH", True, True),
            ("Công tác trọng tâm của Sở Xây dựng năm 2027", True, True),
            ("I. NHIỆM VỤ TRỌNG TÂM", True, False),
        ],
    )
    table = doc.add_table(rows=len(_ONE_UNIT_COLUMN), cols=4)
    table.style = "Table Grid"
    for i, row in enumerate(_ONE_UNIT_COLUMN):
        for j, value in enumerate(row):
            _cell_lines(table.cell(i, j), [value], bold=i == 0, center=j != 1 or i == 0)
    _paragraphs(
        doc,
        [
            ("II. TỔ CHỨC THỰC HIỆN", True, False),
            (
                "Trưởng các phòng, đơn vị thuộc Sở căn cứ nhiệm vụ được giao tổ chức thực hiện./.",
                False,
                False,
            ),
        ],
    )
    _closing(
        doc,
        ["- UBND tỉnh (b/c);", "- Giám đốc, các PGĐ Sở;", "- Lưu: VT."],
        ["GIÁM ĐỐC", "", "", "Nguyễn Văn Lực"],
    )
    doc.save(str(path))
    return path


_LONG_HEAD = [
    "TT",
    "Nội dung nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
    "Ghi chú",
]
_LONG_BODY = [
    ["1", "Phát triển hạ tầng số"],
    [
        "1.1",
        "Phủ sóng di động 4G, 5G đến 100% thôn, bản trên địa bàn tỉnh, ưu tiên các xã vùng sâu, vùng xa, "
        "vùng đồng bào dân tộc thiểu số",
        ["Sở Khoa học và Công nghệ"],
        ["Các doanh nghiệp viễn thông", "Ủy ban nhân dân các huyện, thành phố"],
        "Năm 2027",
        "Nhiệm vụ chuyển tiếp",
    ],
    [
        "1.2",
        "Đầu tư nâng cấp Trung tâm dữ liệu tỉnh bảo đảm an toàn thông tin cấp độ 4, đáp ứng nhu cầu "
        "lưu trữ, xử lý dữ liệu của các cơ quan nhà nước",
        ["Sở Khoa học và Công nghệ"],
        ["Sở Tài chính", "Công an tỉnh"],
        "2027 - 2028",
        "",
    ],
    [
        "1.3",
        "Rà soát, sắp xếp lại hạ tầng cáp viễn thông treo trên cột điện tại các tuyến phố chính của "
        "thành phố",
        ["Ủy ban nhân dân thành phố"],
        ["Công ty Điện lực tỉnh", "Các doanh nghiệp viễn thông"],
        "Tháng 6 - 9/2027",
        "",
    ],
    ["2", "Phát triển chính quyền số"],
    [
        "2.1",
        "Xây dựng, cập nhật cơ sở dữ liệu cán bộ, công chức, viên chức của tỉnh, kết nối với cơ sở dữ "
        "liệu quốc gia về cán bộ, công chức, viên chức",
        ["Sở Nội vụ"],
        ["Các sở, ban, ngành"],
        "Quý I/2027",
        "",
    ],
    [
        "2.2",
        "Số hóa hồ sơ hộ tịch, chứng thực đã được lưu trữ tại các cơ quan tư pháp từ năm 1999 đến nay, "
        "cập nhật vào cơ sở dữ liệu hộ tịch điện tử",
        ["Sở Tư pháp"],
        ["Ủy ban nhân dân các huyện, thành phố"],
        "Trước 30/6/2027",
        "",
    ],
    [
        "2.3",
        "Vận hành Hệ thống thông tin báo cáo của tỉnh, kết nối với Hệ thống thông tin báo cáo Chính "
        "phủ; cập nhật số liệu chỉ tiêu kinh tế - xã hội",
        ["Văn phòng Ủy ban nhân dân tỉnh"],
        ["Các sở, ban, ngành"],
        "Hằng quý",
        "",
    ],
    ["3", "Phát triển kinh tế số và xã hội số"],
    [
        "3.1",
        "Hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số, sử dụng các nền tảng số trong quản trị, sản xuất, "
        "kinh doanh",
        ["Sở Công Thương", "Sở Tài chính"],
        ["Hiệp hội Doanh nghiệp tỉnh"],
        "Năm 2027",
        "Hai sở cùng chủ trì theo lĩnh vực",
    ],
    [
        "3.2",
        "Triển khai thanh toán không dùng tiền mặt tại các trường học, cơ sở y tế, chợ truyền thống, bảo "
        "đảm tiện lợi cho người dân",
        ["Ngân hàng Nhà nước Chi nhánh Khu vực 6"],
        ["Sở Giáo dục và Đào tạo", "Sở Y tế", "Các tổ chức tín dụng"],
        "Quý IV/2027",
        "",
    ],
    [
        "3.3",
        "Phát triển tổ công nghệ số cộng đồng tại các thôn, tổ dân phố; tập huấn kỹ năng số cơ bản cho "
        "thành viên tổ công nghệ số cộng đồng",
        ["Ủy ban nhân dân các huyện, thành phố"],
        ["Tỉnh đoàn"],
        "Tháng 10/2027",
        "",
    ],
]


def kh_tinh_docx_dai(path: Path) -> Path:
    """A province's plan whose task table runs over a page, its header row repeated there
    (Word's "repeat as header row"), cells holding one body per paragraph, group rows that
    only number and name a group, a note column; then an automatically numbered list."""
    doc = _new_document()
    _plan_header(
        doc, ["ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN"], "Số: 41/KH-UBND", "Lạng Sơn, ngày 25 tháng 01 năm 2027"
    )
    _paragraphs(
        doc,
        [
            ("KẾ HOẠCH", True, True),
            ("Chuyển đổi số tỉnh Lạng Sơn năm 2027", True, True),
            ("I. MỤC TIÊU", True, False),
            (
                "Phấn đấu đến hết năm 2027, 80% hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình.",
                False,
                False,
            ),
            ("II. NHIỆM VỤ CỤ THỂ", True, False),
        ],
    )
    table = doc.add_table(rows=1 + len(_LONG_BODY), cols=len(_LONG_HEAD))
    table.style = "Table Grid"
    for j, value in enumerate(_LONG_HEAD):
        _cell_lines(table.cell(0, j), [value], bold=True)
    header_props = table.rows[0]._tr.get_or_add_trPr()
    header_props.append(header_props.makeelement(qn("w:tblHeader"), {}))
    for i, row in enumerate(_LONG_BODY, start=1):
        for j, value in enumerate(row):
            lines = value if isinstance(value, list) else [value]
            _cell_lines(table.cell(i, j), lines, bold=len(row) == 2, center=j != 1)
    _paragraphs(doc, [("III. TỔ CHỨC THỰC HIỆN", True, False)])
    for text in (
        "Các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố căn cứ nhiệm vụ được giao xây dựng kế "
        "hoạch chi tiết, gửi Sở Khoa học và Công nghệ trước ngày 15/3/2027.",
        "Sở Khoa học và Công nghệ theo dõi, tổng hợp, báo cáo Ủy ban nhân dân tỉnh định kỳ 6 tháng, "
        "hằng năm.",
    ):
        doc.add_paragraph(text, style="List Number")
    _closing(
        doc,
        ["- Bộ Khoa học và Công nghệ;", "- TT Tỉnh ủy, TT HĐND tỉnh;", "- Lưu: VT, KGVX."],
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "Hồ Tiến Thiệu"],
    )
    doc.save(str(path))
    return path


_CLOSE_HEAD = ["TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian trình"]
_CLOSE_BODY = [
    [
        "1",
        "Đề án phát triển làng nghề gắn với du lịch",
        "Sở Nông nghiệp và Môi trường",
        "Sở Công Thương",
        "Tháng 4/2028",
    ],
    ["2", "Quy định mức hỗ trợ xử lý nước thải làng nghề", "Sở Tài chính", "Sở Tư pháp", "Tháng 6/2028"],
    [
        "3",
        "Báo cáo kết quả kiểm tra môi trường các làng nghề",
        "Thanh tra tỉnh",
        "Công an tỉnh",
        "Quý III/2028",
    ],
]


def ctr_tinh_docx_sat(path: Path) -> Path:
    """A province's work programme whose task table has five columns of equal width, as Word
    lays a table out before anyone drags its borders, its labels set left: "Đơn vị chủ trì"
    and "Đơn vị phối" nearly touch on one line, told apart in the PDF only by the rule
    between their cells."""
    doc = _new_document()
    _plan_header(
        doc, ["ỦY BAN NHÂN DÂN", "TỈNH HÀ NAM"], "Số: 31/CTr-UBND", "Hà Nam, ngày 08 tháng 01 năm 2028"
    )
    _paragraphs(
        doc,
        [
            ("CHƯƠNG TRÌNH", True, True),
            ("Công tác trọng tâm của Ủy ban nhân dân tỉnh năm 2028", True, True),
            ("I. CÁC NỘI DUNG TRÌNH ỦY BAN NHÂN DÂN TỈNH", True, False),
        ],
    )
    table = doc.add_table(rows=1 + len(_CLOSE_BODY), cols=5)
    table.style = "Table Grid"
    for row, cells in zip(table.rows, [_CLOSE_HEAD, *_CLOSE_BODY], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            _cell_lines(cell, [text], center=False)  # labels set left, as typed: they nearly touch
    _paragraphs(
        doc,
        [
            ("II. TỔ CHỨC THỰC HIỆN", True, False),
            (
                "Văn phòng Ủy ban nhân dân tỉnh theo dõi, đôn đốc các cơ quan chuẩn bị nội dung, "
                "báo cáo Chủ tịch Ủy ban nhân dân tỉnh trước ngày 25 hằng tháng.",
                False,
                False,
            ),
        ],
    )
    _closing(
        doc,
        ["- TT Tỉnh ủy, TT HĐND tỉnh;", "- Các sở, ban, ngành;", "- Lưu: VT, TH."],
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "Trương Quốc Huy"],
    )
    doc.save(str(path))
    return path


WORD_DOCS: dict[str, Callable[[Path], Path]] = {
    "kh-huyen-docx-merge": kh_huyen_docx_merge,
    "kh-xa-docx-khongso": kh_xa_docx_khongso,
    "kh-tinh-docx-2hang": kh_tinh_docx_2hang,
    "kh-so-docx-donvi": kh_so_docx_donvi,
    "kh-tinh-docx-dai": kh_tinh_docx_dai,
    "ctr-tinh-docx-sat": ctr_tinh_docx_sat,
}
