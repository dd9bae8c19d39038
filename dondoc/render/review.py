"""Extraction → a Markdown review sheet, laid out like the seed's expected.md."""

from __future__ import annotations

from dondoc.core.directive import Extraction
from dondoc.core.layout import PageLayout


def _value(v: object) -> str:
    return "null" if v in (None, "", ()) else str(v)


def render_review(extraction: Extraction, *, name: str = "", layout: PageLayout | None = None) -> str:
    m = extraction.meta
    out: list[str] = [f"# Extraction: {name}" if name else "# Extraction", ""]
    if not m.is_directive:
        out += [f"> **This does not look like a directive:** {'; '.join(m.directive_reasons)}.", ""]
    out += ["## Metadata", ""]
    out += ["| Field | Value |", "|---|---|"]
    rows = [
        ("Type", m.type),
        ("Number", m.number),
        ("Issuer", m.issuer),
        ("Date", m.date),
        ("Title", m.title),
        ("Signer", m.signer),
        ("Signer title", m.signer_title),
        ("Encoding", m.encoding),
        ("Default lead (every task that names no subject)", "; ".join(m.addressees) or None),
        (
            "Default deadline (all tasks)",
            f"“{m.default_deadline_text}” → {m.default_deadline}" if m.default_deadline else None,
        ),
        ("Tasks", len(extraction.tasks)),
    ]
    out += [f"| {k} | {_value(v)} |" for k, v in rows]
    out += ["", "Recipients (Nơi nhận):", ""]
    out += [f"- {r}" for r in m.recipients] or ["- none"]
    out += ["", "Legal references:", ""]
    out += [
        f"- {r.text} (kind: {_value(r.kind)}; number: {r.number}; date: {_value(r.date)})"
        for r in extraction.legal_refs
    ] or ["- none"]
    out += ["", "## Tasks", ""]
    section: str | None = "\0"
    for n, t in enumerate(extraction.tasks, 1):
        if t.section != section:
            section = t.section
            out += [f"### {section}" if section else "### (no section)", ""]
        own_default = m.default_deadline is not None and t.deadline.date == m.default_deadline
        if t.deadline.date and not own_default:
            deadline = f"“{t.deadline.text}” → {t.deadline.date}"
        elif own_default:
            deadline = f"none of its own (default: “{m.default_deadline_text}” → {m.default_deadline})"
        elif t.deadline.recurrence:
            deadline = f"“{t.deadline.text}” (recurring: {t.deadline.recurrence})"
        else:
            deadline = "none"
        out.append(f"{n}. {t.text}")
        if m.addressees and tuple(t.lead) == tuple(m.addressees):
            lead = f"none named (default: {'; '.join(m.addressees)})"
        else:
            lead = "; ".join(t.lead) or "none named"
        out.append(f"    - Lead: {lead}")
        out.append(f"    - Support: {'; '.join(t.support) or 'none'}")
        out.append(f"    - Deadline: {deadline}")
        out.append(f"    - Targets: {'; '.join(t.targets) or 'none'}")
        if t.product:
            out.append(f"    - Product: {t.product}")
        refs = [r.text for r in extraction.legal_refs if t.span.contains(r.span)]
        out.append(f"    - Refs: {'; '.join(refs) or 'none'}")
        for note in t.notes:
            out.append(f"    - Note (footnote): {note}")
        where = layout.locate(t.span.start, t.span.end) if layout is not None else None
        page = f" (page {where[0] + 1})" if where is not None else ""
        confidence = layout.confidence(t.span.start, t.span.end) if layout is not None else None
        if confidence is not None:
            out.append(f"    - OCR confidence: {confidence:.0f}/100")
        out.append(f"    - Span: [{t.span.start}, {t.span.end}]{page}")
    return "\n".join(out) + "\n"
