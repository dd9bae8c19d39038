"""Tables in a text-layer PDF, rebuilt as rows and cells from the runs' positions.

An appendix task table (TT / Nội dung / Chủ trì / Phối hợp / Thời hạn / Sản phẩm) is drawn
as text placed in cells: each cell's text wraps over several lines, neighbouring cells can
nearly touch, and a row can run on to the next page. Read as plain lines, the cells of one
row interleave. Here the header row fixes the columns; every line below it, up to a gap
or a line of running text, has its runs put into those columns; lines then gather into
rows (a new row where the number column holds a number, or after a row gap when the
table has no numbers), across page breaks; each row becomes one markdown table line,
which the extractor reads as one task.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from dondoc.ingest.ocr import OcrTable
from dondoc.ingest.pdf_geometry import PAGE_NUMBER, Line, Rules, Run, TableGrid

# the words of a task table's header, by column kind; a header names at least three kinds,
# one of them the lead or the deadline (the extractor's lexicon has its own list: ingest and
# extract stay independent of each other)
_HEADER_KINDS = {
    "number": re.compile(r"\b(?:stt|tt)\b"),
    "content": re.compile(r"nội dung|nhiệm vụ|công việc"),
    "lead": re.compile(r"chủ trì|thực hiện"),
    "support": re.compile(r"phối hợp"),
    "deadline": re.compile(r"thời gian|thời hạn|tiến độ"),
    "product": re.compile(r"sản phẩm|kết quả"),
}
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})*|[IVX]{1,5}|[a-zđ])[.)]?$")
_EDGE = 0.08  # share of the page height at top and bottom where running headers sit


@dataclass
class TableState:
    """Carried from page to page, so a table's rows go on after a page break."""

    grid: TableGrid | None = None


def mark_tables(
    lines: list[Line],
    textpage: pdfium.PdfTextPage,
    height: float,
    state: TableState,
    rules: Rules | None = None,
) -> None:
    """Find table headers on one page and give the lines of each table their grid, cutting
    runs that straddle a column boundary (two cells that nearly touch). Where the table's
    rules are drawn, a line beside its left border's extent is outside it."""
    rules = rules or Rules()
    prev: Line | None = None
    k = 0
    while k < len(lines):
        line = lines[k]
        header = _header_lines(lines, k, rules, textpage)
        if header:
            for ln in header:
                ln.runs = [
                    piece
                    for run in ln.runs
                    for cut in _split_at_rules(run, textpage, rules)
                    for piece in _split_at_gaps(cut, textpage)
                ]
            grid = _grid(header)
            if grid is not None:
                if state.grid is not None and len(state.grid.bounds) == len(grid.bounds):
                    grid = state.grid  # the header repeated on a new page: the same table
                state.grid = grid
                grid.rules.setdefault(line.page, rules)
                for ln in header:
                    ln.grid, ln.is_header = grid, True
                prev = header[-1]
                k += len(header)
                continue
        grid = state.grid
        at_edge = line.top < height * _EDGE or line.bottom > height * (1 - _EDGE)
        if grid is not None:
            grid.rules.setdefault(line.page, rules)
            border = _left_border(grid, rules)
            middle = (line.top + line.bottom) / 2
            if (
                border
                and not at_edge
                and not any(top - 2 <= middle <= bottom + 2 for _, top, bottom in border)
            ):
                state.grid = None  # below (or beside) the drawn table: "III. TỔ CHỨC THỰC HIỆN"
            elif prev is not None and line.top - prev.bottom > 2.5 * (prev.bottom - prev.top):
                state.grid = None  # a wide gap: the table has ended
            elif any(
                _crossings(run, grid) >= 2 and not (border and _spans_merged_cell(run, grid, rules))
                for run in line.runs
            ):
                # (a group row merged across the drawn table is no running text: it stays)
                if not at_edge:
                    state.grid = None  # running text across the columns
            else:
                line.runs = [
                    piece for run in line.runs for piece in _split_at_bounds(run, grid, textpage, rules)
                ]
                line.grid = grid
        if not (at_edge and PAGE_NUMBER.match(" ".join(r.text for r in line.runs))):
            # a page's number is no row: the gap to the next line is measured from the
            # table's last line, not from "2" at the page's top
            prev = line
        k += 1


_MAX_HEADER_LINES = 4


