"""Body phrases: who leads (chủ trì / subject) and who supports (phối hợp).

A body phrase starts with a head word from the lexicon ("Bộ", "Sở", "Ủy ban", "các cơ
quan"…) and runs until a verb, a punctuation mark or a cue word. Lists split at commas
and at "và" only where the next part starts a new capitalised body: "Bộ Nông nghiệp và
Môi trường" stays one body, "Bộ Y tế, Bộ Tài chính" are two, and "các sở, ban, ngành" is
one group as offices write it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Final, final

from dondoc.extract.lexicon import words
from dondoc.extract.spacing import single_spaced

_TOKEN = re.compile(r"\w+(?:[-/&]\w+)*|[^\w\s]")


@final
class Tok:
    """A word or punctuation mark, in lower case too (most tests ignore case, and a word is
    tested many times: lower-cased once, when first asked), and its offsets in the
    tokenised text. A plain class, not a NamedTuple: compiled (setup.py) it is a C struct,
    built and read without lookups."""

    __slots__ = ("_low", "end", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self._low: str | None = None

    @property
    def low(self) -> str:
        low = self._low
        if low is None:
            low = self._low = self.text.lower()
        return low


Toks = tuple[Tok, ...]


# a task's text is tokenised by several stages in a row: a tiny cache serves them without
# holding every token of the document (tokens cost ~20x their text in memory)
@lru_cache(maxsize=2)
def tokenize(text: str) -> Toks:
    """Word and punctuation tokens; cached because a task's text is read by several stages."""
    return _tokens(text)


def _tokens(text: str) -> Toks:
    # Tokens never hold whitespace and cover every other character: each whitespace-free
    # chunk is tokenised alone, its tokens end to end, and the chunks' places are counted
    # (single spaces) or found (other whitespace).
    out: list[Tok] = []
    single = single_spaced(text)
    pos = 0
    for chunk in text.split(" ") if single else text.split():
        if not chunk:
            pos += 1  # the space before the text
            continue
        if not single:
            pos = text.find(chunk, pos)
        if chunk.isalnum():  # most chunks: a word
            out.append(Tok(chunk, pos, pos + len(chunk)))
            pos += len(chunk)
        else:
            for word in _chunk_words(chunk):
                out.append(Tok(word, pos, pos + len(word)))
                pos += len(word)
        pos += 1
    return tuple(out)


def _chunk_words(chunk: str) -> list[str]:
    """The tokens of a chunk without whitespace, in order."""
    if len(chunk) == 1:
        return [chunk]
    if chunk[:-1].isalnum() and chunk[-1] != "_":
        return [chunk[:-1], chunk[-1]]  # a word and its comma or stop: "tế," "2024."
    return _TOKEN.findall(chunk)


@dataclass(frozen=True)
class PhraseIndex:
    """Lexicon phrases keyed by their first word (lower case), longest first within a key:
    a lookup costs one dict access and a few comparisons, whatever the lexicon's size."""

    by_first: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]


@cache
def _phrases(name: str, key: str) -> PhraseIndex:
    groups: dict[str, list[tuple[str, ...]]] = {}
    for w in words(name, key):
        # split as text is ("cấp, ngành" → cấp | , | ngành), or no comma phrase could match
        ph = tuple(t.text for t in _tokens(w))
        groups.setdefault(ph[0].lower(), []).append(ph)
    return PhraseIndex(
        {
            first: tuple((ph, tuple(p.lower() for p in ph)) for ph in sorted(set(phs), key=len, reverse=True))
            for first, phs in groups.items()
        }
    )


# looked up for nearly every token: built once, at import
_VERBS = _phrases("bodies", "verbs")
_HEADS = _phrases("bodies", "heads")
_NAMED_HEADS = _phrases("bodies", "named_heads")
_GENERIC_HEADS = _phrases("bodies", "generic_heads")
_NAME_COMPOUNDS = _phrases("bodies", "name_compounds")
_NAME_LOCATIVES = _phrases("bodies", "name_locatives")
_JOINT_OFFICE = _phrases("bodies", "joint_office_heads")
_JOINT_OWNERS = _phrases("bodies", "joint_owners")
_NOT_HEADS = _phrases("bodies", "not_heads")


def _match(toks: Toks, i: int, phrases: PhraseIndex, *, fold: bool = False) -> int:
    """Length (in tokens) of the longest phrase that matches at token i, else 0."""
    if i >= len(toks):
        return 0
    cands = phrases.by_first.get(toks[i].low)
    if not cands:
        return 0
    for ph, low in cands:
        n = len(ph)
        if i + n > len(toks):
            continue
        if fold:
            if all(toks[i + k].low == low[k] for k in range(n)):
                return n
        elif all(toks[i + k].text == ph[k] for k in range(n)):
            return n
    return 0


_NOUN_AFTER_TO_CHUC: Final = frozenset(words("bodies", "verb_read_as_noun_before"))
_EVENTS: Final = frozenset(words("bodies", "events_organised"))
_ENUM_BEFORE_COLON: Final = frozenset(words("bodies", "enumeration_heads"))
_STOP_WORDS: Final = frozenset(words("bodies", "name_stops"))
_NOT_YET: Final = frozenset(words("bodies", "name_negations"))  # "chưa" (not "không": "Cục Hàng không")
_TIME_JOINERS: Final = frozenset(words("bodies", "time_joiners"))
_CYCLE_UNITS: Final = frozenset(words("bodies", "cycle_units"))
# two-word stops ("định kỳ", "hằng năm"): by first word, the second words it stops with
_STOP_PAIRS: Final = {
    first: frozenset(p.split()[1] for p in words("bodies", "name_stop_pairs") if p.split()[0] == first)
    for first in {p.split()[0] for p in words("bodies", "name_stop_pairs")}
}
_PLURALS: Final = frozenset(words("bodies", "plural_markers"))  # "các", "những"
_TOGETHER, _WITH = words("bodies", "together_with")  # "cùng (với)": a joiner of two bodies
_ALL: Final = frozenset(words("bodies", "all_markers"))  # "mọi"
_PARTY: Final = words("bodies", "party_head")[0]  # "Đảng"
# "tổ chức" is a verb and a noun: its first word, and the words after which it is the noun
_VERB_NOUN: Final = tuple(words("bodies", "verb_also_noun")[0].split())
_NOUN_AFTER: Final = frozenset({*_PLURALS, ",", "và"})
# the first words of a lower-case group's next member after a comma ("sở, ban, ngành")
_GROUP_GOES_ON: Final = frozenset(words("bodies", "group_members"))
_KIND_ABBREVIATIONS: Final = frozenset(words("bodies", "group_kind_abbreviations"))
_EVERY_LEVEL: Final = frozenset(words("bodies", "every_level"))
_QUALIFIERS: Final = frozenset(words("bodies", "group_qualifiers"))
# "các đơn vị (có) liên quan": the catch-all body
_CONCERNED: Final = tuple(words("bodies", "catch_all_word")[0].split())


