"""Is this text a directive at all? A verdict with its reasons.

A directive is issued by a body in the administrative layout of NĐ 30/2020 (State) or
HD 36-HD/VPTW (Party): a header naming the issuer, a number and symbol, a kind ("KẾ
HOẠCH", "CÔNG VĂN"), a place and date; a signature block and a *Nơi nhận* list at the end.
A web article, a legal Q&A or a news page that lists steps or quotes a law's duties has
none of these, however many of its paragraphs read like tasks. So the layout decides (two
of its six marks at least, which a scan or a header-less copy still keeps), and a document
in that layout that assigns nothing (a report, a form) is not a directive either.

The reasons are short English phrases (the contract's `directive_reasons`); the review
screen words them in Vietnamese.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from dondoc.core.directive import DirectiveMeta, Task
from dondoc.extract.lexicon import words
from dondoc.extract.spacing import single_spaced

# how many of the layout's marks make a directive's layout
LAYOUT_MARKS_NEEDED = 2
# ... and how many make it one without a word that assigns work
FULL_LAYOUT_MARKS = 3


@dataclass(frozen=True)
class Verdict:
    is_directive: bool
    reasons: tuple[str, ...]


@cache
def _cues(*, ignore_case: bool = False) -> re.Pattern[str]:
    cues = words("documents", "assignment_cues")
    alternatives = "|".join(r"\s+".join(re.escape(w.lower()) for w in cue.split()) for cue in cues)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I if ignore_case else 0)


def _has_cue(text: str) -> bool:
    # each cue looked for with str.find in the lower-cased text, its word boundaries then
    # checked: an alternation of patterns tries every cue at every character, a few percent
    # of the whole extraction (the plain reference, `_has_cue_plain`, is checked against
    # this in the tests); text spaced other than by single spaces goes to the pattern
    low = text.lower()
    if not single_spaced(low):
        return _cues().search(low) is not None
    for cue in _CUES:
        at = low.find(cue)
        while at >= 0:
            end = at + len(cue)
            if (at == 0 or not _word_char(low[at - 1])) and (end == len(low) or not _word_char(low[end])):
                return True
            at = low.find(cue, at + 1)
    return False


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


# a blank to fill in: a run of dots, an ellipsis or underscores
_PLACEHOLDER = re.compile(r"\.{3,}|…|_{3,}")
_TEMPLATE_ISSUERS = tuple(words("documents", "template_issuer_words"))


def _is_template(issuer: str) -> bool:
    """An issuer's lines left blank, or named by a form's placeholder."""
    return _PLACEHOLDER.search(issuer) is not None or any(w in issuer.upper() for w in _TEMPLATE_ISSUERS)


_NOT_DIRECTIVE_TYPES = frozenset(words("documents", "not_directive_types"))
_CUES = tuple(" ".join(cue.lower().split()) for cue in words("documents", "assignment_cues"))


def _has_cue_plain(text: str) -> bool:
    return _cues(ignore_case=True).search(text) is not None


def judge(meta: DirectiveMeta, tasks: Sequence[Task]) -> Verdict:
    marks = {
        "issuer header": meta.issuer is not None,
        "document number": meta.number is not None,
        "document kind": meta.type is not None,
        "date line": meta.date is not None,
        "signature block": meta.signer is not None,
        "recipients list": bool(meta.recipients),
    }
    present = [name for name, found in marks.items() if found]
    missing = [f"no {name}" for name, found in marks.items() if not found]
    assigning = sum(1 for t in tasks if _has_cue(t.text))
    layout = len(present) >= LAYOUT_MARKS_NEEDED
    if not layout:
        reasons = [*missing]
        if tasks:
            reasons.append(f"{len(tasks)} task-like items, but not in an administrative layout")
        return Verdict(False, tuple(reasons))
    if meta.issuer is not None and _is_template(meta.issuer):
        # a form to fill in ("ĐẢNG BỘ ........ / CHI BỘ ........", "UBND XÃ ……"), as legal
        # sites print under "Mẫu kế hoạch …": issued by no one, however it reads. A draft
        # names its issuer and leaves only its number and date blank: still a directive
        return Verdict(False, (*present, "a template: its issuer is left blank"))
    if meta.type in _NOT_DIRECTIVE_TYPES:
        # a "TỜ TRÌNH" that proposes who would do what, a "GIẤY MỜI" that asks an office to
        # prepare the hall: written in the layout, but they hand no one the work to track
        return Verdict(False, (*present, f"a {meta.type} assigns no work"))
    if not tasks:
        return Verdict(False, (*present, "no tasks found"))
    reasons = [*present, f"{len(tasks)} tasks"]
    if assigning:
        reasons.append(f"{assigning} with assignment verbs")
        return Verdict(True, tuple(reasons))
    reasons.append("no assignment verbs")
    if len(present) < FULL_LAYOUT_MARKS:
        # two marks alone may be a page's chance lines (a web page's table row read as an
        # issuer, a date in its references): with nothing assigned, no directive
        return Verdict(False, (*reasons, "too few layout marks for a text that assigns nothing"))
    if not meta.addressees and not any(t.lead or t.support for t in tasks):
        # a notice in full layout whose items state facts ("Số lượng cần tuyển: 05 chỉ tiêu",
        # "Địa điểm nhận hồ sơ: …"): no word assigns, and no item names a body to do it
        return Verdict(False, (*reasons, "no item names who is to act"))
    return Verdict(True, tuple(reasons))