def _header_lines(
    lines: list[Line], k: int, rules: Rules, textpage: pdfium.PdfTextPage | None = None
) -> list[Line]:
    """The header row at line k (one line, or more when the labels wrap or the header has a
    second row), or nothing."""
    line = lines[k]
    if len(line.runs) < 2 or sum(len(r.text) for r in line.runs) > 160:
        return []
    block = [line]
    height = line.bottom - line.top
    while len(block) < _MAX_HEADER_LINES and k + len(block) < len(lines):
        nxt = lines[k + len(block)]
        gap = nxt.top - block[-1].bottom
        # a label wrapped in its cell sits close under it; a header's second row ("Chủ trì |
        # Phối hợp" under "Cơ quan thực hiện") sits a cell's padding lower, and names columns
        close = nxt.page == line.page and (gap < height * 0.8 or (gap < height * 2.5 and _kinds(nxt) >= 1))
        first = nxt.runs[0].text.split()[0] if nxt.runs and nxt.runs[0].text.split() else ""
        if not close or _ROW_NUMBER.match(first) or sum(len(r.text) for r in nxt.runs) >= 120:
            break
        if not _header_words(nxt):
            break  # a line that names no column of its own is not part of the header
        if _ruled_off(block, nxt, rules) and not _only_labels(nxt):
            break  # the rule under the header: the table's first row (not a row of labels
            # alone, "Chủ trì | Phối hợp", under a label its cells did not merge over)
        block.append(nxt)
    text = " ".join(r.text for ln in block for r in ln.runs).lower()
    kinds = {kind for kind, rx in _HEADER_KINDS.items() if rx.search(text)}
    if len(block) > 1 and not (len(kinds) >= 3 and kinds & {"lead", "deadline"}):
        # labels wrapped in their cells ("Cơ quan chủ" / "trì chuẩn bị"): read column by column
        by_column = _column_text(block, textpage, rules)
        kinds |= {kind for kind, rx in _HEADER_KINDS.items() if rx.search(by_column)}
    if len(kinds) >= 3 and kinds & {"lead", "deadline"}:
        return block
    return []


def _column_text(block: list[Line], textpage: pdfium.PdfTextPage | None, rules: Rules) -> str:
    """A header's labels read down each column, the columns apart: the runs of its lines,
    cut at drawn rules (where the page's text places them), gathered where they stand over
    one another."""
    runs = [
        piece
        for ln in block
        for run in ln.runs
        for piece in (_split_at_rules(run, textpage, rules) if textpage is not None else [run])
    ]
    columns: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: r.x0):
        column = next(
            (c for c in columns if run.x0 < max(r.x1 for r in c) and run.x1 > min(r.x0 for r in c)), None
        )
        if column is None:
            columns.append([run])
        else:
            column.append(run)
    return " | ".join(" ".join(r.text for r in sorted(c, key=lambda r: r.top)) for c in columns).lower()


def _ruled_off(block: list[Line], below: Line, rules: Rules) -> bool:
    """Is a rule drawn between the header so far and the line below, across most of the
    header's width? A merged label's own rule ("Cơ quan thực hiện" over "Chủ trì | Phối
    hợp") spans only its columns."""
    left = min(r.x0 for ln in (*block, below) for r in ln.runs)
    right = max(r.x1 for ln in (*block, below) for r in ln.runs)
    return any(
        block[-1].bottom - 1 <= y <= below.top + 1 and min(x1, right) - max(x0, left) >= (right - left) * 0.6
        for y, x0, x1 in rules.horizontal
    )


def _only_labels(line: Line) -> bool:
    """A line of column labels and nothing else: two kinds or more, every run short."""
    return _kinds(line) >= 2 and all(len(r.text) < 25 and _kinds(Line(line.page, [r])) for r in line.runs)


def _kinds(line: Line) -> int:
    text = " ".join(r.text for r in line.runs).lower()
    return sum(1 for rx in _HEADER_KINDS.values() if rx.search(text))


def _header_words(line: Line) -> bool:
    return _kinds(line) > 0 or all(len(r.text) < 25 for r in line.runs)


def _grid(header: list[Line]) -> TableGrid | None:
    # a label over two columns of the row under it ("Cơ quan thực hiện" over "Chủ trì" and
    # "Phối hợp") sets no column: the labels under it do (and name them)
    spans = sorted(
        (
            (r.x0, r.x1, r.text, i)
            for i, ln in enumerate(header)
            for r in ln.runs
            if _covered(r, header[i + 1 :]) < 2
        ),
        key=lambda s: s[0],
    )
    if not spans:
        return None
    columns: list[list[tuple[float, float, str, int]]] = []
    for span in spans:
        if columns and span[0] < max(s[1] for s in columns[-1]) + 2:
            columns[-1].append(span)
        else:
            columns.append([span])
    if len(columns) < 3:
        return None
    bounds = [
        (max(s[1] for s in left) + min(s[0] for s in right)) / 2
        for left, right in itertools.pairwise(columns)
    ]
    # a label wrapped in its cell reads top line first ("Thời gian" / "hoàn thành")
    header_text = [" ".join(s[2].strip() for s in sorted(col, key=lambda s: (s[3], s[0]))) for col in columns]
    return TableGrid(bounds, header_text, left=spans[0][0], right=max(s[1] for s in spans))


