"""Made-up directives drawn as scans (tests/support/scanmake.py), each with its gold file in
tests/golden/scans/, written by the corpus's CONVENTIONS.md before the extractor read it."""

from __future__ import annotations

from tests.support.scanmake import Block, Para, Table, TwoColumns

_MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]

# a district's plan whose tasks are a ruled table in its body: group rows merged across
# the table, cells wrapping over several lines, the table running onto the next page
KH_HUYEN_SCAN_BANG: list[Block] = [
    TwoColumns(
        ["ỦY BAN NHÂN DÂN", "HUYỆN PHONG ĐIỀN", "", "Số: 214/KH-UBND"],
        [*_MOTTO, "", "Phong Điền, ngày 18 tháng 11 năm 2026"],
        bold_left=(1,),
        bold_right=(0, 1),
    ),
    Para("KẾ HOẠCH", align="center", bold=True, size=14),
    Para("Triển khai công tác chuyển đổi số trên địa bàn huyện năm 2027", align="center", bold=True),
    Para(
        "Thực hiện Kế hoạch số 305/KH-UBND ngày 02/11/2026 của Ủy ban nhân dân thành phố về "
        "chuyển đổi số năm 2027, Ủy ban nhân dân huyện ban hành Kế hoạch triển khai như sau:"
    ),
    Para("I. MỤC ĐÍCH, YÊU CẦU", bold=True),
    Para(
        "1. Mục đích: Nâng cao hiệu quả quản lý nhà nước, cải thiện chất lượng phục vụ người dân "
        "và doanh nghiệp trên môi trường số."
    ),
    Para(
        "2. Yêu cầu: Các cơ quan, đơn vị xác định chuyển đổi số là nhiệm vụ trọng tâm, gắn với "
        "trách nhiệm của người đứng đầu."
    ),
    Para("II. NHIỆM VỤ CỤ THỂ", bold=True),
    Table(
        [10, 50, 30, 30, 25, 30],
        [
            "TT",
            "Nội dung nhiệm vụ",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời gian hoàn thành",
            "Sản phẩm",
        ],
        [
            ("I", "Phát triển hạ tầng số"),
            [
                "1",
                "Rà soát, nâng cấp đường truyền mạng nội bộ tại Trung tâm Phục vụ hành chính công huyện",
                "Văn phòng HĐND và UBND huyện",
                "Trung tâm Viễn thông Phong Điền",
                "Tháng 3/2027",
                "Đường truyền được nâng cấp",
            ],
            [
                "2",
                "Lắp đặt hệ thống camera giám sát an ninh, trật tự tại các tuyến đường trọng điểm",
                "Công an huyện",
                "Phòng Kinh tế và Hạ tầng; UBND các xã, thị trấn",
                "Quý II/2027",
                "40 camera được lắp đặt",
            ],
            ("II", "Phát triển chính quyền số"),
            [
                "3",
                "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực",
                "Phòng Văn hóa, Khoa học và Thông tin",
                "Các cơ quan chuyên môn thuộc UBND huyện",
                "Trước ngày 30/6/2027",
                "Hồ sơ được số hóa",
            ],
            [
                "4",
                "Triển khai sử dụng chữ ký số cho cán bộ, công chức cấp xã",
                "UBND các xã, thị trấn",
                "Phòng Nội vụ",
                "Quý III/2027",
                "Báo cáo kết quả",
            ],
            [
                "5",
                "Tổ chức tập huấn kỹ năng số cho thành viên Tổ công nghệ số cộng đồng",
                "Phòng Văn hóa, Khoa học và Thông tin",
                "Đoàn Thanh niên huyện; UBND các xã, thị trấn",
                "Tháng 5/2027",
                "02 lớp tập huấn",
            ],
            ("III", "Kiểm tra, báo cáo"),
            [
                "6",
                "Tổng hợp, báo cáo kết quả thực hiện Kế hoạch",
                "Phòng Văn hóa, Khoa học và Thông tin",
                "Các cơ quan, đơn vị liên quan",
                "Trước ngày 15/12/2027",
                "Báo cáo",
            ],
        ],
    ),
    Para("III. TỔ CHỨC THỰC HIỆN", bold=True),
    Para(
        "1. Các cơ quan, đơn vị được giao chủ trì xây dựng kế hoạch chi tiết, gửi về Phòng Văn hóa, "
        "Khoa học và Thông tin trước ngày 15/01/2027 để tổng hợp."
    ),
    Para(
        "2. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời báo "
        "cáo Ủy ban nhân dân huyện (qua Phòng Văn hóa, Khoa học và Thông tin) để xem xét, chỉ đạo./."
    ),
    TwoColumns(
        [
            "Nơi nhận:",
            "- UBND thành phố (b/c);",
            "- TT Huyện ủy, TT HĐND huyện;",
            "- Như mục III;",
            "- Lưu: VT.",
        ],
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "Nguyễn Văn Hòa"],
        left_align="left",
        bold_right=(0, 1, 4),
    ),
]

