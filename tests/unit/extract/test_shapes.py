"""Shapes of directive language, each with a made-up text (issue #14: a rule is written for
a shape, never for a document). Every test runs the whole extractor."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from dondoc.core.directive import Extraction
from dondoc.core.text import SourceText
from dondoc.extract.fields import label_kind
from dondoc.extract.pipeline import extract
from tests.support.texts import header

HEADER = header()


def _run(body: str) -> Extraction:
    return extract(SourceText(HEADER + "\n" + body))


def _by_start(e: Extraction) -> dict[str, date | None]:
    return {t.text[:20]: t.deadline.date for t in e.tasks}


def test_a_phase_heading_bounds_the_items_under_it() -> None:
    e = _run(
        """II. LỘ TRÌNH THỰC HIỆN

1. Giai đoạn 2026 - 2030

- Sở Khoa học và Công nghệ xây dựng kho dữ liệu dùng chung.

- Sở Tài chính bố trí kinh phí, hoàn thành trong Quý II/2027.

2. Giai đoạn 2031 - 2035

- Sở Khoa học và Công nghệ mở rộng kho dữ liệu dùng chung.
"""
    )
    got = _by_start(e)
    assert got["Sở Khoa học và Công "] is not None
    dates = [t.deadline.date for t in e.tasks]
    assert dates == [date(2030, 12, 31), date(2027, 6, 30), date(2035, 12, 31)]


def test_a_heading_naming_the_tasks_of_a_period_bounds_the_items_under_it() -> None:
    """ "2. Nhiệm vụ trọng tâm tháng 5 năm 2027", "II. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ III/2027": the
    period of the heading's tasks bounds its items (CONVENTIONS rule 12); a topic's heading
    with a year ("Nhiệm vụ chuyển đổi số năm 2027") names no period of its tasks."""
    e = _run(
        """1. Đánh giá chung
Tình hình kinh tế - xã hội của huyện tiếp tục ổn định.
2. Nhiệm vụ trọng tâm tháng 5 năm 2027
2.1. Ủy ban nhân dân huyện: Chỉ đạo thu hoạch lúa vụ Xuân, hoàn thành trước ngày 25/5/2027.
2.2. Ban Tuyên giáo Huyện ủy: Hướng dẫn tuyên truyền kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh.
3. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ III/2027
3.1. Ủy ban Kiểm tra Huyện ủy: Tham mưu kiểm tra tổ chức đảng khi có dấu hiệu vi phạm.
4. Nhiệm vụ chuyển đổi số năm 2027
4.1. Văn phòng Huyện ủy: Số hóa hồ sơ lưu trữ.
"""
    )
    assert [t.deadline.date for t in e.tasks] == [
        date(2027, 5, 24),
        date(2027, 5, 31),
        date(2027, 9, 30),
        None,
    ]


def test_line_breaks_inside_a_markdown_tables_cells() -> None:
    """An HTML page turned into markdown writes a cell's line breaks "<br>": a body a line in
    a body column, a text's lines joined in the content column, its span at its first words."""
    body = (
        "I. NHIỆM VỤ\n\n| STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |\n"
        "|---|---|---|---|---|\n"
        "| 1 | Phủ sóng 5G<br>- Các khu công nghiệp<br/>- Các xã vùng sâu | Sở Khoa học và Công nghệ "
        "| Các doanh nghiệp viễn thông<br>UBND các xã | Quý III/2027 |\n"
        "| 2 | Làm sạch dữ liệu dân cư | Công an tỉnh | Sở Tư pháp<BR />Sở Y tế | 30/6/2027 |\n"
    )
    source = HEADER + "\n" + body
    first, second = extract(SourceText(source)).tasks
    assert first.text == "Phủ sóng 5G - Các khu công nghiệp - Các xã vùng sâu"
    assert (first.lead, first.support) == (
        ("Sở Khoa học và Công nghệ",),
        ("Các doanh nghiệp viễn thông", "UBND các xã"),
    )
    assert source[first.span.start :].startswith("Phủ sóng 5G<br>")
    assert second.support == ("Sở Tư pháp", "Sở Y tế")


def test_a_table_under_a_short_part_heading_takes_that_heading_as_its_section() -> None:
    """ "II. NỘI DUNG" (too short to be a table's title) right above the table: the rows' section,
    never a heading further up ("I. MỤC ĐÍCH, YÊU CẦU")."""
    e = _run(
        "I. MỤC ĐÍCH, YÊU CẦU\nXác định cụ thể nội dung công việc, thời hạn.\n\nII. NỘI DUNG\n\n"
        "| TT | Nhiệm vụ | Sản phẩm | Cơ quan chủ trì | Thời hạn |\n|---|---|---|---|---|\n"
        "| 1 | Xây dựng Nghị định quy định chi tiết | Nghị định | Cục Trợ giúp pháp lý | Tháng 10/2027 |\n"
    )
    assert [(t.section, t.lead) for t in e.tasks] == [("II. NỘI DUNG", ("Cục Trợ giúp pháp lý",))]


def test_a_tables_title_and_note_wrapped_over_lines() -> None:
    """A narrow page wraps the title in capitals and the "(Kèm theo …)" note over two lines
    each: the title, whole, is the rows' section."""
    e = _run(
        "II. NỘI DUNG\nCác đề án trình Ủy ban nhân dân tỉnh (có danh mục kèm theo).\n\n"
        "DANH MỤC CÁC ĐỀ ÁN, NỘI DUNG TRÌNH ỦY BAN NHÂN DÂN\nTỈNH NĂM 2027\n"
        "(Kèm theo Chương trình số 12/CTr-UBND ngày 08/01/2027 của Ủy ban\nnhân dân tỉnh)\n\n"
        "| STT | Tên đề án | Cơ quan chủ trì | Thời gian trình |\n|---|---|---|---|\n"
        "| 1 | Quy định phân cấp quản lý cây xanh đô thị | Sở Xây dựng | Quý II |\n"
    )
    assert [(t.section, t.lead) for t in e.tasks] == [
        ("DANH MỤC CÁC ĐỀ ÁN, NỘI DUNG TRÌNH ỦY BAN NHÂN DÂN TỈNH NĂM 2027", ("Sở Xây dựng",))
    ]
    # the note run on after the title, the paragraph wrapped by a PDF's page
    e = _run(
        "II. NỘI DUNG\nCác đề án trình Ủy ban nhân dân tỉnh (có danh mục kèm theo).\n\n"
        "DANH MỤC CÁC ĐỀ ÁN, NỘI DUNG TRÌNH ỦY BAN NHÂN DÂN TỈNH\nNĂM 2027 (Kèm theo Chương trình số "
        "12/CTr-UBND ngày 08/01/2027 của Ủy\nban nhân dân tỉnh)\n\n"
        "| STT | Tên đề án | Cơ quan chủ trì | Thời gian trình |\n|---|---|---|---|\n"
        "| 1 | Quy định phân cấp quản lý cây xanh đô thị | Sở Xây dựng | Quý II |\n"
    )
    assert [t.section for t in e.tasks] == [
        "DANH MỤC CÁC ĐỀ ÁN, NỘI DUNG TRÌNH ỦY BAN NHÂN DÂN TỈNH NĂM 2027"
    ]
    # "PHỤ LỤC" between the title and the table is passed over
    e = _run(
        "II. NỘI DUNG\nCó danh mục kèm theo.\n\nDANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ\nPHỤ LỤC I\n\n"
        "| STT | Nội dung | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n"
        "| 1 | Số hóa hồ sơ | Sở Nội vụ | Quý II/2027 |\n"
    )
    assert [t.section for t in e.tasks] == ["DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ"]


def test_emphasis_inside_an_item_hides_neither_its_date_nor_its_body() -> None:
    e = _run(
        """1. *Sở Y tế* chủ trì tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước *ngày 13 tháng 12 năm 2026*.
2. Sở Tài chính bố trí kinh phí chậm nhất **ngày 20/12/2026**.
"""
    )
    first, second = e.tasks
    assert first.deadline.date == date(2026, 12, 12) and first.lead == ("Sở Y tế",)
    assert "*" not in first.text
    assert second.deadline.date == date(2026, 12, 20)


LETTER = """ỦY BAN NHÂN DÂN
TỈNH AN HÒA
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 77/UBND-KT
*V/v tăng cường quản lý
vật liệu nổ công nghiệp*
An Hòa, ngày 05 tháng 3 năm 2026

Kính gửi:
- Các Sở, ngành: Công Thương, Nội vụ, Công an tỉnh, Ban Chỉ huy
Bộ đội Biên phòng tỉnh;
- UBND các xã, phường;
- Tổ chức, doanh nghiệp hoạt động trong lĩnh vực vật liệu nổ.

Để tăng cường quản lý, Chủ tịch UBND tỉnh yêu cầu:

1. Rà soát các quy định hiện hành về quản lý vật liệu nổ.
2. Bộ Chỉ huy Quân sự tỉnh/Ban Chỉ huy Bộ đội Biên phòng tỉnh chủ trì kiểm tra kho vật liệu nổ.
"""


def test_a_letters_address_list_is_read_whole_and_yields_no_task() -> None:
    e = extract(SourceText(LETTER))
    assert e.meta.type == "Công văn"
    assert e.meta.title == "tăng cường quản lý vật liệu nổ công nghiệp"
    assert e.meta.addressees == (
        "Các Sở, ngành: Công Thương, Nội vụ, Công an tỉnh, Ban Chỉ huy Bộ đội Biên phòng tỉnh",
        "UBND các xã, phường",
        "Tổ chức, doanh nghiệp hoạt động trong lĩnh vực vật liệu nổ",
    )
    assert [t.text[:12] for t in e.tasks] == ["Rà soát các ", "Bộ Chỉ huy Q"]


def test_bodies_joined_by_a_slash_are_two_bodies() -> None:
    e = extract(SourceText(LETTER))
    assert e.tasks[1].lead == ("Bộ Chỉ huy Quân sự tỉnh", "Ban Chỉ huy Bộ đội Biên phòng tỉnh")


def test_a_cong_dien_addresses_its_list_after_the_issuer_and_dien() -> None:
    text = """THỦ TƯỚNG CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 300/CĐ-TTg
Hà Nội, ngày 20 tháng 11 năm 2026

CÔNG ĐIỆN
Về việc ứng phó bão số 9

THỦ TƯỚNG CHÍNH PHỦ điện:
- Bộ trưởng các Bộ: Quốc phòng, Công an;
- Chủ tịch Ủy ban nhân dân các tỉnh ven biển.

Để chủ động ứng phó, Thủ tướng Chính phủ yêu cầu:
1. Bộ Quốc phòng chỉ đạo lực lượng sẵn sàng cứu hộ.
"""
    e = extract(SourceText(text))
    assert e.meta.addressees == (
        "Bộ trưởng các Bộ: Quốc phòng, Công an",
        "Chủ tịch Ủy ban nhân dân các tỉnh ven biển",
    )
    assert [t.text[:10] for t in e.tasks] == ["Bộ Quốc ph"]


def test_a_number_alone_on_its_line_opens_the_heading_on_the_next() -> None:
    e = _run(
        """**III. LỘ TRÌNH THỰC HIỆN**

**1.
Giai đoạn 2026 - 2030**

- Rà soát, hoàn thiện các chính sách hỗ trợ.

- Nâng cấp hạ tầng số.

**2.
Giai đoạn 2031 - 2035**

- Mở rộng hạ tầng số.
"""
    )
    assert [(t.section, t.text[:12], t.deadline.date) for t in e.tasks] == [
        ("1. Giai đoạn 2026 - 2030", "Rà soát, hoà", date(2030, 12, 31)),
        ("1. Giai đoạn 2026 - 2030", "Nâng cấp hạ ", date(2030, 12, 31)),
        ("2. Giai đoạn 2031 - 2035", "Mở rộng hạ t", date(2035, 12, 31)),
    ]


def test_a_field_block_after_an_item_is_its_lead_support_and_time() -> None:
    e = _run(
        """1. Nâng cao chất lượng đội ngũ

- Thường xuyên rà soát, kiện
toàn đội ngũ cán bộ làm công tác pháp chế.

*Đơn vị chủ trì thực hiện: *Các
Sở, ngành, UBND cấp xã.

*Đơn vị phối hợp: *Sở Nội
vụ, Sở Tư pháp.

*Thời gian thực hiện: *Quý III/2026.

- Tổ chức tập huấn kỹ năng soạn thảo văn bản.

**Cơ quan chủ trì tham mưu thực hiện:** Sở Tư pháp.
"""
    )
    first, second = e.tasks
    assert first.text.startswith("Thường xuyên rà soát") and "Quý III/2026" in first.text
    assert first.lead == ("Các Sở, ngành", "UBND cấp xã")
    assert first.support == ("Sở Nội vụ", "Sở Tư pháp")
    assert first.deadline.date == date(2026, 9, 30)
    assert second.lead == ("Sở Tư pháp",)


def test_a_field_block_after_several_items_governs_each_of_them() -> None:
    e = _run(
        """1. Chuyển đổi số

- Số hóa hồ sơ lưu trữ.
- Xây dựng kho dữ liệu dùng chung.

Đơn vị chủ trì: Sở Khoa học và Công nghệ.
Thời gian hoàn thành: năm 2027.
"""
    )
    assert [(t.lead, t.deadline.date) for t in e.tasks] == [
        (("Sở Khoa học và Công nghệ",), date(2027, 12, 31)),
        (("Sở Khoa học và Công nghệ",), date(2027, 12, 31)),
    ]


def test_a_section_heading_that_names_bodies_leads_its_items() -> None:
    e = _run(
        """III. TỔ CHỨC THỰC HIỆN

**1. Các chủ đầu tư xây dựng và
kinh doanh hạ tầng khu công nghiệp**

- Tạo điều kiện về mặt bằng cho việc lắp đặt thiết bị.

**2. Trách nhiệm của các doanh nghiệp hoạt động trong khu công nghiệp**

- Chủ động đầu tư thiết bị giám sát môi trường.

**3. Về công tác tuyên truyền**

- Sở Văn hóa và Thể thao đẩy mạnh tuyên truyền.
"""
    )
    assert [t.lead for t in e.tasks] == [
        ("Các chủ đầu tư xây dựng và kinh doanh hạ tầng khu công nghiệp",),
        ("các doanh nghiệp hoạt động trong khu công nghiệp",),
        ("Sở Văn hóa và Thể thao",),
    ]


def test_assessments_and_scoring_sections_hold_no_tasks() -> None:
    e = _run(
        """I. HIỆN TRẠNG

**1. Hiện trạng**

Tỉnh hiện có nhiều khu công nghiệp với tốc độ lấp đầy nhanh.

II. NỘI DUNG THI ĐUA, PHƯƠNG ÁN TRIỂN KHAI, TIÊU CHÍ ĐÁNH GIÁ

**1. Nội dung thi đua**

- 100% người hưởng trợ cấp được tuyên truyền.

**2. Phương án triển khai**

- Ủy ban nhân dân xã, phường tổ chức tuyên truyền, vận động.

**3. Tiêu chí đánh giá, xếp loại**

- Đơn vị đạt từ 90 điểm trở lên được xếp loại xuất sắc.
"""
    )
    assert [t.text[:22] for t in e.tasks] == ["Ủy ban nhân dân xã, ph"]


def test_a_closing_thanks_is_no_part_of_the_last_item() -> None:
    e = _run(
        """1. Ủy ban nhân dân các tỉnh phối hợp với Bộ Xây dựng trong công tác quy hoạch. """
        """Bộ Xây dựng trân trọng cảm ơn sự phối hợp của Quý cơ quan./.
"""
    )
    (task,) = e.tasks
    assert task.text.endswith("trong công tác quy hoạch.")
    assert task.lead == ("Ủy ban nhân dân các tỉnh",)


def test_a_generic_tail_read_twice_is_one_body() -> None:
    e = _run("1. Thực hiện mở tài khoản: Ủy ban nhân dân xã, phường và Ngân hàng chủ trì thực hiện.\n")
    assert "phường" not in e.tasks[0].lead


def test_cac_cap_nganh_is_a_subject() -> None:
    e = _run("1. Các cấp, ngành chủ động xây dựng và triển khai kế hoạch phòng, chống thiên tai.\n")
    assert e.tasks[0].lead == ("Các cấp, ngành",)


def test_a_number_on_the_line_after_so() -> None:
    text = HEADER.replace("Số: 21/KH-UBND", "Số:\n21/KH-UBND") + "\n1. Sở Tài chính bố trí kinh phí.\n"
    meta = extract(SourceText(text)).meta
    assert (meta.number, meta.issuer) == ("21/KH-UBND", "ỦY BAN NHÂN DÂN TỈNH AN HÒA")


def test_a_header_laid_out_as_a_markdown_table() -> None:
    motto = "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>Độc lập - Tự do - Hạnh phúc"
    text = f"""| **ỦY BAN NHÂN DÂN**<br>**TỈNH AN HÒA** | {motto} |
|---|---|
| Số: 21/KH-UBND | An Hòa, ngày 05 tháng 3 năm 2026 |

KẾ HOẠCH
Phát triển hạ tầng số

1. Sở Tài chính bố trí kinh phí.
"""
    meta = extract(SourceText(text)).meta
    assert (meta.issuer, meta.number, meta.type, meta.date) == (
        "ỦY BAN NHÂN DÂN TỈNH AN HÒA",
        "21/KH-UBND",
        "Kế hoạch",
        date(2026, 3, 5),
    )


def test_a_closing_laid_out_as_a_markdown_table_row() -> None:
    recipients = "**Nơi nhận:**<br>- Các sở, ban, ngành;<br>- Lưu: VT."
    signature = "**TM. ỦY BAN NHÂN DÂN**<br>**KT. CHỦ TỊCH**<br>**PHÓ CHỦ TỊCH**<br><br>**Nguyễn Văn An**"
    items = "1. Sở Tài chính bố trí kinh phí.\n2. Sở Y tế chủ trì kiểm tra.\n"
    e = _run(f"{items}\n| {recipients} | {signature} |\n|---|---|\n")
    assert [t.text for t in e.tasks] == ["Sở Tài chính bố trí kinh phí.", "Sở Y tế chủ trì kiểm tra."]
    assert e.meta.signer == "Nguyễn Văn An"
    assert e.meta.recipients == ("Các sở, ban, ngành", "Lưu: VT")


def test_inline_items_in_a_double_spaced_line_get_spans_of_their_own() -> None:
    body = (
        "1. Giao Sở Tài chính:  (i) Rà soát  các khoản chi thường xuyên;  "
        "(ii) Bố trí  kinh phí cho chuyển đổi số;  (iii) Báo cáo  kết quả trước ngày 15/12/2026.\n"
    )
    text = HEADER + "\n" + body
    e = extract(SourceText(text))
    assert [t.text[:12] for t in e.tasks] == ["Rà soát các ", "Bố trí kinh ", "Báo cáo kết "]
    spans = [(t.span.start, t.span.end) for t in e.tasks]
    assert len(set(spans)) == 3 and spans == sorted(spans)
    for t in e.tasks:
        assert " ".join(text[t.span.start : t.span.end].split()).startswith(t.text[:30])


# an annex's task table whose cells arrive one per line: its title, header cells, and the
# item that sends the reader to it
TABLE_HEAD = """1. Các sở, ngành thực hiện các nhiệm vụ tại Phụ lục kèm theo.

Phụ lục
NHIỆM VỤ TRỌNG TÂM

TT
Tên nhiệm vụ
Cơ quan chủ trì
Cơ quan phối hợp
Thời gian thực hiện
Ghi chú

"""


def test_a_task_table_whose_cells_arrive_one_per_line() -> None:
    e = _run(
        TABLE_HEAD
        + """(1)
(2)
(3)
(4)
(5)
1
Rà soát quy hoạch khoáng sản trên địa bàn tỉnh.
Sở Nông nghiệp và Môi trường
Các sở, ngành liên quan
Xong trong Quý II/2026

2
Kiểm tra việc kê khai, nộp thuế của các đơn vị khai thác.

Thuế tỉnh
Các sở, ngành và địa phương
Hằng năm
"""
    )
    rows = [t for t in e.tasks if t.text.startswith(("Rà soát", "Kiểm tra"))]
    assert [(t.lead, t.support, t.deadline.date) for t in rows] == [
        (("Sở Nông nghiệp và Môi trường",), ("Các sở, ngành liên quan",), date(2026, 6, 30)),
        (("Thuế tỉnh",), ("Các sở, ngành và địa phương",), None),
    ]
    assert rows[1].deadline.recurrence == "yearly"
    assert {t.section for t in rows} == {"NHIỆM VỤ TRỌNG TÂM"}


def test_a_plan_states_its_period_under_a_heading_of_its_own() -> None:
    # NĐ 30 plans: "Thời gian thực hiện" as a numbered heading, its words on the same line
    # or in the paragraph under it, bound every task that states no bound of its own
    for period in (
        "**3. Thời gian thực hiện:** Từ nay đến hết năm 2026.",
        "3. Thời gian thực hiện\n\nTừ nay đến hết năm 2026.",
    ):
        e = _run(
            f"""I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích

Nâng cao chất lượng dịch vụ công trực tuyến.

2. Phạm vi

Toàn tỉnh.

{period}

II. NHIỆM VỤ

1. Sở Khoa học và Công nghệ xây dựng kho dữ liệu dùng chung.

2. Sở Tài chính bố trí kinh phí, hoàn thành trong Quý II/2026.
"""
        )
        assert e.meta.default_deadline == date(2026, 12, 31), period
        assert [t.deadline.date for t in e.tasks] == [date(2026, 12, 31), date(2026, 6, 30)]


def test_a_period_heading_is_never_a_task_and_rounds_under_it_set_no_default() -> None:
    e = _run(
        """I. THỜI GIAN VÀ TRÁCH NHIỆM

1. Thời gian thực hiện

Đợt thi đua được triển khai từ ngày ban hành Kế hoạch đến khi tổng kết phong trào.

2. Trách nhiệm thực hiện

- Sở Nội vụ hướng dẫn các đơn vị đăng ký thi đua.
"""
    )
    assert [t.text[:10] for t in e.tasks] == ["Sở Nội vụ "]
    assert e.meta.default_deadline is None
    rounds = _run(
        """1. Thời gian thực hiện

a) Đợt 1: từ ngày 20/11/2026 đến ngày 03/12/2026;

b) Đợt 2: từ ngày 08/12/2026 đến ngày 10/12/2026.

2. Sở Nội vụ hướng dẫn các đơn vị đăng ký thi đua.
"""
    )
    assert rounds.meta.default_deadline is None


def test_a_heading_naming_whose_duty_it_is_leads_its_items_over_the_addressees() -> None:
    # "Trách nhiệm chung của …", "Nhiệm vụ cụ thể của …": the heading names the lead;
    # the letter's Kính gửi list is only the fallback
    body = (
        LETTER.split("Để tăng cường", 1)[0]
        + """Chủ tịch UBND tỉnh yêu cầu:

1. Trách nhiệm chung của các cơ quan, đơn vị

- Rà soát các quy định hiện hành về quản lý vật liệu nổ.

- Kiểm tra định kỳ các kho vật liệu nổ.

2. Nhiệm vụ cụ thể của Sở Công Thương

- Cấp phép sử dụng vật liệu nổ đúng quy định.
"""
    )
    e = extract(SourceText(body))
    assert [t.lead for t in e.tasks] == [("các cơ quan, đơn vị",)] * 2 + [("Sở Công Thương",)]


def test_a_list_introduced_by_the_bodies_in_a_sections_opening_sentence() -> None:
    # the sentence before a section's items names who carries them out, as a list of bodies
    # with commas, a note that names them for short, and a last addressee that is no body
    e = _run(
        """II. NỘI DUNG

Để hoàn thành các mục tiêu năm 2026; các sở, ban, ngành, Ủy ban Mặt trận Tổ quốc tỉnh, các \
xã, phường, các doanh nghiệp (sau đây viết tắt là cơ quan, đơn vị) và mọi người dân triển khai \
phong trào, tập trung thực hiện các nội dung sau:

1. Thi đua hoàn thành kế hoạch đầu tư công năm 2026.

2. Thi đua cải cách thủ tục hành chính.
"""
    )
    assert len(e.tasks) == 2
    for t in e.tasks:
        # compared as the contract's scorer does: bodies split at " và "
        atoms = [a.strip() for name in t.lead for a in name.split(" và ")]
        assert atoms[:2] == ["các sở, ban, ngành", "Ủy ban Mặt trận Tổ quốc tỉnh"], t.lead
        assert "các doanh nghiệp" in " ".join(atoms) and atoms[-1] == "mọi người dân", t.lead
        assert not any("viết tắt" in a for a in atoms), t.lead


def test_under_a_body_heading_what_the_body_asks_of_others_is_no_second_lead() -> None:
    e = _run(
        """II. NHIỆM VỤ

1. Sở Xây dựng:

- Rà soát các phương tiện khai thác cát; chủ động hướng dẫn, đôn đốc, yêu cầu các đơn vị \
điều chỉnh thiết kế, hoàn thành trong Quý III/2026.

- Căn cứ chức năng, nhiệm vụ của từng đơn vị chủ động ban hành văn bản chỉ đạo, tổ chức \
triển khai thực hiện Kế hoạch.

- Căn cứ chức năng, nhiệm vụ, phối hợp với các cơ quan, đơn vị liên quan triển khai thực \
hiện Kế hoạch.
"""
    )
    # the second item's "tổ chức triển khai" and the third's partners read after a comma
    # are no subject: the heading's body leads every item
    assert [t.lead for t in e.tasks] == [("Sở Xây dựng",)] * 3
    assert "các cơ quan, đơn vị liên quan" in e.tasks[2].support


def test_a_lead_in_clause_that_names_no_body_ends_at_its_first_comma() -> None:
    e = _run(
        """II. TỔ CHỨC THỰC HIỆN

1. Căn cứ Kế hoạch này, Giám đốc các Sở, Thủ trưởng các ngành, cơ quan cấp tỉnh, Ủy ban \
nhân dân các xã, phường tổ chức triển khai thực hiện.

2. Trên cơ sở đề nghị của các Sở, ngành liên quan, Sở Tài chính tổng hợp dự toán.

3. Thống đốc Ngân hàng Nhà nước chi nhánh tỉnh tiếp thu, giải trình ý kiến các thành viên.

4. Các sở, ban, ngành nêu cao trách nhiệm người đứng đầu.
"""
    )
    first, second, third, fourth = (t.lead for t in e.tasks)
    atoms = [a for n in first for a in n.split(", ") if a]
    assert atoms[0] == "Giám đốc các Sở" and "Thủ trưởng các ngành" in atoms, first
    assert second == ("Sở Tài chính",)
    assert third == ("Thống đốc Ngân hàng Nhà nước chi nhánh tỉnh",)
    assert fourth == ("Các sở, ban, ngành",)


DRAFT_LETTER = """ỦY BAN NHÂN DÂN
 TỈNH AN HÒA

Số:           /UBND-KT
V/v triển khai di dời cụm công nghiệp Bắc Sơn và chủ trương đầu
tư hạ tầng cụm công nghiệp Nam Sơn.

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

    An Hòa, ngày      tháng 6 năm 2026

Kính gửi: Sở Công Thương; UBND phường Bắc Sơn.

Chủ tịch Ủy ban nhân dân tỉnh có ý kiến chỉ đạo như sau:
1. Nhất trí chủ trương di dời cụm công nghiệp Bắc Sơn; giao Ủy ban nhân dân phường Bắc Sơn chủ trì \
xây dựng phương án di dời, hoàn thành trong tháng 9 năm 2026.
2. Đồng ý với đề xuất của Sở Công Thương tại Báo cáo số 31/BC-SCT.
3. Giao Sở Công Thương hướng dẫn chuyên môn.
"""


def test_a_draft_letter_with_its_subject_before_the_motto() -> None:
    # the left column (issuer, blank number, "V/v" over two lines) came before the motto
    e = extract(SourceText(DRAFT_LETTER))
    assert e.meta.type == "Công văn"
    assert e.meta.issuer == "ỦY BAN NHÂN DÂN TỈNH AN HÒA"
    assert e.meta.number is None  # the registry fills it in: not a number yet
    assert e.meta.title is not None and e.meta.title.endswith("cụm công nghiệp Nam Sơn.")


def test_an_approval_is_a_task_only_when_it_hands_the_work_to_a_body() -> None:
    e = extract(SourceText(DRAFT_LETTER))
    assert [t.text[:10] for t in e.tasks] == ["Nhất trí c", "Giao Sở Cô"]
    assert e.tasks[0].lead == ("Ủy ban nhân dân phường Bắc Sơn",)
    assert e.tasks[0].deadline.date == date(2026, 9, 30)


def test_spaces_of_other_widths_and_old_style_tone_marks_read_as_usual() -> None:
    item = "1. Sở Công Thương chủ trì, phối hợp với Quận ủy Ba Đình kiểm tra, hoàn thành trong Quý II/2026.\n"
    plain = _run(item)
    odd = _run(
        item.replace("Công Thương", "Công\u00a0Thương")
        .replace("ủy Ba Đình", "uỷ Ba\u202fĐình")
        .replace("Quý II", "Quý\u00a0II")
    )
    (p,), (o,) = plain.tasks, odd.tasks
    assert o.lead == p.lead == ("Sở Công Thương",)
    assert o.support == ("Quận uỷ Ba Đình",) and p.support == ("Quận ủy Ba Đình",)
    assert o.deadline.date == p.deadline.date == date(2026, 6, 30)


