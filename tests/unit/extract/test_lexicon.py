"""The extractor's vocabulary lives in the lexicon files (issue #14: all Vietnamese
vocabulary in the lexicon, none left unread): every key of every file is asked for by the
code, so a reviewer who edits a list edits something the extractor reads."""

from __future__ import annotations

from pathlib import Path

from dondoc.core.text import SourceText
from dondoc.extract import lexicon
from dondoc.extract.pipeline import extract

CASES = Path(__file__).resolve().parents[2] / "golden" / "cases"
MADEUP = Path(__file__).resolve().parents[2] / "golden" / "madeup"


def test_every_key_of_every_lexicon_file_is_read(shared_dir: Path) -> None:
    texts = [
        *sorted((shared_dir / "corpus").glob("*/*.txt")),
        *sorted(CASES.glob("*.txt")),
        *sorted(MADEUP.glob("*.txt")),
    ]
    for path in texts:
        extract(SourceText(path.read_text(encoding="utf-8")))
    every = {(name, key) for name in lexicon.names() for key in lexicon.load(name)}
    unread = sorted(every - lexicon.READ)
    assert not unread, f"lexicon keys no code reads: {unread}"


def test_a_key_is_a_list_or_a_table_as_asked() -> None:
    assert lexicon.words("roles", "lead_cues") == ("chủ trì",)
    assert "Kế hoạch" in lexicon.table("documents", "kinds")
    try:
        lexicon.table("roles", "lead_cues")
    except TypeError as e:
        assert "roles.lead_cues" in str(e)
    else:
        raise AssertionError("a list read as a table")
