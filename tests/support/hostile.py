"""Hostile files, generated: the classes the security probe found (../shared/security/),
and the classic ways a parser is attacked, each from a seed so that a finding can be made
again. Used by the CI sample (tests/integration/cli/test_hostile_sample.py) and the
nightly run of thousands (scripts/hostile).

Each class is a function (random source, the real files to start from) → (file name,
bytes). Real files come from the corpus: mutations of real PDFs, DOCX, texts and their
page images are what a confused scanner or a damaged upload produce.
"""

from __future__ import annotations

import io
import random
import struct
import subprocess
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@dataclass
class Sources:
    """The real files mutations start from."""

    shared: Path
    pdfs: list[bytes] = field(default_factory=list)
    docxs: list[bytes] = field(default_factory=list)
    texts: list[bytes] = field(default_factory=list)
    images: dict[str, bytes] = field(default_factory=dict)  # png, jpeg, tiff of a real page

    @classmethod
    def load(cls, shared: Path) -> Sources:
        corpus = shared / "corpus"
        src = cls(shared)
        src.pdfs = [p.read_bytes() for p in sorted(corpus.glob("*/*.pdf"))][:4]
        src.docxs = [p.read_bytes() for p in sorted(corpus.glob("*/*.docx"))]
        src.texts = [p.read_bytes() for p in sorted(corpus.glob("dev/*.txt"))][:4]
        with tempfile.TemporaryDirectory() as tmp:
            for fmt in ("png", "jpeg", "tiff"):
                subprocess.run(
                    ["pdftoppm", "-r", "60", "-f", "1", "-l", "1", f"-{fmt}",
                     str(corpus / "dev/nq-113-cp-2026.pdf"), f"{tmp}/{fmt}"],
                    check=True,
                )  # fmt: skip
                (made,) = Path(tmp).glob(f"{fmt}*")
                src.images[fmt] = made.read_bytes()
        return src


Maker = Callable[[random.Random, Sources], tuple[str, bytes]]


# --- mutations of real files ------------------------------------------------------------


def _flip(rng: random.Random, data: bytes, count: int) -> bytes:
    out = bytearray(data)
    for _ in range(count):
        at = rng.randrange(len(out))
        out[at] = rng.randrange(256)
    return bytes(out)


def truncated_pdf(rng: random.Random, src: Sources) -> tuple[str, bytes]:
    data = rng.choice(src.pdfs)
    return "truncated.pdf", data[: rng.randrange(10, len(data))]


def flipped_pdf(rng: random.Random, src: Sources) -> tuple[str, bytes]:
    return "flipped.pdf", _flip(rng, rng.choice(src.pdfs), rng.choice([1, 10, 100, 1000]))


def flipped_docx(rng: random.Random, src: Sources) -> tuple[str, bytes]:
    return "flipped.docx", _flip(rng, rng.choice(src.docxs), rng.choice([1, 5, 50]))


def flipped_image(rng: random.Random, src: Sources) -> tuple[str, bytes]:
    kind = rng.choice(sorted(src.images))
    data = src.images[kind]
    return f"flipped.{kind}", _flip(rng, data, rng.choice([1, 10, 200]))[: rng.randrange(64, len(data) + 1)]


def mangled_text(rng: random.Random, src: Sources) -> tuple[str, bytes]:
    data = bytearray(rng.choice(src.texts))
    for _ in range(rng.choice([1, 3, 30])):
        data.insert(rng.randrange(len(data)), rng.choice([0, 1, 7, 8, 11, 12, 26, 27, 127, 0xFF, 0xFE]))
    return "mangled.txt", bytes(data)


# --- PDFs made to hurt --------------------------------------------------------------------