def test_a_one_cell_per_line_table_whose_cells_wrap_over_lines() -> None:
    # a narrower page: the task's cell wraps over three lines, a name over two, the note
    # column stays empty; each row is still one task with its own lead and time
    e = _run(
        TABLE_HEAD
        + """1
Tổ chức quán triệt sâu rộng Chỉ thị của Ban Thường vụ Tỉnh ủy và
các chủ trương, chính sách của Nhà nước về khoáng sản đến cán bộ và
Nhân dân trên địa bàn tỉnh.
Sở Nông nghiệp và Môi trường
Các sở, ngành liên quan
Xong trong Quý II/2026

2
Rà soát, điều chỉnh, bổ sung phương án quản lý địa chất, khoáng sản vào Quy hoạch tỉnh An
Hòa thời kỳ 2021-2030, tầm nhìn đến năm 2050.
Sở Tài chính
Các sở, ngành và địa phương
Trong năm 2026
"""
    )
    rows = [t for t in e.tasks if t.text.startswith(("Tổ chức", "Rà soát"))]
    assert [(t.lead, t.support, t.deadline.date) for t in rows] == [
        (("Sở Nông nghiệp và Môi trường",), ("Các sở, ngành liên quan",), date(2026, 6, 30)),
        (("Sở Tài chính",), ("Các sở, ngành và địa phương",), date(2026, 12, 31)),
    ]
    assert rows[0].text.endswith("Nhân dân trên địa bàn tỉnh.")
    assert rows[1].text.endswith("tầm nhìn đến năm 2050.")


def test_a_cell_per_line_row_whose_time_cell_or_task_sentence_wraps_onto_a_line() -> None:
    """A time cell cut after its lead-in ("… xong trước ngày" | "01/01/2030") is one cell; a
    sentence of the task's text that opens a line after ";" and a lower-case line that reads
    as bodies ("các trường hợp vi phạm.") are the task's, not the lead's cells."""
    e = _run(
        TABLE_HEAD
        + """1
Yêu cầu các đơn vị lắp đặt và vận hành hệ thống thông tin, dữ
liệu về hoạt động khoáng sản theo quy định.
Sở Nông nghiệp và Môi trường
Các sở, ngành liên quan
Hoàn thành đầu tư, lắp đặt và vận hành xong trước ngày
01/01/2030

2
Hướng dẫn các tổ chức, cá nhân thực hiện việc đăng ký, đăng
kiểm các phương tiện sử dụng khai thác cát, sỏi theo quy định;
Lập kế hoạch tổng kiểm tra các phương tiện thủy, xử lý nghiêm
các trường hợp vi phạm.
Sở Xây dựng
Các sở, ngành, địa phương và các tổ chức hoạt động khai
thác khoáng sản liên quan
Thường xuyên
"""
    )
    rows = [t for t in e.tasks if t.text.startswith(("Yêu cầu", "Hướng dẫn"))]
    assert [(t.lead, t.deadline.date, t.deadline.text) for t in rows] == [
        (
            ("Sở Nông nghiệp và Môi trường",),
            date(2029, 12, 31),
            "Hoàn thành đầu tư, lắp đặt và vận hành xong trước ngày 01/01/2030",
        ),
        (("Sở Xây dựng",), None, "Thường xuyên"),
    ]
    assert rows[1].text.endswith("xử lý nghiêm các trường hợp vi phạm.")
    assert rows[1].support == (
        "Các sở, ngành, địa phương và các tổ chức hoạt động khai thác khoáng sản liên quan",
    )


def test_the_issuers_closing_request_wrapped_onto_the_last_items_lines_is_no_part_of_it() -> None:
    """ "Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các sở, … khẩn trương triển khai thực
    hiện./." on the lines after the last item (a page that keeps no blank line): the
    document's closing, not the item's second sentence."""
    e = _run(
        """II. NHIỆM VỤ
1. Sở Công Thương hướng dẫn các doanh nghiệp di dời cơ sở sản xuất.
2. Giao các sở, ngành liên quan và UBND các phường tăng cường kiểm tra,
giám sát hoạt động của các doanh nghiệp; xử lý vi phạm theo quy định.
Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các sở, ngành và Chủ
tịch Ủy ban nhân dân các phường có liên quan khẩn trương triển
khai thực hiện./.
"""
    )
    assert e.tasks[-1].text.endswith("xử lý vi phạm theo quy định.")
    assert e.tasks[-1].lead == ("các sở, ngành liên quan", "UBND các phường")


def test_a_ministrys_name_wrapped_at_its_dash_is_no_bullet() -> None:
    """ "Bộ Lao động" | "- Thương binh và Xã hội": a name the document writes whole elsewhere,
    wrapped at its dash, not an item."""
    e = _run(
        """Căn cứ Quyết định số
650/QĐ-LĐTBXH ngày 21 tháng 7 năm 2022 của Bộ trưởng Bộ Lao động
- Thương binh
và Xã hội (được điều chỉnh bởi Quyết định số 128/QĐ-LĐTBXH của Bộ trưởng Bộ Lao động - Thương binh và
Xã hội, phê duyệt Kế hoạch truyền thông);

Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

II. NHIỆM VỤ
1. Sở Nội vụ chủ trì tổ chức truyền thông về giảm nghèo.
"""
    )
    assert [t.text[:20] for t in e.tasks] == ["Sở Nội vụ chủ trì tổ"]


def test_a_group_head_then_its_members_after_a_colon_is_one_subject() -> None:
    # "Các Bộ, cơ quan: Tài chính, Xây dựng, …" (a head of two words, a long list, a verb
    # only after an aside): the members are the lead, the list read to its end
    e = _run(
        "1. Các Bộ, cơ quan: Tài chính, Xây dựng, Nông nghiệp và Môi trường, Văn hóa, Thể thao và "
        "Du lịch, Công Thương, Giáo dục và Đào tạo, Ngoại giao, Tập đoàn Điện lực Việt Nam theo "
        "chức năng, nhiệm vụ được giao khẩn trương rà soát việc thực hiện kết luận.\n"
    )
    (task,) = e.tasks
    assert task.lead[0].startswith("Các Bộ, cơ quan: Tài chính, Xây dựng")
    assert "Ngoại giao" in task.lead[0] and task.lead[-1] == "Tập đoàn Điện lực Việt Nam"


def _words_per_line(text: str, k: int) -> str:
    """A table copied from a narrow PDF layout: each cell (a line here) cut every k words."""
    out: list[str] = []
    for line in text.splitlines():
        ws = line.split()
        out.extend([" ".join(ws[i : i + k]) for i in range(0, len(ws), k)] or [""])
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("k", [1, 2, 3])
def test_a_task_table_whose_cells_arrive_one_word_per_line(k: int) -> None:
    # the header's cells and every row's cells come a word (or a few) at a time; a row's
    # cells are found again by what each column holds (bodies, a time phrase)
    table = _words_per_line(
        """TT
Tên nhiệm vụ
Cơ quan chủ trì
Cơ quan phối hợp
Thời gian thực hiện
Ghi chú
1
Rà soát quy hoạch khoáng sản trên địa bàn tỉnh theo Chỉ thị của Ban Thường vụ Tỉnh ủy.
Sở Nông nghiệp và Môi trường
Các sở, ngành liên quan
Xong trong Quý II/2026

2
Kiểm tra việc kê khai, nộp thuế của các đơn vị khai thác
Thuế tỉnh
Sở Tài chính, Sở Công Thương
Hằng năm

3
Tổng kết, báo cáo kết quả thực hiện Kế hoạch
Văn phòng UBND tỉnh
Trước ngày 15/12/2026
Báo cáo gửi Bộ
""",
        k,
    )
    e = _run(TABLE_HEAD.split("TT\n")[0] + table + "\nTrên đây là Kế hoạch của Ủy ban nhân dân tỉnh.\n")
    rows = [t for t in e.tasks if t.text.startswith(("Rà soát", "Kiểm tra", "Tổng kết"))]
    assert [(t.lead, t.support, t.deadline.date) for t in rows] == [
        (("Sở Nông nghiệp và Môi trường",), ("Các sở, ngành liên quan",), date(2026, 6, 30)),
        (("Thuế tỉnh",), ("Sở Tài chính", "Sở Công Thương"), None),
        (("Văn phòng UBND tỉnh",), (), date(2026, 12, 14)),  # "trước ngày D": D - 1
    ]
    assert rows[0].text.endswith("Chỉ thị của Ban Thường vụ Tỉnh ủy.")
    assert rows[1].deadline.recurrence == "yearly"
    assert {t.section for t in rows} == {"NHIỆM VỤ TRỌNG TÂM"}
    # the three rows; the item that only sends the reader to the annex is none (CONVENTIONS
    # rule 1: "A paragraph that only points to tasks listed elsewhere … is not a task")
    assert len(e.tasks) == 3


def test_a_word_per_line_table_with_a_product_column_and_no_partners() -> None:
    # other columns, in another order: the product after the time, no partners' column;
    # a name that runs over an owner's head ("Văn phòng" | "Tỉnh ủy") stays one name
    table = _words_per_line(
        """STT
Nội dung công việc
Đơn vị chủ trì
Thời hạn
Sản phẩm
1
Xây dựng đề án phát triển hạ tầng số giai đoạn 2026-2030
Sở Khoa học và Công nghệ
Tháng 9/2026
Đề án trình Ủy ban nhân dân tỉnh
2
Sơ kết việc thực hiện Nghị quyết của Ban Chấp hành Đảng bộ tỉnh
Văn phòng Tỉnh ủy
Trước ngày 30/11/2026
Báo cáo sơ kết
""",
        1,
    )
    e = _run("1. Các cơ quan thực hiện các nhiệm vụ sau.\n\n" + table + "\nTrên đây là Kế hoạch.\n")
    rows = [t for t in e.tasks if t.text.startswith(("Xây dựng", "Sơ kết"))]
    assert [(t.lead, t.deadline.date, t.product) for t in rows] == [
        (("Sở Khoa học và Công nghệ",), date(2026, 9, 30), "Đề án trình Ủy ban nhân dân tỉnh"),
        (("Văn phòng Tỉnh ủy",), date(2026, 11, 29), "Báo cáo sơ kết"),
    ]
    assert rows[0].text == "Xây dựng đề án phát triển hạ tầng số giai đoạn 2026-2030"


def test_a_sentence_naming_the_party_is_not_the_headers_motto() -> None:
    # an excerpt without a header: the Party's name inside an item is no motto, and the
    # items before it are not taken for a header
    e = extract(
        SourceText(
            "Các cấp ủy, chính quyền tập trung thực hiện tốt các nhiệm vụ sau:\n\n"
            "- Sở Nội vụ tổng kết phong trào thi đua năm 2025.\n\n"
            "- Sở Văn hóa, Thể thao và Du lịch tổ chức các hoạt động kỷ niệm 96 năm Ngày thành lập "
            "Đảng Cộng sản Việt Nam.\n\n"
            "- Sở Tài chính bố trí kinh phí thực hiện.\n"
        )
    )
    assert [t.text[:10] for t in e.tasks] == ["Sở Nội vụ ", "Sở Văn hóa", "Sở Tài chí"]


# --- shapes met in made-up documents written before the rules (tests/golden/madeup) ---


def test_a_number_under_a_bare_so_is_read_from_the_next_lines_first_column() -> None:
    text = """UBND TỈNH AN HÒA                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ CÔNG THƯƠNG                           Độc lập - Tự do - Hạnh phúc
Số:
512/SCT-QLTM                      An Hòa, ngày 20 tháng 8 năm 2026
V/v kiểm tra thị trường

Kính gửi: Ủy ban nhân dân các huyện.

1. Tăng cường kiểm tra hàng hóa.
"""
    e = extract(SourceText(text))
    assert (e.meta.number, e.meta.date) == ("512/SCT-QLTM", date(2026, 8, 20))


LETTER_DE_NGHI = """ỦY BAN NHÂN DÂN
TỈNH AN HÒA
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 78/UBND-KT
V/v phòng chống dịch bệnh
An Hòa, ngày 05 tháng 3 năm 2026

Kính gửi:
- Sở Y tế;
- Ủy ban nhân dân các xã, phường.

Năm 2025, trên địa bàn tỉnh đã ghi nhận 120 ca bệnh trong 6 tháng đầu năm 2025.

Để chủ động phòng, chống dịch, Ủy ban nhân dân tỉnh đề nghị các cơ quan, đơn vị:

1. Tăng cường giám sát, phát hiện sớm ca bệnh.
2. Yêu cầu nhà thầu thi công bố trí khu cách ly tạm thời.
"""


def test_a_letter_that_asks_the_units_takes_its_addressees_as_the_leads() -> None:
    """ "đề nghị các cơ quan, đơn vị:" names nobody: it points back at the Kính gửi list."""
    e = extract(SourceText(LETTER_DE_NGHI))
    assert e.tasks[0].lead == ("Sở Y tế", "Ủy ban nhân dân các xã, phường")


def test_a_time_phrase_of_what_was_done_is_no_default_deadline() -> None:
    e = extract(SourceText(LETTER_DE_NGHI))
    assert e.meta.default_deadline is None
    assert e.tasks[0].deadline.date is None


def test_a_verb_whose_last_word_opens_another_verb_yields_to_it() -> None:
    """ "nhà thầu thi công | bố trí", not "nhà thầu thi | công bố trí"."""
    e = extract(SourceText(LETTER_DE_NGHI))
    assert e.tasks[1].lead == ("nhà thầu thi công",)


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("Từ nay đến ngày 19/12/2026 hoàn thành", date(2026, 12, 19)),
        ("hoàn thành ngày 30 tháng 6 năm 2026", date(2026, 6, 30)),
        ("xong vào ngày 5/5/2026", date(2026, 5, 5)),
        ("hoàn thành quý I/2027", date(2027, 3, 31)),
        ("từ năm 2028 đến năm 2030", date(2030, 12, 31)),
    ],
)
def test_a_day_or_period_reached_is_the_deadline(phrase: str, day: date) -> None:
    e = _run(f"II. NHIỆM VỤ\n\n1. Sở Y tế rà soát danh mục thuốc, {phrase}.\n")
    assert e.tasks[0].deadline.date == day


def test_the_day_figures_run_to_is_no_deadline() -> None:
    e = _run("II. NHIỆM VỤ\n\n1. Sở Y tế báo cáo số liệu tính đến ngày 30/6/2026.\n")
    assert e.tasks[0].deadline.date is None


def test_an_unmarked_phase_line_between_items_bounds_the_items_after_it() -> None:
    e = _run(
        """II. NHIỆM VỤ

Giai đoạn 1: đến hết năm 2027

1. Sở Tài chính bố trí kinh phí thực hiện.

2. Sở Nội vụ bố trí biên chế.

Giai đoạn 2: từ năm 2028 đến năm 2030

3. Sở Y tế mở rộng mạng lưới trạm y tế.
"""
    )
    assert [t.deadline.date for t in e.tasks] == [date(2027, 12, 31), date(2027, 12, 31), date(2030, 12, 31)]
    assert e.tasks[1].text == "Sở Nội vụ bố trí biên chế."
    assert e.tasks[2].section == "Giai đoạn 2: từ năm 2028 đến năm 2030"


def test_short_paragraphs_between_blank_lines_are_not_double_spaced_text() -> None:
    """A blank after most lines, because paragraphs are short: blanks still part them. A
    PDF that puts a blank after every line also puts one inside a sentence."""
    from dondoc.extract.lines import split_lines
    from dondoc.extract.structure import is_double_spaced

    short = "\n\n".join(f"{k}. Sở Y tế thực hiện việc số {k} của\nkế hoạch này." for k in range(1, 9))
    assert not is_double_spaced(split_lines(short))
    spread = "\n\n".join(f"{k}. Sở Y tế thực hiện việc số {k} của\n\nkế hoạch này." for k in range(1, 9))
    assert is_double_spaced(split_lines(spread))


def test_a_bold_number_alone_then_a_blank_line_numbers_the_heading_after_it() -> None:
    e = _run(
        """III. TỔ CHỨC THỰC HIỆN

**1.**

Sở Nội vụ tập trung thực hiện tốt các nhiệm vụ sau:

- Rà soát, bố trí đủ nhân lực.

- Đưa kết quả vào tiêu chí đánh giá hằng năm.

**2.** Sở Tài chính bố trí kinh phí.

(3). Các sở, ban, ngành định kỳ 6 tháng báo cáo kết quả thực hiện.
"""
    )
    assert [t.text[:12] for t in e.tasks] == ["Rà soát, bố ", "Đưa kết quả ", "Sở Tài chính", "Các sở, ban,"]
    assert e.tasks[0].lead == ("Sở Nội vụ",)
    assert e.tasks[0].section == "1. Sở Nội vụ tập trung thực hiện tốt các nhiệm vụ sau:"
    # "(3)." goes on with "1." and "2.": a task of its own, its subject read past "định kỳ 6 tháng"
    assert e.tasks[3].section == "III. TỔ CHỨC THỰC HIỆN"
    assert e.tasks[3].lead == ("Các sở, ban, ngành",)


def test_a_bound_in_the_sentence_introducing_the_tasks_is_the_documents() -> None:
    e = _run(
        """I. MỤC ĐÍCH

Nâng cao chất lượng dịch vụ công.

II. NHIỆM VỤ

Từ nay đến hết tháng 9/2027, các sở, ban, ngành tập trung thực hiện các nhiệm vụ sau:

1. Sở Y tế triển khai bệnh án điện tử.

III. TỔ CHỨC THỰC HIỆN

1. Sở Tài chính bố trí kinh phí.
"""
    )
    assert e.meta.default_deadline == date(2027, 9, 30)


def test_a_signers_name_after_the_title_in_one_table_cell() -> None:
    e = _run(
        """II. NHIỆM VỤ

1. Sở Y tế triển khai bệnh án điện tử.

| **Nơi nhận:** - Như trên; - Lưu: VT. | **TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH** **Nguyễn Văn An** |
|---|---|
"""
    )
    assert e.meta.signer == "Nguyễn Văn An"


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("hoàn thành trước Tết Nguyên đán", date(2027, 2, 5)),  # the coming Tết (6 Feb 2027), its eve
        ("trong dịp Tết", date(2027, 2, 6)),
        ("hoàn thành trước 17 giờ ngày 26/3/2027", date(2027, 3, 26)),  # an hour of that day
    ],
)
def test_tet_without_its_year_and_an_hour_of_a_day(phrase: str, day: date) -> None:
    e = extract(
        SourceText(
            header().replace("05 tháng 3 năm 2026", "02 tháng 12 năm 2026")
            + f"\n1. Sở Y tế trực, {phrase}.\n"
        )
    )
    assert e.tasks[0].deadline.date == day


def test_other_tet_festivals_are_no_deadline() -> None:
    e = _run("II. NHIỆM VỤ\n\n1. Sở Nông nghiệp và Môi trường phát động trồng cây trước Tết trồng cây.\n")
    assert e.tasks[0].deadline.date is None


def test_a_district_office_and_a_hamlet_head_are_bodies() -> None:
    e = _run(
        """II. NHIỆM VỤ

1. Về giải ngân vốn đầu tư công: Giao Phòng Tài chính - Kế hoạch chủ trì, phối hợp với Ban
Quản lý dự án đầu tư xây dựng huyện rà soát, điều chuyển vốn.

2. Các ban, ngành, đoàn thể xã, Trưởng các thôn căn cứ Kế hoạch xây dựng chương trình hành động.

3. Phòng, chống thiên tai là nhiệm vụ thường xuyên; Phòng Nông nghiệp lập phương án ứng phó.
"""
    )
    first, second, third = e.tasks
    assert (first.lead, first.support) == (
        ("Phòng Tài chính - Kế hoạch",),
        ("Ban Quản lý dự án đầu tư xây dựng huyện",),
    )
    assert second.lead == ("Các ban, ngành, đoàn thể xã", "Trưởng các thôn")
    assert third.lead == ("Phòng Nông nghiệp",)  # "Phòng, chống" is the verb


def test_a_verb_inside_a_generic_head_ends_no_name() -> None:
    """ "các chủ đầu tư": "đầu tư" is a verb, not inside that head."""
    e = _run(
        "II. NHIỆM VỤ\n\n1. Sở Y tế đầu tư xây dựng bệnh viện; "
        "phối hợp với các chủ đầu tư hạ tầng khu công nghiệp.\n"
    )
    assert e.tasks[0].lead == ("Sở Y tế",)
    assert e.tasks[0].support == ("các chủ đầu tư hạ tầng khu công nghiệp",)


def test_a_topic_label_then_a_subject() -> None:
    e = _run(
        "II. NHIỆM VỤ\n\n1. Các nội dung khác: Thủ trưởng các cơ quan, đơn vị chủ động "
        "triển khai thực hiện.\n"
    )
    assert e.tasks[0].lead == ("Thủ trưởng các cơ quan, đơn vị",)


def test_an_item_reporting_results_is_no_task() -> None:
    e = _run(
        """II. KẾT LUẬN

1. Trong 9 tháng đầu năm 2026, tình hình kinh tế - xã hội tiếp tục ổn định; thu ngân sách ước đạt 81% dự toán.

2. Phòng Tài chính - Kế hoạch rà soát nguồn thu, phấn đấu thu ngân sách đạt 100% dự toán.
"""
    )
    assert [t.text[:14] for t in e.tasks] == ["Phòng Tài chín"]


def test_a_cong_dien_copied_without_its_motto() -> None:
    text = """**ỦY BAN NHÂN DÂN TỈNH AN HÒA**

**CÔNG ĐIỆN**

**Về việc chủ động ứng phó với bão số 3**

**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:**

- Giám đốc Công an tỉnh;
- Chủ tịch Ủy ban nhân dân các xã, phường.

Để chủ động ứng phó với bão, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:

1. Công an tỉnh bố trí lực lượng sẵn sàng sơ tán dân.
"""
    e = extract(SourceText(text))
    assert (e.meta.type, e.meta.issuer, e.meta.title) == (
        "Công điện",
        "ỦY BAN NHÂN DÂN TỈNH AN HÒA",
        "Về việc chủ động ứng phó với bão số 3",
    )
    assert e.meta.addressees == ("Giám đốc Công an tỉnh", "Chủ tịch Ủy ban nhân dân các xã, phường")
    assert [t.text[:12] for t in e.tasks] == ["Công an tỉnh"]


def test_a_news_page_with_a_kind_word_on_a_line_has_no_header() -> None:
    e = extract(SourceText("Tin tức\n\nKẾ HOẠCH\n\nHôm qua, nhiều người dân đã đến dự lễ hội.\n"))
    assert e.meta.type is None and e.meta.issuer is None


def test_an_article_runs_on_over_its_paragraphs() -> None:
    e = extract(
        SourceText(
            header(number="15/QĐ-UBND", kind="QUYẾT ĐỊNH", title="Ban hành Kế hoạch phòng, chống dịch")
            + """
QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống dịch bệnh.

Điều 2. Giao Sở Y tế chủ trì triển khai thực hiện Kế hoạch; định kỳ hằng quý báo cáo.

Giao Sở Tài chính bố trí kinh phí, hoàn thành trước ngày 31/10/2026.

Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này.
"""
        )
    )
    assert len(e.tasks) == 1
    assert e.tasks[0].lead == ("Sở Y tế", "Sở Tài chính")
    assert e.tasks[0].deadline.date == date(2026, 10, 30)  # the hard date over the cycle


def test_after_a_named_body_a_comma_opens_the_next_one() -> None:
    e = _run(
        """II. NHIỆM VỤ

1. Giao Thường trực Hội đồng nhân dân tỉnh, các Ban của Hội đồng nhân dân tỉnh, các Tổ đại biểu
giám sát việc thực hiện.

2. Các phòng chuyên môn thuộc Sở, thủ trưởng các đơn vị trực thuộc chủ động triển khai.

3. Các sở, ban, ngành tỉnh triển khai thực hiện.
"""
    )
    assert e.tasks[0].lead == (
        "Thường trực Hội đồng nhân dân tỉnh",
        "các Ban của Hội đồng nhân dân tỉnh",
        "các Tổ đại biểu",
    )
    assert e.tasks[1].lead == ("Các phòng chuyên môn thuộc Sở", "thủ trưởng các đơn vị trực thuộc")
    assert e.tasks[2].lead == ("Các sở, ban, ngành tỉnh",)


@pytest.mark.parametrize(
    ("value", "bodies"),
    [
        (
            "các trường trung học phổ thông, trung tâm giáo dục thường xuyên",
            ["các trường trung học phổ thông", "trung tâm giáo dục thường xuyên"],
        ),
        ("Ủy ban nhân dân các xã, phường.", ["Ủy ban nhân dân các xã, phường"]),
        ("Sở, ban, ngành có liên quan", ["Sở, ban, ngành có liên quan"]),
        (
            "Các Sở, ban, ngành và các cơ quan, đơn vị, địa phương liên quan",
            ["Các Sở, ban, ngành và các cơ quan, đơn vị, địa phương liên quan"],
        ),
        ("Đảng uỷ Mặt trận Tổ quốc, các đoàn thể tỉnh", ["Đảng uỷ Mặt trận Tổ quốc, các đoàn thể tỉnh"]),
        ("Sở Văn hóa, Thể thao và Du lịch; Sở Y tế", ["Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"]),
    ],
)
def test_a_field_value_is_split_where_a_body_of_its_own_starts(value: str, bodies: list[str]) -> None:
    from dondoc.extract.tasks import split_bodies

    assert split_bodies(value) == bodies


def test_bodies_asked_to_direct_lead_each_item_with_its_own_subject() -> None:
    """ "đề nghị UBND các tỉnh chỉ đạo: 1. Sở Y tế …" (CONVENTIONS rules 7 and 17)."""
    text = LETTER_DE_NGHI.replace(
        "Ủy ban nhân dân tỉnh đề nghị các cơ quan, đơn vị:",
        "Bộ Y tế đề nghị Ủy ban nhân dân các tỉnh, thành phố chỉ đạo:",
    ).replace("1. Tăng cường giám sát", "1. Sở Y tế tăng cường giám sát")
    e = extract(SourceText(text))
    assert e.tasks[0].lead == ("Ủy ban nhân dân các tỉnh, thành phố", "Sở Y tế")
    assert e.tasks[1].lead == ("Ủy ban nhân dân các tỉnh, thành phố", "nhà thầu thi công")


def test_slash_numbering_opens_items() -> None:
    from dondoc.extract.markers import find_marker

    assert [
        m.style if (m := find_marker(t)) else None for t in ("1/ Về kế hoạch:", "a/ Xây dựng", "b/Rà soát")
    ] == [
        "num_slash",
        "letter_slash",
        "letter_slash",
    ]
    # a date, a document's symbol wrapped to the line's start, a letter's "v/v": no item
    assert [
        find_marker(t) for t in ("15/9/2026, Sở", "83/TTr-UBND ngày", "19/CT-TTg ngày", "v/v triển khai")
    ] == [None] * 4
    e = _run(
        """II. NHIỆM VỤ

1/ Về kế hoạch giáo dục:
a/ Sở Giáo dục và Đào tạo xây dựng kế hoạch, chậm nhất ngày 20/9/2026.
b/ Sở Nội vụ rà soát biên chế giáo viên.
2/ Sở Tài chính bố trí kinh phí.
"""
    )
    assert [t.lead for t in e.tasks] == [("Sở Giáo dục và Đào tạo",), ("Sở Nội vụ",), ("Sở Tài chính",)]
    assert e.tasks[0].section == "1/ Về kế hoạch giáo dục:"


def test_a_cell_per_line_row_whose_task_text_ends_without_a_stop() -> None:
    """The next line, a body's name, is the lead's cell, not the task's text wrapped."""
    e = _run(
        """II. NHIỆM VỤ

STT
Nội dung nhiệm vụ
Cơ quan chủ trì
Cơ quan phối hợp
Thời gian thực hiện
1
Tập huấn kỹ năng làm du lịch cho hộ dân
Trường Cao đẳng nghề An Hòa
Sở Văn hóa, Thể thao và Du lịch
Quý II/2027
"""
    )
    (task,) = e.tasks
    assert (task.text, task.lead, task.support) == (
        "Tập huấn kỹ năng làm du lịch cho hộ dân",
        ("Trường Cao đẳng nghề An Hòa",),
        ("Sở Văn hóa, Thể thao và Du lịch",),
    )


def test_who_does_it_in_parentheses() -> None:
    e = _run(
        """II. NHIỆM VỤ

- Xét kết nạp đảng viên mới (các chi bộ thực hiện; Văn phòng Đảng ủy tổng hợp).

- Kiểm tra chuyên đề (Tổ chuyên môn của Phòng Nội vụ thực hiện).

- Tổ chuyên môn của Phòng Nội vụ có trách nhiệm hướng dẫn các xã.
"""
    )
    assert e.tasks[0].lead == ("các chi bộ", "Văn phòng Đảng ủy")
    assert e.tasks[2].lead == ("Tổ chuyên môn của Phòng Nội vụ",)


