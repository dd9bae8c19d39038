"""Hand-made documents for shapes the corpus lacks (tests/golden/cases)."""

from __future__ import annotations

from pathlib import Path

from dondoc.config import Settings
from dondoc.core.contract import to_dict
from dondoc.extract.pipeline import extract
from dondoc.ingest.reader import read_document

CASES = Path(__file__).parent / "cases"


def test_letter_with_kinh_gui_and_paragraph_per_line() -> None:
    """A công văn: no type word but a 'V/v' subject, 'Kính gửi' addressees, one line per paragraph."""
    data = to_dict(extract(read_document(CASES / "letter-kinh-gui.txt", Settings()).source))
    doc = data["doc"]
    assert (doc["type"], doc["number"], doc["date"]) == ("Công văn", "2882/UBND-KTTH", "2021-08-16")
    assert doc["title"] == "triển khai thực hiện kết luận của Thường trực Tỉnh ủy"
    assert doc["addressees"] == [
        "Các sở, ban ngành, đơn vị thuộc tỉnh",
        "Ủy ban nhân dân các huyện, thành phố",
    ]
    assert doc["signer"] == "Nguyễn Hữu Tháp"
    tasks = data["tasks"]
    # "1. Về công tác phòng, chống dịch …:" and its two paragraphs: one task of both bodies
    # (CONVENTIONS rule 1: a topic's unmarked paragraphs, together, are one task)
    assert [t["text"][:30] for t in tasks] == [
        "Các Sở, ban ngành, đơn vị thuộ",
        "Sở Kế hoạch và Đầu tư chủ trì,",
        "Các chủ đầu tư đẩy nhanh tiến ",
        "Giao Sở Nội vụ theo dõi, đôn đ",
    ]
    assert tasks[0]["lead"] == [
        "Các Sở, ban ngành, đơn vị thuộc Ủy ban nhân dân tỉnh",
        "Ủy ban nhân dân các huyện, thành phố",
    ]
    assert tasks[0]["deadline"] == "2021-08-30"
    assert (tasks[1]["lead"], tasks[1]["support"], tasks[1]["deadline"]) == (
        ["Sở Kế hoạch và Đầu tư"],
        ["Sở Tài chính"],
        "2021-09-30",
    )
    assert tasks[2]["lead"] == ["Các chủ đầu tư"]
    assert (tasks[3]["lead"], tasks[3]["deadline"], tasks[3]["recurrence"]) == (
        ["Sở Nội vụ"],
        None,
        "monthly",
    )


def test_decision_that_issues_a_plan_yields_the_plans_tasks() -> None:
    """A Quyết định whose Điều 1 issues a Kế hoạch printed after its signature."""
    data = to_dict(extract(read_document(CASES / "decision-issuing-plan.txt", Settings()).source))
    doc = data["doc"]
    assert (doc["type"], doc["number"], doc["signer"]) == ("Quyết định", "1234/QĐ-UBND", "Hoàng Nam")
    tasks = data["tasks"]
    assert [t["section"] for t in tasks] == ["II. NHIỆM VỤ VÀ GIẢI PHÁP"] * 3 + ["III. TỔ CHỨC THỰC HIỆN"]
    assert tasks[0]["lead"] == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert tasks[0]["support"] == ["UBND các huyện"]
    assert tasks[0]["deadline"] == "2025-09-30"
    assert (tasks[1]["lead"], tasks[1]["deadline"]) == (["Sở Tài chính"], "2025-06-29")
    assert (tasks[2]["lead"], tasks[2]["recurrence"]) == (["UBND các huyện, thị xã, thành phố"], "quarterly")
    assert tasks[3]["deadline"] == "2025-12-14"
    numbers = [r["number"] for r in data["legal_refs"]]
    assert "1234/QĐ-UBND" not in numbers and "922/QĐ-TTg" in numbers


def test_party_directive_in_layout_text() -> None:
    """A Party Chỉ thị from pdftotext -layout: issuer from the title, addressees from the
    introduction, a "Tổ chức thực hiện" item with dash sub-items, the closing sentence cut."""
    data = to_dict(extract(read_document(CASES / "party-directive-layout.txt", Settings()).source))
    doc = data["doc"]
    assert (doc["type"], doc["number"], doc["date"]) == ("Chỉ thị", "12-CT/TU", "2025-03-05")
    assert doc["issuer"] == "Ban Thường vụ Tỉnh ủy Bắc Ninh"
    assert doc["signer"] == "Nguyễn Anh Tuấn"
    # the group, then the named body after it (CONVENTIONS rule 8: distinct bodies apart)
    assert doc["addressees"] == [
        "các cấp ủy, tổ chức đảng, chính quyền",
        "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội",
    ]
    tasks = data["tasks"]
    assert len(tasks) == 5
    assert tasks[0]["lead"] == doc["addressees"]
    assert tasks[1]["deadline"] == "2025-12-31"
    assert (tasks[2]["lead"], tasks[2]["support"]) == (
        ["Ban Tuyên giáo và Dân vận Tỉnh ủy"],
        ["Công an tỉnh"],
    )
    assert tasks[3]["lead"] == ["Đảng ủy Ủy ban nhân dân tỉnh"]
    assert tasks[4]["text"].endswith("báo cáo Ban Thường vụ Tỉnh ủy.")
    assert tasks[4]["recurrence"] == "periodic"


