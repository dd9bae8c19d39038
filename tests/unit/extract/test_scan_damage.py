"""A directive as a scan's OCR reads it (bench/format_eval.py --scan found each of these):
specks under the issuer, a letter's "V/v" line lost to its italics, blank lines between
the lines of "Kính gửi", "SỐ:" in capitals, an eth for "Đ", tone marks lost or moved on a
surname, a quarter's numeral or a section's heading, the verb "tổ chức" misread."""

from __future__ import annotations

from datetime import date

from dondoc.core.text import SourceText
from dondoc.extract import ocr_words
from dondoc.extract.lines import mark_noise, split_lines
from dondoc.extract.markers import Marker, find_marker
from dondoc.extract.metadata import read_closing, read_header
from dondoc.extract.pipeline import extract
from tests.support.texts import header

# the header of a letter as Tesseract lays out its two columns, the rule under the issuer
# read as specks, the italic "V/v" line as noise
SCANNED_LETTER = """          ỦY BAN NHÂN DÂN                              CỘNG HÒA XÃ HỘI CHỦ NGHĨA
                                                                       VIỆT NAM
                :        §
              TỈNH BẾN TRE
                                                            Độc lập - Tự do - Hạnh phúc
              -
             SỐ: 611/UBND-KT
                                                       Bến Tre, ngày 04 tháng 02 năm 2028
       Viw-dnoritlsắn-rilfp mẩu

        mùa khô năm 2027 - 2028

HỎA TỐC

Kính gửi:

- Các sở: Nông nghiệp và Môi trường, Xây dựng, Tài chính;

- Ủy ban nhân dân các huyện, thành phố.

Để chủ động ứng phó, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:

1. Vận hành các cống ngăn mặn, trữ nước ngọt; báo cáo trước ngày 07/02/2028.

2. Sở Tài chính tham mưu bố trí kinh phí, hoàn thành trong quý 11/2028.

                   Nơi nhận:                                 KT. CHỦ TỊCH
               - Như trên;                                   PHÓ CHỦ TỊCH
               - Lưu: VT.

                                                                    Trân Văn Chiến
"""


def test_a_scanned_letters_header_reads_through_its_specks() -> None:
    lines = split_lines(SCANNED_LETTER)
    mark_noise(lines)
    h = read_header(lines, len(lines))
    assert h.issuer == "ỦY BAN NHÂN DÂN TỈNH BẾN TRE"  # past ":  §" under "ỦY BAN NHÂN DÂN"
    assert h.number == "611/UBND-KT"  # "SỐ:" in capitals
    assert h.type == "Công văn"  # "611/UBND-KT" is a letter's symbol, its "V/v" line unread
    assert h.date == date(2028, 2, 4)
    assert h.addressees == (
        "Các sở: Nông nghiệp và Môi trường, Xây dựng, Tài chính",
        "Ủy ban nhân dân các huyện, thành phố",
    )


def test_a_scanned_letters_addressees_lead_and_none_is_a_task() -> None:
    e = extract(SourceText(SCANNED_LETTER))
    assert [t.text[:20] for t in e.tasks] == ["Vận hành các cống ng", "Sở Tài chính tham mư"]
    assert e.tasks[0].lead == e.meta.addressees
    assert e.tasks[1].deadline.date == date(2028, 6, 30)  # "quý 11": II, its two I read as ones
    assert e.meta.signer == "Trần Văn Chiến"  # a surname's grave lost


def test_a_symbol_of_a_type_is_no_letter() -> None:
    def kind(number: str) -> str | None:
        lines = split_lines(SCANNED_LETTER.replace("SỐ: 611/UBND-KT", f"Số: {number}"))
        mark_noise(lines)
        return read_header(lines, len(lines)).type

    assert kind("611/KH-UBND") == "Kế hoạch"
    assert kind("12/QC-UBND") == "Quy chế"  # a rule, read from its symbol: not a letter
    assert kind("1043/TTg-KTN") == "Công văn"  # the Prime Minister's letter