def test_an_inline_list_after_giao_has_its_lead_in_as_section() -> None:
    e = _run(
        """II. KẾT LUẬN

1. Công tác lãnh đạo năm 2026 có nhiều đổi mới; các chỉ tiêu cơ bản đạt và vượt kế hoạch.

2. Giao Văn phòng Ủy ban nhân dân tỉnh: (i) chủ trì xây dựng báo cáo tổng kết; (ii) phối hợp với
Sở Nội vụ chuẩn bị hội nghị.
"""
    )
    assert [t.section for t in e.tasks] == ["2. Giao Văn phòng Ủy ban nhân dân tỉnh:"] * 2
    assert [t.lead for t in e.tasks] == [("Văn phòng Ủy ban nhân dân tỉnh",)] * 2


def test_a_page_number_inside_a_date_and_a_date_alone_on_its_line() -> None:
    """ "trước ngày" / page number / "25/4/2026." over a page break; a date alone on its
    line twice is no running header."""
    e = _run(
        """II. NHIỆM VỤ

1. Sở Nội vụ xây dựng kế hoạch, gửi về Sở Tài chính trước ngày
05/4/2026.

2. Sở Văn hóa, Thể thao và Du lịch trang trí các trục đường chính, hoàn thành trước ngày

                                         2

25/4/2026.
"""
    )
    assert [t.deadline.date for t in e.tasks] == [date(2026, 4, 4), date(2026, 4, 24)]
    assert e.tasks[1].text.endswith("hoàn thành trước ngày 25/4/2026.")


def test_press_bodies_that_open_a_column_and_individuals() -> None:
    e = _run(
        """II. NHIỆM VỤ

1. Báo An Hòa, Đài Phát thanh và Truyền hình tỉnh mở chuyên mục tuyên truyền.

2. Các tổ chức, cá nhân có liên quan nghiêm túc thực hiện các quy định về an toàn lao động.
"""
    )
    assert e.tasks[0].lead == ("Báo An Hòa", "Đài Phát thanh và Truyền hình tỉnh")
    assert e.tasks[1].lead == ("Các tổ chức, cá nhân có liên quan",)


def test_letters_with_a_dot_open_items() -> None:
    from dondoc.extract.markers import find_marker

    assert find_marker("a. Tổ chức lễ phát động") is not None
    assert find_marker("v.v. và các nội dung khác") is None
    assert find_marker("e. coli trong nước") is None  # no capital after it: running text
    e = _run(
        """III. PHÂN CÔNG NHIỆM VỤ
a. Công chức Tư pháp - Hộ tịch tham mưu Ủy ban nhân dân xã tổ chức lễ phát động.
b. Hội Cựu chiến binh xã ra quân trồng cây trên tuyến đường thanh niên.
c. Trưởng các thôn vận động nhân dân tham gia, báo cáo trước ngày 05/4/2026.
"""
    )
    assert [t.lead for t in e.tasks] == [
        ("Công chức Tư pháp - Hộ tịch",),
        ("Hội Cựu chiến binh xã",),
        ("Trưởng các thôn",),
    ]
    assert e.tasks[2].deadline.date == date(2026, 4, 4)


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("hoàn thành đến 31/12/2026", date(2026, 12, 31)),
        ("thực hiện đến hết ngày 30/9/2026", date(2026, 9, 30)),
        ("hoàn thành trước tháng 8/2026", date(2026, 7, 31)),  # before August opens
        ("gửi báo cáo trước ngày 15 tháng 6", date(2026, 6, 14)),  # no year: the document's
        ("gửi báo cáo trước 17h00 ngày 20/6/2026", date(2026, 6, 20)),  # an hour of that day
        ("hoàn thành không quá ngày 30/6/2026", date(2026, 6, 30)),
        ("hoàn thành trong nửa đầu năm 2026", date(2026, 6, 30)),
        # the cycle after ";" is a clause of its own: the hard date stays (CONVENTIONS rule 11)
        ("hoàn thành trước ngày 30/6/2026; định kỳ hằng tháng báo cáo", date(2026, 6, 29)),
    ],
)
def test_more_ways_of_writing_a_last_day(phrase: str, day: date) -> None:
    e = _run(f"II. NHIỆM VỤ\n\n1. Sở Y tế rà soát danh mục thuốc, {phrase}.\n")
    assert e.tasks[0].deadline.date == day


def test_a_markdown_list_item_is_an_item() -> None:
    """ "* Sở Y tế …" from a web page's list; "*…*" alone is emphasis, "* *" an ornament."""
    e = _run(
        """II. NHIỆM VỤ

* *

* Sở Y tế rà soát danh mục thuốc.
* Sở Tài chính *bố trí* kinh phí.
"""
    )
    assert [t.lead for t in e.tasks] == [("Sở Y tế",), ("Sở Tài chính",)]
    assert e.tasks[1].text == "Sở Tài chính bố trí kinh phí."


def test_a_period_under_a_heading_in_capitals_and_a_topic_paragraph() -> None:
    e = _run(
        """I. NỘI DUNG GIÁM SÁT
Việc thực hiện chính sách hỗ trợ người có công trên địa bàn năm 2026.

II. THỜI GIAN GIÁM SÁT
Trong quý II năm 2026.

III. TỔ CHỨC THỰC HIỆN
1) Ban Kinh tế - Xã hội xây dựng đề cương, gửi các đơn vị trước ngày 15/3/2026.
2) Văn phòng Hội đồng nhân dân bảo đảm điều kiện phục vụ đoàn giám sát.
"""
    )
    assert e.meta.default_deadline == date(2026, 6, 30)
    assert [t.text[:12] for t in e.tasks] == ["Ban Kinh tế ", "Văn phòng Hộ"]


def test_ocr_misreads_in_the_header_and_a_rank_before_the_signer() -> None:
    text = (
        header(number="845/UBND-KGVX").replace("Số:", "Sô:")
        + """
1. Sở Giáo dục và Đào tạo tham mưu thành lập Ban Chỉ đạo thi, hoàn thành trong thảng 5/2026.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC

Đại tá Nguyễn Văn Hùng
"""
    )
    e = extract(SourceText(text))
    assert (e.meta.number, e.meta.signer) == ("845/UBND-KGVX", "Nguyễn Văn Hùng")
    assert e.tasks[0].deadline.date == date(2026, 5, 31)


def test_an_items_field_block_in_parentheses() -> None:
    e = _run(
        """II. NHIỆM VỤ
1. Tuyên truyền về kinh tế tập thể (cơ quan chủ trì: Liên minh Hợp tác xã tỉnh; cơ quan phối hợp:
Sở Nông nghiệp và Môi trường; thời gian: quý III/2026).
2. Hỗ trợ hợp tác xã tiếp cận vốn (cơ quan chủ trì: Sở Tài chính; thời gian: thường xuyên).
3. Sở Y tế kiểm tra an toàn thực phẩm (trừ các cơ sở đã được cấp giấy chứng nhận).
"""
    )
    first, second, third = e.tasks
    assert (first.lead, first.support, first.deadline.date) == (
        ("Liên minh Hợp tác xã tỉnh",),
        ("Sở Nông nghiệp và Môi trường",),
        date(2026, 9, 30),
    )
    assert (second.lead, second.deadline.date, second.deadline.recurrence) == (
        ("Sở Tài chính",),
        None,
        "continuous",
    )
    assert third.lead == ("Sở Y tế",)  # parentheses that hold no field label change nothing


# --- batch 9: directives as a legal-text web site's page dump (hard-wrapped, "|" cells) ---


def test_deadline_cells_of_one_shape_are_no_running_header_and_text_after_a_table_is_kept() -> None:
    """Two rows' "Trước ngày D" cells share a shape, as a page's running header would; and
    the document goes on after the table's last "|" up to the next one, where a heading and
    its numbered paragraphs are the text, not one more cell."""
    e = _run(
        """II. NHIỆM VỤ CỤ THỂ
|
STT
|
Nội dung công việc
|
Đơn vị thực hiện
|
Thời hạn hoàn thành
|
|
1
|
Mở lớp tập huấn kỹ năng số cho cán bộ
|
Phòng Văn hóa - Xã hội
|
Trước ngày 31/3/2027
|
|
2
|
Tổng kết phong trào
|
Văn phòng Ủy ban nhân dân
|
Trước ngày 15/12/2027
|
|
III. TỔ CHỨC THỰC HIỆN
1. Phòng Kinh tế tham mưu bố trí kinh phí thực hiện Kế hoạch.
2. Công an xã bảo đảm an ninh, trật tự tại các điểm tập huấn.
|
"""
    )
    assert {t.text[:12]: t.deadline.date for t in e.tasks} == {
        "Mở lớp tập h": date(2027, 3, 30),
        "Tổng kết pho": date(2027, 12, 14),
        "Phòng Kinh t": None,
        "Công an xã b": None,
    }
    assert {t.text[:12]: t.lead for t in e.tasks}["Công an xã b"] == ("Công an xã",)


def test_a_short_first_line_that_hands_work_is_no_title() -> None:
    """A web copy wraps a paragraph's first line early; the next line may open with a
    capital ("Thông báo kết luận này."): the item goes on, it is no heading."""
    e = _run(
        """II. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính chủ trì rà soát nguồn vốn, báo cáo trước ngày 15/5/2026.
2. Giao Văn phòng Ủy ban nhân dân tỉnh theo dõi việc thực hiện
Thông báo kết luận này.
"""
    )
    assert [t.text for t in e.tasks][1] == (
        "Giao Văn phòng Ủy ban nhân dân tỉnh theo dõi việc thực hiện Thông báo kết luận này."
    )
    assert e.tasks[1].lead == ("Văn phòng Ủy ban nhân dân tỉnh",)


def test_a_section_called_yeu_cau_stays_a_title() -> None:
    e = _run(
        """I. MỤC ĐÍCH, YÊU CẦU
1. Yêu cầu chung
Bám sát nội dung Kế hoạch, bảo đảm thiết thực.
II. NHIỆM VỤ
1. Sở Nội vụ hướng dẫn thực hiện trong quý II/2026.
"""
    )
    assert [t.lead for t in e.tasks] == [("Sở Nội vụ",)]


def test_units_of_and_under_a_ministry_and_a_second_addressee_after_the_cue() -> None:
    e = _run(
        """Bộ trưởng yêu cầu Thủ trưởng các đơn vị thuộc, trực thuộc Bộ Y tế, Giám đốc Sở Y tế
các tỉnh, thành phố trực thuộc Trung ương thực hiện các nhiệm vụ sau:
1. Tăng cường giám sát dịch bệnh tại cộng đồng.
2. Thủ trưởng các đơn vị thuộc, trực thuộc Bộ Y tế chịu trách nhiệm thi đua trong ngành.
"""
    )
    first, second = e.tasks
    assert first.lead == (
        "Thủ trưởng các đơn vị thuộc, trực thuộc Bộ Y tế",
        "Giám đốc Sở Y tế các tỉnh, thành phố trực thuộc Trung ương",
    )
    assert second.lead == ("Thủ trưởng các đơn vị thuộc, trực thuộc Bộ Y tế",)


def test_a_forecast_in_the_introduction_and_thuong_xuyen_over_a_season() -> None:
    """ "Dự báo …, nhất là dịp Tết" dates the situation, not the work (no default deadline);
    "thực hiện thường xuyên trong suốt mùa đông xuân" is continuous work."""
    e = _run(
        """Dự báo trong mùa đông xuân, nhất là dịp Tết Nguyên đán, nguy cơ dịch bệnh bùng phát là rất lớn.
Để chủ động phòng, chống dịch, Ủy ban nhân dân tỉnh yêu cầu:
1. Sở Y tế chuẩn bị thuốc, vật tư, hoàn thành trước ngày 31/12/2026.
2. Sở Văn hóa và Thể thao tuyên truyền phòng bệnh, thực hiện thường xuyên trong suốt mùa đông xuân.
3. Sở Giáo dục và Đào tạo thường xuyên kiểm tra vệ sinh trường học.
"""
    )
    assert e.meta.default_deadline is None
    first, second, third = e.tasks
    assert first.deadline.date == date(2026, 12, 30)
    assert (second.deadline.date, second.deadline.recurrence) == (None, "continuous")
    assert (third.deadline.date, third.deadline.recurrence) == (None, None)  # an adverb here


def test_an_assessment_weighed_against_shortcomings_is_no_task() -> None:
    e = _run(
        """Sau khi nghe báo cáo, Chủ tịch Ủy ban nhân dân tỉnh kết luận như sau:
1. Thời gian qua, các sở, ngành đã tích cực triển khai Đề án; tuy nhiên, tiến độ còn chậm.
2. Ủy ban nhân dân tỉnh cơ bản thống nhất với báo cáo của Sở Xây dựng.
3. Thời gian qua, các sở đã triển khai Đề án; tuy nhiên, còn chậm. Thời gian tới,
các sở cần đẩy nhanh tiến độ.
4. Sở Xây dựng hoàn thiện dự thảo Đề án, trình trong tháng 12 năm 2026.
"""
    )
    assert [t.text[:24] for t in e.tasks] == ["Thời gian qua, các sở đã", "Sở Xây dựng hoàn thiện d"]


# --- batch 10: a Party plan with "1-", "a-", a justified PDF, a decision with its plan, a
# ministry's letter as markdown ---


def test_party_letters_with_a_dash_open_items_under_who_directs_them() -> None:
    """HD 36 numbers "1-", "a-": the letters are the items of "3- X lãnh đạo Y:"; X leads."""
    e = _run(
        """Ban Thường vụ Huyện ủy xây dựng kế hoạch thực hiện như sau:
II- NHIỆM VỤ VÀ GIẢI PHÁP
1- Các chi, đảng bộ cơ sở, các cơ quan, đơn vị trong huyện tổ chức quán triệt Chỉ thị; hoàn
thành trong tháng 02-2027.
2- Đảng ủy Ủy ban nhân dân huyện lãnh đạo Ủy ban nhân dân huyện:
a- Chỉ đạo rà soát các thủ tục hành chính, công khai trong quý I-2027.
b- Chỉ đạo thanh tra các dự án chậm tiến độ, báo cáo trước ngày 15-10-2027.
"""
    )
    first, second, third = e.tasks
    # two groups, as the gold of tests/golden/madeup/kh-hu-dash.gold.json reads them
    assert first.lead == ("Các chi, đảng bộ cơ sở", "các cơ quan, đơn vị trong huyện")
    assert first.deadline.date == date(2027, 2, 28)
    assert second.text.startswith("Chỉ đạo rà soát") and third.text.startswith("Chỉ đạo thanh tra")
    assert second.lead == third.lead == ("Đảng ủy Ủy ban nhân dân huyện",)
    assert (second.deadline.date, third.deadline.date) == (date(2027, 3, 31), date(2027, 10, 14))


def test_the_issuer_drawing_up_its_plan_is_no_addressee() -> None:
    e = _run(
        """Ban Thường vụ Huyện ủy xây dựng kế hoạch thực hiện như sau:
1- Tổ chức hội nghị quán triệt trong tháng 3-2027.
"""
    )
    (task,) = e.tasks
    assert task.lead == ()


def test_a_letters_number_and_subject_in_one_markdown_cell() -> None:
    e = extract(
        SourceText(
            """| BỘ Y TẾ<br>------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc |
|---|---|
| Số: 812/BYT-KHTC<br>V/v rà soát nhu cầu vắc xin năm 2027 | *Hà Nội, ngày 02 tháng 12 năm 2026* |

Kính gửi: Sở Y tế các tỉnh, thành phố trực thuộc Trung ương.

Bộ Y tế đề nghị Quý Sở gửi báo cáo nhu cầu vắc xin trước ngày 20/12/2026.
"""
        )
    )
    assert (e.meta.number, e.meta.type) == ("812/BYT-KHTC", "Công văn")
    assert e.meta.title == "rà soát nhu cầu vắc xin năm 2027"


@pytest.mark.parametrize(
    "body",
    [
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện",  # one office of both councils
        "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh",
        "Các huyện ủy, thị ủy, thành ủy",
        "Các ban xây dựng Đảng Tỉnh ủy",  # "xây dựng Đảng" names the ban, it is no verb here
        "Điện lực tỉnh",
        "Bưu điện tỉnh",
        "Quỹ Đầu tư phát triển tỉnh",
        "Cổng Thông tin điện tử tỉnh",
        "Viettel tỉnh",
        "Vườn quốc gia Cát Tiên",
    ],
)
def test_bodies_read_whole_as_the_subject(body: str) -> None:
    e = _run(f"II. NHIỆM VỤ\n1. {body} chủ trì, phối hợp với các cơ quan liên quan triển khai thực hiện.\n")
    assert e.tasks[0].lead == (body,)


def test_an_office_and_another_body_stay_two() -> None:
    e = _run("II. NHIỆM VỤ\n1. Văn phòng Tỉnh ủy và Sở Y tế chủ trì kiểm tra việc thực hiện.\n")
    assert e.tasks[0].lead == ("Văn phòng Tỉnh ủy", "Sở Y tế")


# --- batch 11: made-up directives rendered as page images and read by the OCR ---


def test_ocr_joins_the_header_columns_with_one_space_and_reads_a_dot_as_a_colon() -> None:
    e = extract(
        SourceText(
            """ĐẢNG BỘ TỈNH ĐỒNG THÁP ĐẢNG CỘNG SẢN VIỆT NAM
  HUYỆN ỦY THANH BÌNH

       Số 125-TB/HU   _ Thanh Bình, ngày 18 tháng 12 năm 2026
                       THÔNG BÁO
         KẾT LUẬN CỦA BAN THƯỜNG VỤ HUYỆN ỦY
    2. Trong năm 2027, Ban Thường vụ Huyện ủy yêu cầu các cấp ủy, tổ chức đảng, chính quyền,
Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội từ huyện đến cơ sở thực hiện các nhiệm vụ sau:
    2.1. Ủy ban Kiểm tra Huyện ủy kiểm tra việc thực hiện, hoàn thành trước ngày 15-6-2027.
    2.2: Văn phòng Huyện ủy theo dõi, tổng hợp kết quả thực hiện.
"""
        )
    )
    assert e.meta.issuer is not None and "HUYỆN ỦY THANH BÌNH" in e.meta.issuer
    first, second = e.tasks  # "2.2:" opens an item
    assert second.lead == ("Văn phòng Huyện ủy",)
    # the long introducing paragraph opens with the bound of its items
    assert (first.deadline.date, second.deadline.date) == (date(2027, 6, 14), date(2027, 12, 31))


def test_ocr_specks_in_a_letters_number_subject_and_addressees() -> None:
    e = extract(
        SourceText(
            """ UBND TỈNH ĐỒNG THÁP   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
      SỞ Y TẾ       Độc lập - Tự do - Hạnh phúc

    Số: 3105/SYT-.NVY   Đồng Tháp, ngày 15 tháng 12 năm 2026
V/ triển khai chiến dịch tiêm
   vắc xin sởi năm 2027

                  Kính gửi:
   ~ Trung tâm Y tế các huyện, thành phố;
   - Bệnh viện Đa khoa tỉnh.
   Sở Y tế đề nghị các đơn vị triển khai thực hiện một số nội dung sau:
   1. Rà soát danh sách trẻ chưa tiêm đủ mũi, gửi về Sở Y tế trước ngày 05/01/2027.
"""
        )
    )
    assert (e.meta.number, e.meta.type) == ("3105/SYT-NVY", "Công văn")
    assert e.tasks[0].lead == ("Trung tâm Y tế các huyện, thành phố", "Bệnh viện Đa khoa tỉnh")


# --- batch 12: a plan typed in Word (read from the DOCX), a Chỉ thị printed to PDF ---


def test_bodies_qualified_by_what_they_were_given_are_the_subject() -> None:
    e = _run(
        """III. TỔ CHỨC THỰC HIỆN
1. Các sở, ngành, địa phương được giao nhiệm vụ tại Phụ lục kèm theo chủ động triển khai; định kỳ
6 tháng báo cáo kết quả.
2. Sở Y tế được giao 200 triệu đồng để mua sắm trang thiết bị.
"""
    )
    assert e.tasks[0].lead == ("Các sở, ngành, địa phương",)
    assert e.tasks[1].lead == ("Sở Y tế",)


def test_commanders_lead_and_a_closing_about_the_whole_document_is_no_part_of_the_last_item() -> None:
    e = _run(
        """Chủ tịch Ủy ban nhân dân tỉnh chỉ thị:
1. Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh, Giám đốc Công an tỉnh chỉ đạo lực lượng thuộc quyền sẵn
sàng tham gia chữa cháy rừng.
2. Báo Hậu Giang tăng cường tuyên truyền trong mùa khô.
Yêu cầu Thủ trưởng các sở, ban, ngành, Chủ tịch Ủy ban nhân dân các huyện nghiêm túc triển khai
thực hiện Chỉ thị này./.
"""
    )
    first, second = e.tasks
    assert first.lead[:2] == ("Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh", "Giám đốc Công an tỉnh")
    assert second.lead == ("Báo Hậu Giang",) and "Chỉ thị này" not in second.text


def test_the_issuers_second_line_under_a_motto_its_cell_wrapped() -> None:
    e = extract(
        SourceText(
            """            ỦY BAN NHÂN DÂN                                  CỘNG HÒA XÃ HỘI CHỦ NGHĨA
                                                                              VIỆT NAM
             TỈNH HẬU GIANG
                                                                  Độc lập - Tự do - Hạnh phúc
                Số: 09/CT-UBND
                                                            Hậu Giang, ngày 28 tháng 12 năm 2026
                                                   CHỈ THỊ
 Về tăng cường công tác bảo vệ rừng

         1. Sở Nông nghiệp và Môi trường kiểm tra các chủ rừng trước ngày 15/01/2027.
"""
        )
    )
    assert e.meta.issuer == "ỦY BAN NHÂN DÂN TỈNH HẬU GIANG"


def test_an_item_written_twice_keeps_its_lines() -> None:
    """Two items of the same words wrap alike: a line of them that has a "/" ("vừa theo
    Nghị định số 80/2021/NĐ-CP …") shapes like a running header twice over, but opens in
    lower case, inside a sentence."""
    item = (
        "Hỗ trợ doanh nghiệp nhỏ và\n"
        "vừa theo Nghị định số 80/2021/NĐ-CP ngày 26/8/2021 của Chính phủ\n"
        "trên địa bàn tỉnh."
    )
    e = _run(f"II. NHIỆM VỤ\n1. Sở Tài chính:\na) {item}\n2. Sở Công Thương:\na) {item}\n")
    assert [t.text.count("Nghị định số 80/2021/NĐ-CP") for t in e.tasks] == [1, 1]


def test_an_items_own_subject_comes_before_the_field_block_under_it() -> None:
    e = _run(
        """II. NHIỆM VỤ
3. Nâng cao năng lực đội ngũ làm công tác pháp chế
- Các cơ quan, đơn vị tiếp tục nâng cao nhận thức về vai trò của công tác pháp chế.
- Bồi dưỡng kỹ năng xây dựng văn bản cho cán bộ, công chức.
Đơn vị thực hiện: Các Sở, ngành, Ủy ban nhân dân cấp xã.
Thời gian thực hiện: Thường xuyên.
"""
    )
    first, second = e.tasks
    assert first.lead == ("Các cơ quan, đơn vị",)
    assert second.lead == ("Các Sở, ngành", "Ủy ban nhân dân cấp xã")


# --- batch 13: a work programme's month rows, a notice's topics of several paragraphs ---


def test_a_tables_month_rows_bound_the_rows_under_them_and_a_note_may_hold_a_date() -> None:
    e = _run(
        """I. NỘI DUNG CÔNG TÁC

| TT | Nội dung | Cơ quan chủ trì chuẩn bị | Cơ quan phối hợp | Ghi chú |
|---|---|---|---|---|
| I | THÁNG 01/2027 |
| 1 | Tổng kết công tác xây dựng Đảng năm 2026 | Ban Tổ chức Tỉnh ủy | Văn phòng Tỉnh ủy |  |
| II | THÁNG 02/2027 |
| 2 | Cho ý kiến về Đề án sắp xếp | Đảng ủy Ủy ban nhân dân tỉnh | Sở Nội vụ | Trình trước ngày 20/02/2027 |
| 3 | Sơ kết công tác dân vận | Ban Dân vận Tỉnh ủy | Sở Nội vụ |  |
"""
    )
    assert [t.deadline.date for t in e.tasks] == [date(2027, 1, 31), date(2027, 2, 19), date(2027, 2, 28)]


def test_a_topics_paragraphs_are_one_task_of_every_body_they_name() -> None:
    e = _run(
        """Chủ tịch Ủy ban nhân dân tỉnh kết luận như sau:
1. Về dự án cầu Rạch Miễu 2:

Giao Sở Xây dựng chủ trì đẩy nhanh giải phóng mặt bằng, bàn giao mặt bằng trước ngày 28/02/2027.

Ủy ban nhân dân huyện Châu Thành chủ động bố trí khu tái định cư.

2. Về dự án đường tỉnh 885:
Sở Tài chính tham mưu bố trí vốn cho dự án trong tháng 01/2027.
III. TỔ CHỨC THỰC HIỆN

Sở Xây dựng theo dõi, tổng hợp kết quả thực hiện.

Sở Tài chính bảo đảm kinh phí thực hiện.
"""
    )
    assert [t.lead for t in e.tasks] == [
        ("Sở Xây dựng", "Ủy ban nhân dân huyện Châu Thành"),
        ("Sở Tài chính",),
        ("Sở Xây dựng",),  # a part's heading keeps a task per paragraph
        ("Sở Tài chính",),
    ]
    assert e.tasks[0].deadline.date == date(2027, 2, 27)


def test_a_topics_title_without_its_colon_still_makes_its_paragraphs_one_task() -> None:
    """ "2. Về nhiệm vụ thời gian tới" (short, no full stop, no colon) over two paragraphs, a
    line each: one task of both bodies (CONVENTIONS rule 1)."""
    e = _run(
        "Sau khi nghe báo cáo và ý kiến của các đại biểu, Thường trực Tỉnh ủy kết luận như sau:\n\n"
        "1. Về tình hình triển khai\n"
        "Thời gian qua, các dự án năng lượng tái tạo được triển khai tích cực, góp phần tăng thu ngân "
        "sách. Tuy nhiên, công tác giải phóng mặt bằng còn chậm.\n\n"
        "2. Về nhiệm vụ thời gian tới\n"
        "Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo, chỉ đạo các sở, ngành tập trung tháo gỡ khó khăn "
        "về đất đai, giải phóng mặt bằng cho các dự án; hoàn thành bàn giao mặt bằng dự án Điện gió "
        "Phước Hữu trước ngày 30/9/2027.\n"
        "Giao Ban Kinh tế - Xã hội Tỉnh ủy theo dõi, đôn đốc, báo cáo Thường trực Tỉnh ủy kết quả thực "
        "hiện trong quý IV/2027.\n\n"
        "3. Đề nghị Đảng ủy Công an tỉnh lãnh đạo bảo đảm an ninh, trật tự tại các dự án.\n"
    )
    assert [t.lead for t in e.tasks] == [
        ("Ban cán sự đảng Ủy ban nhân dân tỉnh", "Ban Kinh tế - Xã hội Tỉnh ủy"),
        ("Đảng ủy Công an tỉnh",),
    ]
    assert e.tasks[0].deadline.date == date(2027, 9, 29)


def _reminder_letter(body: str) -> Extraction:
    """A province's letter of 5 October 2027 to "Các sở, ban, ngành tỉnh", with `body`."""
    head = header("2345/UBND-TH", kind="", title="V/v đôn đốc báo cáo").replace(
        "05 tháng 3 năm 2026", "05 tháng 10 năm 2027"
    )
    return extract(SourceText(head + "Kính gửi: Các sở, ban, ngành tỉnh.\n\n" + body))


def test_a_letters_paragraph_telling_the_past_is_no_request_and_giao_is_one() -> None:
    """A reminder letter without numbers: "Ngày 20/8/2027, Ủy ban nhân dân tỉnh ban hành …,
    trong đó yêu cầu …" tells what was asked before (no task); "Giao Văn phòng … tổng hợp …"
    hands work to the office (a task led by it)."""
    body = (
        "Ngày 20/8/2027, Ủy ban nhân dân tỉnh ban hành Văn bản số 1980/UBND-TH, trong đó yêu cầu "
        "các cơ quan báo cáo kết quả trước ngày 30/9/2027. Đến nay, còn 12 cơ quan chưa gửi báo cáo.\n\n"
        "Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành gửi báo cáo về Ủy ban nhân dân tỉnh "
        "trước ngày 12/10/2027.\n\n"
        "Giao Văn phòng Ủy ban nhân dân tỉnh tổng hợp, báo cáo Ban Thường vụ Tỉnh ủy trước ngày 20/10/2027.\n"
    )
    e = _reminder_letter(body)
    assert [(t.lead, t.deadline.date) for t in e.tasks] == [
        (("các sở, ban, ngành",), date(2027, 10, 11)),
        (("Văn phòng Ủy ban nhân dân tỉnh",), date(2027, 10, 19)),
    ]


