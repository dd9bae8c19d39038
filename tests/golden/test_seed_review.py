"""The seed's review sheet (`--format md`) against the reference rendering expected.md.

Task by task: the same text, lead, support, deadline, targets and citations, and the
footnote on the same task. The reference adds reviewer annotations ("also accepted: …",
where a footnote marker sits) that an extraction cannot know; those are left out of the
comparison.
"""

from __future__ import annotations

import re
from pathlib import Path

from dondoc.config import Settings
from dondoc.extract.pipeline import extract
from dondoc.ingest.reader import read_document
from dondoc.render.review import render_review

_ITEM = re.compile(r"^(\d+)\. (.*)$")
_FIELD = re.compile(r"^    - (Lead|Support|Deadline|Targets|Refs|Note)[^:]*: (.*)$")


def _tasks(md: str) -> dict[int, dict[str, str]]:
    tasks: dict[int, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in md.split("## Tasks", 1)[1].splitlines():
        if m := _ITEM.match(line):
            current = tasks.setdefault(int(m.group(1)), {"text": m.group(2)})
        elif (m := _FIELD.match(line)) and current is not None:
            value = re.sub(r" \(also accepted: [^)]*\)$", "", m.group(2))
            current[m.group(1)] = value.replace("“", "").replace("”", "")
    return tasks


def test_seed_review_carries_the_expected_tasks(shared_dir: Path) -> None:
    seed = shared_dir / "corpus" / "seed"
    expected = _tasks((seed / "cantho-q4-2024.expected.md").read_text(encoding="utf-8"))
    got = _tasks(render_review(extract(read_document(seed / "cantho-q4-2024.txt", Settings()).source)))
    assert len(got) == len(expected) == 25
    problems = []
    for n, want in expected.items():
        have = got[n]
        for field in ("text", "Lead", "Support", "Deadline", "Refs"):
            if want.get(field) != have.get(field):
                problems.append(
                    f"task {n} {field}:\n  expected {want.get(field)}\n  got      {have.get(field)}"
                )
        # targets: the reference quotes the figure, the sheet may keep its verb
        if want.get("Targets", "none") != "none":
            if not all(t.strip() in have.get("Targets", "") for t in want["Targets"].split(";")):
                problems.append(f"task {n} Targets: expected {want['Targets']}, got {have.get('Targets')}")
        elif have.get("Targets", "none") != "none":
            problems.append(f"task {n} Targets: expected none, got {have.get('Targets')}")
        if ("Note" in want) != ("Note" in have) or ("Note" in want and want["Note"] != have["Note"]):
            problems.append(f"task {n} Note:\n  expected {want.get('Note')}\n  got      {have.get('Note')}")
    assert not problems, "\n".join(problems)
