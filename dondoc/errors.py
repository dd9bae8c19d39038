"""Error codes and English messages.

Every failure a user can cause has an `ErrorCode`; the CLI prints one English line
with the code, the web layer (later) maps the code to Vietnamese text. Messages take
structured params so that no caller formats user-facing text itself.
"""

from __future__ import annotations

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
    NO_TEXT_LAYER = "E_NO_TEXT_LAYER"
    NOTHING_READ = "E_NOTHING_READ"
    NOT_FOUND = "E_NOT_FOUND"
    CONFLICT = "E_CONFLICT"
    FORBIDDEN = "E_FORBIDDEN"
    RULE_VIOLATED = "E_RULE_VIOLATED"
    BAD_CREDENTIALS = "E_BAD_CREDENTIALS"
    UNITS_FILE = "E_UNITS_FILE"
    DATABASE = "E_DATABASE"
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
    ErrorCode.DATABASE: "the database cannot be used ({detail})",
    ErrorCode.INTERNAL: "unexpected {kind}: {detail} (please report it)",
}


class DondocError(Exception):
    """A failure with a stable code and the parameters of its message."""

    def __init__(self, code: ErrorCode, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return MESSAGES[self.code].format(**{k: str(v) for k, v in self.params.items()})
