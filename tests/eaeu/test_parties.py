"""Parties across applications and amendments (R174 A1 table 2; issue 15 items 1 and 5).

A party is a person: one stored party per legal entity or individual, found again by
its identity (country and taxpayer identifier, or an individual's identity document),
never by its name. The table 2 data a form carries (an application or an approved
amendment) are the party's data from then on; what they were before stays readable in
the change feed and in the amendment case.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from sqlalchemy import select
from strawberry.relay import to_base64

from ipreg.core.errors import BadUserInput
from ipreg.core.model import Case, ChangeEvent, Contact, ObjectParty, Party
from ipreg.plugins.eaeu import samples
from ipreg.search.documents import load_documents

NEW_NAME = "Акционерное общество «Кондитерская фабрика Новый Октябрь»"
NEW_SHORT = "АО «Новый Октябрь»"
NEW_EMAIL = "office@new-october.example"

ENTRY = """query($n: String!) { eaeuEntry(registrationNumber: $n) {
  rightHolders { partyId name shortName contacts { value } addresses { city street } }
} }"""


def holder(**changes: Any) -> dict[str, Any]:
    """The cast's right holder (same taxpayer id) as a form gives it, with ``changes``."""
    return {**samples.holder_party(0, random.Random(1)), **changes}


async def included(eaeu: Any) -> tuple[int, str]:
    _, ids = await eaeu.include()
    async with eaeu.rt.sessionmaker() as session:
        from ipreg.core.model import IPObject

        obj = await session.get(IPObject, ids[0])
        assert obj is not None and obj.register_number
        return int(ids[0]), obj.register_number


async def amend(eaeu: Any, object_id: int, changes: dict[str, Any]) -> Case:
    request = await eaeu.open("P.SP.01.PRC.002", eaeu.applicant, {"changes": changes},
                              object_id=object_id)
    request = await eaeu.act(request.id, "P.SP.01.PRC.002.APPROVE", eaeu.commission)
    assert request.state == "approved"
    async with eaeu.rt.sessionmaker() as session:
        return (await session.execute(select(Case).where(
            Case.procedure == "P.SP.01.PRC.003").order_by(Case.id.desc()))).scalars().first()


async def holders_of(eaeu: Any, object_id: int) -> list[Party]:
    async with eaeu.rt.sessionmaker() as session:
        ids = (await session.execute(select(ObjectParty.party_id).where(
            ObjectParty.object_id == object_id, ObjectParty.role == "holder")
            .order_by(ObjectParty.position))).scalars().all()
        return [p for p in [await session.get(Party, i) for i in ids] if p is not None]


async def emails(eaeu: Any, party_id: int) -> list[str]:
    async with eaeu.rt.sessionmaker() as session:
        return list((await session.execute(select(Contact.value).where(
            Contact.party_id == party_id, Contact.channel == "EM"))).scalars())


@pytest.mark.legal("P.SP.01.PRC.002", "P.SP.01.PRC.003", "R174 A1 T2 2", "R174 A1 T2 3",
                   "R174 A1 T2 7", "R174 A1 T2 8", "R174 A1 T1 3")
