"""The verdict on a document: a directive in its administrative layout, or not (made-up texts)."""

from __future__ import annotations

from pathlib import Path

from dondoc.core.text import SourceText
from dondoc.extract.pipeline import extract
from dondoc.web.text import directive_reason
from tests.support.texts import header

DIRECTIVE = (
    header("12/KH-UBND", title="Triển khai công tác chuyển đổi số năm 2026")
    + """
1. Sở Khoa học và Công nghệ chủ trì xây dựng kho dữ liệu dùng chung, hoàn thành trong Quý II/2026.
2. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch.

Nơi nhận:
- Các sở, ban, ngành;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn An
"""
)

ARTICLE = """# Thủ tục đăng ký tạm trú cần những giấy tờ gì?

**Chuyên viên pháp lý:** Trần Thị Bình

Căn cứ theo Điều 28 Luật Cư trú 2020 quy định hồ sơ đăng ký tạm trú gồm:

1. Tờ khai thay đổi thông tin cư trú;
2. Giấy tờ, tài liệu chứng minh việc sinh sống hợp pháp.

Người đăng ký tạm trú nộp hồ sơ đến cơ quan đăng ký cư trú nơi mình dự kiến tạm trú.
"""

REPORT = (
    header("40/BC-UBND", kind="BÁO CÁO", title="Kết quả công tác tháng 2 năm 2026")
    + """
Trong tháng, các chỉ tiêu đều đạt kế hoạch đề ra.

Nơi nhận:
- Bộ Nội vụ;
- Lưu: VT.
"""
)


def test_a_directive_in_its_layout_is_judged_so() -> None:
    meta = extract(SourceText(DIRECTIVE)).meta
    assert meta.is_directive
    assert "issuer header" in meta.directive_reasons
    assert "2 tasks" in meta.directive_reasons


def test_an_article_with_a_numbered_list_is_not_a_directive() -> None:
    meta = extract(SourceText(ARTICLE)).meta
    assert not meta.is_directive
    assert "no issuer header" in meta.directive_reasons
    assert "no signature block" in meta.directive_reasons


def test_a_document_in_the_layout_that_assigns_nothing_is_not_a_directive() -> None:
    meta = extract(SourceText(REPORT)).meta
    assert not meta.is_directive
    assert meta.directive_reasons[-1] == "no tasks found"


def test_cue_search_in_lower_case_agrees_with_the_case_ignoring_pattern(shared_dir: Path) -> None:
    # the speed shortcut (search the lower-cased text) against the plain pattern with re.I,
    # on every paragraph of the corpus and on cue words in every case
    from dondoc.extract.verdict import _has_cue, _has_cue_plain

    texts = [
        "GIAO Sở Tài chính",
        "Đề Nghị các đơn vị",
        "YÊU  CẦU",
        "giaothông",
        "Chủ\ntrì",
        "báo cáo.",
        "BÁO CÁOx",
        "Thực hiện",
        "thực hiệnnay",
        "",
        "İstanbul giao",
    ]
    for path in sorted(shared_dir.glob("corpus/*/*.txt")):
        texts.extend(path.read_text(encoding="utf-8").split("\n\n"))
    for t in texts:
        assert _has_cue(t) == _has_cue_plain(t), t[:80]


BIOGRAPHY = """# Nguyễn Văn Xuân

| Nhiệm kỳ | 1982 – 1991 |
| Đảng chính trị | Đảng Cộng sản Việt Nam |

**Nguyễn Văn Xuân** (1920 - 2004) là một chính khách Việt Nam.

## Vinh danh

- Huân chương Hồ Chí Minh
- Huân chương Quân công hạng Nhất

## Tham khảo

Bản gốc lưu trữ ngày 21 tháng 10 năm 2014. Truy cập ngày 14 tháng 11 năm 2014.
"""


def test_two_chance_layout_marks_and_nothing_assigned_is_not_a_directive() -> None:
    """A web page whose table row reads as an issuer and whose references give a date has
    two of the layout's marks by chance: with no word that assigns work, no directive."""
    meta = extract(SourceText(BIOGRAPHY)).meta
    assert not meta.is_directive
    assert meta.directive_reasons[-1] == "too few layout marks for a text that assigns nothing"


def test_a_full_layout_without_assignment_words_is_still_a_directive() -> None:
    """A plan in its full layout whose tasks are table rows with no verb of assignment."""
    text = header("12/KH-UBND", title="Chuyển đổi số năm 2026") + (
        "\n| TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n"
        "| 1 | Số hóa hồ sơ hành chính | Sở Nội vụ | Quý II/2026 |\n"
    )
    meta = extract(SourceText(text)).meta
    assert meta.is_directive
    assert "no assignment verbs" in meta.directive_reasons