def _is_verb(toks: Toks, i: int) -> int:
    n = _match(toks, i, _VERBS)
    if n and toks[i].text == _VERB_NOUN[0] and i + 2 < len(toks):
        # "tổ chức" is also a noun: "các tổ chức chính trị - xã hội", "tổ chức đảng"
        nxt = toks[i + 2].low
        prev = toks[i - 1].low if i > 0 else ""
        event = i + 3 < len(toks) and f"{nxt} {toks[i + 3].low}" in _EVENTS
        if (nxt in _NOUN_AFTER_TO_CHUC and not event) or (
            # "các sở, tổ chức chính trị": the noun; "…liên quan, tổ chức khảo sát": a verb
            # follows, so the verb
            prev in _NOUN_AFTER and not _match(toks, i + 2, _VERBS)
        ):
            return 0
    if n == 2 and _match(toks, i + 1, _VERBS) >= 2:
        # its last word starts another verb: "nhà thầu thi công | bố trí" is "bố trí", not
        # "công bố" (the later word pair wins, as a reader splits the syllables)
        return 0
    return n


def starts_with_verb(text: str) -> bool:
    # the first four tokens are all a verb needs, and they lie in the first four words
    toks = _tokens(" ".join(text[:60].split(maxsplit=4)[:4]))
    return bool(toks) and _is_verb_folded(toks, 0)


def _is_verb_folded(toks: Toks, i: int) -> bool:
    return bool(_verb_length_folded(toks, i))


def _verb_length_folded(toks: Toks, i: int) -> int:
    # all-capital headings too: "TỔ CHỨC THỰC HIỆN" opens with the verb "tổ chức"
    lowered = tuple(Tok(t.low, t.start, t.end) for t in toks[i : i + 4])
    return _is_verb(lowered, 0)


def _named_head(toks: Toks, i: int) -> int:
    """Length of a head that starts a body only before a capitalised name ("Trạm Y tế",
    never "Đội ngũ"), else 0."""
    n = _match(toks, i, _NAMED_HEADS)
    if n and i + n < len(toks) and toks[i + n].text[:1].isupper() and toks[i + n].text.isalpha():
        return n
    return 0


def _head_at(toks: Toks, i: int, *, sentence_start: bool = False) -> int:
    """Length of the body head starting at token i (0 if none)."""
    if i >= len(toks):
        return 0
    if toks[i].low in _NOT_HEADS.by_first and _match(toks, i, _NOT_HEADS, fold=True):
        return 0  # "Hội nghị …", "Trường hợp …": a common word, no body
    t = toks[i].text
    low = toks[i].low
    if low in _PLURALS or low in _ALL:
        n = _match(toks, i + 1, _GENERIC_HEADS, fold=True)
        return n + 1 if n else 0
    n = _match(toks, i, _HEADS) or _named_head(toks, i)
    if not n and len(t) > 1 and t.isupper():
        # a heading in capitals, "B. CÔNG AN TỈNH", whose head a name follows (never a
        # signature's title alone, "CHỦ TỊCH")
        n = _match(toks, i, _HEADS, fold=True)
        if n and not (i + n < len(toks) and toks[i + n].text.isalpha()):
            n = 0
    if n:
        if (
            sentence_start
            and _verb_length_folded(toks, i) >= n
            and not (i + n < len(toks) and toks[i + n].text[:1].isupper())
        ):
            # "Lãnh đạo thực hiện tốt…" is the verb; "Lãnh đạo Văn phòng Tỉnh ủy" the body, and
            # so is a head longer than the verb it opens with ("Thống kê tỉnh | phối hợp …")
            return 0
        return n
    if sentence_start or t[:1].isupper():
        if not t[:1].isupper():
            return 0
        if sentence_start and _is_verb_folded(toks, i):
            return 0  # "Tổ chức truyền hình trực tiếp…" opens with a verb, not a body
        return _match(toks, i, _GENERIC_HEADS, fold=True)
    if _is_verb(toks, i):
        return 0  # "phối hợp tổ chức tốt Lễ phát động": "tổ chức" is the verb here
    return _match(toks, i, _GENERIC_HEADS)


@final
class BodyList:
    """A plain class (see Tok)."""

    __slots__ = ("end", "followed_by_verb", "names")

    def __init__(self, names: tuple[str, ...], end: int, followed_by_verb: bool) -> None:
        self.names = names
        self.end = end  # token index after the list
        self.followed_by_verb = followed_by_verb


