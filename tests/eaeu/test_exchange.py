"""Exchange with the authorized bodies (R174 p.12(9), p.13(3)-(4); R148 p.18: PRC.008-010).

Every committed change of turnover data reaches the turnover feed and time-stamp,
whoever makes it (issue 15 item 3); the changes are offered after a position and
since a date-time, imported history with its legal dates; each body confirms what
it processed, and officials see which body has not synchronised for more than a day
(issue 15 item 9).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from sqlalchemy import select
from strawberry.relay import to_base64
from support import DatabaseFactory

from ipreg.core.config import Settings
from ipreg.core.model import Case
from ipreg.core.runtime import Runtime
from ipreg.plugins.eaeu import samples
from ipreg.plugins.eaeu.forms import IMPORT_FORMAT
from ipreg.plugins.eaeu.importer import import_data
from ipreg.plugins.eaeu.models import EaeuEntry
from ipreg.plugins.eaeu.samples import turnover
from ipreg.plugins.eaeu.sync import sync
from ipreg.testing import SchemaRunner

TIMES = "{ eaeuUpdateTimes { turnoverPosition turnoverUpdatedAt } }"
TURNOVER_CHANGES = """query($after: Int!) { eaeuTurnoverChanges(after: $after) {
  changes { position objectId data } } }"""


async def _amend_on_request(eaeu: Any, object_id: int, changes: dict[str, Any]) -> Case:
    request = await eaeu.open("P.SP.01.PRC.002", eaeu.applicant, {"changes": changes},
                              object_id=object_id)
    await eaeu.act(request.id, "P.SP.01.PRC.002.APPROVE", eaeu.commission)
    async with eaeu.rt.sessionmaker() as session:
        return (await session.execute(select(Case).where(
            Case.procedure == "P.SP.01.PRC.003"))).scalar_one()


async def _correct(eaeu: Any, object_id: int, changes: dict[str, Any]) -> Case:
    case: Case = await eaeu.open("P.SP.01.PRC.003", eaeu.commission, {
        "changes": changes, "reason": "Опечатка в сведениях об обороте"},
        transition="P.SP.01.PRC.003.TECHNICAL", object_id=object_id)
    return case


@pytest.mark.legal("P.SP.01.PRC.008", "P.SP.01.PRC.010")
@pytest.mark.parametrize("amend", [
    pytest.param(_amend_on_request, id="amendment", marks=pytest.mark.legal(
        "P.SP.01.PRC.002", "P.SP.01.PRC.003")),
    pytest.param(_correct, id="technical-correction", marks=pytest.mark.legal(
        "P.SP.01.PRC.003")),
])
async def test_turnover_changed_by_an_amendment_reaches_the_turnover_feed(
        eaeu: Any, amend: Any) -> None:
    """A new consignee, route and legality flag given by an amendment (PRC.002/003) or a
    technical correction are turnover changes: the authorized body following PRC.008 sees
    the turnover time move and PRC.010 brings the entry, in the transaction of the change."""
    _, (object_id,) = await eaeu.include(0)
    cca = eaeu.ccas["KZ"]
    before = (await eaeu.data(TIMES, {}, cca))["eaeuUpdateTimes"]
    assert before == {"turnoverPosition": 0, "turnoverUpdatedAt": None}
    new_goods = [{"description": "Шоколад", "cnFeaCodes": ["1806320000"], "niceClasses": [30],
                  "turnover": [turnover(1, eaeu.rng, "Новый грузополучатель"),
                               turnover(0, eaeu.rng, "Подделка")]}]
    eaeu.advance(hours=5)
    case = await amend(eaeu, object_id, {"goods": new_goods})
    assert case.state == "amended"
    after = (await eaeu.data(TIMES, {}, cca))["eaeuUpdateTimes"]
    assert after["turnoverPosition"] > 0 and after["turnoverUpdatedAt"] is not None
    changes = (await eaeu.data(TURNOVER_CHANGES, {"after": 0}, cca))[
        "eaeuTurnoverChanges"]["changes"]
    assert [(c["data"]["objectId"], c["data"]["goods"], c["data"]["change"])
            for c in changes] == [(object_id, [0], "changed")]
    assert changes[0]["position"] == after["turnoverPosition"]
    async with eaeu.rt.sessionmaker() as session:
        entry = await session.get(EaeuEntry, object_id)
        assert entry is not None and entry.turnover_updated_at == eaeu.clock.now


@pytest.mark.legal("P.SP.01.PRC.003", "P.SP.01.PRC.010")
async def test_an_amendment_without_goods_writes_no_turnover_change(eaeu: Any) -> None:
    _, (object_id,) = await eaeu.include(0)
    await _correct(eaeu, object_id, {"name": "КРАСНЫЙ ОКТЯБРЬ"})
    changes = (await eaeu.data(TURNOVER_CHANGES, {"after": 0}, eaeu.ccas["AM"]))[
        "eaeuTurnoverChanges"]["changes"]
    assert changes == []


# ---------------------------------------------------------------- item 9: the exchange

SINCE = """query($since: DateTime!, $feed: EaeuFeed!, $first: Int, $after: String) {
  eaeuChangesSince(since: $since, feed: $feed, first: $first, after: $after) {
    edges { cursor node { position committedAt objectId data } }
    pageInfo { hasNextPage endCursor }
  }
}"""
CONFIRM = """mutation($feed: EaeuFeed!, $upTo: Int!, $state: String) {
  eaeuConfirmChanges(feed: $feed, upTo: $upTo, memberState: $state) {
    memberState feed after upTo changes confirmedAt number
  }
}"""
SYNCS = """query($overdueOnly: Boolean!) {
  eaeuAuthorizedBodySyncs(overdueOnly: $overdueOnly) {
    memberState authorityId lastSyncedAt overdue syncIntervalHours
    register { confirmedPosition confirmedAt changesBehind }
    turnover { confirmedPosition confirmedAt changesBehind }
    confirmations(first: 10) { edges { node { feed after upTo changes number } } }
  }
}"""


def _imported(i: int, sequence: int, included: dt.date,
              plan: list[tuple[str, dt.date]]) -> dict[str, Any]:
    rng = random.Random(i)
    form = samples.form(i, rng)
    form["register"] = samples.register_data(i, sequence, sequence, included, rng, plan)
    return form


@pytest.mark.legal("P.SP.01.PRC.009", "R174 p.12(9)")
async def test_changes_since_a_date_time_count_imported_history_at_its_legal_dates(
        eaeu: Any) -> None:
    """History loaded with `ipreg import eaeu` is in the register since its legal dates:
    its changes carry the date of the entry's last status record as `committedAt`, so
    "changes since" a date-time finds an entry prolonged after it and leaves out one
    whose last change came before — the load itself is no change of those dates."""
    data = {"format": IMPORT_FORMAT, "entries": [
        _imported(0, 1, dt.date(2021, 2, 1), []),
        _imported(1, 2, dt.date(2022, 3, 1), [("prolonged", dt.date(2024, 2, 15))]),
        _imported(2, 3, dt.date(2023, 7, 10), []),
    ]}
    async with eaeu.rt.sessionmaker() as session:
        report = await import_data(session, data)
        assert report.ok, report.errors
        await session.commit()
    imported = report.object_ids
    _, (new,) = await eaeu.include(5)  # a change committed now (after the load)
    cca = eaeu.ccas["RU"]
    page = (await eaeu.data(SINCE, {"since": "2023-01-01T00:00:00Z", "feed": "REGISTER"},
                            cca))["eaeuChangesSince"]
    nodes = [e["node"] for e in page["edges"]]
    assert [(n["data"]["objectId"], n["data"]["change"]) for n in nodes] == [
        (imported[1], "prolonged"), (imported[2], "included"), (new, "included")]
    assert [n["committedAt"][:19] for n in nodes[:2]] == ["2024-02-15T00:00:00",
                                                          "2023-07-10T00:00:00"]
    assert nodes == sorted(nodes, key=lambda n: n["position"])  # commit order
    # Paged like every connection; the position cursor still gives every change.
    one = (await eaeu.data(SINCE, {"since": "2023-01-01T00:00:00Z", "feed": "REGISTER",
                                   "first": 1}, cca))["eaeuChangesSince"]
    assert one["pageInfo"]["hasNextPage"] and len(one["edges"]) == 1
    rest = (await eaeu.data(SINCE, {"since": "2023-01-01T00:00:00Z", "feed": "REGISTER",
                                    "after": one["pageInfo"]["endCursor"]}, cca))[
        "eaeuChangesSince"]
    assert [e["node"] for e in one["edges"] + rest["edges"]] == nodes
    everything = (await eaeu.data("{ eaeuRegisterChanges { changes { position } } }", {},
                                  cca))["eaeuRegisterChanges"]["changes"]
    assert len(everything) == 4
    later = (await eaeu.data(SINCE, {"since": "2024-03-01T00:00:00+03:00",
                                     "feed": "REGISTER"}, cca))["eaeuChangesSince"]
    assert [e["node"]["data"]["objectId"] for e in later["edges"]] == [new]
    turnover_since = (await eaeu.data(SINCE, {"since": "2020-01-01T00:00:00Z",
                                              "feed": "TURNOVER"}, cca))["eaeuChangesSince"]
    assert turnover_since["edges"] == []
    refused = await eaeu.gql(SINCE, {"since": "2020-01-01T00:00:00Z", "feed": "REGISTER"},
                             eaeu.applicant)
    assert refused["errors"] and refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


@pytest.mark.legal("R174 p.13(3)", "R174 p.13(4)", "P.SP.01.PRC.009", "P.SP.01.PRC.010")
async def test_a_body_confirms_what_it_processed_and_its_last_sync_is_recorded(
        eaeu: Any) -> None:
    """R174 p.13(4): the body confirms it processed the changes up to a position; the
    change set (after, up to, how many) and the time are recorded for that body."""
    _, (object_id,) = await eaeu.include(0)
    kz = eaeu.ccas["KZ"]
    end = (await eaeu.data("{ eaeuRegisterChanges { endPosition } }", {}, kz))[
        "eaeuRegisterChanges"]["endPosition"]
    eaeu.advance(hours=2)
    confirmed = (await eaeu.data(CONFIRM, {"feed": "REGISTER", "upTo": end}, kz))[
        "eaeuConfirmChanges"]
    assert confirmed == {"memberState": "KZ", "feed": "REGISTER", "after": 0, "upTo": end,
                         "changes": 1, "confirmedAt": eaeu.clock.now.isoformat(),
                         "number": 1}
    # Up to date a few hours later: nothing new, but the synchronisation is recorded.
    eaeu.advance(hours=3)
    again = (await eaeu.data(CONFIRM, {"feed": "REGISTER", "upTo": end}, kz))[
        "eaeuConfirmChanges"]
    assert (again["after"], again["changes"], again["number"]) == (end, 0, 2)
    await eaeu.open("P.SP.01.PRC.007", eaeu.applicant,
                    {"goods": [{"goods": 0, "turnover": [turnover(1, eaeu.rng, "Q")]}]},
                    object_id=object_id)
    syncs = {s["memberState"]: s for s in (await eaeu.data(
        SYNCS, {"overdueOnly": False}, eaeu.commission))["eaeuAuthorizedBodySyncs"]}
    assert set(syncs) == {"AM", "BY", "KZ", "KG", "RU"}
    body = syncs["KZ"]
    assert body["lastSyncedAt"] == eaeu.clock.now.isoformat() and not body["overdue"]
    assert body["register"] == {"confirmedPosition": end, "changesBehind": 0,
                                "confirmedAt": eaeu.clock.now.isoformat()}
    assert body["turnover"] == {"confirmedPosition": 0, "changesBehind": 1,
                                "confirmedAt": None}
    assert [(c["node"]["number"], c["node"]["changes"])
            for c in body["confirmations"]["edges"]] == [(2, 0), (1, 1)]
    assert body["authorityId"] == to_base64("Party", eaeu.authority["KZ"])
    assert syncs["AM"]["lastSyncedAt"] is None and syncs["AM"]["overdue"]
    # What may not be confirmed changes nothing.
    refusals = [
        (kz, {"feed": "REGISTER", "upTo": end - 1}, "CONFLICT"),  # before what it confirmed
        (kz, {"feed": "REGISTER", "upTo": 10_000}, "BAD_USER_INPUT"),  # not in the feed
        (kz, {"feed": "REGISTER", "upTo": end, "state": "AM"}, "FORBIDDEN"),  # another body
        (eaeu.commission, {"feed": "REGISTER", "upTo": end}, "FORBIDDEN"),
        (eaeu.applicant, {"feed": "TURNOVER", "upTo": end}, "FORBIDDEN"),
    ]
    for who, variables, code in refusals:
        result = await eaeu.gql(CONFIRM, variables, who)
        assert result["errors"] and result["errors"][0]["extensions"]["code"] == code, (
            variables, result)
    after = {s["memberState"]: s for s in (await eaeu.data(
        SYNCS, {"overdueOnly": False}, eaeu.commission))["eaeuAuthorizedBodySyncs"]}
    assert after == syncs
    refused = await eaeu.gql(SYNCS, {"overdueOnly": False}, eaeu.applicant)
    assert refused["errors"] and refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


@pytest.mark.legal("R174 p.13(3)")
async def test_officials_see_which_body_has_not_synced_for_more_than_a_day(
        eaeu: Any) -> None:
    """R174 p.13(3): at least once a day. A body whose last synchronisation is more than
    24 hours old (or that never synchronised) is overdue; one that synchronised within
    the day is not."""
    await eaeu.include(0)
    for country in ("KZ", "AM"):
        await eaeu.data(CONFIRM, {"feed": "REGISTER", "upTo": 0}, eaeu.ccas[country])
    eaeu.advance(hours=20)
    await eaeu.data(CONFIRM, {"feed": "TURNOVER", "upTo": 0}, eaeu.ccas["AM"])
    eaeu.advance(hours=4)  # KZ: exactly a day
    overdue = (await eaeu.data(SYNCS, {"overdueOnly": True}, eaeu.commission))[
        "eaeuAuthorizedBodySyncs"]
    assert {s["memberState"] for s in overdue} == {"BY", "KG", "RU"}
    eaeu.advance(minutes=1)  # KZ: more than a day
    overdue = (await eaeu.data(SYNCS, {"overdueOnly": True}, eaeu.ccas["AM"]))[
        "eaeuAuthorizedBodySyncs"]
    assert {s["memberState"]: s["syncIntervalHours"] for s in overdue} == {
        "BY": 24, "KG": 24, "KZ": 24, "RU": 24}
    kz = next(s for s in overdue if s["memberState"] == "KZ")
    assert kz["lastSyncedAt"] == (eaeu.clock.now - dt.timedelta(hours=24, minutes=1)
                                  ).isoformat()


@pytest.mark.legal("R174 p.13(4)", "P.SP.01.PRC.009", "P.SP.01.PRC.010")
async def test_the_sync_client_confirms_what_it_applied(
        eaeu: Any, databases: DatabaseFactory) -> None:
    """`ipreg eaeu sync` ends its round by confirming, per feed, the position its copy
    reached; the replica's changes carry the source's `committedAt`."""
    async def post(query: str, variables: dict[str, Any]) -> dict[str, Any]:
        return await eaeu.data(query, variables, eaeu.ccas["BY"])

    replica = Runtime.create(Settings.from_env(database_url=databases.migrated(), plugins=None))
    try:
        await eaeu.include(0)
        report = await sync(post, replica.sessionmaker)
        end = (await eaeu.data("{ eaeuRegisterChanges { endPosition } }", {},
                               eaeu.ccas["BY"]))["eaeuRegisterChanges"]["endPosition"]
        assert report.confirmed == {"register": end, "turnover": 0}
        syncs = {s["memberState"]: s for s in (await eaeu.data(
            SYNCS, {"overdueOnly": False}, eaeu.commission))["eaeuAuthorizedBodySyncs"]}
        assert syncs["BY"]["register"]["confirmedPosition"] == end
        assert syncs["BY"]["lastSyncedAt"] == eaeu.clock.now.isoformat()
        query = "{ eaeuRegisterChanges { changes { committedAt data } } }"
        source = await eaeu.data(query, {}, eaeu.ccas["BY"])
        copied = await SchemaRunner(replica).data(query, {}, eaeu.principal(eaeu.ccas["BY"]))
        assert copied == source
    finally:
        await replica.close()