def test_a_submission_or_an_invitation_in_full_layout_is_not_a_directive() -> None:
    # a Tờ trình proposes who would do what, a Giấy mời asks an office to prepare a meeting:
    # both in the layout, both with words that assign, neither hands work to track
    body = """
Ủy ban nhân dân tỉnh kính trình Hội đồng nhân dân tỉnh xem xét, ban hành Nghị quyết như sau:
1. Giao Sở Giáo dục và Đào tạo chủ trì tổ chức thực hiện sau khi Nghị quyết được thông qua.
2. Sở Tài chính bố trí kinh phí thực hiện chính sách.

Nơi nhận:
- HĐND tỉnh;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn An
"""
    for number, kind in (("88/TTr-UBND", "TỜ TRÌNH"), ("90/GM-UBND", "GIẤY MỜI")):
        e = extract(SourceText(header(number, kind=kind, title="Về chính sách hỗ trợ giáo viên") + body))
        assert not e.meta.is_directive, kind
        assert e.meta.directive_reasons[-1] == f"a {e.meta.type} assigns no work"
        # the review page says why in Vietnamese
        assert directive_reason(e.meta.directive_reasons[-1]).endswith("là loại văn bản không giao nhiệm vụ")
    # the same words under a plan's kind are a directive
    e = extract(SourceText(header("88/KH-UBND", title="Về chính sách hỗ trợ giáo viên") + body))
    assert e.meta.is_directive
    # the kind read from the symbol when the kind's line is lost
    e = extract(SourceText(header("90/GM-UBND", kind="", title="") + body))
    assert e.meta.type == "Giấy mời" and not e.meta.is_directive


_CLOSING = """
Nơi nhận:
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn Tư
"""


def test_a_notice_whose_items_state_facts_and_name_no_one_is_not_a_directive() -> None:
    # a recruitment notice in full layout: its numbered items are facts, none assigns work
    # and none names a body to do it
    text = header("12/TB-UBND", kind="THÔNG BÁO", title="Tuyển dụng viên chức năm 2026") + (
        """
Ủy ban nhân dân xã thông báo tuyển dụng viên chức năm 2026 như sau:

1. Số lượng cần tuyển: 05 chỉ tiêu, trong đó giáo viên mầm non 03 chỉ tiêu.

2. Hồ sơ đăng ký dự tuyển gồm: Phiếu đăng ký dự tuyển theo mẫu; bản sao văn bằng, chứng chỉ.

3. Địa điểm nhận hồ sơ: trụ sở xã, trong giờ hành chính.
"""
        + _CLOSING
    )
    e = extract(SourceText(text))
    assert not e.meta.is_directive
    assert e.meta.directive_reasons[-1] == "no item names who is to act"
    assert directive_reason(e.meta.directive_reasons[-1]) == "không mục nào nêu cơ quan, đơn vị thực hiện"


def test_an_award_decision_hands_no_work() -> None:
    # "Tiền thưởng … chi từ nguồn quỹ …" is where the money comes from (CONVENTIONS rule 2)
    text = header("1520/QĐ-UBND", kind="QUYẾT ĐỊNH", title="Về việc tặng Bằng khen") + (
        """
Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 05 tập thể và 12 cá nhân (có danh sách kèm theo).

Điều 2. Tiền thưởng kèm theo Bằng khen do Sở Tài chính chi từ nguồn quỹ thi đua của tỉnh.

Điều 3. Giám đốc Sở Nội vụ và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành./.
"""
        + _CLOSING
    )
    e = extract(SourceText(text))
    assert e.tasks == ()
    assert not e.meta.is_directive


_FORM_BODY = """
Đề nghị các đơn vị triển khai thực hiện các nội dung sau:
1. Tổ chức quán triệt văn bản đến cán bộ, công chức.
2. Giao Văn phòng báo cáo kết quả trước ngày ...

Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def test_a_form_to_fill_in_is_not_a_directive() -> None:
    """Legal sites print forms ("Mẫu kế hoạch …", NĐ 30's appendix) in the full layout, with
    items that assign: issued by no one. Their issuer is a blank or a placeholder's name; a
    draft that names its issuer and leaves its number and date blank is still a directive."""
    blanks = "ĐẢNG BỘ ................          ĐẢNG CỘNG SẢN VIỆT NAM\nCHI BỘ ............\nSố: ....-KH/CB\n"
    placeholder = (
        "TÊN CQ, TC CHỦ QUẢN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TÊN CƠ QUAN, TỔ CHỨC          Độc lập - Tự do - Hạnh phúc\nSố: .../...-...\n"
    )
    for issuer in (blanks, placeholder):
        e = extract(
            SourceText(issuer + "..., ngày ... tháng ... năm ...\n\nKẾ HOẠCH\nVề việc ...\n" + _FORM_BODY)
        )
        assert not e.meta.is_directive, issuer
        assert e.meta.directive_reasons[-1] == "a template: its issuer is left blank"
        assert directive_reason(e.meta.directive_reasons[-1]).startswith("là mẫu văn bản")
    draft = (
        "ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH HÀ NAM          Độc lập - Tự do - Hạnh phúc\n"
        "Số:      /KH-UBND          Hà Nam, ngày    tháng    năm 2027\n\n"
        "DỰ THẢO\nKẾ HOẠCH\nVề việc tuyên truyền\n"
    )
    e = extract(SourceText(draft + _FORM_BODY))
    assert e.meta.issuer == "ỦY BAN NHÂN DÂN TỈNH HÀ NAM" and e.meta.is_directive
