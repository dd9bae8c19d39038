"""DOCX: numbering as the reader sees it, tables, footnotes; bombs and entities refused."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from dondoc.config import Settings
from dondoc.errors import DondocError, ErrorCode
from dondoc.ingest.docx_reader import read_docx

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _p(text: str, num: tuple[int, int] | None = None, style: str | None = None) -> str:
    ppr = ""
    if num or style:
        inner = f'<w:pStyle w:val="{style}"/>' if style else ""
        if num:
            inner += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr = f"<w:pPr>{inner}</w:pPr>"
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _tc(*paras: str) -> str:
    return "<w:tc>" + "".join(_p(x) for x in paras) + "</w:tc>"


NUMBERING = f"""<w:numbering {NS}>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
 <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
</w:abstractNum>
<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="6"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>"""

STYLES = (
    f'<w:styles {NS}><w:style w:styleId="ListBullet">'
    '<w:pPr><w:numPr><w:numId w:val="6"/></w:numPr></w:pPr></w:style></w:styles>'
)

FOOTNOTES = f"""<w:footnotes {NS}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:t>---</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:t>Theo Quyết định số 06/QĐ-TTg.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def _document(body: str) -> str:
    return f"<w:document {NS}><w:body>{body}</w:body></w:document>"


def _docx(document: str, **parts: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document)
        for name, content in parts.items():
            z.writestr(f"word/{name}.xml", content)
    return buf.getvalue()