def test_a_surname_is_put_right_only_when_it_is_no_surname_itself() -> None:
    def signer(name: str) -> str | None:
        text = f"Nơi nhận:\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n{name}\n"
        lines = split_lines(text)
        return read_closing(lines, 0, len(lines)).signer

    assert signer("Đỉnh Thị Hồng Minh") == "Đinh Thị Hồng Minh"
    assert signer("Nguyên Văn Bình") == "Nguyễn Văn Bình"
    assert signer("Tân Văn Cường") == "Tân Văn Cường"  # no listed surname is "Tân" toneless
    assert signer("La Văn Dũng") == "La Văn Dũng"  # a surname itself (not "Lã")
    assert signer("Y Nguôn Byă") == "Y Nguôn Byă"


def test_an_eth_is_read_as_d_with_stroke_and_offsets_stay() -> None:
    written = "Số: 21-NQ/ÐU ngày 10/01/2027 của Ðảng ủy xã"
    repaired = ocr_words.repair(written)
    assert repaired == "Số: 21-NQ/ĐU ngày 10/01/2027 của Đảng ủy xã"
    assert len(repaired) == len(written)


def test_a_quarters_numeral_and_a_years_name_read_through_ocr_damage() -> None:
    body = """I. NHIỆM VỤ
1. Sở Y tế rà soát cơ sở khám bệnh, hoàn thành trong quý I1/2027.
2. Sở Tài chính bố trí kinh phí trong Quý II - IIH/2027.
3. Sở Công Thương bình ổn giá trước Tết Nguyên đán Đỉnh Mùi năm 2027.
4. Sở Nội vụ sơ kết trong quý IV/2027.
"""
    e = extract(SourceText(SCANNED_LETTER.split("Kính gửi")[0] + body))
    assert [t.deadline.date for t in e.tasks] == [
        date(2027, 6, 30),
        date(2027, 9, 30),
        date(2027, 2, 5),
        date(2027, 12, 31),
    ]


def test_a_purpose_heading_with_a_tone_misread_holds_no_task() -> None:
    """ "I. MỤC TIỂU" (a hook OCR put on "TIÊU"): still the plan's targets, no task."""
    body = """I. MỤC TIỂU
1. Mục tiêu chung: Nâng cao chất lượng phục vụ người dân, doanh nghiệp.
2. Phấn đấu 100% hồ sơ được giải quyết đúng hạn.
II. NHIỆM VỤ
1. Sở Nội vụ tố chức tập huấn kỹ năng giao tiếp cho công chức, hoàn thành trong quý II/2027.
"""
    e = extract(SourceText(SCANNED_LETTER.split("Kính gửi")[0] + body))
    assert [(t.section, t.lead) for t in e.tasks] == [("II. NHIỆM VỤ", ("Sở Nội vụ",))]
    assert e.tasks[0].text.startswith("Sở Nội vụ tố chức")  # the text as written