def read_bodies(
    text: str, toks: Toks, i: int, *, sentence_start: bool = False, max_words: int = 36
) -> BodyList:
    """Read a list of body phrases starting at token i; each name is at most `max_words`
    tokens long (the list runs on as long as its names do)."""
    names: list[str] = []
    groups = _fixed_group_spans(text)
    head = _head_at(toks, i, sentence_start=sentence_start)
    if not head:
        return BodyList((), i, False)
    cur_start = i
    head_end = i + head  # "các chủ đầu tư": no verb ("đầu tư") ends a name inside its head
    j = i
    depth = 0
    enum = False  # "UBND các phường: Ba Đình, Hoàn Kiếm" is one group
    whole_name = False  # the list ended at a department's whole name ("Sở Tài chính | dự trù")
    while j < len(toks) and j - cur_start < max_words:
        t = toks[j].text
        if t == "(":
            depth += 1
            j += 1
            continue
        if t == ")":
            if not depth:
                break
            depth -= 1
            j += 1
            continue
        if depth:
            j += 1
            continue
        if field_end := _steering_name_end(toks, j):
            # "(Thường trực) Ban Chỉ đạo phòng, chống tham nhũng, … tỉnh": the committee's
            # field is its name's, at its start or after the office it names
            j = head_end = field_end
            continue
        if j == cur_start and (known_end := _department_end(toks, j)):
            # "Sở Tài chính | dự trù kinh phí": a department named for its field is whole at
            # the field's end; a territory may follow ("Sở Y tế tỉnh Lào Cai"), no other word
            j = head_end = _past_territory(toks, known_end)
            if (
                j < len(toks)
                and toks[j].text[:1].islower()
                and toks[j].text not in _AFTER_DEPARTMENT
                # "Sở Y tế các tỉnh, thành phố …", "Sở Tài chính cấp tỉnh": its territories
                and not (toks[j].low in _TERRITORY_OPENERS and _match(toks, j + 1, _TERRITORIES))
            ):
                # the word after it is the sentence's: its verb, unless a word of courtesy
                # before the verb ("Bộ Y tế | kính đề nghị …": the issuer asks, and is no subject)
                whole_name = toks[j].low not in _COURTESY
                break
            continue
        if j >= head_end and _after_a_closing_place(toks, cur_start, j):
            # "Ngân hàng Nhà nước Việt Nam | điều hành …", "Công an tỉnh | quản lý …": a body's
            # name ends with its country or territory; the lower-case word after it is the
            # sentence's, whether or not the verb list knows it ("điều hành", "quản lý",
            # "đào tạo" sit inside lower-case names, so the list leaves them out)
            whole_name = toks[j].low not in _COURTESY
            break
        inside = (
            (_match(toks, j, _NAME_COMPOUNDS) or _match(toks, j, _NAME_LOCATIVES)) if j > cur_start else 0
        )
        if inside:
            j += inside  # "Ban Quản lý dự án đầu tư xây dựng huyện": a noun, not the verb "xây dựng"
            continue
        if j >= head_end and j > cur_start and t in _NOT_YET:
            # "các cơ quan, đơn vị chưa báo cáo | khẩn trương …": the group those who have not
            # done it, its verb after; else the word opens the sentence's own predicate
            done = _is_verb(toks, j + 1)
            if done and _is_verb(toks, j + 1 + done) and not _NOT_YET & {toks[j + 1 + done].low}:
                j += 1 + done
                whole_name = True
            break
        if j >= head_end and j > cur_start and (_is_verb(toks, j) or t in _STOP_WORDS or _stop_pair(toks, j)):
            break
        if t == "được" and j > cur_start and j + 1 < len(toks) and toks[j + 1].low == "giao":
            break  # "các đơn vị | được giao …": a clause about them, not their name
        if (
            t == "giao"
            and j > cur_start
            and j + 1 < len(toks)
            and toks[j + 1].text[:1].isupper()
            and _head_at(toks, j + 1)
        ):
            break  # "Bộ Y tế | giao Cục Phòng bệnh …": who gives the work, then to whom
        if t == "," and any(a <= toks[j].start < b for a, b in groups):
            j += 1
            continue
        if t == "," and (shared := _shared_organ(toks, cur_start, j)):
            j = shared  # "Ban Thường vụ Huyện ủy, Thị ủy": one organ's head over both committees
            continue
        if t == "," and (place := _another_place_of_the_kind(toks, cur_start, j)):
            j = place  # "Ủy ban nhân dân xã Đạ Sar, xã Đạ Chais": one head over both communes
            continue
        if t in {",", ";"}:
            nxt = j + 1
            if t == "," and enum and _member_named_by_a_head(toks, nxt):
                j = nxt  # "Các Bộ: Quốc phòng, Công an, …": a member whose field is a head's word
                continue
            if (
                (
                    _head_at(toks, nxt)
                    and (
                        toks[nxt].text[:1].isupper()
                        or t == ";"
                        or (
                            _named(toks, cur_start, j)
                            # "Đảng ủy Mặt trận Tổ quốc, các đoàn thể tỉnh": one Party head over both
                            and (toks[nxt].low not in _PLURALS or toks[cur_start].text != _PARTY)
                        )
                    )
                )
                or (toks[cur_start].text != _PARTY and _another_body_after_comma(toks, cur_start, j, nxt))
                or _another_group_after_comma(toks, cur_start, nxt)
            ):
                names.append(text[toks[cur_start].start : toks[j - 1].end])
                cur_start = nxt
                head_end = nxt + _head_at(toks, nxt)
                j = nxt
                continue
            if enum and nxt < len(toks) and toks[nxt].text[:1].isupper():
                j = nxt
                continue
            if t == "," and (_name_goes_on(toks, nxt) or _name_goes_on_in_lower_case(toks, cur_start, nxt)):
                j = nxt  # "Sở Văn hóa, Thể thao và Du lịch": one name with a comma in it
                continue
            more = _more_places(toks, nxt) if t == "," and _places_of_a_kind(toks, cur_start, j) else 0
            if more:
                j = more  # "Các huyện Krông Nô, Đắk Glong hỗ trợ …": one group, its places named
                continue
            proper = _proper_name_before_verb(toks, nxt) if t == "," and j > cur_start else 0
            if proper:
                # "Đài Truyền hình Việt Nam, Hãng phim Giải Phóng tăng cường …": the last of a
                # list of bodies is one whose kind the lexicon does not know, a proper name
                # that runs up to the list's verb
                names.append(text[toks[cur_start].start : toks[j - 1].end])
                cur_start = nxt
                head_end = proper
                j = proper
                continue
            if t == ";" or not _continues_group(toks, nxt):
                break
        elif t == "và" and j > cur_start:
            nxt = j + 1
            if _joint_office(toks, cur_start, nxt):
                j = nxt  # "Văn phòng HĐND và UBND huyện": one office of both
                continue
            if nxt < len(toks) and (
                (
                    toks[nxt].text[:1].isupper()
                    and (_match(toks, nxt, _HEADS) or _named_head(toks, nxt))
                    # "… đê điều và Phòng, chống thiên tai": the field, not the office "Phòng"
                    and not _match(toks, nxt, _NOT_HEADS, fold=True)
                )
                # "… Từ Liêm và các đơn vị liên quan": the catch-all is a body of its own
                or _catch_all(toks, nxt)
            ):
                names.append(text[toks[cur_start].start : toks[j - 1].end])
                cur_start = nxt
                head_end = nxt + _head_at(toks, nxt)
                j = nxt
                continue
        elif t == _TOGETHER and j > cur_start:
            # "Ủy ban nhân dân các phường cùng (với) các đơn vị có liên quan": "together with"
            # joins two bodies as "và" does; elsewhere ("các cơ quan cùng cấp") it is the name's
            nxt = j + 1 + (j + 1 < len(toks) and toks[j + 1].low == _WITH)
            if nxt < len(toks) and (_head_at(toks, nxt) or _catch_all(toks, nxt)):
                names.append(text[toks[cur_start].start : toks[j - 1].end])
                cur_start = nxt
                head_end = nxt + _head_at(toks, nxt)
                j = nxt
                continue
        elif t == ":" and j > cur_start and _enumeration_head_before(toks, cur_start, j):
            nxt = j + 1
            if toks[cur_start].low in _PLURALS and toks[cur_start + 1 : j] and _named_body_at(toks, nxt):
                # "các cơ quan: Sở Công Thương, Sở Xây dựng, …": the words before the colon
                # announce bodies named whole after it, and are none of their names
                cur_start = nxt
                head_end = nxt + _head_at(toks, nxt)
                j = nxt
                continue
            enum = True
            max_words += _ENUM_WORDS  # the names listed after it may run long
        elif t in {".", ":", "!", "?", "“", '"', "…"}:
            break
        j += 1
    if j > cur_start:
        names.append(text[toks[cur_start].start : toks[j - 1].end])
    names = [
        part
        for n in names
        for whole in _without_aside(n)
        for part in _split_alternatives(whole.strip(" ,;"))
        if part
    ]
    k = _past_time_words(toks, j)
    verb = whole_name or (k < len(toks) and bool(_is_verb(toks, k)))
    return BodyList(tuple(names), j, verb)


