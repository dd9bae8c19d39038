"""How the made-up directives score when they arrive typed in Word or printed to PDF.

    python -m bench.format_eval [--diff] [--keep DIR] [--scan] [--office]

Each made-up text directive (tests/golden/madeup/) is typed into Word the way an office
types it (python-docx: the header's two columns in a borderless table, a paragraph per
paragraph, a markdown table as a ruled Word table, Times New Roman 13), printed to PDF by
LibreOffice, and read back by dondoc's own readers; each format is scored with
shared/eval/score.py against the same gold. A rule that holds on the text only shows up
here as a drop from text to DOCX (the reader) or from DOCX to PDF (the layout).

The documents written as a web page's dump (their text in "|" cell lines) or as OCR reads
a scan have no Word original and are typed as their lines stand: their figures from DOCX
and PDF say little. Needs LibreOffice (`soffice`) on the PATH.

With --scan, each PDF is also scanned back (its pages rasterised at 150 dpi in grey, as a
clean office scan, into a PDF with no text layer) and read by dondoc's OCR (Tesseract):
the drop from PDF to SCAN is what OCR's damage costs the rules.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from PIL import Image

from dondoc.config import Settings
from dondoc.core.contract import to_json
from dondoc.extract.pipeline import extract
from dondoc.ingest.reader import read_document

SHARED = Path(__file__).resolve().parents[2] / "shared"
MADEUP = Path(__file__).resolve().parents[1] / "tests" / "golden" / "madeup"

_MARKER = re.compile(
    r"^\s*(?:\d{1,2}(?:\.\d{1,2})*[.)/-]|[a-zđ][).]|[IVXL]+\.|[-+•–*❖➢]|\(\w{1,4}\)|Điều \d+)"
)
_KINDS = (
    "KẾ HOẠCH",
    "CHỈ THỊ",
    "THÔNG BÁO",
    "CÔNG ĐIỆN",
    "NGHỊ QUYẾT",
    "QUYẾT ĐỊNH",
    "CHƯƠNG TRÌNH",
    "KẾT LUẬN",
    "HƯỚNG DẪN",
    "CÔNG VĂN",
    "ĐỀ ÁN",
    "QUY ĐỊNH",
)
_RIGHT_COLUMN = re.compile(r"CỘNG HÒA|Độc lập|ĐẢNG CỘNG SẢN|ngày \d")
_WRAPPED = 60  # a line this long or longer was wrapped by the page: the next one goes on with it
_LETTER_BODY = ("Kính gửi", "HỎA TỐC", "KHẨN", "THƯỢNG KHẨN")
_INDENTED = 20


def _header_table(doc: Document, lines: list[str]) -> None:
    _two_columns(doc, lines, left_first=False)


def _two_columns(doc: Document, lines: list[str], *, left_first: bool) -> None:
    """Lines laid out in two columns with spaces, as a borderless two-cell table: the header
    (motto and date on the right) or the closing (signature on the right, under its title)."""
    left: list[str] = []
    right: list[str] = []
    for line in lines:
        parts = [p for p in re.split(r"\s{3,}", line.strip()) if p]
        if len(parts) >= 2:
            left.append(parts[0])
            right.append(" ".join(parts[1:]))
        elif parts and left_first:
            # a line of one column: the right one when the line stands indented
            (right if len(line) - len(line.lstrip()) >= _INDENTED else left).append(parts[0])
        elif parts:
            on_right = _RIGHT_COLUMN.search(parts[0]) and not parts[0].startswith("Số")
            (right if on_right else left).append(parts[0])
    if left_first and len(right) >= 2:
        right[-1:-1] = ["", "", ""]  # the space left for the signature above the signer's name
    table = doc.add_table(rows=1, cols=2)
    for cell, column in zip(table.rows[0].cells, (left, right), strict=True):
        paragraph = cell.paragraphs[0]
        for k, line in enumerate(column):
            if k:
                paragraph = cell.add_paragraph()
            paragraph.add_run(line)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _ruled_table(doc: Document, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=False):
            cell.text = text


def _page_number(doc: Document) -> None:
    """A page number centred at the top of every page but the first (NĐ 30/2020)."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _office_style(paragraph: Paragraph, text: str) -> None:
    """A paragraph as an office lays a directive out (NĐ 30/2020): its body justified with a
    first-line indent, 6 pt after; headings ("I. …", "1. Về …:", a part's label) bold."""
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.15
    if paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER:
        for run in paragraph.runs:
            run.bold = True
        return
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(1)
    if _HEADING.match(text) or (text.isupper() and len(text) < 80):
        for run in paragraph.runs:
            run.bold = True


