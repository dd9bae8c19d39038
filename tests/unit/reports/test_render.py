"""A made-up report rendered in each format and read back: the DOCX with python-docx, the
XLSX with openpyxl, the PDF through poppler (its text, its fonts, its pages as images)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from dondoc.reports import docx, pdf, xlsx
from dondoc.reports.model import Chart, Heading, Issuer, OfficialDocument, Paragraph, Signature, Table

PARTY = Issuer("Văn phòng Thành ủy", "Thành ủy Cần Thơ", True, "VPTU", "Cần Thơ")
STATE = Issuer("Văn phòng Ủy ban nhân dân", "Ủy ban nhân dân tỉnh Lào Cai", False, "VPUBND", "Lào Cai")
WORDS = "Tỷ lệ hoàn thành đúng hạn: 87,5%; Sở Văn hóa, Thể thao và Du lịch; Ủy ban nhân dân phường Đồng Hới"


def _doc(issuer: Issuer, *, rows: int = 3) -> OfficialDocument:
    table = Table(
        "Bảng 1. Theo đơn vị",
        ("STT", "Đơn vị chủ trì", "Tổng số", "Tỷ lệ"),
        tuple((i, f"Sở thứ {i}", i * 2, "50,0%") for i in range(1, rows + 1)),
        total=("", "Tổng cộng", rows * (rows + 1), "50,0%"),
        widths=(0.8, 4, 1, 1),
    )
    return OfficialDocument(
        issuer,
        "BÁO CÁO",
        "BC",
        None,
        dt.date(2026, 2, 3),
        "Tình hình thực hiện nhiệm vụ (tính đến ngày 03/02/2026)",
        (
            Heading("I. KẾT QUẢ CHUNG"),
            Paragraph(WORDS),
            Chart("Số nhiệm vụ theo tình trạng", ("Hoàn thành đúng hạn", "Quá hạn"), (7, 1)),
            table,
        ),
        recipients=("Thường trực Thành ủy", "Lưu: VT."),
        signature=Signature(("T/L BAN THƯỜNG VỤ",), "CHÁNH VĂN PHÒNG", "Nguyễn Văn An"),
    )


def _docx_text(data: bytes) -> tuple[str, list[list[list[str]]]]:
    d = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in d.paragraphs)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in d.tables]
    return text, tables


def test_the_docx_has_the_party_layout_and_reads_back() -> None:
    text, tables = _docx_text(docx.render(_doc(PARTY)))
    header, body_table, closing = tables[0], tables[1], tables[2]
    left, right = header[0]
    assert left.splitlines() == ["THÀNH ỦY CẦN THƠ", "VĂN PHÒNG THÀNH ỦY", "*", "Số       -BC/VPTU"]
    assert right.splitlines()[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert "Cần Thơ, ngày 03 tháng 02 năm 2026" in right
    assert "BÁO CÁO\nTình hình thực hiện nhiệm vụ (tính đến ngày 03/02/2026)" in text
    assert WORDS in text
    assert body_table[0] == ["STT", "Đơn vị chủ trì", "Tổng số", "Tỷ lệ"]
    assert body_table[-1] == ["", "Tổng cộng", "12", "50,0%"]
    recipients, sign = closing[0]
    assert recipients.splitlines() == ["Nơi nhận:", "- Thường trực Thành ủy", "- Lưu: VT."]
    assert sign.splitlines()[:2] == ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"]
    assert sign.splitlines()[-1] == "Nguyễn Văn An"
    assert len(Document(io.BytesIO(docx.render(_doc(PARTY)))).inline_shapes) == 1  # the chart


def test_the_docx_has_the_state_layout() -> None:
    _, tables = _docx_text(docx.render(_doc(STATE)))
    left, right = tables[0][0]
    assert left.splitlines()[-1] == "Số:       /BC-VPUBND"
    assert right.splitlines()[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert "Lào Cai, ngày 03 tháng 02 năm 2026" in right


def test_the_workbook_has_a_sheet_per_table_with_frozen_filtered_headers() -> None:
    wb = load_workbook(io.BytesIO(xlsx.render(_doc(STATE, rows=40))))
    assert wb.sheetnames == ["Thông tin", "Bảng 1. Theo đơn vị"]
    info = [c.value for c in wb["Thông tin"]["A"]]
    assert "Số:       /BC-VPUBND" in info and "Lào Cai, ngày 03 tháng 02 năm 2026" in info
    ws = wb["Bảng 1. Theo đơn vị"]
    assert [c.value for c in ws[1]] == ["STT", "Đơn vị chủ trì", "Tổng số", "Tỷ lệ"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:D41"
    assert ws.max_row == 42 and ws.cell(row=42, column=2).value == "Tổng cộng"
    assert ws.cell(row=2, column=3).value == 2  # numbers stay numbers
    # printed landscape, the columns fitted to one page's width, the header on every page
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.print_title_rows == "$1:$1"


def test_the_pdf_embeds_its_fonts_and_every_vietnamese_letter_survives(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf.render(_doc(PARTY, rows=60)))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for words in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "VĂN PHÒNG THÀNH ỦY",
        "Cần Thơ, ngày 03 tháng 02 năm 2026",
        WORDS,
    ):
        assert words in flat, words
    assert "\ufffd" not in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all(r[-5] == "yes" for r in rows), fonts  # every font embedded
    # one family for the whole text: every Vietnamese letter is in Liberation Serif 2
    # (fonts-liberation2; version 1 lacks some and falls back to DejaVu)
    assert {r[0].split("+")[-1].split("-")[0] for r in rows} == {"Liberation"}, fonts
    pages = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    n = int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")))
    assert n >= 2  # 60 rows go over a page: the header row repeats (checked below)
    assert flat.count("Đơn vị chủ trì") >= 2
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "page")], check=True)
    assert len(list(tmp_path.glob("page-*.png"))) == n


@pytest.mark.parametrize("issuer", [PARTY, STATE])
def test_a_letter_has_its_subject_under_the_number_and_its_addressee(issuer: Issuer) -> None:
    letter = OfficialDocument(
        issuer,
        "",
        "CV",
        "15",
        dt.date(2026, 3, 10),
        "đôn đốc thực hiện nhiệm vụ",
        (Paragraph("Đề nghị Sở Tài chính khẩn trương thực hiện."),),
        recipients=("Như trên", "Lưu: VT."),
        signature=Signature((), "CHÁNH VĂN PHÒNG"),
        addressees=("Sở Tài chính",),
    )
    text, tables = _docx_text(docx.render(letter))
    left = tables[0][0][0].splitlines()
    assert left[-2:] == (["Số 15-CV/VPTU"] if issuer.party else ["Số: 15/VPUBND"]) + [
        "V/v đôn đốc thực hiện nhiệm vụ"
    ]
    assert "Kính gửi: Sở Tài chính." in text
    assert "BÁO CÁO" not in text