def _member_named_by_a_head(toks: Toks, i: int) -> bool:
    """In an enumeration after a colon ("Các Bộ: Quốc phòng, Công an"), is the member at
    token i a head's word and nothing more ("Công an"), not a body named whole after it
    ("Ủy ban nhân dân các tỉnh")?"""
    n = _match(toks, i, _HEADS)
    if not n or not toks[i].text[:1].isupper():
        return False
    k = i + n
    return (
        k >= len(toks)
        or toks[k].text in {",", ";", ".", ")"}
        or toks[k].low == "và"
        or bool(_is_verb(toks, k))
    )


_COUNTRY: Final = tuple(words("bodies", "country_name")[0].split())
_VERBS_INSIDE_NAMES = _phrases("bodies", "verbs_inside_names")
_AFTER_COUNTRY: Final = frozenset(words("bodies", "after_country_name"))
_NOT_OWNER: Final = frozenset(words("bodies", "territory_not_owner"))


def _after_a_closing_place(toks: Toks, start: int, j: int) -> bool:
    """Is token j a lower-case word right after a name that ends with its country ("Bảo
    hiểm xã hội Việt Nam | chỉ đạo") or its territory ("Công an tỉnh | quản lý", "Ủy ban
    nhân dân huyện Chư Sê | quản lý"), other than the words that go on with such a name
    ("chi nhánh", "khóa", "và")?"""
    if j >= len(toks) or not toks[j].text[:1].islower() or not toks[j].text.isalpha():
        return False
    if toks[j].low in _AFTER_COUNTRY or toks[j].low in _STOP_WORDS or _stop_pair(toks, j):
        return False  # a word that goes on with the name, or one that ends it as usual ("theo")
    if j + 1 < len(toks) and toks[j + 1].text in {",", ";", ".", ":", "và"}:
        return False  # one word, then the list goes on: no verb ("… Việt Nam tính, …", OCR's "tỉnh")
    n = len(_COUNTRY)
    if j - n > start and tuple(t.text for t in toks[j - n : j]) == _COUNTRY:
        return True
    k = j
    while k - 1 > start and toks[k - 1].text[:1].isupper() and toks[k - 1].text.isalpha():
        k -= 1  # the territory's name: "huyện | Chư Sê"
    for size in (1, 2):
        if k - size > start and _match(toks, k - size, _TERRITORIES) == size:
            if toks[k - size - 1].low in _NOT_OWNER:
                return False  # "do tỉnh | quản lý": by whom, not whose name
            if any(t.low in _PLURALS for t in toks[start:k]):
                # "UBND các phường, xã | diễn ra sự kiện": a set of places, which a clause
                # after it qualifies as often as a verb follows; known verbs still end it, and
                # so do the verbs names hold, right after the set ("các xã | quản lý …")
                return k == j and bool(_match(toks, j, _VERBS_INSIDE_NAMES))
            return k == j or toks[k - size].text[:1].islower()
    return False


_DEPARTMENT_HEADS: Final = frozenset(words("bodies", "department_heads"))
_DEPARTMENT_FIELDS = _phrases("bodies", "department_fields")
# what may follow a department's whole name inside a list: a joiner of two bodies
_AFTER_DEPARTMENT: Final = frozenset({"và", _TOGETHER, _WITH})
_COURTESY: Final = frozenset(words("bodies", "courtesy_words"))
_TERRITORY_OPENERS: Final = frozenset(words("bodies", "department_territory_openers"))


def _department_end(toks: Toks, i: int) -> int:
    """Where a department named for its field ends ("Sở | Tài chính", "Bộ | Nông nghiệp và
    Môi trường"): after the longest field the lexicon knows, else 0."""
    if toks[i].text not in _DEPARTMENT_HEADS:
        return 0
    n = _match(toks, i + 1, _DEPARTMENT_FIELDS)
    return i + 1 + n if n else 0


def _past_territory(toks: Toks, k: int) -> int:
    """Past a territory after a name ("tỉnh", "thành phố" and its capitalised name), if any."""
    n = _match(toks, k, _TERRITORIES)
    if not n:
        return k
    k += n
    while k < len(toks) and toks[k].text[:1].isupper() and toks[k].text.isalpha() and not _head_at(toks, k):
        k += 1  # "tỉnh Lào Cai"
    return k


_STEERING = _phrases("bodies", "steering_heads")
_FIELD_OPENERS = _phrases("bodies", "steering_field_openers")
_TERRITORIES = _phrases("bodies", "steering_territories")
_ABOUT: Final = frozenset(words("bodies", "steering_field_word"))
_NOT_FIELDS = _phrases("bodies", "steering_not_fields")
_FIELD_WORDS: Final = 24  # "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"
_FIELD_JOINS: Final = frozenset({",", "và", "-"})
_FIELD_STOPS: Final = _STOP_WORDS - _ABOUT  # "về" opens a field; "theo", "trong" end one


def _steering_name_end(toks: Toks, i: int) -> int:
    """Where the name of a steering committee that starts at token i ends, when it names
    its field ("Ban Chỉ đạo phòng, chống tham nhũng, lãng phí, tiêu cực tỉnh", "Ban Chỉ
    đạo Trung ương về phát triển khoa học, công nghệ, … và chuyển đổi số"), else 0 and
    the name is read as any other. The field holds commas, "và" and verbs, which end other
    names: a territory closes it ("… tiêu cực tỉnh"), or, after "về", the verb that follows
    a word of the field rather than a comma ("… chuyển đổi số | tổ chức sơ kết")."""
    head = _match(toks, i, _STEERING)
    if not head:
        return 0
    k = i + head
    place = _match(toks, k, _TERRITORIES)
    if place:
        k += place
        while k < len(toks) and toks[k].text[:1].isupper() and not _head_at(toks, k):
            k += 1  # "Ban Chỉ đạo tỉnh Lào Cai về …"
        if k >= len(toks) or toks[k].low not in _ABOUT or _match(toks, k + 1, _NOT_FIELDS):
            return 0
        return _field_end(toks, k + 1, closed_by_place=False)
    if k < len(toks) and _is_verb(toks, k) and not _match(toks, k, _FIELD_OPENERS):
        return 0  # "Ban Chỉ đạo chỉ đạo các xã …": the committee's own verb
    return _field_end(toks, k, closed_by_place=True)