def test_a_scans_bullet_glyphs_and_article_read_as_ocr_gives_them() -> None:
    """ "➢" read as ">" and "❖" as "%" open items still; "Điêu 2." (the grave lost) is an
    article; "Mặt trận Tố quốc" is the Fatherland Front."""
    body = """QUYẾT NGHỊ:
Điêu 1. Giao Ủy ban nhân dân tỉnh tổ chức triển khai thực hiện Nghị quyết.
Điêu 2. Tổ chức thực hiện
% Công tác tuyên truyền
> Trung tâm Văn hóa tỉnh xây dựng chuyên mục tuyên truyền.
> Đề nghị Ủy ban Mặt trận Tố quốc Việt Nam tỉnh vận động nhân dân thực hiện.
"""
    e = extract(SourceText(SCANNED_LETTER.split("Kính gửi")[0] + body))
    # as "Điều" and "❖", "➢" read: an article without items is a task of its own, a
    # heading keeps its glyph as written
    assert [(t.section, t.lead) for t in e.tasks] == [
        (None, ("Ủy ban nhân dân tỉnh",)),
        ("% Công tác tuyên truyền", ("Trung tâm Văn hóa tỉnh",)),
        ("% Công tác tuyên truyền", ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",)),
    ]
    clean = body.replace("Điêu", "Điều").replace("% ", "❖ ").replace("> ", "➢ ").replace("Tố", "Tổ")
    as_typed = extract(SourceText(SCANNED_LETTER.split("Kính gửi")[0] + clean))
    assert [t.lead for t in as_typed.tasks] == [t.lead for t in e.tasks]


def test_a_motto_wrapped_after_its_first_word_with_a_misread_hook_is_no_part_of_the_issuer() -> None:
    text = """ỦY BAN NHÂN DÂN
TỈNH AN HÒA
CỘNG
HÒA XÃ HỘI CHÚ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/UBND-KT
An Hòa, ngày 05 tháng 3 năm 2026

Kính gửi: Ủy ban nhân dân các xã.

1. Chủ tịch Ủy ban nhân dân các tính, thành phố chỉ đạo rà soát hộ nghèo cúa địa phương.
"""
    e = extract(SourceText(text))
    assert e.meta.issuer == "ỦY BAN NHÂN DÂN TỈNH AN HÒA"
    # "các tính, thành phố": the provinces, their hook read as an acute, put right in place
    # in a text the scan damaged elsewhere too ("cúa")
    assert e.tasks[0].lead == ("Chủ tịch Ủy ban nhân dân các tỉnh, thành phố",)
    # ... never "các tính năng" (features)
    assert ocr_words.repair("rà soát các tính năng của phần mềm") == "rà soát các tính năng của phần mềm"


def _scanned_header(*issuer_block: str) -> str:
    return (
        "\n".join(issuer_block)
        + """
             Số: 1432/UBND-NN
                                                       Tuy An, ngày 03 tháng 9 năm 2027
                                             KẾ HOẠCH
Phòng, chống thiên tai năm 2027

1. Phòng Nông nghiệp và Môi trường rà soát các hồ chứa trước ngày 30/9/2027.
"""
    )


def test_a_scanned_issuer_reads_past_specks_beside_the_motto_and_a_speck_read_as_a_figure() -> None:
    """The rule under the issuer read as specks on the motto's second line (": ,:" |
    "VIỆT NAM"), or as a lone figure ("5", taken for a page's number): the issuer's next
    line is still its own."""
    beside = _scanned_header(
        "        UBND TỈNH KON TUM                              CỘNG HÒA XÃ HỘI CHỦ NGHĨA",
        "                      : ,:                                             VIỆT NAM",
        "                   SỞ Y TẾ",
        "                                                            Độc lập - Tự do - Hạnh phúc",
    )
    assert extract(SourceText(beside)).meta.issuer in {"SỞ Y TẾ", "UBND TỈNH KON TUM SỞ Y TẾ"}
    figure = _scanned_header(
        "          ỦY BAN NHÂN DÂN                              CỘNG HÒA XÃ HỘI CHỦ NGHĨA",
        "                                                                       VIỆT NAM",
        "                    5",
        "             HUYỆN TUY AN",
        "                                                            Độc lập - Tự do - Hạnh phúc",
    )
    assert extract(SourceText(figure)).meta.issuer == "ỦY BAN NHÂN DÂN HUYỆN TUY AN"


def test_an_issuer_line_run_into_the_dateline_keeps_its_words_in_capitals() -> None:
    text = """      ĐẢNG BỘ HUYỆN CỦ CHI                                ĐẢNG CỘNG SẢN VIỆT NAM
ĐẢNG ỦY XÃ TÂN THẠNH ĐÔNG Tân Thạnh Đông, ngày 28 tháng 12
                                                                         năm 2026
                        +»

                Số 45-CTr/ĐU

CHƯƠNG TRÌNH
Công tác quý I năm 2027

1. Các chi bộ tổ chức sinh hoạt chuyên đề trong tháng 1/2027.
"""
    meta = extract(SourceText(text)).meta
    assert meta.issuer in {"ĐẢNG ỦY XÃ TÂN THẠNH ĐÔNG", "ĐẢNG BỘ HUYỆN CỦ CHI ĐẢNG ỦY XÃ TÂN THẠNH ĐÔNG"}
    assert (meta.number, meta.date) == ("45-CTr/ĐU", date(2026, 12, 28))


def test_an_items_last_dash_read_as_a_hyphen_still_parts_its_fields() -> None:
    """ "work – who – by when", the scan reading its last dash as "-": the fields are read;
    a hyphen inside a name's last part stays in the name ("Sở Tài chính - Kế hoạch")."""
    body = """II. NHIỆM VỤ CỤ THỂ
5. Tổng kết, đánh giá kết quả thực hiện, báo cáo Ủy ban nhân dân tỉnh — Văn phòng Sở - trước ngày 10/12/2028.
6. Rà soát quy hoạch kinh tế - xã hội — Phòng Tài chính - Kế hoạch.
"""
    first, second = extract(SourceText(header() + "\n" + body)).tasks
    assert (first.lead, first.deadline.date) == (("Văn phòng Sở",), date(2028, 12, 9))
    assert second.lead == ("Phòng Tài chính - Kế hoạch",)


def test_a_roman_numeral_read_with_a_digit_one_opens_its_part_in_any_text() -> None:
    """ "I1." (II) and "1I." or "Il1." (III), as OCR reads a numeral, are typed by no one: a
    part before a heading in capitals even in a text that came as text (OCR output pasted);
    "11." is item eleven, and "I1." before a sentence no part."""
    body = (
        "I. MỤC TIÊU\nNâng cao chỉ số cải cách hành chính của tỉnh.\n"
        "I1. NHIỆM VỤ\n"
        "1. Sở Tư pháp kiểm soát thủ tục hành chính, báo cáo hằng quý.\n"
        "2. Văn phòng UBND tỉnh nâng cấp hệ thống một cửa trước ngày 30/6/2026.\n"
        "Il1. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Nội vụ theo dõi, đôn đốc việc thực hiện Kế hoạch này.\n"
    )
    e = extract(SourceText(header() + body))
    assert [(t.section, t.lead) for t in e.tasks] == [
        ("I1. NHIỆM VỤ", ("Sở Tư pháp",)),
        ("I1. NHIỆM VỤ", ("Văn phòng UBND tỉnh",)),
        ("Il1. TỔ CHỨC THỰC HIỆN", ("Sở Nội vụ",)),
    ]
    assert find_marker("11. SỞ Y TẾ") == Marker("num_dot", "11.", 4)
    assert find_marker("I1. Sở Y tế") is None


def test_a_bold_roman_numeral_read_as_h_opens_its_part() -> None:
    """Tesseract reads a bold serif "II." as "H." and "III." as "HI.": before a heading in
    capitals, in a scan's text, they are the parts' numerals (their items are read); a letter
    item "H. Về …" stays one."""
    body = (
        "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao ý thức bảo vệ môi trường của nhân dân.\n"
        "H. NỘI DUNG THỰC HIỆN\n"
        "a. Tổ chức lễ phát động Tết trồng cây tại Trung tâm văn hóa xã vào ngày 20/02/2026.\n"
        "b. Trồng mới 2.000 cây xanh trên các tuyến đường liên thôn, hoàn thành trước ngày 31/3/2026.\n"
        "HI. PHÂN CÔNG NHIỆM VỤ\n"
        "a. Đoàn Thanh niên xã chủ trì ra quân trồng cây trên tuyến đường thanh niên.\n"
    )
    e = extract(SourceText(header() + body, "pdf+ocr", ocr_confidence=90.0))
    assert [(t.text[:20], t.deadline.date) for t in e.tasks] == [
        ("Tổ chức lễ phát động", date(2026, 2, 20)),
        ("Trồng mới 2.000 cây ", date(2026, 3, 30)),
        ("Đoàn Thanh niên xã c", None),
    ]
