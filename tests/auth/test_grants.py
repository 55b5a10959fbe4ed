"""Grants: their text form, their scoping, and keeping them in the database."""

from __future__ import annotations

from typing import Any

import pytest

from ipreg.core.auth import Grant, Principal, store
from ipreg.core.auth.grants import format_grant, parse_grant, parse_grants
from ipreg.core.auth.permissions import acts_for, can_perform, is_official
from ipreg.core.errors import BadUserInput, Conflict, NotFound
from ipreg.core.runtime import Runtime

KNOWN = {"eaeu", "ukraine"}


@pytest.mark.parametrize(
    ("spec", "grant"),
    [
        ("admin", Grant("admin")),
        ("examiner:ukraine", Grant("examiner", "ukraine")),
        ("authorized_body:eaeu:12", Grant("authorized_body", "eaeu", 12)),
        ("representative::7", Grant("representative", None, 7)),
        ("representative:*:7", Grant("representative", None, 7)),
        (" official:eaeu ", Grant("official", "eaeu")),
    ],
)
def test_grant_text_round_trips(spec: str, grant: Grant) -> None:
    assert parse_grant(spec, KNOWN) == grant
    assert parse_grant(format_grant(grant), KNOWN) == grant


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "the role must be"),
        ("Examiner", "the role must be"),
        ("exam iner", "the role must be"),
        ("system", "reserved for the engine"),
        ("examiner:mars", "unknown jurisdiction 'mars'"),
        ("examiner:EAEU", "not a jurisdiction code"),
        ("representative:eaeu:x", "party id"),
        ("representative:eaeu:0", "party id"),
        ("representative:eaeu:-3", "party id"),
        ("a:b:1:2", "too many parts"),
    ],
)
def test_bad_grants_say_what_is_wrong(spec: str, message: str) -> None:
    with pytest.raises(BadUserInput, match=message):
        parse_grant(spec, KNOWN)


def test_duplicate_grants_collapse_in_order() -> None:
    assert parse_grants(["official:eaeu", "admin", "official:eaeu"]) == [
        Grant("official", "eaeu"), Grant("admin")]


def test_a_grant_counts_only_in_its_jurisdiction() -> None:
    examiner = Principal(kind="user", grants=frozenset({Grant("examiner", "ukraine")}))
    assert is_official(examiner, "ukraine")
    assert not is_official(examiner, "eaeu")
    # An act tied to no jurisdiction needs an unscoped grant: a scoped one never leaks out.
    assert not can_perform(examiner, {"examiner"}, None)
    assert can_perform(Principal(kind="user", grants=frozenset({Grant("examiner")})),
                       {"examiner"}, None)


def test_a_representative_grant_counts_for_its_organisation_and_jurisdiction_only() -> None:
    rep = Principal(kind="user", party_id=50,
                    grants=frozenset({Grant("representative", "eaeu", 7)}))
    assert acts_for(rep, 7, "eaeu")
    assert not acts_for(rep, 7, "ukraine")
    assert not acts_for(rep, 8, "eaeu")
    assert acts_for(rep, 50, "ukraine")  # its own party, wherever
    assert not acts_for(rep, None, "eaeu")


def test_an_applicant_grant_without_organisation_stands_for_the_users_own_party() -> None:
    own = Principal(kind="user", party_id=7, grants=frozenset({Grant("applicant")}))
    assert can_perform(own, {"applicant"}, "eaeu", applicant_id=7)
    assert not can_perform(own, {"applicant"}, "eaeu", applicant_id=8)
    nobody = Principal(kind="user", grants=frozenset({Grant("applicant")}))
    assert not can_perform(nobody, {"applicant"}, "eaeu", applicant_id=7)
    assert not can_perform(nobody, {"applicant"}, "eaeu", applicant_id=None)


async def test_users_keep_their_grants_in_the_database(runtime: Runtime, add_party: Any) -> None:
    body = await add_party("Authorized body")
    async with runtime.sessionmaker() as session:
        user = await store.create_user(
            session, "zhanna", "Жанна", body,
            [Grant("authorized_body", "eaeu", body), Grant("authorized_body", "eaeu", body)],
        )
        assert store.user_grants(user) == [Grant("authorized_body", "eaeu", body)]
        await session.commit()
    async with runtime.sessionmaker() as session:
        user = await store.grant_user(session, "zhanna", [Grant("supervisor", "eaeu"),
                                                          Grant("authorized_body", "eaeu", body)])
        await session.commit()
        assert set(store.user_grants(user)) == {Grant("authorized_body", "eaeu", body),
                                                Grant("supervisor", "eaeu")}
    async with runtime.sessionmaker() as session:
        user = await store.grant_user(session, "zhanna", [Grant("authorized_body", "eaeu", body)],
                                      revoke=True)
        await session.commit()
    async with runtime.sessionmaker() as session:
        user = await store.get_user(session, "zhanna")
        assert store.user_grants(user) == [Grant("supervisor", "eaeu")]


async def test_user_input_errors(runtime: Runtime) -> None:
    async with runtime.sessionmaker() as session:
        await store.create_user(session, "taken", "Taken")
        with pytest.raises(Conflict, match="taken"):
            await store.create_user(session, "taken", "Again")
        with pytest.raises(BadUserInput, match="login"):
            await store.create_user(session, "has space", "X")
        with pytest.raises(NotFound, match="no party with id 31337"):
            await store.create_user(session, "ghost", "Ghost", party_id=31337)
        with pytest.raises(NotFound, match="no user with login 'nobody'"):
            await store.get_user(session, "nobody")
