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
