"""What a report document holds, format-free: its header blocks, number, date line,
title, body (headings, paragraphs, tables, a chart), recipients and signature block."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Issuer:
    """The body that issues the document, as its header block names it."""

    name: str  # "Văn phòng Thành ủy"
    parent: str | None  # the body directly above it ("Thành ủy Cần Thơ"), None for a top body
    party: bool  # a Party body: HD 36-HD/VPTW; else NĐ 30/2020
    abbreviation: str  # in the number: "VPTU", "UBND"
    place: str  # in the date line: "Cần Thơ"


@dataclass(frozen=True)
class Signature:
    authority: tuple[str, ...]  # "T/L BAN THƯỜNG VỤ" / "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" …
    title: str  # "CHÁNH VĂN PHÒNG"
    name: str = ""  # left for the signer when empty


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    italic: bool = False


@dataclass(frozen=True)
class Table:
    title: str  # the sheet's name in a workbook, the caption elsewhere
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    total: tuple[object, ...] | None = None  # a last row in bold
    widths: tuple[float, ...] = ()  # relative column widths
    note: str = ""  # under the table ("… và 120 nhiệm vụ khác: xem tệp Excel")


@dataclass(frozen=True)
class Chart:
    title: str
    labels: tuple[str, ...]
    values: tuple[int, ...]


Block = Heading | Paragraph | Table | Chart


@dataclass(frozen=True)
class OfficialDocument:
    issuer: Issuer
    kind: str  # "BÁO CÁO"; "" for a letter (công văn), which has no kind title
    kind_code: str  # "BC", "CV"
    number: str | None  # None: left blank for the office to number
    date: dt.date
    title: str  # trích yếu
    body: tuple[Block, ...]
    recipients: tuple[str, ...]  # Nơi nhận
    signature: Signature
    addressees: tuple[str, ...] = ()  # Kính gửi (a letter)
    appendix: tuple[Table, ...] = field(default=())  # full lists, in a workbook: every row

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.body if isinstance(b, Table)) + self.appendix
