"""Search text: folding keeps offsets, queries compile safely to both engines, marks land
on the original words."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from dondoc.search.abbreviations import index_terms
from dondoc.search.marks import hits, snippet
from dondoc.search.query import Phrase, corrected, edits1, parse
from dondoc.search.text import fold, terms

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"


def test_fold_drops_marks_keeps_length_and_reads_d_for_đ() -> None:
    assert fold("Đảng ủy ĐẨY NHANH giải ngân") == "dang uy day nhanh giai ngan"
    assert fold("Ủy") == fold("Uỷ") == "uy"


@given(st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " ,.-/0123456789", max_size=80))
def test_fold_is_one_character_for_one(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    assert all(c.isascii() or not c.isalpha() for c in folded)


def test_terms_read_nfd_text_as_nfc_and_split_codes() -> None:
    assert terms(unicodedata.normalize("NFD", "Giải ngân")) == ["giai", "ngan"]
    assert index_terms("Số 12-CT/TU, ngày 3/7") == "so 12 ct tu ngay 3 7"
    assert terms("snake_case") == ["snake", "case"]


def test_queries_compile_to_both_engines() -> None:
    q = parse('giai "cải cách" chuyen* 12-CT/TU UBND')
    assert q.fts5() == ('("giai") AND ("cai cach") AND ("chuyen"*) AND ("12 ct tu") AND ("ubnd")')
    assert q.tsquery() == ("(giai) & ((cai <-> cach)) & (chuyen:*) & ((12 <-> ct <-> tu)) & (ubnd)")


def test_user_syntax_never_reaches_an_engine_unescaped() -> None:
    for text in ['a" OR b', "x:* | !y", "NEAR(a b)", "a AND NOT b", "'; DROP TABLE tasks; --", "(((", "*"]:
        q = parse(text)
        for clause in q.clauses:
            for p in clause.options:
                assert all(w.isalnum() for w in p.words), (text, p)
    assert not parse('*  " :: -- ')


def test_abbreviations_work_both_ways() -> None:
    assert parse("UBND").clauses[0].options == (Phrase(("ubnd",)), Phrase(("uy", "ban", "nhan", "dan")))
    assert parse("ủy ban nhân dân tỉnh").clauses[0].options == (
        Phrase(("uy", "ban", "nhan", "dan")),
        Phrase(("ubnd",)),
    )
    assert parse('"hội đồng nhân dân"').clauses[0].options[1] == Phrase(("hdnd",))
    assert len(parse("HĐND").clauses[0].options) == 2  # đ folds to d: HĐND is hdnd


def test_the_index_holds_the_abbreviations_a_text_spells_out() -> None:
    # added at the end: the words keep their places, phrases still match where they stand
    assert (
        index_terms("Ủy ban nhân dân tỉnh, Hội đồng nhân dân")
        == "uy ban nhan dan tinh hoi dong nhan dan ubnd hdnd"
    )
    assert index_terms("Ủy ban Mặt trận Tổ quốc Việt Nam") == "uy ban mat tran to quoc viet nam ubmttq mttq"
    assert index_terms("UBND huyện") == "ubnd huyen"
    # a query for either form looks up the abbreviation alone
    assert parse("ủy ban nhân dân").clauses[0].indexed == parse("UBND").clauses[0].indexed == "ubnd"


def test_edits1_is_every_word_one_letter_away() -> None:
    e = edits1("ngna")
    assert {"ngan", "nga", "ngnaa", "nhna"} <= e and "ngna" not in e
    assert "ngân" not in e  # folded words only


def test_corrections_replace_only_unknown_words() -> None:
    index = {"giai", "ngan", "nga", "sach"}
    q = corrected(parse("giai ngna sach"), lambda ws: {w for w in ws if w in index})
    assert [c.options for c in q.clauses][1] == (Phrase(("nga",)), Phrase(("ngan",)))
    same = parse("giai ngan")
    assert corrected(same, lambda ws: {w for w in ws if w in index}) == same
    assert corrected(parse("xy"), lambda ws: set()) == parse("xy")  # two letters: left alone


def test_hits_land_on_the_original_words() -> None:
    text = "Đẩy nhanh GIẢI NGÂN vốn; Ủy ban nhân dân tỉnh và UBND huyện"
    marks = hits(text, parse("giai ngan ubnd"))
    assert [text[s:e] for s, e in marks] == ["GIẢI NGÂN", "Ủy ban nhân dân", "UBND"]
    assert [text[s:e] for s, e in hits(text, parse("nha*"))] == ["nhanh", "nhân"]


def test_a_snippet_is_cut_at_words_around_the_first_hit() -> None:
    text = " ".join(["mở đầu"] * 60 + ["giải ngân vốn đầu tư công"] + ["kết thúc"] * 60)
    s = snippet(text, parse("giai ngan"), width=120)
    assert s.text.startswith("…") and s.text.endswith("…") and len(s.text) <= 122
    assert [s.text[a:b] for a, b in s.marks] == ["giải ngân"]
    assert "<mark>giải ngân</mark>" in s.html() and "«giải ngân»" in s.marked()
    assert snippet("<b>giải</b> ngân", parse("giai")).html() == "&lt;b&gt;<mark>giải</mark>&lt;/b&gt; ngân"