def _field_end(toks: Toks, k: int, *, closed_by_place: bool) -> int:
    """The end of a steering committee's field that starts at token k: after the territory
    that closes it (closed_by_place), else at the verb after it; 0 when neither comes."""
    start = k
    while k < len(toks) and k - start < _FIELD_WORDS:
        t = toks[k]
        if t.text in _FIELD_JOINS:
            k += 1
            continue
        if not t.text.isalpha() or not t.text[:1].islower() or t.low in _FIELD_STOPS:
            break
        after_word = k > start and toks[k - 1].text not in _FIELD_JOINS
        if after_word and _is_verb(toks, k):
            return 0 if closed_by_place else k  # the committee's verb
        place = _match(toks, k, _TERRITORIES) if closed_by_place and after_word else 0
        if place and toks[k - 1].low not in _PLURALS:
            nxt = k + place
            if nxt >= len(toks) or not toks[nxt].text.isalpha() or not toks[nxt].text[:1].islower():
                return nxt  # "… tiêu cực tỉnh", "… tiêu cực tỉnh Lào Cai", "… tỉnh."
            if _is_verb(toks, nxt) or toks[nxt].low in _STOP_WORDS or toks[nxt].low == "và":
                return nxt
            # "kinh tế - xã hội": a word of the field, not a commune
        verb = _match(toks, k, _FIELD_OPENERS) or _is_verb(toks, k)
        k += verb or 1
    if not closed_by_place and k > start and k < len(toks) and toks[k].text in {".", ";", ":", "("}:
        return k
    return 0


# how many more tokens an enumeration after its head may take ("Các Bộ: Tài chính, …")
_ENUM_WORDS = 60


def _named_body_at(toks: Toks, i: int) -> bool:
    """A body named whole from token i: a capitalised head with its name ("Sở Công Thương"),
    not a member named by its field alone ("Tài chính" of "Các Bộ: Tài chính, …")."""
    return i < len(toks) and toks[i].text[:1].isupper() and bool(_match(toks, i, _HEADS))


_COMMITTEES: Final = frozenset(tuple(c.split()) for c in words("bodies", "party_committees"))


def _committee_at(toks: Toks, i: int) -> int:
    """Length of a Party committee's kind at token i ("Huyện ủy"), else 0."""
    if i + 1 < len(toks) and (toks[i].text, toks[i + 1].text) in _COMMITTEES:
        return 2
    return 0


def _shared_organ(toks: Toks, start: int, comma: int) -> int:
    """After "<organ> <committee>," another committee's kind alone ("Ban Thường vụ Huyện
    ủy, Thị ủy, Thành ủy"): the organ's head is shared, one body (CONVENTIONS rule 8). The
    end of that kind, unless a place's name follows it; else 0. Committees named by their
    places ("Huyện ủy Bảo Thắng, Huyện ủy Bảo Yên") and a committee on its own before the
    comma ("Tỉnh ủy, Thành ủy") are not shared."""
    if comma - start < 3 or not _committee_at(toks, comma - 2):
        return 0
    n = _committee_at(toks, comma + 1)
    if not n:
        return 0
    end = comma + 1 + n
    if end < len(toks) and toks[end].text[:1].isupper():
        return 0  # "…, Thị ủy Sa Pa": a committee of its own, named by its place
    return end


_SHARED_PLACE_KINDS: Final = _phrases("bodies", "shared_place_kinds")


def _another_place_of_the_kind(toks: Toks, start: int, comma: int) -> int:
    """After "<head> xã Đạ Sar," another place of those kinds in lower case and its name ("xã
    Đạ Chais", "thị trấn Tràm Chim"): the end of that name (the head serves both), else 0.
    Only where the name before the comma ends with such a place and no plural opens it ("các
    xã A, B" is _places_of_a_kind's)."""
    nxt = comma + 1
    kind = _match(toks, nxt, _SHARED_PLACE_KINDS)
    if not kind or any(t.low in _PLURALS for t in toks[start:comma]):
        return 0
    k = comma - 1
    while k > start and toks[k].text[:1].isupper() and toks[k].text.isalpha():
        k -= 1  # back over the place's name to its kind
    if k == comma - 1 or not any(
        k - n >= -1 and _match(toks, k - n + 1, _SHARED_PLACE_KINDS) == n for n in (1, 2)
    ):
        return 0  # (kinds of one word, "xã", or two, "thị trấn")
    return _more_places(toks, nxt + kind, _SHARED_PLACE_ENDS)


def _enumeration_head_before(toks: Toks, start: int, j: int) -> bool:
    """Does the name ending before token j end with a head that a list of names follows
    ("UBND các phường: Ba Đình, …", "Các Bộ, cơ quan: Tài chính, …")? A head may be two
    words ("cơ quan"), so the last two tokens are tried too. The head is plural ("các
    tỉnh:"); "Công an tỉnh: Kiểm soát …" names one body, then its item. A verb after the
    colon ("Ủy ban nhân dân các xã: tăng cường kiểm tra …") starts the item, not a list;
    a field that reads as a verb and is listed ("Các Sở: Xây dựng, Y tế") is a member."""
    if not any(t.low in _PLURALS for t in toks[start:j]):
        return False
    verb = _verb_length_folded(toks, j + 1) if j + 1 < len(toks) else 0
    after = j + 1 + verb
    if (
        verb
        and (
            toks[j + 1].text[:1].islower()
            or (after < len(toks) and toks[after].text not in {",", ";", ".", "và"})
            # "… các xã: Tuyên truyền, vận động nhân dân …": verbs listed in lower case go on
            or (
                after + 1 < len(toks)
                and toks[after].text in {",", "và"}
                and toks[after + 1].text[:1].islower()
            )
        )
    ):
        return False
    if toks[j - 1].text in _ENUM_BEFORE_COLON:
        return True
    return j - 2 >= start and f"{toks[j - 2].text} {toks[j - 1].text}" in _ENUM_BEFORE_COLON


def _places_of_a_kind(toks: Toks, start: int, comma: int) -> bool:
    """Is the name before the comma a plural kind of place and the first of its names ("các
    huyện Krông Nô", "Ủy ban nhân dân các xã Ea Tul")? The proper names after the comma are
    more places of that kind, one body with it (as "Ban Thường vụ Huyện ủy, Thị ủy" shares
    its head, CONVENTIONS rule 8), not bodies of their own."""
    k = next((n for n in range(comma - 1, start - 1, -1) if toks[n].low in _PLURALS), None)
    if k is None or k + 2 >= comma or toks[k + 1].text not in _ENUM_BEFORE_COLON:
        return False
    return all(t.text[:1].isupper() or t.text == "," for t in toks[k + 2 : comma])


