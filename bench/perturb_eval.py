"""How the extractor holds when the same directives arrive in another surface form.

    python -m bench.perturb_eval [PART ...]     # default: seed dev dev2; also madeup

Every annotated document is rewritten in ways real copies of a directive differ — old-style
tone marks ("Uỷ ban", "hoà"), decomposed Unicode, Windows line ends, paragraphs wrapped at
another width, no blank lines, other bullet marks, non-breaking spaces, a task table's cells
cut a word or a few at a time — and scored with
shared/eval/score.py against the same gold. A rule written for one file's surface shows up
here as a drop; a rule written for a shape of the language does not move.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import textwrap
import unicodedata
from collections.abc import Callable
from pathlib import Path

from bench.corpus_eval import stems
from dondoc.core.contract import to_json
from dondoc.core.text import SourceText
from dondoc.extract.pipeline import extract

SHARED = Path(__file__).resolve().parents[2] / "shared"

# new-style tone placement → old-style ("hòa" → "hoà", "ủy" → "uỷ"), both in use today
_OLD_TONES = {
    "òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
    "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
    "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ",
}  # fmt: skip
_OLD_TONES |= {k[0].upper() + k[1]: v[0].upper() + v[1] for k, v in _OLD_TONES.items()}
_OLD_TONES |= {k.upper(): v.upper() for k, v in _OLD_TONES.items()}  # in capitals: "CỘNG HOÀ", "UỶ BAN"
_OLD = re.compile("(?:" + "|".join(_OLD_TONES) + r")(?![a-zà-ỹA-ZÀ-Ỹ])")


def old_tones(text: str) -> str:
    # only at a syllable's end: "hoàn" keeps its "oà", "hòa" becomes "hoà"
    return _OLD.sub(lambda m: _OLD_TONES[m.group(0)], unicodedata.normalize("NFC", text))


def rewrap(text: str, width: int = 64) -> str:
    """Every line longer than `width` broken at spaces, as a narrower page breaks a
    paragraph; lines are never joined (which line opens a paragraph is the text's own
    business), and a table laid out with spaces keeps its rows."""
    out = []
    for line in text.split("\n"):
        if len(line) <= width or "|" in line or re.search(r"\S {3,}\S", line.strip()):
            out.append(line)
        else:
            out.extend(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False))
    return "\n".join(out)


def nbsp(text: str) -> str:
    """Every seventh space a no-break space, as a DOCX or a web copy leaves some."""
    parts = text.split(" ")
    return "".join(p + ("\u00a0" if k % 7 == 3 else " ") for k, p in enumerate(parts[:-1])) + parts[-1]


def narrow_table(text: str, words: int = 2) -> str:
    """A task table whose cells arrive one per line ("TT", "Tên nhiệm vụ", …) copied from a
    narrower layout: every cell cut every `words` words, up to the closing lines."""
    lines = text.split("\n")
    start = next((k for k, ln in enumerate(lines) if ln.strip() in ("TT", "STT")), None)
    if start is None:
        return text
    out = lines[:start]
    for k, line in enumerate(lines[start:], start):
        if line.strip().startswith(("Trên đây", "Nơi nhận")):
            out.extend(lines[k:])
            break
        ws = line.split()
        out.extend([" ".join(ws[i : i + words]) for i in range(0, len(ws), words)] or [line])
    return "\n".join(out)


# What Tesseract's Vietnamese model misreads most in a directive's anchor words: a hook or
# dot dropped or turned ("tỉnh" → "tính", "ủy" → "úy", "Bộ" → "Bô", "KẾ" → "KÉ"), "tr" as
# "lr", a final "g" as "q", the colon after "Số" lost. Each applied to one occurrence in
# three (by place, so the same text always gives the same copy).
_OCR_CONFUSIONS: tuple[tuple[str, str], ...] = (
    (r"ỉ", "í"),
    (r"ủ", "ú"),
    (r"Ủ", "Ú"),
    (r"(?<=[BbTtCc])ộ", "ô"),
    (r"Ế", "É"),
    (r"\btr(?=[oư])", "lr"),
    (r"(?<=[áả]n)g\b", "q"),
    (r"(?<=\bSố):", ""),
)


def ocr_misreads(text: str) -> str:
    for pattern, wrong in _OCR_CONFUSIONS:
        text = _every_third(pattern, wrong, text)
    return text


def _every_third(pattern: str, wrong: str, text: str) -> str:
    seen = iter(range(len(text) + 1))
    return re.sub(pattern, lambda m: wrong if next(seen) % 3 == 1 else m.group(0), text)


def bold_numbers(text: str) -> str:
    """Item numbers in markdown bold, as a web copy writes them ("**2.** Sở Y tế …")."""
    return re.sub(r"(?m)^(\s*)(\d{1,2}\.|[a-zđ]\))(?= )", r"\1**\2**", text)


def page_numbers(text: str, every: int = 40) -> str:
    """A page number on a line of its own about every `every` lines, as a PDF's text layer
    puts its footer between the two halves of a paragraph a page break cut: between two
    lines of running text (five words each at least, no table's cells). A copy that prints
    its page numbers already is left as it is."""
    lines = text.split("\n")
    if any(re.fullmatch(r"\s*-?\s*\d{1,3}\s*-?\s*", line) for line in lines):
        return text
    out: list[str] = []
    page, due = 1, every
    for k, line in enumerate(lines):
        out.append(line)
        nxt = lines[k + 1] if k + 1 < len(lines) else ""
        prose = all(len(s.split()) >= 5 and "|" not in s for s in (line, nxt))
        if k + 1 >= due and prose and k < len(lines) - 5:
            page += 1
            out.append(str(page))
            due = k + 1 + every
    return "\n".join(out)


def tab_indents(text: str) -> str:
    """Every line that opens a paragraph indented by a tab, as a Word copy keeps its
    first-line indent (not a line laid out in columns by spaces: a tab there would move one
    column against the lines below it, which no copy does)."""
    return "\n".join(
        "\t" + line
        if line[:1] not in " \t|" and line and "\t" not in line and not re.search(r"\S {3,}\S", line)
        else line
        for line in text.split("\n")
    )


def tight_markers(text: str) -> str:
    """No space after an item's number or letter ("1.Sở Y tế …", "a)Tăng cường …")."""
    return re.sub(r"(?m)^(\s*)(\d{1,2}\.|[a-zđ]\))\s+(?=[A-ZĐÀ-Ỹa-zđà-ỹ])", r"\1\2", text)


def other_bullets(text: str, bullet: str) -> str:
    """Every "- " bullet written with another glyph ("•", "–"), as another word processor
    prints them. A dash that a wrap put at a line's start inside a phrase keeps its glyph:
    before a word in lower case or a number ("chính trị" / "- xã hội", "2025" / "- 2030"),
    or inside a name the text writes whole on one line elsewhere ("Thăng Long" / "- Hà Nội")."""
    lines = text.split("\n")
    out: list[str] = []
    for k, line in enumerate(lines):
        rest = line.lstrip()
        if rest.startswith("- ") and rest[2:3] and not (rest[2:3].islower() or rest[2:3].isdigit()):
            before = lines[k - 1].split() if k else []
            phrase = f"{before[-1]} - {rest[2:].split()[0]}" if before else ""
            joined = bool(phrase) and any(phrase in " ".join(other.split()) for other in lines)
            if not joined:
                line = line.replace("- ", bullet + " ", 1)
        out.append(line)
    return "\n".join(out)


def headings_in_markdown(text: str) -> str:
    """A part's heading in capitals ("II. NHIỆM VỤ") written as a markdown heading
    ("## II. NHIỆM VỤ"), as a web copy does."""
    return re.sub(r"(?m)^([IVX]{1,4}\.\s+[^a-zà-ỹđ\n]{4,})$", r"## \1", text)


def numbers_with_parenthesis(text: str) -> str:
    """Items numbered "1)" instead of "1.", letters "a/" instead of "a)"."""
    text = re.sub(r"(?m)^(\s*)(\d{1,2})\.(?=[ \t]+\S)", r"\1\2)", text)
    return re.sub(r"(?m)^(\s*)([a-zđ])\)(?=[ \t]+\S)", r"\1\2/", text)


PERTURBATIONS: dict[str, Callable[[str], str]] = {
    "as written": lambda t: t,
    "old-style tone marks": old_tones,
    "decomposed Unicode (NFD)": lambda t: unicodedata.normalize("NFD", t),
    "Windows line ends": lambda t: t.replace("\n", "\r\n"),
    "wrapped at 64 columns": rewrap,
    "no blank lines": lambda t: re.sub(r"\n\s*\n", "\n", t),
    "bullets as '+'": lambda t: re.sub(r"(?m)^(\s*)- ", r"\1+ ", t),
    "some non-breaking spaces": nbsp,
    "table cells a word per line": lambda t: narrow_table(t, 1),
    "table cells three words per line": lambda t: narrow_table(t, 3),
    "OCR misreadings": ocr_misreads,
    "item numbers in bold": bold_numbers,
    "page numbers between lines": page_numbers,
    "first lines indented by a tab": tab_indents,
    "no space after item markers": tight_markers,
    "bullets as '•'": lambda t: other_bullets(t, "•"),
    "bullets as en dashes": lambda t: other_bullets(t, "–"),
    "headings in markdown": headings_in_markdown,
    "items as '1)' and 'a/'": numbers_with_parenthesis,
}


def score(parts: list[str], change: Callable[[str], str]) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        gold_out, pred_out = Path(tmp, "gold"), Path(tmp, "pred")
        gold_out.mkdir()
        pred_out.mkdir()
        for part in parts:
            folder, names = stems(part)  # a corpus folder, or "madeup" (tests/golden/madeup)
            for gold in (folder / f"{name}.gold.json" for name in names):
                stem = gold.name.removesuffix(".gold.json")
                (gold_out / gold.name).write_bytes(gold.read_bytes())
                text = change((gold.parent / f"{stem}.txt").read_text(encoding="utf-8"))
                (pred_out / f"{stem}.json").write_text(to_json(extract(SourceText(text))), encoding="utf-8")
        scorer = str(SHARED / "eval" / "score.py")
        args = [sys.executable, scorer, "--gold", str(gold_out), "--pred", str(pred_out)]
        out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return next(line for line in out.splitlines() if line.startswith("TOTAL"))


_KEYS = ("task_f1", "lead_f1", "support_f1", "deadline_f1", "deadline_acc", "refs_f1", "meta_acc")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="*", default=["seed", "dev", "dev2"])
    parser.add_argument("--only", action="append", help="a form's name (repeatable); default: all")
    args = parser.parse_args(argv)
    print("| form | " + " | ".join(_KEYS) + " |")
    print("|---|" + "---|" * len(_KEYS))
    for name, change in PERTURBATIONS.items():
        if args.only and name not in args.only and name != "as written":
            continue
        figures = dict(p.split("=") for p in score(args.parts, change).split()[1:])
        print(f"| {name} | " + " | ".join(f"{float(figures[k]):.3f}" for k in _KEYS) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
