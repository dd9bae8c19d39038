"""Header and closing blocks in the layouts they arrive in."""

from __future__ import annotations

import datetime as dt

from dondoc.core.text import SourceText
from dondoc.extract.lines import mark_noise, split_lines
from dondoc.extract.metadata import read_closing, read_header
from dondoc.extract.pipeline import extract
from tests.support.texts import header


def _header(text: str):  # type: ignore[no-untyped-def]
    lines = split_lines(text)
    mark_noise(lines)
    return read_header(lines, len(lines))


def test_two_column_layout_header() -> None:
    h = _header(
        "  ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "  THÀNH PHỐ HÀ NỘI                       Độc lập - Tự do - Hạnh phúc\n"
        "\n"
        "   Số:173    /KH-UBND               Hà Nội, ngày 28     tháng 4    năm 2026\n"
        "\n"
        "                                KẾ HOẠCH\n"
        "       Tổ chức “Festival Thăng Long - Hà Nội lần thứ II, năm 2026”\n"
        "\n"
        "     Thực hiện Nghị quyết số 02-NQ/TW ngày 17/3/2026 của Bộ Chính trị.\n"
    )
    assert h.issuer == "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"
    assert h.number == "173/KH-UBND"
    assert h.date == dt.date(2026, 4, 28)
    assert h.type == "Kế hoạch"
    assert h.title == "Tổ chức “Festival Thăng Long - Hà Nội lần thứ II, năm 2026”"


def test_markdown_header_with_wrapped_motto_and_party_issuer() -> None:
    h = _header(
        "**BAN\nCHẤP HÀNH TRUNG ƯƠNG**\n*\n|\n**ĐẢNG\nCỘNG SẢN VIỆT NAM**\n---------------\n|\n"
        "Số 212-KL/TW\n|\n*Hà Nội, ngày 18\ntháng 11 năm 2025*\n|\n**KẾT LUẬN **\nCỦA BỘ CHÍNH TRỊ,\n"
        "BAN BÍ THƯ\nVỀ ĐỊNH HƯỚNG XÂY DỰNG TIÊU CHUẨN\n-----\nTại phiên họp ngày 14/11/2025, xem xét.\n"
    )
    assert h.number == "212-KL/TW"
    assert h.date == dt.date(2025, 11, 18)
    assert h.type == "Kết luận"
    assert h.issuer is not None and h.issuer.upper() == "BỘ CHÍNH TRỊ, BAN BÍ THƯ"


def test_issuer_name_wrapped_over_two_lines() -> None:
    h = _header(
        "**VĂN PHÒNG\nCHÍNH PHỦ**\n--------\n|\n**CỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM**\nSố: 659/TB-VPCP\n"
    )
    assert h.issuer == "VĂN PHÒNG CHÍNH PHỦ"
    assert h.number == "659/TB-VPCP"


def test_quyet_nghi_is_not_an_authority_line() -> None:
    text = (
        "CHÍNH PHỦ\nQUYẾT NGHỊ:\nĐiều 1. Giao Bộ Y tế chủ trì.\n\n"
        "TM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n\nPhạm Văn An\n"
    )
    lines = split_lines(text)
    closing = read_closing(lines, 0, len(lines))
    assert closing.start == 4
    assert closing.signer == "Phạm Văn An"
    assert closing.signer_title == "TM. CHÍNH PHỦ / KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG"


def test_recipients_and_signature_side_by_side() -> None:
    text = (
        " Nơi nhận:                                               T/M TỈNH ỦY\n"
        " - Ban Bí thư Trung ương Đảng (để b/c);\n"
        " - Văn phòng Trung ương Đảng;                      PHÓ BÍ THƯ THƯỜNG TRỰC\n"
        " - Lưu Văn phòng Tỉnh ủy.\n"
        "                                                         Hoàng Giang\n"
    )
    lines = split_lines(text)
    closing = read_closing(lines, 0, len(lines))
    assert closing.recipients == (
        "Ban Bí thư Trung ương Đảng (để b/c)",
        "Văn phòng Trung ương Đảng",
        "Lưu Văn phòng Tỉnh ủy",
    )
    assert closing.signer == "Hoàng Giang"
    assert closing.signer_title == "T/M TỈNH ỦY / PHÓ BÍ THƯ THƯỜNG TRỰC"


