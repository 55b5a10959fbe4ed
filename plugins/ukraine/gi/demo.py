"""Demo data of the GI register: applications in every state of digest §7.1 (Ukrainian
cheeses, wines, honey and fruit from invented producers' associations), oppositions in every
state of §7.3, extensions and restorations in the limits' history (a refused extension among
them, VI.2.4), an opponent's recorded receipt (IV.9), users for every role, the sample
editions of the official sources of V.8.4-8.5 with a determination of each point (a refusal
citing the V.8.4 one), and one application whose documents are uploaded PDFs (GI rules
II.2.3-2.5, VR-41 warnings).

The cases are driven through the procedure engine itself, each act its own transaction as
the acting role, and the expired limits through the engine's tick, on a fixed calendar
ending on :data:`DEMO_TODAY`, so the demo is the same on every machine. Cases that wait
(for a fee, a reply, the opposition period...) are started last, so that no tick reaches
their limits before that day.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.auth import SYSTEM, Grant, Principal, create_user
from ipreg.core.config import Settings
from ipreg.core.demo import DemoClock
from ipreg.core.model import Case, Party
from ipreg.core.runtime import Runtime
from ipreg.plugins.ukraine.gi import samples
from ipreg.plugins.ukraine.gi.models import UaGiApplication, UaGiOpposition
from ipreg.plugins.ukraine.gi.sources import demo as names
from ipreg.plugins.ukraine.gi.sources import load_samples

J = "ua_gi"
#: The demo's "today" (a Monday), as in the EAEU demo.
DEMO_TODAY = dt.date(2026, 11, 16)
#: A representative for a single act (GI rules II.3.5 ¶4, III.1.7, IV.5).
SINGLE_ACT_AGENT: dict[str, Any] = {
    "kind": "patent_attorney", "name": "Коваленко Ірина Петрівна", "registrationNumber": "412",
    "postalAddress": "вул. Хрещатик, 10, м. Київ, 01001", "country": "UA",
    "email": "kovalenko@patent.example.ua",
    "powerOfAttorney": {"grantee": "Коваленко Ірина Петрівна",
                        "grantor": "Заявник", "body": "УКРНОІВІ",
                        "acts": ["Подання клопотання про продовження строку"],
                        "issuedOn": "2025-01-06"},
    "acts": [{"kind": "extension"}]}
#: A representative for the applicant's acts in an opposition (GI rules V.7.11-7.12, IV.5).
OPPOSITION_AGENT: dict[str, Any] = {
    **SINGLE_ACT_AGENT, "name": "Мельник Андрій Васильович", "registrationNumber": "377",
    "postalAddress": "вул. Шевченка, 3, м. Львів, 79005", "email": "melnyk@patent.example.ua",
    "powerOfAttorney": {**SINGLE_ACT_AGENT["powerOfAttorney"],
                        "grantee": "Мельник Андрій Васильович",
                        "acts": ["Участь у консультаціях щодо заперечень"]},
    "acts": [{"kind": "opposition"}]}
START = dt.date(2025, 1, 6)


class Demo:
    """Acts as the roles of digest §7.6 on a runtime of the demo database."""

    def __init__(self, runtime: Runtime, clock: DemoClock, parties: dict[str, int]) -> None:
        self.rt, self.clock, self.parties = runtime, clock, parties
        self.n = 0
        person = dict[str, Principal]
        self.who: person = {
            "applicant": Principal(kind="user", subject="user:gi-applicant",
                                   party_id=parties["applicant"],
                                   grants=frozenset({Grant("applicant", J,
                                                           parties["applicant"])})),
            "opponent": Principal(kind="user", subject="user:gi-opponent",
                                  party_id=parties["opponent"],
                                  grants=frozenset({Grant("applicant", J,
                                                          parties["opponent"])})),
            "examiner": Principal(kind="user", subject="user:gi-examiner-1",
                                  grants=frozenset({Grant("examiner", J)})),
            "head": Principal(kind="user", subject="user:gi-head",
                              grants=frozenset({Grant("ua_gi_head", J)})),
            "clerk": Principal(kind="user", subject="user:gi-clerk",
                               grants=frozenset({Grant("ua_gi_clerk", J)})),
            "ics": Principal(kind="api_key", subject="apikey:gi-ics",
                             grants=frozenset({Grant("ua_gi_ics", J)})),
            "authority": Principal(kind="user", subject="user:gi-authority",
                                   grants=frozenset({Grant("ua_gi_competent_authority", J)})),
            "appeals": Principal(kind="user", subject="user:gi-appeals",
                                 grants=frozenset({Grant("ua_gi_appeals_recorder", J)})),
            "system": SYSTEM,
        }

    def day(self) -> dt.date:
        return self.clock.now.date()

    def advance(self, days: int) -> None:
        self.clock.now += dt.timedelta(days=days)

    def at(self, day: dt.date) -> None:
        self.clock.now = max(self.clock.now, dt.datetime.combine(day, dt.time(8, 0),
                                                                 tzinfo=dt.UTC))

    async def open(self, code: str, who: str, data: dict[str, Any], transition: str) -> Case:
        async with self.rt.sessionmaker() as session:
            case, _ = await self.rt.procedures.open_case(
                session, code, self.rt.registry.bind(self.who[who]), data,
                transition=transition)
            await session.commit()
            return case

    async def act(self, case: Case, code: str, who: str, data: dict[str, Any] | None = None
                  ) -> Case:
        """``examiner`` acts on an application, or on an opposition to it, as the examiner
        assigned to the application (GI rules V.1.2)."""
        async with self.rt.sessionmaker() as session:
            principal = self.who[who]
            if who == "examiner":
                opposed = await session.scalar(select(UaGiOpposition.application_case_id)
                                               .where(UaGiOpposition.case_id == case.id))
                assigned = await session.scalar(select(UaGiApplication.examiner).where(
                    UaGiApplication.case_id == (opposed or case.id)))
                if assigned:
                    principal = Principal(kind="user", subject=assigned,
                                          grants=frozenset({Grant("examiner", J)}))
            found, _ = await self.rt.procedures.perform(
                session, case.id, code, self.rt.registry.bind(principal), data)
            await session.commit()
            return found

    async def tick(self) -> None:
        await self.rt.procedures.tick()

    async def file(self, electronic: bool = False) -> Case:
        self.n += 1
        product = samples.PRODUCTS[self.n % len(samples.PRODUCTS)]
        filing = samples.filing(self.n, random.Random(self.n), product=product,
                                channel="electronic" if electronic else "paper_direct")
        filing["form"]["applicantReference"] = f"ДЕМО-{self.n:03d}"
        if electronic:
            return await self.open("UA.GI.APP", "applicant", {"filing": filing}, "UA.GI.T02")
        return await self.open("UA.GI.APP", "applicant", {"filing": filing}, "UA.GI.T01")

    async def formal(self) -> Case:
        case = await self.file()
        await self.act(case, "UA.GI.T05", "clerk")
        await self.act(case, "UA.GI.PAY", "applicant", {
            "kind": "filing", "amount": "1600", "paidOn": self.day().isoformat()})
        return await self.act(case, "UA.GI.T10", "examiner")

    async def published(self) -> Case:
        case = await self.formal()
        return await self.act(case, "UA.GI.T15", "examiner")

    async def substantive(self) -> Case:
        case = await self.published()
        self.advance(95)
        await self.tick()
        return case

    async def deficient(self) -> Case:
        case = await self.formal()
        return await self.act(case, "UA.GI.T16", "examiner", {"deficiencies": [
            {"ground": "form", "text": "Не зазначено адресу для листування (розділ 5)"}]})

    async def opposition(self, case: Case, who: str = "opponent", **kw: Any) -> Case:
        fresh = await self.case(case.id)
        data: dict[str, Any] = {
            "applicationNumber": fresh.data["applicationNumber"],
            "applicationFilingDate": fresh.data["filingDate"], "channel": "electronic",
            "feePaidOn": self.day().isoformat(), "feeAmount": "800",
            "opponent": {"name": "ТОВ «Карпатські сири»", "personType": "legal",
                         "postalAddress": "вул. Січових Стрільців, 5, Івано-Франківськ"},
            "correspondence": {"addressee": "ТОВ «Карпатські сири»", "postalAddress":
                               "вул. Січових Стрільців, 5, Івано-Франківськ",
                               "country": "UA", "phone": "+380 342 55 12 12",
                               "email": "law@karpatski-syry.example"},
            "claims": "Відмовити в реєстрації заявленого позначення",
            "circumstances": "Позначення є родовою назвою для цього виду сиру",
            "evidence": "Словники, ДСТУ", "legalProvisions": "ст. 8 Закону",
            "attachments": ["ДСТУ 4600:2006"], "evidenceAttached": True,
            "signature": {"signer": "Іван Коваль", "position": "Директор",
                          "signedOn": self.day().isoformat()}}
        data.update(kw)
        return await self.open("UA.GI.OPP", who, {"opposition": data}, "UA.GI.T26")

    async def consultations(self, case: Case) -> Case:
        opp = await self.opposition(case)
        await self.act(opp, "UA.GI.O02", "examiner")
        return await self.act(opp, "UA.GI.O10", "examiner")

    async def case(self, case_id: int) -> Case:
        async with self.rt.sessionmaker() as session:
            found = await session.get(Case, case_id)
            assert found is not None
            return found


Scenario = Callable[[Demo], Awaitable[Any]]


async def _lapsed_group(d: Demo) -> None:
    """What needs ticks, from :data:`START` on one timeline: deemed not filed, deemed
    withdrawn and final, refusals final, oppositions not considered, ended, considered,
    closed after the opponent's appeal period, held and not accepted; a restoration and an
    extension in their limits' history."""
    d.at(START)
    data = samples.filing(90)
    data.pop("singleDocument")
    not_filed = await d.open("UA.GI.APP", "applicant", {"filing": data}, "UA.GI.T01")
    await d.act(not_filed, "UA.GI.T06", "examiner")
    lapsing = await d.deficient()
    held_app = await d.published()
    held = await d.opposition(held_app)
    await d.act(held_app, "UA.GI.T23", "examiner", {"reasons": "Сумнів щодо меж місця"})
    opposed = await d.published()
    uncured = await d.opposition(opposed, claims=None)
    await d.act(uncured, "UA.GI.O05", "examiner")
    ended = await d.consultations(opposed)
    agreed = await d.consultations(opposed)
    await d.act(opposed, "UA.GI.OPP.AGREED", "applicant", {
        "opposition": agreed.number, "notice": "Сторони досягли згоди",
        "letters": "Листи сторін"})
    refused = await d.published()
    d.advance(100)
    await d.tick()                                  # T08, T18, T25, T27, O07
    await d.act(refused, "UA.GI.V84", "examiner", names.generic("бринза"))
    await d.act(refused, "UA.GI.T32", "examiner", {"conclusion": "Назва стала родовою",
                                                   "determinations": [names.V84_DEMO_ID]})
    await d.act(held, "UA.GI.O08", "examiner")
    d.advance(40)
    await d.tick()                                  # O13.END
    d.advance(40)
    await d.tick()                                  # O13.LAPSE
    await d.act(opposed, "UA.GI.T27", "examiner")
    await d.act(agreed, "UA.GI.O14.DISMISS", "examiner", {"reasons": "Сторони погодились"})
    await d.act(ended, "UA.GI.O14.UPHOLD", "examiner", {"reasons": "Доведено родовий "
                                                                   "характер назви"})
    await d.act(opposed, "UA.GI.T32", "examiner", {"conclusion": "Заперечення обґрунтоване"})
    d.advance(120)
    await d.tick()                                  # T42, O17.CLOSE, T41 → O09
    restored = await d.deficient()
    extended = await d.deficient()
    await d.act(extended, "UA.GI.T11", "applicant", {
        "limit": "formal_deficiencies", "months": 2, "feePaidOn": d.day().isoformat()})
    d.advance(100)
    await d.tick()                                  # T18
    await d.act(restored, "UA.GI.T40", "applicant", {
        "reasons": "Тривала хвороба керівника спілки", "act": "Зазначено адресу для "
        "листування", "feePaidOn": d.day().isoformat(), "feeAmount": "500"})
    await d.act(restored, "UA.GI.T40.GRANT", "examiner")            # VI.2.8
    await d.act(extended, "UA.GI.T11", "applicant", {                # refused: VI.2.3-2.4
        "limit": "formal_deficiencies", "months": 1, "feePaidOn": d.day().isoformat()})
    await d.act(extended, "UA.GI.T17", "applicant", {"reply": "Недоліки усунено"})
    for case in (restored, extended):
        await d.act(case, "UA.GI.T15", "examiner")
    d.advance(95)
    await d.tick()
    for case in (restored, extended):
        await d.act(case, "UA.GI.T31", "examiner", {"conclusion": "Позитивний висновок"})
    for kind in ("state_duty", "publication"):
        await d.act(restored, "UA.GI.PAY", "applicant", {
            "kind": kind, "amount": "850", "paidOn": d.day().isoformat()})
    await d.act(restored, "UA.GI.T34", "applicant")                  # registered
    assert lapsing is not None


