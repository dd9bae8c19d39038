"""Logging for the long-running processes (`dondoc serve`, `dondoc worker`).

`json` (the default with `env=production`): one JSON object a line on stderr, for a log
collector: time (UTC, ISO 8601), level, logger, message, the request's id when the line
was written while serving one (the same id the response carries in `X-Request-ID`, taken
from the proxy when it sends a sane one), and the exception's type and trace when there
is one. `text`: a line a person reads. Messages never carry a document's text nor a
password: the callers log ids, names and counts.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import sys
import traceback
from typing import Literal

REQUEST_ID: contextvars.ContextVar[str | None] = contextvars.ContextVar("dondoc_request_id", default=None)

Format = Literal["json", "text"]


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or REQUEST_ID.get()
        if request_id:
            entry["request_id"] = request_id
        for key in ("method", "route", "path", "status", "ms", "job", "kind"):
            value = record.__dict__.get(key)
            if value is not None:
                entry[key] = value
        if record.exc_info and record.exc_info[0] is not None:
            entry["error"] = record.exc_info[0].__name__
            entry["trace"] = "".join(traceback.format_exception(*record.exc_info))[-4000:]
        return json.dumps(entry, ensure_ascii=False)


class _TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        request_id = REQUEST_ID.get()
        return f"{line} [{request_id}]" if request_id else line


def configure(fmt: Format, level: str = "info") -> None:
    """Sends dondoc's and the server's logs to stderr in `fmt`; called once by a
    long-running command (the library itself never configures logging)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter()
        if fmt == "json"
        else _TextFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.WARNING)  # libraries: warnings and errors only
    for name in ("dondoc", "uvicorn.error"):
        logging.getLogger(name).setLevel(level.upper())