BODY = (
    "<w:tbl><w:tr>"
    + _tc("ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN")
    + _tc("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
    + "</w:tr></w:tbl>"
    + _p("KẾ HOẠCH")
    + _p("NHIỆM VỤ", num=(5, 0))
    + _p("Sở Y tế chủ trì rà soát.", num=(5, 1))
    + _p("Đối với tuyến tỉnh", num=(5, 2))
    + _p("Đối với tuyến xã", num=(5, 2))
    + _p("Sở Tài chính bố trí kinh phí.", num=(5, 1))
    + _p("Báo cáo hằng quý", style="ListBullet")
    + '<w:p><w:r><w:t>Theo dõi, đôn đốc</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
    + "<w:tbl>"
    + "<w:tr>" + _tc("STT") + _tc("Nội dung") + _tc("Chủ trì") + _tc("Thời hạn") + "</w:tr>"
    + "<w:tr>" + _tc("1") + _tc("Xây dựng đề án") + _tc("Sở Nội vụ") + _tc("Quý II/2025") + "</w:tr>"
    + "</w:tbl>"
)  # fmt: skip


def test_numbering_tables_and_footnotes_read_as_on_paper() -> None:
    data = _docx(_document(BODY), numbering=NUMBERING, styles=STYLES, footnotes=FOOTNOTES)
    source = read_docx(data, name="plan.docx", settings=Settings())
    lines = [ln.strip() for ln in source.text.splitlines() if ln.strip()]
    assert lines[0].startswith("ỦY BAN NHÂN DÂN") and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines[0]
    assert "   " in lines[0]  # side by side, as the extractor reads two-column headers
    assert lines[2:9] == [
        "KẾ HOẠCH",
        "I. NHIỆM VỤ",
        "1. Sở Y tế chủ trì rà soát.",
        "a) Đối với tuyến tỉnh",
        "b) Đối với tuyến xã",
        "2. Sở Tài chính bố trí kinh phí.",
        "- Báo cáo hằng quý",
    ]
    assert lines[9] == "Theo dõi, đôn đốc[1]"
    assert lines[10:13] == [
        "| STT | Nội dung | Chủ trì | Thời hạn |",
        "|---|---|---|---|",
        "| 1 | Xây dựng đề án | Sở Nội vụ | Quý II/2025 |",
    ]
    assert lines[-1] == "[1] Theo Quyết định số 06/QĐ-TTg."
    assert source.encoding == "docx"


def test_a_cell_naming_one_body_per_paragraph_keeps_them_apart() -> None:
    table = (
        "<w:tbl>"
        + "<w:tr>" + _tc("STT") + _tc("Nội dung") + _tc("Chủ trì") + _tc("Phối hợp") + _tc("Thời gian")
        + "</w:tr>"
        + "<w:tr>" + _tc("1") + _tc("Kiểm tra an toàn thực phẩm tại", "các chợ, bếp ăn tập thể")
        + _tc("Sở Y tế") + _tc("Sở Công Thương", "Công an tỉnh") + _tc("Tháng 6", "Năm 2027") + "</w:tr>"
        + "</w:tbl>"
    )  # fmt: skip
    source = read_docx(_docx(_document(table)), name="plan.docx", settings=Settings())
    # a paragraph that runs on (its next one in lower case) is joined with a space
    content = "Kiểm tra an toàn thực phẩm tại các chợ, bếp ăn tập thể"
    # a time cell's lines go on with each other ("Tháng 6" / "Năm 2027")
    row = f"| 1 | {content} | Sở Y tế | Sở Công Thương; Công an tỉnh | Tháng 6 Năm 2027 |"
    assert row in source.text


def test_a_line_break_in_a_signature_cell_keeps_its_lines_apart() -> None:
    """ "KT. CHỦ TỊCH<br/>PHÓ CHỦ TỊCH" in one paragraph of the signature cell: two lines, as
    on the page (a break in running text stays a space)."""
    signature = "<w:tc><w:p><w:r><w:t>KT. CHỦ TỊCH</w:t><w:br/><w:t>PHÓ CHỦ TỊCH</w:t></w:r></w:p></w:tc>"
    body = (
        "<w:tbl><w:tr>" + _tc("Nơi nhận:", "- Sở Y tế;") + signature + "</w:tr></w:tbl>"
        + '<w:p><w:r><w:t>Sở Y tế chủ trì</w:t><w:br/><w:t>rà soát.</w:t></w:r></w:p>'
    )  # fmt: skip
    lines = [
        ln.rstrip()
        for ln in read_docx(_docx(_document(body)), name="a.docx", settings=Settings()).text.splitlines()
    ]
    assert any(ln.endswith("KT. CHỦ TỊCH") and ln.startswith("Nơi nhận:") for ln in lines)
    assert any(ln.endswith("PHÓ CHỦ TỊCH") and ln.startswith("- Sở Y tế;") for ln in lines)
    assert "Sở Y tế chủ trì rà soát." in lines


def test_xml_entities_are_refused() -> None:
    evil = '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + _document(
        _p("&x;")
    )
    with pytest.raises(DondocError) as err:
        read_docx(_docx(evil), name="evil.docx", settings=Settings())
    assert err.value.code is ErrorCode.INPUT_UNSAFE


def test_zip_bomb_is_refused_before_inflating() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z, z.open("word/document.xml", "w") as fh:
        chunk = b" " * (1 << 20)
        for _ in range(64):  # 64 MB of spaces: a few tens of KB once compressed
            fh.write(chunk)
    settings = Settings(max_docx_uncompressed_bytes=32 * 1024 * 1024)
    with pytest.raises(DondocError) as err:
        read_docx(buf.getvalue(), name="bomb.docx", settings=settings)
    assert err.value.code is ErrorCode.INPUT_UNSAFE
    # and by ratio, under the size limit
    with pytest.raises(DondocError) as err:
        read_docx(buf.getvalue(), name="bomb.docx", settings=Settings())
    assert err.value.code is ErrorCode.INPUT_UNSAFE


