from __future__ import annotations

import pytest

from dondoc.tracking.progress import Indicator, parse_indicator, percent_from_indicator, roll_up


def test_roll_up_is_the_weighted_mean() -> None:
    assert roll_up([(1.0, 100.0), (1.0, 0.0)]) == 50.0
    assert roll_up([(3.0, 100.0), (1.0, 0.0)]) == 75.0
    assert roll_up([(1.0, None), (1.0, 50.0)]) == 25.0  # no report yet counts as 0
    assert roll_up([]) is None
    assert roll_up([(0.0, 80.0)]) is None


@pytest.mark.parametrize(
    ("text", "target", "unit"),
    [
        ("Tỷ lệ bao phủ bảo hiểm y tế đạt trên 95% dân số", 95.0, "%"),
        ("xây dựng 1.200 căn nhà cho hộ nghèo", 1200.0, "căn"),
        ("tăng trưởng 7,5% so với cùng kỳ", 7.5, "%"),
    ],
)
def test_parse_indicator_reads_vietnamese_numbers(text: str, target: float, unit: str) -> None:
    assert parse_indicator(text) == Indicator(target, unit)


def test_parse_indicator_none_without_a_number() -> None:
    assert parse_indicator("nâng cao chất lượng") is None


def test_percent_from_indicator_is_bounded() -> None:
    assert percent_from_indicator(600, Indicator(1200)) == 50.0
    assert percent_from_indicator(1500, Indicator(1200)) == 100.0
    assert percent_from_indicator(-3, Indicator(10)) == 0.0
