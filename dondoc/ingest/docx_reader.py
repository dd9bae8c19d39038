"""DOCX → text as a reader sees it: numbering rendered, tables as rows, footnotes kept.

The package is read with zipfile and defusedxml (no DTDs, no entities), under size and
compression-ratio limits, so a zip bomb or an XML entity attack is refused before it costs
memory. Paragraphs become lines; automatic list numbers ("1.", "a)", "-") are rendered from
numbering.xml, because Word does not store them in the text. A table of three or more
columns becomes markdown rows (the extractor decides from its header whether it lists
tasks); a narrower one (the issuer/motto header, the signature block) is laid out side by
side like pdftotext -layout.
Footnotes follow the body as "[n] text" lines, their references as "[n]" markers.
"""

from __future__ import annotations

import itertools
import re
import zipfile
import zlib
from collections.abc import Iterator
from io import BytesIO
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from dondoc.config import Settings
from dondoc.core.text import SourceText
from dondoc.errors import DondocError, ErrorCode

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# a paragraph start tag, whatever the namespace prefix (counted in the raw XML)
_PARAGRAPH = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")
_BULLETS = {
    "\uf0b7": "-",
    "\uf0a7": "-",
    "\uf0d8": "-",
    "o": "-",
    "§": "-",
    "·": "-",
    "–": "-",
    "•": "•",
    "-": "-",
}
_DEEPER_BULLETS = ("+", "•")  # bullets of list levels 1 and 2 or deeper


def read_docx(data: bytes, *, name: str, settings: Settings) -> SourceText:
    parts = _open_parts(data, name, settings)
    body_xml = parts.get("word/document.xml")
    if body_xml is not None:
        # counted in the bytes, before a tree of millions of elements is built
        paragraphs = len(_PARAGRAPH.findall(body_xml))
        if paragraphs > settings.max_docx_paragraphs:
            raise DondocError(
                ErrorCode.INPUT_TOO_COMPLEX,
                name=name,
                detail=f"{paragraphs} paragraphs, over the limit of {settings.max_docx_paragraphs} "
                "(DONDOC_MAX_DOCX_PARAGRAPHS)",
            )
    numbering = _Numbering(
        _xml(parts.get("word/numbering.xml"), name), _xml(parts.get("word/styles.xml"), name)
    )
    document = _xml(body_xml, name)
    body = document.find(f"{W}body") if document is not None else None
    if body is None:
        raise DondocError(ErrorCode.INPUT_CORRUPT, name=name, kind="DOCX", detail="no document body")
    lines: list[str] = []
    for child in _blocks(body):
        if child.tag == f"{W}p":
            lines.append(numbering.prefix(child) + _paragraph_text(child))
            # a text box anchored in the paragraph ("Số: 12/KH-UBND", a title, a stamp):
            # its own lines after it
            lines.extend(_text_box_lines(child))
        elif child.tag == f"{W}tbl":
            lines.extend(_table_lines(child))
    notes = _footnotes(_xml(parts.get("word/footnotes.xml"), name))
    if notes:
        lines.append("")
        lines.extend(f"[{n}] {text}" for n, text in notes)
    return SourceText("\n".join(lines).strip("\n") + "\n", "docx")


def _open_parts(data: bytes, name: str, settings: Settings) -> dict[str, bytes]:
    wanted = ("word/document.xml", "word/numbering.xml", "word/styles.xml", "word/footnotes.xml")
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            infos = z.infolist()
            total = sum(i.file_size for i in infos)
            if total > settings.max_docx_uncompressed_bytes:
                raise DondocError(
                    ErrorCode.INPUT_UNSAFE, name=name, detail=f"the package would inflate to {total} bytes"
                )
            out: dict[str, bytes] = {}
            for info in infos:
                if info.filename not in wanted:
                    continue
                if (
                    info.file_size > 1_000_000
                    and info.file_size / max(info.compress_size, 1) > settings.max_docx_ratio
                ):
                    raise DondocError(
                        ErrorCode.INPUT_UNSAFE, name=name, detail=f"{info.filename} is a zip bomb"
                    )
                if info.file_size > settings.max_docx_xml_bytes:
                    raise DondocError(
                        ErrorCode.INPUT_TOO_COMPLEX,
                        name=name,
                        detail=f"{info.filename} is {info.file_size} bytes, over the limit of "
                        f"{settings.max_docx_xml_bytes} (DONDOC_MAX_DOCX_XML_BYTES)",
                    )
                with z.open(info) as fh:
                    # read at most the declared size (+1): a lying header cannot make us read more
                    content = fh.read(info.file_size + 1)
                if len(content) > info.file_size:
                    raise DondocError(
                        ErrorCode.INPUT_UNSAFE, name=name, detail=f"{info.filename} lies about its size"
                    )
                out[info.filename] = content
            return out
    except NotImplementedError as exc:  # a compression method zipfile does not know
        raise DondocError(
            ErrorCode.INPUT_CORRUPT, name=name, kind="DOCX", detail=f"unsupported zip entry: {exc}"
        ) from exc
    except RuntimeError as exc:  # zipfile's word for an entry that needs a password
        if "encrypted" not in str(exc):
            raise
        raise DondocError(ErrorCode.INPUT_ENCRYPTED, name=name, kind="DOCX") from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, zlib.error, ValueError) as exc:
        raise DondocError(ErrorCode.INPUT_CORRUPT, name=name, kind="DOCX", detail=str(exc)) from exc