async def _decided_group(d: Demo) -> None:
    """From 140 days before :data:`DEMO_TODAY`: the examination of the name with the
    oppositions considered, preliminary refusal, decisions, the appeal, and consultations
    whose period has ended."""
    d.at(DEMO_TODAY - dt.timedelta(days=140))
    talking = await d.published()
    ending = await d.consultations(talking)
    examining = await d.published()
    considered = [await d.consultations(examining) for _ in range(4)]
    for opp in considered[:2]:
        await d.act(examining, "UA.GI.OPP.AGREED", "applicant", {
            "opposition": opp.number, "notice": "Згоди досягнуто", "letters": "Листи"})
    for opp in considered[2:]:
        await d.act(examining, "UA.GI.OPP.NO_AGREEMENT", "applicant", {
            "opposition": opp.number, "notice": "Згоди не досягнуто"})
    registration = await d.published()
    copied = await d.consultations(registration)
    await d.act(registration, "UA.GI.OPP.AGREED", "applicant", {
        "opposition": copied.number, "notice": "Згоди досягнуто", "letters": "Листи"})
    preliminary, refusal, appealed, annulled = [await d.published() for _ in range(4)]
    lapsed = await d.published()
    held = await d.opposition(lapsed, who="opponent")
    await d.act(lapsed, "UA.GI.T23", "examiner", {"reasons": "Сумнів щодо меж місця"})
    d.advance(100)
    await d.tick()                                  # T27 (not for `talking`: A-14), T25
    await d.act(held, "UA.GI.O08", "examiner")       # on hold while restorable (V.7.13 ¶1)
    await d.act(considered[0], "UA.GI.O14.DISMISS", "examiner", {"reasons": "Згода"})
    await d.act(considered[2], "UA.GI.O14.UPHOLD", "examiner", {"reasons": "Доведено"})
    await d.act(copied, "UA.GI.O14.DISMISS", "examiner", {"reasons": "Згода сторін"})
    await d.act(registration, "UA.GI.V85", "examiner", names.variety("Шардоне"))
    await d.act(registration, "UA.GI.T31", "examiner", {"conclusion": "Позитивний висновок"})
    await d.act(registration, "UA.GI.T11", "applicant", {
        "limit": "state_duty", "months": 3, "feePaidOn": d.day().isoformat()})
    await d.act(preliminary, "UA.GI.T28", "examiner", {
        "grounds": "Назва вводить в оману щодо місця походження (ст. 8 Закону)"})
    for case in (refusal, appealed):
        await d.act(case, "UA.GI.V84", "examiner", names.generic("бринза"))
        await d.act(case, "UA.GI.T32", "examiner", {"conclusion": "Назва стала родовою",
                                                    "determinations": [names.V84_DEMO_ID]})
    await d.act(appealed, "UA.GI.T36", "appeals", {"appellant": "applicant",
                                                   "notice": "Повідомлення АП № 118/2026"})
    await d.act(annulled, "UA.GI.T33", "head", {"finding": "Заявник пов'язаний з державою-"
                                                "агресором (постанова КМУ № 187)"})
    await d.act(annulled, "UA.GI.T36", "appeals", {"appellant": "applicant",
                                                   "notice": "Повідомлення АП № 121/2026"})
    await d.act(annulled, "UA.GI.T37", "appeals", {"decision": "Рішення АП № 121/2026 "
                                                   "затверджено: рішення скасовано"})
    d.advance(35)
    await d.tick()                                  # O13.END for `ending`
    assert ending is not None