async def test_a_renamed_right_holder_is_renamed_everywhere(eaeu: Any) -> None:
    """PRC.002 → PRC.003 renaming the holder (same taxpayer id, new T2 2 and 3, a new
    address T2 7 and e-mail T2 8): officials see every item, the public the published
    ones, the search index and the change feed the new name; the old name stays in the
    feed and in the amendment case."""
    object_id, number = await included(eaeu)
    before = (await holders_of(eaeu, object_id))[0]
    old_name = before.name
    address = {"kind": "1", "country": "RU", "city": "Москва", "street": "ул. Новая",
               "building": "7"}
    amendment = await amend(eaeu, object_id, {"rightHolders": [holder(
        name=NEW_NAME, shortName=NEW_SHORT, addresses=[address],
        contacts=[{"channel": "EM", "values": [NEW_EMAIL]}])]})
    assert amendment.state == "amended" and amendment.data["changed"] == ["rightHolders"]
    (after,) = await holders_of(eaeu, object_id)
    assert after.id == eaeu.holder == before.id  # the same person, its account keeps access
    assert (after.name, after.short_name) == (NEW_NAME, NEW_SHORT)
    assert await emails(eaeu, after.id) == [NEW_EMAIL]
    official = (await eaeu.data(ENTRY, {"n": number}, eaeu.commission))["eaeuEntry"]
    assert official["rightHolders"] == [{
        "partyId": to_base64("Party", after.id), "name": NEW_NAME, "shortName": NEW_SHORT,
        "contacts": [{"value": NEW_EMAIL}],
        "addresses": [{"city": "Москва", "street": "ул. Новая"}]}]
    public = (await eaeu.data(ENTRY, {"n": number}))["eaeuEntry"]
    assert public["rightHolders"] == [{"partyId": to_base64("Party", after.id), "name": NEW_NAME,
                                       "shortName": NEW_SHORT, "contacts": [],
                                       "addresses": []}]
    async with eaeu.rt.engine.connect() as conn:
        document = (await load_documents(conn, [object_id]))[object_id]
    assert document.holders == (NEW_NAME,)
    async with eaeu.rt.sessionmaker() as session:
        events = (await session.execute(select(ChangeEvent.payload).where(
            ChangeEvent.entity == "ip_object", ChangeEvent.entity_id == object_id)
            .order_by(ChangeEvent.position))).scalars().all()
    names = [[p.get("name") for p in e["parties"] if p["role"] == "holder"] for e in events]
    assert names[0] == [old_name] and names[-1] == [NEW_NAME]
    # What the entry said before: in the amendment case, for officials.
    (change,) = amendment.data["partyChanges"]
    assert change["partyId"] == after.id
    assert change["before"]["name"] == old_name and change["after"]["name"] == NEW_NAME


@pytest.mark.legal("P.SP.01.PRC.001", "R174 A1 T2 8")
async def test_a_new_application_brings_the_holders_new_contacts(eaeu: Any) -> None:
    """A second PRC.001 application by the same legal entity (its taxpayer id) with a new
    e-mail: the entity's contacts are the new ones."""
    await included(eaeu)
    form = eaeu.form(1, holder=holder(contacts=[{"channel": "EM", "values": [NEW_EMAIL]}]))
    case = await eaeu.open("P.SP.01.PRC.001", eaeu.applicant, {"forms": [form]})
    (party,) = await holders_of(eaeu, case.data["objects"][0])
    assert party.id == eaeu.holder
    assert await emails(eaeu, party.id) == [NEW_EMAIL]


@pytest.mark.legal("P.SP.01.PRC.001", "R174 A1 T2 6")
async def test_two_individuals_of_the_same_name_and_country_stay_two(eaeu: Any) -> None:
    """Two individuals without a taxpayer id, of the same name and country, in two
    applications: two parties, each with its own identity document and address."""
    rng = random.Random(3)
    one = samples.natural_person(rng, "KZ")
    two = {**samples.natural_person(rng, "KZ"), "name": one["name"],
           "shortName": one["shortName"]}
    objects = []
    for i, person in enumerate((one, two)):
        form = eaeu.form(i, representative=True)
        form["authorizedPersons"] = [person]
        case = await eaeu.open("P.SP.01.PRC.001", eaeu.representative, {"forms": [form]})
        objects.append(case.data["objects"][0])
    async with eaeu.rt.sessionmaker() as session:
        found = (await session.execute(select(ObjectParty.party_id).where(
            ObjectParty.object_id.in_(objects), ObjectParty.role == "authorized_person")
        )).scalars().all()
    assert len(set(found)) == 2
    # The same individual (the same identity document) is found again.
    form = eaeu.form(2, representative=True)
    form["authorizedPersons"] = [one]
    case = await eaeu.open("P.SP.01.PRC.001", eaeu.representative, {"forms": [form]})
    async with eaeu.rt.sessionmaker() as session:
        again = (await session.execute(select(ObjectParty.party_id).where(
            ObjectParty.object_id == case.data["objects"][0],
            ObjectParty.role == "authorized_person"))).scalar_one()
    assert again == found[0] or again == found[1]


