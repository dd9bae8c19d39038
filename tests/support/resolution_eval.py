"""Body resolution measured on the corpus: every lead and support phrase of the gold
annotations, resolved against a unit tree built from the corpus's recipients and bodies
(tests/data/resolution/corpus-units.csv), compared with hand labels (labels.csv: the unit
each phrase names, or nothing when it names a group or a body outside the tree)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from dondoc.services import units
from dondoc.services.context import SYSTEM, Store
from dondoc.services.ingestion import issuer_scope, resolve_mention
from dondoc.store.records import UnitRecord
from dondoc.tracking.resolution import Method

DATA = Path(__file__).resolve().parents[1] / "data" / "resolution"


@dataclass
class Outcome:
    doc: str
    phrase: str
    expected: str | None
    method: Method
    got: str | None  # the unit code resolved (for flagged ones: the single suggestion, if any)


@dataclass
class Figures:
    outcomes: list[Outcome] = field(default_factory=list)
    # gold phrases without a row in labels.csv: the labels must be brought up to date
    unlabelled: list[tuple[str, str]] = field(default_factory=list)

    def _silent(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.method in (Method.EXACT, Method.ALIAS)]

    @property
    def wrong_silent(self) -> list[Outcome]:
        return [o for o in self._silent() if o.got != o.expected]

    @property
    def precision(self) -> float:
        silent = self._silent()
        return sum(o.got == o.expected for o in silent) / len(silent) if silent else 1.0

    @property
    def recall(self) -> float:
        named = [o for o in self.outcomes if o.expected is not None]
        return sum(o.got == o.expected and o.method in (Method.EXACT, Method.ALIAS) for o in named) / len(
            named
        )

    @property
    def recall_with_suggestions(self) -> float:
        """Also counting flagged answers whose one suggested unit is right (successor, fuzzy)."""
        named = [o for o in self.outcomes if o.expected is not None]
        return sum(o.got == o.expected for o in named) / len(named)

    def summary(self) -> dict[str, object]:
        by_method: dict[str, int] = {}
        for o in self.outcomes:
            by_method[o.method.value] = by_method.get(o.method.value, 0) + 1
        return {
            "phrases": len(self.outcomes),
            "naming_a_unit_in_the_tree": sum(o.expected is not None for o in self.outcomes),
            "by_method": by_method,
            "precision_silent": round(self.precision, 3),
            "recall_silent": round(self.recall, 3),
            "recall_with_flagged_suggestions": round(self.recall_with_suggestions, 3),
            "wrong_silent_matches": len(self.wrong_silent),
            "unlabelled": len(self.unlabelled),
        }


def labels() -> dict[tuple[str, str], str | None]:
    with (DATA / "labels.csv").open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return {(r["doc"], r["phrase"]): (r["unit"] or None) for r in rows}


# The corpus folders whose phrases labels.csv covers. A folder added to the corpus later
# (dev2) joins only once its phrases are labelled: read blindly, its phrases would have no
# expected unit and the figures would silently mix labelled and unlabelled documents.
LABELLED_FOLDERS = ("seed", "dev")
# Every body phrase a gold task names; the optional ones too, as an office maps those as well.
PHRASE_KEYS = ("lead", "support", "lead_optional", "support_optional")


def gold_phrases(shared: Path) -> list[tuple[str, str | None, dt.date | None, str]]:
    """(doc stem, issuer, date, phrase) for every distinct body phrase of each labelled gold file."""
    out = []
    paths = sorted(p for folder in LABELLED_FOLDERS for p in (shared / "corpus" / folder).glob("*.gold.json"))
    for path in paths:
        gold = json.loads(path.read_text(encoding="utf-8"))
        meta = gold["doc"]
        stem = path.name.removesuffix(".gold.json")
        day = dt.date.fromisoformat(meta["date"]) if meta.get("date") else None
        seen: set[str] = set()
        for task in gold["tasks"]:
            for phrase in (p for key in PHRASE_KEYS for p in task.get(key) or []):
                if phrase not in seen:
                    seen.add(phrase)
                    out.append((stem, meta.get("issuer"), day, phrase))
    return out


def evaluate(store: Store, shared: Path) -> Figures:
    units.import_units(store, SYSTEM, DATA / "corpus-units.csv")
    expected = labels()
    figures = Figures()
    with store.reading() as s:
        directory = units.load_directory(s)
        code = dict(s.execute(select(UnitRecord.id, UnitRecord.code)).all())
        for stem, issuer, day, phrase in gold_phrases(shared):
            _, scope = issuer_scope(s, directory, issuer, day)
            found = resolve_mention(phrase, directory, scope, day)
            if (stem, phrase) not in expected:
                figures.unlabelled.append((stem, phrase))
                continue
            figures.outcomes.append(
                Outcome(
                    stem,
                    phrase,
                    expected[(stem, phrase)],
                    found.method,
                    code.get(found.unit_id) if found.unit_id else None,
                )
            )
    return figures
