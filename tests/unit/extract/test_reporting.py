"""The directive's reporting rule (issue #15: "báo cáo kết quả thực hiện trước ngày 15/12"
becomes a reporting task of its own): made-up shapes through the whole extractor, then the
rules the corpus holds, and none in texts that are not directives."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dondoc.config import Settings
from dondoc.core.directive import Extraction
from dondoc.core.text import SourceText
from dondoc.extract import deadlines
from dondoc.extract.bodies import read_bodies, tokenize
from dondoc.extract.pipeline import extract
from dondoc.ingest.reader import read_document
from tests.support.texts import header

ITEMS = """II. NHIỆM VỤ VÀ GIẢI PHÁP

1. Sở Khoa học và Công nghệ xây dựng kho dữ liệu dùng chung, hoàn thành trong Quý II/2026.

2. Sở Tài chính bố trí kinh phí thực hiện, hoàn thành trước ngày 30/6/2026.

III. TỔ CHỨC THỰC HIỆN

"""


def _source(body: str) -> str:
    return header() + "\n" + ITEMS + body


def _run(body: str) -> Extraction:
    return extract(SourceText(_source(body)))


def _shown(source: str, start: int, end: int) -> str:
    return " ".join(source[start:end].split())


def test_a_closing_paragraph_outside_every_item_becomes_a_rule_of_its_own() -> None:
    body = (
        "1. Sở Nội vụ theo dõi, đôn đốc thực hiện Kế hoạch.\n\n"
        "Trên đây là Kế hoạch của Ủy ban nhân dân tỉnh; các sở, ban, ngành, Ủy ban nhân dân các huyện "
        "báo cáo kết quả thực hiện Kế hoạch này về Sở Nội vụ trước ngày 15/12/2026 để tổng hợp./.\n"
    )
    e = _run(body)
    (rule,) = e.reporting
    assert rule.within is None and not rule.whole
    assert rule.text.endswith("để tổng hợp.")
    assert rule.deadline.date == date(2026, 12, 14)  # "trước ngày 15/12": by the day before
    assert rule.reporters == ("các sở, ban, ngành", "Ủy ban nhân dân các huyện")
    assert rule.report_to == ("Sở Nội vụ",)
    assert all("báo cáo kết quả" not in t.text for t in e.tasks)  # still no task (rule 3)
    assert _shown(_source(body), rule.span.start, rule.span.end) == rule.text  # points at it


def test_a_rule_inside_a_longer_item_is_a_rule_of_its_own_with_its_rhythm_and_cutoff() -> None:
    body = (
        "1. Các cơ quan, đơn vị, địa phương xây dựng kế hoạch triển khai xong trong tháng 12/2026. "
        "Định kỳ báo cáo UBND tỉnh (qua Sở Tư pháp) kết quả thực hiện Kế hoạch hằng năm (trước ngày "
        "15 tháng 11) hoặc theo đề nghị để tổng hợp.\n"
    )
    e = _run(body)
    (rule,) = e.reporting
    item = next(t for t in e.tasks if t.id == rule.within)
    assert item.deadline.date == date(2026, 12, 31)  # the item keeps its hard date (rule 11)
    assert not rule.whole and rule.text.startswith("Định kỳ báo cáo")
    assert rule.reporters == ("Các cơ quan, đơn vị, địa phương",)  # inherited from the item
    assert rule.report_to == ("UBND tỉnh (qua Sở Tư pháp)",)
    assert (rule.deadline.text, rule.deadline.recurrence) == ("hằng năm (trước ngày 15 tháng 11)", "yearly")
    assert _shown(_source(body), rule.span.start, rule.span.end) == rule.text  # the clause, not the item


def test_an_item_that_is_only_the_rule_is_the_reporting_task_itself() -> None:
    e = _run(
        "1. Các Sở, ngành, địa phương định kỳ hàng năm (trước ngày 10/12) hoặc đột xuất báo cáo Ủy ban "
        "nhân dân tỉnh về tình hình, kết quả triển khai thực hiện Kế hoạch này.\n"
    )
    (rule,) = e.reporting
    item = next(t for t in e.tasks if t.id == rule.within)
    assert rule.whole
    # the time words end the subject: the item's lead is the group, not "… định kỳ hàng năm"
    assert item.lead == ("Các Sở, ngành, địa phương",) == rule.reporters
    assert (rule.deadline.text, rule.deadline.recurrence) == ("hàng năm (trước ngày 10/12)", "yearly")


@pytest.mark.parametrize(
    "body",
    [
        # one body reporting to its superior: its own task, not the directive's rule
        "1. Giao Công an tỉnh chủ trì theo dõi, đôn đốc thực hiện Kế hoạch này; định kỳ báo cáo kết quả "
        "thực hiện về Bộ Công an theo quy định.\n",
        # a report's name, not the verb
        "1. Các sở, ngành hoàn thiện các báo cáo kết quả thực hiện Nghị quyết, xong trước ngày 15/12/2026.\n",
        # not bound in time
        "1. Các sở, ngành thường xuyên báo cáo kết quả thực hiện Kế hoạch này.\n",
        # bodies a list names, not a group
        "1. Các Bộ, cơ quan: Tài chính, Xây dựng rà soát, báo cáo Thủ tướng Chính phủ kết quả thực hiện "
        "trước ngày 05/12/2026.\n",
        # reporting on something else than the work
        "1. Các sở, ngành định kỳ hằng quý báo cáo số liệu về dân số.\n",
    ],
    ids=["one-body", "report-name", "no-time", "listed-bodies", "other-object"],
)
def test_clauses_that_are_not_the_rule(body: str) -> None:
    assert _run(body).reporting == ()


def test_a_text_that_is_not_a_directive_has_no_rule() -> None:
    article = (
        "Tin tức. Hằng năm các sở, ngành báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh trước ngày "
        "15/12, theo phóng viên của báo.\n"
    )
    e = extract(SourceText(article))
    assert not e.meta.is_directive and e.reporting == ()


def test_the_period_phrase_joins_a_rhythm_and_its_cutoff_only_when_they_touch() -> None:
    got = deadlines.period_phrase("định kỳ trước ngày 01/6 và 15/11 hằng năm (hoặc đột xuất) báo cáo")
    assert got is not None and (got.text, got.recurrence) == ("trước ngày 01/6 và 15/11 hằng năm", "yearly")
    # "hằng năm" belongs to the plan here; the cut-off alone is the phrase
    got = deadlines.period_phrase(
        "xây dựng kế hoạch chi tiết hằng năm và định kỳ báo cáo kết quả thực hiện trước ngày 20/11 về Sở"
    )
    assert got is not None and (got.text, got.recurrence) == ("trước ngày 20/11", "yearly")
    assert deadlines.period_phrase("định kỳ báo cáo kết quả") is None


def test_time_words_end_a_subject_and_the_verb_after_them_is_found() -> None:
    text = (
        "Các Sở, ngành, địa phương định kỳ hàng năm (trước ngày 10/12) hoặc đột xuất báo cáo "
        "Ủy ban nhân dân tỉnh"
    )
    got = read_bodies(text, tokenize(text), 0, sentence_start=True)
    assert got.names == ("Các Sở, ngành, địa phương",) and got.followed_by_verb


# the rules of the corpus: (document, the task holding it, whole, rhythm, phrase)
CORPUS = [
    ("dev/kh-617-ubnd-dongthap-2025", "t30", False, "yearly", "trước ngày 01/6 và 15/11 hằng năm"),
    ("dev/kh-980-ubnd-nghean-2025", "t12", False, "yearly", "Hằng năm"),
    ("dev2/kh-141-ubnd-bacninh-2025", "t19", False, "yearly", "hằng năm (trước ngày 15 tháng 11)"),
    ("dev2/kh-552-ubnd-dongthap-2025", "t65", True, "yearly", "trước ngày 20/11"),
    ("dev2/kh-987-ubnd-nghean-2025", "t29", True, "periodic", "Định kỳ"),
    ("dev2/kh-ubnd-laocai-2026-ct11", "t73", True, "yearly", "hàng năm (trước ngày 10/12)"),
]
WITH_RULES = {doc for doc, *_ in CORPUS}


def _extract(path: Path) -> Extraction:
    return extract(read_document(path, Settings()).source)


@pytest.mark.parametrize(("doc", "within", "whole", "rhythm", "phrase"), CORPUS, ids=[c[0] for c in CORPUS])
def test_the_corpus_rules(
    shared_dir: Path, doc: str, within: str, whole: bool, rhythm: str, phrase: str
) -> None:
    path = shared_dir / "corpus" / f"{doc}.txt"
    source = read_document(path, Settings()).source
    (rule,) = extract(source).reporting
    assert (rule.within, rule.whole, rule.deadline.recurrence, rule.deadline.text) == (
        within,
        whole,
        rhythm,
        phrase,
    )
    # the span holds the rule's words, in the source as read
    shown = " ".join(source.text[rule.span.start : rule.span.end].replace("*", " ").split())
    assert shown == rule.text


def test_no_other_corpus_document_has_a_rule(shared_dir: Path) -> None:
    others = [
        p
        for part in ("seed", "dev", "dev2", "negatives")
        for p in sorted((shared_dir / "corpus" / part).glob("*.txt"))
        if f"{part}/{p.stem}" not in WITH_RULES
    ]
    assert len(others) > 30
    assert [p.stem for p in others if _extract(p).reporting] == []
