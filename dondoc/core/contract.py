"""Extraction → the JSON object of shared/eval/CONTRACT.md (and back, for tests).

Keys are stable; added keys never change the meaning of the contract's keys.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from dondoc.core.directive import Extraction, Task

CONTRACT_VERSION = "1"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def task_to_dict(task: Task) -> dict[str, Any]:
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
        "notes": list(task.notes),
    }


def to_dict(extraction: Extraction) -> dict[str, Any]:
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
        },
        "tasks": [task_to_dict(t) for t in extraction.tasks],
        "legal_refs": [
            {
                "text": r.text,
                "kind": r.kind,
                "number": r.number,
                "date": _iso(r.date),
                "span": r.span.as_list(),
            }
            for r in extraction.legal_refs
        ],
    }


def to_json(extraction: Extraction) -> str:
    return json.dumps(to_dict(extraction), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