def test_an_inspections_matter_and_team_hold_no_tasks_but_items_naming_their_body() -> None:
    """An inspection plan: "NỘI DUNG KIỂM TRA" lists what is looked at ("Việc ban hành …") and
    "THÀNH PHẦN ĐOÀN" the team, neither work handed to anyone; an item there that names its
    responsible body in a field ("Trách nhiệm: Chi cục …") stays a task."""
    e = _run(
        """II. NỘI DUNG KIỂM TRA
1. Việc ban hành kế hoạch cải cách hành chính năm 2027.
2. Kiểm tra các cơ sở chăn nuôi quy mô lớn. Trách nhiệm: Chi cục Chăn nuôi; thời gian: Quý IV/2027.
III. THÀNH PHẦN ĐOÀN KIỂM TRA
1. Lãnh đạo Phòng Nội vụ - Trưởng đoàn;
2. Đại diện Văn phòng HĐND và UBND huyện - Thành viên.
IV. TỔ CHỨC THỰC HIỆN
1. Phòng Nội vụ thông báo lịch kiểm tra đến các đơn vị trước ngày 10/6/2027.
"""
    )
    assert [t.lead for t in e.tasks] == [("Chi cục Chăn nuôi",), ("Phòng Nội vụ",)]


def test_an_assessment_may_weigh_a_figure_reached() -> None:
    e = _run(
        """Chủ tịch Ủy ban nhân dân huyện kết luận:
1. Dự án đạt 65% khối lượng; tuy nhiên, tiến độ giải phóng mặt bằng còn chậm.
2. Giao Phòng Tài nguyên và Môi trường: hoàn thành hồ sơ thu hồi đất trong tháng 9/2027.
"""
    )
    assert [t.lead for t in e.tasks] == [("Phòng Tài nguyên và Môi trường",)]


def test_a_field_written_as_a_bullet_beside_the_work_it_bounds() -> None:
    """ "1. Chuyên đề 1: …" over "- Thời gian: Tháng 5/2027." and "- Chi bộ các thôn tổ chức …":
    the bullet field is the topic's, and bounds the work beside it."""
    e = _run(
        """II. NỘI DUNG, THỜI GIAN
1. Chuyên đề 1: "Nâng cao năng lực lãnh đạo của chi bộ"
- Thời gian: Tháng 5/2027.
- Chi bộ các thôn tổ chức sinh hoạt chuyên đề.
2. Chuyên đề 2: "Xây dựng chi bộ trong sạch, vững mạnh"
- Thời gian: Tháng 9/2027.
- Chi bộ các thôn tổ chức thảo luận, xây dựng nghị quyết chuyên đề.
"""
    )
    assert [(t.lead, t.deadline.date) for t in e.tasks] == [
        (("Chi bộ các thôn",), date(2027, 5, 31)),
        (("Chi bộ các thôn",), date(2027, 9, 30)),
    ]


def test_a_topics_title_may_be_long_and_hold_its_period() -> None:
    """ "1. Về tình hình kinh tế - xã hội tháng 9 và 9 tháng năm 2027" over an assessment and a
    request: the title is the section of the items below, the paragraphs are not; a line the
    page cut inside a name ("… của tỉnh Điện" / "Biên vào …") is no title."""
    e = _run(
        "1. Về tình hình kinh tế - xã hội tháng 9 và 9 tháng năm 2027\n"
        "Chính phủ thống nhất đánh giá: tình hình kinh tế - xã hội tiếp tục phục hồi tích cực; tăng trưởng "
        "GDP 9 tháng ước đạt 7,1%. Tuy nhiên, giải ngân vốn đầu tư công còn chậm.\n"
        "Chính phủ yêu cầu các bộ, cơ quan, địa phương:\n"
        "a) Bộ Công Thương bảo đảm cung ứng đủ điện, xăng dầu cho sản xuất trong quý IV/2027.\n"
    )
    assert [t.section for t in e.tasks] == ["1. Về tình hình kinh tế - xã hội tháng 9 và 9 tháng năm 2027"]


def test_the_issuers_head_asking_those_who_have_not_reported() -> None:
    """In the committee's letter, "Chủ tịch Ủy ban nhân dân tỉnh đề nghị các cơ quan, đơn vị chưa
    báo cáo …": the head speaks for the issuer, those asked lead (CONVENTIONS rule 7)."""
    body = (
        "Để kịp thời tổng hợp, báo cáo Ban Thường vụ Tỉnh ủy, Chủ tịch Ủy ban nhân dân tỉnh đề nghị "
        "các cơ quan, đơn vị chưa báo cáo khẩn trương gửi báo cáo về Ủy ban nhân dân tỉnh "
        "trước ngày 12/10/2027.\n"
    )
    e = _reminder_letter(body)
    assert [(t.lead, t.deadline.date) for t in e.tasks] == [
        (("các cơ quan, đơn vị chưa báo cáo",), date(2027, 10, 11))
    ]


def test_a_number_after_its_predecessor_is_never_a_letters_sub_item() -> None:
    """A paragraph after "1. …" closed it ("Chính phủ yêu cầu …:" at the top level), then
    lettered items: "2." is "1."'s sibling, the section of the items under it, not a sub-item
    of "c)"."""
    e = _run(
        """1. Về tình hình kinh tế - xã hội tháng 9: tăng trưởng ước đạt 7,1%.

Chính phủ yêu cầu các bộ, cơ quan, địa phương:

a) Bộ Tài chính điều hành chính sách tài khóa linh hoạt.

b) Bộ Công Thương bảo đảm cung ứng đủ điện trong quý IV/2027.

2. Về công tác xây dựng pháp luật

a) Bộ Tư pháp thẩm định các dự án luật, hoàn thành trước ngày 20/10/2027.
"""
    )
    assert [(t.section, t.lead) for t in e.tasks][-2:] == [
        (None, ("Bộ Công Thương",)),
        ("2. Về công tác xây dựng pháp luật", ("Bộ Tư pháp",)),
    ]


def test_a_report_due_at_a_months_meeting() -> None:
    e = _run("II. NHIỆM VỤ\n1. Bộ Công Thương báo cáo Chính phủ tại phiên họp thường kỳ tháng 12 năm 2027.\n")
    assert e.tasks[0].deadline.date == date(2027, 12, 31)


def test_funding_statements_and_approvals_of_a_report_are_no_tasks() -> None:
    e = _run(
        """II. NHIỆM VỤ
1. Sở Y tế tổ chức tập huấn trong quý II/2027.
2. Kinh phí đóng góp của người dân, doanh nghiệp và các hình thức hợp tác công tư khác (nếu có).
3. Kinh phí khen thưởng: từ nguồn kinh phí khen thưởng của tỉnh.
4. Thông qua nội dung báo cáo của Sở Tài chính tại Tờ trình số 12/TTr-STC.
5. Kinh phí thực hiện: Sở Tài chính bố trí trong dự toán năm 2027.
"""
    )
    assert [t.lead for t in e.tasks] == [("Sở Y tế",), ("Sở Tài chính",)]


# --- batch 15: "Riêng X", a web page's table with lettered group rows and text after it ---


def test_riêng_singles_out_the_subject() -> None:
    e = _run(
        """Chủ tịch Ủy ban nhân dân huyện yêu cầu Thủ trưởng các cơ quan, đơn vị thực hiện các nội dung sau:
- Rà soát kết quả thực hiện các chỉ tiêu năm 2026.
- Riêng Phòng Tài chính - Kế hoạch tổng hợp tình hình giải ngân vốn đầu tư công trong ngày 03/01/2027.
"""
    )
    first, second = e.tasks
    assert first.lead == ("Thủ trưởng các cơ quan, đơn vị",)
    assert (second.lead, second.deadline.date) == (("Phòng Tài chính - Kế hoạch",), date(2027, 1, 3))


def test_a_web_tables_lettered_group_rows_and_the_paragraph_after_it() -> None:
    e = _run(
        """II. NHIỆM VỤ CỤ THỂ
|
**STT**
|
**Nhiệm vụ**
|
**Đơn vị chủ trì**
|
**Thời gian hoàn thành**
|
|
**A**
|
**NHIỆM VỤ VỀ THỂ CHẾ**
|
|
1
|
Xây dựng Nghị định về tuyển dụng công chức
|
Vụ Công chức - Viên chức
|
Quý I - II/2027
|
|
**B**
|
**NHIỆM VỤ VỀ TỔ CHỨC THỰC HIỆN**
|
|
2
|
Kiểm tra công tác tuyển dụng công chức
|
Thanh tra Bộ
|
Năm 2027
|
|
**III. TỔ CHỨC THỰC HIỆN**
Thủ trưởng các đơn vị thuộc Bộ căn cứ Kế hoạch này tổ chức thực hiện; định kỳ hằng quý báo cáo kết quả.
|
"""
    )
    got = {t.text[:20]: (t.section, t.deadline.date) for t in e.tasks}
    assert got["Xây dựng Nghị định v"] == ("A. NHIỆM VỤ VỀ THỂ CHẾ", date(2027, 6, 30))
    assert got["Kiểm tra công tác tu"] == ("B. NHIỆM VỤ VỀ TỔ CHỨC THỰC HIỆN", date(2027, 12, 31))
    assert "Thủ trưởng các đơn v" in got


def test_a_numbered_item_that_introduces_the_list_under_it() -> None:
    """ "2. Thời gian tới, Ban Thường vụ Tỉnh ủy yêu cầu X, Y …:": the issuer speaks, X and Y
    do the dash items under it."""
    e = _run(
        """Ban Thường vụ Tỉnh ủy kết luận như sau:
2. Thời gian tới, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng, chính quyền, Mặt trận
Tổ quốc và các đoàn thể chính trị - xã hội tập trung thực hiện tốt các nhiệm vụ sau:
- Quán triệt sâu sắc quan điểm phát triển kinh tế tập thể.
- Rà soát, củng cố các hợp tác xã yếu kém, hoàn thành trong năm 2027.
"""
    )
    assert [t.lead for t in e.tasks] == [
        ("các cấp ủy, tổ chức đảng, chính quyền", "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội")
    ] * 2


def test_items_labelled_hoat_dong_n_with_their_field_lines() -> None:
    e = _run(
        """II. NỘI DUNG HOẠT ĐỘNG
Hoạt động 1: Tổ chức Hội nghị triển khai Kế hoạch.
- Cơ quan chủ trì: Sở Du lịch; Cơ quan phối hợp: các sở, ngành liên quan.
- Thời gian: Tháng 02/2027.
Hoạt động 2: Xây dựng bộ nhận diện thương hiệu du lịch tỉnh.
- Cơ quan chủ trì: Trung tâm Xúc tiến Du lịch.
- Thời gian: Quý II - III/2027.
"""
    )
    assert [(t.text[:20], t.lead, t.deadline.date) for t in e.tasks] == [
        ("Tổ chức Hội nghị tri", ("Sở Du lịch",), date(2027, 2, 28)),
        ("Xây dựng bộ nhận diệ", ("Trung tâm Xúc tiến Du lịch",), date(2027, 9, 30)),
    ]
    assert e.tasks[0].support == ("các sở, ngành liên quan",)


def test_a_group_row_numbered_above_its_sub_numbered_rows() -> None:
    """ "1 | Công tác xây dựng Đảng" over rows "1.1", "1.2": a part heading, not a task, and
    the rows under it each a task of their own."""
    e = _run(
        """| STT | Nội dung công việc | Cơ quan chủ trì | Cơ quan phốihợp | Thời gian |
|---|---|---|---|---|
| 1 | Công tác xây dựng Đảng |  |  |  |
| 1.1 | Xây dựng kế hoạch kiểm tra năm 2027 | Ủy ban Kiểm tra Tỉnh ủy | Văn phòng Tỉnh ủy | Tháng 01/2027 |
| 1.2 | Tổng kết Chỉ thị về công tác cán bộ | Ban Tổ chức Tỉnh ủy |  | Quý II/2027 |
| 2 | Rà soát quy hoạch cán bộ | Ban Tổ chức Tỉnh ủy |  | Tháng 3/2027 |
"""
    )
    assert [(t.text[:20], t.section, t.lead, t.deadline.date) for t in e.tasks] == [
        ("Xây dựng kế hoạch ki", "1 Công tác xây dựng Đảng", ("Ủy ban Kiểm tra Tỉnh ủy",), date(2027, 1, 31)),
        ("Tổng kết Chỉ thị về ", "1 Công tác xây dựng Đảng", ("Ban Tổ chức Tỉnh ủy",), date(2027, 6, 30)),
        # "2" is the group's sibling: the group has ended
        ("Rà soát quy hoạch cá", None, ("Ban Tổ chức Tỉnh ủy",), date(2027, 3, 31)),
    ]
    # the support column's label, its words joined by OCR, is still the support column
    assert e.tasks[0].support == ("Văn phòng Tỉnh ủy",)


def test_a_span_of_years_wrapped_at_its_dash_is_no_item() -> None:
    e = _run(
        """Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh khóa XI, nhiệm kỳ 2025
- 2030, Ban Thường vụ Tỉnh ủy ban hành Chương trình công tác như sau:
1. Ban Tổ chức Tỉnh ủy hướng dẫn tổ chức hội nghị giữa nhiệm kỳ trong Quý II/2027.
"""
    )
    assert [t.text[:20] for t in e.tasks] == ["Ban Tổ chức Tỉnh ủy "]


def test_a_table_without_a_number_column_has_a_task_per_row() -> None:
    """No "TT" column: each row whose content opens a sentence is a task of its own; a row
    whose content carries on in lower case (a cell cut by a page break) joins the one above."""
    e = _run(
        """| Nội dung công việc | Đơn vị thực hiện | Đơn vị phối hợp | Thời gian hoàn thành |
|---|---|---|---|
| Tiêm phòng vắc xin cho đàn trâu, bò | Thú y viên xã | Trưởng các ấp | Tháng 4/2027 |
| Phun thuốc khử trùng tại các chợ, | Tổ khuyến nông xã | Ban Quản lý chợ | Tháng 5/2027 |
| điểm giết mổ gia súc, gia cầm |  |  |  |
| Kiểm tra vận chuyển gia súc ra vào địa bàn | Công an xã |  | Thường xuyên |
"""
    )
    assert [(t.text[:20], t.lead, t.deadline.date) for t in e.tasks] == [
        ("Tiêm phòng vắc xin c", ("Thú y viên xã",), date(2027, 4, 30)),
        ("Phun thuốc khử trùng", ("Tổ khuyến nông xã",), date(2027, 5, 31)),
        ("Kiểm tra vận chuyển ", ("Công an xã",), None),
    ]
    assert "điểm giết mổ" in e.tasks[1].text


def test_phan_cong_ends_the_subject_that_assigns() -> None:
    e = _run(
        """1. Hội đồng Thi đua - Khen thưởng các cấp phân công rõ trách nhiệm theo dõi phong trào thi đua.
2. Ban Thi đua - Khen thưởng tỉnh tổng hợp kết quả trước ngày 15/12/2027.
"""
    )
    assert [t.lead for t in e.tasks] == [
        ("Hội đồng Thi đua - Khen thưởng các cấp",),
        ("Ban Thi đua - Khen thưởng tỉnh",),
    ]


def test_thi_dua_khen_thuong_keeps_its_comma_inside_the_name() -> None:
    e = _run(
        """1. Hội đồng Thi đua, Khen thưởng tỉnh hướng dẫn các đơn vị tổ chức ký kết giao ước thi đua.
2. Vụ Truyền thông và Thi đua, khen thưởng chủ trì tổng hợp kết quả.
3. Sở Nội vụ, Ban Thi đua, Khen thưởng tỉnh theo dõi phong trào thi đua.
"""
    )
    assert [t.lead for t in e.tasks] == [
        ("Hội đồng Thi đua, Khen thưởng tỉnh",),
        ("Vụ Truyền thông và Thi đua, khen thưởng",),
        ("Sở Nội vụ", "Ban Thi đua, Khen thưởng tỉnh"),
    ]


def test_a_body_before_a_colon_leads_its_item() -> None:
    e = _run(
        """II. NHIỆM VỤ
1. Sở Xây dựng: Hướng dẫn các địa phương lập quy hoạch chung đô thị; hoàn thành trong Quý III/2026.
2. Công an tỉnh: Phối hợp với Sở Giao thông vận tải kiểm soát tải trọng phương tiện.
3. Về công tác tuyên truyền: Đẩy mạnh tuyên truyền trên các phương tiện thông tin đại chúng.
"""
    )
    assert [t.lead for t in e.tasks[:2]] == [("Sở Xây dựng",), ("Công an tỉnh",)]
    assert e.tasks[1].support == ("Sở Giao thông vận tải",)
    assert e.tasks[2].lead == ()  # a topic before the colon names nobody


def test_a_season_bounds_a_task_without_a_date() -> None:
    e = _run(
        """II. NHIỆM VỤ
1. Sở Nông nghiệp và Môi trường gia cố các tuyến đê xung yếu, hoàn thành trước mùa mưa lũ năm 2026.
2. Công ty Thủy lợi nạo vét kênh mương trước mùa khô 2026 - 2027, chậm nhất ngày 30/11/2026.
3. Lực lượng vũ trang tuần tra thường xuyên, nhất là trong mùa mưa bão năm 2026.
"""
    )
    first = e.tasks[0].deadline
    assert (first.date, first.text, first.recurrence) == (None, "trước mùa mưa lũ năm 2026", "event")
    assert "deadline: a time phrase without a date" in e.tasks[0].review
    assert e.tasks[1].deadline.date == date(2026, 11, 30)  # a date beside the season wins
    assert e.tasks[2].deadline.recurrence != "event"  # "nhất là trong mùa …": when, not by when


def test_a_report_due_at_next_months_briefing() -> None:
    e = _run(
        "Ngày 02 tháng 3 năm 2026, Chủ tịch Ủy ban nhân dân tỉnh chủ trì cuộc họp giao ban tháng 3 năm"
        " 2026. Chủ tịch Ủy ban nhân dân tỉnh kết luận như sau:\n"
        """1. Sở Tài chính rà soát nguồn vốn, báo cáo tại cuộc họp giao ban tháng 4 năm 2026.
2. Sở Nội vụ tiếp tục sắp xếp bộ máy các cơ quan chuyên môn.
"""
    )
    assert e.tasks[0].deadline.date == date(2026, 4, 30)
    assert e.meta.default_deadline is None  # the meeting held is no bound on the work
    assert e.tasks[1].deadline.date is None


def test_a_two_row_table_header_names_lead_and_support_under_one_label() -> None:
    e = _run(
        """II. NHIỆM VỤ
| TT | Nhiệm vụ | Cơ quan thực hiện | | Thời hạn |
|---|---|---|---|---|
| | | Chủ trì | Phối hợp | |
| 1 | Xây dựng đề án phát triển du lịch | Sở Văn hóa, Thể thao và Du lịch | Sở Tài chính | Quý IV/2026 |
| 2 | Kiểm tra an toàn thực phẩm | Sở Y tế | Công an tỉnh | Tháng 6/2026 |
"""
    )
    assert [(t.lead, t.support) for t in e.tasks] == [
        (("Sở Văn hóa, Thể thao và Du lịch",), ("Sở Tài chính",)),
        (("Sở Y tế",), ("Công an tỉnh",)),
    ]
    assert [t.deadline.date for t in e.tasks] == [date(2026, 12, 31), date(2026, 6, 30)]


def test_a_dateline_after_the_number_in_a_copy_without_its_motto() -> None:
    e = extract(
        SourceText(
            """UBND TỈNH AN HÒA
SỞ Y TẾ

**KẾ HOẠCH**

**Phòng, chống dịch năm 2027**

Số: 15/KH-SYT | An Hòa, ngày 04 tháng 01 năm 2027

Ngày 02 tháng 01 năm 2027, Sở Y tế họp bàn triển khai.

1. Trung tâm Kiểm soát bệnh tật tỉnh giám sát dịch bệnh trong Quý I/2027.
"""
        )
    )
    assert (e.meta.number, e.meta.date) == ("15/KH-SYT", date(2027, 1, 4))


def test_field_labels_under_other_words_fold_into_their_item() -> None:
    e = _run(
        """II. NHIỆM VỤ
1. Xây dựng quy chế phối hợp quản lý cụm công nghiệp
- Cơ quan, đơn vị chủ trì: Sở Công Thương.
- Cơ quan, đơn vị phối hợp: Sở Xây dựng.
- Kết quả/sản phẩm: Quyết định của Ủy ban nhân dân tỉnh.
- Thời gian hoàn thành: Quý III/2026.
2. Hỗ trợ hộ kinh doanh chuyển đổi số
- Trách nhiệm thực hiện: Ủy ban nhân dân các huyện.
- Thời hạn: hằng năm.
3. Tổ chức hội chợ hàng Việt
Chủ trì: Sở Công Thương; Phối hợp: Hội Doanh nhân tỉnh; Thời gian: tháng 10/2026.
"""
    )
    assert [t.text[:12] for t in e.tasks] == ["Xây dựng quy", "Hỗ trợ hộ ki", "Tổ chức hội "]
    assert [t.lead for t in e.tasks] == [
        ("Sở Công Thương",),
        ("Ủy ban nhân dân các huyện",),
        ("Sở Công Thương",),
    ]
    assert [t.support for t in e.tasks] == [("Sở Xây dựng",), (), ("Hội Doanh nhân tỉnh",)]
    assert [t.deadline.date for t in e.tasks] == [date(2026, 9, 30), None, date(2026, 10, 31)]
    assert e.tasks[1].deadline.recurrence == "yearly"


def test_praise_of_what_was_done_is_no_task_but_an_order_to_commend_is() -> None:
    e = _run(
        """Phó Chủ tịch Ủy ban nhân dân tỉnh kết luận như sau:
1. Đánh giá cao Sở Y tế đã chủ động triển khai các biện pháp phòng dịch; tuy nhiên, việc tiêm
chủng còn chậm so với yêu cầu.
2. Biểu dương, khen thưởng kịp thời các tập thể, cá nhân có thành tích trong phòng, chống dịch.
3. Sở Y tế đẩy nhanh tiến độ tiêm chủng, hoàn thành trong tháng 6/2026.
"""
    )
    assert [t.text[:10] for t in e.tasks] == ["Biểu dương", "Sở Y tế đẩ"]


def test_a_cycles_cut_off_between_subject_and_verb() -> None:
    e = _run(
        """III. TỔ CHỨC THỰC HIỆN
Các sở, ngành, Ủy ban nhân dân các huyện định kỳ trước ngày 15 tháng 6 hằng năm báo cáo kết quả về Sở Nội vụ.
"""
    )
    assert e.tasks[0].lead == ("Các sở, ngành", "Ủy ban nhân dân các huyện")
    assert e.tasks[0].deadline.date is None


def test_one_unit_column_marks_who_leads_and_who_supports_in_its_cell() -> None:
    e = _run(
        """I. NHIỆM VỤ TRỌNG TÂM

| TT | Nội dung | Đơn vị | Thời gian |
|---|---|---|---|
| 1 | Kiểm tra chất lượng công trình | Phòng Quản lý xây dựng chủ trì; Thanh tra Sở phối hợp | Quý III/2027 |
| 2 | Tổng hợp báo cáo sơ kết 6 tháng | Phòng Kinh tế (chủ trì), các phòng chuyên môn | Trước ngày 15/6/2027 |
| 3 | Tập huấn pháp luật về xây dựng | Thanh tra Sở | Tháng 5/2027 |
"""
    )
    assert [(t.lead, t.support) for t in e.tasks] == [
        (("Phòng Quản lý xây dựng",), ("Thanh tra Sở",)),
        (("Phòng Kinh tế",), ("các phòng chuyên môn",)),
        (("Thanh tra Sở",), ()),
    ]
    # the table sits in part I: its rows are that part's tasks
    assert {t.section for t in e.tasks} == {"I. NHIỆM VỤ TRỌNG TÂM"}


def test_a_header_row_repeated_by_a_merged_cell_is_no_task() -> None:
    # a DOCX cell merged down over two header rows is read in both: the second row repeats it
    e = _run(
        """| STT | Nhiệm vụ | Cơ quan thực hiện | | Thời gian hoàn thành |
|---|---|---|---|---|
| | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian hoàn thành |
| 1 | Rà soát văn bản quy phạm pháp luật | Sở Tư pháp | Các sở, ngành | Quý II/2027 |
"""
    )
    assert [(t.text, t.lead, t.support) for t in e.tasks] == [
        ("Rà soát văn bản quy phạm pháp luật", ("Sở Tư pháp",), ("Các sở, ngành",))
    ]


def test_an_unnumbered_part_heading_holds_the_paragraphs_under_it() -> None:
    e = _run(
        """Ủy ban nhân dân tỉnh ban hành Kế hoạch với các nhiệm vụ như sau:

1. Sở Tư pháp rà soát văn bản quy phạm pháp luật trong Quý II/2027.

TỔ CHỨC THỰC HIỆN
Giao Sở Nội vụ theo dõi, đôn đốc các cơ quan thực hiện; báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2027.
"""
    )
    assert [(t.section, t.lead, t.deadline.date) for t in e.tasks] == [
        (None, ("Sở Tư pháp",), date(2027, 6, 30)),
        ("TỔ CHỨC THỰC HIỆN", ("Sở Nội vụ",), date(2027, 12, 14)),
    ]


def test_a_line_in_capitals_that_names_no_part_opens_nothing() -> None:
    # the enacting authority over the preamble: its "Căn cứ" lines stay no tasks
    e = _run(
        """CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN HÒA

Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Theo đề nghị của Giám đốc Sở Nông nghiệp và Môi trường.

QUYẾT ĐỊNH:

Điều 1. Giao Sở Nông nghiệp và Môi trường hướng dẫn gieo trồng vụ Đông Xuân trong tháng 10/2027.
"""
    )
    assert [t.lead for t in e.tasks] == [("Sở Nông nghiệp và Môi trường",)]


def test_a_bare_group_of_the_concerned_after_and_is_one_body() -> None:
    e = _run(
        """1. Sở Xây dựng phối hợp với Sở Tài chính và cơ quan, địa phương liên quan lập kế hoạch.
2. Công an tỉnh phối hợp với Bộ Chỉ huy Quân sự tỉnh và sở, ngành có liên quan tổ chức diễn tập.
"""
    )
    assert [t.support for t in e.tasks] == [
        ("Sở Tài chính", "cơ quan, địa phương liên quan"),
        ("Bộ Chỉ huy Quân sự tỉnh", "sở, ngành có liên quan"),
    ]


def test_a_body_before_a_colon_leads_its_item_before_a_verb_in_lower_case() -> None:
    e = _run(
        """2. Nhiệm vụ trong thời gian tới:
a) Phòng Tài chính - Kế hoạch bố trí vốn đối ứng trong tháng 4/2027.
b) Ủy ban nhân dân các xã, thị trấn: tuyên truyền, vận động người dân chấp hành chủ trương.
"""
    )
    assert [t.lead for t in e.tasks] == [
        ("Phòng Tài chính - Kế hoạch",),
        ("Ủy ban nhân dân các xã, thị trấn",),
    ]


def test_an_assessment_that_falls_short_of_requirements_asks_nothing() -> None:
    e = _run(
        """1. Thời gian qua, công tác giải phóng mặt bằng đã có chuyển biến; tuy nhiên, một số dự án
còn chậm, chưa đáp ứng yêu cầu.
2. Phòng Tài nguyên và Môi trường thẩm định giá đất trong tháng 4/2027.
"""
    )
    assert [t.lead for t in e.tasks] == [("Phòng Tài nguyên và Môi trường",)]


def test_an_assessment_slow_against_requirements_asks_nothing() -> None:
    """ "so với yêu cầu", "tương xứng với yêu cầu": a requirement as a noun, no one asked."""
    e = _run(
        """1. Thời gian qua, các địa phương đã tích cực triển khai công tác giải phóng mặt bằng, tuy
nhiên tiến độ còn chậm so với yêu cầu.
2. Năm 2026, các xã đã hoàn thành kế hoạch; tuy nhiên, chất lượng chưa tương xứng với yêu cầu.
3. Phòng Tài nguyên và Môi trường thẩm định giá đất trong tháng 4/2027.
"""
    )
    assert [t.lead for t in e.tasks] == [("Phòng Tài nguyên và Môi trường",)]


def test_a_forecast_in_the_introduction_bounds_no_task() -> None:
    e = _run(
        """Theo tin của Đài Khí tượng Thủy văn tỉnh, từ đêm nay đến ngày 18/10/2026 trên địa bàn
tỉnh có mưa to đến rất to. Để chủ động ứng phó, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:

1. Công an tỉnh bố trí lực lượng sẵn sàng cứu hộ, cứu nạn.
2. Sở Nông nghiệp và Môi trường báo cáo tình hình hồ chứa trước 15 giờ hằng ngày.
"""
    )
    assert e.meta.default_deadline is None
    assert [(t.deadline.date, t.deadline.text) for t in e.tasks] == [
        (None, None),
        (None, "trước 15 giờ hằng ngày"),  # a daily rhythm: no date, the phrase and its hour kept
    ]