def _covered(label: Run, below: list[Line]) -> int:
    """How many labels of the header lines below this one stand under it side by side (a
    merged cell's sub-labels are centred in their own cells: their middles, not their
    ends, lie within the label above)."""
    under = sorted(
        (r for ln in below for r in ln.runs if label.x0 - 2 <= (r.x0 + r.x1) / 2 <= label.x1 + 2),
        key=lambda r: r.x0,
    )
    apart = sum(1 for a, b in itertools.pairwise(under) if b.x0 > a.x1 + 2)
    return apart + 1 if under else 0


def _crossings(run: Run, grid: TableGrid) -> int:
    return sum(1 for b in grid.bounds if run.x0 < b - 1 and run.x1 > b + 1)


def _char_lefts(run: Run, textpage: pdfium.PdfTextPage) -> Iterator[tuple[int, float, float]]:
    """(offset, left, right) of each character of the run, when its text is the page's."""
    if run.first_char < 0 or textpage.get_text_range(run.first_char, len(run.text)) != run.text:
        return
    for offset, ch in enumerate(run.text):
        if not ch.isspace():
            left, _, right, _ = textpage.get_charbox(run.first_char + offset)
            yield offset, left, right


def _cut(run: Run, offset: int, left_end: float, right_start: float) -> list[Run]:
    head, tail = run.text[:offset].rstrip(), run.text[offset:].lstrip()
    if not head or not tail:
        return [run]
    first = Run(run.x0, run.top, left_end, run.bottom, head, run.first_char)
    second = Run(right_start, run.top, run.x1, run.bottom, tail, run.first_char + offset)
    return [first, second]


def _split_at_bounds(run: Run, grid: TableGrid, textpage: pdfium.PdfTextPage, rules: Rules) -> list[Run]:
    bound = next((b for b in grid.bounds if run.x0 < b - 1 and run.x1 > b + 1), None)
    if bound is None or _spans_merged_cell(run, grid, rules):
        return [run]
    last_right = run.x0
    prev_space = False
    for offset, left, right in _char_lefts(run, textpage):
        if offset > 0 and run.text[offset - 1].isspace():
            prev_space = True
        if prev_space and left >= bound - 1:
            return _cut(run, offset, last_right, left)
        prev_space = False
        last_right = right
    return [run]


def _spans_merged_cell(run: Run, grid: TableGrid, rules: Rules) -> bool:
    """A group row merged across the table ("I | Cải cách thủ tục hành chính"): where the
    table's rules are drawn, no vertical rule runs through its text, as one would between
    two cells whose texts nearly touch."""
    middle = (run.top + run.bottom) / 2
    inside = [v for v in rules.vertical if grid.left - 60 <= v[0] <= grid.right + 60]
    if not inside:
        return False
    return not any(run.x0 < x < run.x1 and top - 2 <= middle <= bottom + 2 for x, top, bottom in inside)


def _split_at_rules(run: Run, textpage: pdfium.PdfTextPage, rules: Rules) -> list[Run]:
    """A header run over two cells whose labels nearly touch ("Đơn vị chủ trì Đơn vị phối"):
    cut where a drawn vertical rule runs through it, between two words."""
    middle = (run.top + run.bottom) / 2
    through = sorted(
        x
        for x, top, bottom in rules.vertical
        if run.x0 + 1 < x < run.x1 - 1 and top - 2 <= middle <= bottom + 2
    )
    if not through:
        return [run]
    last_right = run.x0
    for offset, left, right in _char_lefts(run, textpage):
        if offset > 0 and left >= through[0] and run.text[offset - 1].isspace():
            head, *rest = _cut(run, offset, last_right, left)
            return [head, *(piece for r in rest for piece in _split_at_rules(r, textpage, rules))]
        last_right = right
    return [run]


