"""Task tables in appendices: one row, one task.

Two shapes reach us. Web pages converted to markdown give one cell per run of lines
between `|` lines (a row ends with an empty cell). `pdftotext -layout` gives a grid of
text where cells are vertically centred and columns may touch; there rows are found from
their number and the first line of their content, and columns from the header's words.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from dondoc.extract import deadlines
from dondoc.extract.bodies import read_bodies, tokenize, whole_bodies
from dondoc.extract.lexicon import table
from dondoc.extract.lexicon import words as lexicon_words
from dondoc.extract.lines import Line
from dondoc.extract.markers import caps_heading, is_item_start
from dondoc.extract.structure import join_parts

_ROMAN_CELL = re.compile(r"[IVX]{1,5}\.?|[A-H]\.?")  # a group row's "II" or "B"
_NUMBER_CELL = re.compile(r"\d{1,3}\.?")
_STT = re.compile(r"^(?:\d{1,3}|[IVX]{1,5}|[A-H])\.?$|^\d{1,3}(?:\.\d{1,3}){1,2}\.?$")
_ROMAN_HEAD = re.compile(r"^([IVX]{1,5}(?:\.\d{1,2})?)\.?\s+(\S.*)$")


@dataclass
class Row:
    number: str
    section: str | None
    cells: dict[str, str]
    content_lines: list[Line] = field(default_factory=list)
    content_start: int = 0
    content_end: int = 0


@dataclass
class Table:
    roles: list[str]
    rows: list[Row]
    line_indexes: set[int]

    @property
    def holds_tasks(self) -> bool:
        return (
            "content" in self.roles
            and ("lead" in self.roles or "deadline" in self.roles)
            and "target" not in self.roles
        )


def column_role(header: str) -> str:
    low = " ".join(header.lower().split())
    # OCR may join a label's words ("Cơ quan phốihợp"): matched with the spaces left out too
    joined = low.replace(" ", "")
    columns = table("structure", "columns")
    for role in ("number", "lead", "support", "deadline", "product", "target", "person", "content"):
        for word in columns[role]:
            if role == "number" and low.strip(". ") == word:
                return role
            if role != "number" and (word in low or word.replace(" ", "") in joined):
                return role
    return "other"


def table_roles(headers: list[str]) -> list[str]:
    """Each column's role. A table with no lead column names its bodies in a column headed
    by a bare "Đơn vị" or "Cơ quan" (columns.units): that column leads (its cells may mark
    who supports: "Phòng B phối hợp")."""
    roles = [column_role(h) for h in headers]
    if "lead" not in roles:
        units = table("structure", "columns")["units"]
        for k, h in enumerate(headers):
            if roles[k] == "other" and " ".join(h.lower().split()).strip(" .:*") in units:
                roles[k] = "lead"
                break
    return roles


# --- markdown pipe tables -------------------------------------------------------------


def _chunks(lines: list[Line], start: int) -> list[tuple[list[Line], int]]:
    """Cells as (text lines, index of the closing pipe) from the pipe at `start`."""
    out: list[tuple[list[Line], int]] = []
    cur: list[Line] = []
    i = start + 1
    while i < len(lines):
        ln = lines[i]
        if ln.kind == "pipe":
            out.append((cur, i))
            cur = []
        elif ln.kind == "text":
            cur.append(ln)
            if len(cur) > 40:
                break
        i += 1
    return out


def _scan(
    lines: list[Line],
    opens: Callable[[list[Line], int], bool],
    read: Callable[[list[Line], int], Table | None],
) -> list[Table]:
    """Every table whose first line `opens` says starts one, read by `read`."""
    tables: list[Table] = []
    i = 0
    while i < len(lines) - 1:
        if opens(lines, i):
            table = read(lines, i)
            if table is not None:
                tables.append(table)
                i = max(table.line_indexes) + 1
                continue
        i += 1
    return tables


def _opens_pipe_table(lines: list[Line], i: int) -> bool:
    """Web pages converted to text: a lone "|" line, then the "STT" header cell."""
    if lines[i].kind != "pipe":
        return False
    nxt = next((k for k in range(i + 1, min(i + 4, len(lines))) if lines[k].kind == "text"), None)
    return nxt is not None and column_role(lines[nxt].text) == "number" and len(lines[nxt].text) <= 4


def find_pipe_tables(lines: list[Line]) -> list[Table]:
    return _scan(lines, _opens_pipe_table, _read_pipe_table)


def _read_pipe_table(lines: list[Line], start: int) -> Table | None:
    chunks = _chunks(lines, start)
    header: list[str] = []
    k = 0
    while k < len(chunks) and chunks[k][0]:
        header.append(join_parts([x.text for x in chunks[k][0]]))
        k += 1
    if len(header) < 3:
        return None
    roles = table_roles(header)
    last_used = chunks[k][1] if k < len(chunks) else start  # the table's lines: start..last_used
    rows: list[Row] = []
    section: str | None = None
    current: list[list[Line]] = []
    last_number = 0
    fresh = False  # a section row came since the last task row

    def flush() -> None:
        nonlocal section, last_number, fresh
        cells = list(current)
        while cells and not cells[-1]:
            cells.pop()
        current.clear()
        if not cells:
            return
        texts = [join_parts([x.text for x in c]) for c in cells]
        head = _ROMAN_HEAD.match(texts[0])
        if len(texts) == 1 and head:
            section, fresh = f"{head.group(1)}. {head.group(2)}", True
            return
        if _ROMAN_CELL.fullmatch(texts[0]) and len(texts) <= 2:
            section = f"{texts[0].rstrip('.')}. {texts[1]}" if len(texts) == 2 else texts[0]
            fresh = True
            return
        if not _NUMBER_CELL.fullmatch(texts[0]):
            return
        number = int(texts[0].rstrip("."))
        if number <= last_number and rows and not fresh:
            section = None  # numbering restarted with no section row: this part's heading was lost
        last_number, fresh = number, False
        row = Row(texts[0].rstrip("."), section, {})
        for role, cell, text in zip(roles, cells, texts, strict=False):
            if role == "content":
                row.content_lines = cell
            if text and role not in row.cells:
                row.cells[role] = text
        if row.content_lines:
            rows.append(row)

    prev_empty = True
    for cell_lines, pipe_index in chunks[k + 1 :]:
        text = join_parts([x.text for x in cell_lines])
        if len(cell_lines) > 40 or (prev_empty and _goes_on_as_text(cell_lines)):
            break
        if cell_lines and prev_empty and (_STT.match(text) or _ROMAN_HEAD.match(text)):
            flush()
        current.append(cell_lines)
        last_used = max(last_used, pipe_index)
        prev_empty = not cell_lines
    flush()
    return Table(roles, rows, set(range(start, last_used + 1)))


def _goes_on_as_text(cell_lines: list[Line]) -> bool:
    """After the table's last row, the document goes on up to the next "|" line, which reads
    as one more cell: a heading ("III. TỔ CHỨC THỰC HIỆN") and the paragraphs under it are
    that text, no row (a section row of the table is its heading alone)."""
    if len(cell_lines) < 2 or not _ROMAN_HEAD.match(cell_lines[0].text):
        return False
    # a group row's heading may wrap, in capitals; a paragraph under it does not stay so
    return any(is_item_start(ln.text) or not ln.text.isupper() for ln in cell_lines[1:])


# --- markdown tables: "| STT | Nội dung | … |" rows under a "|---|" rule ---------------

_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")


# a line break inside a cell, as an HTML page converted to markdown writes it ("Sở A<br>Sở B")
_CELL_BREAK = re.compile(r"<br\s*/?>", re.I)


def _md_cells(raw: str) -> list[str]:
    inner = raw.strip()
    if "<" in inner:
        inner = _CELL_BREAK.sub("\n", inner)  # the cell's lines: bodies one a line, a text's wraps
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|"):
        inner = inner[:-1]
    return [c.strip().strip("*").strip() for c in inner.split("|")]


def _opens_unnumbered_row(roles: list[str], cells: list[str]) -> bool:
    """In a table without a number column, a row whose content cell opens a sentence is a
    row of its own (one that carries on the row above starts in lower case, or empty)."""
    if "number" in roles or "content" not in roles:
        return False
    k = roles.index("content")
    content = cells[k] if k < len(cells) else ""
    return content[:1].isupper()


_SUB_HEADER_CELL_MAX = 40


def _sub_header_roles(roles: list[str], cells: list[str], headers: list[str]) -> list[str] | None:
    """A header's second row ("| | | Chủ trì | Phối hợp | | |" under "Đơn vị thực hiện"
    spanning two columns): the columns' roles it gives, or None when the row is no header
    (a number, a long cell, or a cell that names no column). A cell that repeats the header
    above it (Word's merged-down header, read for each row it covers) says nothing new."""
    filled = [(k, c) for k, c in enumerate(cells) if c and not (k < len(headers) and c == headers[k])]
    if not filled or _STT.match(cells[0] if cells else ""):
        return None
    named = [(k, column_role(c)) for k, c in filled]
    if any(len(c) > _SUB_HEADER_CELL_MAX for _, c in filled) or any(
        r in ("other", "content") for _, r in named
    ):
        return None
    out = list(roles) + ["other"] * max(0, len(cells) - len(roles))
    for k, role in named:
        out[k] = role
    return out


def _heads_children(numbers: list[str], index: int) -> bool:
    """Whether the numbered row at index is a group whose rows follow, numbered under it
    ("1" above "1.1", "1.2")."""
    own = numbers[index]
    following = next((n for n in numbers[index + 1 :] if n), "")
    return bool(own) and following.startswith(f"{own}.")


def _md_row(raw: str) -> bool:
    return raw.lstrip().startswith("|")


_BARE_PIPES_MIN = 2  # "Nội dung | Chủ trì | Thời gian": three cells, no outer pipes


def _bare_pipe_row(raw: str) -> bool:
    return raw.count("|") >= _BARE_PIPES_MIN


def _opens_markdown_table(lines: list[Line], i: int) -> bool:
    """A "|" header row over its "|---|" rule; or, typed or copied as text without the rule,
    one whose cells name a task table's columns over another "|" row."""
    if not lines[i].text.startswith("|"):
        return False  # (a line whose raw text opens with "|" keeps it first once cleaned)
    raw = lines[i].raw
    if not (_md_row(raw) and raw.count("|") >= 4):
        return False
    under = lines[i + 1].raw
    return bool(_MD_RULE.match(under)) or (_md_row(under) and _task_columns(table_roles(_md_cells(raw))))


def find_markdown_tables(lines: list[Line]) -> list[Table]:
    return _scan(lines, _opens_markdown_table, _read_markdown_table)


def _opens_bare_pipe_table(lines: list[Line], i: int) -> bool:
    """Cells parted by "|" without the outer pipes ("STT | Nội dung | Chủ trì | Thời gian"),
    as a table typed as text: a header naming a task table's columns over such a row."""
    raw = lines[i].raw
    if _md_row(raw) or not (_bare_pipe_row(raw) and _bare_pipe_row(lines[i + 1].raw)):
        return False
    return _task_columns(table_roles(_md_cells(raw)))


def find_bare_pipe_tables(lines: list[Line]) -> list[Table]:
    return _scan(lines, _opens_bare_pipe_table, _read_bare_pipe_table)


def _read_bare_pipe_table(lines: list[Line], head: int) -> Table | None:
    return _read_cell_rows(lines, head, _md_cells, _bare_pipe_row)


# --- tab-separated tables: a table copied from a word processor or a spreadsheet ---------

_TAB_CELLS_MIN = 3


def _tab_cells(raw: str) -> list[str]:
    return [c.strip().strip("*").strip() for c in raw.strip("\r\n").split("\t")]


def _tab_row(raw: str) -> bool:
    return "\t" in raw.strip()


def _opens_tab_table(lines: list[Line], i: int) -> bool:
    """A header of cells parted by tabs that names a task table's columns, over a row parted
    the same way (each row one line, as a copy of a table pastes)."""
    raw = lines[i].raw
    if raw.strip().count("\t") < _TAB_CELLS_MIN - 1 or not _tab_row(lines[i + 1].raw):
        return False
    return _task_columns(table_roles(_tab_cells(raw)))


def find_tab_tables(lines: list[Line]) -> list[Table]:
    return _scan(lines, _opens_tab_table, _read_tab_table)


def _read_tab_table(lines: list[Line], head: int) -> Table | None:
    return _read_cell_rows(lines, head, _tab_cells, _tab_row)


def _read_markdown_table(lines: list[Line], head: int) -> Table | None:
    return _read_cell_rows(lines, head, _md_cells, _md_row)


def _read_cell_rows(
    lines: list[Line], head: int, cells_of: Callable[[str], list[str]], in_table: Callable[[str], bool]
) -> Table | None:
    """A table whose rows are lines of cells (`cells_of` a raw line, while `in_table`) under
    a header at `head` and, if there is one, its "|---|" rule."""
    headers = cells_of(lines[head].raw)
    roles = table_roles(headers)
    notes = {k for k, h in enumerate(headers) if " ".join(h.lower().split()) in _NOTE_HEADS}
    if "content" not in roles:
        return None
    ruled = bool(_MD_RULE.match(lines[head + 1].raw))
    used = {head, head + 1} if ruled else {head}
    rows: list[Row] = []
    # its title in capitals above it, as a table read a cell per line: the section of an
    # appendix's table, which no heading of the body encloses (a Word original's appendix)
    section: str | None = _title_above(lines, head)
    k = head + 2 if ruled else head + 1
    body: list[tuple[Line, list[str]]] = []
    while k < len(lines) and in_table(lines[k].raw):
        used.add(k)
        body.append((lines[k], cells_of(lines[k].raw)))
        k += 1
    while body and (sub := _sub_header_roles(roles, body[0][1], headers)) is not None:
        roles = sub  # "Đơn vị thực hiện" over "Chủ trì | Phối hợp": the second row names them
        body.pop(0)
    while body and _column_numbers(body[0][1]):
        body.pop(0)  # "|  | (1) | (2) | (3) |": the columns' numbers under the header
    numbers = [cells[0].rstrip(".") if cells and _STT.match(cells[0]) else "" for _, cells in body]
    group = ""  # the number of the group row whose rows follow ("1" over "1.1")
    for index, (ln, cells) in enumerate(body):
        first = cells[0] if cells else ""
        filled = [c for c in cells if c]
        if len(filled) == 1 and not _STT.match(first) and not filled[0][:1].islower():
            section = filled[0]  # a row spanning the table: a part heading
            continue
        if _ROMAN_CELL.fullmatch(first):
            section = " ".join(filled)
            continue
        if len(filled) == 2 and len(cells) > 1 and cells[1] and _heads_children(numbers, index):
            section = " ".join(filled)  # "1 | Công tác xây dựng Đảng" above rows "1.1", "1.2"
            group = numbers[index]
            continue
        if group and numbers[index] and numbers[index].count(".") <= group.count("."):
            section, group = None, ""  # "2" after the rows of group "1": its group has ended
        if _STT.match(first) or not rows or _opens_unnumbered_row(roles, cells):
            row = Row(first.rstrip(".") if _STT.match(first) else "", section, {})
            rows.append(row)
        else:
            row = rows[-1]  # a continuation row: cells carry on the numbered row above
        for k_col, (role, cell) in enumerate(zip(roles, cells, strict=False)):
            if cell and k_col in notes:
                row.cells["note"] = cell  # "Trình trước ngày 20/02/2027": a bound may stand here
            if not cell or role in ("number", "other"):
                continue
            if role == "content":
                cell = " ".join(cell.split())  # a cell's lines ("<br>") wrap one text
            row.cells[role] = f"{row.cells[role]} {cell}".strip() if role in row.cells else cell
            if role == "content":
                row.content_lines.append(ln)
    return Table(roles, [r for r in rows if r.content_lines], used)


def _column_numbers(cells: list[str]) -> bool:
    """A row that numbers the columns ("(1) | (2) | (3)", "1 | 2 | 3 | 4"): every filled
    cell a number in parentheses, or the filled cells counting up from 1 or 2."""
    filled = [c for c in cells if c]
    if len(filled) < _MIN_COLUMNS:
        return False
    if all(_COLUMN_INDEX.match(c) for c in filled):
        return True
    if not all(c.isdigit() for c in filled):
        return False
    first = int(filled[0])
    return first in (1, 2) and [int(c) for c in filled] == list(range(first, first + len(filled)))


# --- one cell per line ---------------------------------------------------------------
# A table copied from a document as plain text (DOCX or a web page's text): its header's
# cells one per line ("TT" / "Tên nhiệm vụ" / "Sở, ngành chủ trì" / … / "Ghi chú"), maybe
# the columns' numbers ("(1)" / "(2)" …), then each row as its number on a line of its own
# followed by its cells, one a line, in the header's order; an empty last cell is left out.

_ROW_NUMBER = re.compile(r"^\d{1,3}\.?$")
_COLUMN_INDEX = re.compile(r"^\(\d{1,2}\)$")
_HEADER_CELL_MAX = 60
_MIN_COLUMNS = 3


def find_cell_per_line_tables(lines: list[Line]) -> list[Table]:
    return _scan(lines, _opens_cell_per_line_table, _read_cell_per_line_table)


def _opens_cell_per_line_table(lines: list[Line], i: int) -> bool:
    ln = lines[i]
    return ln.kind == "text" and len(ln.text) <= 4 and column_role(ln.text) == "number"


def _read_cell_per_line_table(lines: list[Line], head: int) -> Table | None:
    k = head + 1
    headers = [lines[head].text]
    while k < len(lines) and lines[k].kind == "text":
        t = lines[k].text
        if len(t) > _HEADER_CELL_MAX or _ROW_NUMBER.match(t) or _COLUMN_INDEX.match(t):
            break
        headers.append(t)
        k += 1
    roles = [column_role(h) for h in headers]
    # a narrow layout copied a word (or a few) per line: the header's cells are found from
    # its words, when these then name more columns than its lines do ("Cơ quan chủ" | "trì")
    rebuilt = _header_cells(headers)
    by_word = rebuilt != headers and [column_role(h) for h in rebuilt].count("other") < roles.count("other")
    if by_word:
        headers = rebuilt
        roles = [column_role(h) for h in headers]
    roles = table_roles(headers)
    if len(headers) < _MIN_COLUMNS or not _task_columns(roles):
        return None
    used = set(range(head, k))
    cells = len(headers) - 1  # after the row's number
    title = _title_above(lines, head)
    if by_word:
        return _read_word_per_line_rows(lines, k, roles, title, used)
    rows: list[Row] = []
    while k < len(lines):
        ln = lines[k]
        if _is_row_number(ln):
            pass
        elif ln.kind != "text" or _COLUMN_INDEX.match(ln.text):
            if ln.kind == "text":
                used.add(k)
            k += 1
            continue
        else:
            break
        number = ln.text.rstrip(".")
        used.add(k)
        parts: list[Line] = []
        k += 1
        while k < len(lines):
            nxt = lines[k]
            if _is_row_number(nxt):
                break
            # a short cell ("Xong trong Quý II/2026") may have been taken for a running line
            if nxt.kind in ("text", "noise"):
                if len(parts) >= cells and not (rows or _wraps_on(lines, k, parts, cells)):
                    break  # a first row that already holds every cell: what follows is not ours
                parts.append(nxt)
            k += 1
            if (
                len(parts) >= cells
                and k < len(lines)
                and not _next_is_row(lines, k)
                and not _wraps_on(lines, k, parts, cells)
            ):
                break  # the last row: its cells are all read, the text after it is not
        if not parts:
            break
        groups = _cells_of(parts, cells, roles[1:])
        if not _cells_fit(groups, roles[1:]):
            # a sentence of the task's text wrapped onto a line of its own ("…; " | "Lập kế
            # hoạch …") took a cell's place: cut the row's lines as a word-per-line row's
            groups = _word_cells(parts, roles[1:]) or groups
        row = Row(number, title, {})
        for role, group in zip(roles[1:], groups, strict=False):
            if role in ("number", "other"):
                continue
            row.cells[role] = join_parts([g.text for g in group])
            if role == "content":
                row.content_lines.extend(group)
        used |= {p.index for p in parts}
        if row.content_lines:
            rows.append(row)
    if not rows:
        return None
    return Table(roles, rows, used)


def _task_columns(roles: list[str]) -> bool:
    return "content" in roles and bool({"lead", "deadline"} & set(roles))


def _header_cells(texts: list[str]) -> list[str]:
    """A header that came a word (or a few) per line, its cells found again: a header cell
    opens with a capital ("Tên nhiệm vụ", "Cơ quan chủ trì", "Thời gian thực hiện"), and a
    piece that names no column goes on the cell before it ("Sở, ngành chủ trì" | "Tham mưu"
    would not be two columns)."""
    pieces: list[str] = []
    for w in (w for t in texts for w in t.split()):
        if pieces and not w[:1].isupper():
            pieces[-1] += " " + w
        else:
            pieces.append(w)
    cells: list[str] = []
    for piece in pieces:
        if cells and column_role(piece) == "other" and piece.lower() not in _NOTE_HEADS:
            cells[-1] += " " + piece
        else:
            cells.append(piece)
    return cells


_NOTE_HEADS = frozenset(str(w).lower() for w in table("structure", "columns")["notes"])

# a line of a word-per-line table holds a few words; a longer one is the text after it
_WORDS_PER_LINE_MAX = 4
# how many lines a cell of a word-per-line row may take, by what it holds (the task's
# text: any number)
_TIME_CELL_LINES = 20
_CELL_LINES = {
    "lead": 24, "support": 24, "person": 24, "deadline": _TIME_CELL_LINES, "product": 40, "other": 40,
}  # fmt: skip


def _time_opens(parts: list[Line], i: int) -> bool:
    """Does a time cell open at line i (its phrase within the next lines)?"""
    text = ""
    for p in parts[i : i + _TIME_CELL_LINES]:
        text = f"{text} {p.text}" if text else p.text
        if len(text) > _TIME_TEXT_MAX:
            return False
        if _time_cell(text):
            return True
    return False


def _read_word_per_line_rows(
    lines: list[Line], k: int, roles: list[str], title: str | None, used: set[int]
) -> Table | None:
    """The rows of a table that came a word per line: a row runs from its number to the
    next row's number (the next in sequence: a day or a count alone on a line is not one),
    and ends the table at a line longer than a cell's line or at a heading in capitals."""
    rows: list[Row] = []
    expected: int | None = None
    while k < len(lines):
        ln = lines[k]
        if ln.kind not in ("text", "noise") or (not rows and _COLUMN_INDEX.match(ln.text)):
            used.add(k)
            k += 1
            continue
        if not _is_row_number(ln) or (expected is not None and not _is_row(ln, expected)):
            break
        number = ln.text.strip().rstrip(".")
        expected = int(number) + 1
        used.add(k)
        parts: list[Line] = []
        k += 1
        while k < len(lines):
            nxt = lines[k]
            if nxt.kind in ("text", "noise"):
                t = nxt.text.strip()
                if _is_row(nxt, expected):
                    break
                if len(t.split()) > _WORDS_PER_LINE_MAX or _is_capital_heading(t):
                    break
                parts.append(nxt)
            k += 1
        if not parts:
            break
        groups = _word_cells(parts, roles[1:])
        if groups is None:  # no cut fits: the row stays one task, its text whole, for review
            groups = [parts if role == "content" else [] for role in roles[1:]]
        row = Row(number, title, {})
        for role, group in zip(roles[1:], groups, strict=True):
            if role in ("number", "other") or not group:
                continue
            row.cells[role] = join_parts([g.text for g in group])
            if role == "content":
                row.content_lines.extend(group)
        used |= {p.index for p in parts}
        rows.append(row)
        if k < len(lines) and not _is_row(lines[k], expected):
            break
    return Table(roles, rows, used) if rows else None


def _names_bodies(text: str) -> bool:
    """A bodies cell: bodies only, or bodies then what they do ("Các tổ chức, cá nhân hoạt
    động khoáng sản")."""
    if whole_bodies(text):
        return True
    toks = tokenize(text)
    return bool(read_bodies(text, toks, 0, sentence_start=True).names)


def _time_cell(text: str) -> bool:
    """A cell that is a time phrase ("Xong trong Quý II/2026", "Hằng năm", "Năm 2026",
    "Hoàn thành lắp đặt và vận hành trước ngày 01/01/2030"): the phrase opens the cell, or
    a verb does ("Xong", "Hoàn thành …"), and the cell names no body. Reading a whole cell
    (`_whole_cell`) finds a time anywhere in it, which a cut a word at a time cannot
    afford ("Sở Công" | "Thương Hằng năm")."""
    if len(text) > _TIME_TEXT_MAX:
        return False
    value = deadlines.parse_value(text)
    if (value.date is None and value.recurrence is None) or whole_bodies(text):
        return False
    found = deadlines.find_in_text(text)
    if found is None or not found.text:
        # read by the bare forms ("Quý II/2026", "2026-2030"), which may also find a range
        # inside a name ("Quy hoạch tỉnh … thời kỳ 2021-2030"): the cell opens with one
        low = text.lower()
        return low[:1].isdigit() or any(low.startswith(w) for w in _TIME_CELL_OPENERS)
    before = " ".join(text[: max(0, text.find(found.text))].split()).lower()
    if not before or before in _TIME_CELL_VERBS:
        return True
    first, *rest = text[: max(0, text.find(found.text))].split()
    return first.lower() in _TIME_VERB_FIRST and not any(w[:1].isupper() for w in rest)


# a time cell that says what is to be done by then ("Hoàn thành đầu tư, lắp đặt … trước ngày …")
_TIME_TEXT_MAX = 120
_TIME_CELL_VERBS = frozenset(w.lower() for w in lexicon_words("structure", "time_cell_verbs"))
_TIME_CELL_OPENERS = tuple(w.lower() + " " for w in lexicon_words("structure", "time_cell_openers"))
_TIME_VERB_FIRST = frozenset(w.split()[0] for w in _TIME_CELL_VERBS)
_CONNECTIVES = frozenset(lexicon_words("structure", "line_connectives"))


_OWNER_HEADS = tuple(lexicon_words("bodies", "owner_heads"))


def _is_row(ln: Line, number: int) -> bool:
    """Is this line the number of row `number`?"""
    return _is_row_number(ln) and int(ln.text.strip().rstrip(".")) == number


def _is_capital_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(text.split()) >= 2 and len(letters) > 3 and all(c.isupper() for c in letters)


def _word_cells(parts: list[Line], roles: list[str]) -> list[list[Line]] | None:
    """A word-per-line row's lines cut into its cells, in the header's order. Each cell but
    the task's text opens with a capital (as a table's cells are written) and holds what
    its column holds: bodies for chủ trì / phối hợp, a short time phrase for the time; a
    cell may be empty, a cell's list does not end on a comma, and only the time cell holds
    a time phrase in capitals. Of the cuts that fit, the one that fills most of the bodies
    and time cells wins, then the longest cells in order (the time phrase the shortest)."""
    n = len(parts)
    # where a time phrase opens ("Trước ngày 15/12/2026"): no body's name runs over it;
    # counted up to each line, so that "does one open inside a cell" costs a subtraction
    opens_before = [0]
    for i in range(n):
        opens = i > 0 and parts[i].text.lstrip()[:1].isupper() and _time_opens(parts, i)
        opens_before.append(opens_before[-1] + opens)
    memo: dict[tuple[int, int], tuple[int, tuple[int, ...], tuple[int, ...]] | None] = {}

    def fits(role: str, a: int, b: int) -> bool:
        if a == b:
            return role != "content"
        last = parts[b - 1].text.rstrip()
        if b < n and (last.endswith((",", ";")) or last.rsplit(" ", 1)[-1].lower() in _CONNECTIVES):
            return False  # the cell goes on: "…, " "… và" "… các"
        if b < n and " ".join(p.text for p in parts[max(a, b - 3) : b]).endswith(_OWNER_HEADS):
            return False  # "Văn phòng" | "UBND tỉnh" is one name
        if role != "deadline" and opens_before[b] - opens_before[a + 1] > 0:
            return False  # "… Văn phòng UBND tỉnh" | "Trước ngày 15/12/2026"
        if role == "content":
            return True
        first = parts[a].text.lstrip()
        if not (first[:1].isupper() or first[:1].isdigit()):
            return False
        return _holds(role, " ".join(p.text for p in parts[a:b]))

    def best(a: int, r: int) -> tuple[int, tuple[int, ...], tuple[int, ...]] | None:
        """(cells filled, cell lengths, cut ends) for parts[a:] in roles[r:], the best cut."""
        if r == len(roles):
            return (0, (), ()) if a == n else None
        if (a, r) in memo:
            return memo[(a, r)]
        role = roles[r]
        found: tuple[int, tuple[int, ...], tuple[int, ...]] | None = None
        limit = _CELL_LINES.get(role)
        for b in range(n if limit is None else min(n, a + limit), a - 1, -1):
            if not fits(role, a, b):
                continue
            rest = best(b, r + 1)
            if rest is None:
                continue
            filled = rest[0] + (1 if b > a and role in ("lead", "support", "deadline") else 0)
            # the longest cells in order, but the shortest time phrase: what follows it
            # ("Tháng 9/2026" | "Đề án trình …") is the next cell's
            size = a - b if role == "deadline" else b - a
            cut = (filled, (size, *rest[1]), (b, *rest[2]))
            if found is None or cut[:2] > found[:2]:
                found = cut
        memo[(a, r)] = found
        return found

    got = best(0, 0)
    if got is None:
        return None
    groups: list[list[Line]] = []
    a = 0
    for b in got[2]:
        groups.append(parts[a:b])
        a = b
    return groups


def _cells_of(parts: list[Line], cells: int, roles: list[str]) -> list[list[Line]]:
    """A row's lines grouped into its cells. A line goes on the cell above when that cell
    was wrapped: the line above fills most of the row's width and ends no sentence, and
    this line is no cell of its own (a list of bodies, a short time phrase). Lines still
    beyond the header's columns are the content's (the longest cell)."""
    widest = max(len(p.text) for p in parts)
    groups: list[list[Line]] = []
    for part in parts:
        prev = groups[-1][-1].text.rstrip() if groups else ""
        first = part.text.lstrip()[:1]
        wrapped = prev and (
            # the line above stops mid-phrase ("… xong trước ngày" | "01/01/2030", "… và")
            _UNFINISHED.search(prev) is not None
            or prev.rsplit(" ", 1)[-1].lower() in _CONNECTIVES
            or (
                not prev.endswith((".", ";", ":"))
                and len(prev) >= _WRAPPED_WIDTH * widest
                # a cell opens with a capital: a lower-case line that reads as bodies ("các
                # trường hợp vi phạm.") goes on the wrapped line above it
                and (first.islower() or not _whole_cell(part.text))
            )
        )
        if wrapped:
            groups[-1].append(part)
        else:
            groups.append([part])
    surplus = max(0, len(groups) - cells)
    content_at = roles.index("content") if "content" in roles else 0
    if surplus:
        merged = [g for group in groups[content_at : content_at + surplus + 1] for g in group]
        groups = [*groups[:content_at], merged, *groups[content_at + surplus + 1 :]]
    return groups


def _cells_fit(groups: list[list[Line]], roles: list[str]) -> bool:
    """Does each cell hold what its column holds: bodies for chủ trì / phối hợp, a time
    phrase for the time (an empty cell fits any column)?"""
    return all(
        _holds(role, text) for role, group in zip(roles, groups, strict=False) if (text := _joined(group))
    )


def _joined(group: list[Line]) -> str:
    return " ".join(g.text for g in group)


def _holds(role: str, text: str) -> bool:
    """Does a cell's text hold what its column holds (bodies, a time phrase, anything)?"""
    if role in ("lead", "support"):
        return _names_bodies(text)
    if role == "deadline":
        return _time_cell(text)
    return True


def _whole_cell(text: str) -> bool:
    """A line that is a cell of its own: bodies only ("Sở Nông nghiệp và Môi trường"), or a
    short time phrase ("Xong trong Quý II/2026", "Trong năm 2026")."""
    if whole_bodies(text):
        return True
    if len(text) > _TIME_CELL_MAX:
        return False
    value = deadlines.parse_value(text)
    return value.date is not None or value.recurrence is not None


# a line that stops mid-phrase: a comma, or a time phrase's lead-in without its date
_UNFINISHED = re.compile(r"(?:,|\b(?:trước|đến|từ|chậm nhất|hạn chót)(?:\s+(?:ngày|hết))?)$", re.I)
# a wrapped line fills most of the row's widest line; a time cell is short
_WRAPPED_WIDTH = 0.8
_TIME_CELL_MAX = 40

_ROW_KINDS = ("text", "noise")
# a cell wraps over at most this many lines per column of its row
_WRAP_LINES = 4


def _wraps_on(lines: list[Line], k: int, parts: list[Line], cells: int) -> bool:
    """With every cell of a row read, does line k still belong to it? Yes when a cell
    wrapped over several lines: the row's lines run on without a blank line to line k, and
    a blank line then the next row's number (or the table's end) close them."""
    # a short cell may have been taken for a running line ("noise"): it is a line of the row
    if len(parts) >= cells * _WRAP_LINES or lines[k].kind not in _ROW_KINDS or parts[-1].index != k - 1:
        return False
    end = k
    while end < len(lines) and lines[end].kind in _ROW_KINDS and not _is_row_number(lines[end]):
        end += 1
        if end - k + len(parts) >= cells * _WRAP_LINES:
            return False
    return (
        end >= len(lines)
        or _next_is_row(lines, end)
        or all(ln.kind not in _ROW_KINDS for ln in lines[end:])  # blank lines to the text's end
    )


def _title_above(lines: list[Line], head: int) -> str | None:
    """The table's title: the lines in capitals just above its header ("MỘT SỐ NHIỆM VỤ
    TRỌNG TÂM CỦA CÁC SỞ, BAN, NGÀNH", wrapped or not), past a "(Kèm theo …)" note (wrapped
    or not), never "PHỤ LỤC" nor a heading further up ("II. NỘI DUNG" is the heading the
    table sits under)."""
    texts = [
        ln.text.strip(" *_")
        for ln in lines[max(0, head - 8) : head]
        if ln.kind == "text" and ln.text.strip(" *_")
    ]
    k = len(texts) - 1
    if k >= 0 and texts[k].endswith(")") and "(" not in texts[k]:
        while k >= 0 and "(" not in texts[k]:
            k -= 1  # the note's wrapped lines, up to the line that opens it
    title: list[str] = []
    while k >= 0:
        t = texts[k].split(" (", 1)[0].strip(" *_")  # "NHIỆM VỤ … NĂM 2027 (Kèm theo …)"
        letters = [c for c in t if c.isalpha()]
        if not letters or t.startswith("(") or t.upper().startswith("PHỤ LỤC"):
            if title:
                break  # "PHỤ LỤC" above the title, or a note: the title is whole
            k -= 1
            continue
        if not all(c.isupper() for c in letters) or is_item_start(t):
            break
        title.insert(0, t)
        k -= 1
    joined = " ".join(title)
    return joined if len(joined) > _TITLE_MIN else None


_TITLE_MIN = 12  # "II. NỘI DUNG" and the like are headings, not a table's title


def _is_row_number(ln: Line) -> bool:
    """A row's number on its own line (taken for a page number by the noise pass)."""
    return ln.kind in ("text", "noise") and _ROW_NUMBER.match(ln.text.strip()) is not None


def _next_is_row(lines: list[Line], k: int) -> bool:
    """Is the next line with text from k a row's number?"""
    nxt = next((ln for ln in lines[k : k + 4] if ln.kind in ("text", "noise")), None)
    return nxt is not None and _is_row_number(nxt)


# --- pdftotext -layout tables ---------------------------------------------------------

_FRAG = re.compile(r"\S+(?: \S+)*")
_ROW_NUMBER = re.compile(r"^\s{0,4}(\d{1,2})(?:\s+|$)(?![/.\-,%])")
_SECTION_ROW = re.compile(r"^\s{0,2}([IVX]{1,5}(?:\.\d{1,2})?)\s+(\S.*)$")
_DEADLINE_TAIL = re.compile(
    r"((?:Trước|Trong|Từ|Đến)?\s*(?:ngày\s+)?(?:\d{1,2}/\d{1,2}/\d{4}|(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?))\s*$"
)
_LEAD_HEADS = ("Đảng ủy", "Đảng uỷ", "Các cấp", "Ủy ban", "Uỷ ban", "Ban ", "Sở ", "UBND", "Bộ ")
_PERSON_HEADS = ("Đồng chí", "Thủ trưởng", "Bí thư")
_CUT_HEADS = tuple(" " + head for head in _LEAD_HEADS + _PERSON_HEADS)


def _fragments(raw: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _FRAG.finditer(raw.replace("\f", " "))]


_TT_HEADER = re.compile(r"^\s*S?TT\s{2,}\S")


def find_layout_tables(lines: list[Line]) -> list[Table]:
    tables: list[Table] = []
    for i, ln in enumerate(lines):
        if not ln.is_text or not ln.text.startswith(("TT", "STT")) or not _TT_HEADER.match(ln.raw):
            continue
        if any(i in t.line_indexes for t in tables):
            continue
        table = _read_layout_table(lines, i)
        if table is not None:
            tables.append(table)
    return tables


def _anchors(lines: list[Line], tt: int) -> tuple[dict[str, float], int]:
    """Column centres from the header words around the 'TT' line; and the header's last line."""
    anchors, _, last = _header_span(lines, tt)
    return anchors, last


def _header_span(lines: list[Line], tt: int) -> tuple[dict[str, float], int, int]:
    """_anchors, and the header's first line: the first above 'TT' that names a column (a
    heading above the table, "II. NHIỆM VỤ CỤ THỂ", is none of it)."""
    anchors: dict[str, list[float]] = {}
    first = last = tt
    tt_frags = _fragments(lines[tt].raw)
    tt_x = tt_frags[0][0] if tt_frags else 0
    for k in range(max(0, tt - 4), min(len(lines), tt + 4)):
        ln = lines[k]
        if not ln.is_text:
            continue
        frags = _fragments(ln.raw)
        if k > tt and (_ROW_NUMBER.match(ln.raw) or _SECTION_ROW.match(ln.raw)):
            break
        if k < tt and len(frags) == 1 and frags[0][0] <= tt_x + 2:
            continue  # a heading over the table from its left edge: no label of a column
        for x, frag in frags:
            role = column_role(frag)
            if role in ("other", "number") and k != tt:
                role = _continuation_role(frag)
            if role in ("other", "number"):
                continue
            anchors.setdefault(role, []).append(x + len(frag) / 2)
            first = min(first, k)
        last = max(last, k)
    return {r: sum(v) / len(v) for r, v in anchors.items()}, first, last


def _continuation_role(frag: str) -> str:
    low = frag.lower()
    if "chủ trì" in low or "tổ chức" in low or low.startswith("đảng"):
        return "lead"
    if "kiểm tra" in low or "đôn đốc" in low or "phụ trách" in low:
        return "person"
    if "thực hiện" in low or "hoàn thành" in low or low.startswith("(*"):
        return "deadline"
    return "other"


# the document's next part after a table: a Roman numeral with its stop, a heading in capitals
# (a table's own group rows write theirs without the stop: "I     Nhóm nhiệm vụ …")
_PART_AFTER = re.compile(r"^\s{0,2}[IVX]{1,5}\.\s+(\S.*)$")


def _after_the_table(raw: str) -> bool:
    """Is a line past the table: the next part's heading in capitals, alone on its line? (A
    sentence run across the columns is no sign: pdftotext glues a row's cells into one.)"""
    part = _PART_AFTER.match(raw)
    return part is not None and len(_fragments(raw)) == 1 and caps_heading(part.group(1))


def _read_layout_table(lines: list[Line], tt: int) -> Table | None:
    anchors, header_start, header_end = _header_span(lines, tt)
    if "content" not in anchors:
        return None
    roles = sorted(anchors, key=lambda r: anchors[r])
    used: set[int] = set(range(header_start, header_end + 1))
    lead_x = anchors.get("lead", 10**6)
    content_right = lead_x - 14 if "lead" in anchors else 10**6
    deadline_x = anchors.get("deadline", 10**6)
    # per line: content fragment, other cells, row number / section heading
    entries: list[tuple[int, str | None, dict[str, str], str | None, str | None]] = []
    k = header_end + 1
    while k < len(lines):
        ln = lines[k]
        low = ln.text.lower()
        if ln.is_text and (low.startswith("phụ lục") or "nơi nhận" in low):
            break
        if ln.is_text and _after_the_table(ln.raw):
            break  # "III. TỔ CHỨC THỰC HIỆN": the document goes on after the table
        if ln.is_text and _TT_HEADER.match(ln.raw):
            _, skip_to = _anchors(lines, k)
            used.update(range(k - 4, skip_to + 1))
            entries = [e for e in entries if e[0] < k - 4]
            k = skip_to + 1
            continue
        used.add(k)
        if not ln.is_text:
            entries.append((k, None, {}, None, "blank" if ln.kind == "blank" else None))
            k += 1
            continue
        sec = _SECTION_ROW.match(ln.raw)
        if sec and len(_fragments(ln.raw)) <= 2 and not _ROW_NUMBER.match(ln.raw):
            entries.append((k, None, {}, None, f"{sec.group(1)} {sec.group(2).strip()}"))
            k += 1
            continue
        raw = ln.raw.replace("\f", " ")
        number: str | None = None
        m = _ROW_NUMBER.match(raw)
        if m:
            number = m.group(1)
            raw = " " * m.end(1) + raw[m.end(1) :]
        content: str | None = None
        cells: dict[str, str] = {}
        for x, frag in _fragments(raw):
            frag_parts = _split_fragment(x, frag, lead_x, deadline_x)
            for px, part in frag_parts:
                centre = px + len(part) / 2
                role = min(anchors, key=lambda r: abs(anchors[r] - centre))
                if role == "content" or (px < content_right and role != "deadline"):
                    content = part if content is None else content + " " + part
                else:
                    cells[role] = (cells.get(role, "") + " " + part).strip()
        entries.append((k, content, cells, number, None))
        k += 1
    rows = _layout_rows(lines, entries)
    for row in rows:
        _tidy_row(row)
    return Table(["number", *roles], rows, used)


_WHEN = re.compile(
    r"(?:(?:Trước|Trong|Từ|Đến)\s+(?:ngày\s+)?)?(?:\d{1,2}/\d{1,2}/\d{4}|(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?)"
)


@cache
def _person_words() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in lexicon_words("structure", "person_words"))
    return re.compile(rf"\s+(?:{words})(?=\s|$)")