async def _waiting_group(d: Demo) -> None:
    """Cases waiting on DEMO_TODAY: every other state, with running limits."""
    d.at(DEMO_TODAY - dt.timedelta(days=5))
    await d.file(electronic=True)                                    # submitted
    rejected = await d.file(electronic=True)
    await d.act(rejected, "UA.GI.T04", "ics", {"reasons": "Підпис не пройшов перевірку"})
    accepted = await d.file(electronic=True)
    await d.act(accepted, "UA.GI.T03", "ics")                        # received
    await d.act(accepted, "UA.GI.T05", "clerk")
    await _with_documents(d)                                         # documents as PDFs
    data = samples.filing(91)
    data.pop("agreement")
    missing = await d.open("UA.GI.APP", "applicant", {"filing": data}, "UA.GI.T01")
    await d.act(missing, "UA.GI.T05", "clerk")
    await d.act(missing, "UA.GI.T06", "examiner")                    # awaiting materials
    unpaid = await d.file()
    await d.act(unpaid, "UA.GI.T05", "clerk")
    await d.act(unpaid, "UA.GI.T09", "examiner")                     # awaiting filing fee
    short = await d.file()
    await d.act(short, "UA.GI.T05", "clerk")
    await d.act(short, "UA.GI.PAY", "applicant", {"kind": "filing",
                                                  "paidOn": d.day().isoformat()})
    await d.act(short, "UA.GI.T14", "examiner")                      # fee deficiency
    await d.formal()                                                 # formal examination
    represented = await d.deficient()                                # formal deficiencies
    # GI rules IV.5: a patent attorney appointed for the extension only (III.1.7 ¶12); the
    # grant goes to its address in Ukraine, a copy to the application's address
    await d.act(represented, "UA.GI.REP", "applicant", {"representative": SINGLE_ACT_AGENT})
    await d.act(represented, "UA.GI.T11", "applicant", {
        "limit": "formal_deficiencies", "months": 1, "feePaidOn": d.day().isoformat()})
    for n, stop in ((92, "spec_invited"), (93, "suspended_spec_agreement")):
        foreign = await d.open("UA.GI.APP", "applicant",
                               {"filing": samples.foreign_filing(n)}, "UA.GI.T01")
        await d.act(foreign, "UA.GI.T05", "clerk")
        await d.act(foreign, "UA.GI.PAY", "applicant", {
            "kind": "filing", "amount": "1600", "paidOn": d.day().isoformat()})
        await d.act(foreign, "UA.GI.T10", "examiner")
        await d.act(foreign, "UA.GI.T19", "examiner")
        if stop == "suspended_spec_agreement":
            await d.act(foreign, "UA.GI.T20", "applicant")
    overlay = await d.formal()
    await d.act(overlay, "UA.GI.T23", "examiner", {"reasons": "Потрібна карта меж"})
    withdrawn = await d.published()
    await d.consultations(withdrawn)
    await d.act(withdrawn, "UA.GI.T39", "applicant")                 # withdrawn; O16 moot
    published = await d.published()
    await d.opposition(published, feePaidOn=None)                    # filed
    no_fee = await d.opposition(published, feePaidOn=None)
    await d.act(no_fee, "UA.GI.O03", "examiner")                     # deemed_not_filed
    deficient = await d.opposition(published, evidenceAttached=False)
    await d.act(deficient, "UA.GI.O05", "examiner")                  # deficient
    # IV.9 ¶1: the opponent confirms the deficiency notice in its cabinet (UA.GI.O.RCPT)
    await d.act(deficient, "UA.GI.O.RCPT", "opponent", {
        "item": max(int(k) for k in (await d.case(deficient.id)).data["awaitingReceipt"]),
        "basis": "cabinet_confirmation"})
    accepted_opp = await d.opposition(published)
    await d.act(accepted_opp, "UA.GI.O02", "examiner")               # accepted
    # GI rules IV.5: the copy of the opposition (O10) goes to the representative for the
    # applicant's acts in the opposition, a copy to the application's address
    await d.act(published, "UA.GI.REP", "applicant", {"representative": OPPOSITION_AGENT})
    talking = await d.consultations(published)                       # consultations
    await d.act(published, "UA.GI.OPP.EXTEND", "applicant", {"opposition": talking.number,
                                                              "months": 2})
    withdrawn_opp = await d.opposition(published)
    await d.act(withdrawn_opp, "UA.GI.O02", "examiner")
    await d.act(withdrawn_opp, "UA.GI.O15", "opponent")              # withdrawn


