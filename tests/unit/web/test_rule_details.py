"""Every refusal a rule makes reads in Vietnamese on the web: each detail the code writes
for E_RULE_VIOLATED has its line in i18n/vi.toml [rule_details], and each line is used."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from dondoc.web.text import catalogue, rule_detail

PACKAGE = Path(__file__).resolve().parents[3] / "dondoc"


def _written_details() -> dict[str, str]:
    """Each detail given to DondocError(ErrorCode.RULE_VIOLATED, detail=…) in the package,
    with its f-string parts filled by samples ("X1", "X2"…), and where it is written."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            code = node.args[0]
            if name != "DondocError" or not (
                isinstance(code, ast.Attribute) and code.attr == "RULE_VIOLATED"
            ):
                continue
            for keyword in (k for k in node.keywords if k.arg == "detail"):
                value = keyword.value
                where = f"{path.relative_to(PACKAGE)}:{node.lineno}"
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    found[value.value] = where
                elif isinstance(value, ast.JoinedStr):
                    parts = [
                        p.value if isinstance(p, ast.Constant) else f"X{i}"
                        for i, p in enumerate(value.values)
                    ]
                    found["".join(str(p) for p in parts)] = where
                else:
                    raise AssertionError(f"{where}: write the detail in the call, so it can be checked")
    return found


def test_every_detail_the_code_writes_reads_in_vietnamese() -> None:
    written = _written_details()
    assert len(written) > 40
    untranslated = [
        f"{where}: {detail}" for detail, where in written.items() if rule_detail(detail) == detail
    ]
    assert not untranslated, untranslated
    # and no line of the catalogue is left over from a detail that is gone
    lines = catalogue()["rule_details"]
    used = {
        english
        for english in lines
        for detail in written
        if re.fullmatch(
            "".join(
                re.escape(p) if i % 2 == 0 else ".+?" for i, p in enumerate(re.split(r"\{(\w+)\}", english))
            ),
            detail,
            re.S,
        )
    }
    assert set(lines) - used == set()


def test_a_line_uses_only_the_parts_its_english_names() -> None:
    for english, vietnamese in catalogue()["rule_details"].items():
        names = set(re.findall(r"\{(\w+)\}", english))
        assert set(re.findall(r"\{(\w+)\}", vietnamese)) <= names, english


def test_a_refusal_page_shows_the_vietnamese_detail() -> None:
    from dondoc.errors import DondocError, ErrorCode
    from dondoc.web.text import error_message

    message = error_message(DondocError(ErrorCode.RULE_VIOLATED, detail="task 7 is done"))
    assert message.endswith("nhiệm vụ 7 đã hoàn thành") and "task" not in message
    # a detail nobody wrote down stays as it is, rather than vanish
    assert error_message(DondocError(ErrorCode.RULE_VIOLATED, detail="x y z")).endswith("x y z")
