"""Đôn đốc in a real browser: a unit's focal point sees the bell's count and the digest,
the leader sees which units answer; both pages pass axe and are kept as screenshots."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from dondoc.services import reminders, users
from dondoc.services.context import SYSTEM
from tests.e2e.conftest import SHOTS, Live, axe_violations, login
from tests.support.tracking import assign, confirmed_seed

pytestmark = pytest.mark.e2e


def test_e2e_the_bell_the_digest_and_the_leaders_view(
    live: Live, browser: object, shot: Callable[[object, str, Callable[[], None]], None]
) -> None:
    from playwright.sync_api import expect

    office = users.actor_by_name(live.store, "vanphong")
    _, tasks = confirmed_seed(live.store, office, on=dt.date(2024, 10, 7))
    assign(live.store, office, tasks["t1"], "CT-CA", on=dt.date(2024, 10, 8))
    result = reminders.run(live.store, SYSTEM, day=dt.date(2025, 1, 7))  # 7 days late
    assert {m.username for m in result.messages} == {"congan", "lanhdao"}

    page = browser.new_page()  # type: ignore[attr-defined]
    base = live.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot(page, "1-login", lambda: (login(page, base, "congan"), expect(page).to_have_url(f"{base}/inbox")))
    bell = page.locator("#bell")  # type: ignore[attr-defined]
    shot(page, "2-bell", lambda: expect(bell).to_contain_text("1"))
    shot(page, "3-open", lambda: (bell.click(), expect(page).to_have_url(f"{base}/notifications")))
    body = page.locator("pre.message")  # type: ignore[attr-defined]
    expect(body).to_contain_text("NHIỆM VỤ QUÁ HẠN (1)")
    expect(body).to_contain_text("quá hạn 7 ngày")
    assert axe_violations(page) == []
    page.screenshot(path=str(SHOTS / "notifications.png"), full_page=True)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Đánh dấu tất cả đã đọc").click()  # type: ignore[attr-defined]
    expect(page.get_by_role("button", name="Đánh dấu tất cả đã đọc")).to_have_count(0)  # type: ignore[attr-defined]
    expect(bell).not_to_contain_text("1")

    leader = browser.new_page()  # type: ignore[attr-defined]
    login(leader, base, "lanhdao")
    leader.goto(f"{base}/followup")  # type: ignore[attr-defined]
    table = leader.locator("#followup")  # type: ignore[attr-defined]
    expect(table).to_contain_text("Công an thành phố")
    expect(table).to_contain_text("Chưa phản hồi")
    assert axe_violations(leader) == []
    leader.screenshot(path=str(SHOTS / "followup.png"), full_page=True)  # type: ignore[attr-defined]


def test_e2e_the_office_downloads_the_report_and_the_letter(
    live: Live, browser: object, shot: Callable[[object, str, Callable[[], None]], None], tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    office = users.actor_by_name(live.store, "vanphong")
    _, tasks = confirmed_seed(live.store, office, on=dt.date(2024, 10, 7))
    assign(live.store, office, tasks["t1"], "CT-CA", on=dt.date(2024, 10, 8))
    assign(live.store, office, tasks["t2"], "CT-UBND", on=dt.date(2024, 10, 8))
    page = browser.new_page(accept_downloads=True)  # type: ignore[attr-defined]
    base = live.url
    shot(page, "1-login", lambda: (login(page, base, "vanphong"), expect(page).to_have_url(f"{base}/desk")))
    shot(page, "2-reports", lambda: page.get_by_role("link", name="Báo cáo", exact=True).click())  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", name="Báo cáo tình hình thực hiện nhiệm vụ")).to_be_visible()  # type: ignore[attr-defined]
    assert axe_violations(page) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "reports-page.png"), full_page=True)  # type: ignore[attr-defined]
    for name, form, fmt in (
        ("periodic", "#p-format", "pdf"),
        ("periodic", "#p-format", "docx"),
        ("periodic", "#p-format", "xlsx"),
        ("letter", "#l-format", "pdf"),
        ("letter", "#l-format", "docx"),
    ):
        if name == "periodic":
            page.fill("#p-as-of", "2025-01-07")  # type: ignore[attr-defined]
        else:
            page.select_option("#l-unit", "CT-CA")  # type: ignore[attr-defined]
            page.fill("#l-as-of", "2025-01-07")  # type: ignore[attr-defined]
        page.select_option(form, fmt)  # type: ignore[attr-defined]
        button = "Tạo báo cáo" if name == "periodic" else "Tạo công văn"
        with page.expect_download() as info:  # type: ignore[attr-defined]
            page.get_by_role("button", name=button).click()  # type: ignore[attr-defined]
        path = tmp_path / f"{name}.{fmt}"
        info.value.save_as(str(path))
        # DOCX and XLSX as an office suite shows them: LibreOffice lays them out as PDF
        pdf = path if fmt == "pdf" else _office_pdf(path, tmp_path)
        assert pdf.read_bytes()[:5] == b"%PDF-"
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        flat = " ".join(text.split())
        assert "Cần Thơ, ngày 07 tháng 01 năm 2025" in flat
        # the motto heads the documents; a workbook's first sheet names the issuer
        assert ("VĂN PHÒNG THÀNH ỦY" if fmt == "xlsx" else "ĐẢNG CỘNG SẢN VIỆT NAM") in flat
        if name == "letter":
            assert "Kính gửi: Công an thành phố." in flat
        # the first page as an image, kept with the screenshots of the run
        # (of a workbook its second page: the first table, after the sheet naming the issuer)
        shot_name = f"report-{name}" if fmt == "pdf" else f"report-{name}-{fmt}"
        page_no = "2" if fmt == "xlsx" else "1"
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "60",
                "-png",
                "-f",
                page_no,
                "-l",
                page_no,
                "-singlefile",
                str(pdf),
                str(SHOTS / shot_name),
            ],
            check=True,
        )
        assert _ink(SHOTS / f"{shot_name}.png") > 1_000  # drawn, not a blank page


def _ink(png: Path) -> int:
    """How many pixels of the image are dark (text, rules, bars)."""
    from PIL import Image

    with Image.open(png) as image:
        return sum(image.convert("L").histogram()[:128])


def _office_pdf(path: Path, tmp_path: Path) -> Path:
    """The document converted by LibreOffice (headless, a profile of its own in tmp_path)."""
    out = tmp_path / f"office-{path.suffix[1:]}"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out / f"{path.stem}.pdf"