def _more_places(toks: Toks, i: int, ends: frozenset[str] = frozenset({",", "và"})) -> int:
    """After a comma in a list of places: the end of the next proper name ("Đắk Glong"),
    which one of `ends` (a comma, "và") or the list's verb follows, else 0."""
    k = i
    while k < len(toks) and k - i < _PLACE_WORDS and toks[k].text.isalpha() and toks[k].text[:1].isupper():
        if _head_at(toks, k):
            return 0  # "…, Sở Y tế": a body of its own
        k += 1
    if k == i or (k < len(toks) and toks[k].text not in ends and not _is_verb(toks, k)):
        return 0
    return k


# what may follow the last place a head serves ("…, xã Đạ Chais: vận động …")
_SHARED_PLACE_ENDS: Final = frozenset({",", "và", ":", ";", "."})


_PLACE_WORDS: Final = 4  # "Cư M'gar", "Thành phố Hồ Chí Minh" is a head, not a place name


_ALIAS: Final = re.compile(
    r"\s*\(\s*(?:" + "|".join(re.escape(w) for w in words("bodies", "alias_openers")) + r")\b[^()]*\)\s*$",
    re.I,
)


_ROLE_ASIDE: Final = re.compile(
    r"\s*\(\s*(?:" + "|".join(re.escape(w) for w in words("bodies", "role_asides")) + r")\b[^()]*\)\s*$",
    re.I,
)


def _without_aside(name: str) -> list[str]:
    """The name without the short name a parenthesis gives it ("… (sau đây gọi là X)") or
    the role it gives the body ("… (cơ quan thường trực Ban Chỉ đạo)"), nor the unit inside
    it that a parenthesis names ("Sở Nội vụ (Ban Thi đua - Khen thưởng)": the body given the
    work is the Sở). A group whose members the parenthesis lists ("các nhà mạng (Viettel
    Nghệ An, VNPT Nghệ An)") is those members."""
    if not name.endswith(")"):
        return [name]
    cut = _ROLE_ASIDE.sub("", _ALIAS.sub("", name))
    if cut != name:
        return [cut]
    opening = name.rfind("(")
    inner = name[opening + 1 : -1].strip()
    if opening <= 0 or not inner[:1].isupper():
        return [name]
    toks = tokenize(inner)
    if not _head_at(toks, 0, sentence_start=True):
        return [name]
    if name[:opening].split(" ", 1)[0].lower() in _PLURALS:
        members = read_bodies(inner, toks, 0, sentence_start=True).names
        return list(members) if members else [name]
    return [name[:opening].rstrip()]


def _split_alternatives(name: str) -> list[str]:
    """'Bộ Chỉ huy Quân sự tỉnh/Ban Chỉ huy Bộ đội Biên phòng tỉnh': two bodies, each
    of which leads where it stands; a slash inside a name or a number stays."""
    if "/" not in name:
        return [name]
    parts = [p.strip() for p in name.split("/")]
    for p in parts[1:]:
        toks = tokenize(p)
        if not p[:1].isupper() or not _head_at(toks, 0, sentence_start=True):
            return [name]
    return parts


def _named(toks: Toks, start: int, end: int) -> bool:
    """Does the phrase toks[start:end] carry a proper name ("Thành phố Hồ Chí Minh")?

    Then a following lower-case head starts a new body ("…, tỉnh Điện Biên"), whereas
    after a bare group ("các sở") it continues the group ("các sở, ban, ngành").
    """
    seg = toks[start:end]
    if any(t.low in _PLURALS for t in seg):
        return False  # "Ban Kinh tế Trung ương và các ban, ngành Trung ương" is one group
    return any(t.text[:1].isupper() for t in seg[1:])


@cache
def _fixed_group_pattern() -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """The fixed groups as (a case-sensitive pattern for lower-cased text, the same
    ignoring case). The first is several times faster: with IGNORECASE the regex engine
    lower-cases every character it tries and cannot skip ahead to the groups' first letters."""
    groups = words("bodies", "fixed_groups")
    if not groups:
        return None
    alts = sorted((r"\s+".join(map(re.escape, g.lower().split())) for g in groups), key=len, reverse=True)
    return re.compile("|".join(alts)), re.compile("|".join(alts), re.IGNORECASE)


@cache
def _fixed_group_hint() -> re.Pattern[str]:
    """The word right after the first comma of each fixed group: a cheap test before the
    full pattern ("Thủ trưởng", "cơ quan", "chữa", "chống", "Thể" …)."""
    hints = {g.split(",", 1)[1].split()[0] for g in words("bodies", "fixed_groups") if "," in g}
    return re.compile(r",\s*(?:" + "|".join(map(re.escape, sorted(hints))) + r")\b", re.I)


@lru_cache(maxsize=8)  # keyed by whole task texts: keep only the few being read
def _fixed_group_spans(text: str) -> tuple[tuple[int, int], ...]:
    patterns = _fixed_group_pattern()
    if patterns is None or "," not in text or not _fixed_group_hint().search(text):
        return ()
    low = text.lower()
    if len(low) == len(text):
        return tuple(m.span() for m in patterns[0].finditer(low))
    return tuple(m.span() for m in patterns[1].finditer(text))  # lower() moved offsets


def _stop_pair(toks: Toks, j: int) -> bool:
    """ "Các Sở, ngành, địa phương định kỳ hằng năm …": a time word ends the name. Read as
    written (lower case, as inside a sentence): looked up for every word of every name, it
    does not lower-case them."""
    seconds = _STOP_PAIRS.get(toks[j].text)
    return seconds is not None and j + 1 < len(toks) and toks[j + 1].text in seconds


_SCOPES = _phrases("bodies", "subject_scopes")
_BY: Final = "theo"
_QUALIFIER_WORDS = 14  # the longest "được giao …" clause between a subject and its verb


