from __future__ import annotations

from dondoc.extract.roles import find_roles


def test_subject_then_verb() -> None:
    roles = find_roles("Lực lượng Công an tăng cường triển khai đồng bộ các biện pháp.")
    assert roles.subject == ("Lực lượng Công an",)


def test_giao_list_and_support() -> None:
    roles = find_roles(
        "Giao Bộ Tài chính, Bộ Công Thương, Bộ Nông nghiệp và Môi trường chủ trì, "
        "phối hợp với các Bộ, cơ quan liên quan nghiên cứu."
    )
    assert roles.subject == ("Bộ Tài chính", "Bộ Công Thương", "Bộ Nông nghiệp và Môi trường")
    assert roles.support == ("các Bộ, cơ quan liên quan",)


def test_every_sentence_subject_is_a_lead() -> None:
    roles = find_roles(
        "Đoàn đại biểu Quốc hội thành phố tham dự kỳ họp. "
        "Hội đồng nhân dân thành phố tổ chức kỳ họp thường lệ."
    )
    assert roles.subject == ("Đoàn đại biểu Quốc hội thành phố",)
    assert roles.leads == ("Hội đồng nhân dân thành phố",)


def test_verb_first_task_has_no_subject() -> None:
    assert find_roles("Tiếp tục tăng cường công tác chính trị, tư tưởng.").subject == ()


def test_giao_a_deputy_prime_minister_by_name() -> None:
    roles = find_roles("Giao Phó Thủ tướng Chính phủ Lê Văn Bình trực tiếp chỉ đạo lễ khánh thành.")
    assert roles.subject == ("Phó Thủ tướng Chính phủ Lê Văn Bình",)


def test_a_named_body_then_a_group_are_two_unless_a_party_head_governs_both() -> None:
    roles = find_roles("Bộ Nội vụ chủ trì, phối hợp với Văn phòng Chính phủ, các bộ, ngành liên quan.")
    assert roles.support == ("Văn phòng Chính phủ", "các bộ, ngành liên quan")
    party = find_roles("Đảng ủy Mặt trận Tổ quốc, các đoàn thể tỉnh lãnh đạo triển khai thực hiện.")
    assert party.subject == ("Đảng ủy Mặt trận Tổ quốc, các đoàn thể tỉnh",)


def test_bodies_named_by_field_and_territory_after_the_2025_reorganisation() -> None:
    roles = find_roles("Thuế tỉnh chủ trì, phối hợp với Thống kê tỉnh rà soát số liệu kê khai.")
    assert roles.subject == ("Thuế tỉnh",)
    assert roles.support == ("Thống kê tỉnh",)


def test_an_opener_with_nothing_after_it_names_no_subject() -> None:
    # "Đồng thời," at a text's end: the opener and its comma are all there is
    assert find_roles("Đồng thời,").subject == ()
    assert find_roles("Riêng").subject == ()


def test_the_body_whose_work_an_item_joins_supports_it() -> None:
    # CONVENTIONS rule 9: "phối hợp … do X chủ trì" puts X in support; so does joining in
    # ("tham gia") work led by one body or another
    roles = find_roles(
        "Kiểm tra định kỳ các kho; phối hợp tham gia kiểm tra liên ngành định kỳ, đột xuất về an toàn, "
        "vệ sinh lao động trong hoạt động vật liệu nổ do Sở Công Thương hoặc Công an tỉnh chủ trì."
    )
    assert roles.support == ("Sở Công Thương", "Công an tỉnh")
    assert roles.leads == ()
    assert find_roles("Tham gia các đoàn kiểm tra do Sở Y tế chủ trì.").support == ("Sở Y tế",)
    # a clause about the projects, with no joining in, names no partner
    assert find_roles("Rà soát các dự án do Sở Y tế chủ trì.").support == ()


def test_a_sentence_that_helps_a_named_body_makes_it_a_partner() -> None:
    roles = find_roles(
        "Hỗ trợ Công an tỉnh, cơ quan Thi hành án dân sự bảo quản, tiêu hủy tang vật theo quy định."
    )
    assert roles.support == ("Công an tỉnh", "cơ quan Thi hành án dân sự")
    assert find_roles("Kiểm tra hồ sơ; hỗ trợ Sở Nội vụ rà soát biên chế.").support == ("Sở Nội vụ",)
    # help to people or firms named in lower case is the work itself
    assert find_roles("Hỗ trợ doanh nghiệp tiếp cận vốn vay ưu đãi.").support == ()