_PL_ROWS: list[list[str | None] | tuple[str, str]] = [
    ("1", "Công tác xây dựng Đảng"),
    [
        "1.1",
        "Xây dựng kế hoạch kiểm tra, giám sát của Ban Thường vụ Tỉnh ủy năm 2027",
        "Ủy ban Kiểm tra Tỉnh ủy",
        "Văn phòng Tỉnh ủy",
        "Tháng 01/2027",
    ],
    [
        "1.2",
        "Tổng kết 5 năm thực hiện Chỉ thị số 21-CT/TU của Ban Thường vụ Tỉnh ủy",
        "Ban Tổ chức Tỉnh ủy",
        "Các ban xây dựng Đảng Tỉnh ủy",
        "Quý II/2027",
    ],
    [
        "1.3",
        "Hướng dẫn các đảng bộ trực thuộc tổ chức hội nghị giữa nhiệm kỳ",
        "Ban Tổ chức Tỉnh ủy",
        "",
        "Trước ngày 31/3/2027",
    ],
    ("2", "Lĩnh vực kinh tế - xã hội"),
    [
        "2.1",
        "Lãnh đạo triển khai các giải pháp thúc đẩy giải ngân vốn đầu tư công năm 2027",
        "Ban cán sự đảng UBND tỉnh",
        "Ban Kinh tế - Ngân sách HĐND tỉnh",
        "Thường xuyên",
    ],
    [
        "2.2",
        "Sơ kết việc thực hiện Nghị quyết số 05-NQ/TU về phát triển nông nghiệp công nghệ cao",
        "Đảng đoàn Hội Nông dân tỉnh",
        "Sở Nông nghiệp và Môi trường; Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "Tháng 6/2027",
    ],
    [
        "2.3",
        "Chỉ đạo tổ chức các hoạt động kỷ niệm 80 năm Ngày Thương binh - Liệt sĩ",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Sở Nội vụ; Tỉnh đoàn",
        "Ngày 27/7/2027",
    ],
]

# a provincial Party committee's work programme: the body a few lines, the tasks an
# appendix table after the signature, numbered "1.1", its header repeated on the next
# page, thin rules, a 300 dpi scan
CTR_TU_SCAN_PHULUC: list[Block] = [
    TwoColumns(
        ["TỈNH ỦY VĨNH LONG", "*", "Số 47-CTr/TU"],
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "", "Vĩnh Long, ngày 05 tháng 01 năm 2027"],
        bold_left=(0,),
        bold_right=(0,),
    ),
    Para("CHƯƠNG TRÌNH", align="center", bold=True, size=14),
    Para("công tác trọng tâm của Ban Thường vụ Tỉnh ủy 6 tháng đầu năm 2027", align="center", bold=True),
    Para(
        "Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh khóa XI, nhiệm kỳ 2025 - 2030, Ban "
        "Thường vụ Tỉnh ủy ban hành Chương trình công tác trọng tâm 6 tháng đầu năm 2027 (có Phụ "
        "lục kèm theo)."
    ),
    Para(
        "Các cơ quan được phân công chủ trì chủ động chuẩn bị nội dung, gửi Văn phòng Tỉnh ủy "
        "trước 10 ngày làm việc so với thời gian trình; Văn phòng Tỉnh ủy theo dõi, đôn đốc và báo "
        "cáo Ban Thường vụ Tỉnh ủy kết quả thực hiện."
    ),
    TwoColumns(
        [
            "Nơi nhận:",
            "- Ban Bí thư Trung ương Đảng (b/c),",
            "- Các đảng bộ trực thuộc,",
            "- Lưu Văn phòng Tỉnh ủy.",
        ],
        ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "", "", "Lê Thị Minh Hương"],
        left_align="left",
        bold_right=(0, 1, 4),
    ),
    Para("PHỤ LỤC", align="center", bold=True),
    Para(
        "Các nội dung trọng tâm 6 tháng đầu năm 2027 (kèm theo Chương trình số 47-CTr/TU ngày "
        "05/01/2027 của Ban Thường vụ Tỉnh ủy)",
        align="center",
    ),
    Table(
        [14, 64, 34, 36, 27],
        ["STT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
        _PL_ROWS,
        size=12,
        repeat_header=True,
    ),
]

