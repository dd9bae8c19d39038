"""The header and closing of a directive: type, number, issuer, date, title, signer, recipients.

Headers arrive as two columns (issuer left, motto right) linearised in any order: one
line each, side by side with runs of spaces (pdftotext -layout), or markdown table rows.
The closing holds 'Nơi nhận' and the signature block (authority line, title, name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Final

from dondoc.extract.lexicon import table, words
from dondoc.extract.lines import Line
from dondoc.extract.markers import continues_a_range, find_marker, part_alone
from dondoc.extract.spacing import single_spaced
from dondoc.extract.tones import toneless

# the State's, the Party's and the Youth Union's ("ĐOÀN TNCS HỒ CHÍ MINH" heads its documents
# as "ĐẢNG CỘNG SẢN VIỆT NAM" heads the Party's), also wrapped after its first word ("CỘNG" /
# "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), its tone mark on either vowel ("CỘNG HOÀ", the older placement)
_MOTTO = re.compile(
    r"CỘNG\s+H(?:[ÒO]A|OÀ)\s+XÃ|ĐẢNG\s+CỘNG|ĐỘC\s+LẬP|Độc\s+lập\s*[-–]|CỘNG\s+SẢN\s+VIỆT|H(?:[ÒO]A|OÀ)\s+XÃ\s+HỘI"
    r"|HỘI\s+CH[ỦÚ]\s+NGHĨA"  # (a scan may read the hook of "CHỦ" as an acute)
    r"|ĐOÀN\s+TNCS\s+HỒ\s+CHÍ\s+MINH|ĐOÀN\s+THANH\s+NIÊN\s+CỘNG\s+SẢN\s+HỒ",
    re.I,
)
# the first words of a motto wrapped over two lines ("ĐẢNG / CỘNG SẢN VIỆT NAM")
_MOTTO_TAIL = re.compile(r"^(?:CỘNG\s+SẢN|HỘI\s+CHỦ\s+NGHĨA|H(?:[ÒO]A|OÀ)\s+XÃ)", re.I)
_MOTTO_HEAD = re.compile(r"^(?:ĐẢNG|CỘNG\s+H(?:[ÒO]A|OÀ)(?:\s+XÃ)?|CỘNG)$", re.I)
# the symbol runs to a space, unless a "/" or "-" joins the next part ("173 /KH - UBND");
# two spaces or a cell's end close it as before ("Số: 12/KH-UBND V/v …" from a cell's <br>)
_NUMBER = re.compile(
    r"\bS[ốôỐÔ]\s*:?\s*(\d{1,5}[a-z]?(?:\s*/\s*\d{4})?\s*[-/]?\s*[A-ZĐ][\w\-/&Đ]*(?:\s*[-/]\.?\s*[\w\-/&Đ]+)*)"
    r"\s*(?:$|\s|\|)"
)
_SPLIT_NUMBER = re.compile(r"(\bS[ốôỐÔ]\s*:?\s*\d{1,5}[a-z]?)\s{2,}([/-]\s*[A-ZĐ])")
_NUMBER_ONLY = re.compile(r"\bS[ốôỐÔ]\s*:?\s*(\d{1,5})\s*$")
# "Số:" alone, its number and symbol on the next line ("Số:" / "21/KH-UBND")
_BARE_SO = re.compile(r"^\s*S[ốôỐÔ]\s*:?\s*$")
_BARE_SYMBOL = re.compile(r"^\s*(\d{1,5}[a-z]?\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ][\w\-/&Đ]*)\s*$")
# "Số:      /UBND-KT": a draft or a copy whose number the registry fills in later
_UNNUMBERED = re.compile(r"^\s*S[ốôỐÔ]\s*:?\s*[/-]\s*[A-ZĐ][\w\-/&Đ]*\s*$")


def _clean_number(found: str) -> str:
    """The number as written, less the spaces a layout put in it and a speck OCR read as a
    dot after its dash ("3105/SYT-.NVY")."""
    return re.sub(r"(?<=[-/])\.", "", re.sub(r"\s+", "", found))


def _names_number(text: str) -> bool:
    """The word every number pattern opens with, as written or as OCR reads it ("Sô:",
    "SỐ:")."""
    return "Số" in text or "Sô" in text or "SỐ" in text or "SÔ" in text


# the date line's words, the spaces between them optional: a PDF's text may drop one ("01năm")
# (and as a scan's OCR misreads their marks: "ngảy 12 thảng 3 năm 2027")
_DATE = re.compile(r"ng[àảáạ]y\s*(\d{1,2})\s*th[áảàạ]ng\s*(\d{1,2})\s*n[ăã]m\s*(\d{4})", re.I)
# the dateline in figures ("Hà Nội, ngày 05/3/2026"): only after its place, as a cited
# document's date is written the same way ("Báo cáo số 12/BC-SCT ngày 04/6/2026")
_PLACE_DATE_FIGURES = re.compile(
    r"(?:^|\|)\s*[A-ZĐ][^,|\d]{1,30},\s*ngày\s*(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4})\b", re.I
)
_DATE_LOW = re.compile(_DATE.pattern)
# "TM. CHÍNH PHỦ", "T/M THÀNH ỦY", "KT. BỘ TRƯỞNG", "Q. CHÁNH VĂN PHÒNG"; not "QUYẾT NGHỊ:"
_AUTHORITY = re.compile(r"^(?:(?:T/M|K/T|T/L)\s*\S|(?:TM|KT|TL|TUQ|Q)\s*[.:]\s*\S|(?:TM|KT|TL|TUQ)\s+[A-ZĐ])")
_UP = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ"
_LOW = "a-zàáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ"
# a personal name: two to five capitalised words ("Nguyễn Văn Hiếu")
# a name of one to five words; the first may be the particle that opens many names of the
# Central Highlands' peoples ("Y Ngọc", "A Pớt"), one letter long
_NAME = re.compile(rf"^(?:[{_UP}][{_LOW}]+|[AY])(?: (?:[{_UP}][{_LOW}]+|[AY](?= ))){{1,4}}$")
_ISSUER_HEADS = (
    "ỦY BAN",
    "UỶ BAN",
    "UBND",
    "CHÍNH PHỦ",
    "VĂN PHÒNG",
    "BỘ ",
    "SỞ ",
    "BAN ",
    "TỈNH ỦY",
    "TỈNH UỶ",
    "THÀNH ỦY",
    "THÀNH UỶ",
    "HUYỆN ỦY",
    "HUYỆN UỶ",
    "QUẬN ỦY",
    "QUẬN UỶ",
    "THỊ ỦY",
    "THỊ UỶ",
    "ĐẢNG ỦY",
    "ĐẢNG UỶ",
    "ĐẢNG BỘ",
    "HỘI ĐỒNG",
    "THỦ TƯỚNG",
    "CỤC",
    "TỔNG CỤC",
)
_SUPERIORS = ("BAN CHẤP HÀNH TRUNG ƯƠNG",)
# organs that need their parent or the title to say whose they are
_BARE_ORGANS = {"BAN THƯỜNG VỤ", "THƯỜNG TRỰC", "BAN CHẤP HÀNH", "BAN BÍ THƯ", "THƯỜNG TRỰC TỈNH ỦY"}
# heads that name nothing on their own: the next line completes them
_BARE_HEADS = {"VĂN PHÒNG", "ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "BAN", "BỘ", "SỞ", "HỘI ĐỒNG NHÂN DÂN"}


@dataclass
class Header:
    type: str | None = None
    number: str | None = None
    issuer: str | None = None
    date: date | None = None
    title: str | None = None
    body_start: int = 0  # index of the first line after the header and title
    addressees: tuple[str, ...] = ()  # "Kính gửi: …" of a letter (công văn)


_COLUMN_GAP = re.compile(r"\s*\t\s*|\s{3,}")  # a tab: the cell gap of a table copied as text
# a line break inside a table cell: "<br>", or one bold run ending where the next begins
# ("**TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH** **Nguyễn Văn An**")
_BREAK = re.compile(r"<br\s*/?>|(?<=\*\*)\s+(?=\*\*)", re.I)
# a title in capitals and the signer's name after it, in one line ("… PHÓ CHỦ TỊCH Nguyễn Văn An")
_TITLE_THEN_NAME = re.compile(
    rf"^(.*[{_UP}]{{2,}}[.,]?)\s+((?:[{_UP}][{_LOW}]+|[AY])(?: [{_UP}][{_LOW}]+){{1,4}})$"
)
_NOI_NHAN = re.compile(r"^\s*_*N[ơo]i\s+nh[ậa]n", re.I)
# the words an introduction's sentence opens with
_CONTEXT_WORDS = ("Căn cứ", "Thực hiện", "Ngày", "Sau khi", "Theo")
# an introduction that opens on its purpose ("Để …", "Nhằm …"), which a PDF may keep with no
# blank line under the title
_PURPOSE_WORDS = ("Để", "Nhằm")
_CONTEXT_START = re.compile(rf"^({'|'.join((*_CONTEXT_WORDS, 'Tại', 'Trong', *_PURPOSE_WORDS))})\b")
# the first words of a letter's body: an addressee left open ("Kính gửi: Các huyện ủy, …"
# with no full stop, each paragraph a line as a Word file gives them) goes on no further
_LETTER_OPENS = re.compile(rf"^(?:{'|'.join((*_CONTEXT_WORDS, *_PURPOSE_WORDS))})\b")


def _left(raw: str) -> str:
    text = raw.strip()
    return text if single_spaced(text) else _COLUMN_GAP.split(text)[0]


def _split_cols(raw: str) -> list[str]:
    # Markdown bold (a PDF's bold lines come marked so) is not part of a value
    text = raw.replace("**", "").strip()
    if "|" in text and text.startswith("|"):
        # a header laid out as a markdown table row: its cells are the columns
        cells = (_BREAK.sub(" ", c) for c in text.strip("|").split("|"))
        return [" ".join(c.split()) for c in cells if c.strip()]
    if single_spaced(text):
        return [text] if text else []  # one column: most lines
    return [p for p in _COLUMN_GAP.split(text) if p]


def _right_column(lines: Iterable[Line]) -> str:
    """The header's right column, line by line: the last column of a line laid out in two,
    or a line that stands alone far to the right."""
    parts = []
    for ln in lines:
        cols = _split_cols(ln.raw)
        if len(cols) > 1:
            parts.append(cols[-1])
        elif cols and ln.indent >= _RIGHT_INDENT:
            parts.append(cols[0])
    return " ".join(parts)


_RIGHT_INDENT = 40  # characters: a line this far in stands in the right column


def _unmark(text: str) -> str:
    return text.replace("*", "").replace("_", "")


@cache
def _types() -> tuple[tuple[str, str], ...]:
    """Document types, longest first (an upper-case title line starts with one)."""
    types = table("documents", "types")
    return tuple((str(w), str(c)) for w, c in sorted(types.items(), key=lambda kv: -len(kv[0])))


# the longest line a motto in ordinary case stands alone on ("Cộng hòa xã hội chủ nghĩa Việt Nam")
_MOTTO_LINE = 45


def _may_be_motto(text: str) -> bool:
    # every motto pattern holds one of these words: a substring test spares most lines
    # the case-insensitive search (a document without a header is searched to its end)
    low = text.lower()
    if not ("cộng" in low or "đảng" in low or "độc" in low or "hội" in low or "tncs" in low):
        return False
    m = _MOTTO.search(text)
    # a motto is written in capitals ("ĐẢNG CỘNG SẢN VIỆT NAM"), or is its "Độc lập - …"
    # line, or stands alone on a short line; a sentence that names the Party ("kỷ niệm 95
    # năm Ngày thành lập Đảng Cộng sản Việt Nam") is no header
    if m is None:
        return False
    found = m.group(0)
    return found.isupper() or found.startswith("Độc") or len(text.strip("*_ #")) <= _MOTTO_LINE


def _joined_at_motto(cols: list[str]) -> list[str]:
    """OCR and some copies join the two columns with one space ("ĐẢNG BỘ TỈNH X ĐẢNG CỘNG
    SẢN VIỆT NAM", "TỈNH AN HÒA Độc lập - Tự do - Hạnh phúc"): the issuer's column is what
    stands before the motto, in capitals."""
    if len(cols) != 1:
        return cols
    m = _MOTTO.search(cols[0])
    before = cols[0][: m.start()].strip(" *_") if m else ""
    if m is None or not before or not before.isupper():
        return cols
    return [before, cols[0][m.start() :]]


def read_header(lines: list[Line], limit: int) -> Header:
    h = Header()
    motto = next((i for i, ln in enumerate(lines[:limit]) if ln.is_text and _may_be_motto(ln.text)), None)
    if motto is None:
        # a copy that dropped the motto column but kept the issuer's: its number line stands
        # where the motto would, and the header is read around it as around the motto
        motto = _number_under_issuer(lines, limit)
    if motto is None:
        return _header_without_motto(lines, limit)
    if _MOTTO_TAIL.match(lines[motto].text.strip("*_ ")):
        prev = next((k for k in range(motto - 1, max(-1, motto - 4), -1) if lines[k].is_text), None)
        if prev is not None and _MOTTO_HEAD.match(lines[prev].text.strip("*_ ")):
            motto = prev
    # issuer: upper-case lines right before the motto (or left of it)
    issuer_lines: list[str] = []
    left = _joined_at_motto(_split_cols(lines[motto].raw))
    if len(left) > 1 and not _MOTTO.search(left[0]):
        # two columns side by side: the issuer is the left column of the motto's lines
        # and of the upper-case lines just above and below ("ỦY BAN NHÂN DÂN / THÀNH PHỐ HÀ NỘI")
        number_beside = _NUMBER.search(left[0] + "  ") or _NUMBER_ONLY.search(left[0])
        # the motto's left cell may be the number ("Số: 12/KH-UBND" | "CỘNG HÒA …"), not the issuer
        issuer_lines = [] if number_beside else [left[0]]
        for step in (-1, 1):
            k = motto + step
            taken = 0
            while 0 <= k < limit and taken < _ISSUER_LINES and lines[k].kind in {"text", "noise"}:
                if lines[k].kind == "noise":
                    k += step  # a speck OCR read as a figure ("5"), taken for a page's number
                    continue
                cols = _joined_at_motto(_split_cols(lines[k].raw))
                first = cols[0] if cols else ""
                if _stray_marks(cols or [lines[k].text]) or (len(cols) > 1 and _stray_marks(cols[:1])):
                    # the rule under the issuer, as OCR reads it (":", "§", "- -"), alone or
                    # beside the motto's next line (": ,:" | "VIỆT NAM")
                    k += step
                    continue
                if len(cols) == 1 and lines[k].indent > len(lines[motto].raw) // 3:
                    # a line of the right column only ("VIỆT NAM" of a motto its cell
                    # wrapped, "Độc lập - Tự do - Hạnh phúc"): the left column may go on
                    # below it ("TỈNH HÀ TĨNH" / … / "SỞ NÔNG NGHIỆP VÀ MÔI" / "TRƯỜNG")
                    k += step
                    continue
                if not first.isupper():
                    first = _caps_before_dateline(first)
                if not first or _NUMBER.search(first + "  ") or _NUMBER_ONLY.search(first):
                    break
                issuer_lines.insert(0, first) if step < 0 else issuer_lines.append(first)
                taken += 1
                k += step
    else:
        k = motto - 1
        while k >= 0 and motto - k <= 8:
            ln = lines[k]
            if ln.is_text:
                t = ln.text.strip()
                letters = [c for c in t if c.isalpha()]
                if (
                    _stray_marks(_split_cols(ln.raw) or [t])
                    or _NUMBER.search(t)
                    or _NUMBER_ONLY.search(t)
                    or _BARE_SO.match(t)
                    or _BARE_SYMBOL.match(t)
                    or _UNNUMBERED.match(t)
                ):
                    k -= 1
                    continue
                if letters and all(c.isupper() for c in letters):
                    issuer_lines.insert(0, t)
                else:
                    subject = _subject_start(lines, k)
                    if subject is None:
                        break
                    k = subject  # a letter's "V/v …" lines (wrapped or not) stand between
            k -= 1
        if not issuer_lines:
            issuer_lines = _issuer_below_motto(lines, motto, limit)
    h.issuer = _issuer(issuer_lines)
    # number, date, type, title within the next lines
    window_end = min(limit, motto + 40)
    joined_lines = [
        (i, ln) for i, ln in enumerate(lines[:window_end]) if ln.is_text and i >= max(0, motto - 8)
    ]
    for i, ln in joined_lines:
        # "Số:173    /KH-UBND": the layout spread the number over two columns
        raw = _SPLIT_NUMBER.sub(r"\1\2", ln.raw) if _names_number(ln.raw) else ln.raw
        for col in _split_cols(raw) or [ln.text]:
            col_text = _unmark(col)
            if not _names_number(col_text):
                continue  # both number patterns start with it
            m = _NUMBER.search(col_text + "  ")
            if m and h.number is None and re.search(r"[A-Za-z]", m.group(1)):
                h.number = _clean_number(m.group(1))
            elif h.number is None and _BARE_SO.match(col_text):
                # the next line's first column: "1864/SXD-QLCL      Bình Định, ngày …", or
                # one below a line of the right column the PDF's layout put between
                after = [(_split_cols(x.raw) or [x.text])[0] for j, x in joined_lines if j > i][
                    :_SYMBOL_LINES
                ]
                symbol = next((m for m in map(_BARE_SYMBOL.match, after) if m), None)
                if symbol:
                    h.number = re.sub(r"\s+", "", symbol.group(1))
            elif h.number is None and _NUMBER_ONLY.search(col_text):
                # "Số:173" … "/KH-UBND" split over lines by the PDF layout
                rest = next((x.text for _, x in joined_lines if x.text.startswith("/") and _ > i), None)
                if rest:
                    h.number = _NUMBER_ONLY.search(col_text).group(1) + rest.replace(" ", "")  # type: ignore[union-attr]
    flat = " ".join(ln.text for _, ln in joined_lines)
    low = flat.lower()
    # digits only in the groups: the same match on lower-cased text, without IGNORECASE
    dm = _DATE_LOW.search(low) if len(low) == len(flat) else _DATE.search(flat)
    place = next(
        (
            t
            for t in (ln.text for _, ln in joined_lines)
            if ("ngày" in t or "NGÀY" in t) and _PLACE_DATE.search(t)
        ),
        None,
    )
    if dm is None or (place is not None and not _DATE.search(place)):
        # a PDF's layout puts the left column's lines between the date's ("Cẩm Thủy, ngày 21
        # tháng 10 năm" / "V/v triển khai …" / "2027"): the right column read on its own
        # (when the place's line holds no whole date, a date found further on in the flat
        # text is a cited document's, not this one's)
        dm = _DATE.search(_right_column(ln for _, ln in joined_lines)) or dm
    if dm:
        try:
            h.date = date(int(dm.group(3)), int(dm.group(2)), int(dm.group(1)))
        except ValueError:
            h.date = None
    else:
        short = next(filter(None, (_PLACE_DATE_FIGURES.search(ln.text) for _, ln in joined_lines)), None)
        if short is not None:
            try:
                h.date = date(int(short.group(4)), int(short.group(3)), int(short.group(1)))
            except ValueError:
                h.date = None
    for i, ln in joined_lines:
        if i <= motto:
            continue
        t = ln.text.strip()
        up = t.upper()
        for word, canonical in _types():
            # in capitals, or the kind alone ("Kế hoạch"), capitalised: never a wrapped
            # sentence's last words at a line's start ("quy định." under "… theo")
            if up.startswith(word) and (t == up or (len(t) <= len(word) + 2 and t[:1].isupper())):
                h.type = canonical
                h.title, h.body_start = _title(lines, i, t[len(word) :].strip(), window_end)
                break
        if h.type:
            break
    if h.type is None:
        _read_letter_subject(h, lines, motto, window_end)
    if h.type is None and h.number:
        h.type = _type_from_symbol(h.number)
    if h.body_start == 0:
        h.body_start = motto + 1
    _read_kinh_gui(h, lines, limit)
    if h.title and h.issuer and (h.issuer.upper().startswith(_SUPERIORS) or h.issuer.upper() in _BARE_ORGANS):
        # "KẾT LUẬN CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ VỀ …", "CHỈ THỊ của Ban Thường vụ Tỉnh ủy về …":
        # the title names the issuer more precisely than the header's organ
        m = re.match(r"^CỦA\s+(.+?)\s+VỀ\s", h.title, re.I)
        if m and not m.group(1).upper().startswith("ĐỒNG CHÍ"):
            named = m.group(1).strip(" ,")
            place = _place_of(issuer_lines)
            if place and re.search(r"[ủu]ỷ?y?$", named.split()[-1].lower()):
                named = f"{named} {place}"  # "Ban Thường vụ Tỉnh ủy" + "Bắc Ninh"
            h.issuer = named
    return h


def _caps_before_dateline(text: str) -> str:
    """The issuer's words in capitals before the dateline a scan's line ran them into
    ("ĐẢNG ỦY XÃ TÂN THẠNH ĐÔNG Tân Thạnh Đông, ngày 28 tháng 12"), else ""."""
    words = text.split()
    k = 0
    while k < len(words) and words[k].isupper():
        k += 1
    rest = " ".join(words[k:])
    if k == 0 or not rest[:1].isupper() or rest.isupper() or not _PLACE_DATE.search(rest):
        return ""
    return " ".join(words[:k])


def _stray_marks(cols: list[str]) -> bool:
    """A line of a scanned header that holds no words, only the marks OCR reads a rule or a
    speck as (":", "§", "š  ậ  `", "=  sš  3"): each column two letters or digits at most,
    and no "Số:" among them."""
    return all(
        sum(c.isalnum() for c in col) <= _STRAY_CHARS
        and not _BARE_SO.match(col)
        and not _CAPITAL_WORD.match(col)
        for col in cols
    )


# a word in capitals of two letters is the issuer's ("ỦY" | "BAN NHÂN DÂN", a cell wrapped
# after its first word; "BỘ", "SỞ"), never a speck
_CAPITAL_WORD = re.compile(rf"^\W*[{_UP}]{{2}}\W*$")


_STRAY_CHARS = 2
_LETTER = "Công văn"  # the type of a letter (its "V/v …" subject, its symbol)
_ISSUER_LINES = 3  # an issuer's lines in the left column above or below the motto's
_SYMBOL_LINES = 3  # lines after a bare "Số:" its symbol may stand on


def _issuer_below_motto(lines: list[Line], motto: int, limit: int) -> list[str]:
    """The issuer's lines in capitals right under the motto, where a copy in one column put
    the motto first ("ĐẢNG CỘNG SẢN VIỆT NAM" / "TỈNH ỦY PHÚ THỌ" / "*" / "Số 412-TB/TU"):
    up to the number, the date, the document's kind or a line in ordinary case."""
    found: list[str] = []
    for k in range(motto + 1, min(limit, motto + 6)):
        if not lines[k].is_text:
            continue
        t = _unmark(lines[k].text).strip()
        letters = [c for c in t if c.isalpha()]
        if not letters:
            continue  # "*", "_____": the header's rules
        if _MOTTO.search(t) and not found:
            continue  # the motto's second line ("Độc lập - Tự do - Hạnh phúc")
        up = t.upper()
        if (
            not all(c.isupper() for c in letters)
            or _names_number(t)
            or any(up.startswith(word) for word, _ in _types())
        ):
            break
        found.append(t)
    return found


_FIRST_LINES = 15


def _first_text_lines(lines: list[Line], limit: int) -> list[int]:
    """The indices of the header's first lines of text, where a header without its motto is
    looked for."""
    return [i for i in range(limit) if lines[i].is_text][:_FIRST_LINES]


def _number_under_issuer(lines: list[Line], limit: int) -> int | None:
    """The number line ("Số: 120/KH-UBND", "Số 12-CT/TU") of a header without its motto,
    when only the issuer's lines in capitals stand above it ("ỦY BAN NHÂN DÂN" / "TỈNH HÀ
    NAM" / "Số: …" / "Hà Nam, ngày …" / "KẾ HOẠCH"), else None: a text that merely opens with
    capitals and a "Số" is no header."""
    above: list[str] = []
    for i in _first_text_lines(lines, limit):
        t = _unmark(lines[i].text).strip()
        if _names_number(t):
            number = _NUMBER.search(t + "  ")
            named = (number is not None and re.search(r"[A-Za-z]", number.group(1))) or _BARE_SO.match(t)
            return i if named and above and above[0].upper().startswith(_ISSUER_HEADS) else None
        letters = [c for c in t if c.isalpha()]
        if not letters:
            continue  # the rule under the issuer ("*", "-----")
        if not all(c.isupper() for c in letters) or any(t == word for word, _ in _types()):
            return None  # a sentence, or a kind before any number (the web copy's layout)
        above.append(t)
    return None


def _header_without_motto(lines: list[Line], limit: int) -> Header:
    """A copy that dropped the national motto (a web page's "**ỦY BAN NHÂN DÂN TỈNH X**" /
    "**CÔNG ĐIỆN**" / title): among the first lines, a kind alone on its line right under an
    issuer's line in capitals. Anything else is no header."""
    h = Header()
    first = _first_text_lines(lines, limit)
    for pos, i in enumerate(first):
        t = _unmark(lines[i].text).strip()
        kind = next((c for w, c in _types() if t == w), None)
        if kind is None or pos == 0:
            continue
        above = _unmark(lines[first[pos - 1]].text).strip()
        if not (above.isupper() and above.startswith(_ISSUER_HEADS)):
            return h
        h.type, h.issuer = kind, _issuer([above])
        window_end = min(limit, i + 40)
        h.title, h.body_start = _title(lines, i, "", window_end)
        for k in range(first[0], window_end):
            m = _NUMBER.search(_unmark(lines[k].text) + "  ") if _names_number(lines[k].text) else None
            if m and re.search(r"[A-Za-z]", m.group(1)):
                h.number = _clean_number(m.group(1))
                break
        h.date = _place_date(lines, first[0], window_end)
        _read_kinh_gui(h, lines, limit)
        return h
    return h


# "Đồng Tháp, ngày 22 tháng 12 năm 2026" (alone, or after the number: "Số: … | Đồng Tháp, ngày …")
_PLACE_DATE = re.compile(r"(?:^|\|)\s*[A-ZĐ][^,|\d]{1,30},\s*ngày\s+\d", re.I)


def _place_date(lines: list[Line], start: int, end: int) -> date | None:
    """The header's dateline: a place, then its date; a date in a sentence is not it."""
    for k in range(start, end):
        t = _unmark(lines[k].text)
        pd = _PLACE_DATE.search(t)
        dm = _DATE.search(t, pd.start()) if pd else None
        if dm:
            try:
                return date(int(dm.group(3)), int(dm.group(2)), int(dm.group(1)))
            except ValueError:
                return None
    return None


_PLACE = re.compile(r"\b(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ)\s+(.+)$")


def _place_of(issuer_lines: list[str]) -> str | None:
    for line in issuer_lines:
        m = _PLACE.search(line.strip(" *_"))
        if m:
            return m.group(1).strip().title()
    return None


def _subject_start(lines: list[Line], k: int) -> int | None:
    """The line where a letter's subject ("V/v …") starts, when line k is that line or one
    of the (up to three) lines it wraps onto; None for any other line."""
    for j in range(k, max(-1, k - 4), -1):
        if not lines[j].is_text:
            return None
        if _VV.match(lines[j].text):
            return j
    return None


# "V/ …": OCR may drop the "v"
_VV = re.compile(r"^[*_\s]*(?:V/v|V/V|v/v|V/(?=\s)|Về việc)\s*:?\s*(\S.*?)[*_\s]*$")
# "Kính gửi: …" of a letter; "THỦ TƯỚNG CHÍNH PHỦ điện: …" of a Công điện
# (OCR may misread its marks: "Kinh gửi", "Kính gứi", "Kính gữi")
_DEAR = r"K[ií]nh\s+g[ửứữưu]i"
_KINH_GUI = re.compile(rf"^(?:{_DEAR}|[^:]{{3,60}}?\s+điện)\s*:\s*(.*)$|^{_DEAR}\s+(.*)$", re.I)
_BARE_PIPE = re.compile(r"^[\s|]*$")
_LIST_MARK = re.compile(r"^[-–+•~]\s*")  # "~": how OCR often reads a dash


def _read_letter_subject(h: Header, lines: list[Line], motto: int, end: int) -> None:
    """A letter (công văn) states no type: its trích yếu is the 'V/v …' line under the number,
    after the motto or, when the columns came one after the other, before it."""
    for i in range(max(0, motto - 8), end):
        ln = lines[i]
        if not ln.is_text:
            continue
        m = _VV.match(_split_cols(ln.raw)[0] if ln.raw.strip() else "")
        if not m and "<br" in ln.raw.lower():
            # "| Số: 12/BYT-KH<br>V/v …<br>… | Hà Nội, … |": the subject is a part of the cell
            cell = _unmark(ln.raw.strip().strip("|").split("|")[0])
            pieces = [" ".join(p.split()) for p in _BREAK.split(cell)]
            at = next((n for n, p in enumerate(pieces) if _VV.match(p)), None)
            if at is not None:
                m = _VV.match(" ".join(pieces[at:]))
        if not m:
            continue
        parts = [m.group(1).strip()]
        k = i + 1
        while k < end and lines[k].is_text and not _KINH_GUI.match(lines[k].text):
            first = _split_cols(lines[k].raw)[0]
            if not first or (first[:1].isupper() and not parts[-1].endswith((",", "và", "của"))):
                break
            parts.append(first)
            k += 1
        h.type = _LETTER
        h.title = " ".join(parts).strip(" *_")
        if i > motto:
            h.body_start = k  # before the motto, the body starts after the motto still
        return


_KINH_GUI_REACH = 12  # text lines after the header's that "Kính gửi" may stand on


def _read_kinh_gui(h: Header, lines: list[Line], limit: int) -> None:
    """'Kính gửi: …' names whom a letter addresses: they do its tasks that name nobody."""
    seen = 0  # the text lines looked at: a scan's OCR puts a blank line after each
    for i in range(h.body_start, limit):
        ln = lines[i]
        if not ln.is_text:
            continue
        seen += 1
        if seen > _KINH_GUI_REACH:
            return
        m = _KINH_GUI.match(ln.text)
        if not m:
            if _KINH_GUI.match(_split_cols(ln.raw)[0] if ln.raw.strip() else ""):
                m = _KINH_GUI.match(_split_cols(ln.raw)[0])
            else:
                continue
        assert m is not None
        first = (m.group(1) if m.group(1) is not None else m.group(2) or "").strip()
        names = [first.strip(" ;,.")] if first.strip(" ;,.-") else []
        # an addressee runs on until its ";" or "." (the next line may start with a capital:
        # "- Các Sở, ngành: Công Thương, …, Ban Chỉ huy" / "Bộ đội Biên phòng tỉnh;")
        open_ = bool(first) and not first.rstrip().endswith((";", "."))
        gap = False  # a blank line since the last addressee: only a marked one goes on after it
        # the last addressee ends with ";": the list goes on, over a blank line too (a scan's
        # OCR sets each "- …;" apart as a paragraph of its own)
        more = first.rstrip(" *").endswith(";")
        k = i + 1
        while k < limit:
            t = lines[k].text
            if not lines[k].is_text or _BARE_PIPE.match(t):
                if names and not more and not lines[k].is_text and not _BARE_PIPE.match(lines[k].raw):
                    break
                gap = gap or not lines[k].raw.strip()
                k += 1
                continue
            if _LIST_MARK.match(t):
                names.append(_LIST_MARK.sub("", t).strip(" ;,."))
            elif names and not gap and (open_ or t[:1].islower()) and not _LETTER_OPENS.match(t):
                names[-1] += " " + t.strip(" ;,.")
            else:
                break
            open_ = not t.rstrip(" *").endswith((";", "."))
            more = t.rstrip(" *").endswith(";")
            gap = False
            k += 1
        # several on one line, each closed by its ";" ("Kính gửi: Các sở, ban, ngành tỉnh; UBND
        # các xã, phường."): one addressee each
        h.addressees = tuple(p.strip(" ;,.") for n in names for p in n.split(";") if p.strip(" ;,."))
        h.body_start = k
        return


_ATTACHED = re.compile(r"^\(?\s*(?:Ban hành\s+)?(?:kèm|Kèm)\s+theo\s+", re.I)
# an appendix's own line: "PHỤ LỤC", "PHỤ LỤC 2", "PHỤ LỤC SỐ 01", "PHỤ LỤC II"
_APPENDIX = re.compile(r"^PHỤ\s+LỤC(?:\s+(?:SỐ\s+)?(?:\d{1,2}|[IVX]{1,4}))?$")
APPENDIX = "Phụ lục"


@dataclass
class Attachment:
    """A document issued with the main one ("KẾ HOẠCH … (Ban hành kèm theo Quyết định số …)")."""

    type: str
    title: str | None
    body_start: int


def find_attachment(lines: list[Line], after: int, limit: int) -> Attachment | None:
    """The plan or programme a decision issues usually follows its signature in the same
    file; its tasks are the ones to track."""
    for i in range(max(after, 0), limit):
        ln = lines[i]
        if not ln.is_text:
            continue
        t = ln.text.strip(" *_")
        if t != t.upper():
            continue  # a type line is in capitals
        found = next(((w, c) for w, c in _types() if t.startswith(w)), None)
        if found is not None:
            canonical = found[1]
        elif _APPENDIX.match(t):
            canonical = APPENDIX  # "PHỤ LỤC" / its title / "(Kèm theo Kế hoạch số …)"
        else:
            continue
        # the type line must be followed closely by a "kèm theo" line
        near = [k for k in range(i + 1, min(limit, i + 6)) if lines[k].is_text]
        attached = next((k for k in near if _ATTACHED.match(lines[k].text.strip(" *_"))), None)
        if attached is None:
            continue
        title = " ".join(lines[k].text for k in near if k < attached).strip() or None
        body = attached + 1
        while body < limit and not lines[body].is_text:
            body += 1
        # the "kèm theo" sentence may wrap: skip to the line that closes its parenthesis
        k = attached
        while k < min(limit, attached + 4) and ")" not in lines[k].text:
            k += 1
        if k > attached and k < limit:
            body = k + 1
        return Attachment(canonical, title, body)
    return None


def _type_from_symbol(number: str) -> str | None:
    symbols = table("documents", "symbols")
    m = re.search(r"[/\-]([A-Za-zĐ]+)", number)
    if m and m.group(1) in symbols:
        return str(symbols[m.group(1)])
    letter = _LETTER_SYMBOL.match(number)
    if letter and letter.group(1) not in _OTHER_TYPES:
        # "611/UBND-KT": the issuer's and the drafting unit's abbreviations, no type's (NĐ
        # 30/2020, Phụ lục I: a letter's symbol), when its "V/v" line is lost (a scan's italics)
        return _LETTER
    return None


_LETTER_SYMBOL = re.compile(r"^\d+/([A-Za-zĐđ]+)-[A-Za-zĐđ0-9]+$")
_OTHER_TYPES: Final = frozenset(words("documents", "other_type_symbols"))


def _title(lines: list[Line], type_line: int, rest: str, limit: int) -> tuple[str | None, int]:
    parts = [rest] if rest else []
    k = type_line + 1
    upper_run = None
    while k < min(limit, type_line + 10):
        ln = lines[k]
        if ln.kind == "rule":
            k += 1
            break
        if ln.kind != "text":
            k += 1
            if ln.kind == "blank" and parts and upper_run is False:
                break  # a blank line ends a sentence-case title
            continue
        t = ln.text.strip()
        letters = [c for c in t if c.isalpha()]
        is_upper = bool(letters) and all(c.isupper() for c in letters)
        if upper_run is None:
            upper_run = is_upper
        if upper_run and not is_upper:
            if not (parts and t[:1].islower()):
                break
            # "KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY" / "về tình hình …": the subject goes on in
            # ordinary case, to the next blank line
            upper_run = False
        if not upper_run and parts and _CONTEXT_START.match(t):
            break
        if parts and (
            (find_marker(t) is not None and not continues_a_range(parts[-1], t))  # "2026" / "- 2027"
            or part_alone(t)  # "Phần thứ nhất" over its title, the body's first part
            or len(t) > 150
            or _KINH_GUI.match(t)
        ):
            break  # an item or a paragraph: the body has begun (text with no blank lines)
        parts.append(" ".join(_split_cols(ln.raw)) if ln.raw.count("   ") else t)
        k += 1
    title = " ".join(p for p in parts if p).strip(" -")
    return (title or None), k


def _issuer(parts: list[str]) -> str | None:
    parts = [p.strip(" *-_") for p in parts if p.strip(" *-_")]
    if not parts:
        return None
    for k in range(1, len(parts)):
        if " ".join(parts[:k]).upper().startswith(_SUPERIORS):
            # "BAN CHẤP HÀNH TRUNG ƯƠNG / VĂN PHÒNG" is the Party Central Office
            tail = " ".join(parts[k:])
            return f"{tail.capitalize() if tail.isupper() else tail} Trung ương Đảng"
    joined = " ".join(parts)
    if parts[0].upper().strip() in _BARE_HEADS:
        return joined  # "VĂN PHÒNG / CHÍNH PHỦ": one name wrapped over two lines
    # "ỦY BAN NHÂN DÂN / THÀNH PHỐ HÀ NỘI": a place completes the name
    last = parts[-1].upper()
    if (
        len(parts) >= 2
        and last.startswith(_ISSUER_HEADS)
        and not parts[0].upper().startswith(("ỦY BAN", "UỶ BAN"))
        # ("UBND TỈNH BẮC NINH / VĂN PHÒNG", "ĐẢNG BỘ TỈNH PHÚ THỌ / TỈNH ỦY": a name every
        # province has, naming no one without the line above it)
        and " ".join(last.split()) not in _generic_own_names()
    ):
        return parts[-1]
    return joined


@cache
def _generic_own_names() -> frozenset[str]:
    return frozenset(words("documents", "generic_own_names"))


@dataclass
class Closing:
    recipients: tuple[str, ...] = ()
    signer: str | None = None
    signer_title: str | None = None
    authority_issuer: str | None = None
    start: int = -1  # index of the 'Nơi nhận' line or the authority line
    end: int = -1  # index after the signer's name


def read_closing(lines: list[Line], body_start: int, limit: int) -> Closing:
    c = Closing()
    noi = next(
        (
            i
            for i in range(body_start, limit)
            if lines[i].is_text and _NOI_NHAN.match(_table_cell_start(lines[i].text))
        ),
        None,
    )
    if noi is not None and lines[noi].raw.lstrip().startswith("|"):
        _closing_table_row(lines[noi].raw, c)
        c.start = noi
        c.end = noi + 1
        return c
    auth = next(
        (
            i
            for i in range(noi if noi is not None else body_start, limit)
            if lines[i].is_text
            and len(lines[i].text) < 90
            and any(_AUTHORITY.match(col) for col in _split_cols(lines[i].raw) or [lines[i].text])
        ),
        None,
    )
    if noi is None and auth is None:
        auth = _bare_signature(lines, body_start, limit)
    if noi is None and auth is None:
        return c
    if noi is not None and auth is None and (above := _signature_above(lines, body_start, noi)) is not None:
        # the signature block, then "Nơi nhận:" (a copy that read the right column first)
        c.start = above
        sig = [_unmark(lines[i].text).strip() for i in range(above, noi) if lines[i].is_text]
        listed, c.end = _recipients_after(lines, noi, limit)
        _finish(c, listed, sig)
        return c
    c.start = min(x for x in (noi, auth) if x is not None)
    # recipients: '- ' lines after 'Nơi nhận' (left column only)
    recips: list[str] = []
    sig_parts: list[str] = []
    k = (noi + 1) if noi is not None else c.start
    sig_started = False
    if noi is not None and len(_split_cols(lines[noi].raw)) > 1:
        # pdftotext -layout: recipients on the left, the signature block on the right
        _closing_columns(lines, noi, limit, c)
        return c
    if noi is not None:
        # "Nơi nhận: TM. ỦY BAN NHÂN DÂN": the two columns joined by one space
        sig_parts.extend(_unmark(p).strip() for p in _joined_at_signature([lines[noi].text])[1:])
    while k < limit:
        ln = lines[k]
        if not ln.is_text:
            if ln.kind == "pipe" and recips:
                sig_started = True
            k += 1
            continue
        cols = _joined_at_signature(_split_cols(ln.raw) or [ln.text])
        first = _unmark(cols[0]).strip()
        right = cols[1:] if len(cols) > 1 else []
        if not sig_started and first.startswith(("-", "–", "+", "•")):
            recips.append(first.lstrip("-–+• ").strip())
        elif (
            not sig_started
            and recips
            and not _AUTHORITY.match(first)
            and not _NAME.match(first)
            and (not first.isupper() or recips[-1].rstrip().endswith(","))
        ):
            # a recipient wrapped over lines: in the recipients' column, anything that is
            # not a new "- " item, a signature line or a name continues the last one
            recips[-1] += " " + first
        else:
            if recips or noi is None or _AUTHORITY.match(first) or first.isupper():
                sig_started = True
                right = cols
            elif not recips:
                k += 1
                continue
        for part in right:
            part = _unmark(part).strip()
            if part:
                sig_parts.append(part)
        if sig_parts and _NAME.match(sig_parts[-1]):
            c.end = k + 1
            break
        k += 1
    _finish(c, recips, sig_parts)
    return c


def _joined_at_signature(cols: list[str]) -> list[str]:
    """A line of the closing whose two columns a copy joined with one space ("- Các sở,
    ban, ngành; KT. CHỦ TỊCH", "Nơi nhận: TM. ỦY BAN NHÂN DÂN"): the recipients' part, to
    its ";", "." or "Nơi nhận:", then the signature's, a title in capitals."""
    if len(cols) != 1:
        return cols
    text = cols[0]
    for m in _RECIPIENT_END.finditer(text):
        rest = _unmark(text[m.end() :]).strip()
        letters = [ch for ch in rest if ch.isalpha()]
        if (
            rest
            # the recipients' part is written in ordinary case ("KT. CHỦ TỊCH" is one title)
            and any(ch.islower() for ch in text[: m.end()])
            and all(ch.isupper() for ch in letters)
            and (_AUTHORITY.match(rest) or rest.startswith(_title_heads()))
        ):
            return [text[: m.end()].rstrip(), text[m.end() :].strip()]
    return cols


_RECIPIENT_END = re.compile(r"(?:[;.]|N[ơo]i\s+nh[ậa]n\s*:\**)\s")


def _table_cell_start(text: str) -> str:
    """A line without its table row's opening ("| **Nơi nhận:** …" → "Nơi nhận: …")."""
    return text.lstrip("|* ") if text[:1] in "|*" else text


def _closing_table_row(raw: str, c: Closing) -> None:
    """The closing laid out as a markdown table row: "| Nơi nhận:<br>- A;<br>- B. |
    TM. ỦY BAN NHÂN DÂN<br>KT. CHỦ TỊCH<br>…<br>Nguyễn Văn An |"."""
    cells = [c_.strip() for c_ in raw.strip().strip("|").split("|")]
    recips: list[str] = []
    sig_parts: list[str] = []
    for cell in cells:
        parts = [_unmark(p).strip() for p in _BREAK.split(cell)]
        parts = [p for p in parts if p]
        if parts and _NOI_NHAN.match(parts[0]):
            for p in parts[1:]:
                if p.startswith(("-", "–", "+", "•")):
                    recips.append(p.lstrip("-–+• ").strip())
                elif recips:
                    recips[-1] += " " + p
        else:
            sig_parts.extend(parts)
    _finish(c, recips, sig_parts)


def _col_spans(raw: str) -> list[tuple[int, str]]:
    """A line's columns with where each starts: runs of words parted by three spaces or
    more (a laid-out page); in a line that holds tabs (a table copied as text) each run of
    tabs parts two cells, and a cell's place is its index in the row, scaled far apart."""
    if "\t" in raw:
        cells = re.split(r"\t+", raw)
        return [(i * _TAB_CELL, c.replace("**", "").strip()) for i, c in enumerate(cells) if c.strip()]
    return [(m.start(), m.group(0).replace("**", "")) for m in re.finditer(r"\S+(?:\s{1,2}\S+)*", raw)]


_TAB_CELL = 1000  # a tab-parted cell's place: beyond any laid-out line's width


def _closing_columns(lines: list[Line], noi: int, limit: int, c: Closing) -> None:
    sig_col = _col_spans(lines[noi].raw)[-1][0]
    recips: list[str] = []
    sig_parts = [_col_spans(lines[noi].raw)[-1][1]]
    k = noi + 1
    while k < min(limit, noi + 60):
        ln = lines[k]
        k += 1
        if not ln.is_text:
            continue
        tail = _name_tail(ln.raw, _NAME_WORDS - 1)
        if tail and sig_parts[-1] in _surnames()[0]:
            # "Hoàng" / "Giang", "Nguyễn" / "Thành Sinh": the name wrapped after its surname,
            # its last words pushed to the line's start
            sig_parts[-1] += " " + tail
        else:
            for pos, part in _col_spans(ln.raw):
                part = _unmark(part).strip()
                if pos >= sig_col - 12:
                    sig_parts.append(part)
                elif part.startswith(("-", "–", "+", "•")):
                    recips.append(part.lstrip("-–+• ").strip())
                elif recips:
                    recips[-1] += " " + part
        if _NAME.match(sig_parts[-1]):
            nxt = next((j for j in range(k, min(limit, k + 2)) if lines[j].is_text), None)
            tail = _name_tail(lines[nxt].raw) if nxt is not None else None
            if nxt is not None and tail and len(sig_parts[-1].split()) < _NAME_WORDS:
                # "Nguyễn Thành" / "Sinh": a name wrapped before its last word
                sig_parts[-1] += " " + tail
                k = nxt + 1
            k = _more_recipients(lines, k, min(limit, noi + 60), sig_col, recips)
            break
    c.end = k
    _finish(c, recips, sig_parts)


_NAME_WORDS = 4  # a Vietnamese name wrapped before its last word has at most this many


def _name_tail(raw: str, words_: int = 1) -> str | None:
    """A line of capitalised words and nothing else, at most `words_` of them ("Sinh",
    "Thành Sinh"): the last words of a name wrapped over lines."""
    text = " ".join(_unmark(raw).split())
    return text if re.fullmatch(rf"[{_UP}][{_LOW}]+(?: [{_UP}][{_LOW}]+){{0,{words_ - 1}}}", text) else None


def _more_recipients(lines: list[Line], k: int, limit: int, sig_col: int, recips: list[str]) -> int:
    """The recipients listed below the signer's name, in the left column alone (a list
    longer than the signature block beside it), up to a blank line or other text; where
    the closing ends."""
    while k < limit and lines[k].is_text and recips:
        spans = _col_spans(lines[k].raw)
        if not spans or any(pos >= sig_col - 12 for pos, _ in spans):
            break
        part = " ".join(_unmark(p).strip() for _, p in spans)
        if part.startswith(("-", "–", "+", "•")):
            recips.append(part.lstrip("-–+• ").strip())
        elif not recips[-1].rstrip().endswith((";", ".")):
            recips[-1] += " " + part  # a recipient wrapped over lines
        else:
            break
        k += 1
    return k


@cache
def _signature_mark() -> re.Pattern[str]:
    """ "(Đã ký)", "(Đã ký và đóng dấu)" in a signature's lines: where the signature was."""
    marks = "|".join(
        re.escape(m) for m in sorted(words("documents", "signature_marks"), key=len, reverse=True)
    )
    return re.compile(rf"\s*\(\s*(?:{marks})\s*\)", re.I)


def _finish(c: Closing, recips: list[str], sig_parts: list[str]) -> None:
    c.recipients = tuple(r.rstrip(" ,;.") for r in recips if r.rstrip(" ,;."))
    if sig_parts and not _NAME.match(sig_parts[-1]):
        last = sig_parts[-1]
        rank = next((r for r in words("documents", "signer_ranks") if last.startswith(r + " ")), None)
        if rank and _NAME.match(sig_parts[-1][len(rank) :].strip()):
            sig_parts = [*sig_parts[:-1], sig_parts[-1][len(rank) :].strip()]  # "Đại tá Nguyễn Văn A"
    if sig_parts and not _NAME.match(sig_parts[-1]):
        both = _TITLE_THEN_NAME.match(sig_parts[-1])
        if both:
            sig_parts = [*sig_parts[:-1], both.group(1), both.group(2)]
    if len(sig_parts) >= 2 and sig_parts[-2] in _surnames()[0] and _NAME.match(" ".join(sig_parts[-2:])):
        # "**Bùi" / "Xuân Cường**": the name's cell wrapped after the surname
        sig_parts = [*sig_parts[:-2], " ".join(sig_parts[-2:])]
    if sig_parts:
        name = sig_parts[-1] if _NAME.match(sig_parts[-1]) else None
        c.signer = _surname_put_right(name) if name else None
        title_parts = sig_parts[:-1] if name else sig_parts
        # recipients' tails can spill into the signature column: the title starts at the
        # authority line when there is one
        first_auth = next((i for i, p in enumerate(title_parts) if _AUTHORITY.match(p.strip())), None)
        if first_auth:
            title_parts = title_parts[first_auth:]
        title_parts = [
            t for t in (_signature_mark().sub("", p).strip() for p in _merge_title(title_parts)) if t
        ]
        c.signer_title = " / ".join(title_parts) if title_parts else None
        if title_parts:
            m = re.match(r"^(?:TM|T/M)\s*[.:]?\s*(.+)$", title_parts[0])
            if m:
                c.authority_issuer = m.group(1).strip()


@cache
def _surnames() -> tuple[frozenset[str], dict[str, str]]:
    """The surnames, and each by its toneless spelling where that spelling is one surname's."""
    names = words("documents", "surnames")
    by_toneless: dict[str, list[str]] = {}
    for n in names:
        by_toneless.setdefault(toneless(n), []).append(n)
    return frozenset(names), {k: v[0] for k, v in by_toneless.items() if len(v) == 1}


def _surname_put_right(name: str) -> str:
    """A signer's name with its surname's tone marks put right when OCR lost or changed them
    ("Trân Văn Chiến" → "Trần Văn Chiến"); a surname of the list, or one no listed surname
    spells without its marks, stays as written."""
    first, _, rest = name.partition(" ")
    known, by_toneless = _surnames()
    if first in known or not rest:
        return name
    right = by_toneless.get(toneless(first))
    return f"{right} {rest}" if right else name


_BARE_TITLE_LINE = 40  # the longest a signer's own title runs ("PHÓ CHỦ TỊCH THƯỜNG TRỰC")
_NAME_WITHIN = 4  # text lines from the title to the name ("(Đã ký)", "(Đã ký và đóng dấu)")


def _bare_signature(lines: list[Line], body_start: int, limit: int) -> int | None:
    """The line of a signer's own title ("BỘ TRƯỞNG", "CHỦ TỊCH", "GIÁM ĐỐC") when a copy
    lost the recipients' column and the title has no "TM."/"KT.": the title, then the
    signer's name, and then no more of the body (only an attached document's capitals)."""
    for i in range(limit - 1, body_start, -1):
        ln = lines[i]
        if not ln.is_text:
            continue
        text = _unmark(ln.text).strip()
        if not (_NAME.match(text) or _signature_mark().fullmatch(text)):
            if text.isupper():
                continue  # an attached plan's kind and title, or its appendix's
            return None  # the body runs to the end: no signature there
        if not _NAME.match(text):
            continue
        above = [k for k in range(max(body_start, i - _NAME_WITHIN), i) if lines[k].is_text]
        for k in reversed(above):
            title = _unmark(lines[k].text).strip()
            if _signature_mark().fullmatch(title):
                continue
            if len(title) <= _BARE_TITLE_LINE and title.isupper() and title.startswith(_title_heads()):
                return k
            return None
        return None
    return None


def _signature_above(lines: list[Line], body_start: int, noi: int) -> int | None:
    """The first line of a signature block that ends right above "Nơi nhận:" (its authority
    "TM. …"/"KT. …" or a signer's own title, in capitals, then the name), else None."""
    texts = [k for k in range(max(body_start, noi - 3 * _NAME_WITHIN), noi) if lines[k].is_text]
    while texts and _signature_mark().fullmatch(_unmark(lines[texts[-1]].text).strip()):
        texts.pop()
    if not texts or not _NAME.match(_unmark(lines[texts.pop()].text).strip()):
        return None
    top = None
    for k in reversed(texts[-_NAME_WITHIN:]):
        title = _unmark(lines[k].text).strip()
        if _signature_mark().fullmatch(title):
            continue
        if len(title) > _BARE_TITLE_LINE + 20 or not title.isupper():
            break
        if not (_AUTHORITY.match(title) or title.startswith(_title_heads())):
            break
        top = k  # "TM. ỦY BAN NHÂN DÂN" above "KT. CHỦ TỊCH" above "PHÓ CHỦ TỊCH"
    return top


def _recipients_after(lines: list[Line], noi: int, limit: int) -> tuple[list[str], int]:
    """The "- " items under "Nơi nhận:" (an item wrapped over lines joined), and the index
    of the line after them."""
    recips: list[str] = []
    k = noi + 1
    while k < limit:
        ln = lines[k]
        if ln.is_text:
            first = _unmark(ln.text).strip()
            if first.startswith(("-", "–", "+", "•")):
                recips.append(first.lstrip("-–+• ").strip())
            elif recips and not first.isupper() and not recips[-1].rstrip().endswith((";", ".")):
                recips[-1] += " " + first
            else:
                break
        k += 1
    return recips, k


def _title_heads() -> tuple[str, ...]:
    return words("documents", "signer_title_heads")


def _merge_title(parts: list[str]) -> list[str]:
    """'KT. BỘ TRƯỞNG,' + 'CHỦ NHIỆM' were one line before the page was reflowed."""
    out: list[str] = []
    for p in parts:
        p = p.strip()
        if out and (
            out[-1].endswith(",")
            or (not _AUTHORITY.match(p) and _AUTHORITY.match(out[-1]) and len(out[-1].split()) <= 2)
            or not p.upper().startswith(_title_heads())  # "TM. ỦY BAN" + "NHÂN DÂN": a wrapped line
        ):
            out[-1] = f"{out[-1]} {p}"
        else:
            out.append(p)
    return out