def test_a_verb_of_aid_after_the_support_cue_still_names_the_partners() -> None:
    # CONVENTIONS rule 9: "phối hợp, hỗ trợ …"
    assert find_roles("Sở Y tế phối hợp, hỗ trợ Ủy ban nhân dân các xã kiểm tra.").support == (
        "Ủy ban nhân dân các xã",
    )
    assert find_roles(
        "Chỉ đạo Công an các phường phối hợp và hướng dẫn Ủy ban nhân dân các phường trong công tác rà soát."
    ).support == ("Ủy ban nhân dân các phường",)
    # "và" then a verb that is no aid: the verb's object is no body
    assert find_roles("Sở Y tế phối hợp và tổ chức thực hiện kiểm tra.").support == ()


def test_a_kind_of_body_named_with_a_capital_after_one_body_is_another_body() -> None:
    assert find_roles("Công an tỉnh, cơ quan Thi hành án dân sự kiểm tra.").subject == (
        "Công an tỉnh",
        "cơ quan Thi hành án dân sự",
    )
    # a group's members, and a body's territories, go on over the comma
    assert find_roles("Các bộ, cơ quan Trung ương kiểm tra.").subject == ("Các bộ, cơ quan Trung ương",)
    assert find_roles("Ủy ban nhân dân xã, thị trấn kiểm tra.").subject == ("Ủy ban nhân dân xã, thị trấn",)


def test_a_topic_label_then_a_sentence_with_its_own_subject() -> None:
    roles = find_roles(
        "Về công tác truyền thông: Sở Văn hóa, Thể thao và Du lịch chỉ đạo các cơ quan báo chí tuyên truyền."
    )
    assert roles.subject == ("Sở Văn hóa, Thể thao và Du lịch",)
    # a label whose sentence names nobody leaves no subject ("Về kinh phí: bố trí …")
    assert find_roles("Về kinh phí: Bố trí từ nguồn ngân sách tỉnh.").subject == ()


def test_a_clause_after_a_comma_with_its_own_subject_names_a_lead() -> None:
    """ "…, trong đó X hướng dẫn …", "…, đồng thời X bố trí …": X acts; never an opener before
    a noun ("…, trong đó chú trọng …")."""
    roles = find_roles(
        "Tiếp tục chỉ đạo thực hiện tốt cơ chế một cửa, trong đó Văn phòng Ủy ban nhân dân tỉnh hướng dẫn "
        "Trung tâm Phục vụ hành chính công tỉnh tiếp nhận hồ sơ trực tuyến."
    )
    assert (roles.subject, roles.leads) == ((), ("Văn phòng Ủy ban nhân dân tỉnh",))
    roles = find_roles("Rà soát thủ tục hành chính, đồng thời Sở Tài chính bố trí kinh phí thực hiện.")
    assert roles.leads == ("Sở Tài chính",)
    roles = find_roles("Tăng cường tuyên truyền, trong đó chú trọng Cổng thông tin điện tử tỉnh.")
    assert (roles.subject, roles.leads) == ((), ())


def test_the_work_named_as_a_noun_then_who_does_it() -> None:
    roles = find_roles(
        "Việc đánh giá, xếp loại chỉ số cải cách hành chính do Sở Nội vụ chủ trì thực hiện, "
        "hoàn thành trước ngày 15/12/2026."
    )
    assert roles.leads == ("Sở Nội vụ",)
    roles = find_roles("Việc kiểm tra các công trình do Ban Quản lý dự án tỉnh thực hiện.")
    assert roles.leads == ("Ban Quản lý dự án tỉnh",)
    # a project another body carries out, inside an item whose work is not named as a noun
    assert find_roles("Đẩy nhanh tiến độ các dự án do Sở Xây dựng thực hiện.").leads == ()


def test_a_plural_place_head_then_a_colon_and_a_verb_opens_the_item_not_a_list() -> None:
    """ "UBND các phường: Ba Đình, …" lists places; "UBND các xã, phường: tăng cường …" names
    the body, then its work (the colon and the verb were read into its name)."""
    roles = find_roles("Ủy ban nhân dân các xã, phường: tăng cường kiểm tra hoạt động khai thác cát.")
    assert roles.subject == ("Ủy ban nhân dân các xã, phường",)
    roles = find_roles("Đối với Ủy ban nhân dân các xã: Tăng cường kiểm tra hoạt động khai thác cát.")
    assert roles.subject == ("Ủy ban nhân dân các xã",)
    # a field that reads as a verb, listed, is one of the names
    assert find_roles("Các Sở: Xây dựng, Y tế kiểm tra an toàn công trình.").subject == (
        "Các Sở: Xây dựng, Y tế",
    )
    assert find_roles("UBND các phường: Ba Đình, Hoàn Kiếm tăng cường kiểm tra.").subject == (
        "UBND các phường: Ba Đình, Hoàn Kiếm",
    )