def test_bodies_a_reader_joined_from_the_lines_of_one_cell_are_told_apart() -> None:
    # a PDF's cell, one body per line, read back as one line
    e = _run(
        """| TT | Nội dung | Chủ trì | Phối hợp | Thời hạn |
|---|---|---|---|---|
| 1 | Nâng cấp Trung tâm dữ liệu tỉnh | Sở Khoa học và Công nghệ | Sở Tài chính Công an tỉnh | Năm 2027 |
| 2 | Hỗ trợ doanh nghiệp | Sở Công Thương Sở Tài chính | Hiệp hội Doanh nghiệp tỉnh | Năm 2027 |
| 3 | Phủ sóng di động | Sở Y tế | Các doanh nghiệp viễn thông Ủy ban nhân dân các huyện | Năm 2027 |
| 4 | Tổng kết công tác xây dựng Đảng | Văn phòng Ủy ban nhân dân tỉnh | Các ban đảng Tỉnh ủy | Năm 2027 |
"""
    )
    assert [(t.lead, t.support) for t in e.tasks] == [
        (("Sở Khoa học và Công nghệ",), ("Sở Tài chính", "Công an tỉnh")),
        (("Sở Công Thương", "Sở Tài chính"), ("Hiệp hội Doanh nghiệp tỉnh",)),
        (("Sở Y tế",), ("Các doanh nghiệp viễn thông", "Ủy ban nhân dân các huyện")),
        # a name and its owner stay one body
        (("Văn phòng Ủy ban nhân dân tỉnh",), ("Các ban đảng Tỉnh ủy",)),
    ]


def test_the_body_given_the_work_leads_it() -> None:
    e = _run(
        """1. Ủy ban nhân dân tỉnh giao Công an tỉnh kiểm tra an toàn phòng cháy tại các chợ.
2. Ban Quản lý dự án giao thông tỉnh rà soát các công trình chậm tiến độ.

Bộ Y tế giao Cục Phòng bệnh theo dõi, hướng dẫn các địa phương triển khai./.
"""
    )
    # the unmarked closing paragraph stays no task (CONVENTIONS rule 3)
    assert [t.lead for t in e.tasks] == [("Công an tỉnh",), ("Ban Quản lý dự án giao thông tỉnh",)]


def test_two_months_or_quarters_in_running_text() -> None:
    e = _run(
        """1. Sở Tài chính sơ kết vào tháng 11 và tháng 12/2026.
2. Sở Y tế kiểm tra trong Quý II - III/2026.
3. Sở Tư pháp hoàn thành chậm nhất 30 ngày kể từ ngày Kế hoạch được ban hành.
"""
    )
    # the header dates the plan 05/3/2026
    assert [(t.deadline.date, t.deadline.alternatives) for t in e.tasks] == [
        (date(2026, 11, 30), (date(2026, 12, 31),)),
        (date(2026, 9, 30), ()),
        (date(2026, 4, 4), ()),
    ]


def test_a_youth_union_header_under_its_own_motto() -> None:
    e = extract(
        SourceText(
            """BAN CHẤP HÀNH ĐOÀN TỈNH AN HÒA          ĐOÀN TNCS HỒ CHÍ MINH
***
Số: 15-KH/TĐTN-PT                     An Hòa, ngày 20 tháng 5 năm 2027

KẾ HOẠCH
Tổ chức Chiến dịch Thanh niên tình nguyện hè năm 2027

1. Các huyện đoàn, thành đoàn tổ chức lễ ra quân Chiến dịch vào ngày 05/6/2027.
"""
        )
    )
    assert (e.meta.type, e.meta.number, e.meta.date) == ("Kế hoạch", "15-KH/TĐTN-PT", date(2027, 5, 20))
    assert e.meta.issuer is not None and e.meta.issuer.startswith("BAN CHẤP HÀNH ĐOÀN TỈNH AN HÒA")


def test_a_figure_reached_so_far_in_the_introduction_bounds_no_task() -> None:
    e = _run(
        """Đến hết tháng 6 năm 2026, tỷ lệ giải ngân vốn đầu tư công mới đạt 28,5% kế hoạch, thấp hơn
cùng kỳ năm 2025. Thủ tướng Chính phủ yêu cầu:

1. Bộ Tài chính tổng hợp tình hình giải ngân.
2. Bộ Xây dựng hướng dẫn, tháo gỡ vướng mắc về định mức trong tháng 9/2026.
"""
    )
    assert e.meta.default_deadline is None
    assert [t.deadline.date for t in e.tasks] == [None, date(2026, 9, 30)]


def test_an_item_that_points_to_the_appendix_tasks_is_none_itself() -> None:
    e = _run(
        """1. Các sở, ban, ngành theo chức năng, nhiệm vụ được giao triển khai các nhiệm vụ cụ thể tại Phụ
lục kèm theo Kế hoạch này.
2. Các đơn vị báo cáo kết quả theo mẫu tại Phụ lục kèm theo trước ngày 15/12/2026.
"""
    )
    # the second uses the appendix's form: a task
    assert [t.text[:20] for t in e.tasks] == ["Các đơn vị báo cáo k"]


def test_an_event_on_its_day_bounds_the_work() -> None:
    e = _run("1. Sở Giáo dục và Đào tạo khắc phục các điểm trường, bảo đảm khai giảng đúng ngày 05/9/2026.\n")
    assert [t.deadline.date for t in e.tasks] == [date(2026, 9, 5)]


def test_paragraphs_counted_in_words_are_items_that_take_the_introduction_bodies() -> None:
    e = _run(
        """Để hoàn thành mục tiêu đề ra, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các sở, ngành và địa
phương tập trung thực hiện các nhiệm vụ sau:

Thứ nhất, rà soát toàn bộ danh mục dự án chậm tiến độ, hoàn thành trong tháng 8/2027.

Thứ hai, các sở, ngành chủ động tháo gỡ vướng mắc thuộc thẩm quyền.

Ba là, kiểm tra việc bố trí vốn đối ứng.
"""
    )
    assert [t.text[:20] for t in e.tasks] == [
        "rà soát toàn bộ danh",
        "các sở, ngành chủ độ",
        "kiểm tra việc bố trí",
    ]
    first, second, third = e.tasks
    # the speaker of the introduction ("Chủ tịch … yêu cầu") is not who does the items
    assert first.lead == ("các sở, ngành và địa phương",) and third.lead == first.lead
    assert first.deadline.date == date(2027, 8, 31)
    assert second.lead == ("các sở, ngành",)


def test_points_counted_in_words_that_argue_are_no_tasks() -> None:
    e = _run(
        """1. Việc sáp nhập hai chương trình là cần thiết, với các lý do sau:
Thứ nhất, nguồn lực hiện nay còn phân tán;
Thứ hai, đối tượng thụ hưởng của hai chương trình trùng nhau;
2. Sở Tài chính chủ trì tổng hợp phương án sáp nhập.
"""
    )
    assert [t.text[:20] for t in e.tasks] == ["Sở Tài chính chủ trì"]


def test_a_weekday_between_the_hour_and_the_day_still_dates_it() -> None:
    e = _run(
        """1. Các đơn vị gửi báo cáo về Sở trước 16 giờ 00, thứ Sáu, ngày 14/5/2027 qua hộp thư điện tử.
2. Các đơn vị nộp hồ sơ chậm nhất 9h30, thứ 2, ngày 17/5/2027.
"""
    )
    assert [t.deadline.date for t in e.tasks] == [date(2027, 5, 14), date(2027, 5, 17)]


def test_a_purpose_clause_names_its_goal_year_not_a_bound() -> None:
    e = _run(
        """II. NHIỆM VỤ TRỌNG TÂM

Để hoàn thành mục tiêu tăng trưởng kinh tế năm 2027, Ủy ban nhân dân tỉnh yêu cầu các sở, ngành
thực hiện các nhiệm vụ sau:

1. Rà soát các dự án chậm giải ngân.
2. Tổ chức đối thoại doanh nghiệp trong quý III/2027.
"""
    )
    assert e.meta.default_deadline is None
    assert [t.deadline.date for t in e.tasks] == [None, date(2027, 9, 30)]


def test_a_long_topic_label_then_the_body_that_acts() -> None:
    e = _run(
        """1. Về vướng mắc trong thủ tục cấp giấy phép khai thác cát, sỏi lòng sông trên địa bàn tỉnh:
Sở Nông nghiệp và Môi trường hướng dẫn các huyện thực hiện theo trình tự rút gọn.
"""
    )
    assert e.tasks[0].lead == ("Sở Nông nghiệp và Môi trường",)


def test_a_unit_named_by_two_fields_keeps_its_lower_case_half() -> None:
    e = _run("- Biên soạn tài liệu tuyên truyền (Phòng Phổ biến, giáo dục pháp luật chủ trì).\n")
    assert e.tasks[0].lead == ("Phòng Phổ biến, giáo dục pháp luật",)
    # another body after the comma is one of its own
    e = _run("- Phòng Kinh tế, các xã kiểm tra an toàn thực phẩm tại các chợ.\n")
    assert e.tasks[0].lead == ("Phòng Kinh tế", "các xã")


def test_the_body_that_coordinates_may_come_before_its_cue() -> None:
    e = _run(
        """- Rà soát thủ tục hành chính nội bộ (Văn phòng Sở chủ trì; Phòng Kế hoạch - Tài chính phối hợp;
hoàn thành trong quý III/2027).
- Sở Y tế chủ trì, Sở Tài chính phối hợp thực hiện kiểm tra giá thuốc.
- Sở Công Thương phối hợp với Công an tỉnh kiểm tra thị trường.
- Sở Nội vụ chủ trì tổ chức hội nghị; đề nghị Ủy ban Mặt trận Tổ quốc tỉnh phối hợp thực hiện.
"""
    )
    first, second, third, fourth = e.tasks
    assert (first.lead, first.support) == (("Văn phòng Sở",), ("Phòng Kế hoạch - Tài chính",))
    assert first.deadline.date == date(2027, 9, 30)
    assert (second.lead, second.support) == (("Sở Y tế",), ("Sở Tài chính",))
    # "X phối hợp với Y làm …": X still does the work
    assert (third.lead, third.support) == (("Sở Công Thương",), ("Công an tỉnh",))
    # a body asked to coordinate is asked to act: it leads (CONVENTIONS rule 4)
    assert set(fourth.lead) == {"Sở Nội vụ", "Ủy ban Mặt trận Tổ quốc tỉnh"}


def test_work_given_in_the_passive_names_its_lead() -> None:
    e = _run(
        """- Tổ chức hội nghị sơ kết. Việc này do Văn phòng Sở chủ trì, Thanh tra Sở phối hợp thực hiện.
- Cập nhật cơ sở dữ liệu. Nhiệm vụ này do Trung tâm Công nghệ thông tin thực hiện hằng tháng.
- Cập nhật văn bản lên trang thông tin điện tử; việc này giao Văn phòng Sở thực hiện thường xuyên.
- Thành lập các tổ công tác do lãnh đạo chủ chốt làm tổ trưởng.
- Sở Tài chính rà soát các dự án do Ban Quản lý dự án tỉnh thực hiện.
"""
    )
    leads = [t.lead for t in e.tasks]
    assert leads[:3] == [("Văn phòng Sở",), ("Trung tâm Công nghệ thông tin",), ("Văn phòng Sở",)]
    assert e.tasks[0].support == ("Thanh tra Sở",)
    assert "lãnh đạo chủ chốt" not in " ".join(leads[3])
    # a clause about the projects names who carries them out, not who does the item
    assert leads[4] == ("Sở Tài chính",)


def test_before_a_quarter_is_before_it_opens() -> None:
    e = _run(
        """1. Sở Tài chính trình phương án sắp xếp trước quý III/2027.
2. Sở Xây dựng hoàn thành kiểm kê trong quý III/2027.
3. Sở Nội vụ tổng hợp trước Quý I năm 2028.
"""
    )
    assert [t.deadline.date for t in e.tasks] == [date(2027, 6, 30), date(2027, 9, 30), date(2027, 12, 31)]


def test_word_processor_glyph_bullets_are_items_and_nest_by_glyph() -> None:
    e = _run(
        """II. NHIỆM VỤ, GIẢI PHÁP
❖ Công tác chỉ đạo, điều hành
➢ Phòng Kinh tế tham mưu ban hành lịch thời vụ, hoàn thành trước ngày 20/4/2027.
➢ Ủy ban nhân dân các xã thành lập tổ kiểm tra đồng ruộng.
❖ Công tác tuyên truyền
➢ Hội Nông dân huyện tổ chức 10 lớp tập huấn trong tháng 5/2027.
"""
    )
    assert [(t.section, t.lead) for t in e.tasks] == [
        ("❖ Công tác chỉ đạo, điều hành", ("Phòng Kinh tế",)),
        ("❖ Công tác chỉ đạo, điều hành", ("Ủy ban nhân dân các xã",)),
        ("❖ Công tác tuyên truyền", ("Hội Nông dân huyện",)),
    ]
    assert [t.deadline.date for t in e.tasks] == [date(2027, 4, 19), None, date(2027, 5, 31)]


def test_a_heading_that_is_only_a_month_bounds_its_items() -> None:
    e = _run(
        """I. THÁNG 01/2027
1. Ban Chỉ huy Quân sự xã tổ chức giao nhận quân.
2. Công an xã tuần tra trước ngày 15/01/2027.
II. Quý II năm 2027
1. Văn phòng tổng hợp báo cáo.
III. Công tác tháng 3
1. Văn phòng lưu trữ hồ sơ.
"""
    )
    dates = [t.deadline.date for t in e.tasks]
    # "Công tác tháng 3" names a topic, not only a period: no bound
    assert dates == [date(2027, 1, 31), date(2027, 1, 14), date(2027, 6, 30), None]


def test_a_deadline_label_inside_an_item_dates_it() -> None:
    e = _run(
        """1. Sở Giáo dục và Đào tạo lựa chọn trường triển khai Chương trình. Thời hạn: 15/8/2026.
2. Sở Tài chính bố trí kinh phí. Thời hạn hoàn thành: trong tháng 10/2026.
"""
    )
    assert [t.deadline.date for t in e.tasks] == [date(2026, 8, 15), date(2026, 10, 31)]


def test_abbreviated_kinds_of_district_go_on_with_their_group() -> None:
    e = _run(
        """1. UBND các huyện, TX, TP bố trí cán bộ theo dõi.
2. Giao Sở GD&ĐT chủ trì, phối hợp Sở YT, UBND các huyện, TX, TP tổ chức kiểm tra.
"""
    )
    first, second = e.tasks
    assert first.lead == ("UBND các huyện, TX, TP",)
    assert second.lead == ("Sở GD&ĐT",) and second.support == ("Sở YT", "UBND các huyện, TX, TP")


def test_a_second_group_after_a_group_that_went_on_over_commas() -> None:
    e = _run(
        """Ban Thường vụ Huyện ủy yêu cầu các chi, đảng bộ cơ sở, các cơ quan, đơn vị thực hiện tốt
các nội dung sau:
1. Tuyên truyền sâu rộng Luật Nghĩa vụ quân sự.
"""
    )
    assert e.tasks[0].lead == ("các chi, đảng bộ cơ sở", "các cơ quan, đơn vị")
    # "các cấp …" addresses every level of the system at once: one addressee
    e = _run(
        """Trong quý IV, các cấp ủy đảng, chính quyền, các cơ quan, đơn vị tập trung thực hiện tốt
các nhiệm vụ sau:
1. Rà soát các chỉ tiêu chưa đạt.
"""
    )
    assert e.tasks[0].lead == ("các cấp ủy đảng, chính quyền, các cơ quan, đơn vị",)


def test_a_signer_whose_name_opens_with_a_one_letter_particle() -> None:
    e = extract(
        SourceText(
            """HUYỆN ỦY ĐẮK HÀ                            ĐẢNG CỘNG SẢN VIỆT NAM
Số 14-CT/HU                                 Đắk Hà, ngày 05 tháng 8 năm 2027

CHỈ THỊ
về công tác tuyển quân năm 2028

1. Ủy ban Kiểm tra Huyện ủy kiểm tra, giám sát việc thực hiện.

Nơi nhận:                                     T/M BAN THƯỜNG VỤ
- Lưu Văn phòng Huyện ủy.                            BÍ THƯ

                                              Y Ngọc
"""
        )
    )
    assert e.meta.signer == "Y Ngọc"


def test_a_closing_parenthesis_of_bodies_names_who_does_the_item() -> None:
    e = _run(
        """1. Hoàn thiện Đề án sắp xếp đơn vị sự nghiệp, trình trong tháng 11/2027 (Sở Nội vụ).
2. Rà soát kế hoạch vốn, xong trước 31/12 (Sở Tài chính, Sở Xây dựng).
3. Gửi báo cáo về Ủy ban nhân dân tỉnh (qua Sở Tài chính) trước ngày 20/11/2027.
4. Sở Y tế kiểm tra an toàn thực phẩm (trừ các xã đã kiểm tra).
"""
    )
    leads = [t.lead for t in e.tasks]
    assert leads[:2] == [("Sở Nội vụ",), ("Sở Tài chính", "Sở Xây dựng")]
    assert "Sở Tài chính" not in leads[2]  # "(qua Sở Tài chính)": where it is sent, not who does it
    assert leads[3] == ("Sở Y tế",)
    assert e.tasks[1].deadline.date == date(2026, 12, 30)


_RUN_ON_FIRST = (
    "1.1. Kiểm tra các cơ sở chăn nuôi. Trách nhiệm: Chi cục Bảo vệ môi trường; thời gian: Quý IV/2026.\n"
)
_RUN_ON_SECOND = (
    "1.2. Kiểm tra thu gom rác. Trách nhiệm: Phòng Quản lý chất thải chủ trì, Thanh tra Sở phối hợp;"
)


# on one line, and wrapped by the page after its ";" (the label in lower case goes on with it)
@pytest.mark.parametrize("joint", [" ", "\n"], ids=["one line", "wrapped"])
def test_fields_that_run_on_after_the_item_sentence(joint: str) -> None:
    e = _run(_RUN_ON_FIRST + _RUN_ON_SECOND + joint + "thời gian: tháng 10 - 11/2026.\n")
    first, second = e.tasks
    assert (first.lead, first.deadline.date) == (("Chi cục Bảo vệ môi trường",), date(2026, 12, 31))
    assert (second.lead, second.support) == (("Phòng Quản lý chất thải",), ("Thanh tra Sở",))
    assert second.deadline.date == date(2026, 11, 30)


def test_a_heading_over_a_bodys_duties_is_no_field() -> None:
    e = _run(
        """III. TỔ CHỨC THỰC HIỆN
1. Trách nhiệm của Sở Y tế:
- Hướng dẫn các cơ sở y tế triển khai Kế hoạch.
"""
    )
    assert [(t.text[:20], t.lead) for t in e.tasks] == [("Hướng dẫn các cơ sở ", ("Sở Y tế",))]


def test_a_list_of_bodies_ending_in_one_of_a_kind_the_lexicon_does_not_know() -> None:
    e = _run(
        """1. Đài Truyền hình Việt Nam, Thông tấn xã Việt Nam tăng cường thông tin về mùa mưa bão.
2. Sở Y tế, Sở Tài chính, Hãng phim Giải Phóng phối hợp sản xuất phim tài liệu.
3. Sở Y tế, Tổng hợp kết quả và báo cáo.
"""
    )
    leads = [t.lead for t in e.tasks]
    assert leads[0] == ("Đài Truyền hình Việt Nam", "Thông tấn xã Việt Nam")
    assert leads[1] == ("Sở Y tế", "Sở Tài chính", "Hãng phim Giải Phóng")
    assert "Tổng hợp kết quả" not in " ".join(leads[2])  # a capitalised verb opens no name


# the plan's one item, its closing, and an appendix after the signature
_ITEM_SIGNED = """1. Giao Sở Nội vụ theo dõi, đôn đốc việc thực hiện Kế hoạch.

Nơi nhận:
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn An

PHỤ LỤC
"""


def test_an_appendix_of_lists_under_body_headings_in_capitals() -> None:
    e = _run(
        "II. TỔ CHỨC THỰC HIỆN\n"
        + _ITEM_SIGNED
        + """NHIỆM VỤ CỤ THỂ CỦA CÁC CƠ QUAN, ĐƠN VỊ
(Kèm theo Kế hoạch số 12/KH-UBND ngày 02/3/2026 của Ủy ban nhân dân tỉnh)

A. SỞ TƯ PHÁP
1. Rà soát các văn bản quy phạm pháp luật; hoàn thành trong tháng 5/2026.
B. CÔNG AN TỈNH
1. Kiểm tra việc chấp hành pháp luật tại các cơ sở kinh doanh.
"""
    )
    got = [(t.text[:12], t.lead, t.section) for t in e.tasks]
    assert got[1:] == [
        ("Rà soát các ", ("SỞ TƯ PHÁP",), "A. SỞ TƯ PHÁP"),
        ("Kiểm tra việ", ("CÔNG AN TỈNH",), "B. CÔNG AN TỈNH"),
    ]
    assert e.tasks[1].deadline.date == date(2026, 5, 31)


def test_an_item_that_points_to_the_appendix_and_sets_work_of_its_own() -> None:
    e = _run(
        "1. Các sở, ngành thực hiện các nhiệm vụ cụ thể tại Phụ lục kèm theo.\n"
        "2. Các sở, ngành căn cứ nhiệm vụ được giao tại Phụ lục kèm theo, xây dựng kế hoạch của đơn vị, "
        "báo cáo kết quả trước ngày 15/12/2026.\n"
    )
    assert [t.text[:40] for t in e.tasks] == ["Các sở, ngành căn cứ nhiệm vụ được giao "]
    assert e.tasks[0].deadline.date == date(2026, 12, 14)


def test_a_short_name_given_in_a_parenthesis_is_no_part_of_the_body() -> None:
    e = _run(
        "1. Ủy ban nhân dân các huyện, thị xã, thành phố (sau đây gọi là Ủy ban nhân dân cấp huyện) "
        "rà soát thủ tục hành chính.\n"
        "2. Ủy ban nhân dân cấp huyện niêm yết công khai thủ tục hành chính.\n"
    )
    assert [t.lead for t in e.tasks] == [
        ("Ủy ban nhân dân các huyện, thị xã, thành phố",),
        ("Ủy ban nhân dân cấp huyện",),
    ]


def test_a_focal_point_field_names_the_lead_but_a_contact_line_does_not() -> None:
    e = _run(
        """1. Rà soát, chuẩn hóa cơ sở dữ liệu hộ tịch.
- Đầu mối: Phòng Hành chính tư pháp.
- Thời hạn: Quý I/2026.
"""
    )
    assert e.tasks[0].lead == ("Phòng Hành chính tư pháp",)
    assert e.tasks[0].deadline.date == date(2026, 3, 31)
    assert label_kind("Đầu mối liên hệ") is None  # a person to call, not who leads


def test_the_compact_form_work_dash_bodies_dash_bound() -> None:
    e = _run(
        "1. Cập nhật thủ tục hành chính lên Cổng Dịch vụ công quốc gia – Văn phòng Sở – thường xuyên.\n"
        "2. Kiểm tra việc số hóa tại một số xã – Thanh tra Sở chủ trì, Phòng Hành chính tư pháp phối hợp"
        " – tháng 9/2026.\n"
        "3. Sở Y tế kiểm tra an toàn thực phẩm – nhất là tại các chợ đầu mối – trong dịp Tết.\n"
    )
    first, second, third = e.tasks
    assert (first.lead, first.deadline.recurrence) == (("Văn phòng Sở",), "continuous")
    assert (second.lead, second.support) == (("Thanh tra Sở",), ("Phòng Hành chính tư pháp",))
    assert second.deadline.date == date(2026, 9, 30)
    assert third.lead == ("Sở Y tế",)  # dashes around an aside in a sentence: no compact form


def test_a_work_programmes_items_with_who_prepares_them() -> None:
    e = _run(
        """I. CÁC ĐỀ ÁN TRÌNH TỈNH ỦY
1. Đề án phát triển du lịch sinh thái giai đoạn 2026 - 2030.
- Cơ quan chuẩn bị: Sở Văn hóa, Thể thao và Du lịch.
- Thời gian trình: Tháng 02/2028.
2. Nghị quyết quy định mức chi hỗ trợ cộng tác viên dân số.
- Cơ quan soạn thảo: Sở Y tế.
- Thời gian trình: Tháng 3/2028.
"""
    )
    got = [(t.lead, t.deadline.date) for t in e.tasks]
    assert got == [
        (("Sở Văn hóa, Thể thao và Du lịch",), date(2028, 2, 29)),
        (("Sở Y tế",), date(2028, 3, 31)),
    ]


def test_the_items_lead_in_the_passive_after_its_comma() -> None:
    e = _run(
        "1. Rà soát nhu cầu nước sinh hoạt của các hộ dân, hoàn thành trước ngày 15/02/2026, do Sở Nông"
        " nghiệp và Môi trường chủ trì, phối hợp với Ủy ban nhân dân các huyện thực hiện.\n"
        "2. Sở Tài chính kiểm tra quyết toán các công trình, do Ban Quản lý dự án thực hiện.\n"
    )
    first, second = e.tasks
    assert (first.lead, first.support) == (("Sở Nông nghiệp và Môi trường",), ("Ủy ban nhân dân các huyện",))
    assert second.lead == ("Sở Tài chính",)  # "…, do X thực hiện" tells who built them


def test_phases_in_brackets_a_running_title_and_an_appendix_of_hotlines() -> None:
    e = _run(
        """II. NỘI DUNG
Giai đoạn 1 (từ nay đến hết năm 2026):
1. Trung tâm Kiểm soát bệnh tật tỉnh giám sát véc tơ tại các ổ dịch cũ.
2. Các bệnh viện tuyến tỉnh bố trí khu vực điều trị riêng.
                                                                                 3
Kế hoạch số 1520/KH-SYT
Giai đoạn 2 (năm 2027):
3. Phòng Nghiệp vụ Y tổng hợp kết quả, báo cáo Giám đốc Sở.

III. TỔ CHỨC THỰC HIỆN
Thủ trưởng các đơn vị trực thuộc Sở căn cứ Kế hoạch này tổ chức thực hiện.

Nơi nhận:
- Lưu: VT.
GIÁM ĐỐC

Hoàng Văn Minh

PHỤ LỤC
ĐƯỜNG DÂY NÓNG
(Kèm theo Kế hoạch số 1520/KH-SYT ngày 12/10/2026 của Sở Y tế)

1. Trung tâm Kiểm soát bệnh tật tỉnh: 0232.3822.115.
2. Bệnh viện đa khoa tỉnh: 0232 3828 555; 0913 456 789.
"""
    )
    got = [(t.text[:20], t.deadline.date) for t in e.tasks]
    assert got == [
        ("Trung tâm Kiểm soát ", date(2026, 12, 31)),
        ("Các bệnh viện tuyến ", date(2026, 12, 31)),  # no running title nor phase read into it
        ("Phòng Nghiệp vụ Y tổ", date(2027, 12, 31)),  # "(năm 2027)": the second phase's bound
        ("Thủ trưởng các đơn v", None),  # a phase's bound is not the whole document's
    ]
    assert "Kế hoạch số" not in e.tasks[1].text


def test_a_unit_a_parenthesis_names_inside_a_body_and_a_groups_members() -> None:
    e = _run(
        "1. Giao Sở Nội vụ (Ban Thi đua - Khen thưởng) theo dõi, đề xuất khen thưởng.\n"
        "2. Sở Y tế phối hợp với các nhà mạng (Viettel Nghệ An, VNPT Nghệ An) nhắn tin tuyên truyền.\n"
        "3. Giao Phòng Nội vụ (cơ quan thường trực) theo dõi, tổng hợp.\n"
    )
    first, second, third = e.tasks
    assert first.lead == ("Sở Nội vụ",)
    assert second.support == ("Viettel Nghệ An", "VNPT Nghệ An")
    assert third.lead[0].startswith("Phòng Nội vụ")  # a role in the parenthesis, no unit


def test_a_label_at_a_lines_end_goes_on_with_its_value_on_the_next() -> None:
    e = _run(
        "1.1. Kiểm tra việc thu gom chất thải rắn tại các xã. Trách nhiệm:\n"
        "Phòng Quản lý chất thải rắn chủ trì, Thanh tra Sở phối hợp; thời gian: tháng 10 -\n"
        "11/2026.\n"
        "1.2. Tổng hợp kết quả kiểm tra, báo cáo Giám đốc Sở.\n"
    )
    first = e.tasks[0]
    assert (first.lead, first.support) == (("Phòng Quản lý chất thải rắn",), ("Thanh tra Sở",))
    assert first.deadline.date == date(2026, 11, 30)
    assert len(e.tasks) == 2


def test_the_office_that_notifies_closes_but_the_office_given_work_leads() -> None:
    e = _run(
        """I. NỘI DUNG
1. Sở Tài chính bố trí kinh phí.
II. TỔ CHỨC THỰC HIỆN
Văn phòng Ủy ban nhân dân tỉnh theo dõi, đôn đốc, báo cáo Chủ tịch Ủy ban nhân dân tỉnh.
III. CÁC NỘI DUNG KHÁC
1. Sở Nội vụ rà soát biên chế. Văn phòng Ủy ban nhân dân tỉnh thông báo để các cơ quan biết, thực hiện./.
"""
    )
    assert [t.lead for t in e.tasks] == [
        ("Sở Tài chính",),
        ("Văn phòng Ủy ban nhân dân tỉnh",),
        ("Sở Nội vụ",),
    ]
    assert "thông báo" not in e.tasks[2].text


def test_the_documents_last_sentence_glued_to_its_last_item_is_no_part_of_it() -> None:
    e = _run(
        "1. Sở Tài chính tham mưu bố trí kinh phí hỗ trợ người dân.\n"
        "2. Sở Xây dựng chỉ đạo các đơn vị cấp nước lắp đặt bồn chứa trước ngày 01/3/2026.\n"
        "Yêu cầu Thủ trưởng các cơ quan, đơn vị, Chủ tịch Ủy ban nhân dân các huyện,\n"
        "thành phố nghiêm túc thực hiện./.\n"
    )
    assert e.tasks[1].lead == ("Sở Xây dựng",)
    assert "nghiêm túc" not in e.tasks[1].text


