"""Who leads and who supports a task, read from its text.

Leads are the bodies named as the subject of a sentence ("Bộ Y tế chịu trách nhiệm…"),
after an assigning cue ("Giao Bộ Tài chính…", "đề nghị UBND tỉnh…"), or right before
"chủ trì". Supports follow "phối hợp (với)". The subject of the first sentence is kept
apart: when a task has one, it does not inherit its parent's or the introduction's bodies.
"""

from __future__ import annotations

from dataclasses import dataclass

from dondoc.extract.bodies import Tok, _match, _phrases, read_bodies, tokenize

_PREFIXES = (
    ("Đồng", "thời"),
    ("Trên", "cơ", "sở", "đó"),
    ("Trong", "đó"),
    ("Ngoài", "ra"),
    ("Bên", "cạnh", "đó"),
    ("Mặt", "khác"),
    ("Sau", "đó"),
)
_CLAUSE_STARTS = (
    ("Trường", "hợp"),
    ("Trên", "cơ", "sở"),
    ("Căn", "cứ"),
    ("Để",),
    ("Trong", "quá", "trình"),
    ("Khi",),
    ("Nếu",),
    ("Sau", "khi"),
    ("Qua",),
    ("Trong", "thời", "gian"),
    ("Thực", "hiện"),
)
_CUES = ("giao", "yêu cầu", "đề nghị", "mời")


@dataclass(frozen=True)
class Roles:
    subject: tuple[str, ...]  # bodies that open the first sentence
    leads: tuple[str, ...]  # other leads found in the text
    support: tuple[str, ...]


def _starts_with(toks: list[Tok], i: int, words: tuple[str, ...]) -> bool:
    n = len(words)
    return i + n <= len(toks) and tuple(t.text for t in toks[i : i + n]) == words


def _sentence_starts(toks: list[Tok]) -> list[int]:
    starts = [0]
    for k, t in enumerate(toks[:-1]):
        if t.text in {".", "!", "?", ";"} and toks[k + 1].text[:1].isupper():
            starts.append(k + 1)
    return starts


def _cue_len(toks: list[Tok], i: int) -> int:
    for cue in _CUES:
        parts = tuple(cue.split())
        n = len(parts)
        if i + n <= len(toks) and tuple(t.text.lower() for t in toks[i : i + n]) == parts:
            nxt = toks[i + n].text if i + n < len(toks) else ""
            if nxt in {"của", "về"}:
                return 0
            return n + (1 if nxt == ":" else 0)
    return 0


def _subject_at(text: str, toks: list[Tok], s: int) -> tuple[str, ...]:
    for pre in _PREFIXES:
        if _starts_with(toks, s, pre) and s + len(pre) < len(toks) and toks[s + len(pre)].text == ",":
            s += len(pre) + 1
            break
    cue = _cue_len(toks, s)
    if cue:
        return read_bodies(text, toks, s + cue).names
    if _starts_with(toks, s, ("Đối", "với")):
        bl = read_bodies(text, toks, s + 2)
        if bl.names and bl.end < len(toks) and toks[bl.end].text == ":":
            return bl.names
        return ()
    if any(_starts_with(toks, s, c) for c in _CLAUSE_STARTS):
        k, commas = s, 0
        while k < len(toks) and commas < 4 and toks[k].text not in {".", ";"}:
            if toks[k].text == ",":
                commas += 1
                bl = read_bodies(text, toks, k + 1)
                if bl.names and bl.followed_by_verb:
                    return bl.names
            k += 1
        return ()
    bl = read_bodies(text, toks, s, sentence_start=True)
    if bl.names and bl.followed_by_verb:
        return bl.names
    return ()


def _dedupe(names: list[str]) -> tuple[str, ...]:
    seen: list[str] = []
    for n in names:
        if n and n.lower() not in (x.lower() for x in seen):
            seen.append(n)
    return tuple(seen)


def find_roles(text: str) -> Roles:
    toks = tokenize(text)
    starts = _sentence_starts(toks)
    subject: tuple[str, ...] = _subject_at(text, toks, 0) if toks else ()
    leads: list[str] = []
    for s in starts[1:]:
        if toks[s - 1].text == ";":
            continue
        leads.extend(_subject_at(text, toks, s))
    support: list[str] = []
    for k in range(len(toks)):
        low = toks[k].text.lower()
        if low in {"giao", "yêu", "đề", "mời"} and k not in starts and k > 0:
            n = _cue_len(toks, k)
            if n and toks[k - 1].text in {",", ";", "và", ":", "("}:
                leads.extend(read_bodies(text, toks, k + n).names)
        if _starts_with(toks, k, ("chủ", "trì")) and k > 0:
            leads.extend(_body_before(text, toks, k))
        if _starts_with(toks, k, ("phối", "hợp")):
            j = k + 2
            while j < len(toks) and toks[j].text in {"chặt", "chẽ", "với", "cùng", "với:", "thường", "xuyên"}:
                j += 1
            support.extend(read_bodies(text, toks, j).names)
    subj = _dedupe(list(subject))
    others = tuple(n for n in _dedupe(leads) if n.lower() not in {s.lower() for s in subj})
    return Roles(subj, others, _dedupe(support))


def _body_before(text: str, toks: list[Tok], k: int) -> tuple[str, ...]:
    """The body list that ends right before token k ("… X chủ trì")."""
    for j in range(max(0, k - 14), k):
        if (
            j > 0
            and toks[j - 1].text not in {",", "(", ";", ":"}
            and not _match(toks, j - 1, _phrases("bodies", "verbs"))
            and toks[j - 1].text.lower() not in {"giao", "đạo", "và"}
        ):
            continue
        bl = read_bodies(text, toks, j)
        if bl.names and bl.end == k:
            return bl.names
    return ()