def test_a_body_singled_out_then_a_comma_is_the_subject() -> None:
    """ "Riêng X, …", "Về phía X, …": X acts; "Đối với X, …" only when X acts itself
    ("chủ động …"), since other verbs there act on X ("Đối với các cơ quan chậm báo cáo, phê
    bình …")."""
    assert find_roles("Riêng Sở Y tế, hoàn thành việc đấu thầu thuốc.").subject == ("Sở Y tế",)
    assert find_roles("Về phía Sở Tài chính, cần sớm tham mưu bố trí kinh phí.").subject == ("Sở Tài chính",)
    assert find_roles("Riêng năm 2026, các sở tập trung giải ngân vốn.").subject == ("các sở",)
    roles = find_roles(
        "Đối với các địa phương có nguồn thu từ tiền sử dụng đất lớn, chủ động xây dựng phương án điều hành."
    )
    assert roles.subject == ("các địa phương có nguồn thu",)
    roles = find_roles(
        "Đối với người đứng đầu cơ quan, đơn vị để xảy ra tham nhũng, phải xử lý trách nhiệm theo quy định."
    )
    assert roles.subject == ()
    assert find_roles("Về phía doanh nghiệp, cần chủ động đổi mới công nghệ.").subject == ()


def test_an_organ_of_two_party_committees_is_one_body() -> None:
    """CONVENTIONS rule 8: "Ban Thường vụ Tỉnh ủy, Thành ủy" (one head shared by two kinds)."""
    assert find_roles("Ban Thường vụ Huyện ủy, Thị ủy lãnh đạo triển khai.").subject == (
        "Ban Thường vụ Huyện ủy, Thị ủy",
    )
    assert find_roles("Thường trực Tỉnh ủy, Thành ủy, Đảng ủy chỉ đạo rà soát.").subject == (
        "Thường trực Tỉnh ủy, Thành ủy, Đảng ủy",
    )
    roles = find_roles("Ban Thường vụ Huyện ủy, Thị ủy và Ủy ban nhân dân tỉnh lãnh đạo.")
    assert roles.subject == ("Ban Thường vụ Huyện ủy, Thị ủy", "Ủy ban nhân dân tỉnh")
    # committees named by their places, or on their own, are bodies of their own
    assert find_roles("Ban Thường vụ Huyện ủy Bảo Thắng, Huyện ủy Bảo Yên chỉ đạo.").subject == (
        "Ban Thường vụ Huyện ủy Bảo Thắng",
        "Huyện ủy Bảo Yên",
    )
    assert find_roles("Ban Thường vụ Huyện ủy, Thị ủy Sa Pa lãnh đạo.").subject == (
        "Ban Thường vụ Huyện ủy",
        "Thị ủy Sa Pa",
    )
    assert find_roles("Tỉnh ủy, Thành ủy chỉ đạo rà soát.").subject == ("Tỉnh ủy", "Thành ủy")


def test_a_scope_set_off_by_commas_between_the_subject_and_its_verb() -> None:
    roles = find_roles(
        "Các đơn vị thuộc Bộ, theo chức năng, nhiệm vụ được giao, hướng dẫn, kiểm tra việc thực hiện."
    )
    assert roles.subject == ("Các đơn vị thuộc Bộ",)
    assert find_roles("Sở Y tế, theo thẩm quyền, xử lý nghiêm vi phạm.").subject == ("Sở Y tế",)
    # no verb after the scope's comma: no subject
    assert find_roles("Các đơn vị thuộc Bộ, theo chức năng, nhiệm vụ được giao.").subject == ()


def test_universities_named_as_a_group() -> None:
    assert find_roles("Các đại học, học viện, trường đại học rà soát chuẩn chương trình.").subject == (
        "Các đại học, học viện, trường đại học",
    )
    assert find_roles("Nâng cao chất lượng giáo dục đại học và sau đại học.").subject == ()