# a department's plan whose task table writes a lead once for two tasks (the cells merged
# down, no rule between them), and a deadline once for two
KH_SO_SCAN_GOP: list[Block] = [
    TwoColumns(
        ["UBND TỈNH BẾN TRE", "SỞ VĂN HÓA, THỂ THAO", "VÀ DU LỊCH", "", "Số: 512/KH-SVHTTDL"],
        [*_MOTTO, "", "Bến Tre, ngày 12 tháng 4 năm 2027"],
        bold_left=(1, 2),
        bold_right=(0, 1),
    ),
    Para("KẾ HOẠCH", align="center", bold=True, size=14),
    Para("Triển khai các hoạt động văn hóa cơ sở năm 2027", align="center", bold=True),
    Para(
        "Thực hiện Kế hoạch số 96/KH-UBND ngày 25/3/2027 của Ủy ban nhân dân tỉnh, Sở Văn hóa, Thể thao "
        "và Du lịch xây dựng Kế hoạch như sau:"
    ),
    Para("I. NỘI DUNG", bold=True),
    Table(
        [10, 55, 32, 43, 30],
        ["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
        [
            [
                "1",
                "Tổ chức Hội thi tuyên truyền lưu động",
                "Trung tâm Văn hóa tỉnh",
                "UBND các huyện",
                "Tháng 5/2027",
            ],
            [
                "2",
                "Xây dựng phóng sự về phong trào văn hóa cơ sở",
                None,
                "Đài Phát thanh và Truyền hình tỉnh",
                "Tháng 6/2027",
            ],
            [
                "3",
                "Kiểm tra hoạt động kinh doanh karaoke, vũ trường",
                "Thanh tra Sở",
                "Công an tỉnh",
                "Quý III/2027",
            ],
            ["4", "Kiểm tra việc treo biển hiệu quảng cáo", None, "UBND các huyện, thị xã", None],
            [
                "5",
                "Tổng hợp báo cáo kết quả thực hiện",
                "Văn phòng Sở",
                "Các phòng, đơn vị thuộc Sở",
                "Trước ngày 10/12/2027",
            ],
        ],
    ),
    Para("II. TỔ CHỨC THỰC HIỆN", bold=True),
    Para(
        "Các phòng, đơn vị thuộc Sở căn cứ nhiệm vụ được giao tổ chức thực hiện; báo cáo kết quả về Văn "
        "phòng Sở trước ngày 01/12/2027./."
    ),
    TwoColumns(
        ["Nơi nhận:", "- UBND tỉnh (b/c);", "- Giám đốc Sở;", "- Lưu: VT, NVVH."],
        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "Nguyễn Thị Thu Hà"],
        left_align="left",
        bold_right=(0, 1, 4),
    ),
]

SCANS: dict[str, list[Block]] = {
    "kh-so-scan-gop": KH_SO_SCAN_GOP,
    "kh-huyen-scan-bang": KH_HUYEN_SCAN_BANG,
    "ctr-tu-scan-phuluc": CTR_TU_SCAN_PHULUC,
}
# how each is scanned: dots per inch and JPEG quality
SCAN_SETTINGS: dict[str, tuple[int, int]] = {
    "kh-huyen-scan-bang": (200, 80),
    "ctr-tu-scan-phuluc": (300, 85),
    "kh-so-scan-gop": (200, 75),
}