def _past_time_words(toks: Toks, j: int) -> int:
    """Past a time adverbial between a subject and its verb ("Các sở, ngành định kỳ hằng
    năm (trước ngày 10/12) hoặc đột xuất | báo cáo …"); j itself when there is none."""
    k = j
    if k + 2 < len(toks) and toks[k].low == _BY and _match(toks, k + 1, _SCOPES):
        # "Các sở, ngành theo thẩm quyền | xử lý …": the scope qualifies the subject
        verb = next(
            (n for n in range(k + 2, min(len(toks), k + _QUALIFIER_WORDS)) if _is_verb(toks, n)), None
        )
        if verb is not None and not any(t.text in {";", ".", ":", "("} for t in toks[k:verb]):
            return verb
        return j
    if k + 3 < len(toks) and toks[k].text == "," and toks[k + 1].low == _BY and _match(toks, k + 2, _SCOPES):
        # "Các đơn vị thuộc Bộ, theo chức năng, nhiệm vụ được giao, | hướng dẫn …": the scope
        # set off by commas, then the verb right after the closing one
        for n in range(k + 3, min(len(toks), k + _QUALIFIER_WORDS)):
            if toks[n].text in {";", ".", ":", "("}:
                break
            if toks[n - 1].text == "," and _is_verb(toks, n):
                return n
        return j
    if k + 2 < len(toks) and toks[k].low == "được" and toks[k + 1].low == "giao":
        # "Các sở, ngành được giao nhiệm vụ tại Phụ lục | chủ động triển khai": the bodies
        # the clause qualifies are the subject of the verb after it
        verb = next(
            (n for n in range(k + 3, min(len(toks), k + _QUALIFIER_WORDS)) if _is_verb(toks, n)), None
        )
        if verb is None or any(t.text in {",", ";", ".", ":"} for t in toks[k:verb]):
            return j
        return verb
    while k < len(toks) and _stop_pair(toks, k):
        k += 2
        while k < len(toks):
            if _stop_pair(toks, k):
                k += 2
            elif toks[k].text == "(":
                close = next((n for n in range(k + 1, min(len(toks), k + 20)) if toks[n].text == ")"), -1)
                if close < 0:
                    return j
                k = close + 1
            elif toks[k].low in _TIME_JOINERS and k + 1 < len(toks) and _stop_pair(toks, k + 1):
                k += 1
            elif toks[k].text.isdigit() and k + 1 < len(toks) and toks[k + 1].low in _CYCLE_UNITS:
                k += 2  # "định kỳ 6 tháng", "định kỳ 2 năm"
            elif cut := _cutoff_day(toks, k):
                k += cut  # "định kỳ trước ngày 10 tháng 12 hằng năm"
            else:
                break
    return k


def _cutoff_day(toks: Toks, k: int) -> int:
    """How many tokens a cycle's cut-off day takes at k ("trước ngày 10/12", "trước ngày 10
    tháng 12", "trước ngày 25"), or 0."""
    if k >= len(toks) or toks[k].low != "trước":
        return 0
    n = k + 1 + (k + 1 < len(toks) and toks[k + 1].low == "ngày")
    if n >= len(toks) or not toks[n].text.replace("/", "").isdigit():
        return 0
    n += 1
    if n + 1 < len(toks) and toks[n].low == "tháng" and toks[n + 1].text.isdigit():
        n += 2
    return n - k


def _joint_office(toks: Toks, start: int, nxt: int) -> bool:
    """After "Văn phòng <a council>", does "và" name the other council it also serves?"""
    head = _match(toks, start, _JOINT_OFFICE)
    return (
        bool(head)
        and bool(_match(toks, start + head, _JOINT_OWNERS))
        and bool(_match(toks, nxt, _JOINT_OWNERS))
    )


def _catch_all(toks: Toks, i: int) -> bool:
    """ "các đơn vị (có) liên quan", "các cơ quan liên quan" after "và"; also without "các"
    ("Sở Tài chính và cơ quan, địa phương liên quan", "… và sở, ngành có liên quan")."""
    if i >= len(toks) or not _head_at(toks, i):
        return False
    if toks[i].low not in _PLURALS and not toks[i].text[:1].islower():
        return False
    window = [t.low for t in toks[i + 1 : i + 8]]
    return any((a, b) == _CONCERNED for a, b in itertools.pairwise(window))


def _name_goes_on(toks: Toks, i: int) -> bool:
    """After a comma, a capitalised word that heads no body, then "và" and another
    capitalised word: the comma is inside a name ("Văn hóa, Thể thao và Du lịch")."""
    if i + 2 >= len(toks) or not toks[i].text[:1].isupper() or _head_at(toks, i):
        return False
    for k in range(i + 1, min(len(toks) - 1, i + 5)):
        if toks[k].text == "và":
            return toks[k + 1].text[:1].isupper()
        if not toks[k].text[:1].isalpha() or _is_verb(toks, k) or toks[k].text in _STOP_WORDS:
            return False
    return False


_NAME_TAIL_WORDS: Final = 4  # "giáo dục pháp luật" of "Phòng Phổ biến, giáo dục pháp luật"
_NAME_PROPER_WORDS: Final = 3  # the words of the name "Phổ biến" after its head, before the comma
_NAME_TAIL_ENDS: Final = frozenset({",", ";", ")", ".", ":"})
# "… giáo dục pháp luật | chủ trì", "… | phối hợp": the role cues that end a name's tail
_ROLE_CUES: Final = tuple(
    tuple(c.lower().split()) for c in (*words("roles", "lead_cues"), *words("roles", "support_cues"))
)


def _name_goes_on_in_lower_case(toks: Toks, start: int, i: int) -> bool:
    """ "Phòng Phổ biến, giáo dục pháp luật", "Vụ Thi đua, khen thưởng": a unit named by two
    fields, the second in lower case after a comma. Only after a head and a short capitalised
    name, for a few words that are no verb, no body and no stop word, and then the phrase
    ends (a comma, a parenthesis, "chủ trì", "phối hợp", the end of the text)."""
    head = _head_at(toks, start)
    proper = toks[start + head : i - 1]
    if not head or not proper or len(proper) > _NAME_PROPER_WORDS or not proper[0].text[:1].isupper():
        return False
    if i >= len(toks) or not toks[i].text[:1].islower():
        return False
    for k in range(i, min(len(toks), i + _NAME_TAIL_WORDS + 1)):
        t = toks[k]
        if k > i and (
            t.text in _NAME_TAIL_ENDS
            or any(tuple(x.low for x in toks[k : k + len(c)]) == c for c in _ROLE_CUES)
        ):
            return True
        if not t.text[:1].islower() or _is_verb(toks, k) or t.text in _STOP_WORDS or t.low in _PLURALS:
            return False
        if _head_at(toks, k):
            return False
    return len(toks) <= i + _NAME_TAIL_WORDS


def _another_group_after_comma(toks: Toks, start: int, nxt: int) -> bool:
    """ "các chi, đảng bộ cơ sở, các cơ quan, đơn vị": a group that opened with "các" and
    went on over a comma, then "các" again: a second group, not a third member. (Without
    the comma inside the first group, dev2 scores lower: "Ủy ban Mặt trận Tổ quốc tỉnh, các
    tổ chức chính trị - xã hội, …" is annotated as one body with its partner.) Not after "các
    cấp …": "các cấp ủy đảng, chính quyền, các cơ quan, đơn vị" is the whole political system
    addressed as one (CONVENTIONS rule 6, the seed's general addressees)."""
    if nxt >= len(toks) or toks[nxt].low not in _PLURALS:
        return False
    # the group's own "các": at its start, or after the head it belongs to ("UBND các xã,
    # phường, các cơ quan, đơn vị có liên quan")
    plural = next((p for p in range(start, nxt - 1) if toks[p].low in _PLURALS), None)
    if plural is None:
        # "chính quyền địa phương, các cơ quan chức năng": a group named in lower case without
        # "các", whole before its comma, then "các" opens the next
        return toks[start].text[:1].islower() and nxt - 1 - start >= 2 and bool(_head_at(toks, nxt))
    return (
        not (plural + 1 < len(toks) and toks[plural + 1].low in _EVERY_LEVEL)
        and any(t.text == "," for t in toks[plural : nxt - 1])
        and bool(_head_at(toks, nxt))
    )


