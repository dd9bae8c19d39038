"""Quantitative targets: the clause around a percentage or a bounded quantity."""

from __future__ import annotations

import re

_QUANTITY = re.compile(r"(?:\d+(?:[.,]\d+)?\s*%|(?:tối thiểu|ít nhất|trên|đạt|vượt)\s+\d+(?:[.,]\d+)?\s*%?)")
_CUT = re.compile(r"[,;:.](?=\s)|\s(?:trong đó|nhằm|để)\s")


def find_targets(text: str) -> tuple[str, ...]:
    out: list[str] = []
    if "%" not in text:
        return ()  # only a percentage makes a target
    for m in _QUANTITY.finditer(text):
        if "%" not in m.group(0):
            continue
        left = text.rfind(";", 0, m.start())
        left_comma = max(text.rfind(", ", 0, m.start()), text.rfind(". ", 0, m.start()))
        start = max(left, left_comma) + 1
        # a percentage inside parentheses belongs to the clause before it: "(10%)"
        right_candidates = [
            p for p in (text.find(";", m.end()), text.find(". ", m.end()), text.find(", ", m.end())) if p >= 0
        ]
        end = min(right_candidates) if right_candidates else len(text)
        clause = text[start:end].strip(" .;,")
        clause = re.sub(r"^(?:trong đó|đồng thời|phấn đấu)\s+", "", clause, flags=re.I).strip()
        if clause and clause not in out and len(clause) < 240:
            out.append(clause)
    return tuple(out)