def _document_pdf(title: str, pages: int, font: str = "Times", size: float = 12) -> bytes:
    """A document as the applicant's office software prints it to PDF: A4 portrait, pages
    numbered from the second (GI rules II.2.4-2.5), in ``font`` and ``size``."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(25, 20, 10)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font(font, size=size)
        pdf.set_y(20)
        for line in range(30):
            pdf.cell(0, size * 1.2 * 25.4 / 72, f"{title} - {number}.{line + 1}: the cheese is "
                     "made of sheep's milk in the Carpathian highlands", new_x="LMARGIN",
                     new_y="NEXT")
        if number >= 2:
            pdf.set_y(pdf.h - 12)
            pdf.cell(0, 5, str(number), align="C")
    return bytes(pdf.output())


async def _with_documents(d: Demo) -> Case:
    """An electronic application whose documents are uploaded PDFs (GI rules II.2.3): the
    specification in the paper format, the single document in Helvetica 10 pt, which the
    examiner sees as VR-41 warnings (II.2.4)."""
    import io

    from ipreg.core.model import FileUpload
    from ipreg.plugins.ukraine.gi.documents import PURPOSE

    refs = []
    async with d.rt.sessionmaker() as session:
        for kind, name, data in (
                ("specification", "specification.pdf", _document_pdf("Specification", 4)),
                ("single_document", "single-document.pdf",
                 _document_pdf("Single document", 2, "Helvetica", 10))):
            row = await d.rt.files.put_stream(session, io.BytesIO(data), original_name=name,
                                              purpose=PURPOSE)
            await session.flush()
            session.add(FileUpload(file_sha256=row.sha256, party_id=d.parties["applicant"],
                                   subject="user:gi-applicant", purpose=PURPOSE.code,
                                   original_name=name))
            refs.append({"kind": kind, "file": row.sha256})
        await session.commit()
    d.n += 1
    filing = samples.filing(d.n, random.Random(d.n), channel="electronic")
    filing["form"]["applicantReference"] = f"ДЕМО-{d.n:03d}"
    filing["documents"] = refs
    case = await d.open("UA.GI.APP", "applicant", {"filing": filing}, "UA.GI.T02")
    await d.act(case, "UA.GI.T03", "ics")
    return await d.act(case, "UA.GI.T05", "clerk")


async def _users(session: AsyncSession, parties: dict[str, int]) -> None:
    """People for every role, so a frontend can act as each."""
    for login, name, party, grant in (
            ("gi-applicant", "Голова спілки гуцульських сироварів", parties["applicant"],
             Grant("applicant", J, parties["applicant"])),
            ("gi-attorney", "Патентний повірений Мельник І. В.", parties["attorney"],
             Grant("representative", J, parties["applicant"])),
            ("gi-opponent", "Юрист ТОВ «Карпатські сири»", parties["opponent"],
             Grant("applicant", J, parties["opponent"])),
            ("gi-examiner-1", "Експерт Шевченко О. П.", None, Grant("examiner", J)),
            ("gi-examiner-2", "Експерт Бондар М. І.", None, Grant("examiner", J)),
            ("gi-head", "Керівник підрозділу експертизи ГЗ", None, Grant("ua_gi_head", J)),
            ("gi-clerk", "Реєстратор документів УКРНОІВІ", None, Grant("ua_gi_clerk", J)),
            ("gi-authority", "Мінагрополітики: погодження специфікацій", None,
             Grant("ua_gi_competent_authority", J)),
            ("gi-appeals", "Секретар Апеляційної палати", None,
             Grant("ua_gi_appeals_recorder", J))):
        await create_user(session, login, name, party, [grant])


async def load_demo(session: AsyncSession, rng: random.Random) -> int:
    """Hook ``ipreg_register_demo_loaders``: returns the number of IP objects added (the
    published applications)."""
    bind = session.bind
    url = bind.url.render_as_string(hide_password=False)  # type: ignore[union-attr]
    parties = {}
    for key, name in (("applicant", "Громадська спілка «Асоціація гуцульських сироварів»"),
                      ("opponent", "ТОВ «Карпатські сири»"),
                      ("attorney", "Патентне бюро «Мельник і партнери»")):
        party = Party(country="UA", name=name)
        session.add(party)
        await session.flush()
        parties[key] = party.id
    await _users(session, parties)
    await load_samples(session, SYSTEM, dt.datetime.combine(DEMO_TODAY, dt.time(8),
                                                            dt.UTC))
    await session.commit()
    clock = DemoClock(START)
    runtime = Runtime.create(Settings.from_env(database_url=url.replace(
        "+aiosqlite", "").replace("+asyncpg", "")))
    runtime.clock = clock
    demo = Demo(runtime, clock, parties)
    try:
        await _lapsed_group(demo)
        await _decided_group(demo)
        await _waiting_group(demo)
        demo.at(DEMO_TODAY)
        await demo.tick()
    finally:
        await runtime.close()
    from ipreg.plugins.ukraine.gi.models import UaGiApplication

    return len(list((await session.execute(select(UaGiApplication.object_id).where(
        UaGiApplication.object_id.is_not(None)))).scalars()))


__all__ = ["DEMO_TODAY", "load_demo"]
