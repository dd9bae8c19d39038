"""Made-up directive texts for the extraction's shape tests: a header in NĐ 30 layout."""

from __future__ import annotations


def header(number: str = "21/KH-UBND", kind: str = "KẾ HOẠCH", title: str = "Phát triển hạ tầng số") -> str:
    """An UBND header: issuer, number, national motto, place and date, kind and title."""
    return f"""ỦY BAN NHÂN DÂN
TỈNH AN HÒA
Số: {number}
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
An Hòa, ngày 05 tháng 3 năm 2026

{kind}
{title}
"""