@pytest.mark.legal("P.SP.01.PRC.001", "R174 A1 T2 4")
async def test_one_form_naming_one_entity_twice_with_different_data_is_refused(
    eaeu: Any,
) -> None:
    """Which of two data sets of one entity would apply is not for the register to guess:
    the act fails whole."""
    form = eaeu.form(0, holder=holder())
    form["rightHolders"] = [holder(), holder(name=NEW_NAME)]
    form["rightHolderCount"] = 2
    with pytest.raises(BadUserInput, match="given twice with different data"):
        await eaeu.open("P.SP.01.PRC.001", eaeu.applicant, {"forms": [form]})


# ---------------------------------------------------------------- item 5: the same checks

FOREIGN_FIRM = {"partyType": "legal", "country": "DE", "name": "Patentanwälte Beispiel GmbH",
                "shortName": "Beispiel", "addresses": [{"kind": "1", "country": "DE",
                                                        "city": "Berlin", "street": "Str. 1"}],
                "contacts": [{"channel": "EM", "values": ["kanzlei@beispiel.example"]}],
                "employees": [{"surname": "Müller", "position": "Patentanwalt"}]}
POA = {"kindName": "Доверенность", "name": "Доверенность", "number": "7-Д",
       "date": "2024-01-15", "expiresOn": "2029-01-15"}


async def foreign_party(eaeu: Any) -> int:
    from ipreg.core.services.parties import AddressForm, PartyForm, PartyStore

    async with eaeu.rt.sessionmaker() as session:
        ref = await PartyStore(session).ref(PartyForm(
            party_type="legal", country="DE", name=FOREIGN_FIRM["name"],
            addresses=[AddressForm(kind="1", country="DE", city="Berlin")]))
        await session.commit()
        return ref.id


def problem(caught: Any) -> set[tuple[str, str]]:
    return {(p["path"], p["rule"]) for p in caught.value.details["problems"]}


#: (what the amendment changes, whether the entry has a representative, the problem).
AMENDMENT_RULES = [
    ("representative", {"representative": FOREIGN_FIRM}, True,
     ("changes.representative.country", "R174 p.10")),
    ("representative by partyId", {"representative": "foreign"}, True,
     ("changes.representative.country", "R174 p.10")),
    ("a second right term for one state", {"rightTerms": "twice"}, False,
     ("changes.rightTerms", "R174 A1 T1 5.7")),
    ("powers of attorney, no representative", {"powersOfAttorney": [POA]}, False,
     ("changes.powersOfAttorney", "R174 A1 T1 4.1")),
    ("the representative removed, its powers kept", {"representative": None}, True,
     ("changes.powersOfAttorney", "R174 A1 T1 4.1")),
]


@pytest.mark.legal("P.SP.01.PRC.002", "P.SP.01.PRC.003", "R174 p.10", "R174 A1 T1 4.1",
                   "R174 A1 T1 5.7")
@pytest.mark.parametrize(("rule", "changes", "represented", "expected"), AMENDMENT_RULES,
                         ids=[r[0] for r in AMENDMENT_RULES])
async def test_an_amendment_gets_the_checks_of_an_application(
    eaeu: Any, rule: str, changes: dict[str, Any], represented: bool,
    expected: tuple[str, str],
) -> None:
    """Each check of the registration form applies to what an amendment would make of
    the entry, asked (PRC.002) or as a technical correction (PRC.003): refused whole,
    no case opened."""
    _, ids = await eaeu.include(representative=True if represented else None)
    object_id = ids[0]
    if changes.get("representative") == "foreign":
        changes = {"representative": {"partyId": to_base64("Party", await foreign_party(eaeu))}}
    if changes.get("rightTerms") == "twice":
        terms = samples.right_terms("ТЗ", random.Random(2))
        changes = {"rightTerms": [*terms, terms[0]]}
    with pytest.raises(BadUserInput) as asked:
        await eaeu.open("P.SP.01.PRC.002", eaeu.applicant, {"changes": changes},
                        object_id=object_id)
    assert expected in problem(asked)
    with pytest.raises(BadUserInput) as corrected:
        await eaeu.open("P.SP.01.PRC.003", eaeu.commission, {"changes": changes,
                                                             "reason": "опечатка"},
                        transition="P.SP.01.PRC.003.TECHNICAL", object_id=object_id)
    assert expected in problem(corrected)
    async with eaeu.rt.sessionmaker() as session:
        assert (await session.execute(select(Case).where(
            Case.procedure.in_(("P.SP.01.PRC.002", "P.SP.01.PRC.003"))))).first() is None


