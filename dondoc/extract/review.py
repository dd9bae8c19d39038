"""Doubt shown, not hidden: the fields of a task a clerk should check, and why.

Each flag starts with the field it is about ("lead: …", "deadline: …", "text: …"), the
contract's `review` list. A flag marks a way of reading that goes wrong more often than
the others, measured on the annotated corpus with shared/eval/flags.py: no lead at all, a
lead inherited from an introduction, a letter's addressees or an assignment line, a person
named where a body is expected, a body phrase too long or too bare to be a name, several
bodies where one leads; a time phrase that gave no date, a day and month without a year;
a text read by OCR with low confidence. Flags that caught no error there and only cost the
clerk a look (a deadline from the document's general bound, from a year alone; a lead
from the section heading) are not raised.
"""

from __future__ import annotations

import re

from dondoc.core.directive import Deadline
from dondoc.extract.deadlines import EVENT
from dondoc.extract.lexicon import words

# where an inherited lead came from, as the review says it ("từ câu dẫn: …" on the web):
# these inheritances caught errors on the corpus; a lead from the section heading or a
# field line did not, and raises no flag
INHERITED = {
    "introduction": "lead: inherited from the introduction",
    "addressees": "lead: inherited from the addressees",
    "assignment": "lead: inherited from an assignment line",
    "document": "lead: the document's general addressees",
}
_LONG_BODY_WORDS = 10
_MANY_LEADS = 3
_DAY_MONTH_NO_YEAR = re.compile(r"\d{1,2}\s*/\s*\d{1,2}(?!\s*/)")
_YEAR = re.compile(r"\d{4}")
# the whole document's OCR confidence, when no per-task figure is known (core.contract
# flags a task by its own words' confidence when the page layout gives it)
LOW_OCR_CONFIDENCE = 80.0


def is_bare_body(name: str) -> bool:
    """ "tổ chức", "các đơn vị", "các đơn vị nêu trên": a generic word read as a body (or
    pointing back at the bodies named above), no body's name."""
    name = " ".join(name.lower().split())
    name = name[4:] if name.startswith("các ") else name
    back = _back_reference(name)
    return (name[: -len(back) - 1] if back else name) in words("bodies", "bare_bodies")


def _back_reference(low: str) -> str | None:
    """The words that end a lower-cased name and point back at the bodies named above
    ("… nêu trên", "… có tên tại kính gửi"), if any."""
    return next((b for b in words("bodies", "back_references") if low.endswith(" " + b)), None)


def is_bare_group(names: tuple[str, ...] | list[str]) -> bool:
    """ "các đơn vị", "các cơ quan, đơn vị": names that only point back at whom a letter
    addresses, no body of their own."""
    if names and all(_points_back(n) for n in names):
        return True  # "các Sở, ngành nêu trên": whoever the letter named above
    parts = [x for n in names for x in re.split(r",|\s+và\s+", n) if x.strip()]
    return bool(parts) and all(is_bare_body(x) for x in parts)


def _points_back(name: str) -> bool:
    """ "các Sở, ngành nêu trên", "các cơ quan có tên tại Kính gửi": a plural group that points
    back at the bodies named above."""
    low = " ".join(name.lower().split())
    return low.startswith("các ") and _back_reference(low) is not None


def names_a_person(name: str) -> bool:
    """ "Đồng chí Phan Trung Bá", "Nguyễn Văn A - Phó Chủ tịch UBND tỉnh": a person where a
    body is expected. A dash inside a body's name that joins two fields ("Phòng Văn hóa - Xã
    hội", "các đoàn thể chính trị - xã hội") names no one, unless a title follows it."""
    low = name.lower()
    if any(w in name or low.startswith(w.lower() + " ") for w in words("bodies", "person_marks")):
        return True  # "Đồng chí …", or "đồng chí …" as a sentence writes it after "giao"
    if " - " not in name:
        return False
    before, after = name.split(" - ", 1)
    if any(after.startswith(t) for t in words("bodies", "person_titles")):
        return True
    if before.split()[-1:] and before.split()[-1][:1].islower() and after[:1].islower() and "," not in name:
        # "các đoàn thể chính trị - xã hội tỉnh": two fields in lower case, no one's name (a
        # list run on past it, "… - xã hội, các xã, phường", stays doubted)
        return False
    return not any(name.startswith(h + " ") for h in words("bodies", "dashed_name_heads"))


def lead_flags(lead: list[str], lead_from: str) -> list[str]:
    if not lead:
        return ["lead: none found"]
    if lead_from in INHERITED:
        return [INHERITED[lead_from]]
    if any(names_a_person(n) for n in lead):
        return ["lead: names a person, not a body"]
    if any(is_bare_body(n) for n in lead):
        return ["lead: a bare word, not a body's name"]
    # the general addressees are long by nature ("các cấp ủy đảng, chính quyền, các cơ quan…")
    if lead_from != "document" and any(len(n.split()) > _LONG_BODY_WORDS for n in lead):
        return ["lead: a body's name may be cut or run on"]
    if len(lead) >= _MANY_LEADS:
        return ["lead: several bodies named, one leads"]
    return []


def deadline_flags(effective: Deadline) -> list[str]:
    text = effective.text or ""
    if effective.date is None and text and effective.recurrence in (None, EVENT):
        return ["deadline: a time phrase without a date"]
    if effective.date is not None and _DAY_MONTH_NO_YEAR.search(text) and not _YEAR.search(text):
        return ["deadline: a date without a year (the document's year assumed)"]
    return []


def review_flags(
    lead: list[str],
    lead_from: str,
    effective: Deadline,
    *,
    ocr_confidence: float | None = None,
) -> list[str]:
    """What a clerk should check in a task; measured on the corpus (bench/corpus_eval.py
    --flags): the flags hold most of the wrong leads and deadlines, few of the right ones."""
    flags = lead_flags(lead, lead_from) + deadline_flags(effective)
    if ocr_confidence is not None and ocr_confidence < LOW_OCR_CONFIDENCE:
        flags.append("text: low OCR confidence")
    return flags
