"""Property tests: whatever the document, extraction ends and every span points into it.

Documents are built from the pieces real directives are made of (header lines, numbered
and bulleted items, body names, dates, citations, page furniture), shuffled, optionally
decomposed (NFD) or with Windows line ends, then extracted.
"""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dondoc.core.contract import to_dict
from dondoc.core.text import SourceText
from dondoc.extract.pipeline import extract

PIECES = [
    "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    "Số: 12/KH-UBND",
    "Nghệ An, ngày 3 tháng 2 năm 2025",
    "KẾ HOẠCH\nTriển khai thực hiện Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "II. NHIỆM VỤ, GIẢI PHÁP",
    "1. Sở Y tế chủ trì, phối hợp với Sở Tài chính rà soát, báo cáo trước ngày 30/6/2025.",
    "2. Giao Công an tỉnh tăng cường kiểm tra; hoàn thành trong Quý III năm 2025.",
    "a) Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh tuyên truyền",
    "- Thời gian: tháng 5/2025",
    "- Đơn vị chủ trì: Sở Nội vụ",
    "+ Phối hợp với các sở, ban, ngành triển khai thường xuyên",
    "• UBND các huyện, thành phố, thị xã đạt 100% kế hoạch năm",
    "Trách nhiệm chỉ đạo thực hiện: Đảng ủy Ủy ban nhân dân tỉnh.",
    "theo Nghị định số 146/2018/NĐ-CP ngày 17 tháng 10 năm 2018",
    "CÔNG BÁO/Số 271/Ngày 12-05-2026",
    "Ký bởi: VĂN PHÒNG\nCơ quan: UBND\nNgày ký: 2025-02-03",
    "12",
    "\f",
    "",
    "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Thời hạn |\n|---|---|---|---|\n"
    "| 1 | Xây dựng đề án | Sở Xây dựng | 2026 |",
    "TT    Nhiệm vụ          Chủ trì        Thời hạn\n1     Rà soát quy hoạch  Sở Xây dựng   2026 - 2030",
    "Nơi nhận:\n- Như trên;\n- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
    "Nguyễn Văn A",
    "[1] Chú thích cuối trang.",
    "“Festival Thăng Long\n- Hà Nội”",
    "(i) Chỉ đạo rà soát; (ii) Báo cáo kết quả",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=25),
    st.sampled_from(["NFC", "NFD"]),
    st.sampled_from(["\n", "\r\n"]),
    st.text(alphabet="abcđ ôơư-.:;,()", max_size=30),
)
def test_every_span_points_into_the_source(pieces: list[str], form: str, eol: str, noise: str) -> None:
    text = unicodedata.normalize(form, "\n".join([*pieces, noise])).replace("\n", eol)
    data = to_dict(extract(SourceText(text)))
    for item in data["tasks"] + data["legal_refs"]:
        start, end = item["span"]
        assert 0 <= start <= end <= len(text)
    for task in data["tasks"]:
        start, end = task["span"]
        # joined lines may differ in spacing ("12" + ";" → "12;"), never in characters; a
        # noise line (a running header) between two of its lines is left out of the text,
        # so only the first word is sure to stand as it is in the source
        first = unicodedata.normalize("NFC", task["text"]).split()[0][:3]
        sliced = "".join(unicodedata.normalize("NFC", text[start:end]).split())
        assert first in sliced, (task["text"], sliced)
    for ref in data["legal_refs"]:
        start, end = ref["span"]
        assert ref["number"].split("/")[0] in unicodedata.normalize("NFC", text[start:end])
