"""Ruled tables on a scanned page: found from their rules, the rules erased before OCR, and
the words read put back into their cells.

A plan's task table (TT / Nội dung / Chủ trì / Phối hợp / Thời hạn) is drawn with rules,
each cell's text wrapping over several lines. Read as a page, Tesseract takes the rules for
letters ("|", "_") and runs its lines across the cells, so one row's cells interleave and
no task comes out (measured on a made-up district plan: task_f1 0.00). Here the rules are
found in the page image; a table is a run of row bands between horizontal rules, each band
closed by the rules' own left and right ends; the vertical rules inside a band part its
cells (a group row merged across the table has none); the rules are painted white before
the page is read; each word read goes to the cell under its centre.

Only Pillow's C loops touch pixels: a page's rows, or a band's columns, are averaged by
resizing the image to one pixel wide or high.
"""

from __future__ import annotations

import itertools
import math
import statistics
from dataclasses import dataclass, field

from PIL import Image, ImageChops, ImageDraw

_INK = 150  # grey levels below this are ink
# a horizontal rule darkens this share of the page's width at least (a task table spans
# the text width; a line of text, even in bold capitals, stays far below)
_RULE_SHARE = 0.35
# a vertical rule darkens this share of a row band's height at least (JPEG noise and a
# faint scan break a rule here and there; no letter runs a whole band's height)
_COLUMN_SHARE = 0.8
_MIN_BAND_INCHES = 0.03  # a band lower than this between two rules is a doubled rule
_END_INCHES = 0.06
_SEGMENT_INCHES = 0.08  # a rule's ink runs unbroken for this long
_MIN_RULE_SPAN = 0.7  # share of its table's width a row's rule spans at least
# rules that slope more than this make no table as they lie: the page is turned first (a
# page turned by its text's slope keeps up to about a sixth of a degree; the rows are found
# still at 0.3°, as rules may drift by _DRIFT_INCHES across the table)
MAX_RULE_TILT_DEGREES = 0.3
# how far a rule may drift across a table straightened to about a tenth of a degree…
_DRIFT_INCHES = 0.02
# …and across a table tilted by a degree (found only to have the page straightened)
_ASKEW_DRIFT_INCHES = 0.12  # how far a rule's end may stand from the border it meets

Span = tuple[int, int]  # start, end (exclusive), in pixels


@dataclass
class Cell:
    first: int  # the first column it covers
    last: int  # one past the last column it covers
    box: tuple[int, int, int, int]  # left, top, right, bottom between its rules, in pixels


@dataclass
class Row:
    top: int
    bottom: int
    cells: list[Cell]
    verticals: list[Span] = field(default_factory=list)
    rule_above: Span = (0, 0)  # top and bottom of the rule over it
    # columns whose cell is one with the row above's: the rule between stops short of them
    # (a lead unit written once for several tasks, merged down)
    merged_above: set[int] = field(default_factory=set)


@dataclass
class Table:
    left: int
    top: int
    right: int
    bottom: int
    columns: list[int] = field(default_factory=list)  # centre x of each vertical rule, borders included
    rows: list[Row] = field(default_factory=list)
    rules: list[Span] = field(default_factory=list)  # (top, bottom) of each horizontal rule

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, cell) indexes of the cell holding the point, if any."""
        for r, row in enumerate(self.rows):
            if row.top <= y < row.bottom:
                for c, cell in enumerate(row.cells):
                    if cell.box[0] <= x < cell.box[2]:
                        return r, c
                return None
        return None


def ink_of(image: Image.Image) -> Image.Image:
    """A page's ink as white on black (255 where the page is dark)."""
    return image.convert("L").point([255 if v < _INK else 0 for v in range(256)])


