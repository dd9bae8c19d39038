"""Error codes and English messages.

Every failure a user can cause has an `ErrorCode`; the CLI prints one English line
with the code, the web layer (later) maps the code to Vietnamese text. Messages take
structured params so that no caller formats user-facing text itself.
"""

from __future__ import annotations

import re
from enum import StrEnum


class ErrorCode(StrEnum):
    INPUT_EMPTY = "E_INPUT_EMPTY"
    INPUT_NOT_FOUND = "E_INPUT_NOT_FOUND"
    INPUT_BINARY = "E_INPUT_BINARY"
    TOO_LARGE = "E_TOO_LARGE"
    ENCODING_UNKNOWN = "E_ENCODING_UNKNOWN"
    FORMAT_UNSUPPORTED = "E_FORMAT_UNSUPPORTED"
    OUTPUT_FAILED = "E_OUTPUT_FAILED"
    INPUT_CORRUPT = "E_INPUT_CORRUPT"
    INPUT_ENCRYPTED = "E_INPUT_ENCRYPTED"
    INPUT_UNSAFE = "E_INPUT_UNSAFE"
    TOO_MANY_PAGES = "E_TOO_MANY_PAGES"
    INPUT_TOO_COMPLEX = "E_INPUT_TOO_COMPLEX"
    NO_TEXT_LAYER = "E_NO_TEXT_LAYER"
    NOTHING_READ = "E_NOTHING_READ"
    NOT_FOUND = "E_NOT_FOUND"
    CONFLICT = "E_CONFLICT"
    FORBIDDEN = "E_FORBIDDEN"
    RULE_VIOLATED = "E_RULE_VIOLATED"
    BAD_CREDENTIALS = "E_BAD_CREDENTIALS"
    UNITS_FILE = "E_UNITS_FILE"
    TASKS_FILE = "E_TASKS_FILE"
    BACKUP = "E_BACKUP"
    DATABASE = "E_DATABASE"
    STORAGE_UNAVAILABLE = "E_STORAGE_UNAVAILABLE"
    LOGIN_THROTTLED = "E_LOGIN_THROTTLED"
    INTERNAL = "E_INTERNAL"


MESSAGES: dict[ErrorCode, str] = {
    ErrorCode.INPUT_EMPTY: "{name}: the file is empty",
    ErrorCode.INPUT_NOT_FOUND: "{name}: no such file or directory",
    ErrorCode.INPUT_BINARY: "{name}: this is binary data, not text ({detail})",
    ErrorCode.TOO_LARGE: "{name}: the file is {size} bytes, over the limit of {limit} bytes",
    ErrorCode.ENCODING_UNKNOWN: "{name}: the text encoding could not be recognised ({detail})",
    ErrorCode.FORMAT_UNSUPPORTED: "{name}: unsupported file format ({detail})",
    ErrorCode.OUTPUT_FAILED: "{name}: cannot write the output ({detail})",
    ErrorCode.INPUT_CORRUPT: "{name}: the {kind} file is damaged and cannot be read ({detail})",
    ErrorCode.INPUT_ENCRYPTED: "{name}: the {kind} file is password-protected",
    ErrorCode.INPUT_UNSAFE: "{name}: refused as unsafe ({detail})",
    ErrorCode.TOO_MANY_PAGES: "{name}: {pages} pages, over the limit of {limit}",
    ErrorCode.INPUT_TOO_COMPLEX: "{name}: too complex to read within the limits ({detail})",
    ErrorCode.NO_TEXT_LAYER: (
        "{name}: no text layer on {pages} of its pages (a scan) and OCR is turned off or not installed"
    ),
    ErrorCode.NOTHING_READ: "{name}: OCR read no text in it (a blank, damaged or unreadable image)",
    ErrorCode.NOT_FOUND: "no {kind} {key}",
    ErrorCode.CONFLICT: "{kind} {key} was changed by someone else meanwhile; reload it and try again",
    ErrorCode.FORBIDDEN: "{user} may not {action} {subject}",
    ErrorCode.RULE_VIOLATED: "{detail}",
    ErrorCode.BAD_CREDENTIALS: "wrong user name or password",
    ErrorCode.UNITS_FILE: "{name}: {detail}",
    ErrorCode.TASKS_FILE: "{name}: {detail}",
    ErrorCode.BACKUP: "{name}: {detail}",
    ErrorCode.DATABASE: "the database cannot be used ({detail})",
    ErrorCode.STORAGE_UNAVAILABLE: "cannot write ({detail}); what is stored can still be read",
    ErrorCode.LOGIN_THROTTLED: "too many failed logins; try again in {seconds} s",
    ErrorCode.INTERNAL: "unexpected {kind}: {detail} (please report it)",
}


# what must not reach a terminal or a log line as it is: C0 and C1 controls (a newline
# would forge a second line, ESC starts an ANSI sequence), DEL, zero-width and
# direction-changing marks (which reorder what is shown)
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def printable(text: str) -> str:
    """`text` safe for one line of a terminal or a log: each such character is written as
    its escape (a newline as `\\n`, ESC as `\\x1b`), everything else as it is."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class DondocError(Exception):
    """A failure with a stable code and the parameters of its message."""

    def __init__(self, code: ErrorCode, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The English message; parameters (file names, details from a library) escaped,
        as it goes to a terminal or a log."""
        return MESSAGES[self.code].format(**{k: printable(str(v)) for k, v in self.params.items()})
