"""Golden tests: every corpus document through the extractor, scored by shared/eval/score.py.

The floors are the extraction issue's bars. On failure the scorer's per-document lines
are printed, then every task whose lead or deadline disagrees with the gold, the tasks
missed or invented, and the metadata fields that differ.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from dondoc.config import Settings
from dondoc.core.contract import to_dict, to_json
from dondoc.core.text import SourceText
from dondoc.extract.pipeline import extract
from dondoc.ingest.reader import read_document
from tests.golden.report import gold_diff, load_scorer

# The generalisation issue's bars (#14), on the dev set and on the seed (where the seed does
# better, its own score is the floor: it must not drop).
BARS = {
    "task_f1": 0.97,
    "lead_f1": 0.92,
    "deadline_f1": 0.90,
    "deadline_acc": 0.95,
    "refs_f1": 0.97,
    "meta_acc": 0.95,
}
# dev2 reaches the bars since 2026-12-02 (its held-back part was opened then, after its
# first-sight score was recorded in the README); support_f1, which has no bar, is held
# where it stands (a ratchet, raised as rules improve, never lowered).
DEV2_FLOORS = {**BARS, "support_f1": 0.97}
FLOORS = {
    "seed": {
        **BARS,
        "task_f1": 1.0,
        "deadline_f1": 1.0,
        "deadline_acc": 1.0,
        "refs_f1": 1.0,
        "meta_acc": 1.0,
    },
    "dev": BARS,
    "dev2": DEV2_FLOORS,
    # documents written for the tests, each before any rule was written for it (README)
    "madeup": DEV2_FLOORS,
}
MADEUP = Path(__file__).parent / "madeup"


def _gold_dir(corpus: str, shared_dir: Path) -> Path:
    return MADEUP if corpus == "madeup" else shared_dir / "corpus" / corpus


def _extract_dir(src: Path, out: Path) -> dict[str, dict[str, Any]]:
    out.mkdir(parents=True, exist_ok=True)
    preds = {}
    for f in sorted(src.glob("*.txt")):
        extraction = extract(read_document(f, Settings()).source)
        (out / f"{f.stem}.json").write_text(to_json(extraction), encoding="utf-8")
        preds[f.stem] = json.loads(to_json(extraction))
    return preds


@pytest.mark.parametrize("corpus", ["seed", "dev", "dev2", "madeup"])
def test_corpus_scores_above_floor(corpus: str, shared_dir: Path, tmp_path: Path) -> None:
    gold_dir = _gold_dir(corpus, shared_dir)
    preds = _extract_dir(gold_dir, tmp_path)
    args = [sys.executable, str(shared_dir / "eval" / "score.py"), "--gold", str(gold_dir)]
    args += ["--pred", str(tmp_path)]
    for key, value in FLOORS[corpus].items():
        args += ["--min", f"{key}={value}"]
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        scorer = load_scorer(shared_dir)
        diffs = []
        for stem, pred in preds.items():
            gold = json.loads((gold_dir / f"{stem}.gold.json").read_text(encoding="utf-8"))
            diff = gold_diff(scorer, gold, pred)
            if diff:
                diffs.append(f"{stem}:\n{diff}")
        pytest.fail(result.stdout + result.stderr + "\n" + "\n".join(diffs), pytrace=False)


# Review flags (shared/eval/flags.py), on dev2. A floor on the share of wrong fields flagged
# would fail each time an error that a flag caught gets fixed; the count of wrong leads and
# deadlines left *unflagged* only falls as errors are fixed or flags improve: 9 of 30 on
# 2026-12-02 (70 % flagged, the bar). The right fields flagged stay under the bar of 25 %.
FLAGS_UNCAUGHT_CEILING = 9
FLAGS_NEEDLESS_CEILING = 0.25


def test_review_flags_point_at_the_errors(shared_dir: Path, tmp_path: Path) -> None:
    gold_dir = shared_dir / "corpus" / "dev2"
    _extract_dir(gold_dir, tmp_path)
    args = [sys.executable, str(shared_dir / "eval" / "flags.py"), "--gold", str(gold_dir)]
    result = subprocess.run([*args, "--pred", str(tmp_path)], capture_output=True, text=True, check=True)
    figures = dict(part.split("=") for part in result.stdout.split())
    uncaught = round(int(figures["wrong"]) * (1 - float(figures["errors_caught"])))
    assert uncaught <= FLAGS_UNCAUGHT_CEILING, result.stdout
    assert float(figures["needless_checks"]) <= FLAGS_NEEDLESS_CEILING, result.stdout


# cells side by side on one line: text, a run of spaces, text
_LAID_OUT = re.compile(r"\S {3,}\S")


def _norm(s: str) -> str:
    # markup a task's text does without: emphasis, and a markdown cell's line breaks
    return " ".join(_BREAK.sub(" ", unicodedata.normalize("NFC", s)).replace("*", " ").split()).lower()


_BREAK = re.compile(r"<br\s*/?>", re.I)


@pytest.mark.parametrize("corpus", ["seed", "dev", "dev2", "madeup"])
def test_every_span_slices_its_source(corpus: str, shared_dir: Path) -> None:
    for f in sorted(_gold_dir(corpus, shared_dir).glob("*.txt")):
        source = f.read_text(encoding="utf-8")
        data = to_dict(extract(SourceText(source)))
        spans = []
        for item in data["tasks"] + data["legal_refs"]:
            start, end = item["span"]
            assert 0 <= start <= end <= len(source), (f.name, item["span"])
            spans.append((start, end))
        for ref in data["legal_refs"]:
            start, end = ref["span"]
            assert _norm(ref["number"][:3]) in _norm(source[start:end]).replace(" ", ""), (f.name, ref)
        for t in data["tasks"]:
            head = _norm(t["text"])[:55]
            got = _norm(source[t["span"][0] : t["span"][1]])
            if not _LAID_OUT.search(source[t["span"][0] : t["span"][1]]):
                assert got.startswith(head), (f.name, t["id"], head, got[:70])
                continue
            # a row of a table laid out with spaces: the cell's text runs down its column,
            # between the other columns' cells, so the slice starts with the cell's first
            # words and holds the rest of the head in order
            words, slice_words = head.split()[:-1], got.split()
            assert slice_words[:3] == words[:3], (f.name, t["id"], head, got[:70])
            it = iter(slice_words)
            assert all(w in it for w in words), (f.name, t["id"], head, got[:200])


def test_texts_that_are_not_directives_are_judged_so(shared_dir: Path) -> None:
    """At least 95 % of the negatives (web articles, Q&A, news) are judged not a directive,
    and no directive of the annotated corpus is."""
    judged = {
        f"{f.parent.name}/{f.stem}": extract(read_document(f, Settings()).source).meta
        for folder in ("negatives", "seed", "dev", "dev2")
        for f in sorted((shared_dir / "corpus" / folder).glob("*.txt"))
    }
    negatives = {k: m for k, m in judged.items() if k.startswith("negatives/")}
    taken = sorted(k for k, m in negatives.items() if m.is_directive)
    assert len(negatives) >= 40
    assert len(taken) <= 0.05 * len(negatives), taken
    refused = {k: m.directive_reasons for k, m in judged.items() if k not in negatives and not m.is_directive}
    assert not refused, refused


def test_seed_review_matches_expected_facts(shared_dir: Path) -> None:
    source = (shared_dir / "corpus" / "seed" / "cantho-q4-2024.txt").read_text(encoding="utf-8")
    data = to_dict(extract(SourceText(source)))
    assert len(data["tasks"]) == 25
    assert data["doc"]["signer"] == "Nguyễn Văn Hiếu"
    assert data["doc"]["default_deadline"] == "2024-12-31"
    assert data["doc"]["addressees"] == ["các cấp ủy đảng, chính quyền, các cơ quan, đơn vị"]
    assert [r["number"] for r in data["legal_refs"]] == ["589/QĐ-TTg", "06/QĐ-TTg"]
    footnoted = [t for t in data["tasks"] if t["notes"]]
    assert len(footnoted) == 1
    assert footnoted[0]["text"].startswith(
        "Tiếp tục chỉ đạo rà soát, kiểm tra các dự án ngoài ngân sách đã có chủ trương đầu tư;"
    )
    assert footnoted[0]["notes"][0].startswith("Qua rà soát, nếu đảm bảo đúng quy định")
    by_start = {t["text"][:25]: t for t in data["tasks"]}
    assert by_start["Lực lượng Công an tăng cư"]["lead"] == ["Lực lượng Công an"]
    assert any("trên 95% kế hoạch năm 2024" in x for t in data["tasks"] for x in t["targets"])
    json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("corpus", ["seed", "dev"])
def test_extraction_invariants(corpus: str, shared_dir: Path) -> None:
    """Task spans do not overlap, dates are ISO, and an unknown value is null, never ""."""
    import datetime as dt
    import itertools

    for f in sorted((shared_dir / "corpus" / corpus).glob("*.txt")):
        data = to_dict(extract(read_document(f, Settings()).source))
        spans = sorted(tuple(t["span"]) for t in data["tasks"])
        assert all(b[0] >= a[1] for a, b in itertools.pairwise(spans)), f.name
        for t in data["tasks"]:
            assert all(v != "" for v in t.values()), (f.name, t["id"])
            if t["deadline"] is not None:
                dt.date.fromisoformat(t["deadline"])
        assert all(v != "" for v in data["doc"].values()), f.name
        for key in ("date", "default_deadline"):
            if data["doc"].get(key):
                dt.date.fromisoformat(data["doc"][key])
        for r in data["legal_refs"]:
            if r.get("date"):
                dt.date.fromisoformat(r["date"])
