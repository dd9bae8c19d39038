"""OCR's misread tone marks on the words that say who does what (issue #14, shape 7): put
right as whole phrases, one character for one, and never where the misread copy is itself
Vietnamese. Made-up sentences; the last test runs the whole extractor on a damaged text."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from dondoc.core.contract import to_dict
from dondoc.core.text import SourceText
from dondoc.extract import ocr_words
from dondoc.extract.pipeline import extract
from tests.support.texts import header


def test_misreadings_are_a_hook_read_as_an_acute_or_a_dot_lost() -> None:
    assert ocr_words.misreadings("chủ trì") == {"chú trì"}
    assert ocr_words.misreadings("bộ chính trị") == {"bô chính trị", "bộ chính tri", "bô chính tri"}
    assert ocr_words.misreadings("xã") == set()  # a tilde is not confused


def test_the_guarded_phrases_are_put_right_in_any_case() -> None:
    damaged = "Úy ban nhân dân tính chí đạo; Sở Y tế chú trì, phối hơp với Bô Công an. ỦY BAN; CHÚ TRÌ"
    assert ocr_words.repair(damaged) == (
        "Ủy ban nhân dân tỉnh chỉ đạo; Sở Y tế chủ trì, phối hợp với Bộ Công an. ỦY BAN; CHỦ TRÌ"
    )


def test_a_phrase_broken_across_lines_keeps_its_line_break() -> None:
    damaged = "Úy ban giao Sở Xây dựng chú\ntrì, phối hợp"
    assert ocr_words.repair(damaged) == "Ủy ban giao Sở Xây dựng chủ\ntrì, phối hợp"


def test_a_head_is_put_right_only_before_a_name() -> None:
    assert ocr_words.repair("Úy ban; Bô Y tế; tính Cần Thơ") == "Ủy ban; Bộ Y tế; tỉnh Cần Thơ"
    # Vietnamese as written: the Party spirit, an acronym, a lower-case word
    for text in ("nâng cao tính Đảng", "để tính EBIAT", "giữ vững tính đa dạng", "tính đến hết ngày"):
        assert ocr_words.repair("Úy ban; " + text) == "Ủy ban; " + text


def test_a_text_with_no_sign_of_damage_is_left_whole() -> None:
    # the repair runs where a common misread copy shows the text's damage ("Úy ban", "cúa")
    assert ocr_words.repair("Sở Y tế chú trì") == "Sở Y tế chú trì"
    assert ocr_words.repair("Sở Y tế chú trì cúa") == "Sở Y tế chủ trì của"


def test_real_words_are_left_as_written() -> None:
    for text in ("bảo đảm an toàn tính mạng", "Tính toán chi phí", "chú ý", "Tỉnh ủy chỉ đạo"):
        assert ocr_words.repair(text) is text


_PIECES = (
    "Úy ban",
    "tính",
    "Cần Thơ",
    "chú trì",
    "Bô",
    "Y tế",
    "của",
    "cúa",
    "\n",
    " ",
    "  ",
    "tính Đảng",
    "ỦY",
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=20))
def test_a_repair_keeps_every_offset(pieces: list[str]) -> None:
    text = " ".join(pieces)
    fixed = ocr_words.repair(text)
    assert len(fixed) == len(text)
    # only letters change, and only the tone marks the confusions touch
    assert [c for c in fixed if not c.isalpha()] == [c for c in text if not c.isalpha()]


def test_a_scanned_directive_with_misread_marks_is_read_as_its_clean_copy() -> None:
    body = """Để triển khai có hiệu quả, Ủy ban nhân dân tỉnh yêu cầu:

1. Sở Y tế chủ trì, phối hợp với Bộ Chỉ huy Quân sự tỉnh tổ chức tiêm chủng; hoàn thành trong tháng 10/2026.

2. Giao Sở Xây dựng chủ trì, phối hợp với Công an tỉnh rà soát các công trình.

