"""A search query: what the user typed, read into clauses every result must satisfy.

    giai ngan            two words, both required (any order)
    "giải ngân vốn"      a phrase: the words in this order
    chuyen*              a prefix
    UBND                 an abbreviation: "UBND" or "ủy ban nhân dân" (and the reverse)
    12-CT/TU             a written token of several words is a phrase: 12 ct tu

A clause holds its options (the word, its abbreviation's expansion, its corrections);
a result satisfies the clause with any one. The same query compiles to SQLite FTS5's
syntax and to PostgreSQL's tsquery, from words that are letters and digits only, so no
user text reaches either engine's query language unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from dondoc.search.abbreviations import abbreviations
from dondoc.search.text import terms

_CHUNK = re.compile(r'"([^"]*)"?|(\S+)')
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
MAX_CLAUSES = 12  # a pasted paragraph is not a query: its first words are
MIN_TYPO_LEN = 3  # Vietnamese syllables are short; two letters have too many neighbours
MAX_CORRECTIONS = 8


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    prefix: bool = False  # the last word is a prefix ("chuyen*")


@dataclass(frozen=True)
class Clause:
    options: tuple[Phrase, ...]
    # an abbreviation or its words: the index holds the abbreviation wherever the words
    # stand (search.abbreviations), so the engines look up that one word
    indexed: str | None = None

    @property
    def word(self) -> str | None:
        """The clause's one plain word, when it is just that (corrections apply to it)."""
        if len(self.options) == 1 and len(self.options[0].words) == 1 and not self.options[0].prefix:
            return self.options[0].words[0]
        return None


@dataclass(frozen=True)
class Query:
    clauses: tuple[Clause, ...]

    def __bool__(self) -> bool:
        return bool(self.clauses)

    def words(self) -> set[str]:
        return {w for c in self.clauses for p in c.options for w in p.words}

    def fts5(self) -> str:
        """SQLite FTS5 MATCH expression."""
        return " AND ".join(_fts5_clause(c) for c in self.clauses)

    def tsquery(self) -> str:
        """PostgreSQL to_tsquery('simple', …) expression."""
        return " & ".join(_ts_clause(c) for c in self.clauses)


def _fts5_clause(c: Clause) -> str:
    if c.indexed:
        return f'("{c.indexed}")'
    return "(" + " OR ".join(f'"{" ".join(p.words)}"' + ("*" if p.prefix else "") for p in c.options) + ")"


def _ts_clause(c: Clause) -> str:
    if c.indexed:
        return f"({c.indexed})"
    return "(" + " | ".join(_ts_phrase(p) for p in c.options) + ")"


def _ts_phrase(p: Phrase) -> str:
    words = list(p.words)
    if p.prefix:
        words[-1] += ":*"
    return "(" + " <-> ".join(words) + ")" if len(words) > 1 else words[0]


def parse(text: str) -> Query:
    clauses: list[Clause] = []
    for m in _CHUNK.finditer(text):
        quoted, bare = m.group(1), m.group(2)
        if quoted is not None:
            words = tuple(terms(quoted))
            prefix = False
        else:
            prefix = bare.endswith("*")
            words = tuple(terms(bare))
        if words:
            clauses.append(Clause((Phrase(words, prefix),)))
    return Query(tuple(_with_abbreviations(clauses)[:MAX_CLAUSES]))


def _with_abbreviations(clauses: list[Clause]) -> list[Clause]:
    abbr = abbreviations()
    by_words = {v: k for k, v in abbr.items()}
    out: list[Clause] = []
    i = 0
    while i < len(clauses):
        # consecutive plain words that spell out an abbreviation ("uy ban nhan dan")
        merged = False
        for expansion, short in by_words.items():
            n = len(expansion)
            window = clauses[i : i + n]
            if len(window) == n and tuple(c.word for c in window) == expansion:
                out.append(Clause((Phrase(expansion), Phrase((short,))), indexed=short))
                i += n
                merged = True
                break
        if merged:
            continue
        c = clauses[i]
        p = c.options[0]
        if c.word in abbr:
            out.append(Clause((p, Phrase(abbr[p.words[0]])), indexed=p.words[0]))
        elif not p.prefix and p.words in by_words:
            out.append(Clause((p, Phrase((by_words[p.words],))), indexed=by_words[p.words]))
        else:
            out.append(c)
        i += 1
    return out


def edits1(word: str) -> set[str]:
    """Every word one letter away: a letter dropped, swapped with the next, replaced, added."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    out |= {a + c + b for a, b in splits for c in _ALPHABET}
    out.discard(word)
    return out


def corrected(query: Query, known: Callable[[Iterable[str]], set[str]]) -> Query:
    """The query with each plain word the index does not hold replaced by the indexed words
    one letter away ("giai ngna" → giai ngan). `known(words)` answers which words the
    index holds; it is asked twice at most."""
    plain = {c.word for c in query.clauses if c.word is not None}
    if not plain:
        return query
    present = known(plain)
    missing = [w for w in plain - present if len(w) >= MIN_TYPO_LEN and not w.isdigit()]
    if not missing:
        return query
    candidates = {w: edits1(w) for w in missing}
    found = known(set().union(*candidates.values()))
    fixes = {w: sorted(candidates[w] & found)[:MAX_CORRECTIONS] for w in missing}
    clauses = []
    for c in query.clauses:
        fix = fixes.get(c.word or "")
        clauses.append(replace(c, options=tuple(Phrase((f,)) for f in fix)) if fix else c)
    return Query(tuple(clauses))
