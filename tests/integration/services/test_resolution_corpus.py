"""Body resolution on the seed and dev corpus (see tests/support/resolution_eval.py).

The rule that matters: no silent wrong match. A phrase resolved without a flag must be
the unit a person would choose; everything doubtful must be flagged instead.
"""

from __future__ import annotations

from pathlib import Path

from dondoc.services.context import Store
from tests.support.resolution_eval import evaluate, labels


def test_resolution_on_the_corpus_has_no_silent_wrong_match(store: Store, shared_dir: Path) -> None:
    figures = evaluate(store, shared_dir)
    summary = figures.summary()
    print(summary)
    assert figures.unlabelled == [], "gold phrases missing from tests/data/resolution/labels.csv"
    # every labelled phrase is still in the gold files (a stale label would go unnoticed)
    assert {(o.doc, o.phrase) for o in figures.outcomes} == set(labels())
    assert summary["phrases"] == 190
    assert figures.wrong_silent == [], [(o.doc, o.phrase, o.expected, o.got) for o in figures.wrong_silent]
    # floors a regression would break (measured: see README)
    assert figures.recall >= 0.85
    assert figures.recall_with_suggestions >= 0.95