def test_an_inline_enumeration_the_page_wrapped_at_its_second_point() -> None:
    e = _run(
        "1. Sở Y tế tăng cường giám sát.\n"
        "2. Các sở, ngành tổ chức chiến dịch diệt lăng quăng, hoàn thành trong tháng 10/2026; (i) huy\n"
        "động người dân tham gia;\n"
        "(ii) kiểm tra, xử phạt các hộ gia đình không thực hiện.\n"
        "3. Giao Sở Tài chính:\n"
        "(i) Bố trí kinh phí;\n"
        "(ii) Hướng dẫn thanh quyết toán.\n"
    )
    texts = [t.text[:16] for t in e.tasks]
    assert texts == ["Sở Y tế tăng cườ", "Các sở, ngành tổ", "Bố trí kinh phí;", "Hướng dẫn thanh "]
    assert "(ii) kiểm tra" in e.tasks[1].text


def test_an_appendix_of_criteria_lists_no_tasks() -> None:
    e = _run(
        _ITEM_SIGNED
        + """TIÊU CHÍ CHẤM ĐIỂM THI ĐUA
(Kèm theo Kế hoạch số 12/KH-UBND ngày 02/3/2026 của Ủy ban nhân dân tỉnh)

1. Ban hành kế hoạch thực hiện đúng thời hạn: 10 điểm.
2. Tổ chức tuyên truyền đến 100% cơ quan, đơn vị: 15 điểm.
"""
    )
    assert [t.text[:20] for t in e.tasks] == ["Giao Sở Nội vụ theo "]


def test_a_contact_line_is_read_without_a_backtracking_pattern() -> None:
    from dondoc.extract.tasks import _contact_line

    assert _contact_line("Bệnh viện đa khoa tỉnh: 0232 3828 555; 0913 456 789.")
    assert not _contact_line("Thực hiện chế độ báo cáo; điện thoại: 0256.3822.115.")
    assert not _contact_line("Sở Y tế: " + "1 " * 50_000 + "x")  # a hostile run of digits: read once


def test_a_plural_kind_of_place_with_its_names_is_one_body() -> None:
    e = _run(
        "1. Các huyện Krông Nô, Đắk Glong hỗ trợ hộ dân cải tạo nhà sàn.\n"
        "2. Ủy ban nhân dân các xã Ea Tul, Cư Né và Ea Sin, Sở Y tế tổ chức tiêm phòng.\n"
        "3. Đài Truyền hình Việt Nam, Hãng phim Giải Phóng tăng cường tuyên truyền.\n"
    )
    assert e.tasks[0].lead == ("Các huyện Krông Nô, Đắk Glong",)
    assert e.tasks[1].lead == ("Ủy ban nhân dân các xã Ea Tul, Cư Né và Ea Sin", "Sở Y tế")
    assert e.tasks[2].lead == ("Đài Truyền hình Việt Nam", "Hãng phim Giải Phóng")  # bodies of their own


def test_a_letters_addressees_under_a_misread_kinh_gui_are_no_tasks() -> None:
    letter = "HUYỆN ỦY AN HÒA\n*\nSố 145-CV/HU\nĐẢNG CỘNG SẢN VIỆT NAM\nAn Hòa, ngày 03 tháng 6 năm 2026\n"
    text = (
        letter
        + "V/v phòng, chống hạn\n"
        + (
            "\nKính gứi:\n- Các chi, đảng bộ cơ sở;\n- Các cơ quan tham mưu, giúp việc Huyện ủy.\n\n"
            "Ban Thường vụ Huyện ủy yêu cầu:\n"
            "1. Các chi, đảng bộ cơ sở rà soát diện tích cây trồng thiếu nước.\n"
            "2. Giao Văn phòng Huyện ủy theo dõi, đôn đốc.\n"
        )
    )
    e = extract(SourceText(text))
    assert e.meta.addressees == ("Các chi, đảng bộ cơ sở", "Các cơ quan tham mưu, giúp việc Huyện ủy")
    assert [t.text[:14] for t in e.tasks] == ["Các chi, đảng ", "Giao Văn phòng"]


def test_any_office_that_says_for_whom_it_notifies_closes_the_notice() -> None:
    e = _run(
        "II. NHIỆM VỤ THỜI GIAN TỚI\n"
        "1. Giao phòng Kế hoạch - Tài chính rà soát nhu cầu mua sắm trang thiết bị.\n"
        "2. Văn phòng Sở thông báo lịch trực Tết cho các phòng trước ngày 20/01/2027.\n"
        "3. Yêu cầu các phòng, đơn vị thuộc Sở thực hiện chế độ báo cáo hằng tháng.\n\n"
        "Văn phòng Sở thông báo để các phòng, đơn vị biết, thực hiện./.\n"
    )
    assert [t.lead for t in e.tasks] == [
        ("phòng Kế hoạch - Tài chính",),
        ("Văn phòng Sở",),  # told to notify: its own task
        ("các phòng, đơn vị thuộc Sở",),
    ]
    assert "biết, thực hiện" not in e.tasks[2].text


def test_an_item_with_its_fields_on_its_own_line_shares_no_field_line_below() -> None:
    e = _run(
        "1. Giao Sở Giáo dục và Đào tạo lựa chọn trường triển khai Chương trình. Thời hạn: 15/8/2027.\n"
        "2. Sở Tài chính tham mưu bố trí kinh phí đối ứng năm 2028.\n"
        "Thời hạn hoàn thành: trong tháng 10/2027.\n"
        "3. Sở Y tế kiểm tra chất lượng sữa.\n"
        "4. Các trường mầm non tổ chức cho trẻ uống sữa.\n"
        "Thời hạn: trong tháng 9/2027.\n"
    )
    assert [t.deadline.date for t in e.tasks] == [
        date(2027, 8, 15),
        date(2027, 10, 31),
        date(2027, 9, 30),  # a field line after several items governs each back to the last block
        date(2027, 9, 30),
    ]


def test_a_short_numbered_topic_without_a_colon_heads_the_paragraph_under_it() -> None:
    e = _run(
        "II. NHIỆM VỤ CỤ THỂ\n"
        "1. Công tác tuyên truyền\n"
        "1.1. Sở Văn hóa, Thể thao và Du lịch tổ chức tuyên truyền trong quý I/2027.\n"
        "2. Công tác kiểm tra\n"
        "Tổ giúp việc Ban Chỉ đạo chủ trì, phối hợp với Ủy ban Kiểm tra Tỉnh ủy kiểm tra tại 03 đảng bộ; "
        "hoàn thành trong quý III/2027.\n"
    )
    assert [(t.section, t.text[:20]) for t in e.tasks] == [
        ("1. Công tác tuyên truyền", "Sở Văn hóa, Thể thao"),
        ("2. Công tác kiểm tra", "Tổ giúp việc Ban Chỉ"),
    ]
    assert e.tasks[1].lead == ("Tổ giúp việc Ban Chỉ đạo",)


def test_a_wrapped_body_or_work_is_no_topic_heading() -> None:
    e = _run(
        "1. Nhiệm vụ của các cơ quan:\n"
        "a) Phối hợp Sở Nội vụ *(Ban\n"
        "Thi đua - Khen thưởng) *tiến hành họp xét, đánh giá thi đua của các tập thể, cá nhân.\n"
        "**2. Sở\n"
        "Khoa học và Công nghệ**\n"
        "Là cơ quan thường trực, chủ trì tham mưu Ủy ban nhân dân tỉnh tổng kết Đề án.\n"
    )
    assert "Thi đua - Khen thưởng" in e.tasks[0].text
    assert e.tasks[1].lead == ("Sở Khoa học và Công nghệ",)


def test_a_paragraph_under_a_funding_heading_that_names_no_one_is_no_task() -> None:
    e = _run(
        "II. NHIỆM VỤ\n"
        "1. Trung tâm Kiểm soát bệnh tật tỉnh lấy mẫu xét nghiệm nhanh tại các chợ đầu mối.\n"
        "2. Báo và Phát thanh, Truyền hình Kiên Giang mở chuyên mục về an toàn thực phẩm.\n"
        "III. KINH PHÍ\n"
        "Từ nguồn ngân sách sự nghiệp y tế năm 2026 đã được giao cho Sở Y tế.\n"
        "IV. KINH PHÍ THỰC HIỆN\n"
        "Sở Tài chính bố trí kinh phí thực hiện Kế hoạch trong dự toán năm 2027.\n"
    )
    assert [t.lead for t in e.tasks] == [
        ("Trung tâm Kiểm soát bệnh tật tỉnh",),
        ("Báo và Phát thanh, Truyền hình Kiên Giang",),  # a province's merged press: one body
        ("Sở Tài chính",),  # the funding handed to a body: a task
    ]


def test_a_role_mark_after_a_group_with_a_comma_keeps_the_group_whole() -> None:
    from dondoc.extract.tasks import _roles_in_cell

    cell = "Sở Khoa học và Công nghệ (chủ trì); Ủy ban nhân dân các huyện, thành phố (phối hợp)"
    assert _roles_in_cell(cell) == (["Sở Khoa học và Công nghệ"], ["Ủy ban nhân dân các huyện, thành phố"])
    assert _roles_in_cell("Sở Y tế (chủ trì), Sở Tài chính (phối hợp)") == (["Sở Y tế"], ["Sở Tài chính"])


def test_a_one_line_kinh_gui_ends_at_the_blank_line_and_cac_cap_uy_points_back_at_it() -> None:
    letter = (
        "TỈNH ỦY AN HÒA\nBAN TỔ CHỨC\n*\nSố 215-CV/BTCTU\nV/v chuẩn bị nhân sự cấp ủy\n"
        "ĐẢNG CỘNG SẢN VIỆT NAM\nAn Hòa, ngày 02 tháng 11 năm 2027\n\n"
        "Kính gửi: Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy\n\n"
        "Thực hiện Kế hoạch số 88-KH/TU ngày 15/10/2027 của Ban Thường vụ Tỉnh ủy, Ban Tổ chức Tỉnh ủy "
        "đề nghị các cấp ủy:\n\n"
        "1. Rà soát, bổ sung quy hoạch cấp ủy; gửi hồ sơ về Ban Tổ chức Tỉnh ủy trước ngày 30/11/2027.\n"
        "2. Báo cáo kết quả thực hiện bằng văn bản trong tháng 12/2027.\n"
    )
    addressed = ("Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy",)
    # as typed, and as a Word file gives it: a paragraph a line, no blank line between
    for text in (letter, letter.replace("\n\n", "\n")):
        e = extract(SourceText(text))
        assert e.meta.addressees == addressed
        assert [t.lead for t in e.tasks] == [addressed, addressed]
        assert e.tasks[0].deadline.date == date(2027, 11, 29)


def test_a_field_label_after_a_clause_gives_the_items_date() -> None:
    """ "…; thời gian: tháng 9/2026", "…, thời gian hoàn thành: quý III/2026": the field runs
    on after a semicolon or a comma, in lower case, as it does after a full stop."""
    e = _run(
        """1. Sở Nội vụ rà soát biên chế các cơ quan hành chính; thời gian: tháng 9/2026.
2. Đảng ủy Ủy ban nhân dân tỉnh lãnh đạo quán triệt Nghị quyết; thời hạn: tháng 10/2026.
3. Sở Tài chính tổng hợp nhu cầu kinh phí, thời gian hoàn thành: quý III/2026.
4. Sở Y tế rà soát cơ sở khám bệnh, chữa bệnh, xong trong tháng 11/2026.
"""
    )
    assert [(t.lead, t.deadline.date) for t in e.tasks] == [
        (("Sở Nội vụ",), date(2026, 9, 30)),
        (("Đảng ủy Ủy ban nhân dân tỉnh",), date(2026, 10, 31)),
        (("Sở Tài chính",), date(2026, 9, 30)),
        (("Sở Y tế",), date(2026, 11, 30)),
    ]


def test_before_a_year_is_the_last_day_of_the_year_before() -> None:
    """ "trước năm 2028" as "trước tháng 8" and "trước quý III": before the period opens."""
    e = _run(
        """1. Sở Xây dựng hoàn thành xóa nhà tạm trước năm 2028.
2. Sở Xây dựng hoàn thành quy hoạch trước quý III/2027.
3. Sở Xây dựng hoàn thành đề án trong năm 2027.
"""
    )
    assert [t.deadline.date for t in e.tasks] == [date(2027, 12, 31), date(2027, 6, 30), date(2027, 12, 31)]


def test_a_body_ends_before_it_keeps_watch() -> None:
    """ "Công an tỉnh nắm tình hình …": "nắm" is the body's verb, not a word of its name."""
    e = _run(
        """1. Sở Dân tộc và Tôn giáo phối hợp với Công an tỉnh nắm tình hình vùng đồng bào dân tộc thiểu số.
2. Công an tỉnh nắm chắc tình hình an ninh nông thôn, kịp thời xử lý vụ việc phức tạp.
"""
    )
    assert [(t.lead, t.support) for t in e.tasks] == [
        (("Sở Dân tộc và Tôn giáo",), ("Công an tỉnh",)),
        (("Công an tỉnh",), ()),
    ]


def test_a_steering_committee_is_named_for_its_field_commas_and_verbs_included() -> None:
    """ "Ban Chỉ đạo phòng, chống tham nhũng, lãng phí, tiêu cực tỉnh": the field's commas,
    "và" and verbs are the name's, up to the territory that closes it, or after "về" up to
    the committee's verb. The committee's own verb right after it stays a verb."""
    e = _run(
        """1. Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh lập đề án.
2. Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, lãng phí, tiêu cực chỉ đạo xử lý các vụ việc.
3. Sở Nội vụ phối hợp với Ban Chỉ đạo cải cách hành chính tỉnh, Sở Tư pháp kiểm tra thủ tục hành chính.
4. Ban chỉ đạo phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số huyện khẩn trương tổng kết.
5. Ban Chỉ đạo chỉ đạo các xã rà soát hộ nghèo.
6. Sở Tài chính báo cáo Ban Chỉ đạo tỉnh về kết quả thực hiện.
7. Sở Nội vụ phối hợp với Thường trực Ban Chỉ đạo cải cách hành chính tỉnh, Sở Tư pháp rà soát.
"""
    )
    assert [(t.lead, t.support) for t in e.tasks] == [
        (("Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh",), ()),
        (("Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, lãng phí, tiêu cực",), ()),
        (("Sở Nội vụ",), ("Ban Chỉ đạo cải cách hành chính tỉnh", "Sở Tư pháp")),
        (("Ban chỉ đạo phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số huyện",), ()),
        (("Ban Chỉ đạo",), ()),
        (("Sở Tài chính",), ()),
        (("Sở Nội vụ",), ("Thường trực Ban Chỉ đạo cải cách hành chính tỉnh", "Sở Tư pháp")),
    ]


def test_a_role_in_parentheses_is_no_part_of_the_bodys_name() -> None:
    """ "Sở Khoa học và Công nghệ (cơ quan thường trực Ban Chỉ đạo)": the body is the Sở."""
    e = _run(
        """1. Sở Khoa học và Công nghệ (cơ quan thường trực Ban Chỉ đạo) tham mưu xây dựng kế hoạch năm 2027.
2. Giao Sở Nội vụ (cơ quan đầu mối) chủ trì, phối hợp với Sở Tài chính (cơ quan thường trực) tổng hợp.
"""
    )
    assert [(t.lead, t.support) for t in e.tasks] == [
        (("Sở Khoa học và Công nghệ",), ()),
        (("Sở Nội vụ",), ("Sở Tài chính",)),
    ]


def test_a_scope_after_the_subject_leaves_it_the_subject() -> None:
    """ "Các sở, ngành theo thẩm quyền | xử lý …": "theo" and its scope qualify the subject,
    whose verb comes after them."""
    e = _run(
        """1. Các thành viên Ban Chỉ đạo tỉnh theo lĩnh vực được phân công chủ động triển khai các nhiệm vụ.
2. Các sở, ngành theo thẩm quyền kịp thời xử lý vi phạm.
3. Sở Y tế theo dõi tình hình dịch bệnh.
"""
    )
    assert [t.lead for t in e.tasks] == [
        ("Các thành viên Ban Chỉ đạo tỉnh",),
        ("Các sở, ngành",),
        ("Sở Y tế",),
    ]


def test_a_station_a_team_or_a_branch_leads_when_its_name_follows() -> None:
    """ "Trạm Y tế xã", "Hạt Kiểm lâm", "Đội Quản lý thị trường số 3": heads of a commune's
    and a field's units, a body only before a capitalised name ("Đội ngũ cán bộ" is none)."""
    e = _run(
        """1. Trạm Y tế xã phối hợp với Trường Tiểu học Tân Lập tổ chức tiêm chủng.
2. Hạt Kiểm lâm khu vực I chủ trì tuần tra bảo vệ rừng.
3. Đội Quản lý thị trường số 3 kiểm tra các cơ sở kinh doanh.
4. Sở Công Thương và Chi nhánh Điện lực huyện bảo đảm cấp điện.
5. Đội ngũ cán bộ, công chức phải nâng cao năng lực.
"""
    )
    assert [(t.lead, t.support) for t in e.tasks] == [
        (("Trạm Y tế xã",), ("Trường Tiểu học Tân Lập",)),
        (("Hạt Kiểm lâm khu vực I",), ()),
        (("Đội Quản lý thị trường số 3",), ()),
        (("Sở Công Thương", "Chi nhánh Điện lực huyện"), ()),
        ((), ()),
    ]


def test_an_appendix_tables_title_is_its_section_and_its_column_numbers_no_task() -> None:
    """A Word appendix read as a markdown table: the title in capitals above it is the
    section of its rows (as when the table is read a cell per line), and the row numbering
    its columns "(1) | (2) | …" is no task."""
    e = _run(
        """I. NHIỆM VỤ
1. Sở Nội vụ chủ trì tổng hợp.

PHỤ LỤC
MỘT SỐ NHIỆM VỤ TRỌNG TÂM NĂM 2027
(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/3/2026)

| TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện |
|---|---|---|---|---|
|  | (1) | (2) | (3) | (4) |
| 1 | Rà soát quy hoạch khoáng sản | Sở Nông nghiệp và Môi trường | Sở Xây dựng | Quý II/2027 |
| 2 | Kiểm tra các mỏ đang khai thác | Sở Công Thương | Công an tỉnh | Quý III/2027 |
"""
    )
    rows = [t for t in e.tasks if t.section == "MỘT SỐ NHIỆM VỤ TRỌNG TÂM NĂM 2027"]
    assert [(t.lead, t.deadline.date) for t in rows] == [
        (("Sở Nông nghiệp và Môi trường",), date(2027, 6, 30)),
        (("Sở Công Thương",), date(2027, 9, 30)),
    ]
    assert len(e.tasks) == 3 and not any(t.text.startswith("(") for t in e.tasks)
    # the note run on after the title on its line, as a PDF's text may read it
    joined = _run(
        """PHỤ LỤC
NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2027 (Kèm theo Kế hoạch số 12/KH-UBND ngày 05/3/2026)

| TT | Tên nhiệm vụ | Cơ quan chủ trì | Thời gian thực hiện |
|---|---|---|---|
| 1 | Số hóa hồ sơ thủ tục hành chính | Văn phòng Sở | Quý II/2027 |
"""
    )
    assert [t.section for t in joined.tasks] == ["NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2027"]


def test_a_request_under_a_bodys_heading_is_led_by_that_body() -> None:
    """ "2. Sở X: - Yêu cầu các đơn vị … lắp đặt …": the Sở asks, and leads; without a body
    above, those asked lead ("Yêu cầu nhà thầu thi công bố trí …")."""
    e = _run(
        """1. Sở Nông nghiệp và Môi trường
- Yêu cầu các đơn vị hoạt động khai thác khoáng sản lắp đặt thiết bị giám sát.
- Tổ chức rà soát các mỏ khoáng sản.
2. Yêu cầu các nhà thầu thi công bố trí cán bộ chuyên trách an toàn.
"""
    )
    assert [t.lead for t in e.tasks] == [
        ("Sở Nông nghiệp và Môi trường",),
        ("Sở Nông nghiệp và Môi trường",),
        ("các nhà thầu thi công",),
    ]


def test_a_body_named_by_its_field_and_territory_leads_before_any_verb() -> None:
    """ "Thống kê tỉnh" (the 2025 name of a province's statistics office) opens with the verb
    "thống kê", but the head is longer than the verb: the body, whatever verb follows."""
    e = _run(
        """II. NHIỆM VỤ
1. Thống kê tỉnh phối hợp với Sở Tài chính cung cấp số liệu kịp thời.
2. Thống kê số liệu về lao động việc làm, báo cáo Sở Nội vụ.
"""
    )
    assert [(t.lead, t.support) for t in e.tasks] == [(("Thống kê tỉnh",), ("Sở Tài chính",)), ((), ())]


def test_trinh_and_chong_end_a_body_and_stay_inside_nouns() -> None:
    """ "Sở Nội vụ | trình …" and "Bộ đội Biên phòng tỉnh | chống buôn lậu": the verbs end the
    name; "công trình", "chương trình" are nouns inside one."""
    e = _run(
        """II. NHIỆM VỤ
1. Sở Nội vụ trình Ủy ban nhân dân tỉnh đề án sắp xếp đơn vị sự nghiệp trong tháng 5/2027.
2. Sở Y tế phối hợp Bộ đội Biên phòng tỉnh chống dịch bệnh qua biên giới.
3. Ban Quản lý dự án các công trình giao thông tỉnh đẩy nhanh tiến độ giải ngân.
4. Ban Điều hành chương trình mục tiêu quốc gia tỉnh kiểm tra tiến độ các dự án.
"""
    )
    assert [(t.lead, t.support) for t in e.tasks] == [
        (("Sở Nội vụ",), ()),
        (("Sở Y tế",), ("Bộ đội Biên phòng tỉnh",)),
        (("Ban Quản lý dự án các công trình giao thông tỉnh",), ()),
        (("Ban Điều hành chương trình mục tiêu quốc gia tỉnh",), ()),
    ]


def test_a_short_assessment_heading_that_opens_with_a_verbs_word_holds_no_task() -> None:
    """ "1. Đánh giá chung" (the verb "đánh giá" as a part's name) then the assessment: no
    task; "3. Đánh giá, tổng kết việc thực hiện" wrapped onto its next line stays one."""
    e = _run(
        """1. Đánh giá chung
Trong 5 tháng đầu năm 2026, tỷ lệ giải ngân vốn đầu tư công của tỉnh đạt 28,5% kế hoạch, cao hơn cả nước.
2. Nhiệm vụ thời gian tới
a) Các chủ đầu tư tập trung đẩy nhanh tiến độ thi công.
b) Sở Tài chính đánh giá, tổng kết việc thực hiện
Kế hoạch vào cuối năm 2026.
"""
    )
    assert [t.text[:22] for t in e.tasks] == ["Các chủ đầu tư tập tru", "Sở Tài chính đánh giá,"]
    assert e.tasks[1].text.endswith("cuối năm 2026.")


def test_partners_named_with_cung_giua_and_an_announcing_group() -> None:
    """ "X chủ trì cùng Y", "… các phường cùng các đơn vị có liên quan, tổ chức …", "phối
    hợp giữa các cơ quan: Sở A, Sở B", "chính quyền địa phương, các cơ quan chức năng": the
    partners, each a body of its own; "các cơ quan cùng cấp" is one."""
    e = _run(
        """II. NHIỆM VỤ
1. Bộ Tài chính chủ trì cùng Bộ Xây dựng và các bộ, ngành liên quan rà soát các dự án.
2. Giao Sở Xây dựng chủ trì, phối hợp với Công an tỉnh, Ủy ban nhân dân các phường, xã,
đặc khu cùng các đơn vị có liên quan, tổ chức khảo sát hiện trạng.
3. Sở Y tế phối hợp với các cơ quan cùng cấp kiểm tra các cơ sở.
4. Công an tỉnh thường xuyên phối hợp với chính quyền địa phương, các cơ quan chức năng bảo vệ rừng.
5. Thanh tra tỉnh tăng cường phối hợp giữa các cơ quan: Sở Công Thương, Sở Xây dựng, Công an
tỉnh trong công tác kiểm tra.
6. Sở Y tế cử chuyên viên phối hợp với Ủy ban nhân dân xã, phường thống nhất thời gian, địa điểm.
"""
    )
    assert [t.support for t in e.tasks] == [
        ("Bộ Xây dựng", "các bộ, ngành liên quan"),
        ("Công an tỉnh", "Ủy ban nhân dân các phường, xã, đặc khu", "các đơn vị có liên quan"),
        ("các cơ quan cùng cấp",),
        ("chính quyền địa phương", "các cơ quan chức năng"),
        ("Sở Công Thương", "Sở Xây dựng", "Công an tỉnh"),
        ("Ủy ban nhân dân xã, phường",),
    ]


def test_a_long_list_of_leads_is_read_to_its_end() -> None:
    """Each body's name is bounded in length, not the list: the eleventh body of a list of
    leads is read as the first."""
    bodies = [f"Sở {name}" for name in ("Y tế", "Tư pháp", "Nội vụ", "Xây dựng", "Công Thương")] + [
        "Viện kiểm sát nhân dân tỉnh",
        "Tòa án nhân dân tỉnh",
        "Thuế tỉnh",
        "Kho bạc Nhà nước khu vực XI",
        "Ngân hàng Nhà nước khu vực 8",
        "Chi cục Hải quan khu vực XI",
    ]
    e = _run("1. Đề nghị " + ", ".join(bodies) + " phối hợp thực hiện tốt Kế hoạch.\n")
    assert e.tasks[0].lead == tuple(bodies)


def test_a_closing_request_that_points_back_at_the_work_is_no_part_of_the_last_item() -> None:
    """ "Chủ tịch Ủy ban nhân dân tỉnh đề nghị các cơ quan, đơn vị … thực hiện đầy đủ các
    nội dung chỉ đạo nêu trên …": the closing, though its end mark comes lines later."""
    e = _run(
        """1. Sở Y tế rà soát các cơ sở.
- Trên cơ sở kết quả
rà soát, Sở Xây dựng chủ trì xây dựng phương án. Thời gian hoàn thành trong tháng 12 năm 2026.
Chủ tịch Ủy ban nhân dân
tỉnh đề nghị các cơ quan, đơn vị khẩn trương, nghiêm túc triển khai thực
hiện đầy đủ các nội dung chỉ đạo nêu trên theo thẩm quyền và quy định pháp
luật. Trường hợp có khó khăn, vướng mắc trong quá trình thực hiện, đề nghị các
cơ quan, đơn vị có văn bản báo cáo gửi Sở Xây dựng để tổng hợp, tham mưu, đề
xuất trình Ủy ban nhân dân tỉnh xem xét./.
"""
    )
    assert e.tasks[-1].lead == ("Sở Xây dựng",)
    assert e.tasks[-1].text.endswith("trong tháng 12 năm 2026.")


def test_a_head_with_its_group_then_another_group_after_a_comma() -> None:
    """ "UBND các xã, phường, các cơ quan, đơn vị có liên quan": the communes' committees,
    then the catch-all, two bodies (as "các xã, phường, các cơ quan …" is)."""
    e = _run("1. Căn cứ Kế hoạch này, UBND các xã, phường, các cơ quan, đơn vị có liên quan triển khai.\n")
    assert e.tasks[0].lead == ("UBND các xã, phường", "các cơ quan, đơn vị có liên quan")


def test_a_body_after_a_lower_case_opener_past_a_semicolon_leads_too() -> None:
    """ "…; đồng thời UBND phường Âu Lâu đề xuất …": a second subject, after its opener written
    in lower case with no comma (CONVENTIONS rule 4: every sentence's subject leads)."""
    e = _run(
        "1. Giao Sở Công Thương chủ trì rà soát hiện trạng cụm công nghiệp, đề xuất phương án di dời"
        " các doanh nghiệp; đồng thời UBND phường Âu Lâu đề xuất mở rộng cụm công nghiệp lên 75ha.\n"
        "2. Sở Xây dựng rà soát quy hoạch; đồng thời hướng dẫn các địa phương thực hiện.\n"
    )
    assert [t.lead for t in e.tasks] == [("Sở Công Thương", "UBND phường Âu Lâu"), ("Sở Xây dựng",)]


def test_a_cycle_alone_under_a_phase_heading_takes_the_phases_end() -> None:
    """ "1. Giai đoạn 2026 - 2030" above an item whose only time phrase is a cycle ("định kỳ
    hằng năm"): the phase's end, a hard date (CONVENTIONS rules 10 and 11); "thường xuyên"
    stays open-ended."""
    e = _run(
        """II. NHIỆM VỤ
1. Giai đoạn 2026 - 2030
- Sở Tài chính kiểm tra, đánh giá và điều chỉnh chính sách: định kỳ hằng năm đánh giá tiến độ.
- Sở Nội vụ theo dõi việc thực hiện, thường xuyên.
"""
    )
    assert [(t.deadline.date, t.deadline.recurrence) for t in e.tasks] == [
        (date(2030, 12, 31), None),
        (None, "continuous"),
    ]