def test_recipients_listed_on_below_the_signers_name() -> None:
    """A list of recipients longer than the signature block beside it runs on below the
    signer's name, in its column alone, to the blank line."""
    text = (
        "Nơi nhận:                                      TM. ỦY BAN NHÂN DÂN\n"
        "- Bộ Nông nghiệp và Môi trường (để báo cáo);   KT. CHỦ TỊCH\n"
        "- Thường trực Tỉnh ủy (để báo cáo);            PHÓ CHỦ TỊCH\n"
        "- Thường trực HĐND tỉnh;                       Nguyễn Thành Sinh\n"
        "- Các Sở, ban, ngành, đoàn thể, Ủy ban nhân dân\n"
        "các xã, phường;\n"
        "- Lưu: VT, KT.\n"
        "\n"
        "Phụ lục\n"
    )
    lines = split_lines(text)
    closing = read_closing(lines, 0, len(lines))
    assert closing.recipients == (
        "Bộ Nông nghiệp và Môi trường (để báo cáo)",
        "Thường trực Tỉnh ủy (để báo cáo)",
        "Thường trực HĐND tỉnh",
        "Các Sở, ban, ngành, đoàn thể, Ủy ban nhân dân các xã, phường",
        "Lưu: VT, KT",
    )
    assert closing.signer == "Nguyễn Thành Sinh"
    assert closing.signer_title == "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    assert closing.end == 7


def test_a_one_column_copy_with_the_motto_above_the_issuer() -> None:
    h = _header(
        "ĐẢNG CỘNG SẢN VIỆT NAM\nHUYỆN ỦY LẠC SƠN\n*\nSố 35-TB/HU\nLạc Sơn, ngày 04 tháng 6 năm 2027\n\n"
        "THÔNG BÁO\nKẾT LUẬN CỦA THƯỜNG TRỰC HUYỆN ỦY\nvề công tác phòng, chống thiên tai năm 2027\n\n"
        "Ngày 02/6/2027, Thường trực Huyện ủy họp.\n"
    )
    assert h.issuer == "HUYỆN ỦY LẠC SƠN"
    assert h.number == "35-TB/HU"
    # the subject goes on in ordinary case under the title in capitals
    assert h.title == "KẾT LUẬN CỦA THƯỜNG TRỰC HUYỆN ỦY về công tác phòng, chống thiên tai năm 2027"


def test_no_issuer_below_a_motto_that_the_kind_follows() -> None:
    h = _header(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nKẾ HOẠCH\nTUYÊN TRUYỀN NĂM 2027\n"
    )
    assert h.issuer is None
    assert h.type == "Kế hoạch"


def test_a_title_wrapped_at_the_dash_of_its_period() -> None:
    h = _header(
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 215/KH-UBND\nHà Tĩnh, ngày 05 tháng 6 năm 2026\n"
        "KẾ HOẠCH\nTriển khai chuyển đổi số trong giáo dục, giai đoạn 2026\n- 2027\n\n"
        "I. MỤC ĐÍCH\n"
    )
    assert h.title == "Triển khai chuyển đổi số trong giáo dục, giai đoạn 2026 - 2027"


# A header typed in Word's narrow two-column table, as the PDF reader lays it out: the
# right column's lines ("VIỆT NAM", "Độc lập …", "2026") fall between the left column's
_PDF_HEADER = """          ỦY BAN NHÂN DÂN                              CỘNG HÒA XÃ HỘI CHỦ NGHĨA
                                                                       VIỆT NAM
              TỈNH HÀ TĨNH
                                                            Độc lập - Tự do - Hạnh phúc
     SỞ NÔNG NGHIỆP VÀ MÔI
                  TRƯỜNG                                Hà Tĩnh, ngày 08 tháng 4 năm
                       Số:
                                                                            2026
              1547/SNNMT-QLĐĐ

V/v rà soát biến động đất đai

Thực hiện Công văn số 2210/UBND-NL1 ngày 02 tháng 4 năm 2025 của Ủy ban nhân dân tỉnh, Sở đề nghị:
"""


def test_a_narrow_header_tables_columns_read_through_the_lines_between_them() -> None:
    h = _header(_PDF_HEADER)
    # the issuer's third line wrapped, below a line of the right column
    assert h.issuer == "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"
    # "Số:" with its symbol two lines down, a line of the right column between
    assert h.number == "1547/SNNMT-QLĐĐ"
    # the date's year wrapped below: never the cited letter's whole date further on
    assert h.date == dt.date(2026, 4, 8)


