from __future__ import annotations

import pytest
from sqlalchemy import select

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import users
from dondoc.services.context import Store
from dondoc.store.records import UserRecord
from dondoc.tracking.permissions import Role
from tests.support.tracking import PASSWORD, load_cantho_units, make_user


def test_users_passwords_are_argon2_and_checked(store: Store) -> None:
    load_cantho_units(store)
    make_user(store, "congan", Role.REPORTER, "CT-CA")
    with store.reading() as s:
        stored = s.scalar(select(UserRecord.password_hash).where(UserRecord.username == "congan"))
    assert stored is not None and stored.startswith("$argon2id$") and PASSWORD not in stored
    actor = users.authenticate(store, "congan", PASSWORD)
    assert actor.role is Role.REPORTER and actor.unit_path is not None
    for name, password in (("congan", "wrong password"), ("nobody", PASSWORD)):
        with pytest.raises(DondocError) as err:
            users.authenticate(store, name, password)
        assert err.value.code is ErrorCode.BAD_CREDENTIALS  # the same answer for both


def test_users_change_password_and_rules(store: Store) -> None:
    load_cantho_units(store)
    actor = make_user(store, "vanphong", Role.OFFICE, "CT-TU-VP")
    users.change_password(store, actor, old=PASSWORD, new="a new long password")
    users.authenticate(store, "vanphong", "a new long password")
    with pytest.raises(DondocError):
        users.authenticate(store, "vanphong", PASSWORD)
    with pytest.raises(DondocError) as err:
        users.change_password(store, actor, old="a new long password", new="short")
    assert err.value.code is ErrorCode.RULE_VIOLATED
    # a long pass-phrase is taken whole (ASVS 2.1.2–2.1.3): not cut, every character counts
    phrase = "Đôn đốc thực hiện nhiệm vụ trọng tâm quý IV năm 2024 " * 4
    assert len(phrase) > 128
    users.change_password(store, actor, old="a new long password", new=phrase)
    users.authenticate(store, "vanphong", phrase)
    with pytest.raises(DondocError):
        users.authenticate(store, "vanphong", phrase[:-1])
    with pytest.raises(DondocError) as err:
        make_user(store, "noone", Role.REPORTER)  # a reporter belongs to a unit
    assert err.value.code is ErrorCode.RULE_VIOLATED
    with pytest.raises(DondocError) as err:
        users.create_user(store, actor, username="x", full_name="x", password=PASSWORD, role=Role.ADMIN)
    assert err.value.code is ErrorCode.FORBIDDEN  # the office does not manage users
