"""Labelled field lines of an item: "Đơn vị chủ trì: Sở Tư pháp.", "Cơ quan phối hợp: …",
"Thời gian thực hiện: Quý III/2026", "Sản phẩm: …" — plain, bold or italic, as a bullet
under the item or as a paragraph after it. They are attributes of the item, never tasks.

A label is read by its family, not its exact words: plans write "Đơn vị chủ trì thực
hiện", "Đơn vị chủ trì tham mưu thực hiện", "Cơ quan chủ trì"; each starts with a label of
a family in the lexicon (structure.toml: lead_labels, support_labels, deadline_labels,
product_labels, attribute_labels).
"""

from __future__ import annotations

import re
from functools import cache

from dondoc.extract.lexicon import words

# the kinds, in the order their labels are tried: "đơn vị chủ trì" before "chủ trì"
_FAMILIES = (
    ("lead", "lead_labels"),
    ("support", "support_labels"),
    ("deadline", "deadline_labels"),
    ("product", "product_labels"),
    ("other", "attribute_labels"),
)
_MAX_LABEL_WORDS = 8
_EMPHASIS = re.compile(r"[*_]+")


@cache
def _first_words() -> frozenset[str]:
    """The first word of every label: most lines are ruled out by it alone (this is asked
    of nearly every line of a document)."""
    return frozenset(w.split()[0] for _, key in _FAMILIES for w in words("structure", key))


def label_kind(label: str) -> str | None:
    """'đơn vị chủ trì tham mưu thực hiện' → 'lead'; None when it is no field label."""
    head = label.lstrip(" *_")
    space = head.find(" ")
    first = (head[:space] if space > 0 else head).rstrip(" *_:").lower()
    if first not in _first_words():
        return None
    return kind_of_label(label)


def may_open_label(text: str) -> bool:
    """Can a field label start this text? Its first word must open one (label_kind's own
    shortcut, for a caller that has not cut the label out yet)."""
    head = text.lstrip(" *_")
    space = head.find(" ")
    return (head[:space] if space > 0 else head).rstrip(" *_:").lower() in _first_words()


def kind_of_label(label: str) -> str | None:
    """label_kind without its first-word shortcut: the reference it is tested against."""
    label = " ".join(_EMPHASIS.sub(" ", label).lower().split())
    if not label or len(label.split()) > _MAX_LABEL_WORDS or any(ch.isdigit() for ch in label):
        return None
    if any(label == w or label.startswith((w + " ", w + ",")) for w in words("structure", "not_labels")):
        return None
    for kind, key in _FAMILIES:
        for known in words("structure", key):
            if label == known or label.startswith(known + " "):
                return kind
    # "cơ quan, đơn vị chủ trì", "kết quả/sản phẩm": the label's last alternative names it
    cut = max(label.rfind(","), label.rfind("/"))
    heads = re.split(r"[,/]", label[:cut]) if cut > 0 else []
    # ... each alternative before it opening a label too ("cơ quan", "kết quả"), as the first
    # word of the whole must (label_kind's shortcut)
    if heads and all(h.split() and h.split()[0] in _first_words() for h in heads):
        tail = label[cut + 1 :].strip()
        return kind_of_label(tail) if tail else None
    return None


def read_field(text: str) -> tuple[str, str, str] | None:
    """(kind, label, value) of a labelled line; None for any other line."""
    colon = text.find(":")
    if not 2 <= colon <= 60:
        return None
    label = text[:colon]
    kind = label_kind(label)
    if kind is None:
        return None
    value = _EMPHASIS.sub("", text[colon + 1 :]).strip()
    return kind, " ".join(_EMPHASIS.sub(" ", label).lower().split()), value


# a label inside a field block: at its start or after a sentence's end (or a colon, where a
# scan's OCR read the ";" between two fields as one: "… Sở Y tế: thời gian: quý III/2027")
_LABEL_AT = re.compile(r"(?:^|(?<=[.;:])\s+)([^.;:]{2,60}):")


def split_fields(text: str) -> list[tuple[str, str]]:
    """(kind, value) of each field in a block that holds several ("Đơn vị chủ trì: Sở X.
    Thời gian hoàn thành: năm 2027."); a label not of a field stays in the value before it."""
    cuts = [
        (m.start(1), m.end(), kind)
        for m in _LABEL_AT.finditer(text)
        if (kind := label_kind(m.group(1))) is not None
    ]
    out = []
    for k, (_, value_start, kind) in enumerate(cuts):
        end = cuts[k + 1][0] if k + 1 < len(cuts) else len(text)
        out.append((kind, _EMPHASIS.sub("", text[value_start:end]).strip()))
    return out
