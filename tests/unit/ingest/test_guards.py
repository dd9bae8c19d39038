"""What a file claims, checked before decoding (issue 13, H2): image sizes from headers,
PDF streams inflated with a bounded output, DOCX parts and numbering within bounds."""

from __future__ import annotations

import io
import struct
import subprocess
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from dondoc.config import Settings
from dondoc.errors import DondocError, ErrorCode
from dondoc.ingest.docx_reader import read_docx
from dondoc.ingest.guards import check_image, check_pdf_streams, image_facts
from dondoc.ingest.pdf_pages import _png

pytestmark = pytest.mark.serial  # measures time or load: runs alone, after the parallel part (scripts/test)

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _pages(tmp_path: Path, fmt: str, shared: Path) -> bytes:
    """A real image of the first page of a corpus PDF, made by poppler."""
    source = shared / "corpus/dev/nq-113-cp-2026.pdf"
    command = ["pdftoppm", "-r", "50", "-f", "1", "-l", "1", f"-{fmt}", str(source), str(tmp_path / "p")]
    subprocess.run(command, check=True)
    (made,) = tmp_path.glob("p*")
    return made.read_bytes()


@pytest.mark.parametrize(("fmt", "kind"), [("png", "png"), ("jpeg", "jpeg"), ("tiff", "tiff")])
def test_image_size_is_read_from_the_header(fmt: str, kind: str, tmp_path: Path, shared_dir: Path) -> None:
    facts = image_facts(_pages(tmp_path, fmt, shared_dir), kind, name="p")
    # an A4 page at 50 dpi
    assert (facts.width, facts.height, facts.pages) == (414, 585, 1)


def test_a_forged_header_is_refused_before_decoding(shared_dir: Path) -> None:
    forged = (shared_dir / "security/repro/R05_jpeg_forged_65500sq_8GB.jpg").read_bytes()
    with pytest.raises(DondocError) as err:
        check_image(forged, "jpeg", name="x.jpg", settings=Settings())
    assert err.value.code is ErrorCode.INPUT_TOO_COMPLEX and "65500 × 65500" in err.value.message
    png = _png(1, 1, b"\x00")
    wide = png[:16] + struct.pack(">II", 100_000, 100_000) + png[24:]
    with pytest.raises(DondocError):
        check_image(wide, "png", name="x.png", settings=Settings())
    assert check_image(png, "png", name="x.png", settings=Settings()).width == 1


def _tiff(directories: list[int], *, loop_to: int | None = None) -> bytes:
    """A little-endian TIFF whose directories (one per page) hold width and height."""
    out = bytearray(b"II*\x00" + struct.pack("<I", 8))
    for k, size in enumerate(directories):
        here = len(out)
        last = k == len(directories) - 1
        following = (loop_to if loop_to is not None else 0) if last else here + 2 + 2 * 12 + 4
        out += struct.pack("<H", 2)
        out += struct.pack("<HHII", 256, 4, 1, size) + struct.pack("<HHII", 257, 4, 1, size)
        out += struct.pack("<I", following)
    return bytes(out)


def test_tiff_directories_are_walked_with_their_pages_counted_and_loops_refused() -> None:
    facts = image_facts(_tiff([100, 300, 200]), "tiff", name="t")
    assert (facts.width, facts.height, facts.pages) == (300, 300, 3)
    with pytest.raises(DondocError) as err:
        image_facts(_tiff([100, 100], loop_to=8), "tiff", name="t")
    assert err.value.code is ErrorCode.INPUT_CORRUPT and "loop" in err.value.message
    with pytest.raises(DondocError) as err:
        check_image(_tiff([10] * 101), "tiff", name="t", settings=Settings())
    assert err.value.code is ErrorCode.INPUT_TOO_COMPLEX and "101 pages" in err.value.message


def _pdf_with_stream(content: bytes, extra: bytes = b"", *, declared: bool = True) -> bytes:
    packed = zlib.compress(content, 9)
    length = b"/Length %d " % len(packed) if declared else b"/Length 9 0 R "
    return (
        b"%PDF-1.7\n1 0 obj\n<< /Type /XObject " + extra + length + b"/Filter /FlateDecode "
        b"/DecodeParms << /Predictor 1 >> >>\nstream\n" + packed + b"\nendstream\nendobj\n%%EOF\n"
    )