def _split_at_gaps(run: Run, textpage: pdfium.PdfTextPage) -> list[Run]:
    """A header run holding two labels set apart ("TT      Nội dung"): cut at wide gaps."""
    chars = list(_char_lefts(run, textpage))
    gap = max(6.0, (run.bottom - run.top) * 1.2)
    for (_, _, right), (offset, left, _) in itertools.pairwise(chars):
        if left - right > gap:
            head, *rest = _cut(run, offset, right, left)
            return [head, *(piece for r in rest for piece in _split_at_gaps(r, textpage))]
    return [run]


# --- rows ------------------------------------------------------------------------------


def _cells(lines: list[Line], grid: TableGrid) -> list[str]:
    cells: list[list[str]] = [[] for _ in range(len(grid.bounds) + 1)]
    for ln in lines:
        for run in ln.runs:
            column = run.column if run.column >= 0 else grid.column(run.x0)
            cells[column].append(" ".join(run.text.split()))
    return [_join_wrapped(c).replace("|", "/") for c in cells]


def _join_wrapped(pieces: list[str]) -> str:
    """A cell's lines joined with spaces, but a symbol wrapped at its hyphen or slash
    ("Chỉ thị số 21-" / "CT/TU") joined whole again."""
    out = ""
    for piece in pieces:
        if out and out[-1] in "-/" and len(out) > 1 and out[-2].isalnum():
            out += piece
        else:
            out = f"{out} {piece}" if out else piece
    return out


def markdown_rows(lines: list[Line]) -> list[tuple[str, list[Line]]]:
    """One table's lines as markdown: the header, the rule, then one line per row, each
    with the lines it was made from on the page where the row starts."""
    grid = lines[0].grid
    assert grid is not None
    body = [ln for ln in lines if not ln.is_header]
    head = [ln for ln in lines if ln.is_header]
    first_head = [ln for ln in head if ln.page == head[0].page and ln.top <= (body[0].top if body else 1e9)]
    # a table that runs on from the page before without its header: the header it had there
    header = _md(_cells(first_head, grid)) if first_head or not grid.header else _md(grid.header)
    out: list[tuple[str, list[Line]]] = [(header, first_head)]
    out.append(("|" + "---|" * (len(grid.bounds) + 1), []))
    if grid.ruled:  # the rules say where each row ends
        return out + [(_md(_cells([ln], grid)), [ln]) for ln in body]
    firsts = [_first_cell(ln, grid) for ln in body]
    filled = [f for f in firsts if f]
    numbered = bool(filled) and sum(1 for f in filled if _ROW_NUMBER.match(f)) * 2 >= len(filled)
    rows: list[list[Line]] = []
    for ln, first in zip(body, firsts, strict=True):
        if not rows:
            rows.append([ln])
            continue
        prev = rows[-1][-1]
        ruled = _rule_between(prev, ln, grid)
        if numbered:
            # a numbered row opens at its number; a row without one (a group's "Tháng 02",
            # "Quý II") where a rule is drawn above it: the line after a rule is never a wrap
            new = (bool(first) and bool(_ROW_NUMBER.match(first))) or ruled is True
        elif ruled is not None:
            new = ruled  # the rules drawn say where a row ends, however tight the rows
        else:
            pitch = statistics.median(x.bottom - x.top for x in rows[-1])
            new = ln.page == prev.page and ln.top - prev.bottom > pitch * 0.5
        if new:
            rows.append([ln])
        else:
            rows[-1].append(ln)
    cells = [_cells(row, grid) for row in rows]
    _fill_merged(rows, cells, grid)
    for row, row_cells in zip(rows, cells, strict=True):
        out.append((_md(row_cells), [ln for ln in row if ln.page == row[0].page]))
    return out


# --- drawn rules ---------------------------------------------------------------------------

_RULE_THICKNESS = 2.5  # points: thicker is a box or a shading, not a rule
_MIN_RULE = 8.0  # points: shorter is a mark (a dash, a tick), not a rule
_MAX_PATHS = 20_000  # a page drawn with more paths (a map, a chart) is not read for rules


def page_rules(page: pdfium.PdfPage, height: float) -> Rules:
    """The page's thin horizontal and vertical path objects: the rules of its tables."""
    rules = Rules()
    if pdfium_c.FPDFPage_CountObjects(page.raw) > _MAX_PATHS:
        return rules
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        if top - bottom <= _RULE_THICKNESS and right - left >= _MIN_RULE:
            rules.horizontal.append((height - (top + bottom) / 2, left, right))
        elif right - left <= _RULE_THICKNESS and top - bottom >= _MIN_RULE:
            rules.vertical.append(((left + right) / 2, height - top, height - bottom))
    return rules


