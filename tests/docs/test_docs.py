"""The docs stay true: every command documented with help, every error code documented."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from dondoc.cli import cli
from dondoc.errors import MESSAGES, ErrorCode

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_command_is_documented_and_has_help() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    runner = CliRunner()
    for name, command in cli.commands.items():
        assert f"## `dondoc {name}`" in text, name
        assert command.help, name
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output
        for sub in getattr(command, "commands", {}):  # groups: each subcommand has help
            assert command.commands[sub].help, f"{name} {sub}"  # type: ignore[attr-defined]
            assert runner.invoke(cli, [name, sub, "--help"]).exit_code == 0


def test_every_setting_is_documented() -> None:
    from dondoc.config import Settings

    text = (DOCS / "settings.md").read_text(encoding="utf-8")
    for field in Settings.model_fields:
        assert f"`DONDOC_{field.upper()}`" in text, field


def test_every_error_code_has_english_and_vietnamese_text() -> None:
    text = (DOCS / "errors.md").read_text(encoding="utf-8")
    rows = {
        m.group(1): (m.group(2).strip(), m.group(3).strip())
        for m in re.finditer(r"^\| `(E_\w+)` \|([^|]+)\|([^|]+)\|", text, re.M)
    }
    for code in ErrorCode:
        assert code.value in rows, code
        english, vietnamese = rows[code.value]
        assert english == MESSAGES[code], code
        assert re.search(r"[ăâđêôơưàáảãạ]", vietnamese.lower()), code
    assert set(rows) == {c.value for c in ErrorCode}


def test_docs_are_linked_from_the_readme() -> None:
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    for page in (
        "architecture.md",
        "glossary.md",
        "cli.md",
        "errors.md",
        "contract.md",
        "settings.md",
        "huong-dan.md",
    ):
        assert f"docs/{page}" in readme, page


def test_every_api_operation_is_in_the_api_guide(tmp_path: Path) -> None:
    from dondoc.config import Settings
    from dondoc.web.app import create_app

    text = (DOCS / "api.md").read_text(encoding="utf-8")
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}", data_dir=tmp_path))
    paths = app.openapi()["paths"]
    assert len(paths) > 10
    for path, operations in paths.items():
        short = re.sub(r"\{\w+_id\}", "ID", path.removeprefix("/api/v1")).replace("{code}", "CODE")
        for method in operations:
            call = f"`{method.upper()} {short}"
            assert f"{call}`" in text or f"{call}?" in text, call


def test_the_user_guide_shows_pictures_that_exist() -> None:
    guide = DOCS / "huong-dan.md"
    text = guide.read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", text)
    assert len(pictures) >= 8
    assert [p for p in pictures if not (guide.parent / p).is_file()] == []
    assert {"## Văn phòng", "## Đầu mối đơn vị", "## Lãnh đạo"} <= set(text.splitlines())