3. Thủ trưởng các cơ quan chủ động triển khai, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/11/2026.
"""
    damaged = (
        body.replace("Ủy ban", "Úy ban").replace("chủ trì", "chú trì").replace("Công an tỉnh", "Công an tính")
    )
    damaged = damaged.replace("Thủ trưởng", "Thú trưởng").replace("chủ động", "chú động")
    clean = to_dict(extract(SourceText(header() + "\n" + body)))
    read = to_dict(extract(SourceText(header() + "\n" + damaged)))
    assert [t["lead"] for t in read["tasks"]] == [t["lead"] for t in clean["tasks"]]
    assert [t["support"] for t in read["tasks"]] == [t["support"] for t in clean["tasks"]]
    assert [t["deadline"] for t in read["tasks"]] == [t["deadline"] for t in clean["tasks"]]
    assert [t["span"] for t in read["tasks"]] == [t["span"] for t in clean["tasks"]]
    assert clean["tasks"][0]["lead"] == ["Sở Y tế"]


def test_a_task_shows_the_words_as_the_source_writes_them() -> None:
    # the rules read "chủ trì"; the clerk sees the text as scanned, beside the scan
    body = "1. Giao Sở Xây dựng chú\ntrì, phối hợp với Công an tính rà soát **các công trình** cúa tỉnh.\n"
    task = to_dict(extract(SourceText(header() + "\n" + body)))["tasks"][0]
    assert task["text"].startswith(
        "Giao Sở Xây dựng chú trì, phối hợp với Công an tính rà soát các công trình cúa"
    )
    assert task["lead"] == ["Sở Xây dựng"]


def test_as_written_gives_back_only_the_changed_letters() -> None:
    written = "Úy ban giao **Sở Y tế** chú\ntrì; Bô Công an."
    repaired = ocr_words.repair(written)
    assert repaired == "Ủy ban giao **Sở Y tế** chủ\ntrì; Bộ Công an."
    text = "• Sở Y tế chủ trì; Bộ Công an."  # as the reader built it: markup gone, a bullet added
    assert ocr_words.as_written(text, 12, repaired, written) == "• Sở Y tế chú trì; Bô Công an."


def test_a_reporting_rule_shows_the_words_as_the_source_writes_them() -> None:
    body = (
        "II. NHIỆM VỤ\n\n1. Sở Y tế chú trì tổ chức tiêm chủng, hoàn thành trong tháng 10/2026.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ theo dõi, đôn đốc thực hiện Kế hoạch.\n\n"
        "Trên đây là Kế hoạch cúa Úy ban nhân dân tính; các sở, ban, ngành báo cáo kết quả thực hiện "
        "Kế hoạch này về Úy ban nhân dân tính trước ngày 15/12/2026 để tổng hợp./.\n"
    )
    (rule,) = to_dict(extract(SourceText(header() + "\n" + body)))["reporting"]
    assert "về Úy ban nhân dân tính trước ngày" in rule["text"]  # as written
    assert rule["report_to"] == ["Ủy ban nhân dân tỉnh"]  # as the rules read it


def test_a_letter_o_inside_a_number_is_read_as_a_zero() -> None:
    assert ocr_words.repair("trước ngày 3O/9/2026") == "trước ngày 30/9/2026"
    assert ocr_words.repair("ngày 15/1O/2O26") == "ngày 15/10/2026"
    # a letter beside digits that is no number's part stays as written
    for text in ("khí CO2, H2O và SO2", "Tổ 1 Ô Môn", "COVID-19", "xã Ô Loan"):
        assert ocr_words.repair(text) is text


def test_a_date_with_a_letter_o_for_a_zero_is_a_deadline() -> None:
    body = "1. Giao Văn phòng Huyện ủy tổng hợp, báo cáo trước ngày 3O/9/2026.\n"
    task = to_dict(extract(SourceText(header() + "\n" + body)))["tasks"][0]
    assert task["deadline"] == "2026-09-29"
    assert "3O/9/2026" in task["text"]  # the clerk sees the scan's characters


_LETTER_ZERO = re.compile(r"(\d/?)[Oo](?=\d|/\d)")  # the plain reading the letter walk replaces


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789Oo/ aÔ\n", max_size=40))
def test_the_letter_walk_reads_as_the_plain_pattern(text: str) -> None:
    assert ocr_words.zeroed(text) == _LETTER_ZERO.sub(lambda m: m.group(1) + "0", text)


def test_letters_no_syllable_has_are_put_right_wherever_they_stand() -> None:
    """No Vietnamese syllable opens with "lr" or closes with "nq": OCR read a "t" and a "g"
    ("lrong", "Môi lrường", "Đảnq ủy"). Put right with no sign of other damage; a symbol in
    capitals ("01/NQ-CP") stays."""
    assert ocr_words.repair("Lrong quý II, Sở Nông nghiệp và Môi lrường chủ trì") == (
        "Trong quý II, Sở Nông nghiệp và Môi trường chủ trì"
    )
    assert ocr_words.repair("Đảnq ủy UBND tỉnh; thánq 5") == "Đảng ủy UBND tỉnh; tháng 5"
    text = "Nghị quyết 01/NQ-CP; các tỉnh"
    assert ocr_words.repair(text) is text


def test_a_damaged_body_and_time_phrase_are_read_and_shown_as_written() -> None:
    """ "Đảnq ủy Ủy ban nhân dân tỉnh … lrong quý II/2026": the lead is read, the time
    phrase is the source's own letters (beside the scan), its date the repaired one's."""
    body = "1. Đảnq ủy Ủy ban nhân dân tỉnh lãnh đạo rà soát các dự án, hoàn thành lrong quý II/2026.\n"
    (task,) = extract(SourceText(header() + "\n" + body)).tasks
    assert task.lead == ("Đảng ủy Ủy ban nhân dân tỉnh",)
    assert (task.deadline.text, task.deadline.date) == ("hoàn thành lrong quý II/2026", date(2026, 6, 30))
    assert task.text.startswith("Đảnq ủy")


def test_the_group_of_ministries_is_put_right_in_a_damaged_text() -> None:
    body = "1. Giao Bộ Tài chính chủ trì, phối hợp với các Bô, cơ quan liên quan, Úy ban nhân dân tỉnh.\n"
    (task,) = extract(SourceText(header() + "\n" + body)).tasks
    assert task.support[0] == "các Bộ, cơ quan liên quan"


def test_a_directive_kind_with_its_hook_read_as_an_acute_is_its_kind() -> None:
    """ "CHÍ THỊ" (a scan's reading of "CHỈ THỊ") is no word: the header's kind is read."""
    text = header(number="12/CT-UBND", kind="CHÍ THỊ", title="Về tăng cường phòng cháy")
    body = "\n1. Công an tỉnh kiểm tra an toàn phòng cháy tại các chợ.\n"
    meta = extract(SourceText(text + body)).meta
    assert (meta.type, meta.number) == ("Chỉ thị", "12/CT-UBND")
    assert ocr_words.repair("Thực hiện Chí thị số 12/CT-UBND") == "Thực hiện Chỉ thị số 12/CT-UBND"


def test_a_hook_lost_altogether_is_put_right_in_a_phrase_never_in_a_word_alone() -> None:
    # "Uy ban nhân dân" (the hook of "Ủy" lost): a phrase of two words; "cua" stays a crab
    fixed = ocr_words.repair("Đề nghị Uy ban Mặt trận Tổ quốc xã KÉ HOẠCH nuôi tôm, cua.")
    # (either placement of the tone: both are written today)
    assert fixed.replace("Uỷ", "Ủy") == "Đề nghị Ủy ban Mặt trận Tổ quốc xã KÉ HOẠCH nuôi tôm, cua."


def test_a_pasted_scan_that_shows_ocr_damage_has_its_item_numbers_read_as_ocr_leaves_them() -> None:
    """Two of OCR's telltales ("Uy ban", "Sô:", "ngảy") in a text, and its items' numbers are
    read as a scan's are: "1 Công chức …" (the stop lost), "2, Trạm Y tế …" (read a comma)."""
    body = (
        "UY BAN NHAN DAN\nXÃ PHÚC SƠN\nSô: 25/KH-UBND\nPhúc Sơn, ngảy 12 thảng 3 năm 2027\n\nKÉ HOẠCH\n"
        "Tổng vệ sinh môi trường năm 2027\n\nI. NHIỆM VỤ\n"
        "1 Công chức Văn hóa - Xã hội chủ trì tuyên truyền trên loa truyền thanh xã.\n"
        "2, Trạm Y tế xã tổ chức phun thuốc khử trùng, hoàn thành trong thảng 4/2027.\n"
    )
    e = extract(SourceText(body))
    assert e.meta.date == date(2027, 3, 12)
    assert [(t.lead, t.deadline.date) for t in e.tasks] == [
        (("Công chức Văn hóa - Xã hội",), None),
        (("Trạm Y tế xã",), date(2027, 4, 30)),
    ]
    # a clean text keeps "1 Sở …" as it reads: no item without its stop
    assert not ocr_words.shows_damage("1 Sở Y tế kiểm tra.\nSố: 12/KH-UBND")
    # ... and so does a damaged one where the number does not go on from the items before
    grounds = body.replace("2, Trạm Y tế", "5 Trạm Y tế")
    assert [t.text[:10] for t in extract(SourceText(grounds)).tasks] == ["Công chức "]