@pytest.mark.legal("P.SP.01.PRC.002", "P.SP.01.PRC.003", "R174 A1 T1 4.1")
async def test_the_decision_checks_the_entry_as_it_is_then(eaeu: Any) -> None:
    """Two requests on one entry: one gives powers of attorney (the entry has its
    representative), the other removes the representative; once the second is decided,
    the first is refused at its decision (R174 A1 T1 4.1), the entry unchanged."""
    _, ids = await eaeu.include(representative=True)
    object_id = ids[0]
    give = await eaeu.open("P.SP.01.PRC.002", eaeu.applicant,
                           {"changes": {"powersOfAttorney": [POA, POA]}}, object_id=object_id)
    remove = await eaeu.open("P.SP.01.PRC.002", eaeu.applicant,
                             {"changes": {"representative": None, "powersOfAttorney": []}},
                             object_id=object_id)
    await eaeu.act(remove.id, "P.SP.01.PRC.002.APPROVE", eaeu.commission)
    with pytest.raises(BadUserInput) as caught:
        await eaeu.act(give.id, "P.SP.01.PRC.002.APPROVE", eaeu.commission)
    assert ("changes.powersOfAttorney", "R174 A1 T1 4.1") in problem(caught)


@pytest.mark.legal("P.SP.01.PRC.001", "P.SP.01.OPR.001", "R174 p.10")
async def test_a_representative_named_by_party_id_is_checked_on_first_filing(
    eaeu: Any,
) -> None:
    """R174 p.10: a representative registered outside the member states is refused when
    the application names it by `partyId`, as when it gives its data."""
    firm = await foreign_party(eaeu)
    for representative, path in ((firm, "forms[0].representative.country"),
                                 (FOREIGN_FIRM, "forms[0].representative.country")):
        with pytest.raises(BadUserInput) as caught:
            await eaeu.open("P.SP.01.PRC.001", eaeu.applicant, {"forms": [
                eaeu.form(0, representative=representative)]})
        assert (path, "R174 p.10") in problem(caught)


AS_OF = """query($day: Date) { eaeuEntries(asOf: $day, first: 10) { edges { node {
  rightHolders { name shortName contacts { value } }
} } } }"""


@pytest.mark.legal("P.SP.01.PRC.003", "P.SP.01.PRC.012", "R174 A1 T2 2", "R174 A1 T2 8")
async def test_the_register_as_of_a_day_before_the_rename_shows_the_old_data(
    eaeu: Any,
) -> None:
    """The register "as of" a day (PRC.012) shows the holder's table 2 data of that day:
    before the amendment the old name and e-mail, from its day the new ones."""
    object_id, _ = await included(eaeu)
    before = (await holders_of(eaeu, object_id))[0]
    filed = [{"value": v} for c in holder()["contacts"] for v in c["values"]]  # as the cast's
    included_on = eaeu.rt.clock().date()
    eaeu.advance(days=3)
    await amend(eaeu, object_id, {"rightHolders": [holder(
        name=NEW_NAME, shortName=NEW_SHORT, contacts=[{"channel": "EM", "values": [NEW_EMAIL]}])]})
    amended_on = eaeu.rt.clock().date()

    async def holders_on(day: Any) -> list[dict[str, Any]]:
        data = await eaeu.data(AS_OF, {"day": day.isoformat()}, eaeu.commission)
        return [h for e in data["eaeuEntries"]["edges"] for h in e["node"]["rightHolders"]]

    assert await holders_on(included_on) == [{
        "name": before.name, "shortName": before.short_name, "contacts": filed}]
    assert await holders_on(amended_on) == [{
        "name": NEW_NAME, "shortName": NEW_SHORT, "contacts": [{"value": NEW_EMAIL}]}]