def _same_head(toks: Toks, start: int, nxt: int) -> bool:
    """Does the word after the comma open the head its body opened with, in either case?"""
    n = _match(toks, start, _GENERIC_HEADS, fold=True)
    return (
        bool(n) and nxt + n <= len(toks) and all(toks[start + k].low == toks[nxt + k].low for k in range(n))
    )


def _another_body_after_comma(toks: Toks, start: int, comma: int, nxt: int) -> bool:
    """After a body with a name of its own ("các Ban của Hội đồng nhân dân tỉnh", "Các phòng
    chuyên môn thuộc Sở"), ", các Tổ đại biểu" is another body, and so is a head of others
    (", thủ trưởng các đơn vị trực thuộc"); after a bare group ("các sở") the comma goes on
    with it ("các sở, ban, ngành"). After one body, not a group, a kind of body named with a
    capital (", cơ quan Thi hành án dân sự") is another body too ("Công an tỉnh, cơ quan …")."""
    if nxt >= len(toks):
        return False
    if _same_head(toks, start, nxt):
        return True  # "Chi bộ các thôn, chi bộ trường học": the head again opens another body
    if not any(t.text[:1].isupper() for t in toks[start + 1 : comma]):
        n = _match(toks, nxt, _GENERIC_HEADS)
        return (
            bool(n)
            and toks[start].text[:1].isupper()
            and nxt + n < len(toks)
            and toks[nxt + n].text[:1].isupper()
            and not _match(toks, nxt, _TERRITORIES)
            and not any(t.low in _PLURALS for t in toks[start:comma])
        )
    if toks[nxt].low in _PLURALS:
        return bool(_head_at(toks, nxt))
    n = _match(toks, nxt, _GENERIC_HEADS, fold=True)
    return bool(n) and nxt + n < len(toks) and toks[nxt + n].low in _PLURALS


def opens_another_body(before: str, part: str) -> bool:
    """In a list of bodies and nothing else (a field's value), does the part after a comma
    name a body of its own ("Sở Tài chính", "các xã", and after a named one "trung tâm giáo
    dục thường xuyên"), rather than go on with a group ("ban", "ngành" of "các sở, ban,
    ngành", "đơn vị liên quan" of "các cơ quan, đơn vị liên quan") or a name ("Thể thao và
    Du lịch" of "Sở Văn hóa, Thể thao và Du lịch")?"""
    toks = _tokens(part)
    if not toks:
        return False
    first = _tokens(before)[:1]
    if first and first[0].text == _PARTY and toks[0].low in _PLURALS:
        return False  # "Đảng ủy Mặt trận Tổ quốc, các đoàn thể tỉnh": one Party head over both
    if toks[0].low in _PLURALS or toks[0].text[:1].isupper():
        return bool(_head_at(toks, 0))
    n = _match(toks, 0, _GENERIC_HEADS)
    if not n or len(toks) <= n:
        return False  # a bare group word: "ban", "ngành"
    # a group read so far ("các cơ quan", "Sở, ban"): every word of it a head or a comma
    # the group open before the comma: after the last "và" ("các Sở, ban, ngành và các cơ quan")
    group = before.rsplit(" và ", 1)[-1]
    prev = tuple(t for t in _tokens(group) if t.text != "," and t.low not in _PLURALS)
    k = 0
    while k < len(prev):
        n = _match(prev, k, _GENERIC_HEADS, fold=True)
        if not n:
            return True  # a body with words of its own: a new one starts
        k += n
    return not prev


def _proper_name_before_verb(toks: Toks, i: int) -> int:
    """After a comma in a list of bodies: the end of a name that opens with a capital and
    ends with a proper name, which the list's verb follows at once ("…, Hãng phim Giải
    Phóng tăng cường"), else 0. Text in capitals throughout (a heading) is not read so."""
    if i >= len(toks) or not toks[i].text[:1].isupper() or _is_verb(toks, i):
        return 0
    k = i
    while k < len(toks) and k - i < 8 and toks[k].text.isalpha() and not toks[k].text.isupper():
        if k > i and toks[k].text[:1].islower() and _is_verb(toks, k):
            last = toks[k - 1].text
            return k if k - i >= 2 and last[:1].isupper() else 0
        k += 1
    return 0


def _continues_group(toks: Toks, i: int) -> bool:
    """After a comma: does a lower-case group ("sở, ban, ngành") go on?"""
    if i >= len(toks):
        return False
    if i + 1 < len(toks) and f"{toks[i].low} {toks[i + 1].low}" in _QUALIFIERS:
        return True  # "các đơn vị thuộc, trực thuộc Bộ": one qualifier after another
    if toks[i].low in _KIND_ABBREVIATIONS:
        return i + 1 >= len(toks) or not toks[i + 1].text[:1].isupper()
    return bool(_head_at(toks, i)) or toks[i].low in _GROUP_GOES_ON


_HEADING_CUES: Final = tuple(tuple(c.split()) for c in words("roles", "assignment_cues"))


@lru_cache(maxsize=256)
def whole_bodies(text: str) -> tuple[str, ...]:
    """The bodies a line names when it names nothing else: '13. Tổng Công ty Điện lực Hà
    Nội', 'Đề nghị Đài Truyền hình Việt Nam', 'Mời Thành phố Hồ Chí Minh, tỉnh Điện Biên'."""
    toks = tokenize(text)
    i = 0
    for cue in _HEADING_CUES:
        if tuple(t.low for t in toks[: len(cue)]) == cue:
            i = len(cue)
            break
    bl = read_bodies(text, toks, i, sentence_start=True, max_words=40)
    if not bl.names:
        return ()
    rest = toks[bl.end :]
    if not rest or (len(rest) == 1 and rest[0].text in {".", ":"}):
        return bl.names
    return ()


def strip_body(name: str) -> str:
    return name.strip(" ,;:.")


def clear_text_caches() -> None:
    """Forget the per-text caches: they serve one document's repeated reads, and must not
    grow across documents in a long-running process (nor flatter a benchmark that repeats
    documents)."""
    tokenize.cache_clear()
    whole_bodies.cache_clear()
    _fixed_group_spans.cache_clear()