def test_a_national_bodys_name_ends_with_the_countrys() -> None:
    """ "Ngân hàng Nhà nước Việt Nam | điều hành …": the lower-case word after the country's
    name is the verb, even one the verb list leaves out because it sits inside lower-case
    names ("điều hành", "quản lý")."""
    assert find_roles("Ngân hàng Nhà nước Việt Nam điều hành chính sách tiền tệ.").subject == (
        "Ngân hàng Nhà nước Việt Nam",
    )
    roles = find_roles(
        "Bộ Tài chính chủ trì, phối hợp với Ngân hàng Nhà nước Việt Nam điều hành chính sách tài khóa."
    )
    assert roles.support == ("Ngân hàng Nhà nước Việt Nam",)
    assert find_roles("Bảo hiểm xã hội Việt Nam quản lý chặt chẽ quỹ.").subject == (
        "Bảo hiểm xã hội Việt Nam",
    )
    # the words that go on with such a name
    assert find_roles(
        "Ngân hàng Nhà nước Việt Nam chi nhánh Khu vực 8 chỉ đạo các tổ chức tín dụng."
    ).subject == ("Ngân hàng Nhà nước Việt Nam chi nhánh Khu vực 8",)
    assert find_roles("Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Phú vận động nhân dân.").subject == (
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Phú",
    )


def test_a_bodys_name_ends_with_its_territory() -> None:
    """ "Công an tỉnh | quản lý …", "Ủy ban nhân dân huyện Chư Sê | quản lý …": after the
    territory that closes a name, a lower-case word is the verb (the verb list leaves out
    "quản lý", "đào tạo", "thanh tra", which sit inside lower-case names)."""
    for sentence, body in (
        ("Công an tỉnh quản lý chặt chẽ vũ khí, vật liệu nổ.", "Công an tỉnh"),
        ("Ủy ban nhân dân huyện Chư Sê quản lý chặt chẽ đất đai.", "Ủy ban nhân dân huyện Chư Sê"),
        ("Trường Chính trị tỉnh đào tạo cán bộ cơ sở.", "Trường Chính trị tỉnh"),
        ("Bộ Chỉ huy Quân sự tỉnh huấn luyện lực lượng dân quân.", "Bộ Chỉ huy Quân sự tỉnh"),
        # what goes on with such a name: a term of office, a compound, a qualifier
        ("Hội đồng nhân dân tỉnh khóa XVI giám sát việc thực hiện.", "Hội đồng nhân dân tỉnh khóa XVI"),
        ("Bảo hiểm xã hội tỉnh chi trả kịp thời.", "Bảo hiểm xã hội tỉnh"),
        (
            "Các doanh nghiệp nhà nước do tỉnh quản lý rà soát lao động.",
            "Các doanh nghiệp nhà nước do tỉnh quản lý",
        ),
    ):
        assert find_roles(sentence).subject == (body,), sentence
    # a set of places is qualified after it as often as a verb follows: only a known verb ends it
    # (CONVENTIONS rule 8: "A và B" as one body or two scores the same)
    assert find_roles("UBND các phường, xã diễn ra sự kiện và đơn vị sự kiện phối hợp.").subject == (
        "UBND các phường, xã diễn ra sự kiện và đơn vị sự kiện",
    )


def test_more_verbs_of_field_work_end_a_subject() -> None:
    for sentence, body in (
        ("Công an các xã, phường truy quét tội phạm ma túy.", "Công an các xã, phường"),
        ("Các đơn vị quản lý công trình nạo vét kênh mương.", "Các đơn vị quản lý công trình"),
        (
            "Ủy ban nhân dân các xã ven biển cưỡng chế tháo dỡ công trình vi phạm.",
            "Ủy ban nhân dân các xã ven biển",
        ),
        ("Bộ đội Biên phòng tỉnh đấu tranh, trấn áp tội phạm buôn lậu.", "Bộ đội Biên phòng tỉnh"),
    ):
        assert find_roles(sentence).subject == (body,), sentence


def test_one_word_then_the_list_going_on_is_no_verb_after_a_closing_place() -> None:
    # a scan's "tính" for "tỉnh" after the country's name: the list of bodies goes on
    roles = find_roles(
        "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tính, Viện kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh "
        "tăng cường công tác bảo vệ bí mật nhà nước."
    )
    assert roles.subject == (
        "Ủy ban Mặt trận Tổ quốc Việt Nam tính",
        "Viện kiểm sát nhân dân tỉnh",
        "Tòa án nhân dân tỉnh",
    )


def test_whom_the_subject_asks_is_read_where_the_subject_speaks() -> None:
    from dondoc.extract.roles import asked_by_subject

    text = "Thực hiện Công văn của Sở Tài chính, Sở Tài chính đề nghị Sở Xây dựng cung cấp số liệu."
    assert asked_by_subject(text, "Sở Tài chính") == ("Sở Xây dựng",)
    assert asked_by_subject("Sở Tài chính tổng hợp số liệu.", "Sở Tài chính") is None