def _left_border(grid: TableGrid, rules: Rules) -> list[tuple[float, float, float]]:
    """The vertical rules along the table's left edge: the nearest left of its header's
    first label ("STT" may stand centred in its cell)."""
    near = [v for v in rules.vertical if grid.left - 60 <= v[0] <= grid.left + 2]
    if not near:
        return []
    edge = max(v[0] for v in near)
    return [v for v in near if v[0] >= edge - 2]


def _fill_merged(rows: list[list[Line]], cells: list[list[str]], grid: TableGrid) -> None:
    """A cell merged down over several rows (a lead unit written once for its tasks) is
    read by a reader for each of them: where the rule between two rows is drawn but stops
    short of a column, the rows' cells in that column are one, its text put in each (the
    first column, the row's number, excepted)."""
    edges = [grid.left, *grid.bounds, grid.right]
    for column in range(1, len(grid.bounds) + 1):
        middle = (edges[column] + edges[column + 1]) / 2
        group = [0]
        for k in range(1, len(rows) + 1):
            joined = k < len(rows) and _merged_above(rows[k - 1], rows[k], middle, grid)
            if joined:
                group.append(k)
                continue
            if len(group) > 1:
                text = " ".join(cells[g][column] for g in group if cells[g][column])
                for g in group:
                    cells[g][column] = text
            group = [k]


def _rule_between(above: Line, line: Line, grid: TableGrid) -> bool | None:
    """Whether a rule is drawn between two lines of a table across most of it; None when
    the page shows the table no rules to tell by (or the lines are on two pages)."""
    rules = grid.rules.get(line.page)
    if above.page != line.page or rules is None or not rules.horizontal:
        return None
    width = max(grid.right - grid.left, 1.0)
    if sum(1 for _, x0, x1 in rules.horizontal if x1 - x0 >= width * 0.5) < 4:
        # no rules between rows: none at all, a table's own three (over it, under its
        # header, under it) or rules of something else: the rows are told by their gaps
        return None
    return any(
        above.bottom - 2 <= y <= line.top + 2 and x1 - x0 >= width * 0.3 for y, x0, x1 in rules.horizontal
    )


def _merged_above(above: list[Line], row: list[Line], x: float, grid: TableGrid) -> bool:
    if above[-1].page != row[0].page:
        return False
    rules = grid.rules.get(row[0].page)
    if rules is None:
        return False
    low, high = above[-1].bottom, row[0].top
    between = [h for h in rules.horizontal if low - 3 <= h[0] <= high + 3]
    # no rule drawn between the rows at all: nothing says they are merged
    return bool(between) and not any(x0 <= x <= x1 for _, x0, x1 in between)


def _first_cell(line: Line, grid: TableGrid) -> str:
    return " ".join(
        r.text for r in line.runs if (r.column if r.column >= 0 else grid.column(r.x0)) == 0
    ).strip()


def _md(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


# --- ruled tables read by OCR ----------------------------------------------------------------


def ruled_lines(table: OcrTable, page: int, state: TableState) -> list[Line]:
    """A scanned page's ruled table as lines, one per row, each cell one run that knows its
    column. A first row that names the columns of a task table is its header; a table with
    as many columns as the one just before it (state) goes on from it, its header repeated
    or not; any other table is headed by its first row."""
    rows = [row for row in table.rows if any(cell.text for cell in row)]
    if not rows:
        return []
    bounds = table.columns[1:-1]
    first = [cell.text for cell in rows[0]]
    kinds = {kind for kind, rx in _HEADER_KINDS.items() if rx.search(" ".join(first).lower())}
    previous = state.grid
    goes_on = previous is not None and previous.ruled and len(previous.bounds) == len(bounds)
    headed = True
    if len(kinds) >= 3 and kinds & {"lead", "deadline"} and len(first) == len(table.columns) - 1:
        # its header repeated on a new page: the same table (the header is left out there)
        grid = previous if goes_on and previous is not None else TableGrid(bounds, first, ruled=True)
    elif goes_on and previous is not None:
        grid, headed = previous, False
    else:
        grid = TableGrid(bounds, first if len(first) == len(table.columns) - 1 else [], ruled=True)
    state.grid = grid
    out = []
    for k, row in enumerate(rows):
        runs = [
            Run(*cell.box, cell.text, word_confidences=cell.word_confidences, column=cell.first)
            for cell in row
            if cell.text
        ]
        out.append(Line(page, runs, grid=grid, is_header=headed and k == 0))
    return out