def test_a_letters_addressees_on_one_line_parted_by_semicolons() -> None:
    """ "Kính gửi: Các sở, ban, ngành tỉnh; UBND các xã, phường.": two addressees, each a
    lead of the items the letter asks of them."""
    text = header("845/UBND-KT", kind="", title="") + (
        "\nKính gửi: Các sở, ban, ngành tỉnh; UBND các xã, phường.\n\n"
        "Chủ tịch UBND tỉnh đề nghị các đơn vị:\n"
        "1. Rà soát khả năng giải ngân của từng dự án, đề xuất điều chuyển vốn trước ngày 31/8/2026.\n"
    )
    e = extract(SourceText(text))
    assert e.meta.addressees == ("Các sở, ban, ngành tỉnh", "UBND các xã, phường")
    assert e.tasks[0].lead == ("Các sở, ban, ngành tỉnh", "UBND các xã, phường")


def test_an_item_of_a_criteria_section_that_hands_a_named_body_work_is_a_task() -> None:
    """Inside "3. Tiêu chí đánh giá, xếp loại", "a) Trên cơ sở kết quả …, giao Sở Y tế thành
    lập đoàn kiểm tra … (Chi tiết theo Phụ lục đính kèm)" is a task; the criterion beside it
    is not (CONVENTIONS rule 2), nor is an item that only sends the reader to the appendix."""
    e = _run(
        """II. NỘI DUNG
1. Các xã, phường tổ chức chi trả trợ cấp không dùng tiền mặt.
2. Thực hiện các nội dung thi đua (chi tiết tại Phụ lục kèm theo).
3. Tiêu chí đánh giá, xếp loại
a) Trên cơ sở kết quả thực hiện các chỉ tiêu, giao Sở Y tế thành lập đoàn kiểm tra, đánh giá
kết quả thực hiện (Chi tiết theo Phụ lục đính kèm);
b) Đạt 100% chỉ tiêu được xếp loại xuất sắc.
"""
    )
    assert [(t.text[:20], t.lead) for t in e.tasks] == [
        ("Các xã, phường tổ ch", ("Các xã, phường",)),
        ("Trên cơ sở kết quả t", ("Sở Y tế",)),
    ]


def test_hop_ends_a_councils_name() -> None:
    e = _run("1. Hội đồng Thi đua - Khen thưởng tỉnh họp xét, đề nghị khen thưởng trước ngày 15/12/2026.\n")
    assert e.tasks[0].lead == ("Hội đồng Thi đua - Khen thưởng tỉnh",)


def test_a_web_tables_group_rows_head_their_rows_when_the_numbering_restarts() -> None:
    """A web page's table, a cell per line between "|" lines: group rows ("I" | "KIỆN TOÀN
    …", "II" | "TRIỂN KHAI …") head the rows after them, though each group numbers from 1."""
    # each cell on its line, a "|" line after it; a row ends with an empty cell ("|" twice)
    cells = [
        "TT", "Nội dung thực hiện", "Cơ quan chủ trì", "Thời gian hoàn thành", "",
        "**I**", "**KIỆN TOÀN BỘ MÁY CHỈ ĐẠO**", "",
        "1", "Tổ chức lại Ban Chỉ huy Phòng thủ dân sự cấp tỉnh", "Bộ Chỉ huy Quân sự tỉnh",
        "Trước ngày 30/11/2026", "",
        "**II**", "**TRIỂN KHAI VĂN BẢN QUY PHẠM PHÁP LUẬT**", "",
        "1", "Hướng dẫn nội dung chi đặc thù", "Sở Tài chính", "Năm 2027", "",
    ]  # fmt: skip
    e = _run("|\n" + "".join(f"{c}\n|\n" if c else "|\n" for c in cells))
    assert [(t.text[:20], t.section, t.lead) for t in e.tasks] == [
        ("Tổ chức lại Ban Chỉ ", "I. KIỆN TOÀN BỘ MÁY CHỈ ĐẠO", ("Bộ Chỉ huy Quân sự tỉnh",)),
        ("Hướng dẫn nội dung c", "II. TRIỂN KHAI VĂN BẢN QUY PHẠM PHÁP LUẬT", ("Sở Tài chính",)),
    ]


def test_a_department_named_for_its_field_is_whole_at_the_fields_end() -> None:
    """ "Sở Tài chính | dự trù kinh phí", "Bộ Nông nghiệp và Môi trường | làm chủ …": a
    department's name ends with its field, whatever verb (known or not) follows; a territory
    may close it ("Sở Y tế tỉnh Lào Cai"), and lists go on ("Sở Y tế và Sở Xây dựng")."""
    e = _run(
        """II. NHIỆM VỤ
1. Sở Y tế phối hợp Sở Tài chính dự trù kinh phí tiêm chủng.
2. Bộ Nông nghiệp và Môi trường làm chủ Chương trình mục tiêu quốc gia.
3. Sở Y tế tỉnh Lào Cai và Sở Xây dựng đôn đốc các chủ đầu tư.
4. Sở Y tế phối hợp chặt chẽ Sở Khoa học và Công nghệ đê hỗ trợ doanh nghiệp.
"""
    )
    assert [(t.lead, t.support) for t in e.tasks] == [
        (("Sở Y tế",), ("Sở Tài chính",)),
        (("Bộ Nông nghiệp và Môi trường",), ()),
        (("Sở Y tế tỉnh Lào Cai", "Sở Xây dựng"), ()),
        (("Sở Y tế",), ("Sở Khoa học và Công nghệ",)),
    ]
    # a word of courtesy before the verb: the department asks, the addressees lead
    letter = _run(
        "Bộ Y tế kính đề nghị Ủy ban nhân dân các tỉnh chỉ đạo thực hiện một số nội dung sau:\n"
        "1. Rà soát các cơ sở khám bệnh, chữa bệnh trên địa bàn.\n"
    )
    assert letter.tasks[0].lead[0] == "Ủy ban nhân dân các tỉnh"
    # the territories it serves, after the field, are its name's
    several = _run("1. Sở Y tế các tỉnh, thành phố trực thuộc Trung ương chỉ đạo các cơ sở y tế.\n")
    assert several.tasks[0].lead == ("Sở Y tế các tỉnh, thành phố trực thuộc Trung ương",)


def test_a_paragraph_on_the_work_to_come_under_an_assessment_heading_is_a_task() -> None:
    """Under "I. ĐÁNH GIÁ CHUNG", the paragraph that turns to the work to come ("Trong thời
    gian tới, Tỉnh tổ chức …"), though the page set no blank line before it, is a task
    (CONVENTIONS rule 2); "những tháng cuối năm 2026" names a period, no bound."""
    e = _run(
        """I. ĐÁNH GIÁ CHUNG
Biểu dương kết quả của tỉnh trong phát triển kinh tế - xã hội 10 tháng năm 2026. Quốc phòng,
an ninh được bảo đảm.
Trong thời gian tới, Tỉnh tổ chức thực hiện nghiêm
túc nhiệm vụ Trung ương giao; xây dựng kịch bản tăng trưởng cho những tháng cuối năm 2026.
II. NHIỆM VỤ
1. Sở Tài chính bố trí vốn.
"""
    )
    assert [(t.text[:20], t.lead, t.deadline.date) for t in e.tasks] == [
        ("Trong thời gian tới,", ("Tỉnh",), None),
        ("Sở Tài chính bố trí ", ("Sở Tài chính",), None),
    ]


def test_the_partners_a_heading_or_introduction_names_support_the_items_it_leads() -> None:
    e = _run(
        """UBND tỉnh giao Sở Công Thương chủ trì, phối hợp với Sở Tài chính thực hiện các nhiệm vụ sau:
1. Rà soát các dự án điện mặt trời.
2. Kiểm tra các cửa hàng xăng dầu.
3. Bộ phận một cửa tiếp nhận hồ sơ.
"""
    )
    assert [(t.lead, t.support) for t in e.tasks] == [
        (("Sở Công Thương",), ("Sở Tài chính",)),
        (("Sở Công Thương",), ("Sở Tài chính",)),
        (("Bộ phận một cửa",), ()),  # its own subject: none of the introduction's partners
    ]
    e = _run(
        """III. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính chủ trì, phối hợp với các sở, địa phương liên quan:
a) Đôn đốc các doanh nghiệp chi trả kịp thời.
b) Xử lý theo thẩm quyền các kiến nghị.
2. Sở Y tế:
a) Kiểm tra các cơ sở khám bệnh.
"""
    )
    assert [(t.lead, t.support) for t in e.tasks] == [
        (("Sở Tài chính",), ("các sở, địa phương liên quan",)),
        (("Sở Tài chính",), ("các sở, địa phương liên quan",)),
        (("Sở Y tế",), ()),
    ]


def test_a_decisions_act_is_no_task_and_its_bodys_duties_are_its_tasks() -> None:
    e = extract(
        SourceText(
            header("512/QĐ-UBND", kind="QUYẾT ĐỊNH", title="Về việc thành lập Tổ công tác đặc biệt")
            + """
QUYẾT ĐỊNH:

Điều 1. Thành lập Tổ công tác đặc biệt của tỉnh gồm các thành viên sau: ông Nguyễn Văn A, Tổ trưởng.
Điều 2. Nhiệm vụ của Tổ công tác
1. Rà soát, đôn đốc tiến độ các dự án trọng điểm, báo cáo Chủ tịch UBND tỉnh trước ngày 30/6/2026.
2. Sở Tài chính là cơ quan thường trực, giúp Tổ công tác tổng hợp tình hình.
Điều 3. Quyết định này có hiệu lực kể từ ngày ký.
"""
        )
    )
    assert [(t.text[:20], t.lead) for t in e.tasks] == [
        ("Rà soát, đôn đốc tiế", ("Tổ công tác",)),  # "Tổ công tác" is a head, "công tác" no topic
        ("Sở Tài chính là cơ q", ("Sở Tài chính",)),
    ]


def test_a_guidances_topics_and_slogans_are_no_tasks() -> None:
    e = _run(
        """II. NỘI DUNG TUYÊN TRUYỀN
1. Tầm vóc và ý nghĩa lịch sử của cuộc Tổng tiến công và nổi dậy mùa Xuân năm 1975.
2. Những thành tựu to lớn của đất nước sau 50 năm thống nhất.
III. KHẨU HIỆU TUYÊN TRUYỀN
1. Nhiệt liệt chào mừng 50 năm Ngày giải phóng miền Nam, thống nhất đất nước!
IV. TỔ CHỨC THỰC HIỆN
1. Các huyện ủy căn cứ Hướng dẫn xây dựng kế hoạch tuyên truyền, hoàn thành trước ngày 30/3/2026.
"""
    )
    assert [t.lead for t in e.tasks] == [("Các huyện ủy",)]


def test_a_parent_that_names_only_partners_hands_them_to_its_sub_items() -> None:
    e = _run(
        """III. TỔ CHỨC THỰC HIỆN
1. Ngân hàng Nhà nước chi nhánh tỉnh
a) Chỉ đạo các ngân hàng thương mại phối hợp với Sở Y tế triển khai chi trả qua tài khoản, cụ thể như sau:
- Cử chuyên viên phối hợp với Ủy ban nhân dân các xã hỗ trợ người dân mở tài khoản;
- Ký kết hợp đồng chi trả với đơn vị quản lý.
b) Đề xuất khen thưởng các ngân hàng có thành tích tiêu biểu.
"""
    )
    assert [(t.lead, t.support) for t in e.tasks] == [
        (("Ngân hàng Nhà nước chi nhánh tỉnh",), ("Ủy ban nhân dân các xã", "Sở Y tế")),
        (("Ngân hàng Nhà nước chi nhánh tỉnh",), ("Sở Y tế",)),
        (("Ngân hàng Nhà nước chi nhánh tỉnh",), ()),  # outside the parent: no partner
    ]


# a made-up plan typed into Word and printed to PDF (bench/format_eval.py), as dondoc's PDF
# reader gives its text back: item 1's date on a paragraph of its own
_CUT_BEFORE_DATE = """   BAN CHẤP HÀNH ĐOÀN TỈNH                                 ĐOÀN TNCS HỒ CHÍ MINH
                BẮC GIANG
                                                      Bắc Giang, ngày 20 tháng 5 năm 2027
                       ***

          Số: 152-KH/TĐTN-PT

                                             KẾ HOẠCH
Tổ chức Chiến dịch Thanh niên tình nguyện hè năm 2027

Thực hiện Kế hoạch số 88-KH/TWĐTN-PT ngày 10/4/2027 của Ban Bí thư Trung
ương Đoàn, Ban Thường vụ Tỉnh đoàn xây dựng Kế hoạch tổ chức Chiến dịch
Thanh niên tình nguyện hè năm 2027 như sau:

I. MỤC ĐÍCH, YÊU CẦU
Phát huy vai trò xung kích của đoàn viên, thanh niên trong xây dựng nông thôn
mới, bảo vệ môi trường.

II. NỘI DUNG
1. Các huyện đoàn, thành đoàn, đoàn trực thuộc tổ chức lễ ra quân Chiến dịch
đồng loạt vào ngày

05/6/2027.

2. Đoàn Trường Đại học Nông - Lâm Bắc Giang tổ chức 10 đội hình sinh viên tình
nguyện về các xã khó khăn; thời gian từ ngày 01/7 đến ngày 31/7/2027.

3. Ban Phong trào Tỉnh đoàn chủ trì, phối hợp với Hội Liên hiệp Thanh niên Việt
Nam tỉnh tổ chức Ngày hội hiến máu tình nguyện "Giọt hồng hè" trong tháng
7/2027.

III. TỔ CHỨC THỰC HIỆN
Các cơ sở đoàn báo cáo kết quả về Tỉnh đoàn (qua Ban Phong trào) trước ngày
20/8/2027.

                   Nơi nhận:                              TM. BAN THƯỜNG VỤ TỈNH
                                                                           ĐOÀN
         - Trung ương Đoàn (b/c);
                                                                      PHÓ BÍ THƯ
       - Thường trực Tỉnh ủy (b/c);

                - Lưu: VP, PT.

                                                                    Nguyễn Thị Mai
"""


def test_a_sentence_cut_before_its_date_by_a_blank_line_goes_on() -> None:
    # a PDF's page (or a Word paragraph) breaks "… vào ngày" from "05/6/2027.": no new
    # paragraph opens on a number after a sentence left open
    e = extract(SourceText(_CUT_BEFORE_DATE))
    assert [(t.lead, t.deadline.date) for t in e.tasks][:2] == [
        (("Các huyện đoàn, thành đoàn, đoàn trực thuộc",), date(2027, 6, 5)),
        (("Đoàn Trường Đại học Nông - Lâm Bắc Giang",), date(2027, 7, 31)),
    ]


def test_an_item_that_names_its_own_subject_after_a_topic_keeps_only_its_own() -> None:
    e = _run(
        """Ủy ban nhân dân tỉnh yêu cầu các sở, ngành, địa phương thực hiện các nội dung sau:
1. Tăng cường kiểm tra việc chấp hành pháp luật về an toàn thực phẩm.
2. Về công tác truyền thông: Sở Văn hóa, Thể thao và Du lịch chỉ đạo các cơ quan báo chí tuyên truyền.
"""
    )
    assert [t.lead for t in e.tasks] == [("các sở, ngành, địa phương",), ("Sở Văn hóa, Thể thao và Du lịch",)]


def test_a_plan_for_next_year_reads_its_periods_without_a_year_in_that_year() -> None:
    text = header("321/KH-UBND", title="Công tác cải cách hành chính năm 2027").replace(
        "ngày 05 tháng 3 năm 2026", "ngày 20 tháng 12 năm 2026"
    )
    e = extract(
        SourceText(
            text
            + """
1. Sở Nội vụ kiểm tra công tác cải cách hành chính, hoàn thành trong quý IV.
2. Các sở, ngành xây dựng kế hoạch của đơn vị trong vòng 30 ngày kể từ ngày ký.

| STT | Nội dung | Cơ quan chủ trì | Thời gian |
|---|---|---|---|
| 1 | Đánh giá chỉ số cải cách hành chính | Sở Nội vụ | Tháng 12 |
"""
        )
    )
    assert [t.deadline.date for t in e.tasks] == [date(2027, 12, 31), date(2027, 1, 19), date(2027, 12, 31)]


_TASK_ROWS = [
    ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
    ["1", "Xây dựng cơ sở dữ liệu đất đai", "Sở Nông nghiệp và Môi trường", "Sở Tài chính", "Quý III/2026"],
    [
        "2",
        "Rà soát thủ tục hành chính liên thông",
        "Văn phòng UBND tỉnh",
        "Các sở, ngành",
        "Giữa tháng 9/2026",
    ],
]


@pytest.mark.parametrize(
    "row",
    [
        lambda cells: "| " + " | ".join(cells) + " |",  # pipes, typed without the "|---|" rule
        lambda cells: " | ".join(cells),  # pipes between the cells only
        lambda cells: "\t".join(cells),  # a table copied from a word processor or a spreadsheet
    ],
    ids=["pipes-without-rule", "bare-pipes", "tabs"],
)
def test_a_task_table_typed_or_pasted_as_text(row: Callable[[list[str]], str]) -> None:
    table = "\n".join(row(cells) for cells in _TASK_ROWS)
    e = _run(f"Ủy ban nhân dân tỉnh giao nhiệm vụ cụ thể như sau:\n\n{table}\n")
    got = [(t.text, t.lead, t.support, t.deadline.date) for t in e.tasks]
    assert got == [
        (
            "Xây dựng cơ sở dữ liệu đất đai",
            ("Sở Nông nghiệp và Môi trường",),
            ("Sở Tài chính",),
            date(2026, 9, 30),
        ),
        (
            "Rà soát thủ tục hành chính liên thông",
            ("Văn phòng UBND tỉnh",),
            ("Các sở, ngành",),
            date(2026, 9, 15),
        ),
    ]


def test_pipes_in_a_line_that_names_no_task_columns_are_text() -> None:
    e = _run("1. Sở Y tế công bố đường dây nóng | 1900 9095 | hoạt động 24/7 trong tháng 5/2026.\n")
    assert [t.lead for t in e.tasks] == [("Sở Y tế",)]


def test_figures_under_an_approving_article_are_no_tasks() -> None:
    e = _run(
        """Điều 1. Thông qua dự toán ngân sách địa phương năm 2027 như sau:
1. Tổng thu ngân sách nhà nước trên địa bàn: 12.500 tỷ đồng.
2. Tỷ lệ hộ nghèo cuối năm: dưới 1,5%.

Điều 2. Tổ chức thực hiện
1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.
2. Lắp đặt mới trạm 5G: 35 trạm.
"""
    )
    assert [t.text for t in e.tasks] == [
        "Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.",
        "Lắp đặt mới trạm 5G: 35 trạm.",
    ]


def test_giao_cho_and_an_alias_named_for_the_rest_of_the_text() -> None:
    e = _run(
        """1. Giao cho Công an tỉnh chủ trì bảo đảm an ninh, trật tự tại các điểm tổ chức sự kiện.
2. Giao nhiệm vụ cho Sở Y tế tổ chức tiêm chủng mở rộng.
3. Ủy ban nhân dân các xã, phường (sau đây gọi chung là Ủy ban nhân dân cấp xã) xây dựng kế hoạch triển khai.
"""
    )
    assert [t.lead for t in e.tasks] == [("Công an tỉnh",), ("Sở Y tế",), ("Ủy ban nhân dân các xã, phường",)]


def test_a_conclusions_assessment_of_the_months_so_far_is_no_task() -> None:
    e = _run(
        """1. Trong 10 tháng năm 2026, kinh tế của tỉnh tiếp tục phát triển; thu ngân sách đạt 85%. Tuy
nhiên, giải ngân vốn đầu tư công còn chậm.

2. Nhiệm vụ trọng tâm từ nay đến cuối năm 2026:

2.1. Đảng đoàn Hội đồng nhân dân tỉnh lãnh đạo chuẩn bị tốt nội dung kỳ họp cuối năm.
"""
    )
    assert [t.lead for t in e.tasks] == [("Đảng đoàn Hội đồng nhân dân tỉnh",)]


def test_bodies_written_with_abbreviated_heads_and_a_capitalised_collective() -> None:
    e = _run(
        """1. UBMTTQVN tỉnh và các tổ chức CT-XH tăng cường tuyên truyền.
2. BCH Quân sự tỉnh, BCH Bộ đội Biên phòng tỉnh bảo đảm an ninh biên giới.
3. BQL các KCN tỉnh hướng dẫn doanh nghiệp thực hiện.
4. VP UBND tỉnh theo dõi, tổng hợp.
5. Các Sở, Ban, Ngành, UBND các xã, phường triển khai thực hiện.
"""
    )
    assert [t.lead for t in e.tasks] == [
        ("UBMTTQVN tỉnh và các tổ chức CT-XH",),
        ("BCH Quân sự tỉnh", "BCH Bộ đội Biên phòng tỉnh"),
        ("BQL các KCN tỉnh",),
        ("VP UBND tỉnh",),
        ("Các Sở, Ban, Ngành", "UBND các xã, phường"),
    ]


def test_a_title_worded_as_work_over_a_sentence_with_its_own_subject() -> None:
    e = _run(
        """II. NHIỆM VỤ, GIẢI PHÁP
1. Đẩy mạnh tuyên truyền, nâng cao nhận thức
Các cấp ủy, tổ chức đảng, chính quyền tổ chức quán triệt sâu rộng Nghị quyết; hoàn thành trong quý I/2027.

2. Phối hợp với
Sở Nội vụ hướng dẫn các xã sắp xếp bộ máy.

3. Ủy ban nhân dân huyện cụ thể hóa Chương trình thành kế hoạch.
"""
    )
    first, second, third = e.tasks
    assert first.section == "1. Đẩy mạnh tuyên truyền, nâng cao nhận thức"
    assert first.text.startswith("Các cấp ủy") and first.lead == ("Các cấp ủy, tổ chức đảng, chính quyền",)
    # a line cut after "với" goes on with the next: one item, partnered with Sở Nội vụ
    assert second.text.startswith("Phối hợp với Sở Nội vụ")
    assert third.lead == ("Ủy ban nhân dân huyện",)


def test_a_regulation_issued_with_a_decision_its_scope_articles_no_tasks() -> None:
    closing = "\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nTrần Văn Nam\n"
    e = extract(
        SourceText(
            header("25/2026/QĐ-UBND", kind="QUYẾT ĐỊNH", title="Ban hành Quy chế quản lý dữ liệu")
            + """
Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý cơ sở dữ liệu dùng chung.

Điều 2. Thủ trưởng các cơ quan, đơn vị liên quan chịu trách nhiệm thi hành Quyết định này./.
"""
            + closing
            + """
QUY CHẾ
Quản lý cơ sở dữ liệu dùng chung
(Ban hành kèm theo Quyết định số 25/2026/QĐ-UBND ngày 05/3/2026 của UBND tỉnh)

Điều 1. Phạm vi điều chỉnh
Quy chế này quy định việc quản lý, khai thác cơ sở dữ liệu dùng chung của tỉnh.

Điều 2. Trách nhiệm của Sở Khoa học và Công nghệ
1. Chủ trì xây dựng, vận hành cơ sở dữ liệu dùng chung.
2. Hướng dẫn các cơ quan kết nối dữ liệu; hoàn thành trước ngày 30/6/2027.
"""
        )
    )
    assert [(t.text[:20], t.lead) for t in e.tasks] == [
        ("Chủ trì xây dựng, vậ", ("Sở Khoa học và Công nghệ",)),
        ("Hướng dẫn các cơ qua", ("Sở Khoa học và Công nghệ",)),
    ]
    assert e.tasks[1].deadline.date == date(2027, 6, 29)


def test_who_and_by_when_in_a_closing_parenthesis_or_after_a_dash() -> None:
    e = _run(
        """1. Đánh giá kết quả thực hiện Kế hoạch (Văn phòng Sở; tháng 12/2026).
2. Rà soát quy hoạch mạng lưới trường học (Sở Giáo dục và Đào tạo, quý II/2026).
3. Tổ chức hội nghị sơ kết [Sở Nội vụ; tháng 6/2026].
4. Tổ chức hội nghị tổng kết (tháng 11/2026).
5. Tuyên truyền phòng, chống dịch bệnh - Trung tâm Kiểm soát bệnh tật tỉnh thực hiện, thường xuyên.
6. Tổ chức kỷ niệm Ngày Nhà giáo Việt Nam (20/11/1982 - 20/11/2026).
7. Phòng Văn hóa - Xã hội tổ chức tập huấn.
"""
    )
    got = [(t.lead, t.deadline.date) for t in e.tasks]
    assert got == [
        (("Văn phòng Sở",), date(2026, 12, 31)),
        (("Sở Giáo dục và Đào tạo",), date(2026, 6, 30)),
        (("Sở Nội vụ",), date(2026, 6, 30)),
        ((), date(2026, 11, 30)),
        (("Trung tâm Kiểm soát bệnh tật tỉnh",), None),
        # an anniversary's span names the day, it bounds no work
        ((), None),
        (("Phòng Văn hóa - Xã hội",), None),
    ]


def test_partners_named_with_su_phoi_hop_cua_and_a_market_watch_named_by_its_field() -> None:
    e = _run(
        """1. Sở Y tế chủ trì, với sự phối hợp của Sở Tài chính, tổ chức kiểm tra các cơ sở y tế.
2. Sở Công Thương phối hợp cùng Quản lý thị trường tỉnh kiểm tra hàng hóa.
3. Công an tỉnh cùng Bộ Chỉ huy Quân sự tỉnh tuần tra bảo đảm an ninh.
4. Sở Nội vụ xây dựng mạng lưới cộng tác viên với sự tham gia của các tổ chức chính trị - xã hội.
"""
    )
    assert [(t.lead, t.support) for t in e.tasks] == [
        (("Sở Y tế",), ("Sở Tài chính",)),
        (("Sở Công Thương",), ("Quản lý thị trường tỉnh",)),
        (("Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"), ()),
        # who a network is made of, not who supports the work
        (("Sở Nội vụ",), ()),
    ]


def test_more_verbs_end_a_subject_and_a_lead_in_then_a_verb_has_no_subject_of_its_own() -> None:
    e = _run(
        """1. Ủy ban nhân dân huyện lồng ghép nội dung phòng, chống thiên tai vào kế hoạch phát triển.
2. Đài Khí tượng thủy văn tỉnh dự báo, cảnh báo kịp thời diễn biến thời tiết.
3. Các cơ quan báo chí đưa tin đầy đủ về kết quả thực hiện.

4. Sở Giáo dục và Đào tạo:
Căn cứ chức năng, nhiệm vụ, chỉ đạo các trường phổ thông, các cơ sở giáo dục nghề nghiệp lồng ghép
nội dung giáo dục giới tính.
"""
    )
    assert [t.lead for t in e.tasks] == [
        ("Ủy ban nhân dân huyện",),
        ("Đài Khí tượng thủy văn tỉnh",),
        ("Các cơ quan báo chí",),
        # the heading's body directs; whom it directs do not displace it (CONVENTIONS rule 7)
        ("Sở Giáo dục và Đào tạo",),
    ]


def test_common_words_that_open_with_a_heads_word_name_no_body() -> None:
    e = _run(
        """1. Hội nghị tổ chức vào ngày 15/12/2026 tại Hội trường tỉnh.
2. Trường hợp phát hiện sai sót thì báo cáo ngay.
3. Trường Chính trị tỉnh tổ chức bồi dưỡng lý luận chính trị.
4. Quỹ Đầu tư phát triển tỉnh bố trí vốn cho dự án.
"""
    )
    assert [t.lead for t in e.tasks] == [(), (), ("Trường Chính trị tỉnh",), ("Quỹ Đầu tư phát triển tỉnh",)]


def test_a_phase_dated_in_brackets_before_its_name_and_a_parent_that_is_a_sentence() -> None:
    e = _run(
        """III. TIẾN ĐỘ THỰC HIỆN
1. Giai đoạn 2 (quý III/2026): Triển khai
- Các xã, phường tổ chức thực hiện.

2. Sở Nội vụ tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh.
- Lập danh sách đối tượng.
- Gửi Sở Tài chính thẩm định.
"""
    )
    assert [(t.lead, t.deadline.date) for t in e.tasks] == [
        (("Các xã, phường",), date(2026, 9, 30)),
        (("Sở Nội vụ",), None),
        (("Sở Nội vụ",), None),
    ]


def test_labels_chiu_trach_nhiem_and_hoan_thanh_inside_an_item() -> None:
    e = _run(
        """1. Hoàn thiện thể chế
1.1 Rà soát các văn bản của tỉnh. **Chịu trách nhiệm:** Sở Tư pháp. **Thời hạn:** Quý II/2026.
1.2 Thu hút chuyên gia công nghệ thông tin.
Chủ trì: Sở Nội vụ. Phối hợp: Sở Tài chính. Hoàn thành: 31/12/2026.
"""
    )
    assert [(t.lead, t.support, t.deadline.date) for t in e.tasks] == [
        (("Sở Tư pháp",), (), date(2026, 6, 30)),
        (("Sở Nội vụ",), ("Sở Tài chính",), date(2026, 12, 31)),
    ]