def test_work_handed_to_a_deputy_by_name() -> None:
    """A conclusion hands work to a deputy minister or vice-chair by title and name: the
    person leads (as "Phó Thủ tướng … chỉ đạo" does); a mention after "báo cáo" leads nothing."""
    assert find_roles("Giao Thứ trưởng Trần Văn Bình chỉ đạo các đơn vị liên quan kiểm tra.").subject == (
        "Thứ trưởng Trần Văn Bình",
    )
    assert find_roles("Giao Phó Chủ tịch Ủy ban nhân dân tỉnh Nguyễn Văn An chỉ đạo xử lý.").subject == (
        "Phó Chủ tịch Ủy ban nhân dân tỉnh Nguyễn Văn An",
    )
    assert find_roles("Sở Y tế báo cáo Phó Chủ tịch Ủy ban nhân dân tỉnh phụ trách.").subject == ("Sở Y tế",)


def test_the_field_phong_chong_inside_a_name_is_no_office() -> None:
    """ "Phòng, chống" (prevention and control) in a name, capitalised or not, is its field:
    not the office "Phòng" after "và", and its comma does not end the name."""
    roles = find_roles(
        "Vụ Kế hoạch - Tài chính chủ trì, phối hợp với Cục Quản lý đê điều và Phòng, chống thiên tai "
        "tham mưu."
    )
    assert (roles.subject, roles.support) == (
        ("Vụ Kế hoạch - Tài chính",),
        ("Cục Quản lý đê điều và Phòng, chống thiên tai",),
    )
    for name in (
        "Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn tỉnh",
        "Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh",
    ):
        assert find_roles(f"{name} chỉ đạo ứng phó.").subject == (name,)
    # the office "Phòng" after "và" still starts a body of its own
    assert find_roles("Sở Nội vụ và Phòng Nội vụ các huyện tăng cường kiểm tra.").subject == (
        "Sở Nội vụ",
        "Phòng Nội vụ các huyện",
    )


def test_a_telecom_groups_provincial_unit_and_its_network_work() -> None:
    """ "Viễn thông An Hòa" is a body before its name (never "hạ tầng viễn thông"); "phủ sóng",
    "ngầm hóa" end a subject as verbs."""
    assert find_roles("Viễn thông An Hòa phủ sóng 5G tại trung tâm các huyện.").subject == (
        "Viễn thông An Hòa",
    )
    assert find_roles("Điện lực An Hòa ngầm hóa lưới điện trung tâm.").subject == ("Điện lực An Hòa",)
    assert find_roles("Phát triển hạ tầng viễn thông thụ động dùng chung.").subject == ()


def test_a_role_in_brackets_after_a_body_is_no_body() -> None:
    """ "Sở Tài chính phối hợp với Sở Y tế (cơ quan chủ trì) …": "cơ quan chủ trì" tells the
    role of the body before the bracket; the subject leads (CONVENTIONS rule 9)."""
    roles = find_roles("Sở Tài chính phối hợp với Sở Y tế (cơ quan chủ trì) xây dựng định mức.")
    assert (roles.subject, roles.leads, roles.support) == (("Sở Tài chính",), (), ("Sở Y tế",))
    roles = find_roles("Xây dựng định mức (Sở Y tế chủ trì, Sở Tài chính phối hợp).")
    assert (roles.leads, roles.support) == (("Sở Y tế",), ("Sở Tài chính",))


def test_a_commission_named_for_two_fields_with_a_comma() -> None:
    """ "Ban Chính sách, chiến lược Trung ương": the comma is inside the name (as in "Hội đồng
    Thi đua, Khen thưởng"), before "chủ trì" and in a list after "Giao"."""
    assert find_roles("Ban Chính sách, chiến lược Trung ương chủ trì, phối hợp theo dõi.").subject == (
        "Ban Chính sách, chiến lược Trung ương",
    )
    assert find_roles(
        "Giao Ban Tổ chức Trung ương, Ban Chính sách, chiến lược Trung ương đề xuất."
    ).subject == (
        "Ban Tổ chức Trung ương",
        "Ban Chính sách, chiến lược Trung ương",
    )


def test_a_residential_groups_head_leads() -> None:
    """ "Tổ trưởng tổ dân phố" (as "Trưởng thôn") is the head of a body, named for it."""
    assert find_roles("Trưởng thôn, Tổ trưởng tổ dân phố tuyên truyền, vận động nhân dân.").subject == (
        "Trưởng thôn",
        "Tổ trưởng tổ dân phố",
    )


