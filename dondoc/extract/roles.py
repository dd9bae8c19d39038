"""Who leads and who supports a task, read from its text.

Leads are the bodies named as the subject of a sentence ("Bộ Y tế chịu trách nhiệm…"),
after an assigning cue ("Giao Bộ Tài chính…", "đề nghị UBND tỉnh…"), or right before
"chủ trì". Supports follow "phối hợp (với)". The subject of the first sentence is kept
apart: when a task has one, it does not inherit its parent's or the introduction's bodies.
"""

from __future__ import annotations

import re
from typing import Final, final

from dondoc.extract.bodies import (
    _COURTESY,
    _HEADS,
    _PLURALS,
    _VERBS,
    BodyList,
    Toks,
    _head_at,
    _is_verb,
    _is_verb_folded,
    _match,
    _named_head,
    read_bodies,
    tokenize,
)
from dondoc.extract.lexicon import words
from dondoc.extract.review import is_bare_body


def _phrases(key: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.split()) for p in words("roles", key))


def _by_first(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        out.setdefault(p[0], []).append(p)
    return out


_PREFIX_BY_FIRST: Final = _by_first(_phrases("sentence_openers"))
_CLAUSE_BY_FIRST: Final = _by_first(_phrases("clause_openers"))
_PURPOSE_OPENERS: Final = _phrases("purpose_openers")  # "Để"
_TOPIC_OPENERS: Final = _phrases("topic_openers")
_TOPIC_LABELS: Final = _phrases("topic_labels")
_SUBJECT_MARKERS: Final = _phrases("subject_markers")
_TOPIC_AGENT_WORDS: Final = _phrases("topic_agent_words")
_CUE_PARTS: Final = _phrases("assignment_cues")
CUE_FIRST: Final = frozenset(parts[0] for parts in _CUE_PARTS)  # the first words of the cues
_CUE_NOUNS: Final = frozenset(words("roles", "assignment_cue_nouns"))
_CUE_HANDING_ON: Final = frozenset(words("roles", "cue_handing_on"))
_LEAD_CUE_OPENERS: Final = frozenset(words("roles", "lead_cue_openers"))
_LEAD_CUES: Final = _phrases("lead_cues")
_SUPPORT_CUES: Final = _phrases("support_cues")
_LEAD_BY_FIRST: Final = _by_first(_LEAD_CUES)  # as written, lower case
_SUPPORT_BY_FIRST: Final = _by_first(tuple(tuple(w.lower() for w in c) for c in _SUPPORT_CUES))
_SUPPORT_FILLERS: Final = frozenset(w for p in _phrases("support_cue_fillers") for w in p)
_LEAD_CUE_PARTNERS: Final = _by_first(_phrases("lead_cue_partners"))
_PASSIVE_AGENTS: Final = frozenset(words("roles", "passive_agents"))
_PASSIVE_VERBS: Final = _phrases("passive_verbs")
_WORK_NOUNS: Final = frozenset(words("roles", "work_nouns"))  # "Việc …": the work as a noun
_PASSIVE_LEAD_VERBS: Final = _LEAD_CUES  # after a comma, only "do X chủ trì" names the lead
_JOINING: Final = (*(tuple(w.lower() for w in c) for c in _SUPPORT_CUES), *_phrases("joining_verbs"))
_AGENT_ALTERNATIVES: Final = frozenset(words("roles", "agent_alternatives"))
_ASIDES: Final = _phrases("subject_asides")
_AID_VERBS: Final = _phrases("support_aid_verbs")
_AID_JOINERS: Final = frozenset(words("roles", "support_aid_joiners"))
# "… (phối hợp)" right after a body's name: its part in the work (bodies.toml)
_SUPPORT_ASIDE: Final = re.compile(
    r"\s*\(\s*(?:" + "|".join(map(re.escape, words("bodies", "support_asides"))) + r")\s*\)"
)
_HELPING: Final = _by_first(_phrases("helping_openers"))  # lower case: "Hỗ trợ" is folded
# the first letters, in either case, of the words find_roles looks for: cues, lead and support cues
_CUE_LETTERS: Final = frozenset(
    "".join(p[0][0] + p[0][0].upper() for p in (*_CUE_PARTS, *_LEAD_CUES, *_SUPPORT_CUES))
    + "".join(a[0] for a in _PASSIVE_AGENTS)
    + "".join(w[0] for w in _LEAD_CUE_PARTNERS)
    + "".join(h[0] + h[0].upper() for h in _HELPING)
)


@final
class Roles:
    """A plain class (see bodies.Tok): one is built per task."""

    __slots__ = ("leads", "subject", "support")

    def __init__(self, subject: tuple[str, ...], leads: tuple[str, ...], support: tuple[str, ...]) -> None:
        self.subject = subject  # bodies that open the first sentence
        self.leads = leads  # other leads found in the text
        self.support = support


_COPULA: Final = words("roles", "copula")[0]  # "là"
_ROLE_NOUNS: Final = _phrases("role_nouns")  # "cơ quan", "đơn vị"
_DUTY_WORDS: Final = _phrases("duty_words")  # "có trách nhiệm", "chịu trách nhiệm"


def _before_role_noun(toks: Toks, k: int) -> int:
    """Where "X là cơ quan | phối hợp" or "X có trách nhiệm | phối hợp" ends its body: before
    "là cơ quan" or the words of duty (else at k)."""
    for noun in _ROLE_NOUNS:
        at = k - len(noun)
        if at > 1 and toks[at - 1].low == _COPULA and _starts_with(toks, at, noun, fold=True):
            return at - 1
    for duty in _DUTY_WORDS:
        at = k - len(duty)
        if at > 0 and _starts_with(toks, at, duty, fold=True):
            return at
    return k


def _partner_by_aside(text: str, name: str) -> bool:
    at = text.find(name)
    return at >= 0 and _SUPPORT_ASIDE.match(text, at + len(name)) is not None


def _starts_with(toks: Toks, i: int, words: tuple[str, ...], *, fold: bool = False) -> bool:
    n = len(words)
    if i + n > len(toks):
        return False
    got = tuple(t.low if fold else t.text for t in toks[i : i + n])
    return got == words


_OPENERS_FOLDED: Final = tuple(tuple(w.lower() for w in p) for p in _phrases("sentence_openers"))


_OPENER_FIRSTS: Final = frozenset(p[0] for p in _OPENERS_FOLDED)


def _past_opener(toks: Toks, s: int) -> int:
    """After ";", the token past a sentence opener written in lower case, its comma or none
    ("…; đồng thời UBND phường …"), where a body's name then opens; else s."""
    if s >= len(toks) or toks[s].low not in _OPENER_FIRSTS:
        return s  # most clauses: no opener's first word, no pattern tried
    for pre in _OPENERS_FOLDED:
        if _starts_with(toks, s, pre, fold=True):
            k = s + len(pre)
            k += k < len(toks) and toks[k].text == ","
            if k < len(toks) and toks[k].text[:1].isupper() and _head_at(toks, k):
                return k
    return s


_TOPIC_LABEL_TOKENS: Final = 8
_LONG_TOPIC_TOKENS: Final = 40  # "Về …:" may name its topic at length
_PLURALS_OPENING: Final = frozenset(words("bodies", "plural_markers"))


def _sentence_starts(text: str, toks: Toks) -> list[int]:
    starts = [0]
    for k in range(len(toks) - 1):
        if toks[k].text in {".", "!", "?", ";"} and toks[k + 1].text[:1].isupper():
            starts.append(k + 1)
        elif toks[k].text == ";" and _past_opener(toks, k + 1) > k + 1:
            starts.append(k + 1)  # "…; đồng thời UBND phường …": an opener, then the subject
        elif toks[k].text == "," and toks[k + 1].low in _OPENER_FIRSTS and _opens_a_clause(text, toks, k + 1):
            starts.append(k + 1)  # "Tiếp tục …, trong đó Văn phòng UBND tỉnh hướng dẫn …": its own subject
        elif (
            toks[k].text == ":"
            and toks[k + 1].text[:1].isupper()
            and (
                k - starts[-1] <= _TOPIC_LABEL_TOKENS
                or (
                    k - starts[-1] <= _LONG_TOPIC_TOKENS
                    and any(_starts_with(toks, starts[-1], t) for t in _TOPIC_LABELS)
                )
            )
        ):
            starts.append(k + 1)  # "Các nội dung khác: Thủ trưởng các cơ quan …": a topic, then the sentence
        elif toks[k].text == "(" and toks[k + 1].low in _PLURALS_OPENING:
            starts.append(k + 1)  # "… (các chi bộ thực hiện; Văn phòng tổng hợp)": who does it
        elif (
            toks[k].text in _DASHES
            and k > starts[-1]
            and toks[k + 1].text[:1].isupper()
            and not _head_at(toks, starts[-1])
            and _acts(text, toks, k + 1)
        ):
            starts.append(k + 1)  # "Tuyên truyền … - Trung tâm Kiểm soát bệnh tật tỉnh thực hiện"
    return starts


_DASHES: Final = frozenset({"-", "–", "—"})


def _opens_a_clause(text: str, toks: Toks, k: int) -> bool:
    """After a comma, an opener in lower case then bodies and their verb ("…, trong đó Văn
    phòng UBND tỉnh hướng dẫn …", "…, đồng thời Sở Tài chính bố trí …"): a clause with its own
    subject; never an opener before a noun ("…, trong đó chú trọng …")."""
    j = _past_opener(toks, k)
    return j > k and read_bodies(text, toks, j).followed_by_verb


def _acts(text: str, toks: Toks, k: int) -> bool:
    """Do bodies open at k, followed by their verb (the work's doer after a dash, the work
    before it), rather than the second half of a name ("Phòng Văn hóa - Xã hội")? A named
    body's head, never a common word capitalised ("Xã hội")."""
    if not (_match(toks, k, _HEADS) or _named_head(toks, k)):
        return False
    return read_bodies(text, toks, k).followed_by_verb


def cue_len(toks: Toks, i: int) -> int:
    """How many tokens an assigning cue takes at i ("Giao", "đề nghị", "yêu cầu:"), or 0."""
    if i >= len(toks) or toks[i].low not in CUE_FIRST:
        return 0  # no cue starts with this word
    for parts in _CUE_PARTS:
        n = len(parts)
        if i + n <= len(toks) and tuple(t.low for t in toks[i : i + n]) == parts:
            nxt = toks[i + n].text if i + n < len(toks) else ""
            if nxt in _CUE_NOUNS:
                return 0
            return n + (1 if nxt == ":" else 0)
    return 0


def _subject_at(text: str, toks: Toks, s: int) -> tuple[str, ...]:
    if s >= len(toks):
        return ()
    after_prefix = False
    first = toks[s].text
    for pre in _PREFIX_BY_FIRST.get(first, ()):
        if _starts_with(toks, s, pre) and s + len(pre) < len(toks) and toks[s + len(pre)].text == ",":
            s += len(pre) + 1
            after_prefix = True  # "Đồng thời, cấp uỷ, chính quyền cơ sở phải…": lower case is fine
            break
    marker = next((m for m in _SUBJECT_MARKERS if _starts_with(toks, s, m)), None)
    # the body singled out is named ("Riêng Phòng Tài chính …") or a group ("Riêng các trường
    # có học sinh nội trú, bán trú: bố trí …"); "Riêng năm 2027, …" singles out no one
    singled = (
        marker is not None
        and s + len(marker) < len(toks)
        and (toks[s + len(marker)].text[:1].isupper() or toks[s + len(marker)].low in _PLURALS)
    )
    if marker is not None and singled:
        s += len(marker)  # "Riêng Phòng Tài chính - Kế hoạch …": the body singled out is the subject
    cue = cue_len(toks, s)
    if cue:
        return read_bodies(text, toks, s + cue).names
    topic = next((t for t in _TOPIC_OPENERS if _starts_with(toks, s, t)), None)
    if topic is not None:
        bl = read_bodies(text, toks, s + len(topic))
        if bl.names and bl.end < len(toks) and toks[bl.end].text == ":":
            return bl.names
        k = _past_comma(toks, bl.end) if bl.names else 0
        if k and any(_starts_with(toks, k, w, fold=True) for w in _TOPIC_AGENT_WORDS):
            # "Đối với các địa phương có nguồn thu lớn, chủ động xây dựng …": the bodies the
            # sentence is about act themselves; after "Đối với X, xử lý …" X is what is acted on
            return bl.names
    label = next((t for t in _TOPIC_LABELS if _starts_with(toks, s, t)), None)
    if label is not None:
        # "Về công tác truyền thông: Sở Văn hóa … chỉ đạo …": the topic, then the sentence
        # whose subject is the item's own
        end = min(len(toks) - 1, s + _LONG_TOPIC_TOKENS)
        colon = next((k for k in range(s + len(label), end) if toks[k].text in {":", ".", ";"}), None)
        if colon is not None and toks[colon].text == ":" and toks[colon + 1].text[:1].isupper():
            return _subject_at(text, toks, colon + 1)
    if any(_starts_with(toks, s, c) for c in _CLAUSE_BY_FIRST.get(toks[s].text if s < len(toks) else "", ())):
        # "Trên cơ sở đề nghị của các Bộ, cơ quan liên quan, Bộ Tài chính tổng hợp…": the
        # subject is the list closest to the verb, so a later comma wins for the same verb
        k, commas = s, 0
        found: BodyList | None = None
        whole = False  # the list found opened after a stretch naming no body: read whole
        last_comma = s
        purpose = any(_starts_with(toks, s, p) for p in _PURPOSE_OPENERS)
        while k < len(toks) and commas < 4 and toks[k].text not in {".", ";"}:
            if toks[k].text == ",":
                commas += 1
                since, last_comma = last_comma, k
                bl = read_bodies(text, toks, k + 1)
                if commas == 1 and bl.names and bl.followed_by_verb and not _names_a_body(toks, s, k):
                    # "Căn cứ kế hoạch này, Giám đốc các Sở, Thủ trưởng các ngành, UBND các xã
                    # tổ chức …": a lead-in that names no body ends at its first comma
                    return bl.names
                if found is None and not bl.names and _is_verb(toks, k + 1) and not purpose:
                    # "Căn cứ chức năng, nhiệm vụ, chỉ đạo các cơ sở …, các trường … lồng ghép
                    # …": the sentence goes on with its verb, no subject of its own; the
                    # bodies after a later comma are whom it directs (a purpose lists its own
                    # verbs: "Để kịp thời tổng hợp, báo cáo …, Chủ tịch … đề nghị …")
                    break
                if bl.names and bl.followed_by_verb:
                    if found is not None and found.end != bl.end:
                        break
                    if found is not None and (whole or not toks[k + 1].text[:1].isupper()):
                        # "các sở, ban, ngành Tỉnh": the comma is inside the group; "Theo chức
                        # năng, nhiệm vụ, Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh tăng cường …":
                        # a list opened after the lead-in's own words goes on to its verb
                        k += 1
                        continue
                    # ("Trên cơ sở đề nghị của các Bộ, cơ quan liên quan, Bộ Tài chính tổng
                    # hợp …": the list before opened inside the lead-in; the later one wins)
                    found, whole = bl, not _names_a_body(toks, since, k)
            k += 1
        return found.names if found else ()
    bl = read_bodies(text, toks, s, sentence_start=not after_prefix)
    if bl.names and bl.end + 1 < len(toks) and toks[bl.end].low == "giao":
        # "Bộ Y tế giao Cục Phòng bệnh theo dõi …": the body given the work does it
        given = read_bodies(text, toks, bl.end + 1)
        if given.names:
            return given.names
    if bl.names and (
        bl.followed_by_verb or _verb_after_aside(toks, bl.end) or _labels_its_item(toks, bl.end)
    ):
        return bl.names
    k = _past_comma(toks, bl.end) if singled and bl.names else 0
    if k and _is_verb_folded(toks, k):
        return bl.names  # "Riêng Sở Y tế, hoàn thành …", "Về phía Sở Tài chính, cần …"
    if k and (colon := _label_colon(toks, k)):
        # "Riêng các trường có học sinh nội trú, bán trú: bố trí …": the group's qualifiers
        # run on over a comma to the colon that labels the item
        last = text.rfind(bl.names[-1], 0, toks[bl.end - 1].end)
        if last >= 0:
            return (*bl.names[:-1], text[last : toks[colon].start].strip())
    return ()


_LABEL_TAIL_TOKENS: Final = 4


def _label_colon(toks: Toks, k: int) -> int:
    """The colon a few words after k, with no punctuation and no body's head between (the
    rest of a singled-out group's qualifiers), or 0."""
    for j in range(k, min(len(toks), k + _LABEL_TAIL_TOKENS + 1)):
        if toks[j].text == ":":
            return j if j > k else 0
        if not toks[j].text[:1].isalpha() or _head_at(toks, j):
            return 0
    return 0


_QUALIFIER_TOKENS: Final = 12  # "các địa phương có nguồn thu từ tiền sử dụng đất lớn,"


def _past_comma(toks: Toks, end: int) -> int:
    """After bodies that end at `end`: the token past their comma (a short qualifier of
    theirs may come first, no clause ending between), else 0."""
    for k in range(end, min(len(toks) - 1, end + _QUALIFIER_TOKENS)):
        if toks[k].text in {".", ";", ":", "(", "?", "!"}:
            return 0
        if toks[k].text == ",":
            return k + 1
    return 0


def _labels_its_item(toks: Toks, end: int) -> bool:
    """ "2. Sở Tài chính: Tham mưu …": a body alone before a colon names who does the item
    (the inline form of a heading "2. Sở Tài chính:" over its items)."""
    # ("Ủy ban nhân dân các xã: tuyên truyền, vận động …": a verb after it, in lower case)
    return (
        end + 1 < len(toks)
        and toks[end].text == ":"
        and (toks[end + 1].text[:1].isupper() or bool(_is_verb(toks, end + 1)))
    )


def _names_a_body(toks: Toks, start: int, end: int) -> bool:
    return any(_head_at(toks, i) for i in range(start, end))


def _verb_after_aside(toks: Toks, i: int) -> bool:
    """ "Cấp uỷ các cấp, nhất là thành phố Hà Nội, … phải đi đầu": the verb after the aside."""
    if i >= len(toks) or toks[i].text != "," or not any(_starts_with(toks, i + 1, a) for a in _ASIDES):
        return False
    for k in range(i + 2, min(len(toks), i + 40)):
        if toks[k].text in {";", ".", ":"}:
            return False
        if _is_verb(toks, k) and toks[k - 1].text not in {",", "và"}:
            return True
    return False


_PERSON_MARKS: Final = tuple(w.lower() for w in words("bodies", "person_marks"))  # "đồng chí"
_PERSON_TITLES: Final = tuple(words("bodies", "person_titles"))


def _with_titles(names: tuple[str, ...], text: str) -> tuple[str, ...]:
    """ "Giao đồng chí Nguyễn Văn An, Phó Chủ tịch Ủy ban nhân dân tỉnh chỉ đạo …": a person
    and the title after the comma are one lead (the comma sets the title beside the name),
    not two."""
    out: list[str] = []
    for name in names:
        if out and name.startswith(_PERSON_TITLES) and _is_comrade(out[-1]) and f"{out[-1]}, {name}" in text:
            out[-1] = f"{out[-1]}, {name}"
        else:
            out.append(name)
    return tuple(out)


def _is_comrade(name: str) -> bool:
    """ "đồng chí Nguyễn Văn An": the mark, then a person's capitalised name alone."""
    low = name.lower()
    mark = next((m for m in _PERSON_MARKS if low.startswith(m + " ")), None)
    rest = name[len(mark) + 1 :].split() if mark else []
    return 2 <= len(rest) <= 5 and all(w[:1].isupper() for w in rest)


def _dedupe(names: list[str]) -> tuple[str, ...]:
    seen: list[str] = []
    for n in names:
        if n and n.lower() not in (x.lower() for x in seen):
            seen.append(n)
    return tuple(seen)


def asked_by_subject(text: str, subject: str) -> tuple[str, ...] | None:
    """ "(Để …,) Sở Tài chính (kính) đề nghị các cơ quan, đơn vị đánh giá …": the bodies the
    sentence's subject asks, right after its cue (empty when the cue names none, "đề nghị
    Quý cơ quan …"); None when no cue follows the subject's name. Each place the name stands
    is tried: a lead-in may name the subject before it speaks ("Thực hiện Công văn của Sở
    Tài chính, Sở Tài chính đề nghị …")."""
    toks = tokenize(text)
    at = text.find(subject)
    while at >= 0:
        end = at + len(subject)
        k = next((i for i, t in enumerate(toks) if t.start >= end), len(toks))
        k += k < len(toks) and toks[k].low in _COURTESY
        n = cue_len(toks, k)
        if n:
            return read_bodies(text, toks, k + n).names
        at = text.find(subject, end)
    return None


def asked_at_cue(text: str) -> tuple[str, ...] | None:
    """The bodies after the text's first assigning cue ("… kính đề nghị Quý cơ quan cử …":
    none named, the letter's addressees are meant), None without a cue."""
    toks = tokenize(text)
    for k, tok in enumerate(toks):
        if tok.low in CUE_FIRST and (n := cue_len(toks, k)):
            return read_bodies(text, toks, k + n).names
    return None


def find_roles(text: str) -> Roles:
    toks = tokenize(text)
    starts = _sentence_starts(text, toks)
    subject: tuple[str, ...] = _subject_at(text, toks, 0) if toks else ()
    leads: list[str] = []
    for s in starts[1:]:
        if toks[s - 1].text in {";", ","}:
            s = _past_opener(toks, s)  # "…; đồng thời UBND phường Âu Lâu đề xuất …"
            if not _head_at(toks, s):
                continue  # after ";" (or an opener's ",") only a named body opens a new subject
        leads.extend(_subject_at(text, toks, s))
    support: list[str] = []
    supporting: set[str] = set()  # the bodies a clause "X phối hợp" names: no lead
    start_set = set(starts)
    last = len(toks) - 1
    for k, tok in enumerate(toks):
        if tok.text[:1] not in _CUE_LETTERS:
            continue  # none of the words below: spare the lower-casing
        low = tok.low
        if low in _HELPING and (k in start_set or toks[k - 1].text == ";"):
            # at a sentence's or a clause's start ("…; hỗ trợ Sở Nội vụ rà soát …")
            support.extend(_helped(text, toks, k))
        if low in CUE_FIRST and k not in start_set and k > 0:
            n = cue_len(toks, k)
            if n and (
                toks[k - 1].text in {",", ";", "và", ":", "("}
                or toks[k - 1].low in _CUE_HANDING_ON
                or toks[k - 1].low in _COURTESY
            ):
                # "…; việc này giao Văn phòng Sở thực hiện": the work just named, handed on;
                # "Sở Tài chính kính đề nghị Sở Xây dựng cử …": the body asked with courtesy
                leads.extend(read_bodies(text, toks, k + n).names)
        if k >= last:
            continue
        if low in _PASSIVE_AGENTS and k > 0 and toks[k - 1].low in _CUE_HANDING_ON:
            # "Việc này do X chủ trì": the work just named; never "các dự án do X thực hiện"
            # (a clause about the projects, whose doer is not the item's)
            leads.extend(_passive_agent(text, toks, k + 1))
        elif low in _PASSIVE_AGENTS and k > 0 and toks[k - 1].text == ",":
            # "Rà soát …, hoàn thành trước ngày D, do X chủ trì, phối hợp với Y thực hiện": the
            # whole item's lead, set off by its comma; only "chủ trì" says so ("…, do X thực
            # hiện" may tell who did something the item names)
            leads.extend(_passive_agent(text, toks, k + 1, _PASSIVE_LEAD_VERBS))
        elif low in _PASSIVE_AGENTS and _of_the_work(toks, starts, k):
            # "Việc đánh giá, xếp loại … do Sở Nội vụ chủ trì thực hiện": the sentence names the
            # work as a noun, and the body after "do" is the one that does it
            leads.extend(_passive_agent(text, toks, k + 1))
        elif low in _PASSIVE_AGENTS and _joins_in(toks, k):
            # "…; phối hợp tham gia các đoàn kiểm tra do Sở X chủ trì": the body whose work the
            # item joins supports it
            named = _passive_agent(text, toks, k + 1, _PASSIVE_LEAD_VERBS)
            support.extend(named)
            supporting.update(n.lower() for n in named)
        elif low in _PASSIVE_AGENTS and k > 0 and not subject:
            # "Xây dựng đề án vị trí việc làm do Sở Nội vụ chủ trì, phối hợp với …": an item
            # with no subject of its own names who leads its work by "do X chủ trì"
            leads.extend(_passive_agent(text, toks, k + 1, _PASSIVE_LEAD_VERBS))
        # a dict lookup of the first word spares trying each cue at every word
        if (
            k > 0
            and tok.text in _LEAD_BY_FIRST
            and any(_starts_with(toks, k, cue) for cue in _LEAD_BY_FIRST[tok.text])
        ):
            # as written: "Chủ trì" opens a sentence; "X là cơ quan chủ trì": X
            leads.extend(_body_before(text, toks, _before_role_noun(toks, k)))
        if (
            low in _LEAD_CUE_PARTNERS
            and _after_lead_cue(toks, k)
            and (
                partner := next(
                    (p for p in _LEAD_CUE_PARTNERS[low] if _starts_with(toks, k, p, fold=True)), None
                )
            )
        ):
            j = k + len(partner)
            j += j < len(toks) and toks[j].low in _SUPPORT_FILLERS
            # "X chủ trì cùng Y …", "X chủ trì, có sự tham gia của Y …"
            support.extend(read_bodies(text, toks, j).names)
            continue
        if low not in _SUPPORT_BY_FIRST:
            continue
        cue = next((c for c in _SUPPORT_BY_FIRST[low] if _starts_with(toks, k, c, fold=True)), None)
        if cue is not None:
            j = k + len(cue)
            while j < len(toks) and toks[j].text in _SUPPORT_FILLERS:
                j += 1
            named = read_bodies(text, toks, j).names
            if not named:
                named = _aided(text, toks, j)  # "phối hợp, hỗ trợ X", "phối hợp và hướng dẫn X"
            support.extend(named)
            if not named and _lead_cue_before(toks, k):
                # "(Sở Y tế chủ trì; Sở Tài chính phối hợp; …)": the bodies before the cue;
                # "X là cơ quan chủ trì, Y là cơ quan phối hợp": before its role's noun
                before = _body_before(text, toks, _before_role_noun(toks, k))
                support.extend(before)
                supporting.update(n.lower() for n in before)
    if ")" in text and _SUPPORT_ASIDE.search(text):
        # "Sở Y tế (chủ trì), Sở Tài chính (phối hợp) xây dựng …": a partner by its aside
        asides = [n for n in (*subject, *leads) if _partner_by_aside(text, n)]
        support.extend(asides)
        supporting.update(n.lower() for n in asides)
    # "…, phối hợp với các cơ quan, đơn vị liên quan triển khai …": a list read after a comma
    # inside the partners' phrase is its tail, not the subject
    partners = [x.lower() for x in support]
    subj = _dedupe(
        [
            n
            for n in subject
            if not any(n.lower() in p and n.lower() != p for p in partners) and n.lower() not in supporting
        ]
    )
    others = tuple(
        n
        for n in _dedupe(leads)
        if n.lower() not in {s.lower() for s in subj} and n.lower() not in supporting
    )
    if len(subj) > 1 and any(_is_comrade(n) for n in subj):
        subj = _with_titles(subj, text)
    return Roles(subj, others, _dedupe(support))


def _of_the_work(toks: Toks, starts: list[int], k: int) -> bool:
    """Does the sentence holding token k open with the work named as a noun ("Việc …")?"""
    s = max(x for x in starts if x <= k)
    return toks[s].low in _WORK_NOUNS and s < k


def _after_lead_cue(toks: Toks, k: int) -> bool:
    """Does a lead cue stand right before token k ("chủ trì | cùng", "chủ trì, | cùng với")?"""
    j = k - 1 - (k > 0 and toks[k - 1].text == ",")
    return any(j - len(c) + 1 >= 0 and _starts_with(toks, j - len(c) + 1, c) for c in _LEAD_CUES)


_LEAD_CUE_REACH: Final = 24  # tokens back from "phối hợp" to a "chủ trì" of the same sentence


def _lead_cue_before(toks: Toks, k: int) -> bool:
    """ "Sở Y tế chủ trì, Sở Tài chính phối hợp kiểm tra …", "(X chủ trì; Y phối hợp; …)": a
    lead cue earlier in the sentence makes the body before "phối hợp" its partner. Not across
    an assigning cue: "…; đề nghị Ủy ban Mặt trận Tổ quốc tỉnh phối hợp thực hiện" asks that
    body to act (CONVENTIONS rule 4)."""
    for j in range(k - 1, max(-1, k - _LEAD_CUE_REACH), -1):
        if toks[j].text in {".", ":"} or cue_len(toks, j):
            return False
        if toks[j].text in _LEAD_BY_FIRST and any(
            _starts_with(toks, j, c) for c in _LEAD_BY_FIRST[toks[j].text]
        ):
            return True
    return False


def _passive_agent(
    text: str, toks: Toks, i: int, verbs: tuple[tuple[str, ...], ...] | None = None
) -> tuple[str, ...]:
    """ "Việc này do Phòng X chủ trì …", "… do Văn phòng Sở thực hiện": the bodies after the
    agent's word, when a verb that makes them the lead follows them (`verbs`: those verbs,
    the passive's own by default)."""
    names: list[str] = []
    while True:
        if i >= len(toks) or not toks[i].text[:1].isupper():
            return ()  # "do thiếu vốn", "do lãnh đạo chủ chốt làm tổ trưởng": a cause, a person
        bl = read_bodies(text, toks, i)
        if not bl.names:
            return ()
        names.extend(bl.names)
        if bl.end + 1 < len(toks) and toks[bl.end].low in _AGENT_ALTERNATIVES:
            i = bl.end + 1  # "do Sở Công Thương hoặc Công an tỉnh chủ trì": either may lead
            continue
        if any(_starts_with(toks, bl.end, v, fold=True) for v in verbs or _PASSIVE_VERBS):
            return tuple(names)
        return ()


def _aided(text: str, toks: Toks, j: int) -> tuple[str, ...]:
    """The bodies after a verb of aid that follows the support cue ("phối hợp | , hỗ trợ
    Ủy ban nhân dân các xã", "phối hợp | và hướng dẫn các đơn vị")."""
    if j + 1 >= len(toks) or toks[j].text not in _AID_JOINERS:
        return ()
    verb = next((v for v in _AID_VERBS if _starts_with(toks, j + 1, v, fold=True)), None)
    if verb is None:
        return ()
    k = j + 1 + len(verb)
    while k < len(toks) and toks[k].text in _SUPPORT_FILLERS:
        k += 1
    return read_bodies(text, toks, k).names


def _helped(text: str, toks: Toks, s: int) -> tuple[str, ...]:
    """The bodies, named with a capital, that a sentence opening "Hỗ trợ …" helps."""
    for opener in _HELPING[toks[s].low]:
        if _starts_with(toks, s, opener, fold=True):
            j = s + len(opener)
            if j < len(toks) and toks[j].text[:1].isupper() and _head_at(toks, j):
                return read_bodies(text, toks, j).names
    return ()


_JOINING_REACH = 30  # tokens back from "do" to the verb of joining in, inside its clause


def _joins_in(toks: Toks, k: int) -> bool:
    """Does the clause before the agent's word k join in another body's work ("phối hợp
    tham gia …", "tham gia các đoàn kiểm tra …")?"""
    for j in range(k - 1, max(-1, k - 1 - _JOINING_REACH), -1):
        if toks[j].text in {";", ".", ":"}:
            return False
        if any(_starts_with(toks, j, v, fold=True) for v in _JOINING):
            return True
    return False


def _body_before(text: str, toks: Toks, k: int) -> tuple[str, ...]:
    """The body list that ends right before token k ("… X chủ trì")."""
    for j in range(max(0, k - 14), k):
        if (
            j > 0
            and toks[j - 1].text not in {",", "(", ";", ":"}
            and not _match(toks, j - 1, _VERBS)
            and toks[j - 1].low not in _LEAD_CUE_OPENERS
        ):
            continue
        bl = read_bodies(text, toks, j)
        if bl.names and bl.end == k:
            if j > 0 and toks[j - 1].text == "(" and all(is_bare_body(n) for n in bl.names):
                return ()  # "Sở Y tế (cơ quan chủ trì)": the role of the body before it, no body
            return bl.names
    return ()
