"""The parts of an official document whose form the rules fix (NĐ 30/2020/NĐ-CP, Phụ lục
I; HD 36-HD/VPTW): the motto, the number, the date line, the authority words."""

from __future__ import annotations

import datetime as dt
import unicodedata

from dondoc.reports.model import Issuer

STATE_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
PARTY_MOTTO = "ĐẢNG CỘNG SẢN VIỆT NAM"
# a number left for the office to give when it signs: the blank it writes into
BLANK_NUMBER = "      "
# words that end a body's own name and start its place ("Ủy ban nhân dân thành phố Cần Thơ")
_PLACE_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")


def date_line(place: str, day: dt.date) -> str:
    """ "Cần Thơ, ngày 03 tháng 02 năm 2026": days under 10 and months 1 and 2 with a 0
    (NĐ 30, Phụ lục I, mục 5; HD 36 the same)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def number_line(issuer: Issuer, kind_code: str, number: str | None) -> str:
    """State: "Số: 12/BC-VPUB"; a letter: "Số: 12/VPUB-TH" (no kind). Party: "Số 12-BC/VPTU";
    a letter: "Số 12-CV/VPTU". An unnumbered draft keeps the blank."""
    n = number or BLANK_NUMBER
    if issuer.party:
        return f"Số {n}-{kind_code}/{issuer.abbreviation}"
    if kind_code == "CV":
        return f"Số: {n}/{issuer.abbreviation}"
    return f"Số: {n}/{kind_code}-{issuer.abbreviation}"


def abbreviation(name: str) -> str:
    """The initials of a body's name up to its place: "Văn phòng Thành ủy" → "VPTU",
    "Ủy ban nhân dân thành phố Cần Thơ" → "UBND"."""
    words = name.split()
    low = [w.lower() for w in words]
    for i in range(1, len(words)):
        if any(low[i : i + len(p.split())] == p.split() for p in _PLACE_WORDS):
            words = words[:i]
            break
    out = ""
    for w in words:
        c = w[0]
        base = unicodedata.normalize("NFD", c)[0] if c not in "Đđ" else c
        out += base.upper()
    return out


def place_of(name: str) -> str:
    """The place in a province's name: "Thành phố Cần Thơ" → "Cần Thơ", "Tỉnh Lào Cai" →
    "Lào Cai"."""
    low = name.lower()
    for prefix in ("thành phố ", "tỉnh "):
        if low.startswith(prefix):
            return name[len(prefix) :]
    return name


def authority(issuer: Issuer, on_behalf_of: str | None, mode: str) -> str:
    """ "TL. CHỦ TỊCH" (state) or "T/L BAN THƯỜNG VỤ" (Party): mode is TM, KT or TL."""
    if on_behalf_of is None:
        return ""
    word = {"TM": "T/M", "KT": "K/T", "TL": "T/L"}[mode] if issuer.party else f"{mode}."
    return f"{word} {on_behalf_of.upper()}"