_HEADING = re.compile(r"^(?:[IVX]+\.|Phần thứ)\s|^\d{1,2}\.\s+Về\b")


def type_in_word(text: str, out: Path, *, office: bool = False) -> Path:
    """The text directive as a DOCX, typed as its lines and paragraphs stand (`office`: laid
    out as an office does, justified, indented, bold headings and page numbers)."""
    lines = text.splitlines()
    doc = Document()
    doc.styles["Normal"].font.name = "Times New Roman"  # type: ignore[attr-defined]
    doc.styles["Normal"].font.size = Pt(14 if office else 13)  # type: ignore[attr-defined]
    if office:
        _page_number(doc)
    kind_at = next(
        (i for i, ln in enumerate(lines[:15]) if ln.strip().startswith(_KINDS) and ln.strip().isupper()),
        # a letter: its header runs to "Kính gửi" (the subject line "V/v …" under its number)
        next((i for i, ln in enumerate(lines[:20]) if ln.strip().startswith(_LETTER_BODY)), 0),
    )
    if kind_at:
        _header_table(doc, lines[:kind_at])
    closing_at = next((i for i, ln in enumerate(lines) if ln.strip().startswith("Nơi nhận")), len(lines))
    # the closing runs to an appendix ("PHỤ LỤC", a plan a decision issues) or the end
    closing_end = next(
        (
            i
            for i in range(closing_at + 1, len(lines))
            if lines[i].strip().startswith(("PHỤ LỤC", "|", *_KINDS)) and lines[i].strip().isupper()
        ),
        len(lines),
    )
    if not any(re.search(r"\S\s{3,}\S", ln.strip()) for ln in lines[closing_at:closing_end]):
        closing_at = closing_end = len(lines)  # signature under the recipients: typed as lines
    paragraph = None
    prev = ""
    i = kind_at
    while i < len(lines):
        if i == closing_at:
            _two_columns(doc, lines[closing_at:closing_end], left_first=True)
            i, paragraph, prev = closing_end, None, ""
            continue
        stripped = lines[i].strip()
        if stripped.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                    rows.append(cells)
                i += 1
            if rows:
                _ruled_table(doc, rows)
            paragraph, prev = None, ""
            continue
        if not stripped:
            paragraph = None
        elif (
            paragraph is not None
            and len(prev) >= _WRAPPED
            and not _MARKER.match(stripped)
            and not stripped.isupper()
            and not paragraph.text.rstrip().endswith((".", ":", ";"))
        ):
            paragraph.add_run(" " + stripped)
        else:
            paragraph = doc.add_paragraph()
            paragraph.add_run(stripped)
            if stripped.isupper() and stripped.startswith(_KINDS):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        prev = lines[i].rstrip()
        i += 1
    if office:
        for paragraph in doc.paragraphs:
            if paragraph.text.strip():
                _office_style(paragraph, paragraph.text.strip())
        # the header's and the closing's columns in 12 pt bold, as NĐ 30 sets them (in the
        # body's 14 pt, the motto would wrap in its half of the page)
        for table in doc.tables[:1] + doc.tables[-1:]:
            if table.style is not None and table.style.name == "Table Grid":
                continue
            for cell in table._cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(12)
                        run.bold = run.text.isupper() or None
    doc.save(str(out))
    return out


_WEB_MARKUP = ("**", "<br", "\n|")
_SCANNED = ("OCR", "scan", "pdftotext", "PDF viewer")


