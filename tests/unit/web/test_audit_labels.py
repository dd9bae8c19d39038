"""Every audit action the code writes reads in Vietnamese where users see it (the task's
log): each action given to audit_event() has its line in i18n/vi.toml [audit_actions],
and each line names an action still written."""

from __future__ import annotations

import ast
from pathlib import Path

from dondoc.web.text import audit_action, catalogue

PACKAGE = Path(__file__).resolve().parents[3] / "dondoc"


def _written_actions() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name != "audit_event" or len(node.args) < 3:
                continue
            action = node.args[2]
            where = f"{path.relative_to(PACKAGE)}:{node.lineno}"
            options = [action.body, action.orelse] if isinstance(action, ast.IfExp) else [action]
            for option in options:
                if not (isinstance(option, ast.Constant) and isinstance(option.value, str)):
                    raise AssertionError(f"{where}: write the action in the call, so it can be checked")
                found[option.value] = where
    return found


def test_every_audit_action_has_its_vietnamese_label() -> None:
    written = _written_actions()
    assert len(written) > 30
    missing = [f"{where}: {action}" for action, where in written.items() if audit_action(action) == action]
    assert not missing, missing
    assert set(catalogue()["audit_actions"]) <= set(written)  # no line left from an action gone


def test_every_kind_of_the_demo_directory_reads_in_vietnamese() -> None:
    import csv

    from dondoc.services.demo import units_path
    from dondoc.web.text import unit_kind

    with units_path().open(encoding="utf-8") as f:
        kinds = {row["kind"] for row in csv.DictReader(f)}
    assert len(kinds) > 10
    assert [k for k in sorted(kinds) if unit_kind(k) == k] == []
    assert unit_kind("ban chỉ đạo") == "ban chỉ đạo"  # the office's own word, as typed


def test_sizes_read_as_people_write_them() -> None:
    from dondoc.web.text import vn_size

    assert [vn_size(n) for n in (18, 1024, 348_160, 13_107_200, 209_715_200, 3 * 1024**3)] == [
        "18 byte",
        "1 KB",
        "340 KB",
        "12,5 MB",
        "200 MB",
        "3 GB",
    ]
