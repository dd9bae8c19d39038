"""Bytes → Unicode text, reporting the encoding chosen.

UTF-8 (with or without BOM) and UTF-16 (BOM) are recognised from the bytes; otherwise the
text must decode as Windows-1258. Legacy Vietnamese 8-bit encodings (TCVN3/ABC, VNI)
are not yet converted: they are refused with a clear error rather than turned into
mojibake.
"""

from __future__ import annotations

from dondoc.errors import DondocError, ErrorCode

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _binary_share(data: bytes) -> float:
    sample = data[:65536]
    if not sample:
        return 0.0
    bad = sum(1 for b in sample if b < 9 or (13 < b < 32 and b != 27))
    return bad / len(sample)


def decode(data: bytes, *, name: str = "input") -> tuple[str, str]:
    """Return (text, encoding name) or raise DondocError."""
    if not data.strip():
        raise DondocError(ErrorCode.INPUT_EMPTY, name=name)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), "utf-16" if enc == "utf-16" else "utf-8"
            except UnicodeDecodeError as exc:
                raise DondocError(
                    ErrorCode.ENCODING_UNKNOWN, name=name, detail=f"invalid {enc}: {exc.reason}"
                ) from exc
    if _binary_share(data) > 0.01:
        raise DondocError(ErrorCode.INPUT_BINARY, name=name, detail="control bytes found")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise DondocError(
            ErrorCode.ENCODING_UNKNOWN, name=name, detail="neither UTF-8 nor Windows-1258"
        ) from exc
    return text, "windows-1258"
