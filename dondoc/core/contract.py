"""Extraction → the JSON object of shared/eval/CONTRACT.md (and back, for tests).

Keys are stable; added keys never change the meaning of the contract's keys.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from dondoc.core.directive import Extraction, Task
from dondoc.core.layout import PageLayout
from dondoc.core.span import Span

CONTRACT_VERSION = "1"
# a task's words read by OCR below this mean confidence (0–100) are flagged for review
LOW_OCR_CONFIDENCE = 80.0


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _where(span: Span, layout: PageLayout | None) -> dict[str, Any]:
    """Where a span sits on the page, for PDF and scanned input: the 1-based page of its
    first line and the box (x0, top, x1, bottom in PDF points from the top-left) over its
    lines on that page; null for text input."""
    found = layout.locate(span.start, span.end) if layout is not None else None
    if found is None:
        return {"page": None, "box": None}
    page, box = found
    return {"page": page + 1, "box": [round(v, 1) for v in box]}


def _ocr_confidence(span: Span, layout: PageLayout | None) -> float | None:
    """The mean OCR confidence of a task's words (null unless read by OCR): where the
    reviewer should look hardest."""
    value = layout.confidence(span.start, span.end) if layout is not None else None
    return round(value, 1) if value is not None else None


def task_to_dict(task: Task, layout: PageLayout | None = None) -> dict[str, Any]:
    confidence = _ocr_confidence(task.span, layout)
    review = list(task.review)
    if (
        confidence is not None
        and confidence < LOW_OCR_CONFIDENCE
        and not any(r.startswith("text:") for r in review)
    ):
        review.append("text: low OCR confidence")
    return {
        "id": task.id,
        "section": task.section,
        "text": task.text,
        "lead": list(task.lead),
        "support": list(task.support),
        "deadline": _iso(task.deadline.date),
        "deadline_text": task.deadline.text,
        "recurrence": task.deadline.recurrence,
        "targets": list(task.targets),
        "product": task.product,
        "span": task.span.as_list(),
        **_where(task.span, layout),
        "ocr_confidence": confidence,
        "notes": list(task.notes),
        "review": review,
    }


def to_dict(extraction: Extraction, layout: PageLayout | None = None) -> dict[str, Any]:
    meta = extraction.meta
    return {
        "contract_version": CONTRACT_VERSION,
        "doc": {
            "type": meta.type,
            "number": meta.number,
            "issuer": meta.issuer,
            "date": _iso(meta.date),
            "title": meta.title,
            "signer": meta.signer,
            "signer_title": meta.signer_title,
            "recipients": list(meta.recipients),
            "addressees": list(meta.addressees),
            "encoding": meta.encoding,
            "ocr_confidence": meta.ocr_confidence,
            "ingest_notes": list(meta.ingest_notes),
            "default_deadline": _iso(meta.default_deadline),
            "default_deadline_text": meta.default_deadline_text,
            "is_directive": meta.is_directive,
            "directive_reasons": list(meta.directive_reasons),
        },
        "tasks": [task_to_dict(t, layout) for t in extraction.tasks],
        "legal_refs": [
            {
                "text": r.text,
                "kind": r.kind,
                "number": r.number,
                "date": _iso(r.date),
                "span": r.span.as_list(),
                **_where(r.span, layout),
            }
            for r in extraction.legal_refs
        ],
        # the document's rules for reporting on its execution (tracked as reporting tasks);
        # not tasks of the contract: `within` names the task whose text holds a rule
        "reporting": [
            {
                "id": r.id,
                "section": r.section,
                "text": r.text,
                "reporters": list(r.reporters),
                "report_to": list(r.report_to),
                "deadline": _iso(r.deadline.date),
                "deadline_text": r.deadline.text,
                "recurrence": r.deadline.recurrence,
                "within": r.within,
                "whole": r.whole,
                "span": r.span.as_list(),
                **_where(r.span, layout),
            }
            for r in extraction.reporting
        ],
    }


def to_json(extraction: Extraction, layout: PageLayout | None = None) -> str:
    return json.dumps(to_dict(extraction, layout), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
