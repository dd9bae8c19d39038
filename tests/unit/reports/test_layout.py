"""The parts of an official document whose form the rules fix."""

from __future__ import annotations

import datetime as dt

from dondoc.reports.layout import abbreviation, authority, date_line, number_line, place_of
from dondoc.reports.model import Issuer

STATE = Issuer("Văn phòng Ủy ban nhân dân", "Ủy ban nhân dân tỉnh Lào Cai", False, "VPUBND", "Lào Cai")
PARTY = Issuer("Văn phòng Thành ủy", "Thành ủy Cần Thơ", True, "VPTU", "Cần Thơ")


def test_the_date_line_pads_days_under_ten_and_the_first_two_months() -> None:
    assert date_line("Cần Thơ", dt.date(2026, 2, 3)) == "Cần Thơ, ngày 03 tháng 02 năm 2026"
    assert date_line("Lào Cai", dt.date(2026, 3, 9)) == "Lào Cai, ngày 09 tháng 3 năm 2026"
    assert date_line("Hà Nội", dt.date(2026, 12, 25)) == "Hà Nội, ngày 25 tháng 12 năm 2026"


def test_the_number_in_each_layout() -> None:
    assert number_line(STATE, "BC", "12") == "Số: 12/BC-VPUBND"
    assert number_line(STATE, "CV", "12") == "Số: 12/VPUBND"
    assert number_line(PARTY, "BC", "12") == "Số 12-BC/VPTU"
    assert number_line(PARTY, "CV", None) == "Số       -CV/VPTU"  # a blank for the office


def test_a_bodys_abbreviation_stops_at_its_place() -> None:
    assert abbreviation("Văn phòng Thành ủy") == "VPTU"
    assert abbreviation("Ủy ban nhân dân thành phố Cần Thơ") == "UBND"
    assert abbreviation("Ủy ban nhân dân tỉnh") == "UBND"
    assert abbreviation("Sở Tài chính") == "STC"
    assert abbreviation("Đảng ủy xã Tân Hòa") == "ĐU"


def test_the_place_of_a_province_and_the_authority_words() -> None:
    assert place_of("Thành phố Cần Thơ") == "Cần Thơ"
    assert place_of("Tỉnh Lào Cai") == "Lào Cai"
    assert authority(PARTY, "Ban Thường vụ", "TL") == "T/L BAN THƯỜNG VỤ"
    assert authority(STATE, "Chủ tịch", "KT") == "KT. CHỦ TỊCH"
    assert authority(STATE, None, "TM") == ""