def test_a_verb_names_hold_ends_a_set_of_places() -> None:
    """ "quản lý", "điều hành", "đào tạo" sit inside lower-case names ("Ban quản lý dự án"), so
    the verb list leaves them out; right after a set of places they are the verb. A qualifier
    after the set ("các xã biên giới") still leaves the subject to the known verbs."""
    assert find_roles("Ủy ban nhân dân các xã, phường quản lý chặt chẽ đất đai.").subject == (
        "Ủy ban nhân dân các xã, phường",
    )
    assert find_roles("Ủy ban nhân dân các huyện điều hành ngân sách.").subject == (
        "Ủy ban nhân dân các huyện",
    )
    assert find_roles("Ban quản lý dự án các huyện quản lý chất lượng công trình.").subject == (
        "Ban quản lý dự án các huyện",
    )


def test_an_enumerations_member_may_be_a_heads_word() -> None:
    """ "Các Bộ: Quốc phòng, Công an": "Công an" is a member named by its field, as "Quốc
    phòng" is, not a body of its own; a body named whole after it ("Ủy ban nhân dân các tỉnh
    ven biển", "Công an tỉnh") still is."""
    assert find_roles("Các Bộ: Quốc phòng, Công an chỉ đạo lực lượng sẵn sàng hỗ trợ.").subject == (
        "Các Bộ: Quốc phòng, Công an",
    )
    assert find_roles(
        "Các Bộ: Quốc phòng, Công an, Ủy ban nhân dân các tỉnh ven biển chỉ đạo ứng phó."
    ).subject == (
        "Các Bộ: Quốc phòng, Công an",
        "Ủy ban nhân dân các tỉnh ven biển",
    )
    assert find_roles("Các Sở: Y tế, Tài chính, Công an tỉnh phối hợp thực hiện.").subject == (
        "Các Sở: Y tế, Tài chính",
        "Công an tỉnh",
    )


def test_an_item_without_a_subject_names_its_lead_by_do_x_chu_tri() -> None:
    """ "<work> do X chủ trì": X leads the item's work; "tham gia / phối hợp … do X chủ trì"
    joins X's work (X supports, CONVENTIONS rule 9); "do X làm chủ đầu tư" names no lead."""
    roles = find_roles(
        "Xây dựng đề án vị trí việc làm do Sở Nội vụ chủ trì, phối hợp với các sở, ngành thực hiện."
    )
    assert (roles.subject, roles.leads, roles.support) == ((), ("Sở Nội vụ",), ("các sở, ngành",))
    joined = find_roles("Tham gia các đoàn kiểm tra do Sở Y tế chủ trì.")
    assert (joined.leads, joined.support) == ((), ("Sở Y tế",))
    assert find_roles("Đẩy nhanh tiến độ các dự án do Sở Xây dựng làm chủ đầu tư.").leads == ()
    # a subject of its own keeps the item's lead
    own = find_roles("Sở Tài chính thẩm định các dự án do Sở Xây dựng chủ trì.")
    assert (own.subject, own.leads) == (("Sở Tài chính",), ())


def test_a_bodys_part_said_in_brackets_or_by_la_co_quan() -> None:
    roles = find_roles("Sở Y tế (chủ trì), Sở Tài chính (phối hợp) xây dựng phương án mua sắm.")
    assert (roles.subject + roles.leads, roles.support) == (("Sở Y tế",), ("Sở Tài chính",))
    roles = find_roles(
        "Sở Giao thông vận tải là cơ quan chủ trì, Công an tỉnh là cơ quan phối hợp triển khai kế hoạch."
    )
    assert (roles.subject + roles.leads, roles.support) == (("Sở Giao thông vận tải",), ("Công an tỉnh",))


