"""Decoding: UTF-8/16, Windows-1258, TCVN3 (ABC) and VNI, chosen from the bytes alone."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dondoc.errors import DondocError, ErrorCode
from dondoc.ingest.encodings import (
    _charmap,
    decode,
    decode_tcvn3,
    decode_vni,
    encode_tcvn3,
    encode_vni,
)

VIETNAMESE = unicodedata.normalize(
    "NFC",
    "aáàảãạăắằẳẵặâấầẩẫậbcdđeéèẻẽẹêếềểễệghiíìỉĩịklmnoóòỏõọôốồổỗộơớờởỡợpqrstuúùủũụưứừửữựvxyýỳỷỹỵ",
)


def test_vni_phrases() -> None:
    raw = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. ÑAÛNG COÄNG SAÛN. Tröôøng, Ngöôøi, Sôû Y teá".encode(
        "cp1252"
    )
    assert decode_vni(raw) == ("Cộng hòa xã hội chủ nghĩa Việt Nam. ĐẢNG CỘNG SẢN. Trường, Người, Sở Y tế")


def test_tcvn3_phrases() -> None:
    # as written by the .VnTime fonts; 0xAD (ư) is invisible in most viewers
    assert decode_tcvn3(b"B\xb8t X\xb8t, M\xad\xeang Kh\xad\xacng, B\xb6o Th\xbeng") == (
        "Bát Xát, Mường Khương, Bảo Thắng"
    )
    # a heading set in the upper-case font uses the lower-case codes
    assert decode_tcvn3(b"C\xe9NG H\xdfA X\xb7 H\xe9I") == "CỘNG HÒA XÃ HỘI"


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv not installed")
def test_tcvn3_table_agrees_with_glibc() -> None:
    """glibc's TCVN5712-1 is a superset of TCVN3 (ABC): every letter we map must agree."""
    mapping = _charmap("tcvn3")["bytes"]
    assert isinstance(mapping, dict)
    ours = {int(k, 16): str(v) for k, v in mapping.items()}
    raw = bytes(sorted(ours))
    out = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=raw, capture_output=True, check=True
    )
    theirs = unicodedata.normalize("NFC", out.stdout.decode("utf-8"))
    assert len(ours) == 74  # 67 lower-case letters and 7 capitals
    assert "".join(ours[b] for b in sorted(ours)) == theirs


@given(st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " .,:;-0123456789\n", max_size=200))
def test_vni_round_trip(text: str) -> None:
    assert decode_vni(encode_vni(text)) == text


@given(st.text(alphabet=VIETNAMESE + " .,:;-0123456789\n", max_size=200))
def test_tcvn3_round_trip_lower_case(text: str) -> None:
    assert decode_tcvn3(encode_tcvn3(text)) == text


def _seed(shared_dir: Path) -> str:
    return unicodedata.normalize("NFC", (shared_dir / "corpus/seed/cantho-q4-2024.txt").read_text("utf-8"))


def test_detects_vni(shared_dir: Path) -> None:
    seed = _seed(shared_dir)
    text, encoding = decode(encode_vni(seed))
    assert (text, encoding) == (seed, "vni")


def test_detects_tcvn3(shared_dir: Path) -> None:
    seed = _seed(shared_dir)
    text, encoding = decode(encode_tcvn3(seed))
    assert encoding == "tcvn3"
    # case of toned capitals is the font's, not the bytes': compare without it
    assert text.lower() == seed.lower()
    assert "T/M THÀNH ỦY" in text and "BÍ THƯ" in text


def test_utf8_variants() -> None:
    assert decode("Hà Nội".encode()) == ("Hà Nội", "utf-8")
    assert decode("\ufeffHà Nội".encode()) == ("Hà Nội", "utf-8")
    assert decode("Hà Nội".encode("utf-16")) == ("Hà Nội", "utf-16")


def test_bytes_that_read_as_no_vietnamese_are_refused() -> None:
    garbage = bytes(range(0x80, 0x100)) * 40
    with pytest.raises(DondocError) as err:
        decode(garbage)
    assert err.value.code is ErrorCode.ENCODING_UNKNOWN