def test_a_flate_stream_is_inflated_only_up_to_its_limit() -> None:
    small = Settings(max_stream_bytes=10_000_000, max_inflated_bytes=15_000_000)
    check_pdf_streams(_pdf_with_stream(b"\x00" * 9_000_000), name="ok.pdf", settings=small)
    for declared in (True, False):  # the length given, or found by its endstream
        bomb = _pdf_with_stream(b"\x00" * 200_000_000, declared=declared)  # 200 KB stored
        t0 = time.perf_counter()
        with pytest.raises(DondocError) as err:
            check_pdf_streams(bomb, name="bomb.pdf", settings=small)
        assert (
            err.value.code is ErrorCode.INPUT_TOO_COMPLEX and "DONDOC_MAX_STREAM_BYTES" in err.value.message
        )
        assert time.perf_counter() - t0 < 1.0  # stopped at the limit, not inflated whole
    two = _pdf_with_stream(b"\x00" * 9_000_000) + _pdf_with_stream(b"\x01" * 9_000_000)
    with pytest.raises(DondocError) as err:
        check_pdf_streams(two, name="two.pdf", settings=small)
    assert "DONDOC_MAX_INFLATED_BYTES" in err.value.message


def test_an_image_dictionary_past_the_pixel_limit_is_refused() -> None:
    image = _pdf_with_stream(b"\x00" * 100, b"/Subtype /Image /Width 70000 /Height 70000 ")
    with pytest.raises(DondocError) as err:
        check_pdf_streams(image, name="img.pdf", settings=Settings())
    assert "70000 × 70000" in err.value.message


def test_the_corpus_pdfs_pass_the_stream_checks_quickly(shared_dir: Path) -> None:
    for path in sorted((shared_dir / "corpus").glob("*/*.pdf")):
        t0 = time.perf_counter()
        check_pdf_streams(path.read_bytes(), name=path.name, settings=Settings())
        assert time.perf_counter() - t0 < 1.0, path.name


def _docx(document: str, numbering: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document)
        if numbering is not None:
            z.writestr("word/numbering.xml", numbering)
    return buf.getvalue()


def _numbered(start: str, fmt: str = "upperRoman", level: str = "0") -> bytes:
    numbering = (
        f'<w:numbering {NS}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="{level}">'
        f'<w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    item = (
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        "<w:r><w:t>Việc</w:t></w:r></w:p>"
    )
    return _docx(f"<w:document {NS}><w:body>{item * 3}</w:body></w:document>", numbering)


@pytest.mark.parametrize("start", ["1000000000", "1000000000000", "x", "-5"])
def test_numbering_values_out_of_words_bounds_start_at_one(start: str) -> None:
    t0 = time.perf_counter()
    text = read_docx(_numbered(start), name="n.docx", settings=Settings()).text
    assert text.splitlines()[:3] == ["I. Việc", "II. Việc", "III. Việc"]
    assert time.perf_counter() - t0 < 1.0


def test_numbering_past_what_roman_numerals_write_is_decimal() -> None:
    text = read_docx(_numbered("3999"), name="n.docx", settings=Settings()).text
    assert text.splitlines()[:3] == ["MMMCMXCIX. Việc", "4000. Việc", "4001. Việc"]


def test_a_docx_with_too_many_paragraphs_or_too_large_a_part_is_refused() -> None:
    many = _docx(f"<w:document {NS}><w:body>" + "<w:p/>" * 2001 + "</w:body></w:document>")
    with pytest.raises(DondocError) as err:
        read_docx(many, name="m.docx", settings=Settings(max_docx_paragraphs=2000))
    assert err.value.code is ErrorCode.INPUT_TOO_COMPLEX and "2001 paragraphs" in err.value.message
    assert read_docx(many, name="m.docx", settings=Settings(max_docx_paragraphs=2001)).text == "\n"
    large = _docx(
        f"<w:document {NS}><w:body><w:p><w:r><w:t>{'a' * 5000}</w:t></w:r></w:p></w:body></w:document>"
    )
    with pytest.raises(DondocError) as err:
        read_docx(large, name="l.docx", settings=Settings(max_docx_xml_bytes=4000))
    assert err.value.code is ErrorCode.INPUT_TOO_COMPLEX and "DONDOC_MAX_DOCX_XML_BYTES" in err.value.message