def test_notice_with_assignments_in_parentheses_and_inline_product() -> None:
    data = to_dict(extract(read_document(CASES / "notice-giao-in-parentheses.txt", Settings()).source))
    assert data["doc"]["type"] == "Thông báo" and data["doc"]["issuer"] == "VĂN PHÒNG CHÍNH PHỦ"
    t1, t2, t3 = data["tasks"]
    assert (t1["lead"], t1["support"], t1["deadline"]) == (
        ["Bộ Công an"],
        ["Bộ Khoa học và Công nghệ"],
        "2025-06-30",
    )
    assert (t2["lead"], t2["deadline"], t2["product"]) == (
        ["Bộ Công an"],
        "2025-09-29",
        "Nghị định của Chính phủ",
    )
    assert t3["lead"] == ["Các bộ, ngành, địa phương"]
    assert t3["targets"] == ["cắt giảm ít nhất 30% chi phí tuân thủ trong năm 2025"]


def test_council_resolution_articles_and_effect_sentence() -> None:
    """An HĐND Nghị quyết: targets under Điều 1 are no tasks, Điều 3 assigns, and the
    sentence on its adoption and effect closes the body rather than joining a task."""
    data = to_dict(extract(read_document(CASES / "council-resolution.txt", Settings()).source))
    doc = data["doc"]
    assert (doc["type"], doc["number"]) == ("Nghị quyết", "25/2024/NQ-HĐND")
    tasks = data["tasks"]
    assert [t["section"] for t in tasks] == ["Điều 2. Nhiệm vụ, giải pháp chủ yếu"] * 2 + [
        "Điều 3. Tổ chức thực hiện"
    ] * 2
    assert tasks[1]["deadline"] == "2025-06-29"
    assert tasks[2]["lead"] == ["Ủy ban nhân dân tỉnh"]
    assert tasks[3]["text"].endswith("giám sát việc thực hiện Nghị quyết.")
    assert tasks[3]["lead"][0].startswith("Thường trực Hội đồng nhân dân tỉnh")


def test_plan_with_a_markdown_task_table() -> None:
    """An appendix as a markdown table: one task per row, columns by their header words."""
    data = to_dict(extract(read_document(CASES / "plan-with-markdown-table.txt", Settings()).source))
    tasks = data["tasks"]
    assert tasks[0]["lead"] == ["Sở Thông tin và Truyền thông"]  # "… là cơ quan thường trực"
    rows = tasks[2:]
    assert [t["text"] for t in rows] == [
        "Xây dựng Đề án phát triển chính quyền số tỉnh",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        "Tập huấn kỹ năng số cho cán bộ cấp xã",
    ]
    assert (rows[0]["lead"], rows[0]["support"]) == (
        ["Sở Thông tin và Truyền thông"],
        ["Sở Nội vụ", "Sở Tài chính"],
    )
    assert (rows[0]["deadline"], rows[0]["product"]) == ("2025-06-30", "Đề án trình UBND tỉnh")
    assert rows[1]["deadline"] == "2025-09-30"
    assert (rows[2]["deadline"], rows[2]["recurrence"]) == (None, "quarterly")
    source = (CASES / "plan-with-markdown-table.txt").read_text(encoding="utf-8")
    for t in rows:
        start, _ = t["span"]
        assert source[start:].startswith(t["text"][:20])


def test_plan_without_blank_lines_and_lead_in_paragraphs() -> None:
    """Text as a DOCX gives it: no blank lines, the title right above item I., short
    numbered titles, a "Giao X:" line whose bullets are X's tasks."""
    data = to_dict(extract(read_document(CASES / "plan-no-blank-lines.txt", Settings()).source))
    assert data["doc"]["title"] == "Triển khai công tác phòng, chống dịch bệnh mùa hè năm 2025"
    tasks = data["tasks"]
    assert len(tasks) == 7
    assert tasks[0]["lead"] == ["Cục Phòng bệnh"] and tasks[0]["deadline"] == "2025-04-30"
    assert tasks[1]["lead"] == ["Các Viện Vệ sinh dịch tễ", "Viện Pasteur"]
    assert [t["section"] for t in tasks[2:4]] == ["2. Công tác chuyên môn"] * 2
    assert tasks[2]["lead"] == tasks[3]["lead"] == ["Cục Quản lý Khám, chữa bệnh"]
    assert tasks[3]["deadline"] == "2025-05-29"
    assert tasks[5]["lead"] == ["Sở Y tế các tỉnh, thành phố trực thuộc Trung ương"]
    assert tasks[5]["recurrence"] == "weekly"
