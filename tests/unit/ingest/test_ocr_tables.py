"""Ruled tables on a page image: rows and cells found from the rules alone (no OCR here),
a group row merged across the table, dense text never taken for a rule, a page askew
seen to have rules it cannot yet rebuild, and the rules erased."""

from __future__ import annotations

import itertools

from PIL import Image, ImageDraw, ImageFont

from dondoc.ingest.ocr_tables import erase_rules, find_tables, has_rules, ink_of
from tests.support.scanmake import FONT_DIR

DPI = 400
COLUMNS = [200, 330, 1300, 1800, 2300, 2800]  # x of each vertical rule
ROWS = [1000, 1150, 1300, 1600, 1750, 2050]  # y of each horizontal rule
MERGED = 2  # the third row is a group row: no rule inside it


def _page(rule: int = 4) -> Image.Image:
    image = Image.new("L", (3300, 4600), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT_DIR / "LiberationSerif-Regular.ttf"), 60)
    # dense text above and below the table, set tight: no line of it is a rule
    for y in (300, 380, 460, 2300, 2380):
        draw.text(
            (200, y), "Thực hiện Kế hoạch số 305/KH-UBND ngày 02/11/2026 của Ủy ban nhân dân thành", font=font
        )
    for y in ROWS:
        draw.line((COLUMNS[0], y, COLUMNS[-1], y), fill=0, width=rule)
    for k, (top, bottom) in enumerate(itertools.pairwise(ROWS)):
        xs = [COLUMNS[0], COLUMNS[1], COLUMNS[-1]] if k == MERGED else COLUMNS
        for x in xs:
            draw.line((x, top, x, bottom), fill=0, width=rule)
        for a, b in itertools.pairwise(xs):
            draw.text((a + 20, top + 30), "Sở Tư pháp", font=font)
            assert b > a
    return image


def test_rows_and_cells_come_from_the_rules() -> None:
    tables = find_tables(ink_of(_page()), DPI)
    assert len(tables) == 1
    table = tables[0]
    assert len(table.columns) == len(COLUMNS)
    assert all(abs(x - c) <= 4 for x, c in zip(table.columns, COLUMNS, strict=True))
    assert len(table.rows) == len(ROWS) - 1
    for k, row in enumerate(table.rows):
        spans = [(cell.first, cell.last) for cell in row.cells]
        if k == MERGED:
            assert spans == [(0, 1), (1, len(COLUMNS) - 1)]  # merged across the table
        else:
            assert spans == [(c, c + 1) for c in range(len(COLUMNS) - 1)]
        assert abs(row.top - ROWS[k]) <= 6 and abs(row.bottom - ROWS[k + 1]) <= 6
    # a word's centre finds its cell
    assert table.cell_at(COLUMNS[2] + 50, ROWS[1] + 60) == (1, 2)
    assert table.cell_at(COLUMNS[2] + 50, 400) is None


def test_dense_text_is_no_table() -> None:
    image = Image.new("L", (3300, 4600), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT_DIR / "LiberationSerif-Bold.ttf"), 80)
    for k in range(30):
        draw.text((200, 200 + 90 * k), "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ TRIỂN KHAI NGAY ■■■", font=font)
    ink = ink_of(image)
    assert find_tables(ink, DPI) == [] and not has_rules(ink, DPI)


def test_a_straightened_page_still_reads_and_an_askew_one_asks_to_be_turned() -> None:
    # a tenth of a degree is what a page turned straight keeps; a degree is a page fed askew
    slight = _page().rotate(0.1, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert [len(t.rows) for t in find_tables(ink_of(slight), DPI)] == [len(ROWS) - 1]
    askew = ink_of(_page().rotate(1.0, resample=Image.Resampling.BICUBIC, fillcolor=255))
    assert find_tables(askew, DPI) == [] and has_rules(askew, DPI)


def test_thin_rules_are_found() -> None:
    tables = find_tables(ink_of(_page(rule=2)), DPI)
    assert [len(t.rows) for t in tables] == [len(ROWS) - 1]


def test_erased_rules_leave_the_text() -> None:
    page = _page()
    tables = find_tables(ink_of(page), DPI)
    clean = erase_rules(page, tables)
    assert find_tables(ink_of(clean), DPI) == [] and not has_rules(ink_of(clean), DPI)
    # the cells' words are still there
    cell = tables[0].rows[0].cells[2].box
    assert ink_of(clean.crop(cell)).getbbox() is not None


def test_a_rule_that_stops_short_of_a_column_merges_its_cells() -> None:
    """No rule between rows 4 and 5 over the third and the last column: those cells are
    merged down (a lead, a deadline written once for two tasks); the rule still closes the
    other cells, though it stops short of the table's right border."""
    page = _page()
    draw = ImageDraw.Draw(page)
    y = ROWS[4]
    for first, last in ((2, 3), (4, 5)):
        draw.rectangle((COLUMNS[first] + 4, y - 4, COLUMNS[last] - 4, y + 4), fill=255)
    tables = find_tables(ink_of(page), DPI)
    assert [len(t.rows) for t in tables] == [len(ROWS) - 1]
    assert [row.merged_above for row in tables[0].rows] == [set(), set(), set(), set(), {2, 4}]
