"""The tracking commands through the real CLI, on SQLite and PostgreSQL: a whole follow-up
from the command line, and one-line errors that change nothing."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from dondoc.cli import main
from dondoc.services.demo import units_path
from tests.support.tracking import PASSWORD

Result = subprocess.CompletedProcess[str]


def dondoc(db_url: str, data: Path, *args: str) -> Result:
    """The real CLI in its own process: exit code, stdout, stderr."""
    env = {**os.environ, "DONDOC_DATABASE_URL": db_url, "DONDOC_DATA_DIR": str(data)}
    return subprocess.run(
        [sys.executable, "-m", "dondoc", *args], capture_output=True, text=True, check=False, env=env
    )


@pytest.fixture
def inproc(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """The same entry point (`dondoc.cli.main`, with its error handling and exit codes) run
    in this process: a long command-line session without paying a start-up per command."""

    def run(db_url: str, data: Path, *args: str) -> Result:
        monkeypatch.setenv("DONDOC_DATABASE_URL", db_url)
        monkeypatch.setenv("DONDOC_DATA_DIR", str(data))
        monkeypatch.setattr(sys, "argv", ["dondoc", *args])
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(list(args), code, out, err)

    return run


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def one_line_error(result: subprocess.CompletedProcess[str], code: str) -> None:
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error [{code}]"), result.stderr
    assert "Traceback" not in result.stderr


def test_cli_follow_up_from_the_command_line(
    db_url: str, tmp_path: Path, shared_dir: Path, inproc: Callable[..., Result]
) -> None:
    dondoc = inproc
    data = tmp_path / "data"
    one_line_error(dondoc(db_url, data, "status"), "E_DATABASE")  # no schema yet
    assert "schema at revision 0022" in ok(dondoc(db_url, data, "db", "upgrade"))
    assert "44 units added" in ok(dondoc(db_url, data, "units", "import", str(units_path())))
    ok(
        dondoc(
            db_url,
            data,
            "user",
            "add",
            "vp",
            "--name",
            "Văn phòng",
            "--role",
            "office",
            "--unit",
            "CT-TU-VP",
            "--password",
            PASSWORD,
        )
    )
    ok(
        dondoc(
            db_url,
            data,
            "user",
            "add",
            "ca",
            "--name",
            "Công an",
            "--role",
            "reporter",
            "--unit",
            "CT-CA",
            "--password",
            PASSWORD,
        )
    )
    seed = str(shared_dir / "corpus/seed/cantho-q4-2024.txt")
    out = ok(dondoc(db_url, data, "ingest", seed, "--as", "vp"))
    assert out.startswith("directive 1: stored as draft, 25 tasks")
    assert "already stored" in ok(dondoc(db_url, data, "ingest", seed, "--as", "vp"))
    flagged = ok(dondoc(db_url, data, "directive", "resolve", "1", "--as", "vp"))
    assert "group\tCác cơ quan khối nội chính" in flagged
    ok(dondoc(db_url, data, "directive", "confirm", "1", "--as", "vp", "--on", "2024-10-07"))
    assert "3 tasks assigned" in ok(
        dondoc(db_url, data, "assign", "--directive", "1", "--as", "vp", "--on", "2024-10-07")
    )
    # t23 is "Lực lượng Công an": task 23 of the first directive
    ok(
        dondoc(
            db_url,
            data,
            "report-progress",
            "23",
            "--status",
            "done",
            "--done-on",
            "2024-12-20",
            "--as",
            "ca",
            "--on",
            "2024-12-20",
        )
    )
    # the Công an reporter may not report on the Quân sự task (22)
    one_line_error(
        dondoc(db_url, data, "report-progress", "22", "--as", "ca", "--on", "2024-12-20"), "E_FORBIDDEN"
    )
    ok(dondoc(db_url, data, "verify", "1", "--as", "vp", "--on", "2024-12-23"))
    status = json.loads(
        ok(dondoc(db_url, data, "status", "--as-of", "2024-12-25", "--format", "json", "--as", "vp"))
    )
    by_unit = {u["code"]: u for u in status["units"]}
    assert by_unit["CT-CA"]["done_on_time"] == 1
    assert by_unit["CT-BCHQS"]["due_soon"] == 1
    assert status["totals"]["done_on_time"] == 1 and sum(status["totals"].values()) == 3
    table = ok(dondoc(db_url, data, "status", "--as-of", "2025-01-05"))
    assert "CT-BCHQS" in table and "overdue" in table
    export = tmp_path / "units.xlsx"
    assert "44 units written" in ok(dondoc(db_url, data, "units", "export", str(export)))
    # a task for a group: saved once, fanned out to its members
    saved = ok(dondoc(db_url, data, "group", "save", "Lực lượng vũ trang", "CT-CA", "CT-BCHQS", "--as", "vp"))
    assert saved.startswith("group 1: Lực lượng vũ trang, 2 units")
    assert ok(dondoc(db_url, data, "group", "list")) == "1\tLực lượng vũ trang\tCT-CA CT-BCHQS\n"
    fanned = ok(dondoc(db_url, data, "fanout", "1", "--group", "Lực lượng vũ trang", "--as", "vp"))
    assert fanned.startswith("task 1: 2 copies made")
    assert "0 copies made" in ok(dondoc(db_url, data, "fanout", "1", "--group", "1", "--as", "vp"))
    one_line_error(dondoc(db_url, data, "fanout", "1", "--group", "không có", "--as", "vp"), "E_NOT_FOUND")
    one_line_error(dondoc(db_url, data, "fanout", "2", "--group", "1", "--as", "ca"), "E_FORBIDDEN")
    # the directive's tasks as a workbook, read back: every task, its lead and support
    book = tmp_path / "nhiem-vu.xlsx"
    written = ok(
        dondoc(db_url, data, "export", "tasks", "--directive", "1", "--out", str(book), "--as", "vp")
    )
    assert written.startswith("27 tasks written")  # the 25, and task 1's copies for its 2 units
    from openpyxl import load_workbook

    ws = load_workbook(book).active
    assert ws is not None and ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert header[:5] == ["STT", "Mã nhiệm vụ", "Nhiệm vụ", "Lĩnh vực", "Đơn vị chủ trì"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows[23][4] == "Công an thành phố" and rows[23][7] == "Hoàn thành đúng hạn"
    assert not (tmp_path / ".nhiem-vu.xlsx.part").exists()
    nowhere = tmp_path / "no-such-folder" / "x.xlsx"
    one_line_error(
        dondoc(db_url, data, "export", "tasks", "--directive", "1", "--out", str(nowhere), "--as", "vp"),
        "E_OUTPUT_FAILED",
    )
    by_unit = tmp_path / "cong-an.xlsx"
    assert "tasks written" in ok(
        dondoc(
            db_url,
            data,
            "export",
            "tasks",
            "--unit",
            "CT-CA",
            "--as-of",
            "2025-01-05",
            "--out",
            str(by_unit),
            "--as",
            "vp",
        )
    )
    one_line_error(
        dondoc(db_url, data, "export", "tasks", "--out", str(book), "--as", "vp"), "E_RULE_VIOLATED"
    )


def test_cli_errors_are_one_line_and_change_nothing(
    db_url: str, tmp_path: Path, inproc: Callable[..., Result]
) -> None:
    dondoc = inproc
    data = tmp_path / "data"
    ok(dondoc(db_url, data, "db", "upgrade"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    one_line_error(dondoc(db_url, data, "ingest", str(empty)), "E_INPUT_EMPTY")
    one_line_error(dondoc(db_url, data, "ingest", str(tmp_path / "missing.pdf")), "E_INPUT_NOT_FOUND")
    one_line_error(dondoc(db_url, data, "directive", "confirm", "7"), "E_NOT_FOUND")
    one_line_error(dondoc(db_url, data, "ingest", str(empty), "--as", "nobody"), "E_NOT_FOUND")
    one_line_error(dondoc(db_url, data, "assign", "--task", "1"), "E_RULE_VIOLATED")
    assert not (data / "blobs").exists()  # nothing was stored for the refused files
    assert ok(dondoc(db_url, data, "status", "--format", "json")).count('"units": []') == 1


@pytest.mark.parametrize(
    "url", ["postgresql+psycopg://nobody@127.0.0.1:1/none", "sqlite:////proc/forbidden/x.sqlite3"]
)
def test_cli_unusable_database_is_one_line(url: str, tmp_path: Path) -> None:
    one_line_error(dondoc(url, tmp_path, "db", "upgrade"), "E_DATABASE")


def test_cli_demo_loads_and_refuses_a_second_time(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    out = ok(dondoc(url, tmp_path, "demo"))
    assert "directive 1 with 25 tasks" in out and "password dondoc-demo" in out
    status = json.loads(ok(dondoc(url, tmp_path, "status", "--as-of", "2025-03-01", "--format", "json")))
    totals = status["totals"]
    # five months of follow-up: every outcome of the demo is there
    assert totals["done_on_time"] > 0 and totals["done_late"] > 0 and totals["overdue"] > 0
    assert sum(totals.values()) == 25
    one_line_error(dondoc(url, tmp_path, "demo"), "E_RULE_VIOLATED")


def test_issue_13_cli_disables_users_ends_logins_and_manages_tokens(
    db_url: str, tmp_path: Path, inproc: Callable[..., Result]
) -> None:
    from dondoc.config import Settings
    from dondoc.services import sessions, users
    from dondoc.services.context import Store

    dondoc = inproc
    data = tmp_path / "data"
    ok(dondoc(db_url, data, "db", "upgrade"))
    for name in ("vp", "lanhdao"):
        ok(
            dondoc(
                db_url, data, "user", "add", name, "--name", name, "--role", "office", "--password", PASSWORD
            )
        )
    token = ok(dondoc(db_url, data, "user", "token", "vp", "--name", "bot", "--days", "7")).strip()
    listed = ok(dondoc(db_url, data, "user", "tokens"))
    assert listed.count("\n") == 1 and "\tvp\tbot\tactive\texpires " in listed
    store = Store.open(Settings(database_url=db_url, data_dir=data))
    try:
        assert users.live_token(store, token) is not None
        login = sessions.start_session(
            store, users.actor_by_name(store, "vp"), address="\x1b[31m", user_agent="x"
        )
        assert "vp" in ok(dondoc(db_url, data, "user", "sessions"))
        assert "\\x1b[31m" in ok(dondoc(db_url, data, "user", "sessions", "vp"))  # escaped, not an ANSI code
        one_line_error(dondoc(db_url, data, "user", "revoke-token", "999"), "E_NOT_FOUND")
        token_id = listed.split("\t")[0]
        assert f"token {token_id} revoked" in ok(dondoc(db_url, data, "user", "revoke-token", token_id))
        assert users.live_token(store, token) is None
        assert "\trevoked\t" in ok(dondoc(db_url, data, "user", "tokens", "vp"))
        ok(dondoc(db_url, data, "user", "disable", "vp"))
        assert sessions.live_session(store, login) is None
        one_line_error(dondoc(db_url, data, "user", "disable", "nobody"), "E_NOT_FOUND")
        ok(dondoc(db_url, data, "user", "enable", "vp"))
        second = sessions.start_session(
            store, users.actor_by_name(store, "lanhdao"), address=None, user_agent=None
        )
        assert "1 login(s) ended" in ok(dondoc(db_url, data, "user", "end-sessions", "--all"))
        assert sessions.live_session(store, second) is None
        assert dondoc(db_url, data, "user", "end-sessions").returncode == 2  # a user or --all
        one_line_error(dondoc(db_url, data, "user", "token", "vp", "--days", "0"), "E_RULE_VIOLATED")
    finally:
        store.engine.dispose()


def test_issue_13_m6_db_downgrade_needs_a_revision_and_yes(
    db_url: str, tmp_path: Path, inproc: Callable[..., Result]
) -> None:
    dondoc = inproc
    data = tmp_path / "data"
    ok(dondoc(db_url, data, "db", "upgrade"))
    assert dondoc(db_url, data, "db", "downgrade").returncode == 2  # no revision: usage
    refused = dondoc(db_url, data, "db", "downgrade", "base")
    assert refused.returncode == 2 and "--yes" in refused.stderr and "all data" in refused.stderr
    assert ok(dondoc(db_url, data, "db", "current")).strip() == "0022"  # nothing dropped
    assert "schema at revision 0005" in ok(dondoc(db_url, data, "db", "downgrade", "0005", "--yes"))
    assert "schema at revision base" in ok(dondoc(db_url, data, "db", "downgrade", "base", "--yes"))


def test_issue_13_scripts_demo_keeps_what_was_added_until_reset(tmp_path: Path) -> None:
    """The README's first command, restarted: the data a user added is still there; only
    --reset starts over."""
    import time

    import httpx

    from tests.support.servers import free_port

    root = Path(__file__).resolve().parents[3]
    # no DONDOC_DATA_DIR: the demo is the embedded default, where every command looks
    home = tmp_path / "home"
    data = home / ".local" / "share" / "dondoc"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DONDOC_")}
    env |= {"SKIP_SETUP": "1", "HOME": str(home), "PORT": str(port)}

    def run_demo(*args: str) -> str:
        process = subprocess.Popen(
            ["bash", "scripts/demo", *args], cwd=root, env=env, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        try:
            while True:
                assert process.poll() is None, process.stdout.read() if process.stdout else ""
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/login", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert time.monotonic() < deadline, "the demo did not start"
                time.sleep(0.2)
        finally:
            with contextlib.suppress(ProcessLookupError):  # it died: the assertion says why
                os.killpg(process.pid, 15)
            out = process.communicate(timeout=30)[0]
        return out

    first = run_demo()
    assert "demo loaded" in first
    # a command run afterwards, with nothing set, finds the demo's data
    status = subprocess.run(
        [str(root / ".venv" / "bin" / "dondoc"), "status", "--as-of", "2025-03-01"],
        env={k: v for k, v in env.items() if k != "PORT"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert status.returncode == 0 and "overdue" in status.stdout, status.stdout + status.stderr
    added = dondoc(f"sqlite:///{data / 'dondoc.sqlite3'}", data, "user", "add", "moi", "--name", "Mới",
                   "--role", "leader", "--password", PASSWORD)  # fmt: skip
    assert added.returncode == 0, added.stderr
    again = run_demo()
    assert "Using the data kept" in again and "demo loaded" not in again
    assert _users_named(data, "moi") == 1
    reset = run_demo("--reset")
    assert "demo loaded" in reset
    assert _users_named(data, "moi") == 0


def _users_named(data: Path, name: str) -> int:
    import sqlite3

    with contextlib.closing(sqlite3.connect(data / "dondoc.sqlite3")) as db:
        return int(db.execute("SELECT count(*) FROM users WHERE username = ?", (name,)).fetchone()[0])


def test_issue_16_search_from_the_command_line(tmp_path: Path, inproc: Callable[..., Result]) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    ok(inproc(url, tmp_path, "demo"))
    lines = ok(inproc(url, tmp_path, "search", "giai ngan", "--limit", "2")).splitlines()
    assert len(lines) == 2 and lines[0].startswith("task\t") and "«giải ngân»" in lines[0]
    typo = inproc(url, tmp_path, "search", "giai ngna", "--format", "json", "--kind", "task")
    rows = [json.loads(line) for line in ok(typo).splitlines()]
    assert rows and all(r["kind"] == "task" for r in rows) and "read as: ngna → " in typo.stderr
    first = rows[0]
    assert [first["snippet"][s:e] for s, e in first["marks"]][:2] == ["giải", "giải ngân"]
    only_police = ok(inproc(url, tmp_path, "search", "thanh pho", "--unit", "CT-CA", "--limit", "100"))
    everyone = ok(inproc(url, tmp_path, "search", "thanh pho", "--kind", "task", "--limit", "100"))
    assert 0 < len(only_police.splitlines()) < len(everyone.splitlines())
    none = inproc(url, tmp_path, "search", "xyzzy")
    assert none.returncode == 0 and none.stdout == "" and "no results" in none.stderr
    one_line_error(inproc(url, tmp_path, "search", "  "), "E_RULE_VIOLATED")
    one_line_error(inproc(url, tmp_path, "search", "x", "--unit", "KHONG-CO"), "E_NOT_FOUND")
    one_line_error(inproc(url, tmp_path, "search", "--rebuild", "--as", "ct-ca"), "E_FORBIDDEN")
    rebuilt = ok(inproc(url, tmp_path, "search", "--rebuild", "UBND", "--limit", "1"))
    assert rebuilt.startswith("unit\t")