def test_partners_by_a_duty_to_cooperate_or_by_their_taking_part_after_the_lead() -> None:
    """ "X chủ trì; các đơn vị liên quan có trách nhiệm phối hợp …" and "X chủ trì, có sự tham
    gia của Y": Y supports (CONVENTIONS rule 9); "với sự tham gia của" elsewhere names what a
    thing is made of, no partner."""
    cases = {
        "Giao Sở Tài nguyên chủ trì; các đơn vị liên quan có trách nhiệm phối hợp thực hiện.": (
            ("Sở Tài nguyên",),
            ("các đơn vị liên quan",),
        ),
        "Sở Y tế chủ trì, Sở Tài chính chịu trách nhiệm phối hợp bố trí kinh phí.": (
            ("Sở Y tế",),
            ("Sở Tài chính",),
        ),
        "Sở Nội vụ chủ trì, có sự tham gia của Sở Tư pháp, Thanh tra tỉnh, rà soát thủ tục.": (
            ("Sở Nội vụ",),
            ("Sở Tư pháp", "Thanh tra tỉnh"),
        ),
        "Sở Y tế chủ trì với sự tham gia của các bệnh viện tuyến tỉnh xây dựng mạng lưới.": (
            ("Sở Y tế",),
            ("các bệnh viện tuyến tỉnh",),
        ),
    }
    for text, (leads, support) in cases.items():
        roles = find_roles(text)
        assert (roles.subject + roles.leads, roles.support) == (leads, support), text
    assert (
        find_roles("Xây dựng mạng lưới cộng tác viên với sự tham gia của các tổ chức xã hội.").support == ()
    )


def test_the_customs_named_by_its_territory() -> None:
    roles = find_roles("Cục Thuế tỉnh, Hải quan tỉnh tăng cường chống thất thu ngân sách.")
    assert roles.subject == ("Cục Thuế tỉnh", "Hải quan tỉnh")


def test_a_person_and_the_title_beside_the_name_are_one_lead() -> None:
    """ "Giao đồng chí Nguyễn Văn An, Phó Chủ tịch Ủy ban nhân dân tỉnh chỉ đạo …": the comma
    sets the title beside the person, one lead (a list of bodies stays a list)."""
    roles = find_roles("Giao đồng chí Nguyễn Văn An, Phó Chủ tịch Ủy ban nhân dân tỉnh trực tiếp chỉ đạo.")
    assert roles.subject == ("đồng chí Nguyễn Văn An, Phó Chủ tịch Ủy ban nhân dân tỉnh",)
    assert find_roles("Giao Sở Y tế, Sở Tài chính thực hiện.").subject == ("Sở Y tế", "Sở Tài chính")


def test_a_committee_member_named_and_titled_before_the_colon_of_his_part() -> None:
    """ "Đồng chí X, Phó Chủ tịch … - Phó Trưởng ban Thường trực: giúp Trưởng ban …": the member
    (with his titles) is the lead; "Tổ giúp việc", "Trung tâm Trợ giúp pháp lý" stay names."""
    roles = find_roles(
        "Đồng chí Trần Phước Hiền, Phó Chủ tịch Ủy ban nhân dân tỉnh - Phó Trưởng ban Thường trực: "
        "giúp Trưởng ban điều hành hoạt động của Ban Chỉ đạo."
    )
    assert roles.subject == (
        "Đồng chí Trần Phước Hiền, Phó Chủ tịch Ủy ban nhân dân tỉnh - Phó Trưởng ban Thường trực",
    )
    assert find_roles("Tổ giúp việc Ban Chỉ đạo tổng hợp, báo cáo định kỳ.").subject == (
        "Tổ giúp việc Ban Chỉ đạo",
    )
    assert find_roles("Trung tâm Trợ giúp pháp lý nhà nước tổ chức tư vấn.").subject == (
        "Trung tâm Trợ giúp pháp lý nhà nước",
    )
    assert find_roles("Sở Nội vụ phụ trách lĩnh vực cải cách hành chính.").subject == ("Sở Nội vụ",)


def test_one_committee_head_over_places_named_one_by_one() -> None:
    """ "Ủy ban nhân dân xã Đạ Sar, xã Đạ Chais": one head over both communes, one body (as
    "Ban Thường vụ Huyện ủy, Thị ủy", CONVENTIONS rule 8); another head after the comma is
    another body."""
    assert find_roles("Ủy ban nhân dân xã Đạ Sar, xã Đạ Chais: vận động các hộ dân.").subject == (
        "Ủy ban nhân dân xã Đạ Sar, xã Đạ Chais",
    )
    assert find_roles("Ủy ban nhân dân thị trấn Tràm Chim, xã Phú Đức báo cáo kết quả.").subject == (
        "Ủy ban nhân dân thị trấn Tràm Chim, xã Phú Đức",
    )
    assert find_roles("Công an xã A Lưới, Ủy ban nhân dân xã Hồng Kim phối hợp kiểm tra.").subject == (
        "Công an xã A Lưới",
        "Ủy ban nhân dân xã Hồng Kim",
    )


