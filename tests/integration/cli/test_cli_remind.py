"""`dondoc remind` through the real CLI on SQLite and PostgreSQL: its output, a run killed
in the middle and started again (nothing missed, nothing sent twice but the one message
that may have been in flight, under the same Message-ID), two runs at once sending once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.support.receivers import Mailbox, smtp_server

PEOPLE = ("vanphong", "lanhdao", "ct-ubnd", "ct-ca", "ct-tu-btc", "ct-svhttdl")
# the demo's five open tasks, 14 days late on 14/01/2025: focal points, their head and
# the office hear of them, each once
EXPECTED = {"vanphong", "lanhdao", "ct-ubnd", "ct-ca", "ct-tu-btc", "ct-svhttdl"}


def _env(db_url: str, data: Path, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DONDOC_DATABASE_URL": db_url,
        "DONDOC_DATA_DIR": str(data),
        "DONDOC_SMTP_HOST": "127.0.0.1",
        "DONDOC_SMTP_PORT": str(port),
    }


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dondoc", *args], capture_output=True, text=True, check=False, env=env
    )


def _demo_with_emails(env: dict[str, str]) -> None:
    assert _cli(env, "demo").returncode == 0
    for name in PEOPLE:
        assert _cli(env, "user", "email", name, f"{name}@example.vn").returncode == 0


def _received(box: Mailbox) -> Counter[str]:
    return Counter(str(m["To"]).split("<")[-1].split("@")[0] for m in box.messages)


def test_remind_prints_one_line_per_message_and_a_total(db_url: str, tmp_path: Path) -> None:
    with smtp_server() as (box, port):
        env = _env(db_url, tmp_path / "data", port)
        _demo_with_emails(env)
        dry = _cli(env, "remind", "--as-of", "2025-01-14", "--dry-run")
        assert dry.returncode == 0, dry.stderr
        lines = dry.stdout.strip().splitlines()
        assert lines[-1] == "2025-01-14: 5 tasks to remind, 12 messages would send"
        assert "ct-ubnd" in dry.stdout and "email" in dry.stdout and "would send" in dry.stdout
        assert box.messages == []
        real = _cli(env, "remind", "--as-of", "2025-01-14")
        assert real.returncode == 0, real.stderr
        assert real.stdout.strip().splitlines()[-1] == "2025-01-14: 5 tasks to remind, 12 messages sent"
        assert set(_received(box)) == EXPECTED and max(_received(box).values()) == 1
        holiday = _cli(env, "remind", "--as-of", "2025-01-01")
        assert holiday.stdout.strip() == (
            "2025-01-01: nothing sent: 2025-01-01 is not a working day (Tết Dương lịch)"
        )
        bad = _cli(env, "remind", "--as-of", "2025-01-14", "--time", "25:99")
        assert bad.returncode == 2 and "not a time HH:MM" in bad.stderr and "Traceback" not in bad.stderr


def test_a_run_killed_in_the_middle_is_finished_by_the_next_without_doubles(
    db_url: str, tmp_path: Path
) -> None:
    with smtp_server(delay=0.4) as (box, port):
        env = _env(db_url, tmp_path / "data", port)
        _demo_with_emails(env)
        proc = subprocess.Popen(
            [sys.executable, "-m", "dondoc", "remind", "--as-of", "2025-01-14"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while len(box.messages) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.1)  # the third message is on its way
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert 2 <= len(box.messages) < len(EXPECTED), "the run was not killed half-way"
        again = _cli(env, "remind", "--as-of", "2025-01-14")
        assert again.returncode == 0, again.stderr
        assert "planned earlier" in again.stdout
        got = _received(box)
        assert set(got) == EXPECTED  # nothing missed
        doubles = [who for who, n in got.items() if n > 1]
        # the one message in flight at the kill may arrive twice, under one Message-ID
        assert len(doubles) <= 1
        for who in doubles:
            ids = {m["Message-ID"] for m in box.messages if f"{who}@" in str(m["To"])}
            assert len(ids) == 1
        # the in-app bell: exactly once each, whatever happened to the mail
        engine = create_engine(db_url)
        with engine.connect() as conn:
            bells = conn.execute(text("SELECT user_id, count(*) FROM notifications GROUP BY user_id")).all()
            pending = conn.execute(text("SELECT count(*) FROM outbox WHERE state <> 'sent'")).scalar()
        engine.dispose()
        assert len(bells) == len(EXPECTED) and all(n == 1 for _, n in bells)
        assert pending == 0


def test_two_runs_at_once_send_each_message_once(db_url: str, tmp_path: Path) -> None:
    with smtp_server(delay=0.05) as (box, port):
        env = _env(db_url, tmp_path / "data", port)
        _demo_with_emails(env)
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "dondoc", "remind", "--as-of", "2025-01-14"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outs = [r.communicate(timeout=120) for r in runs]
        assert all(r.returncode == 0 for r in runs), outs
        assert set(_received(box)) == EXPECTED
        assert max(_received(box).values()) == 1