def test_seed_directive_as_docx_extracts_like_the_text(shared_dir: Path) -> None:
    """The seed's real text as a DOCX (its hard-wrapped lines joined into paragraphs, the
    header as a two-column table, the footnote as a real footnote): the same 25 tasks."""
    from dondoc.core.contract import to_dict
    from dondoc.core.text import SourceText
    from dondoc.extract.markers import find_marker
    from dondoc.extract.pipeline import extract

    text = (shared_dir / "corpus/seed/cantho-q4-2024.txt").read_text(encoding="utf-8")
    paragraphs: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line or set(line) <= set("-_*. "):
            continue  # blank lines (the text is double-spaced) and rules
        new_paragraph = (
            not paragraphs
            or find_marker(line) is not None
            or line.isupper()
            or line.startswith("Nơi nhận")  # the closing block begins a paragraph of its own
            or paragraphs[-1].endswith(":")
            or paragraphs[-1].isupper()
        )
        if new_paragraph:
            paragraphs.append(line)
        else:
            paragraphs[-1] += " " + line  # a hard-wrapped line goes back into its paragraph
    body = "".join(_p(x.replace("&", "&amp;").replace("<", "&lt;")) for x in paragraphs)
    source = read_docx(_docx(_document(body)), name="seed.docx", settings=Settings())
    from_docx = to_dict(extract(source))
    from_text = to_dict(extract(SourceText(text)))
    assert [t["text"][:40] for t in from_docx["tasks"]] == [t["text"][:40] for t in from_text["tasks"]]
    assert [t["deadline"] for t in from_docx["tasks"]] == [t["deadline"] for t in from_text["tasks"]]
    assert len(from_docx["tasks"]) == 25