def test_the_same_head_again_after_a_comma_opens_another_body() -> None:
    """ "Chi bộ các thôn, chi bộ trường học": two bodies (rule 8), where "các sở, ban, ngành"
    stays one group."""
    assert find_roles("Chi bộ các thôn, chi bộ trường học tổ chức sinh hoạt chuyên đề.").subject == (
        "Chi bộ các thôn",
        "chi bộ trường học",
    )
    assert find_roles("Các sở, ban, ngành tổ chức quán triệt.").subject == ("Các sở, ban, ngành",)


def test_a_group_narrowed_to_those_who_have_not_done_a_thing() -> None:
    """ "các cơ quan, đơn vị chưa báo cáo | khẩn trương …": those not yet reporting are the body
    (CONVENTIONS rule 8: the whole noun phrase); "chưa" before the sentence's own verb ends it;
    "không" is left alone ("Cục Hàng không", "cảng hàng không")."""
    assert find_roles("Các xã chưa hoàn thành tiếp tục rà soát, bổ sung hồ sơ.").subject == (
        "Các xã chưa hoàn thành",
    )
    assert find_roles("Sở Y tế chưa báo cáo kết quả.").subject == ("Sở Y tế",)
    roles = find_roles(
        "Để kịp thời tổng hợp, báo cáo Ban Thường vụ Tỉnh ủy, Chủ tịch Ủy ban nhân dân tỉnh đề nghị "
        "các cơ quan, đơn vị chưa báo cáo khẩn trương hoàn thiện."
    )
    assert roles.subject == ("Chủ tịch Ủy ban nhân dân tỉnh",)  # past the purpose's own verbs


def test_lead_ins_of_purpose_time_and_ground_before_the_subject() -> None:
    # "Theo …", "Nhằm …", "Ngay sau khi …": a lead-in clause, then the subject after its comma
    cases = {
        "Theo chức năng, nhiệm vụ, Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh tăng cường tuần tra.": (
            "Công an tỉnh",
            "Bộ Chỉ huy Quân sự tỉnh",
        ),
        "Nhằm nâng cao hiệu quả công tác, Trung tâm Phục vụ hành chính công tỉnh triển khai dịch vụ công.": (
            "Trung tâm Phục vụ hành chính công tỉnh",
        ),
        "Ngay sau khi Kế hoạch được ban hành, Văn phòng Ủy ban nhân dân tỉnh theo dõi, đôn đốc.": (
            "Văn phòng Ủy ban nhân dân tỉnh",
        ),
        "Với vai trò là cơ quan thường trực, Sở Nội vụ theo dõi, tổng hợp.": ("Sở Nội vụ",),
        # a list opened inside the lead-in ("của các Bộ, cơ quan liên quan") is not the subject
        "Trên cơ sở đề nghị của các Bộ, cơ quan liên quan, Bộ Tài chính tổng hợp báo cáo.": ("Bộ Tài chính",),
    }
    for text, leads in cases.items():
        assert find_roles(text).subject == leads, text


def test_a_group_singled_out_by_rieng_with_its_qualifiers_up_to_the_colon() -> None:
    # "Riêng các trường có học sinh nội trú, bán trú: bố trí …": a group, its qualifiers
    # running over a comma to the colon that labels the item; "Riêng năm 2027," names no one
    assert find_roles("Riêng các trường có học sinh nội trú, bán trú: bố trí cán bộ trực.").subject == (
        "các trường có học sinh nội trú, bán trú",
    )
    assert find_roles("Riêng các trường, bố trí cán bộ trực.").subject == ("các trường",)
    assert find_roles("Riêng năm 2027, Sở Y tế bố trí cán bộ trực.").subject == ("Sở Y tế",)


def test_every_level_of_a_mass_organisation_is_a_body() -> None:
    for text, subject in {
        "Các cấp Hội trong tỉnh tập trung thực hiện tốt các nhiệm vụ sau:": "Các cấp Hội trong tỉnh",
        "Các cấp Công đoàn tập trung thực hiện.": "Các cấp Công đoàn",
        "Các cấp bộ Đoàn tập trung thực hiện.": "Các cấp bộ Đoàn",
    }.items():
        assert find_roles(text).subject == (subject,), text


def test_verbs_listed_after_a_plural_bodys_colon_are_its_item_not_names() -> None:
    # "Ủy ban nhân dân các xã: Tuyên truyền, vận động …": the item; "Các Sở: Xây dựng, Y tế": names
    assert find_roles("Ủy ban nhân dân các xã: Tuyên truyền, vận động nhân dân.").subject == (
        "Ủy ban nhân dân các xã",
    )
    assert find_roles("Các Sở: Xây dựng, Y tế phối hợp kiểm tra.").subject == ("Các Sở: Xây dựng, Y tế",)