def test_a_header_and_closing_whose_cells_are_parted_by_tabs() -> None:
    """A Word table copied as text: its cells parted by tabs, one per column whatever their
    width. The motto's left cell is the number, not the issuer; the recipients and the
    signature block share lines."""
    from dondoc.core.text import SourceText
    from dondoc.extract.pipeline import extract

    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH AN HÒA\nSố: 12/KH-UBND\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n\tAn Hòa, ngày 05 tháng 3 năm 2026\n\n"
        "KẾ HOẠCH\nTriển khai công tác chuyển đổi số năm 2026\n\n"
        "1. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch.\n\n"
        "Nơi nhận:\tKT. CHỦ TỊCH\n- Các sở, ban, ngành;\tPHÓ CHỦ TỊCH\n- Lưu: VT.\n\n\tNguyễn Văn An\n"
    )
    meta = extract(SourceText(text)).meta
    assert (meta.issuer, meta.number, meta.date) == (
        "ỦY BAN NHÂN DÂN TỈNH AN HÒA",
        "12/KH-UBND",
        dt.date(2026, 3, 5),
    )
    assert (meta.signer, meta.signer_title) == ("Nguyễn Văn An", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
    assert meta.recipients == ("Các sở, ban, ngành", "Lưu: VT")


def test_an_issuer_cell_wrapped_after_its_first_word() -> None:
    """ "**ỦY" / "BAN NHÂN DÂN **" / "THÀNH PHỐ …": a two-letter word in capitals on a line of
    its own is the issuer's first word, not a speck of a scan."""
    h = _header(
        "**ỦY\nBAN NHÂN DÂN **\nTHÀNH PHỐ HỒ CHÍ MINH\n--------\n|\n**CỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\n|\nSố: 4085/UBND-ĐT\n"
        "*Thành phố Hồ Chí Minh, ngày 25 tháng 11 năm 2025*\n"
    )
    assert h.issuer == "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"


def test_a_signers_name_wrapped_after_the_surname() -> None:
    """ "**Bùi" / "Xuân Cường**": the name's cell wrapped after its surname, one name."""
    lines = split_lines(
        "1. Sở Xây dựng rà soát.\n|\n*Nơi nhận:*\n- Như trên;\n- Lưu: VT.\n|\n"
        "**KT. CHỦ TỊCH**\nPHÓ CHỦ TỊCH\n**Bùi\nXuân Cường**\n|\n"
    )
    mark_noise(lines)
    c = read_closing(lines, 0, len(lines))
    assert (c.signer, c.signer_title) == ("Bùi Xuân Cường", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")


def test_a_date_line_whose_pdf_text_dropped_a_space() -> None:
    h = _header(
        "   UỶ BAN NHÂN DÂN                 CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "    TỈNH LÀO CAI                           Độc lập - Tự do - Hạnh phúc\n"
        "     Số: 193 /UBND-KT                    Lào Cai, ngày 10 tháng 01năm 2026\n"
    )
    assert h.date == dt.date(2026, 1, 10)


def test_columns_a_copy_joined_with_one_space() -> None:
    # text copied from a PDF viewer: each line's two columns joined by a single space
    text = (
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH AN HÒA Độc lập - Tự do - Hạnh phúc\n"
        "Số: 125/KH-UBND An Hòa, ngày 05 tháng 3 năm 2026\n"
        "\n"
        "KẾ HOẠCH\n"
        "Triển khai công tác chuyển đổi số năm 2026\n"
        "\n"
        "1. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch.\n"
        "\n"
        "Nơi nhận: TM. ỦY BAN NHÂN DÂN\n"
        "- Các sở, ban, ngành; KT. CHỦ TỊCH\n"
        "- UBND các huyện, thành phố; PHÓ CHỦ TỊCH\n"
        "- Lưu: VT, KT.\n"
        "\n"
        "Nguyễn Văn An\n"
    )
    h = _header(text)
    assert h.issuer == "ỦY BAN NHÂN DÂN TỈNH AN HÒA"
    assert h.number == "125/KH-UBND"
    lines = split_lines(text)
    mark_noise(lines)
    c = read_closing(lines, 8, len(lines))
    assert c.signer == "Nguyễn Văn An"
    assert c.signer_title == "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    # a recipient's own capitals ("VT, KT") stay its own
    assert c.recipients == ("Các sở, ban, ngành", "UBND các huyện, thành phố", "Lưu: VT, KT")


def test_a_signers_name_wrapped_in_a_laid_out_closing() -> None:
    """A narrow page wraps the right column's name: its last words land on the next line,
    at the line's start or in the column."""
    for name_lines, signer in (
        ("                                         Nguyễn Thành\nSinh\n", "Nguyễn Thành Sinh"),
        ("                                         Nguyễn\nThành Sinh\n", "Nguyễn Thành Sinh"),
        ("                                         Hoàng\nGiang\n\nPHỤ LỤC\n", "Hoàng Giang"),
    ):
        lines = split_lines(
            "1. Sở Xây dựng rà soát.\n"
            "Nơi nhận:                                KT. CHỦ TỊCH\n"
            "- Như trên;                              PHÓ CHỦ TỊCH\n"
            "- Lưu: VT, KT.\n\n" + name_lines
        )
        mark_noise(lines)
        c = read_closing(lines, 0, len(lines))
        assert (c.signer, c.signer_title, c.recipients) == (
            signer,
            "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
            ("Như trên", "Lưu: VT, KT"),
        )


def test_a_title_then_the_introduction_with_no_blank_line() -> None:
    """A PDF keeps no blank line under a sentence-case title: the introduction's "Để …" or
    "Nhằm …" opens the body, not a third line of the title."""
    for opening in ("Để chủ động phòng ngừa cháy, nổ", "Nhằm chủ động phòng ngừa cháy, nổ"):
        h = _header(
            "ỦY BAN NHÂN DÂN\nXÃ TÂN PHÚ\nSố: 03/CT-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nTân Phú, ngày 05 tháng 01 năm 2027\n\nCHỈ THỊ\n"
            "Về tăng cường công tác phòng cháy, chữa cháy mùa khô năm 2027\n"
            f"{opening} trong mùa khô năm 2027, Chủ tịch Ủy ban\n"
            "nhân dân xã yêu cầu các ban, ngành thực hiện tốt các nội dung sau:\n"
        )
        assert h.title == "Về tăng cường công tác phòng cháy, chữa cháy mùa khô năm 2027"


def test_a_dateline_in_figures_and_a_signature_marked_as_signed() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH AN HÒA\nSố: 21/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nAn Hòa, ngày 05/3/2026\n\nKẾ HOẠCH\nPhát triển hạ tầng số\n\n"
        "Xét Báo cáo số 12/BC-SCT ngày 04/6/2025 của Sở Công Thương.\n"
        "1. Sở Y tế chủ trì tổ chức tiêm chủng.\n\nNơi nhận:\n- Lưu: VT.\n"
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\n\nNguyễn Văn An\n"
    )
    meta = extract(SourceText(text)).meta
    assert meta.date == dt.date(2026, 3, 5)
    assert (meta.signer, meta.signer_title) == ("Nguyễn Văn An", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
    # without its place, a date in figures is a cited document's, never the document's own
    unnumbered = text.replace("An Hòa, ngày 05/3/2026\n", "")
    assert extract(SourceText(unnumbered)).meta.date is None


def test_a_copy_without_the_motto_is_read_around_its_number_line() -> None:
    """A copy that dropped the motto's column keeps the issuer's: the number line stands
    where the motto would, and the rest is read as under a motto (a plan, and a letter
    whose kind its subject and symbol give)."""
    plan = _header(
        "ỦY BAN NHÂN DÂN\nTỈNH AN HÒA\n-------\nSố: 120/KH-UBND\nAn Hòa, ngày 10 tháng 3 năm 2027\n\n"
        "KẾ HOẠCH\nTriển khai chuyển đổi số năm 2027\n\nI. MỤC ĐÍCH, YÊU CẦU\n"
    )
    assert (plan.issuer, plan.number, plan.date, plan.type, plan.title) == (
        "ỦY BAN NHÂN DÂN TỈNH AN HÒA",
        "120/KH-UBND",
        dt.date(2027, 3, 10),
        "Kế hoạch",
        "Triển khai chuyển đổi số năm 2027",
    )
    letter = _header(
        "TỈNH ỦY AN HÒA\n*\nSố 45-CV/TU\nV/v chuẩn bị sơ kết\nAn Hòa, ngày 2 tháng 4 năm 2027\n\n"
        "Kính gửi: Các huyện ủy, thị ủy.\n"
    )
    assert (letter.issuer, letter.number, letter.date, letter.type) == (
        "TỈNH ỦY AN HÒA",
        "45-CV/TU",
        dt.date(2027, 4, 2),
        "Công văn",
    )


def test_capitals_and_a_so_in_a_text_that_is_no_header_are_not_read_as_one() -> None:
    """Only issuer's lines in capitals may stand above the number line: a news page's
    heading, a sentence or a kind before the number leave the header unread."""
    for text in (
        "TIN TỨC SỰ KIỆN\nSố: 12/KH-UBND\nAn Hòa, ngày 10 tháng 3 năm 2027\n",
        "Ủy ban nhân dân tỉnh vừa ban hành kế hoạch.\nSố: 120/KH-UBND\n",
    ):
        h = _header(text)
        assert (h.issuer, h.number, h.type) == (None, None, None), text
    # a web copy's layout (the kind right under the issuer) is read as such, from the kind
    web = _header("ỦY BAN NHÂN DÂN TỈNH AN HÒA\nKẾ HOẠCH\nSố: 120/KH-UBND\nTriển khai …\n")
    assert (web.issuer, web.type) == ("ỦY BAN NHÂN DÂN TỈNH AN HÒA", "Kế hoạch")


def test_a_signers_own_title_without_recipients_closes_the_body() -> None:
    """A copy that lost the recipients' column ends on the signer's own title ("BỘ TRƯỞNG",
    no "TM."/"KT.") and name: that is the signature, not the last item's tail."""
    body = (
        header("05/CT-BCT", kind="CHỈ THỊ", title="Về cung ứng điện")
        + "\n1. Tập đoàn Điện lực Việt Nam bảo đảm cung ứng điện trong mùa khô.\n"
        + "2. Cục Điều tiết điện lực báo cáo Bộ trưởng trong tháng 6.\n\n"
    )
    for closing in ("BỘ TRƯỞNG\n\n\nNguyễn Hồng Diên\n", "GIÁM ĐỐC\n(Đã ký)\nTrần Văn Bình\n"):
        e = extract(SourceText(body + closing))
        name = closing.rstrip().rsplit("\n", 1)[-1]
        assert (e.meta.signer, e.meta.signer_title) == (name, closing.split("\n", 1)[0])
        assert e.tasks[-1].text == "Cục Điều tiết điện lực báo cáo Bộ trưởng trong tháng 6."
    # a heading in capitals in the body, with items after it, is no signature
    e = extract(SourceText(body.replace("2. Cục", "GIÁM ĐỐC SỞ\nNguyễn Văn An\n2. Cục")))
    assert e.meta.signer is None


def test_a_signature_block_above_the_recipients_is_read() -> None:
    """A copy that reads the signature's column first puts the block ("TM. …", "KT. …", the
    title, the name) right above "Nơi nhận:": the signer, the title and the recipients."""
    body = (
        header("88/KH-UBND", kind="KẾ HOẠCH", title="Phòng, chống thiên tai năm 2027")
        + "\n1. Sở Xây dựng kiểm tra an toàn các công trình.\n"
        + "2. Công an tỉnh bố trí lực lượng sẵn sàng cứu hộ, cứu nạn.\n"
    )
    recipients = "Nơi nhận:\n- Bộ Nông nghiệp và Môi trường;\n- TT Tỉnh ủy,\nTT HĐND tỉnh;\n- Lưu: VT, NN.\n"
    for block, title in (
        (
            "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\n\nHoàng Nam\n",
            "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
        ),
        ("CHỦ TỊCH\n(Đã ký)\nHoàng Nam\n", "CHỦ TỊCH"),
    ):
        e = extract(SourceText(body + block + recipients))
        assert (e.meta.signer, e.meta.signer_title) == ("Hoàng Nam", title)
        assert e.meta.recipients == (
            "Bộ Nông nghiệp và Môi trường",
            "TT Tỉnh ủy, TT HĐND tỉnh",
            "Lưu: VT, NN",
        )
        assert e.tasks[-1].text == "Công an tỉnh bố trí lực lượng sẵn sàng cứu hộ, cứu nạn."
    # a name-like last line of the body with no title above it is no signature
    e = extract(SourceText(body.replace("cứu nạn.\n", "cứu nạn:\nHoàng Nam\n") + recipients))
    assert e.meta.signer is None


def test_a_wrapped_sentences_last_words_are_no_kind_line() -> None:
    """A letter has no kind line; a page that wraps "… theo" / "quy định." puts a kind's words
    at a line's start, in lower case: no kind, and the items before it are read."""
    text = (
        "BỘ Y TẾ\nSố: 6210/BYT-DP\nV/v phòng, chống sốt xuất huyết\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Hà Nội, ngày 22 tháng 9 năm 2026\n\n"
        "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.\n\n"
        "Bộ Y tế đề nghị Ủy ban nhân dân các tỉnh, thành phố chỉ đạo:\n"
        "1. Sở Y tế tăng cường giám sát, phát hiện sớm ổ dịch.\n"
        "2. Bố trí kinh phí, vật tư, hóa chất cho công tác phòng, chống dịch theo\n"
        "quy định.\n"
        "3. Báo cáo kết quả về Bộ Y tế trước ngày 30/11/2026.\n"
    )
    e = extract(SourceText(text))
    assert e.meta.type == "Công văn"
    assert [t.text[:12] for t in e.tasks] == ["Sở Y tế tăng", "Bố trí kinh ", "Báo cáo kết "]


def test_a_motto_with_the_older_tone_placement_is_the_motto() -> None:
    """ "CỘNG HOÀ" (the tone on the last vowel, as many offices still type it) is the motto:
    the issuer is the column beside it, not the motto's first words."""
    text = (
        "UỶ BAN NHÂN DÂN\nTỈNH BẮC KẠN\nSố: 215/KH-UBND\n"
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Bắc Kạn, ngày 05 tháng 02 năm 2027\n\nKẾ HOẠCH\nCải cách hành chính năm 2027\n"
    )
    h = _header(text)
    assert (h.issuer, h.number, h.date) == (
        "UỶ BAN NHÂN DÂN TỈNH BẮC KẠN",
        "215/KH-UBND",
        dt.date(2027, 2, 5),
    )
    # the motto wrapped after its first word
    h = _header(text.replace("CỘNG HOÀ XÃ", "CỘNG\nHOÀ XÃ"))
    assert h.issuer == "UỶ BAN NHÂN DÂN TỈNH BẮC KẠN"


def test_a_signers_name_of_the_uplands_peoples_as_written() -> None:
    """ "Giàng A Tính": a Hmong surname (no "Giang" that lost its mark) and the one-letter
    middle name many Hmong names hold."""
    lines = split_lines(
        "1. Sở Xây dựng rà soát.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nGiàng A Tính\n"
    )
    mark_noise(lines)
    assert read_closing(lines, 0, len(lines)).signer == "Giàng A Tính"


def test_a_header_dates_day_typed_on_a_line_of_its_own() -> None:
    h = _header(
        "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố:\n1234/BNNMT-KH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày\n15\ntháng 6 năm 2027\n"
    )
    assert (h.number, h.date) == ("1234/BNNMT-KH", dt.date(2027, 6, 15))


def test_an_issuers_own_line_every_province_has_keeps_its_parents_line() -> None:
    # "UBND TỈNH BẮC NINH / VĂN PHÒNG": "VĂN PHÒNG" alone names no one; "SỞ Y TẾ" stays itself
    office = _header(
        "UBND TỈNH BẮC NINH\nVĂN PHÒNG\nSố: 3120/VP-KT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nBắc Ninh, ngày 21 tháng 7 năm 2027\n"
    )
    assert office.issuer == "UBND TỈNH BẮC NINH VĂN PHÒNG"
    department = _header(
        "UBND TỈNH BẮC NINH\nSỞ Y TẾ\nSố: 120/SYT-KH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nBắc Ninh, ngày 21 tháng 7 năm 2027\n"
    )
    assert department.issuer == "SỞ Y TẾ"


def test_a_title_ends_where_the_first_part_opens_with_no_blank_line_between() -> None:
    h = _header(
        "TỈNH ỦY PHÚ THỌ\nSố 87-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nPhú Thọ, ngày 09 tháng 9 năm 2027\nKẾ HOẠCH\n"
        "thực hiện Kết luận số 121-KL/TW về phát triển văn hóa đọc\nPhần thứ nhất\nMỤC ĐÍCH, YÊU CẦU\n"
        "1.1. Quán triệt sâu sắc nội dung Kết luận.\n"
    )
    assert h.title == "thực hiện Kết luận số 121-KL/TW về phát triển văn hóa đọc"


def test_a_district_committee_in_the_older_tone_placement_is_its_own_issuer() -> None:
    h = _header(
        "ĐẢNG BỘ TỈNH QUẢNG NAM\nHUYỆN UỶ ĐẠI LỘC\n*\nSố 05-CT/HU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Đại Lộc, ngày 10 tháng 3 năm 2027\n"
    )
    assert h.issuer == "HUYỆN UỶ ĐẠI LỘC"
