"""The Vietnamese catalogue (i18n/vi.toml) and the formatting helpers templates use."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from functools import cache
from importlib import resources

from markupsafe import Markup, escape

from dondoc.errors import DondocError, ErrorCode


@cache
def catalogue() -> dict[str, dict[str, str]]:
    raw = resources.files("dondoc.web").joinpath("i18n/vi.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


# the `kind` parameter of messages, in Vietnamese
KINDS = {
    "task": "nhiệm vụ",
    "directive": "văn bản",
    "unit": "đơn vị",
    "user": "người dùng",
    "status": "trạng thái",
    "progress update": "báo cáo",
    "extension request": "đề nghị gia hạn",
    "body mention": "cụm từ cơ quan",
    "file": "tệp",
    "the record": "dữ liệu",
    "reading job": "lượt đọc văn bản",
    "group of units": "nhóm đơn vị",
    "task link": "liên kết nhiệm vụ",
    "area": "lĩnh vực",
}


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@cache
def _templates(section: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """A section's lines as (pattern of the English text, Vietnamese template): fixed texts
    first, then the most specific patterns."""
    out = []
    for english, vietnamese in catalogue()[section].items():
        parts = _PLACEHOLDER.split(english)  # text, name, text, name, …, text
        regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts))
        out.append((len(parts) > 1, -len(english), re.compile(regex, re.S), vietnamese))
    return tuple((pattern, vi) for _, _, pattern, vi in sorted(out, key=lambda r: (r[0], r[1])))


def _translate(section: str, english: str) -> str:
    for pattern, vietnamese in _templates(section):
        m = pattern.fullmatch(english)
        if m:
            return vietnamese.format(**m.groupdict())
    return english


def rule_detail(detail: str) -> str:
    """A rule's detail in Vietnamese; as written when no line of the catalogue has it."""
    return _translate("rule_details", detail)


def audit_action(action: str) -> str:
    """An audit action ("task.assign") as the user reads it ("Giao nhiệm vụ")."""
    return catalogue()["audit_actions"].get(action, action)


def unit_kind(kind: str) -> str:
    """A unit's kind ("people_committee") in Vietnamese; a kind typed by the office as typed."""
    return catalogue()["unit_kinds"].get(kind, kind)


def review_flag(flag: str) -> str:
    """A task's review flag (extract.review) in Vietnamese."""
    return _translate("review_flags", flag)


def directive_reason(reason: str) -> str:
    """A reason of the verdict on a document (extract.verdict) in Vietnamese."""
    return _translate("directive_reasons", reason)


def error_message(exc: DondocError) -> str:
    template = catalogue()["errors"].get(exc.code.value, catalogue()["status"]["500"])
    params = {k: str(v) for k, v in exc.params.items()}
    if "kind" in params:
        params["kind"] = KINDS.get(params["kind"], params["kind"])
    for size in ("size", "limit"):  # bytes as people read them ("12,5 MB"), not 13107200
        value = exc.params.get(size)
        if exc.code is ErrorCode.TOO_LARGE and isinstance(value, int):
            params[size] = vn_size(value)
    if exc.code is ErrorCode.RULE_VIOLATED and "detail" in params:
        params["detail"] = rule_detail(params["detail"])
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def status_message(status: int) -> str:
    return catalogue()["status"].get(str(status), catalogue()["status"]["500"])


def vn_size(n: int) -> str:
    """A size in bytes as a Vietnamese reader writes it: "12,5 MB", "340 KB", "18 byte"."""
    if n < 1024:
        return f"{n} byte"
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= scale:
            value = n / scale
            text = f"{value:.1f}".rstrip("0").rstrip(".") if value < 100 else f"{value:.0f}"
            return f"{text.replace('.', ',')} {unit}"
    return f"{n} byte"


def vn_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def vn_percent(share: float | None) -> str:
    """0.875 → "87,5%" (a decimal comma, as Vietnamese writes it)."""
    return "—" if share is None else f"{100 * share:.1f}".replace(".", ",") + "%"


BUCKET_LABELS = {
    "done_on_time": "Hoàn thành đúng hạn",
    "done_late": "Hoàn thành quá hạn",
    "open_in_term": "Đang thực hiện trong hạn",
    "due_soon": "Sắp đến hạn",
    "overdue": "Quá hạn",
    "no_deadline": "Không có thời hạn",
}


_STATUS = {
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.CONFLICT: 409,
    ErrorCode.RULE_VIOLATED: 422,
    ErrorCode.BAD_CREDENTIALS: 401,
    ErrorCode.TOO_LARGE: 413,
    ErrorCode.DATABASE: 503,
    ErrorCode.STORAGE_UNAVAILABLE: 503,
    ErrorCode.LOGIN_THROTTLED: 429,
    ErrorCode.INTERNAL: 500,
}


def http_status(exc: DondocError) -> int:
    """The HTTP status an error is answered with (400 for a refused input)."""
    return _STATUS.get(exc.code, 400)


_VIETNAM = dt.timezone(dt.timedelta(hours=7))
_URL = re.compile(r"https?://[^\s<>\"']+")


def vn_time(value: dt.datetime) -> str:
    """A stored moment in Vietnam's time, "14:05 ngày 03/12/2026" (a naive one is UTC, as
    SQLite returns what it was given)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(_VIETNAM).strftime("%H:%M ngày %d/%m/%Y")


def linkify(text: str) -> Markup:
    """Plain text with its web addresses made links (escaped first: nothing else passes)."""
    escaped = str(escape(text))
    return Markup(_URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped))