def _text_box(*paras: str) -> str:
    """A text box as Word writes it: the drawing, and a VML copy for older readers."""
    content = "<w:txbxContent>" + "".join(_p(x) for x in paras) + "</w:txbxContent>"
    return (
        '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx xmlns:wps="urn:wps">{content}</wps:txbx>'
        f'</w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v="urn:v">{content}</v:textbox>'
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def _tc_props(props: str, *paras: str) -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>" + "".join(_p(x) for x in paras) + "</w:tc>"


def test_text_boxes_content_controls_and_merged_cells_read_as_on_paper() -> None:
    body = (
        # the number in a text box beside the issuer; a content control around the title
        f"<w:p><w:r><w:t>ỦY BAN NHÂN DÂN HUYỆN</w:t></w:r>{_text_box('Số: 12/KH-UBND')}</w:p>"
        "<w:sdt><w:sdtPr/><w:sdtContent>" + _p("KẾ HOẠCH") + "</w:sdtContent></w:sdt>"
        + "<w:tbl>"
        + "<w:tr>" + "".join(map(_tc, ("TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời hạn"))) + "</w:tr>"
        # a group row across the table: its cells after it stay under their headers
        + "<w:tr>" + _tc("I") + _tc_props('<w:gridSpan w:val="4"/>', "Hạ tầng số") + "</w:tr>"
        # the lead written once for two rows (merged down), the deadline too
        + "<w:tr>" + _tc("1") + _tc("Nâng cấp mạng") + _tc_props('<w:vMerge w:val="restart"/>', "Sở Khoa học")
        + _tc("Viettel") + _tc_props('<w:vMerge w:val="restart"/>', "Quý II/2027") + "</w:tr>"
        + "<w:tr>" + _tc("2") + _tc("Lắp camera") + _tc_props("<w:vMerge/>")
        + _tc_props('<w:gridSpan w:val="1"/>') + _tc_props("<w:vMerge/>") + "</w:tr>"
        + "</w:tbl>"
    )  # fmt: skip
    source = read_docx(_docx(_document(body)), name="plan.docx", settings=Settings())
    lines = [ln.strip() for ln in source.text.splitlines() if ln.strip()]
    assert lines[:3] == ["ỦY BAN NHÂN DÂN HUYỆN", "Số: 12/KH-UBND", "KẾ HOẠCH"]  # each once
    assert lines[3:] == [
        "| TT | Nội dung | Chủ trì | Phối hợp | Thời hạn |",
        "|---|---|---|---|---|",
        "| I | Hạ tầng số |  |  |  |",
        "| 1 | Nâng cấp mạng | Sở Khoa học | Viettel | Quý II/2027 |",
        "| 2 | Lắp camera | Sở Khoa học |  | Quý II/2027 |",
    ]


def test_list_instances_of_one_definition_continue_unless_restarted() -> None:
    """Word counts per abstract definition: a second instance (w:num) of it goes on with the
    numbers ("4." after "3."), one with startOverride begins again, as "Restart at 1" writes."""
    numbering = f"""<w:numbering {NS}>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="7"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="8"><w:abstractNumId w:val="1"/>
 <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"""
    body = (
        _p("Sở Y tế chủ trì.", num=(5, 0))
        + _p("Sở Tài chính bố trí kinh phí.", num=(5, 0))
        + _p("Các nhiệm vụ tiếp theo:")
        + _p("Sở Nội vụ hướng dẫn.", num=(7, 0))
        + _p("TỔ CHỨC THỰC HIỆN")
        + _p("Giao Văn phòng theo dõi.", num=(8, 0))
        + _p("Các đơn vị báo cáo.", num=(8, 0))
    )
    source = read_docx(_docx(_document(body), numbering=numbering), name="plan.docx", settings=Settings())
    lines = [ln.strip() for ln in source.text.splitlines() if ln.strip()]
    assert lines == [
        "1. Sở Y tế chủ trì.",
        "2. Sở Tài chính bố trí kinh phí.",
        "Các nhiệm vụ tiếp theo:",
        "3. Sở Nội vụ hướng dẫn.",
        "TỔ CHỨC THỰC HIỆN",
        "1. Giao Văn phòng theo dõi.",
        "2. Các đơn vị báo cáo.",
    ]


def test_bullet_levels_keep_apart_and_their_items_nest() -> None:
    """Word draws each bullet level with a glyph of its own ("❖" over "➢", "" over "o"): the
    text keeps the levels apart ("-", "+", "•"), so the items under a bulleted heading are its."""
    numbering = f"""<w:numbering {NS}>
<w:abstractNum w:abstractNumId="3">
 <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf076"/></w:lvl>
 <w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0d8"/></w:lvl>
 <w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0a7"/></w:lvl>
</w:abstractNum>
<w:num w:numId="9"><w:abstractNumId w:val="3"/></w:num>
</w:numbering>"""
    body = (
        _p("Công tác chỉ đạo, điều hành", num=(9, 0))
        + _p("Phòng Kinh tế tham mưu ban hành lịch thời vụ trong tháng 4/2027.", num=(9, 1))
        + _p("Ủy ban nhân dân các xã thành lập tổ kiểm tra.", num=(9, 1))
        + _p("mỗi xã một tổ", num=(9, 2))
        + _p("Công tác tuyên truyền", num=(9, 0))
        + _p("Hội Nông dân huyện tổ chức tập huấn.", num=(9, 1))
    )
    source = read_docx(_docx(_document(body), numbering=numbering), name="plan.docx", settings=Settings())
    lines = [ln.strip() for ln in source.text.splitlines() if ln.strip()]
    assert [ln[:2] for ln in lines] == ["- ", "+ ", "+ ", "• ", "- ", "+ "]
    from dondoc.extract.pipeline import extract

    tasks = extract(source).tasks
    assert (tasks[0].section, tasks[0].lead) == ("- Công tác chỉ đạo, điều hành", ("Phòng Kinh tế",))
    assert tasks[-1].section == "- Công tác tuyên truyền" and tasks[-1].lead == ("Hội Nông dân huyện",)


@pytest.mark.parametrize(
    "body",
    [
        "<w:tbl><w:tr><w:tc>" * 1000 + _p("Sở Y tế") + "</w:tc></w:tr></w:tbl>" * 1000,
        "<w:p>"
        + "<w:hyperlink>" * 5000
        + "<w:r><w:t>Sở Y tế</w:t></w:r>"
        + "</w:hyperlink>" * 5000
        + "</w:p>",
        "<w:sdt><w:sdtContent>" * 3000 + _p("Sở Y tế") + "</w:sdtContent></w:sdt>" * 3000,
    ],
    ids=["tables", "inline", "content-controls"],
)
def test_nesting_thousands_deep_is_read_without_exhausting_the_stack(body: str) -> None:
    source = read_docx(_docx(_document(body)), name="deep.docx", settings=Settings())
    assert source.text.strip() == "Sở Y tế"