def typed_by_hand(text: str, gold_source: str) -> bool:
    """Was the made-up directive written as its Word original reads (then its DOCX and PDF
    are what an office sends), not as a web page's dump (markdown, "|" cells) or as OCR,
    pdftotext or a PDF viewer's copy leave a page (typed line by line, those copies say
    little)?"""
    return not any(m in text for m in _WEB_MARKUP) and not any(w in gold_source for w in _SCANNED)


def scan(pdf: Path, out: Path) -> Path:
    """`pdf` as a scanner gives it back: each page a grey image at 150 dpi (pdftoppm), in a
    PDF without a text layer, which dondoc reads by OCR."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(_SCAN_DPI), "-gray", str(pdf), f"{tmp}/p"], check=True)
        pages = [Image.open(p).convert("L") for p in sorted(Path(tmp).glob("p-*.pgm"))]
        pages[0].save(out, save_all=True, append_images=pages[1:], resolution=_SCAN_DPI)
    return out


_SCAN_DPI = 150


def _score(folder: Path, suffix: str, golds: dict[str, Path], diff: bool, label: str = "") -> None:
    pred = folder / f"pred-{label or suffix}"
    pred.mkdir()
    for path in sorted(folder.glob(f"*.{suffix}")):
        document = read_document(path, Settings())
        (pred / f"{path.stem}.json").write_text(to_json(extract(document.source)), encoding="utf-8")
    print(f"== from {(label or suffix).upper()}")
    for label, gold in golds.items():
        dirs = ["--gold", str(gold), "--pred", str(pred)]
        result = subprocess.run(
            [sys.executable, str(SHARED / "eval/score.py"), *dirs],
            capture_output=True,
            text=True,
            check=False,
        )
        print("\n".join(f"{label}: {ln}" for ln in result.stdout.splitlines() if ln.startswith("TOTAL")))
    dirs = ["--gold", str(golds["all"]), "--pred", str(pred)]
    if diff:
        subprocess.run([sys.executable, str(SHARED / "eval/diff.py"), *dirs], check=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diff", action="store_true", help="print diff.py's task-by-task differences")
    parser.add_argument("--keep", type=Path, help="write the DOCX, PDF and extractions here")
    parser.add_argument(
        "--scan", action="store_true", help="also score each PDF scanned back (150 dpi, read by OCR)"
    )
    parser.add_argument(
        "--office",
        action="store_true",
        help="lay each DOCX out as an office does (justified, indented, bold headings, page numbers)",
    )
    args = parser.parse_args(argv)
    if shutil.which("soffice") is None:
        print("format_eval: LibreOffice (soffice) is not installed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        gold, typed = folder / "gold", folder / "gold-typed"
        gold.mkdir()
        typed.mkdir()
        texts = sorted(MADEUP.glob("*.txt"))
        for text in texts:
            gold_file = MADEUP / f"{text.stem}.gold.json"
            shutil.copy(gold_file, gold)
            source = json.loads(gold_file.read_text(encoding="utf-8")).get("source", "")
            if typed_by_hand(text.read_text(encoding="utf-8"), source):
                shutil.copy(gold_file, typed)
            shutil.copy(text, folder)
            type_in_word(text.read_text(encoding="utf-8"), folder / f"{text.stem}.docx", office=args.office)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{folder / 'lo-profile'}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                *(str(folder / f"{t.stem}.docx") for t in texts),
            ],
            check=True,
            capture_output=True,
            timeout=1800,
        )
        for suffix in ("txt", "docx", "pdf"):
            _score(folder, suffix, {"all": gold, "typed by hand": typed}, args.diff)
        if args.scan:
            scans = folder / "scan"
            scans.mkdir()
            for t in texts:
                scan(folder / f"{t.stem}.pdf", scans / f"{t.stem}.pdf")
            _score(scans, "pdf", {"all": gold, "typed by hand": typed}, args.diff, label="scan")
    return 0


if __name__ == "__main__":
    sys.exit(main())
