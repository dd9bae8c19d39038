"""Body resolution: certain matches resolve, everything else is flagged."""

from __future__ import annotations

import datetime as dt

from dondoc.tracking.resolution import Directory, Method, UnitEntry, fold, is_group, resolve

D = dt.date
UNITS = [
    UnitEntry(1, "Thành phố Cần Thơ", "/1/", ("Cần Thơ",)),
    UnitEntry(2, "Ủy ban nhân dân thành phố", "/1/2/", ("UBND thành phố",)),
    UnitEntry(3, "Sở Tài chính", "/1/2/3/"),
    UnitEntry(4, "Công an thành phố", "/1/4/", ("Lực lượng Công an",)),
    UnitEntry(
        5, "Sở Nông nghiệp và Phát triển nông thôn", "/1/2/5/", valid_to=D(2025, 2, 28), successor_id=6
    ),
    UnitEntry(6, "Sở Nông nghiệp và Môi trường", "/1/2/6/", valid_from=D(2025, 3, 1)),
    UnitEntry(10, "Thành phố Hà Nội", "/10/", ("Hà Nội",)),
    UnitEntry(11, "Sở Tài chính", "/10/11/"),
    UnitEntry(20, "Thành phố Huế", "/20/"),
    UnitEntry(21, "Sở Tài chính", "/20/21/"),
]
DIR = Directory.build(UNITS)
ON = D(2024, 10, 7)


def test_fold_equates_old_and_new_tone_placement_and_abbreviations() -> None:
    assert fold("Uỷ ban nhân dân tỉnh") == fold("Ủy ban nhân dân tỉnh")
    assert fold("Sở Văn hoá") == fold("Sở Văn hóa")
    assert fold("UBND Thành phố") == fold("Ủy ban nhân dân thành phố")
    assert fold("Sở KH&CN") == fold("Sở Khoa học và Công nghệ")
    assert fold("Sở Tài chính") != fold("Sở Tài chinh")  # a tone is never dropped


def test_resolve_name_alias_and_spelling_variants() -> None:
    a, b = resolve("UBND thành phố", DIR, on=ON), resolve("Uỷ ban nhân dân Thành phố", DIR, on=ON)
    assert (a.unit_id, a.flagged) == (b.unit_id, b.flagged) == (2, False)
    r = resolve("Lực lượng Công an", DIR, on=ON)
    assert (r.method, r.unit_id, r.flagged) == (Method.ALIAS, 4, False)
    r = resolve("Ủy ban nhân dân thành phố", DIR, on=ON)
    assert (r.method, r.unit_id) == (Method.EXACT, 2)


def test_resolve_prefers_the_issuers_scope_and_flags_ambiguity_without_it() -> None:
    r = resolve("Sở Tài chính", DIR, on=ON)
    assert r.method is Method.AMBIGUOUS and r.unit_id is None and set(r.candidates) == {3, 11, 21}
    r = resolve("Sở Tài chính", DIR, on=ON, scope="/10/")
    assert (r.method, r.unit_id) == (Method.EXACT, 11)


def test_resolve_drops_the_scope_place_name() -> None:
    r = resolve("Công an thành phố Cần Thơ", DIR, on=ON, scope="/1/", places=("Thành phố Cần Thơ", "Cần Thơ"))
    assert r.unit_id == 4 and not r.flagged
    r = resolve("Sở Tài chính Hà Nội", DIR, on=ON, scope="/10/", places=("Thành phố Hà Nội", "Hà Nội"))
    assert r.unit_id == 11


def test_resolve_a_bare_place_word_never_names_another_territorys_unit() -> None:
    # "Công an tỉnh" in a Huế directive is not Cần Thơ's "Công an thành phố", though both
    # drop their place word to "công an": the word names the issuer's own territory
    hue = ("Thành phố Huế",)
    r = resolve("Công an thành phố", DIR, on=ON, scope="/20/", places=hue)
    assert r.method is Method.UNKNOWN and r.unit_id is None and r.candidates == (4,)
    r = resolve("Công an tỉnh", DIR, on=ON, scope="/20/", places=hue)
    assert r.unit_id is None and r.flagged
    # inside the territory the same phrase resolves
    r = resolve("Công an tỉnh", DIR, on=ON, scope="/1/", places=("Thành phố Cần Thơ", "Cần Thơ"))
    assert (r.unit_id, r.flagged) == (4, False)


def test_resolve_completes_a_bare_place_word_with_the_issuers_territory() -> None:
    units = [
        UnitEntry(30, "Tỉnh Lào Cai", "/30/", ("Lào Cai",)),
        UnitEntry(31, "Ủy ban nhân dân tỉnh Lào Cai", "/30/31/"),
        UnitEntry(40, "Tỉnh Nghệ An", "/40/", ("Nghệ An",)),
        UnitEntry(41, "Ủy ban nhân dân tỉnh Nghệ An", "/40/41/"),
    ]
    directory = Directory.build(units)
    r = resolve("Uỷ ban nhân dân tỉnh", directory, on=ON, scope="/30/", places=("Tỉnh Lào Cai", "Lào Cai"))
    assert (r.method, r.unit_id) == (Method.EXACT, 31)
    assert resolve("Uỷ ban nhân dân tỉnh", directory, on=ON).unit_id is None  # no issuer: no territory


def test_resolve_gone_unit_gives_its_successor_flagged() -> None:
    r = resolve("Sở Nông nghiệp và Phát triển nông thôn", DIR, on=D(2025, 6, 1))
    assert (r.method, r.unit_id, r.flagged) == (Method.SUCCESSOR, 6, True)
    r = resolve("Sở Nông nghiệp và Phát triển nông thôn", DIR, on=D(2024, 6, 1))
    assert (r.method, r.unit_id) == (Method.EXACT, 5)
    # before it existed, the new unit is not silently chosen
    assert resolve("Sở Nông nghiệp và Môi trường", DIR, on=D(2024, 6, 1)).unit_id is None


def test_resolve_groups_and_unknowns_are_flagged() -> None:
    for phrase in ("các sở, ban, ngành", "Các cơ quan, đơn vị liên quan", "UBND các xã, phường"):
        assert is_group(phrase), phrase
        assert resolve(phrase, DIR, on=ON).method is Method.GROUP
    r = resolve("Bộ Quốc phòng", DIR, on=ON)
    assert (r.method, r.unit_id, r.flagged) == (Method.UNKNOWN, None, True)


def test_resolve_close_spelling_is_only_a_suggestion() -> None:
    r = resolve("Cong an thanh pho", DIR, on=ON)  # no diacritics: never an exact match
    assert r.flagged
    r = resolve("Công an thành phô", DIR, on=ON)
    assert r.method is Method.FUZZY and r.flagged and r.candidates == (4,)
