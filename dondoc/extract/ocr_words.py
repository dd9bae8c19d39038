"""The words that say who does what, as OCR misreads their tone marks, put right.

Tesseract's Vietnamese model reads a hook as an acute ("Ủy ban" → "Úy ban", "tỉnh" →
"tính") and drops a dot below ("Bộ Y tế" → "Bô Y tế"). Rules keyed on the spelling of
"chủ trì", "Tỉnh ủy" or "Bộ" then miss the bodies and cues of a scanned directive. The
lexicon lists the phrases to guard (noise.ocr_guarded_phrases); their misread copies are
made here by those two confusions, one syllable or several, in the case they are written,
capitalised or in capitals. A copy is put right only as a whole phrase, and never where it
is itself a guarded phrase. Each repair swaps one character for one, so every offset of the
text stays and spans still point at the source.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import cache

from dondoc.extract.lexicon import words

# a hook (hỏi) read as an acute (sắc), and a dot below (nặng) lost
_HOOK_AS_ACUTE = dict(zip("ảẳẩẻểỉỏổởủửỷ", "áắấéếíóốớúứý", strict=True))
_DOT_LOST = dict(zip("ạặậẹệịọộợụựỵ", "aăâeêioôơuưy", strict=True))
_CONFUSIONS = {**_HOOK_AS_ACUTE, **_DOT_LOST}
_CONFUSIONS |= {k.upper(): v.upper() for k, v in _CONFUSIONS.items()}
# ... and a hook lost altogether ("Uy ban nhân dân", "Sơ Nội vụ"): only in a phrase of two
# words or more, or a head before a name (a word alone so misread is often another word:
# "của" read "cua", a crab)
_HOOK_LOST = dict(zip("ảẳẩẻểỉỏổởủửỷ", "aăâeêioôơuưy", strict=True))
_HOOK_LOST |= {k.upper(): v.upper() for k, v in _HOOK_LOST.items()}


def _misread(syllable: str, table: dict[str, str] = _CONFUSIONS) -> str:
    return "".join(table.get(c, c) for c in syllable)


def misreadings(phrase: str, *, hook_lost: bool = False) -> set[str]:
    """The copies of `phrase` with one or more of its syllables misread."""
    syllables = phrase.split(" ")
    options = [
        sorted({s, _misread(s), *((_misread(s, _HOOK_LOST),) if hook_lost else ())}) for s in syllables
    ]
    return {" ".join(combo) for combo in itertools.product(*options)} - {phrase}


def _cased(phrase: str) -> set[str]:
    return {phrase, phrase[:1].upper() + phrase[1:], phrase.upper()}


@cache
def _repairs() -> tuple[re.Pattern[str], dict[str, str], frozenset[str]]:
    guarded = {c for p in words("noise", "ocr_guarded_phrases") for c in _cased(p)}
    heads = {c for p in words("noise", "ocr_guarded_before_name") for c in _cased(p)}
    fix: dict[str, str] = {}
    for phrase in sorted(guarded | heads):
        for wrong in misreadings(phrase, hook_lost=" " in phrase or phrase in heads):
            if wrong not in guarded and wrong not in heads:
                fix.setdefault(wrong, phrase)
    if any(len(k) != len(v) for k, v in fix.items()):
        raise ValueError("an OCR repair must keep the phrase's length (spans are offsets)")
    before_name = frozenset(w for w in fix if fix[w] in heads and fix[w] not in guarded)
    # one pattern shaped as a trie of the misread copies: an alternation of some 230 phrases
    # tries each at every character (a pass over the corpus took 8 times longer: 123 ms
    # against 15 ms); a trie tries a letter or two. It opens with a letter, so the regex engine skips to the
    # letters a copy can start with; the boundary before it is tested on each match.
    return re.compile(_trie(fix) + r"(?!\w)"), fix, before_name


def _trie(phrases: Iterable[str]) -> str:
    """A pattern matching exactly `phrases` (longest first), its spaces any whitespace (a
    phrase may be broken across lines: "Sở Xây dựng chú\ntrì")."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(root)


