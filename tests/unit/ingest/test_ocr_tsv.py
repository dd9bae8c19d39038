"""Tesseract's TSV rows read into words (ingest.ocr._tsv_words); made-up rows."""

from __future__ import annotations

from dondoc.ingest.ocr import _tsv_words

_HEAD = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def _row(text: str, left: int = 10) -> str:
    return f"5\t1\t1\t1\t1\t1\t{left}\t20\t40\t12\t91.5\t{text}"


def test_a_d_read_twice_as_itself_and_the_eth_is_one_letter() -> None:
    tsv = "\n".join([_HEAD, _row("118/CĐÐ-TTg"), _row("45-CTr/ÐĐU", 60), _row("Ðảng", 110), _row("ðến", 160)])
    assert [w[0] for w in _tsv_words(tsv)] == ["118/CĐ-TTg", "45-CTr/ĐU", "Đảng", "đến"]


def test_words_without_an_eth_are_kept_as_read() -> None:
    tsv = "\n".join([_HEAD, _row("ĐĐBQH"), _row("Sở", 60)])
    assert [w[0] for w in _tsv_words(tsv)] == ["ĐĐBQH", "Sở"]


def test_a_fraction_or_division_slash_in_a_number_is_the_slash() -> None:
    tsv = "\n".join([_HEAD, _row("05\u2044CT-BNNMT"), _row("12\u2215KH-UBND", 60)])
    assert [w[0] for w in _tsv_words(tsv)] == ["05/CT-BNNMT", "12/KH-UBND"]
