"""Readable differences for the golden tests: extraction vs gold, extraction vs snapshot."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

TASK_FIELDS = ("lead", "support", "deadline", "deadline_text", "targets", "product", "section", "notes")


def load_scorer(shared_dir: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("dondoc_eval_score", shared_dir / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_diff(scorer: ModuleType, gold: dict[str, Any], pred: dict[str, Any]) -> str:
    """Per task, the fields where the extraction and the gold disagree, as the scorer sees them."""
    out: list[str] = []
    gt, pt = gold.get("tasks", []), pred.get("tasks", [])
    pairs = scorer.match_tasks(gt, pt)
    default_lead = [scorer.norm(x) for x in gold.get("default_lead") or []]
    for gi, pi in sorted(pairs):
        g, p = gt[gi], pt[pi]
        lines = []
        own = [
            x
            for x in p.get("lead") or []
            if not any(scorer.similar(scorer.norm(x), d) >= 0.8 for d in default_lead)
        ]
        tp, ng, np_ = scorer.set_match(g.get("lead") or [], own)
        if not tp == ng == np_:
            lines.append(f"    lead      gold {g.get('lead')}\n              got  {own}")
        accepted = {scorer.effective_deadline(g, gold)} | {
            d or gold.get("default_deadline") for d in g.get("deadline_alt") or []
        }
        if (p.get("deadline") or None) not in accepted:
            lines.append(
                f"    deadline  gold {sorted(map(str, accepted))}\n              got  {p.get('deadline')!r}"
            )
        if lines:
            out.append(f"  gold #{g.get('n', gi + 1)} “{g.get('quote', '')[:60]}”\n" + "\n".join(lines))
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    out += [
        f"  missing gold #{g.get('n', i + 1)} “{g.get('quote', '')[:70]}”"
        for i, g in enumerate(gt)
        if i not in matched_g
    ]
    out += [
        f"  extra {p.get('id')} “{p.get('text', '')[:70]}”" for i, p in enumerate(pt) if i not in matched_p
    ]
    doc_g, doc_p = gold.get("doc", {}), pred.get("doc", {})
    for field in ("type", "number", "date", "issuer", "signer"):
        if scorer.norm(str(doc_g.get(field) or "")) != scorer.norm(str(doc_p.get(field) or "")):
            out.append(f"  doc.{field}: gold {doc_g.get(field)!r} got {doc_p.get(field)!r}")
    return "\n".join(out)


def snapshot_diff(expected: dict[str, Any], got: dict[str, Any]) -> str:
    """Field by field: what changed against the reviewed snapshot."""
    out: list[str] = []
    for key in sorted(set(expected.get("doc", {})) | set(got.get("doc", {}))):
        a, b = expected.get("doc", {}).get(key), got.get("doc", {}).get(key)
        if a != b:
            out.append(f"  doc.{key}\n    expected {_show(a)}\n    got      {_show(b)}")
    exp_tasks = {t["id"]: t for t in expected.get("tasks", [])}
    got_tasks = {t["id"]: t for t in got.get("tasks", [])}
    for tid in sorted(set(exp_tasks) | set(got_tasks), key=lambda s: int(s.lstrip("t") or 0)):
        a, b = exp_tasks.get(tid), got_tasks.get(tid)
        if a is None or b is None:
            which, task = ("new", b) if a is None else ("gone", a)
            assert task is not None
            out.append(f"  {tid} {which}: “{task['text'][:80]}”")
            continue
        for field in ("text", "span", *TASK_FIELDS):
            if a.get(field) != b.get(field):
                out.append(f"  {tid}.{field} (“{a['text'][:40]}”)")
                out.append(f"    expected {_show(a.get(field))}\n    got      {_show(b.get(field))}")
    exp_refs = [r["number"] for r in expected.get("legal_refs", [])]
    got_refs = [r["number"] for r in got.get("legal_refs", [])]
    if exp_refs != got_refs:
        out.append(f"  legal_refs\n    expected {exp_refs}\n    got      {got_refs}")
    return "\n".join(out)


def _show(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 300 else text[:297] + "..."


def text_diff(expected: str, got: str, *, limit: int = 80) -> str:
    """A unified diff of two texts, its first `limit` lines."""
    import difflib

    lines = list(
        difflib.unified_diff(expected.splitlines(), got.splitlines(), "expected", "got", lineterm="", n=2)
    )
    more = f"\n… {len(lines) - limit} more lines" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more