def _emit(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    alternatives = [
        (r"\s+" if ch == " " else re.escape(ch)) + _emit(child) for ch, child in sorted(node.items()) if ch
    ]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    if "" in node:
        return f"(?:{body})?"  # a phrase ends here, and longer ones go on
    return body


_SPACES = re.compile(r"(\s+)")
# Vietnamese letters by case, spelled out: a range such as À-Ỹ holds both cases
_LOWER = "a-zđàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ"
_UPPER = "A-ZĐ" + _LOWER.removeprefix("a-zđ").upper()
# a head is misread only before a name: a capitalised word ("Cần Thơ", "Y tế"), not an
# acronym ("tính EBIAT") nor the Party ("tính Đảng" is the Party spirit)
_NAME_AFTER = re.compile(rf"\s+(?!Đảng\b)[{_UPPER}](?:[{_LOWER}]|\s)")


@cache
def _telltales() -> tuple[str, ...]:
    """Misread copies common enough to show a text's OCR damage: a text that misreads a
    mark misreads it throughout (the same font, the same page), so it holds one of these
    wherever it holds any copy worth repairing. Plain substring searches, cheap to run."""
    return tuple(words("noise", "ocr_damage_signs"))


_DAMAGE_SIGNS_SHOWN = 2


def shows_damage(text: str) -> bool:
    """Does a text (a scan's OCR pasted as text, say) show OCR's damage: two of its telltale
    misreadings or more? Then an item number OCR left without its stop or read with a comma
    ("1 Sở Y tế", "2, Trạm Y tế") opens an item where the numbering goes on (the structure's
    reading of a damaged text; a scan read here has all of OCR's tolerance)."""
    return sum(sign in text for sign in _telltales()) >= _DAMAGE_SIGNS_SHOWN


def zeroed(text: str) -> str:
    """`text` with a letter O read for a zero inside a number put right ("3O/9/2026",
    "2O26", "15/1O/2026"): an O after a digit (or a digit and "/") and before a digit (or
    "/" and a digit). Read letter by letter from each O, not by a pattern over the whole
    text, which cost a twentieth of the extraction (tests hold it to that pattern)."""
    out: list[str] | None = None
    for letter in ("O", "o"):
        i = text.find(letter)
        while i >= 0:
            if _between_digits(text, i):
                if out is None:
                    out = list(text)
                out[i] = "0"
            i = text.find(letter, i + 1)
    return text if out is None else "".join(out)


def _between_digits(text: str, i: int) -> bool:
    j = i - 1
    if j > 0 and text[j] == "/":
        j -= 1
    if j < 0 or not "0" <= text[j] <= "9":
        return False
    k = i + 1
    if k < len(text) - 1 and text[k] == "/":
        k += 1
    return k < len(text) and "0" <= text[k] <= "9"


def repair(text: str) -> str:
    """`text` with the guarded phrases' misread copies put right, a letter O between the
    digits of a number read as the zero it is, and the Icelandic eth OCR reads for "Đ"
    ("21-NQ/ÐU") put back; `text` itself if none."""
    zeroed_text = zeroed(text)
    if "Ð" in zeroed_text or "ð" in zeroed_text:
        zeroed_text = zeroed_text.translate(_ETH)  # one letter for one: offsets stay
    if "lr" in zeroed_text or "Lr" in zeroed_text or "nq" in zeroed_text:
        zeroed_text = _NO_SUCH_SYLLABLE.sub(_syllable_right, zeroed_text)
    # no sign of a misread mark: spare the pattern's pass (a tenth of the extraction)
    fixed = (
        _put_marks_right(zeroed_text) if any(sign in zeroed_text for sign in _telltales()) else zeroed_text
    )
    return text if fixed == text else fixed  # the text itself: the caller skips its work


_ETH = str.maketrans({"Ð": "Đ", "ð": "đ"})

# Letters OCR misreads into spellings no Vietnamese syllable has: "lr" opening one ("lrong",
# "Môi lrường": a "t" read as "l") and "nq" closing one ("Đảnq ủy", "tháng" as "thánq": a
# "g" read as "q"). Put right wherever they stand, one letter for one; never in a symbol
# written in capitals ("01/NQ-CP").
_NO_SUCH_SYLLABLE = re.compile(
    rf"(?<![{_LOWER}{_UPPER}])[lL]r(?=[{_LOWER}])|(?<=[{_LOWER}])nq(?![{_LOWER}{_UPPER}0-9])"
)
_SYLLABLE_RIGHT = {"lr": "tr", "Lr": "Tr", "nq": "ng"}


def _syllable_right(m: re.Match[str]) -> str:
    return _SYLLABLE_RIGHT[m.group(0)]


def _put_marks_right(text: str) -> str:
    pattern, fix, before_name = _repairs()

    def right(m: re.Match[str]) -> str:
        found = m.group(0)
        parts = _SPACES.split(found)  # words, and the spaces between them as written
        wrong = " ".join(parts[::2])
        start = m.start()
        if start > 0 and text[start - 1].isalnum():
            return found  # inside a word
        if wrong in before_name and _NAME_AFTER.match(text, m.end()) is None:
            return found
        parts[::2] = fix[wrong].split(" ")
        return "".join(parts)

    return pattern.sub(right, text)


def as_written(text: str, start: int, repaired: str, written: str) -> str:
    """`text`, read from `repaired` at `start` (its spaces collapsed, its markup dropped),
    with the letters the repair changed given back as `written` has them: a task's text
    is the source's words, as a time phrase is (the rules read the repaired words)."""
    out: list[str] = []
    j = start
    for c in text:
        if c.isspace():
            out.append(c)
            continue
        # the next place this character stands, within a short reach (markup, a line's
        # spaces or a dropped running header lie between; a character the text added, such
        # as a bullet, stands nowhere near and is kept as it is)
        k = repaired.find(c, j, j + 200)
        if k < 0:
            out.append(c)
            continue
        out.append(written[k])
        j = k + 1
    return "".join(out)
