"""Whether a text's spaces are already single, the test behind the extractor's shortcuts."""

from __future__ import annotations


def single_spaced(text: str) -> bool:
    """No run of two spaces, and no space character but " ": every other one (tab, line
    end, no-break space…) is unprintable. Splitting such a text on whitespace and joining
    it with single spaces would change nothing inside it."""
    return "  " not in text and text.isprintable()


def one_spaced(text: str) -> str:
    """The text's words joined by single spaces: `" ".join(text.split())`, without the
    split where nothing would change (the common case)."""
    if single_spaced(text) and text == text.strip():
        return text
    return " ".join(text.split())