def find_tables(ink: Image.Image, dpi: float) -> list[Table]:
    """The ruled tables of a page (its ink, from ink_of), each row with its cells."""
    width, height = ink.size
    end = max(3, round(dpi * _END_INCHES))
    rules = _horizontal_rules(ink, width, height, dpi)
    if abs(_tilt(ink, rules, dpi)) > MAX_RULE_TILT_DEGREES:
        # rules that slope: the page lies askew, and bands between its rules would cut
        # rows across; has_rules says it has rules, and the page is read again turned straight
        return []
    tables: list[Table] = []
    current: Table | None = None
    for (top_a, bottom_a, left_a, right_a), (top_b, bottom_b, left_b, right_b) in itertools.pairwise(rules):
        if current is not None and top_b - bottom_a < dpi * _MIN_BAND_INCHES:
            current.rules.append((top_b, bottom_b))  # a doubled rule: the table goes on below it
            current.bottom = bottom_b
            continue
        left, right = min(left_a, left_b), max(right_a, right_b)
        verticals = _vertical_rules(ink, left - end, bottom_a, right + end, top_b)
        # closed by the borders the rules reach: a rule may stop short of a first or last
        # column whose cells are merged across it, but spans most of the table (the pieces
        # of a rule on a page askew are shorter: that page is turned straight first)
        closed = (
            len(verticals) >= 2
            and top_b - bottom_a >= dpi * _MIN_BAND_INCHES
            and abs(verticals[0][0] - left) <= end
            and abs(verticals[-1][1] - right) <= end
            and min(right_a - left_a, right_b - left_b) >= (right - left) * _MIN_RULE_SPAN
        )
        if not closed:
            current = None
            continue
        if current is None or current.bottom != bottom_a:
            current = Table(left_a, top_a, right_a, bottom_a, rules=[(top_a, bottom_a)])
            tables.append(current)
        cells = [Cell(0, 0, (a[1], bottom_a, b[0], top_b)) for a, b in itertools.pairwise(verticals)]
        current.rows.append(Row(bottom_a, top_b, cells, verticals, (top_a, bottom_a)))
        current.rules.append((top_b, bottom_b))
        current.bottom = bottom_b
        for a, b in verticals:
            middle = (a + b) // 2
            if all(abs(middle - c) > end for c in current.columns):
                current.columns.append(middle)
        current.columns.sort()
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                cell.first = _nearest(table.columns, cell.box[0])
                cell.last = _nearest(table.columns, cell.box[2])
        for row in table.rows[1:]:
            row.merged_above = _uncovered(ink, row.rule_above, table.columns, dpi, end)
    # a lone row is a table when it has three cells or more (the last row of a task table,
    # run on to a new page)
    return [t for t in tables if len(t.columns) >= 3 and (len(t.rows) >= 2 or len(t.columns) >= 4)]