def _pdf(objects: list[bytes], *, pages_ref: int = 2) -> bytes:
    """A PDF from numbered object bodies (1-based), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _page(size: tuple[int, int] = (595, 842), *, image: int | None, contents: int) -> bytes:
    resources = b" /Resources << /XObject << /I0 %d 0 R >> >>" % image if image else b""
    return (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d]" % size
        + resources
        + b" /Contents %d 0 R >>" % contents
    )


def _stream(dictionary: bytes, payload: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(payload) + payload + b"\nendstream"


@cache
def _zeros_deflated(megabytes: int) -> bytes:
    packer = zlib.compressobj(9)
    chunk = b"\0" * (1 << 20)
    return b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()


def flate_bomb_pdf(rng: random.Random, src: Sources) -> tuple[str, bytes]:
    megabytes = rng.choice([200, 600, 1024])
    content = _stream(b"/Filter /FlateDecode", _zeros_deflated(megabytes))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"
    return "flate-bomb.pdf", _pdf(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, content]
    )


def giant_page_pdf(rng: random.Random, src: Sources) -> tuple[str, bytes]:
    side = rng.choice([5000, 14400, 200000])
    image = _stream(
        b"/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8",
        b"\x80" * 4,
    )
    draw = _stream(b"", b"q %d 0 0 %d 0 0 cm /I0 Do Q" % (side, side))
    page = _page((side, side), image=4, contents=5)
    return "giant-page.pdf", _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            page,
            image,
            draw,
        ]
    )


def forged_image_pdf(rng: random.Random, src: Sources) -> tuple[str, bytes]:
    width, height = rng.choice([(65500, 65500), (100000, 3), (30000, 30000)])
    image = _stream(
        b"/Type /XObject /Subtype /Image /Width %d /Height %d" % (width, height)
        + b" /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode",
        zlib.compress(b"\0" * 1000),
    )
    draw = _stream(b"", b"q 595 0 0 842 0 0 cm /I0 Do Q")
    page = _page(image=4, contents=5)
    return "forged-image.pdf", _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            page,
            image,
            draw,
        ]
    )


def many_pages_pdf(rng: random.Random, src: Sources) -> tuple[str, bytes]:
    count = rng.choice([150, 499, 501, 5000])
    scanned = rng.random() < 0.5
    image = _stream(
        b"/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8",
        bytes(range(64)),
    )
    draw = _stream(b"", b"q 595 0 0 842 0 0 cm /I0 Do Q" if scanned else b"")
    kids = b" ".join(b"%d 0 R" % (5 + k) for k in range(count))
    page = _page(image=3, contents=4)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
        image,
        draw,
    ]
    objects += [page] * count
    return "many-pages.pdf", _pdf(objects)


def page_tree_loop_pdf(rng: random.Random, src: Sources) -> tuple[str, bytes]:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 /Parent 2 0 R >>",
    ]
    return "page-loop.pdf", _pdf(objects)


def deep_nesting_pdf(rng: random.Random, src: Sources) -> tuple[str, bytes]:
    depth = rng.choice([1000, 100_000])
    nested = b"[" * depth + b"]" * depth
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Deep " + nested + b" >>"
    return "deep.pdf", _pdf(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page]
    )


def garbage_pdf(rng: random.Random, src: Sources) -> tuple[str, bytes]:
    return "garbage.pdf", b"%PDF-1.7\n" + rng.randbytes(rng.choice([10, 10_000, 1_000_000]))


# --- DOCX made to hurt --------------------------------------------------------------------


def _docx(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def _body(paragraphs: str) -> bytes:
    return f"<w:document {W}><w:body>{paragraphs}</w:body></w:document>".encode()


def zip_bomb_docx(rng: random.Random, src: Sources) -> tuple[str, bytes]:
    size = rng.choice([50, 300, 1024]) << 20
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z, z.open("word/document.xml", "w") as fh:
        chunk = b" " * (1 << 20)
        for _ in range(size >> 20):
            fh.write(chunk)
    return "zip-bomb.docx", buf.getvalue()


def numbering_docx(rng: random.Random, src: Sources) -> tuple[str, bytes]:
    start = rng.choice(["1000000000", "1000000000000", "x", "-3", "99999999999999999999999"])
    level = rng.choice(["0", "8", "9", "-1", "abc", "4294967296"])
    fmt = rng.choice(["upperRoman", "lowerRoman", "upperLetter", "decimal", "bullet", "nonsense"])
    numbering = (
        f'<w:numbering {W}><w:abstractNum w:abstractNumId="0">'
        f'<w:lvl w:ilvl="{level}"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1.%2.%9"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    ).encode()
    item = (
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        "<w:r><w:t>Việc</w:t></w:r></w:p>"
    )
    return "numbering.docx", _docx(
        {"word/document.xml": _body(item * rng.choice([3, 3000])), "word/numbering.xml": numbering}
    )


def encoding_docx(rng: random.Random, src: Sources) -> tuple[str, bytes]:
    declared = rng.choice(["UTF-7", "x-klingon", "UTF-16", "UTF-32", "ISO-2022-JP", "ascii"])
    xml = f'<?xml version="1.0" encoding="{declared}"?>'.encode() + _body(
        "<w:p><w:r><w:t>Việc cần làm</w:t></w:r></w:p>"
    )
    return "encoding.docx", _docx({"word/document.xml": xml})


def entity_docx(rng: random.Random, src: Sources) -> tuple[str, bytes]:
    laughs = '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "' + "&a;" * 10 + '"><!ENTITY c "' + "&b;" * 10 + '">'
    external = '<!ENTITY x SYSTEM "file:///etc/passwd">'
    dtd = f"<!DOCTYPE w [{rng.choice([external, laughs])}]>"
    xml = f'<?xml version="1.0"?>{dtd}'.encode() + _body("<w:p><w:r><w:t>&x;</w:t></w:r></w:p>")
    return "entity.docx", _docx({"word/document.xml": xml})


def many_paragraphs_docx(rng: random.Random, src: Sources) -> tuple[str, bytes]:
    count = rng.choice([50_000, 100_001, 400_000])
    return "many-paragraphs.docx", _docx(
        {"word/document.xml": _body("<w:p><w:r><w:t>x</w:t></w:r></w:p>" * count)}
    )


def deep_xml_docx(rng: random.Random, src: Sources) -> tuple[str, bytes]:
    depth = rng.choice([1000, 100_000])
    nested = "<w:tbl><w:tr><w:tc>" * depth + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * depth
    return "deep.docx", _docx({"word/document.xml": _body(nested)})


def zip_tricks_docx(rng: random.Random, src: Sources) -> tuple[str, bytes]:
    trick = rng.choice(["stored-lies", "no-document", "bad-method", "encrypted-flag", "random"])
    if trick == "random":
        return "zip.docx", b"PK\x03\x04" + rng.randbytes(5000)
    if trick == "no-document":
        return "zip.docx", _docx({"word/other.xml": b"<x/>"})
    data = bytearray(_docx({"word/document.xml": _body("<w:p><w:r><w:t>Việc</w:t></w:r></w:p>")}))
    at = data.find(b"PK\x01\x02", 0)  # the central directory entry
    entries = [k for k in range(len(data)) if data[k : k + 4] == b"PK\x01\x02"]
    at = entries[-1] if entries else at
    if trick == "bad-method":
        data[at + 10 : at + 12] = struct.pack("<H", 99)
    elif trick == "encrypted-flag":
        data[at + 8 : at + 10] = struct.pack("<H", 1)
    else:  # the declared size: huge, or zero
        data[at + 24 : at + 28] = struct.pack("<I", rng.choice([0, 0xFFFFFFF0]))
    return "zip.docx", bytes(data)


# --- images made to hurt ----------------------------------------------------------------


def forged_image(rng: random.Random, src: Sources) -> tuple[str, bytes]:
    kind = rng.choice(["png", "jpeg", "tiff"])
    data = bytearray(src.images[kind])
    size = rng.choice([65500, 20000, 1, 0])
    if kind == "png":
        data[16:24] = struct.pack(">II", size, size)
    elif kind == "jpeg":
        for k in range(2, len(data) - 9):
            if data[k] == 0xFF and data[k + 1] in (0xC0, 0xC2):
                data[k + 5 : k + 9] = struct.pack(">HH", size, size)
                break
    else:
        data = bytearray(_tiff_loop(rng))
    return f"forged.{kind}", bytes(data)


def _tiff_loop(rng: random.Random) -> bytes:
    entries = struct.pack("<HHII", 256, 4, 1, 1000) + struct.pack("<HHII", 257, 4, 1, 1000)
    target = rng.choice([8, 0xFFFFFF, 9])
    return b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 2) + entries + struct.pack("<I", target)


# --- texts made to hurt -------------------------------------------------------------------


_STRESS = {
    # one shape of the language repeated until the extractor has to scale
    "markers.txt": "1. " * 300_000,
    "one-line.txt": "Giao Sở Tài chính chủ trì " * 200_000,
    "parens.txt": "(" * 100_000 + "Việc" + ")" * 100_000,
    "dates.txt": "trước ngày 31/12/2025, quý IV/2025, tháng 13/2025; " * 50_000,
    "bodies.txt": "- Ủy ban nhân dân, Sở, ban, ngành, các cơ quan, đơn vị phối hợp với " * 60_000,
    "bullets.txt": "- Sở Y tế chủ trì, phối hợp Sở Tài chính thực hiện trước ngày 15/6/2026.\n" * 40_000,
    "numbering.txt": "".join(f"{k}.{k}.{k}. Tổ chức thực hiện nhiệm vụ {k}.\n" for k in range(40_000)),
    "romans.txt": "I. NHIỆM VỤ\nII. GIẢI PHÁP\nIII. TỔ CHỨC THỰC HIỆN\n" * 20_000,
    "table.txt": "| STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời hạn |\n|---|---|---|---|---|\n"
    + "| 1 | Rà soát | Sở Nội vụ | Sở Tư pháp | Quý IV/2025 |\n" * 40_000,
    "inline.txt": "Đề nghị các đơn vị: " + " ".join(f"({k}) thực hiện việc {k};" for k in range(60_000)),
    "footnotes.txt": "Việc cần làm[1][2][3][4] " * 80_000 + "\n[1] Chú thích.\n" * 5_000,
    "addresses.txt": "Kính gửi:\n" + "- Sở Y tế;\n" * 50_000 + "Nơi nhận:\n" + "- Như trên;\n" * 50_000,
    "refs.txt": "Căn cứ Nghị quyết số 12/NQ-CP ngày 01/02/2025, Quyết định số 3/QĐ-TTg; " * 40_000,
    "spaces.txt": " " * 3_000_000 + "Việc",
    "newlines.txt": "\n" * 3_000_000 + "1. Việc",
}


def pathological_text(rng: random.Random, src: Sources) -> tuple[str, bytes]:
    shape = rng.choice([*sorted(_STRESS), "random", "bom-only", "utf16-odd"])
    if shape in _STRESS:
        return shape, _STRESS[shape].encode()
    if shape == "bom-only":
        return "bom.txt", b"\xef\xbb\xbf"
    if shape == "utf16-odd":
        return "utf16.txt", b"\xff\xfe" + "Việc cần làm".encode("utf-16-le")[:-1]
    return "random.txt", rng.randbytes(rng.choice([1, 100, 100_000]))


CLASSES: dict[str, Maker] = {
    "truncated_pdf": truncated_pdf,
    "flipped_pdf": flipped_pdf,
    "flipped_docx": flipped_docx,
    "flipped_image": flipped_image,
    "mangled_text": mangled_text,
    "flate_bomb_pdf": flate_bomb_pdf,
    "giant_page_pdf": giant_page_pdf,
    "forged_image_pdf": forged_image_pdf,
    "many_pages_pdf": many_pages_pdf,
    "page_tree_loop_pdf": page_tree_loop_pdf,
    "deep_nesting_pdf": deep_nesting_pdf,
    "garbage_pdf": garbage_pdf,
    "zip_bomb_docx": zip_bomb_docx,
    "numbering_docx": numbering_docx,
    "encoding_docx": encoding_docx,
    "entity_docx": entity_docx,
    "many_paragraphs_docx": many_paragraphs_docx,
    "deep_xml_docx": deep_xml_docx,
    "zip_tricks_docx": zip_tricks_docx,
    "forged_image": forged_image,
    "pathological_text": pathological_text,
}


def generate(count: int, seed: int, src: Sources) -> Iterator[tuple[str, str, bytes]]:
    """(class, file name, bytes), `count` of them, every class in turn; the same seed gives
    the same files."""
    names = sorted(CLASSES)
    for k in range(count):
        cls = names[k % len(names)]
        rng = random.Random(f"{seed}:{k}")
        name, data = CLASSES[cls](rng, src)
        yield cls, f"{k:05d}-{name}", data
