"""Field labels (extract/fields.py), and the first-word shortcut checked against the plain
reading on every line of the corpus and on made-up labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from dondoc.extract.fields import kind_of_label, label_kind, split_fields


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Đơn vị chủ trì thực hiện", "lead"),
        ("*Đơn vị chủ trì tham mưu thực", "lead"),
        ("Cơ quan phối hợp", "support"),
        ("Thời gian hoàn thành", "deadline"),
        ("**Sản phẩm**", "product"),
        ("Kinh phí", "other"),
        ("Thời gian qua, tỉnh đã đạt 12 chỉ tiêu", None),
        ("Sở Y tế", None),
    ],
)
def test_labels_are_read_by_family(label: str, kind: str | None) -> None:
    assert label_kind(label) == kind


def test_the_first_word_shortcut_reads_as_the_plain_version(shared_dir: Path) -> None:
    lines = [
        line
        for f in sorted((shared_dir / "corpus").glob("*/*.txt"))
        for line in f.read_text(encoding="utf-8").splitlines()
    ]
    assert len(lines) > 5000
    for line in lines:
        for label in (line, line.split(":", 1)[0]):
            assert label_kind(label) == kind_of_label(label), label


def test_a_block_with_several_fields_is_split_at_each_label() -> None:
    fields = split_fields("Đơn vị chủ trì: Sở Khoa học và Công nghệ. Thời gian hoàn thành: năm 2027.")
    assert fields == [("lead", "Sở Khoa học và Công nghệ."), ("deadline", "năm 2027.")]


def test_a_label_after_a_colon_a_scan_read_for_the_semicolon() -> None:
    """A scan's OCR reads the ";" between two inline fields as ":" ("… Sở Nông nghiệp và Môi
    trường: thời gian: quý III/2027"): the time's label still opens its field."""
    found = split_fields(
        "cơ quan chủ trì: Liên minh Hợp tác xã tỉnh; cơ quan phối hợp: Sở Nông nghiệp và Môi trường: "
        "thời gian: quý III/2027"
    )
    assert [kind for kind, _ in found] == ["lead", "support", "deadline"]
    assert found[2][1] == "quý III/2027"
