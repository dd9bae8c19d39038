"""The CLI on real files: exit codes, one-line English errors, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dondoc", *args], capture_output=True, text=True, check=False
    )


def test_extract_seed_json(shared_dir: Path) -> None:
    result = run("extract", str(shared_dir / "corpus/seed/cantho-q4-2024.txt"), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["tasks"]) == 25


def test_extract_warns_on_a_text_that_is_not_a_directive(shared_dir: Path) -> None:
    result = run("extract", str(shared_dir / "corpus/negatives/neg-20.txt"))
    assert result.returncode == 0, result.stderr
    assert "warning: neg-20.txt does not look like a directive (no issuer header;" in result.stderr
    doc = json.loads(result.stdout)["doc"]
    assert doc["is_directive"] is False
    assert "no signature block" in doc["directive_reasons"]
    seed = run("extract", str(shared_dir / "corpus/seed/cantho-q4-2024.txt"))
    assert "warning" not in seed.stderr
    assert json.loads(seed.stdout)["doc"]["is_directive"] is True


def test_extract_dir_writes_one_json_per_input(shared_dir: Path, tmp_path: Path) -> None:
    result = run("extract", str(shared_dir / "corpus/dev"), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert len(list(tmp_path.glob("*.json"))) == 10


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"", "E_INPUT_EMPTY"), (b"   \n\n", "E_INPUT_EMPTY"), (bytes(range(256)) * 20, "E_INPUT_BINARY")],
)
def test_bad_input_gives_one_line_and_exit_1(tmp_path: Path, content: bytes, code: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    result = run("extract", str(f))
    assert result.returncode == 1
    assert code in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_file(tmp_path: Path) -> None:
    result = run("extract", str(tmp_path / "nope.txt"))
    assert result.returncode == 1 and "E_INPUT_NOT_FOUND" in result.stderr


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    with f.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: the size alone must refuse it
    result = run("extract", str(f))
    assert result.returncode == 1 and "E_TOO_LARGE" in result.stderr


def test_undecodable_bytes_are_refused_not_guessed(tmp_path: Path) -> None:
    f = tmp_path / "garbage.txt"
    f.write_bytes(bytes(range(0x80, 0x100)) * 50)
    result = run("extract", str(f))
    assert result.returncode == 1
    assert "E_ENCODING_UNKNOWN" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_valid_document_without_tasks_gives_empty_list(tmp_path: Path) -> None:
    f = tmp_path / "notice.txt"
    f.write_text("ỦY BAN NHÂN DÂN\nThông báo lịch tiếp công dân tháng 12.\n", encoding="utf-8")
    result = run("extract", str(f))
    assert result.returncode == 0
    assert json.loads(result.stdout)["tasks"] == []


def _cp1258(text: str) -> bytes:
    """Windows-1258 keeps vowel-with-hat letters precomposed and tone marks combining."""
    out = bytearray()
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and out:
            try:
                composed = unicodedata.normalize("NFC", bytes(out[-1:]).decode("cp1258") + ch)
                out[-1:] = composed.encode("cp1258")
                continue
            except UnicodeEncodeError:
                pass
        out += ch.encode("cp1258")
    return bytes(out)


def test_windows_1258_text_is_decoded(tmp_path: Path) -> None:
    f = tmp_path / "cp.txt"
    f.write_bytes(_cp1258("Giao Sở Tài chính chủ trì.\n"))
    result = run("extract", str(f))
    assert result.returncode == 0
    assert json.loads(result.stdout)["doc"]["encoding"] == "windows-1258"


@pytest.mark.parametrize("encoding", ["vni", "tcvn3"])
def test_legacy_encodings_extract_like_unicode(shared_dir: Path, tmp_path: Path, encoding: str) -> None:
    from dondoc.ingest.encodings import encode_tcvn3, encode_vni

    seed = unicodedata.normalize("NFC", (shared_dir / "corpus/seed/cantho-q4-2024.txt").read_text("utf-8"))
    f = tmp_path / f"seed-{encoding}.txt"
    f.write_bytes(encode_vni(seed) if encoding == "vni" else encode_tcvn3(seed))
    result = run("extract", str(f))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["doc"]["encoding"] == encoding
    assert len(doc["tasks"]) == 25


def test_extract_pdf(shared_dir: Path) -> None:
    result = run("extract", str(shared_dir / "corpus/dev/nq-113-cp-2026.pdf"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["doc"]["number"], len(data["tasks"])) == ("113/NQ-CP", 6)
    # each task says where to highlight it: its page (1-based) and a box on that A4 page
    for task in data["tasks"]:
        x0, top, x1, bottom = task["box"]
        assert task["page"] in (1, 2) and 0 <= x0 < x1 <= 596 and 0 <= top < bottom <= 842, task
    assert [t["page"] for t in data["tasks"]] == sorted(t["page"] for t in data["tasks"])
    review = run("extract", str(shared_dir / "corpus/dev/nq-113-cp-2026.pdf"), "--format", "md")
    assert "(page 1)" in review.stdout


def test_text_input_has_no_page(shared_dir: Path) -> None:
    data = json.loads(run("extract", str(shared_dir / "corpus/seed/cantho-q4-2024.txt")).stdout)
    assert {(t["page"], t["box"]) for t in data["tasks"]} == {(None, None)}


@pytest.mark.parametrize(
    ("fixture", "code"),
    [("encrypted.pdf", "E_INPUT_ENCRYPTED")],
)
def test_hostile_files_give_one_line(fixture: str, code: str) -> None:
    result = run("extract", str(Path(__file__).parents[2] / "data" / fixture))
    assert result.returncode == 1 and code in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_file_is_read_by_its_content_not_its_name(shared_dir: Path, tmp_path: Path) -> None:
    f = tmp_path / "directive.txt"  # a PDF under a misleading name
    f.write_bytes((shared_dir / "corpus/dev/nq-113-cp-2026.pdf").read_bytes())
    result = run("extract", str(f))
    assert result.returncode == 0 and len(json.loads(result.stdout)["tasks"]) == 6


def test_issue_13_l2_a_file_name_cannot_forge_lines_or_colour_the_terminal(tmp_path: Path) -> None:
    name = "chi-thi\nerror [E_FAKE]: forged line\x1b[31m\u202e.txt"
    bad = tmp_path / name
    bad.write_bytes(b"   \n")
    for target in (bad, tmp_path / ("missing\n" + "\x1b[2J")):
        result = run("extract", str(target))
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 1 and len(lines) == 1, result.stderr
        assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
        assert "\\n" in lines[0] and "\\x1b" in lines[0]
