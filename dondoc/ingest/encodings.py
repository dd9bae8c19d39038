"""Bytes → Unicode text, reporting the encoding chosen.

UTF-8 (with or without BOM) and UTF-16 (BOM) are recognised from the bytes. Anything
else is one of the 8-bit encodings Vietnamese offices used: Windows-1258, TCVN3 (ABC) or
VNI-Windows. Every byte string "decodes" in all three, so each candidate is judged by how
Vietnamese its result reads (the share of very common words, then of valid letters), on a
sample; the winner decodes the whole file. Mapping tables are data (`charmaps/`).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Callable
from functools import cache
from importlib import resources

from dondoc.errors import DondocError, ErrorCode

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_SAMPLE = 64 * 1024
_WORD = re.compile(r"[^\W\d_]+")


def _charmap(name: str) -> dict[str, object]:
    with resources.files("dondoc.ingest").joinpath(f"charmaps/{name}.toml").open("rb") as fh:
        return tomllib.load(fh)


@cache
def _cp1252_table() -> str:
    """Each byte as Windows-1252 reads it (the five undefined bytes as Latin-1)."""
    return "".join(
        bytes([b]).decode("cp1252", errors="replace").replace("\ufffd", chr(b)) for b in range(256)
    )


@cache
def _tcvn3_table() -> dict[int, str]:
    base = _cp1252_table()
    table = {b: base[b] for b in range(128, 256)}
    mapping = _charmap("tcvn3")["bytes"]
    assert isinstance(mapping, dict)
    for hex_byte, letter in mapping.items():
        table[int(hex_byte, 16)] = str(letter)
    return table


@cache
def _vni_maps() -> tuple[re.Pattern[str], dict[str, str]]:
    letters = _charmap("vni")["letters"]
    assert isinstance(letters, dict)
    reverse = {str(seq): str(letter) for letter, seq in letters.items()}
    alternatives = sorted(reverse, key=len, reverse=True)  # "ôù" (ớ) before "ô" (ơ)
    return re.compile("|".join(map(re.escape, alternatives))), reverse


@cache
def _vietnamese_letters() -> frozenset[str]:
    letters = _charmap("vni")["letters"]
    assert isinstance(letters, dict)
    return frozenset(letters) | frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


@cache
def _common_words() -> frozenset[str]:
    words = _charmap("common_words")["words"]
    assert isinstance(words, list)
    return frozenset(str(w) for w in words)


def _upper_words(text: str) -> str:
    """TCVN3 has no codes for upper-case toned letters: a word whose ASCII letters are all
    capitals was set in an upper-case font ("CéNG" → "CỘNG")."""

    def fix(m: re.Match[str]) -> str:
        w = m.group(0)
        ascii_letters = [c for c in w if c.isascii()]
        if len(w) > 1 and ascii_letters and all(c.isupper() for c in ascii_letters):
            return w.upper()
        return w

    return _WORD.sub(fix, text)


def decode_tcvn3(data: bytes) -> str:
    text = data.decode("latin-1").translate(_tcvn3_table())
    return _upper_words(unicodedata.normalize("NFC", text))


def decode_vni(data: bytes) -> str:
    pattern, reverse = _vni_maps()
    text = data.decode("latin-1").translate(dict(enumerate(_cp1252_table())))
    return pattern.sub(lambda m: reverse[m.group(0)], text)


def decode_cp1258(data: bytes) -> str:
    # Windows-1258 writes tone marks as combining characters: compose them
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="strict"))


def encode_tcvn3(text: str) -> bytes:
    """Unicode → TCVN3, for tests and for exporting to legacy systems."""
    reverse = {v: k for k, v in _tcvn3_table().items()}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 128:
            out.append(ord(ch))
        elif ch in reverse:
            out.append(reverse[ch])
        elif ch.lower() in reverse:
            out.append(reverse[ch.lower()])  # the capital is the font's business
        else:
            raise ValueError(f"no TCVN3 code for {ch!r}")
    return bytes(out)


def encode_vni(text: str) -> bytes:
    letters = _charmap("vni")["letters"]
    assert isinstance(letters, dict)
    seq = "".join(str(letters.get(ch, ch)) for ch in unicodedata.normalize("NFC", text))
    return seq.encode("cp1252")


_CANDIDATES: tuple[tuple[str, Callable[[bytes], str]], ...] = (
    ("windows-1258", decode_cp1258),
    ("tcvn3", decode_tcvn3),
    ("vni", decode_vni),
)


def reads_as_vietnamese(text: str) -> bool:
    """Whether decoded text looks like Vietnamese: its letters belong to the alphabet and
    its most common words occur. A text layer drawn with a font whose characters map to
    the wrong codes (copy-protected PDFs, legacy fonts) fails this."""
    common, valid = _score(unicodedata.normalize("NFC", text))
    return valid >= 0.9 and common >= 0.03


# A page of Vietnamese prose marks a tone or vowel on most of its words (about half even
# in a table of names and figures); a text layer drawn with a legacy font that has no
# Unicode map loses them and gains foreign letters: "Can cü Nghj quyt s 12-NQ/TU cüa Ban
# Thu'ò'ng vu". Below this share of marked words, with a few words at least, the layer is
# not the page's text.
_MIN_MARKED_WORDS = 0.15
_MIN_WORDS_TO_JUDGE = 30


_FEW_WORDS = 8  # too few to count common words among (a last page with the signer's name)


def page_reads_as_vietnamese(text: str) -> bool:
    """A PDF page's text layer is the page's Vietnamese text (else the page goes to OCR)."""
    text = unicodedata.normalize("NFC", text)
    words = _WORD.findall(text)
    if 0 < len(words) < _FEW_WORDS:
        # "Đinh Văn Lâm" alone: letters of the alphabet, a word marked as Vietnamese marks it
        # (a legacy font's "§inh V¨n L©m" keeps neither)
        letters = _vietnamese_letters()
        return _score(text)[1] >= 0.9 and any(not w.isascii() and all(c in letters for c in w) for w in words)
    if not reads_as_vietnamese(text):
        return False
    words = _WORD.findall(text)
    if len(words) < _MIN_WORDS_TO_JUDGE:
        return True
    letters = _vietnamese_letters()
    marked = sum(1 for w in words if not w.isascii() and all(c in letters for c in w))
    return marked / len(words) >= _MIN_MARKED_WORDS


def _score(text: str) -> tuple[float, float]:
    """(share of very common words, share of letters that belong to Vietnamese)."""
    words = _WORD.findall(text)
    if not words:
        return 0.0, 0.0
    common = _common_words()
    hits = sum(1 for w in words if w.lower() in common)
    letters = _vietnamese_letters()
    chars = [c for w in words for c in w]
    valid = sum(1 for c in chars if c in letters)
    return hits / len(words), valid / len(chars)


def _binary_share(data: bytes) -> float:
    sample = data[:_SAMPLE]
    if not sample:
        return 0.0
    bad = sum(1 for b in sample if b < 9 or (13 < b < 32 and b != 27))
    return bad / len(sample)


def decode(data: bytes, *, name: str = "input") -> tuple[str, str]:
    """Return (text, encoding name) or raise DondocError. A NUL anywhere refuses the file
    (no text has one: it is a damaged or binary file, and no database stores it); the
    other control characters (a DOS end-of-file mark, an ESC) become spaces, so that
    offsets stay those of the file."""
    text, encoding = _decode(data, name)
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise DondocError(
            ErrorCode.INPUT_BINARY, name=name, detail=f"a NUL character at line {line}, column {column}"
        )
    return blank_controls(text), encoding


# C0 controls but tab, line feed, vertical tab, form feed and carriage return (which lay
# text out), and DEL
_CONTROLS = re.compile("[\x01-\x08\x0e-\x1f\x7f]")


def blank_controls(text: str) -> str:
    """`text` with each control character that is not layout (and NUL) as a space: the
    same length, so offsets into it stay valid."""
    if "\x00" in text:
        text = text.replace("\x00", " ")
    return _CONTROLS.sub(" ", text) if _CONTROLS.search(text) else text


def _decode(data: bytes, name: str) -> tuple[str, str]:
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
    sample = data[:_SAMPLE]
    scored: list[tuple[tuple[float, float], str, Callable[[bytes], str]]] = []
    for enc, fn in _CANDIDATES:
        try:
            scored.append((_score(fn(sample)), enc, fn))
        except UnicodeDecodeError:
            continue
    if not scored:
        raise DondocError(
            ErrorCode.ENCODING_UNKNOWN, name=name, detail="not UTF-8 nor any 8-bit Vietnamese code"
        )
    (_common, valid), enc, fn = max(scored, key=lambda s: s[0])
    if valid < 0.9:
        raise DondocError(
            ErrorCode.ENCODING_UNKNOWN,
            name=name,
            detail="not UTF-8, and no 8-bit Vietnamese code (Windows-1258, TCVN3, VNI) reads as Vietnamese",
        )
    return fn(data), enc