def _tidy_row(row: Row) -> None:
    """Undo what pdftotext's glued columns did to a row's side cells.

    A deadline that landed in the person or lead column (its year range glued to the
    neighbour's words) goes back to the deadline; a person's title that spilled into the
    lead column ('Đảng ủy UBND tỉnh tịch') is cut off.
    """
    deadline = row.cells.get("deadline", "")
    if not _WHEN.search(deadline):
        for role in ("person", "lead"):
            text = row.cells.get(role, "")
            found = list(_WHEN.finditer(text))
            if found:
                m = found[-1]
                row.cells[role] = (text[: m.start()] + text[m.end() :]).strip()
                row.cells["deadline"] = f"{deadline} {m.group(0)}".strip()
                break
    lead = row.cells.get("lead")
    if lead:
        row.cells["lead"] = _person_words().split(" " + lead)[0].strip() or lead
        if not row.cells["lead"]:
            row.cells["lead"] = lead


def _split_fragment(x: int, frag: str, lead_x: float, deadline_x: float) -> list[tuple[int, str]]:
    """Split text that pdftotext glued across columns with a single space."""
    parts = [(x, frag)]
    out: list[tuple[int, str]] = []
    for px, part in parts:
        cut = None
        # a head counts from where the lead column may begin: px + pos + 1 >= lead_x - 16
        first = max(0, math.ceil(lead_x - 17 - px))
        for head in _CUT_HEADS:
            pos = part.find(head, first)
            if pos >= 0:
                cut = pos if cut is None else min(cut, pos)
        if cut is not None and cut > 0:
            out.append((px, part[:cut]))
            out.extend(_split_fragment(px + cut + 1, part[cut + 1 :], 10**6, deadline_x))
            continue
        # a deadline ends the fragment with a digit: spare the pattern its tries elsewhere
        dm = _DEADLINE_TAIL.search(part) if part.rstrip()[-1:].isdigit() else None
        if dm and dm.start() > 0 and px + dm.start() >= deadline_x - 14:
            out.append((px, part[: dm.start()].rstrip()))
            out.append((px + dm.start(), dm.group(1).strip()))
            continue
        out.append((px, part))
    return [(p, s) for p, s in out if s]


