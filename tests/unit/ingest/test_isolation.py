"""Readings run in a child process with limits: every outcome of the child — a result,
a reader's refusal, a defect, running out of memory or time, a crash — comes back to the
caller as a value or a DondocError, and nothing the child started outlives it."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from dondoc.config import Settings
from dondoc.errors import DondocError, ErrorCode
from dondoc.ingest.isolation import run_isolated
from tests.support import isolation_tasks as tasks

pytestmark = pytest.mark.serial  # measures time or load: runs alone, after the parallel part (scripts/test)

ROOT = Path(__file__).resolve().parents[3]


def _settings(**limits: int) -> Settings:
    return Settings(**{"read_timeout_seconds": 20, "read_memory_mb": 384, **limits})  # type: ignore[arg-type]


def test_a_result_and_a_refusal_come_back_as_they_are() -> None:
    assert run_isolated(tasks.answer, 21, settings=_settings(), name="x") == 42
    with pytest.raises(DondocError) as err:
        run_isolated(tasks.refuse, "empty.txt", settings=_settings(), name="x")
    assert err.value.code is ErrorCode.INPUT_EMPTY and "empty.txt" in err.value.message


def test_a_defect_is_e_internal_not_a_traceback() -> None:
    with pytest.raises(DondocError) as err:
        run_isolated(tasks.defect, settings=_settings(), name="x")
    assert err.value.code is ErrorCode.INTERNAL and "ValueError: a bug" in err.value.message


def test_memory_past_the_limit_is_too_complex() -> None:
    t0 = time.monotonic()
    with pytest.raises(DondocError) as err:
        run_isolated(tasks.eat_memory, settings=_settings(read_memory_mb=256), name="bomb")
    assert err.value.code is ErrorCode.INPUT_TOO_COMPLEX and "256 MB" in err.value.message
    assert time.monotonic() - t0 < 10


def test_a_crash_is_too_complex() -> None:
    with pytest.raises(DondocError) as err:
        run_isolated(tasks.crash, settings=_settings(), name="x")
    assert err.value.code is ErrorCode.INPUT_TOO_COMPLEX and "SIGABRT" in err.value.message


def test_time_past_the_limit_stops_the_child_and_what_it_started(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    t0 = time.monotonic()
    with pytest.raises(DondocError) as err:
        run_isolated(
            tasks.hang_with_a_child, str(pid_file), settings=_settings(read_timeout_seconds=2), name="x"
        )
    assert err.value.code is ErrorCode.INPUT_TOO_COMPLEX and "longer than 2 s" in err.value.message
    assert time.monotonic() - t0 < 5
    grandchild = int(pid_file.read_text())
    time.sleep(0.2)
    assert not _alive(grandchild)  # killed with its process group


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"  # a zombie has ended; only its exit status waits to be read


def test_progress_is_heard_as_it_comes() -> None:
    heard: list[tuple[int, int]] = []
    result = run_isolated(
        tasks.count, 3, settings=_settings(), name="x", on_progress=lambda d, t: heard.append((d, t))
    )
    assert result == "counted" and heard == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_the_callers_script_is_not_run_again_in_the_child(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    seed = ROOT / "dondoc/demo/cantho-q4-2024.txt"
    script = tmp_path / "script.py"
    script.write_text(
        "from pathlib import Path\n"
        f"Path({str(marker)!r}).open('a').write('x')  # a top level with a side effect\n"
        "from dondoc.config import Settings\n"
        "from dondoc.ingest.reader import read_document\n"
        f"print(len(read_document(Path({str(seed)!r}), Settings()).source.text))\n"
    )
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
    assert marker.read_text() == "x" and int(result.stdout) > 10_000
    # nor from standard input, which is no file at all
    piped = subprocess.run(
        [sys.executable, "-"], input=script.read_text(), capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert piped.returncode == 0, piped.stderr