def _uncovered(ink: Image.Image, rule: Span, columns: list[int], dpi: float, end: int) -> set[int]:
    """The columns a horizontal rule does not cross (only ink that runs on unbroken counts:
    the text of a cell merged across the rule's place is no rule)."""
    segment = max(2, round(dpi * _SEGMENT_INCHES))
    top, bottom = rule
    out = set()
    for k, (a, b) in enumerate(itertools.pairwise(columns)):
        left, right = a + end, b - end
        if right - left < segment * 2:
            continue
        area = ink.crop((left, top - 1, right, bottom + 1))
        runs = area.resize((max(1, area.width // segment), area.height), Image.Resampling.BOX)
        runs = runs.point([255 if v >= 230 else 0 for v in range(256)])
        spans = runs.resize((runs.width, 1), Image.Resampling.BOX).point(
            [255 if v > 0 else 0 for v in range(256)]
        )
        shares = spans.tobytes()
        if sum(1 for v in shares if v) < len(shares) * 0.5:
            out.add(k)
    return out


def erase_rules(image: Image.Image, tables: list[Table]) -> Image.Image:
    """A copy of the page with every table's rules painted white, so that OCR reads only
    the text in the cells."""
    clean = image.copy()
    draw = ImageDraw.Draw(clean)
    for table in tables:
        # a pixel or two beyond each rule: its blurred edge, read as "_" or "/" when left
        for top, bottom in table.rules:
            draw.rectangle((table.left - 3, top - 2, table.right + 3, bottom + 1), fill=255)
        for row in table.rows:
            for a, b in row.verticals:
                draw.rectangle((a - 2, row.top - 2, b + 1, row.bottom + 2), fill=255)
    return clean


def _nearest(columns: list[int], x: int) -> int:
    return min(range(len(columns)), key=lambda k: abs(columns[k] - x))


def _horizontal_rules(
    ink: Image.Image, width: int, height: int, dpi: float, drift_inches: float = _DRIFT_INCHES
) -> list[tuple[int, int, int, int]]:
    """(top, bottom, left, right) of each horizontal rule, top to bottom (bottom and right
    one past the rule), a rule allowed to drift by drift_inches from one end to the other
    (a page straightened to a tenth of a degree still leaves a few pixels)."""
    # only ink that runs on unbroken for a few millimetres counts: a line of text, however
    # dense, is broken between its letters, and the rows through its letters' middles
    # would otherwise pass for rules
    segment = max(2, round(dpi * _SEGMENT_INCHES))
    runs = ink.resize((max(1, width // segment), height), Image.Resampling.BOX)
    runs = runs.point([255 if v >= 230 else 0 for v in range(256)])
    # rows gathered in blocks of `step` (a block has ink where any of its rows has), and
    # each block taken with the next, so that a rule drifting by up to a block is whole
    step = max(1, round(dpi * drift_inches))
    blocks = runs.resize((runs.width, max(1, height // step)), Image.Resampling.BOX)
    blocks = blocks.point([255 if v > 0 else 0 for v in range(256)])
    below = blocks.transform(blocks.size, Image.Transform.AFFINE, (1, 0, 0, 0, 1, 1), fillcolor=0)
    pairs = ImageChops.lighter(blocks, below)
    shares = pairs.resize((1, pairs.height), Image.Resampling.BOX).tobytes()
    rules: list[tuple[int, int, int, int]] = []
    j = 0
    while j < len(shares):
        if shares[j] < 255 * _RULE_SHARE:
            j += 1
            continue
        first = j
        while j < len(shares) and shares[j] >= 255 * _RULE_SHARE:
            j += 1
        # the rule's own rows inside the blocks found: those with a rule's ink
        area = runs.crop((0, first * step, runs.width, min(height, (j + 1) * step)))
        rows = area.resize((1, area.height), Image.Resampling.BOX).tobytes()
        inked = [y for y, v in enumerate(rows) if v > 0]
        if not inked:
            continue
        top, bottom = first * step + inked[0], first * step + inked[-1] + 1
        columns = (
            runs.crop((0, top, runs.width, bottom)).resize((runs.width, 1), Image.Resampling.BOX).tobytes()
        )
        dark = [x for x, v in enumerate(columns) if v > 0]
        if dark:
            # the ends to a segment's width; the rule's exact ends are found in full pixels
            left, right = _ends(ink, top, bottom, dark[0] * segment, (dark[-1] + 1) * segment, segment)
            rules.append((top, bottom, left, right))
    return rules


def _ends(ink: Image.Image, top: int, bottom: int, left: int, right: int, segment: int) -> tuple[int, int]:
    """A rule's left and right ends to the pixel, from its ends to a segment's width."""
    strip = ink.crop((max(0, left - segment), top, min(ink.width, right + segment), bottom))
    columns = strip.resize((strip.width, 1), Image.Resampling.BOX).tobytes()
    dark = [x for x, v in enumerate(columns) if v > 0]
    if not dark:
        return left, right
    origin = max(0, left - segment)
    return origin + dark[0], origin + dark[-1] + 1


def _tilt(ink: Image.Image, rules: list[tuple[int, int, int, int]], dpi: float) -> float:
    long = [r for r in rules if r[3] - r[2] >= ink.width * _RULE_SHARE]
    if not long:
        return 0.0
    return math.degrees(math.atan(statistics.median(_slope(ink, r, dpi) for r in long)))


def _slope(ink: Image.Image, rule: tuple[int, int, int, int], dpi: float) -> float:
    """How far a rule falls per pixel across (positive: down to the right), from the mean
    height of its unbroken ink in its left and right fifths."""
    top, bottom, left, right = rule
    segment = max(2, round(dpi * _SEGMENT_INCHES))
    fifth = (right - left) // 5
    if fifth < segment * 2 or bottom - top < 1:
        return 0.0
    heights = []
    for x0 in (left, right - fifth):
        area = ink.crop((x0, top, x0 + fifth, bottom))
        runs = area.resize((max(1, area.width // segment), area.height), Image.Resampling.BOX)
        runs = runs.point([255 if v >= 230 else 0 for v in range(256)])
        rows = runs.resize((1, runs.height), Image.Resampling.BOX).tobytes()
        total = sum(rows)
        if not total:
            return 0.0
        heights.append(sum(y * v for y, v in enumerate(rows)) / total)
    return (heights[1] - heights[0]) / (right - left - fifth)


def has_rules(ink: Image.Image, dpi: float) -> bool:
    """Whether the page has long horizontal rules (two or more: a table's last row alone on
    a page has two), even askew by up to a degree: a ruled table that find_tables could not
    rebuild until the page is turned straight."""
    width, height = ink.size
    return len(_horizontal_rules(ink, width, height, dpi, _ASKEW_DRIFT_INCHES)) >= 2


def _vertical_rules(ink: Image.Image, left: int, top: int, right: int, bottom: int) -> list[Span]:
    """The (start, end) x of each vertical rule running down the band (left, top)–(right, bottom)."""
    left, right = max(0, left), min(ink.width, right)
    if right - left < 2 or bottom - top < 2:
        return []
    band = ink.crop((left, top, right, bottom)).resize((right - left, 1), Image.Resampling.BOX)
    shares = band.tobytes()
    out: list[Span] = []
    x = 0
    while x < len(shares):
        if shares[x] >= 255 * _COLUMN_SHARE:
            start = x
            while x < len(shares) and shares[x] >= 255 * _COLUMN_SHARE * 0.5:
                x += 1
            out.append((left + start, left + x))
        else:
            x += 1
    return out