def _layout_rows(
    lines: list[Line], entries: list[tuple[int, str | None, dict[str, str], str | None, str | None]]
) -> list[Row]:
    rows: list[Row] = []
    section: str | None = None
    # split into chunks at blank lines and section headings
    chunks: list[list[tuple[int, str | None, dict[str, str], str | None, str | None]]] = [[]]
    for e in entries:
        if e[4] == "blank" or lines[e[0]].kind == "noise":
            if chunks[-1]:
                chunks.append([])
            continue
        if e[4] is not None:
            chunks.append([e])
            chunks.append([])
            continue
        chunks[-1].append(e)
    for chunk in chunks:
        if not chunk:
            continue
        if chunk[0][4] is not None and chunk[0][4] != "blank":
            section = chunk[0][4]
            continue
        numbers = [idx for idx, e in enumerate(chunk) if e[3] is not None]
        if not numbers:
            # a row's tail after a page break: append to the last row
            if rows:
                _extend_row(rows[-1], chunk, lines)
            continue
        starts: list[int] = []
        prev_start = -1
        for n_i, n in enumerate(numbers):
            if n_i == 0:
                first_content = next((idx for idx, e in enumerate(chunk) if e[1]), n)
                starts.append(0 if first_content <= n else n)
                prev_start = first_content
                continue
            cands = [idx for idx in range(prev_start + 1, n + 1) if (chunk[idx][1] or "")[:1].isupper()]
            if not cands:
                cands = [idx for idx in range(n, len(chunk)) if (chunk[idx][1] or "")[:1].isupper()][:1]
            s = cands[-1] if cands else n
            starts.append(s)
            prev_start = s
        for r_i, s in enumerate(starts):
            e_end = starts[r_i + 1] if r_i + 1 < len(starts) else len(chunk)
            part = chunk[s:e_end]
            number = chunk[numbers[r_i]][3] or ""
            row = Row(number, section, {})
            _extend_row(row, part, lines)
            rows.append(row)
    return [r for r in rows if r.content_lines]


def _extend_row(
    row: Row, part: list[tuple[int, str | None, dict[str, str], str | None, str | None]], lines: list[Line]
) -> None:
    for k, content, cells, _, _ in part:
        if content:
            row.content_lines.append(lines[k])
            row.cells["content"] = join_parts([row.cells.get("content", ""), content]).strip()
        for role, text in cells.items():
            row.cells[role] = join_parts([row.cells.get(role, ""), text]).strip()