def _xml(data: bytes | None, name: str) -> Element | None:
    if data is None:
        return None
    try:
        root: Element = fromstring(data, forbid_dtd=True)
        return root
    except DefusedXmlException as exc:
        raise DondocError(ErrorCode.INPUT_UNSAFE, name=name, detail=f"XML with {type(exc).__name__}") from exc
    except ParseError as exc:
        raise DondocError(ErrorCode.INPUT_CORRUPT, name=name, kind="DOCX", detail=str(exc)) from exc
    except (ValueError, LookupError) as exc:  # an XML declaration naming an encoding expat lacks
        raise DondocError(
            ErrorCode.INPUT_CORRUPT, name=name, kind="DOCX", detail=f"XML in an unreadable encoding: {exc}"
        ) from exc


MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# what a paragraph's own text never includes: a text box's content (read as lines of its
# own) and the fallback copy Word writes of every drawing for older readers
_NOT_INLINE = frozenset({f"{W}txbxContent", f"{MC}Fallback"})
# body-level wrappers whose children are paragraphs and tables like the body's own: a
# content control (cover pages, form templates), custom XML
_WRAPPERS = frozenset({f"{W}sdt", f"{W}sdtContent", f"{W}customXml"})


def _blocks(parent: Element) -> Iterator[Element]:
    """The body's paragraphs and tables in order, those inside content controls too (walked
    with a stack of its own: a hostile file nests thousands deep)."""
    stack = [iter(parent)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag in _WRAPPERS:
            stack.append(iter(child))
        elif child.tag in (f"{W}p", f"{W}tbl"):
            yield child


def _runs(p: Element) -> Iterator[str]:
    """A paragraph's text in order, its text boxes and deleted revisions left out."""
    stack = [iter(p)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag in _NOT_INLINE or tag == f"{W}delText":
            continue
        if tag == f"{W}t":
            if child.text:
                yield child.text
        elif tag == f"{W}tab":
            yield " "
        elif tag in (f"{W}br", f"{W}cr"):
            yield "\n"  # a line break: a space in running text, a new line in a cell
        elif tag == f"{W}footnoteReference":
            yield f"[{child.get(f'{W}id')}]"
        else:
            stack.append(iter(child))


def _text_box_lines(p: Element) -> list[str]:
    """The paragraphs of the text boxes anchored in p, each once (Word's fallback copy of
    a drawing for older readers left out)."""
    out: list[str] = []
    for box in _text_boxes(p):
        out.extend(t for t in (_paragraph_text(q) for q in box.iter(f"{W}p")) if t)
    return out


def _text_boxes(el: Element) -> Iterator[Element]:
    stack = [iter(el)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == f"{W}txbxContent":
            yield child
        elif child.tag != f"{MC}Fallback":
            stack.append(iter(child))


def _paragraph_text(p: Element) -> str:
    # deleted revisions (w:del) hold w:delText, which _runs skips; insertions read as text
    return " ".join("".join(_runs(p)).split())


def _paragraph_lines(p: Element) -> list[str]:
    """A cell's paragraph, a line per line break: a signature block typed with breaks
    ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH") keeps its lines apart, as on the page."""
    return [" ".join(line.split()) for line in "".join(_runs(p)).split("\n")]


# tables nested in cells deeper than this are read as their paragraphs, without their
# grid (a hostile file nests a thousand deep; no document needs more than a few)
_MAX_TABLE_DEPTH = 8


def _cell_paragraphs(tc: Element, depth: int = 0) -> list[str]:
    """A cell's paragraphs, its text boxes' once each, and a table nested in it cell by cell."""
    out: list[str] = []
    for block in _blocks(tc):
        if block.tag == f"{W}p":
            out.extend(_paragraph_lines(block))
            out.extend(_text_box_lines(block))
        elif depth < _MAX_TABLE_DEPTH:
            out.extend(text for row in _table_rows(block, depth + 1) for cell in row for text in cell)
        else:
            out.extend(_paragraph_text(p) for p in block.iter(f"{W}p"))
    return [t for t in out if t]


def _table_rows(tbl: Element, depth: int = 0) -> list[list[list[str]]]:
    """Each row's cells (their paragraphs) on the table's grid: a cell spanning columns
    (gridSpan) is followed by empty cells for the columns it covers, so the cells after it
    stay under their headers; a cell merged with the one above (vMerge, as a lead unit
    written once for several tasks) holds that cell's text, as a reader reads it for each
    row (never in the first column: rows of one number are one item)."""
    rows: list[list[list[str]]] = []
    above: dict[int, list[str]] = {}
    for tr in tbl.findall(f"{W}tr"):
        row: list[list[str]] = []
        for tc in tr.findall(f"{W}tc"):
            props = tc.find(f"{W}tcPr")
            span = _number(_val(props.find(f"{W}gridSpan") if props is not None else None), 1, 64)
            merge = props.find(f"{W}vMerge") if props is not None else None
            column = len(row)
            if merge is not None and merge.get(f"{W}val") != "restart" and column > 0:
                cell = above.get(column, [])
            else:
                cell = _cell_paragraphs(tc, depth)
                above[column] = cell
            row.append(cell)
            row.extend([] for _ in range(span - 1))
        rows.append(row)
    return rows


_NAME_LINE = 80  # longer paragraphs are sentences, not a name each
# a time cell's second line goes on with its first ("Tháng 6" / "Năm 2027")
_TIME_WORD = re.compile(
    r"^(?:năm|tháng|quý|quí|ngày|trước|từ|đến|hằng|hàng|giai\s+đoạn|đợt|chậm\s+nhất)\b", re.I
)


def _joined(paragraphs: list[str]) -> str:
    """A cell's paragraphs on one line. A cell naming one body per paragraph ("Sở Tài
    chính" / "Công an tỉnh") keeps them apart with "; ", as a reader sees them apart; text
    that runs on is joined with a space."""
    out = paragraphs[0] if paragraphs else ""
    for prev, nxt in itertools.pairwise(paragraphs):
        apart = (
            len(prev) <= _NAME_LINE
            and len(nxt) <= _NAME_LINE
            and not prev.endswith((".", ",", ";", ":", "-", "–", "("))
            and nxt[:1].isupper()
            and _TIME_WORD.match(nxt) is None
        )
        out += ("; " if apart else " ") + nxt
    return out


def _table_lines(tbl: Element) -> list[str]:
    rows = _table_rows(tbl)
    if not rows:
        return []
    if len(rows[0]) >= 3 and len(rows) >= 2:
        # a grid (an appendix of tasks, most likely): markdown rows, the first as header
        out = ["| " + " | ".join(" ".join(c) for c in rows[0]) + " |", "|" + "---|" * len(rows[0])]
        out += ["| " + " | ".join(_joined(c).replace("|", "/") for c in row) + " |" for row in rows[1:]]
        return ["", *out, ""]
    # side by side, like a page: the left column's lines, then the right one's, 8 spaces apart
    out = []
    for row in rows:
        width = max((max((len(x) for x in cell), default=0) for cell in row[:-1]), default=0)
        depth = max((len(cell) for cell in row), default=0)
        for k in range(depth):
            parts = [(cell[k] if k < len(cell) else "") for cell in row]
            line = "".join(part.ljust(width + 8) for part in parts[:-1]) + parts[-1]
            out.append(line.rstrip())
    return ["", *out, ""]


def _footnotes(root: Element | None) -> list[tuple[str, str]]:
    if root is None:
        return []
    out = []
    for fn in root.findall(f"{W}footnote"):
        fid = fn.get(f"{W}id") or ""
        if fn.get(f"{W}type") in ("separator", "continuationSeparator") or not fid.isdigit() or int(fid) <= 0:
            continue
        text = " ".join(t for t in (_paragraph_text(p) for p in fn.iter(f"{W}p")) if t)
        if text:
            out.append((fid, text))
    return out


_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)  # Roman numerals stop at MMMCMXCIX
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    return str(n)


class _Numbering:
    """Renders the automatic number of a paragraph: numPr on the paragraph or its style."""

    def __init__(self, numbering: Element | None, styles: Element | None) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.num_to_abstract: dict[str, str] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        # counted per abstract definition, as Word counts: the instances (w:num) of one
        # definition continue each other's numbers, unless an instance restarts a level
        # (lvlOverride/startOverride, what Word writes for "Restart at 1") on its first use
        self.counters: dict[tuple[str, int], int] = {}
        self.restarts: dict[str, dict[int, int]] = {}
        self.started: set[tuple[str, int]] = set()
        if numbering is not None:
            for an in numbering.findall(f"{W}abstractNum"):
                lv: dict[int, tuple[str, str, int]] = {}
                for lvl in an.findall(f"{W}lvl"):
                    fmt = _val(lvl.find(f"{W}numFmt")) or "decimal"
                    text = _val(lvl.find(f"{W}lvlText")) or ""
                    start = _number(_val(lvl.find(f"{W}start")), 1, _MAX_START)
                    level = _number(lvl.get(f"{W}ilvl"), 0, _MAX_LEVEL)
                    lv[level] = (fmt, text, start)
                self.levels[an.get(f"{W}abstractNumId") or ""] = lv
            for num in numbering.findall(f"{W}num"):
                instance = num.get(f"{W}numId") or ""
                self.num_to_abstract[instance] = _val(num.find(f"{W}abstractNumId")) or ""
                for override in num.findall(f"{W}lvlOverride"):
                    start_override = override.find(f"{W}startOverride")
                    if start_override is not None:
                        level = _number(override.get(f"{W}ilvl"), 0, _MAX_LEVEL)
                        start = _number(_val(start_override), 1, _MAX_START)
                        self.restarts.setdefault(instance, {})[level] = start
        if styles is not None:
            for st in styles.findall(f"{W}style"):
                num_pr = st.find(f"{W}pPr/{W}numPr")
                if num_pr is not None:
                    num_id = _val(num_pr.find(f"{W}numId"))
                    if num_id:
                        self.style_num[st.get(f"{W}styleId") or ""] = (
                            num_id,
                            _number(_val(num_pr.find(f"{W}ilvl")), 0, _MAX_LEVEL),
                        )

    def prefix(self, p: Element) -> str:
        num_pr = p.find(f"{W}pPr/{W}numPr")
        num_id: str | None = None
        ilvl = 0
        if num_pr is not None:
            num_id = _val(num_pr.find(f"{W}numId"))
            ilvl = _number(_val(num_pr.find(f"{W}ilvl")), 0, _MAX_LEVEL)
        else:
            style = _val(p.find(f"{W}pPr/{W}pStyle"))
            if style in self.style_num:
                num_id, ilvl = self.style_num[style]
        if not num_id or num_id == "0":
            return ""
        abstract = self.num_to_abstract.get(num_id, "")
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        fmt, text, start = levels[ilvl]
        key = (abstract, ilvl)
        restart = self.restarts.get(num_id, {}).get(ilvl)
        if restart is not None and (num_id, ilvl) not in self.started:
            self.counters[key] = restart - 1
        self.started.add((num_id, ilvl))
        self.counters[key] = self.counters.get(key, start - 1) + 1
        for deeper in [k for k in self.counters if k[0] == abstract and k[1] > ilvl]:
            del self.counters[deeper]  # a new item restarts its sub-lists
        if fmt == "bullet":
            # a level of its own for each depth, as the glyphs the writer chose set them apart:
            # "-" items, "+" under them, "•" deeper (the extractor nests "-", "+", "•")
            return (_BULLETS.get(text, "-") if ilvl == 0 else _DEEPER_BULLETS[min(ilvl, 2) - 1]) + " "
        if fmt == "none":
            return ""

        def level_number(m: re.Match[str]) -> str:
            lvl = int(m.group(1)) - 1
            f = levels.get(lvl, (fmt, "", 1))[0]
            return _format(self.counters.get((abstract, lvl), levels.get(lvl, ("", "", 1))[2]), f)

        return re.sub(r"%(\d)", level_number, text) + " "


# Word's own bounds: nine list levels (0–8), start values up to 32 767
_MAX_LEVEL = 8
_MAX_START = 32_767


def _number(value: str | None, default: int, highest: int) -> int:
    """A numbering attribute as a number within Word's bounds; anything else (a word, a
    billion) is the default, as Word would not write it."""
    if value is None or not value.strip().isdigit():
        return default
    number = int(value.strip()[:12])
    return number if number <= highest else default


def _val(el: Element | None) -> str | None:
    return el.get(f"{W}val") if el is not None else None