def test_a_roman_part_heading_after_a_bulleted_item_closes_it() -> None:
    # the section before it has no "I.": the part is new to the tree, yet never a sub-item of
    # the last bullet, which stays a task
    e = _run(
        """2. Sở Xây dựng hướng dẫn các địa phương thực hiện.
- Tổ chức kiểm tra định kỳ.
- Kiểm tra các công trình.

II. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ theo dõi.
"""
    )
    assert [(t.section, t.text) for t in e.tasks] == [
        ("2. Sở Xây dựng hướng dẫn các địa phương thực hiện.", "Tổ chức kiểm tra định kỳ."),
        ("2. Sở Xây dựng hướng dẫn các địa phương thực hiện.", "Kiểm tra các công trình."),
        ("II. TỔ CHỨC THỰC HIỆN", "Sở Nội vụ theo dõi."),
    ]


def test_a_responsibility_heading_that_names_two_bodies() -> None:
    e = _run(
        """Điều 5. Trách nhiệm của các sở, ban, ngành, Ủy ban nhân dân các xã, phường
1. Cập nhật dữ liệu thuộc phạm vi quản lý vào cơ sở dữ liệu dùng chung.

Điều 6. Trách nhiệm của các tổ chức, doanh nghiệp hoạt động trong lĩnh vực viễn thông
1. Bảo đảm hạ tầng kết nối.
"""
    )
    assert [t.lead for t in e.tasks] == [
        ("các sở, ban, ngành", "Ủy ban nhân dân các xã, phường"),
        ("các tổ chức, doanh nghiệp hoạt động trong lĩnh vực viễn thông",),
    ]


def test_a_line_in_lower_case_after_a_blank_goes_on_with_the_clause_above() -> None:
    # a PDF's paragraph spacing set a blank line inside the sentence, after its ";"
    e = _run(
        """1. Đẩy mạnh tuyên truyền, nâng cao nhận thức

Các cấp ủy, tổ chức đảng, chính quyền tổ chức quán triệt sâu rộng Nghị quyết;

hoàn thành trong quý I/2026.

2. Sở Tài chính bố trí kinh phí.
"""
    )
    assert [(t.text[:20], t.deadline.date) for t in e.tasks] == [
        ("Các cấp ủy, tổ chức ", date(2026, 3, 31)),
        ("Sở Tài chính bố trí ", None),
    ]


def test_a_cycles_cut_off_in_brackets_is_no_bound_and_the_items_own_bound_wins() -> None:
    e = _run(
        """1. Các sở, ban, ngành xây dựng kế hoạch, xong trong tháng 4/2026. Định kỳ báo cáo kết quả
hằng năm (trước ngày 15 tháng 11).
2. Tổ chức hội nghị sơ kết trong tháng 6/2026 (tháng 7/2026).
3. Tổ chức hội nghị tổng kết (tháng 11/2026).
"""
    )
    assert [t.deadline.date for t in e.tasks] == [date(2026, 4, 30), date(2026, 6, 30), date(2026, 11, 30)]


def test_approvals_worded_thong_nhat_chu_truong_or_chap_thuan_are_no_tasks() -> None:
    e = _run(
        """1. Thống nhất chủ trương đầu tư dự án đường ven biển theo đề xuất của Sở Xây dựng.
2. Thống nhất phương án bố trí vốn; giao Sở Tài chính chủ trì tham mưu trước ngày 15/7/2026.
3. Chấp thuận chủ trương cho Công ty Cổ phần Thái Bình khảo sát địa điểm.
4. Thống nhất sử dụng phần mềm quản lý văn bản dùng chung trong toàn tỉnh.
"""
    )
    # an approval hands work on only where it names who does it; "thống nhất sử dụng …"
    # (use one way throughout) is an instruction, not an approval
    assert [t.text[:22] for t in e.tasks] == ["Thống nhất phương án b", "Thống nhất sử dụng phầ"]
    assert e.tasks[0].lead == ("Sở Tài chính",)


_LETTER = """ỦY BAN NHÂN DÂN
TỈNH AN HÒA
SỞ TÀI CHÍNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 3120/STC-QLNS
V/v báo cáo tình hình thực hiện dự toán năm 2026
An Hòa, ngày 25 tháng 10 năm 2026

Kính gửi:
- Các sở, ban, ngành tỉnh;
- Ủy ban nhân dân các xã, phường.

{body}

Rất mong nhận được sự phối hợp của các cơ quan, đơn vị./.

Nơi nhận:
- Như trên;
- Lưu: VT, QLNS.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Đinh Văn Hùng
"""


def test_a_letter_of_paragraphs_has_its_request_as_a_task() -> None:
    """A letter with no items whose paragraph asks its addressees to act: that request is
    the task a clerk follows up (it gave no task, and the letter was judged no directive)."""
    e = extract(
        SourceText(
            _LETTER.format(
                body="Thực hiện Công văn số 11250/BTC-NSNN ngày 20/10/2026 của Bộ Tài chính, để có cơ sở "
                "tổng hợp, Sở Tài chính đề nghị các cơ quan, đơn vị đánh giá tình hình thực hiện dự toán "
                "năm 2026, gửi báo cáo về Sở Tài chính trước ngày 10/11/2026."
            )
        )
    )
    assert e.meta.is_directive
    (task,) = e.tasks
    # the issuer asks "các cơ quan, đơn vị": the letter's addressees (CONVENTIONS rules 5, 7)
    assert task.lead == ("Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các xã, phường")
    assert task.deadline.date == date(2026, 11, 9)
    # a named body asked leads; an occasion's hour dates it
    e = extract(
        SourceText(
            _LETTER.format(
                body="Để chuẩn bị Hội nghị tổng kết, Sở Tài chính kính đề nghị Sở Xây dựng cử 01 lãnh đạo "
                "tham dự Hội nghị vào lúc 8 giờ ngày 20/11/2026 tại Hội trường Sở."
            )
        )
    )
    (task,) = e.tasks
    assert task.lead == ("Sở Xây dựng",) and task.deadline.date == date(2026, 11, 20)


def test_a_letter_that_only_asks_to_be_carried_out_or_informs_has_no_task() -> None:
    for body in (
        "Nhận được Công văn này, đề nghị các đơn vị khẩn trương triển khai thực hiện./.",
        "Sở Tài chính thông báo lịch tiếp công dân tháng 12/2026: sáng thứ Hai hằng tuần tại trụ sở Sở.",
        "Để triển khai Quyết định số 12/QĐ-UBND, đề nghị các cơ quan, đơn vị nghiêm túc thực hiện.",
    ):
        e = extract(SourceText(_LETTER.format(body=body)))
        assert e.tasks == () and not e.meta.is_directive, body


def test_the_issuer_asking_in_an_item_hands_the_lead_to_whom_it_asks() -> None:
    """CONVENTIONS rule 7: "X yêu cầu / đề nghị Y …" with X the issuer itself: Y leads; any
    other X leads itself."""
    e = extract(
        SourceText(
            _LETTER.format(
                body="1. Sở Tài chính đề nghị Sở Xây dựng cung cấp số liệu giải ngân trước ngày 05/12/2026.\n"
                "2. Sở Y tế đề nghị Ủy ban nhân dân các xã rà soát đối tượng được hỗ trợ."
            )
        )
    )
    assert [t.lead for t in e.tasks] == [("Sở Xây dựng",), ("Sở Y tế",)]


def test_examples_after_nhu_colon_go_on_with_their_own_sentence() -> None:
    """ "… giải pháp IoT như:" wrapped, its examples on the next line in capitals: one item,
    not a heading over a task; "… như sau:" still announces what follows it."""
    e = _run(
        """I. NHIỆM VỤ

1. Các doanh nghiệp trong khu công nghiệp

- Chủ động cung cấp thông tin về nhu cầu sử dụng hạ tầng.

- Khuyến khích các doanh nghiệp ứng dụng
thiết bị và giải pháp IoT trong sản xuất thông minh như:
Giám sát môi trường, năng lượng, an ninh, logistics nhằm nâng cao hiệu quả
hoạt động.

2. Sở Khoa học và Công nghệ thực hiện các nội dung như sau:
Rà soát, đánh giá hạ tầng hiện có.
"""
    )
    assert [(t.text[:26], t.section) for t in e.tasks] == [
        ("Chủ động cung cấp thông ti", "1. Các doanh nghiệp trong khu công nghiệp"),
        ("Khuyến khích các doanh ngh", "1. Các doanh nghiệp trong khu công nghiệp"),
        ("Rà soát, đánh giá hạ tầng ", "2. Sở Khoa học và Công nghệ thực hiện các nội dung như sau:"),
    ]
    assert e.tasks[1].text.endswith("nâng cao hiệu quả hoạt động.")


def test_a_part_label_alone_on_its_line_opens_the_part_titled_below_it() -> None:
    """ "Phần thứ ba" / "TỔ CHỨC THỰC HIỆN": the part's label alone, its title on the next
    line; not a paragraph run on into the last item of the part before."""
    e = _run(
        """Phần thứ hai
NHIỆM VỤ NĂM 2027
1. Sở Nội vụ số hóa hồ sơ cán bộ, công chức; hoàn thành trong năm 2027.

PHẦN THỨ BA
TỔ CHỨC THỰC HIỆN
1. Sở Tài chính bố trí kinh phí thực hiện.
"""
    )
    assert [(t.text, t.section) for t in e.tasks] == [
        (
            "Sở Nội vụ số hóa hồ sơ cán bộ, công chức; hoàn thành trong năm 2027.",
            "Phần thứ hai NHIỆM VỤ NĂM 2027",
        ),
        ("Sở Tài chính bố trí kinh phí thực hiện.", "PHẦN THỨ BA TỔ CHỨC THỰC HIỆN"),
    ]


def test_a_refusal_and_praise_of_effort_are_no_tasks() -> None:
    """ "Không đồng ý …" decides as an approval does, a task only where it hands work on;
    praise of the effort itself ("sự nỗ lực") is none, unless it asks for more."""
    e = _run(
        """1. Không đồng ý đề xuất điều chỉnh quy hoạch của Ủy ban nhân dân huyện.
2. Không đồng ý đề xuất của huyện; giao Sở Xây dựng hướng dẫn huyện điều chỉnh phương án.
3. Ghi nhận và đánh giá cao sự nỗ lực của Sở Y tế trong công tác phòng, chống dịch.
4. Đánh giá cao tinh thần trách nhiệm của lực lượng Công an, đề nghị tiếp tục phát huy.
5. Biểu dương, khen thưởng kịp thời các tập thể, cá nhân có thành tích xuất sắc.
"""
    )
    assert [t.text[:22] for t in e.tasks] == [
        "Không đồng ý đề xuất c",
        "Đánh giá cao tinh thần",
        "Biểu dương, khen thưởn",
    ]
    assert e.tasks[0].lead == ("Sở Xây dựng",)


def test_the_units_named_above_are_the_letters_addressees() -> None:
    """ "giao các đơn vị nêu trên thực hiện các nội dung sau:" points back at the Kính gửi
    list: its items are led by the addressees (CONVENTIONS rule 5), as "các đơn vị" are."""
    e = extract(
        SourceText(
            _LETTER.format(
                body="Sở Tài chính đề nghị các đơn vị nêu trên thực hiện các nội dung sau:\n"
                "1. Rà soát dự toán năm 2026, hoàn thành trước ngày 10/11/2026.\n"
                "2. Báo cáo kết quả về Sở Tài chính trước ngày 20/11/2026."
            )
        )
    )
    assert [t.lead for t in e.tasks] == [("Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các xã, phường")] * 2


def test_groups_pointing_back_at_the_addressees_by_other_words() -> None:
    """ "các Sở, ngành nêu trên", "các cơ quan có tên tại Kính gửi": the addressees; "các sở,
    ngành" with no word pointing back stays the group the sentence names."""
    for asked, lead in (
        ("các Sở, ngành nêu trên", ("Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các xã, phường")),
        ("các cơ quan có tên tại Kính gửi", ("Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các xã, phường")),
        ("các sở, ngành", ("các sở, ngành",)),
    ):
        e = extract(
            SourceText(
                _LETTER.format(
                    body=f"Sở Tài chính đề nghị {asked} thực hiện các nội dung sau:\n"
                    "1. Rà soát dự toán năm 2026, hoàn thành trước ngày 10/11/2026.\n"
                    "2. Báo cáo kết quả về Sở Tài chính trước ngày 20/11/2026."
                )
            )
        )
        assert [t.lead for t in e.tasks] == [lead] * 2, asked


def test_lettered_field_lines_describe_the_item_above() -> None:
    """An event plan's item whose lettered sub-items are each a field ("a) Thời gian: …",
    "b) Địa điểm: …", "d) Đơn vị chủ trì: …") is one task with those attributes (CONVENTIONS
    rule 1); lettered sub-items that are tasks stay tasks."""
    e = _run(
        """II. NỘI DUNG HOẠT ĐỘNG
1. Lễ mít tinh kỷ niệm
a) Thời gian: 7 giờ 30, ngày 15/5/2026.
b) Địa điểm: Quảng trường tỉnh.
c) Thành phần: Lãnh đạo tỉnh, đại diện các sở, ngành.
d) Đơn vị chủ trì: Sở Văn hóa, Thể thao và Du lịch; đơn vị phối hợp: Tỉnh đoàn, Công an tỉnh.
2. Hoạt động tuyên truyền
a) Sở Thông tin và Truyền thông hướng dẫn các cơ quan báo chí tuyên truyền trong tháng 5/2026.
b) Thời gian: trong tháng 5/2026.
"""
    )
    first = e.tasks[0]
    assert first.text.startswith("Lễ mít tinh kỷ niệm")
    assert (first.lead, first.support, first.deadline.date) == (
        ("Sở Văn hóa, Thể thao và Du lịch",),
        ("Tỉnh đoàn", "Công an tỉnh"),
        date(2026, 5, 15),
    )
    assert [t.text[:30] for t in e.tasks[1:]] == ["Sở Thông tin và Truyền thông h"]


def test_a_ceremonys_running_order_holds_no_tasks() -> None:
    """The lines of a running order open with a time of day ("7 giờ 30 - 8 giờ 00: Đón tiếp
    đại biểu"): what happens when at the ceremony, handed to no one."""
    e = _run(
        """III. CHƯƠNG TRÌNH BUỔI LỄ
- 7 giờ 30 - 8 giờ 00: Đón tiếp đại biểu.
- 8 giờ 00 - 8 giờ 15: Chương trình văn nghệ chào mừng.
- 14h00: Bế mạc.
IV. PHÂN CÔNG NHIỆM VỤ
1. Văn phòng Ủy ban nhân dân tỉnh chuẩn bị hội trường, âm thanh, ánh sáng.
2. Sở Y tế bố trí đội cấp cứu túc trực từ 7 giờ 00: có mặt tại hội trường.
"""
    )
    assert [t.text[:20] for t in e.tasks] == ["Văn phòng Ủy ban nhâ", "Sở Y tế bố trí đội c"]


def test_a_dash_at_the_margin_under_an_indented_paragraph_is_its_wrap() -> None:
    """A printed page opens each paragraph indented and wraps its lines at the margin: a line
    at the margin that starts with a dash after a full line goes on with the paragraph
    ("… công chức Tư pháp" / "- Hộ tịch cấp xã …"); the page's bullets stand indented."""
    e = _run(
        "II. NHIỆM VỤ CỤ THỂ\n"
        "       1. Sở Tư pháp tập huấn kỹ năng sử dụng phần mềm hộ tịch cho công chức Tư pháp\n"
        "- Hộ tịch cấp xã, hoàn thành trước ngày 30/4/2026.\n"
        "       2. Văn phòng Sở tổng kết, đánh giá kết quả thực hiện, báo cáo Ủy ban nhân dân tỉnh\n"
        "– trước ngày 10/12/2026.\n"
        "       3. Thanh tra Sở kiểm tra việc số hóa:\n"
        "       - Tại các xã, phường trong tháng 9/2026.\n"
        "       - Tại các cơ quan chuyên môn trong tháng 10/2026.\n"
    )
    assert [(t.text[:25], t.deadline.date) for t in e.tasks] == [
        ("Sở Tư pháp tập huấn kỹ nă", date(2026, 4, 29)),
        ("Văn phòng Sở tổng kết, đá", date(2026, 12, 9)),
        ("Tại các xã, phường trong ", date(2026, 9, 30)),
        ("Tại các cơ quan chuyên mô", date(2026, 10, 31)),
    ]


def test_a_topic_heading_over_a_paragraph_a_printed_page_wrapped() -> None:
    """A numbered topic's title on its own line, then its paragraph as a page wraps it (lines
    filled to the margin, the subject's verb on the next line): the title is the section,
    the paragraph the task, as in text written a paragraph a line."""
    e = _run(
        "       1. Đẩy mạnh tuyên truyền, nâng cao nhận thức\n"
        "       Các cấp ủy, tổ chức đảng, chính quyền, Mặt trận Tổ quốc huyện và các tổ\n"
        "chức chính trị - xã hội tổ chức quán triệt sâu rộng Nghị quyết đến cán bộ,\n"
        "đảng viên và Nhân dân; hoàn thành trong quý I/2026.\n"
        "       2. Ủy ban nhân dân huyện cụ thể hóa Chương trình thành kế hoạch, đề\n"
        "án; hoàn thành trước ngày 31/3/2026.\n"
    )
    first = e.tasks[0]
    assert first.section == "1. Đẩy mạnh tuyên truyền, nâng cao nhận thức"
    assert first.text.startswith("Các cấp ủy, tổ chức đảng")
    assert first.deadline.date == date(2026, 3, 31)


def test_a_colon_at_the_end_of_a_full_printed_line_opens_no_paragraph() -> None:
    """ "- Về đề nghị … ấp Phước Thuận:" where the page happened to wrap, and "Thường trực
    Huyện ủy ghi nhận, giao …" at the margin below: one item, not a heading and its task."""
    e = _run(
        "3. Về các kiến nghị của xã\n"
        "       - Đề nghị Ủy ban nhân dân huyện chỉ đạo Phòng Tài chính - Kế hoạch cân\n"
        "đối, bố trí vốn xây dựng trường mầm non xã trong năm 2026.\n"
        "       - Về đề nghị hỗ trợ kinh phí xây dựng nhà văn hóa ấp Phước Thuận:\n"
        "Thường trực Huyện ủy ghi nhận, giao Ủy ban nhân dân huyện xem xét, giải quyết\n"
        "theo quy định.\n"
    )
    assert [t.text[:20] for t in e.tasks] == ["Đề nghị Ủy ban nhân ", "Về đề nghị hỗ trợ ki"]
    assert e.tasks[1].section == "3. Về các kiến nghị của xã"


def test_an_indented_paragraph_after_a_full_stop_is_a_paragraph_as_after_a_blank_line() -> None:
    """On a printed page a paragraph opens indented, with no blank line above it: the closing
    sentence under the last item ("Các ban, ngành … nghiêm túc thực hiện Chỉ thị này./.") is
    the document's, not more of that item (its bodies are no leads of it)."""
    e = _run(
        "       Hai là, Công an xã chủ trì kiểm tra an toàn phòng cháy, chữa cháy tại các cơ sở\n"
        "kinh doanh xăng dầu; hoàn thành trước ngày 15/3/2026.\n"
        "       Ba là, Trưởng các ấp thành lập tổ liên gia an toàn phòng cháy, chữa\n"
        "cháy; duy trì hoạt động thường xuyên.\n"
        "       Các ban, ngành, đoàn thể xã và Trưởng các ấp nghiêm túc thực hiện\n"
        "Chỉ thị này./.\n"
    )
    last = e.tasks[-1]
    assert last.text.endswith("duy trì hoạt động thường xuyên.")
    assert last.lead == ("Trưởng các ấp",)


def test_a_letters_requests_in_paragraphs_after_its_introduction() -> None:
    """A letter whose introduction ends "… yêu cầu:" and whose requests follow as paragraphs
    with no numbers: each request is a task, led by its own subject or the addressees; the
    introduction is none, and no request's date becomes the others' (its "introduction" ends
    at the colon); the closing sentence is no task."""
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH AN HÒA\nSố: 2345/UBND-KGVX\nV/v phòng, chống đuối nước cho trẻ em\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "An Hòa, ngày 12 tháng 5 năm 2026\n\n"
        "Kính gửi:\n- Các sở, ban, ngành tỉnh;\n- Ủy ban nhân dân các huyện, thành, thị.\n\n"
        "Để chủ động phòng, chống đuối nước cho trẻ em dịp hè, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:\n\n"
        "Tăng cường tuyên truyền kỹ năng phòng, chống đuối nước cho trẻ em.\n\n"
        "Sở Giáo dục và Đào tạo chỉ đạo các trường tổ chức dạy bơi; hoàn thành trước ngày 31/7/2026.\n\n"
        "Ủy ban nhân dân các huyện, thành, thị lắp đặt biển cảnh báo, hoàn thành trong tháng 6/2026.\n\n"
        "Giao Sở Y tế tổng hợp kết quả, báo cáo Chủ tịch Ủy ban nhân dân tỉnh trước ngày 15/9/2026.\n\n"
        "Yêu cầu các cơ quan, đơn vị nghiêm túc thực hiện./.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Thanh Hải\n"
    )
    e = extract(SourceText(text))
    assert [(t.text[:20], t.lead, t.deadline.date) for t in e.tasks] == [
        ("Tăng cường tuyên tru", ("Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các huyện, thành, thị"), None),
        ("Sở Giáo dục và Đào t", ("Sở Giáo dục và Đào tạo",), date(2026, 7, 30)),
        ("Ủy ban nhân dân các ", ("Ủy ban nhân dân các huyện, thành, thị",), date(2026, 6, 30)),
        ("Giao Sở Y tế tổng hợ", ("Sở Y tế",), date(2026, 9, 14)),
    ]


def test_a_letters_paragraph_requests_asked_of_the_units_are_the_addressees() -> None:
    """ "Sở Tài chính đề nghị các cơ quan, đơn vị:" over paragraph requests: the units it asks
    are the letter's addressees (CONVENTIONS rule 5)."""
    text = (
        "UBND TỈNH AN HÒA\nSỞ TÀI CHÍNH\nSố: 789/STC-QLNS\nV/v lập dự toán ngân sách năm 2027\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "An Hòa, ngày 20 tháng 6 năm 2026\n\n"
        "Kính gửi:\n- Các sở, ban, ngành tỉnh;\n- UBND các huyện, thành phố.\n\n"
        "Thực hiện Chỉ thị của Thủ tướng Chính phủ, Sở Tài chính đề nghị các cơ quan, đơn vị:\n\n"
        "Đánh giá tình hình thực hiện dự toán năm 2026, xây dựng dự toán năm 2027.\n\n"
        "Gửi báo cáo về Sở Tài chính trước ngày 20/7/2026.\n\n"
        "Rất mong nhận được sự phối hợp của các cơ quan, đơn vị./.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nVũ Văn Hùng\n"
    )
    e = extract(SourceText(text))
    assert [t.lead for t in e.tasks] == [("Các sở, ban, ngành tỉnh", "UBND các huyện, thành phố")] * 2


def test_a_layout_table_under_its_heading_ends_at_the_next_part() -> None:
    """A task table as pdftotext lays it out (columns of spaces) under "II. NHIỆM VỤ CỤ THỂ":
    the heading is its rows' section, not a label of its header; "III. TỔ CHỨC THỰC HIỆN"
    after it opens the next part, whose paragraph is no more of the last row."""
    e = _run(
        "II. NHIỆM VỤ CỤ THỂ\n\n"
        "STT  Nội dung công việc                  Cơ quan chủ trì    Phối hợp         Thời gian\n"
        "1    Xây dựng kế hoạch chuyển đổi số       Sở Khoa học và     Các sở, ngành    Quý I/2026\n"
        "     của tỉnh năm 2026                     Công nghệ\n"
        "2    Tập huấn kỹ năng số cho cán bộ,       Sở Nội vụ          UBND các xã,     Năm 2026\n"
        "     công chức cấp xã                                         phường\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Sở Khoa học và Công nghệ theo dõi, tổng hợp kết quả thực hiện.\n"
    )
    rows = {t.text: t for t in e.tasks}
    row = rows["Tập huấn kỹ năng số cho cán bộ, công chức cấp xã"]
    assert (row.section, row.lead, row.deadline.date) == (
        "II. NHIỆM VỤ CỤ THỂ",
        ("Sở Nội vụ",),
        date(2026, 12, 31),
    )
    assert "Sở Khoa học và Công nghệ theo dõi, tổng hợp kết quả thực hiện." in rows


def test_the_issuers_request_ending_on_its_colon_introduces_the_items_under_a_heading() -> None:
    """ "Ủy ban nhân dân tỉnh yêu cầu các sở, … thực hiện các nhiệm vụ sau:" under a part's
    heading has a closing sentence's opening words, but its colon hands the items after it
    to the bodies it names (CONVENTIONS rule 5)."""
    e = _run(
        "II. NHIỆM VỤ THỜI GIAN TỚI\n"
        "Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành và Ủy ban nhân dân các huyện tập trung "
        "thực hiện tốt các nhiệm vụ sau:\n"
        """1. Đẩy mạnh giải ngân vốn đầu tư công, phấn đấu đến ngày 30/6/2027 giải ngân đạt 60%.
2. Tăng cường kiểm tra, xử lý vi phạm trong lĩnh vực đất đai.
"""
    )
    assert [t.lead for t in e.tasks] == [("các sở, ban, ngành", "Ủy ban nhân dân các huyện")] * 2


def test_a_report_of_the_time_gone_by_is_no_task_though_it_names_its_subject() -> None:
    """ "1) Thời gian qua, Đảng ủy xã đã lãnh đạo … đạt nhiều kết quả; thu ngân sách đạt 38%":
    what a body did, not what it is asked to do (CONVENTIONS rule 2); the same opening with
    work to come asked of it stays a task."""
    e = _run(
        "1. Thời gian qua, Đảng ủy xã đã lãnh đạo thực hiện đạt nhiều kết quả; thu ngân sách "
        "đạt 38% dự toán.\n"
        "2. Thời gian qua, Sở Y tế đã đạt được kết quả; đề nghị Sở Y tế tiếp tục kiểm tra.\n"
        "3. Sở Y tế tăng cường kiểm tra an toàn thực phẩm.\n"
    )
    assert [t.text[:14] for t in e.tasks] == ["Thời gian qua,", "Sở Y tế tăng c"]


def test_an_item_naming_only_its_body_over_field_lines_is_that_bodys_work() -> None:
    """ "2. Phòng Kế hoạch - Tài chính" / "– Thời gian thực hiện: Quý II/2027." / "– Nội dung:
    Tham mưu …": the body the item names leads, not the bodies the list's introduction asks."""
    e = _run(
        "Sở Nông nghiệp và Môi trường yêu cầu các phòng, đơn vị trực thuộc Sở thực hiện "
        "các nhiệm vụ sau:\n"
        "1. Chi cục Kiểm lâm tham mưu kiện toàn Ban Chỉ đạo cấp tỉnh.\n"
        "2. Phòng Kế hoạch - Tài chính\n"
        "– Thời gian thực hiện: Quý II/2027.\n"
        "– Nội dung: Tham mưu bố trí kinh phí mua sắm trang thiết bị.\n"
    )
    assert [(t.lead, t.deadline.date) for t in e.tasks] == [
        (("Chi cục Kiểm lâm",), None),
        (("Phòng Kế hoạch - Tài chính",), date(2027, 6, 30)),
    ]


def test_steps_with_their_bounds_in_brackets_bound_the_items_under_them() -> None:
    """ "Bước 1: Xây dựng và ban hành kế hoạch (hoàn thành trước ngày 15/4/2027)": a step is a
    phase (CONVENTIONS rules 10, 12), its title's words not counted against its bound's; a
    sentence opened by "Bước đầu" is no step."""
    e = _run(
        "III. CÁC BƯỚC THỰC HIỆN\n"
        "Bước 1: Xây dựng và ban hành kế hoạch (hoàn thành trước ngày 15/4/2027)\n"
        "- Sở Nội vụ xây dựng dự thảo kế hoạch, lấy ý kiến các sở, ngành.\n"
        "- Các sở, ngành góp ý dự thảo bằng văn bản.\n"
        "Giai đoạn 2: Tổ chức thực hiện trên địa bàn tỉnh (từ tháng 5/2027 đến tháng 9/2027)\n"
        "- Các sở, ngành, địa phương tổ chức triển khai thực hiện.\n"
    )
    assert [t.deadline.date for t in e.tasks] == [date(2027, 4, 14), date(2027, 4, 14), date(2027, 9, 30)]
    assert e.tasks[0].section is not None and e.tasks[0].section.startswith("Bước 1:")


def test_what_fell_short_is_no_task_but_its_remedies_are() -> None:
    """ "II. TỒN TẠI, HẠN CHẾ: 1. Tiến độ giải ngân … còn chậm": a review of the past (CONVENTIONS
    rule 2); "III. TỒN TẠI, HẠN CHẾ VÀ GIẢI PHÁP KHẮC PHỤC" asks for work."""
    e = _run(
        "II. TỒN TẠI, HẠN CHẾ\n"
        "1. Tiến độ giải ngân vốn đầu tư công còn chậm, mới đạt 38%.\n"
        "2. Một số dự án trọng điểm chưa hoàn thành giải phóng mặt bằng.\n"
        "III. TỒN TẠI, HẠN CHẾ VÀ GIẢI PHÁP KHẮC PHỤC\n"
        "1. Sở Tài chính đẩy nhanh giải ngân vốn đầu tư công.\n"
    )
    assert [t.text[:12] for t in e.tasks] == ["Sở Tài chính"]
