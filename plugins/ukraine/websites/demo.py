"""Demo data of the national list (issue 16): 52 listed websites under reserved test names
(``.test``, ``.example``; some IDN), some excluded (on the owner's application and on a
court decision), and appeals, exclusion applications, court exclusions and copy requests
in every state of their procedures, with limits due, met and missed on the demo's day
(:data:`DEMO_TODAY`), driven through the procedure engine itself; users for every role.
"""

from __future__ import annotations

import datetime as dt
from random import Random
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.auth import Grant, Principal, create_user
from ipreg.core.config import Settings
from ipreg.core.demo import DemoActs, DemoClock
from ipreg.core.procedures import ProcedureEngine
from ipreg.core.runtime import Runtime
from ipreg.core.services.parties import ContactForm, PartyForm, create_party
from ipreg.plugins.ukraine.websites import samples

J = "ua_websites"
#: The demo's "today" (a Monday): every case runs on the calendar up to it.
DEMO_TODAY = dt.date(2026, 11, 16)
LISTED = 52
A = "UAW.APPEAL."
X = "UAW.EXCLUSION."
FINDINGS = ("REQUEST_NOT_FULFILLED", "EXCLUDED_PLATFORM_OR_MEDIA", "MORALITY_PUBLIC_ORDER",
            "AGGRESSOR_LINKED_OR_SANCTIONED", "OTHER_NONCOMPLIANCE")
REFUSALS = ("GROUNDS_NOT_PROVEN", "MORALITY_PUBLIC_ORDER", "AGGRESSOR_LINKED_OR_SANCTIONED")


def _person(subject: str, party: int | None, *grants: Grant,
            on_behalf_of: int | None = None) -> Principal:
    return Principal(kind="user", subject=subject, party_id=party, on_behalf_of=on_behalf_of,
                     grants=frozenset(grants))


def findings(**found: bool) -> list[dict[str, Any]]:
    return [{"ground": g, "found": found.get(g, False), "note": "перевірено"} for g in FINDINGS]


def refusals(**found: bool) -> list[dict[str, Any]]:
    return [{"ground": g, "found": found.get(g, False)} for g in REFUSALS]


class Demo(DemoActs):
    """Drives the list's procedures into every state (``run``)."""

    def __init__(self, session: AsyncSession, engine: ProcedureEngine, clock: DemoClock) -> None:
        self.session, self.engine, self.clock = session, engine, clock
        self.examiner = _person("demo:ukrnoivi-examiner", None, Grant("ukrnoivi_examiner", J))
        self.ministry = _person("demo:ministry-officer", None, Grant("ministry_officer", J))
        self.i = 0
        self.holders: list[int] = []
        self.firm = 0
        self.owner_party = 0

    async def party(self, name: str, country: str, email: str, kind: str = "legal") -> int:
        party = await create_party(self.session, PartyForm(
            party_type=kind, country=country, name=name, short_name=None,
            contacts=[ContactForm("EM", "email", values=[email])]))
        return party.id

    def representative(self, holder: int) -> Principal:
        return _person(f"demo:attorney-{holder}", self.firm, Grant("representative", J, holder),
                       Grant("right_holder", J, holder), on_behalf_of=holder)

    def owner(self) -> Principal:
        return _person("demo:website-owner", self.owner_party,
                       Grant("website_owner", J, self.owner_party))

    async def appeal(self, day: dt.date, **kw: Any) -> tuple[Any, Principal]:
        self.clock.at(day)
        holder = self.holders[self.i % len(self.holders)]
        who = self.representative(holder)
        form = samples.appeal(self.i, day, Random(self.i), **kw)
        self.i += 1
        return await self.open("UAW.APPEAL", who, {"appeal": form}), who

    async def step(self, case: Any, day: dt.date, code: str, who: Principal,
                   data: dict[str, Any] | None = None) -> Any:
        self.clock.at(day)
        return await self.act(case, code, who, data)

    async def listed(self, day: dt.date, **kw: Any) -> Any:
        case, _who = await self.appeal(day, **kw)
        await self.step(case, day + dt.timedelta(days=1), A + "REGISTER", self.examiner)
        await self.step(case, day + dt.timedelta(days=12), A + "CONCLUDE_PRESENT",
                        self.examiner, {"findings": findings()})
        await self.step(case, day + dt.timedelta(days=15), A + "SEND_TO_MINISTRY",
                        self.examiner)
        published = day + dt.timedelta(days=30)
        return await self.step(case, published, A + "INCLUDE", self.ministry,
                               {"publishedOn": published.isoformat(),
                                "wipoAlertUploadedOn": published.isoformat()})

    async def exclusion(self, object_id: int, day: dt.date, steps: list[str],
                        ground: str = "REMEDIED") -> Any:
        self.clock.at(day)
        case = await self.open("UAW.EXCLUSION", self.owner(), {"application": samples.exclusion(
            self.i, day, ground=ground)}, object_id=object_id)
        self.i += 1
        holder_rep = self.representative(case.data["rightHolderPartyId"])
        acts = {
            "notify": (X + "NOTIFY_RIGHT_HOLDER", self.examiner, None),
            "explain": (X + "EXPLANATIONS", holder_rep, {"explanations": [
                "Порушення не усунуто: фільм доступний за посиланням /watch/2"]}),
            "grant": (X + "GRANT", self.examiner, {"findings": refusals(),
                                                    "grantedGrounds": [ground]}),
            "refuse": (X + "REFUSE", self.examiner,
                       {"findings": refusals(GROUNDS_NOT_PROVEN=True),
                        "reasons": "Докази усунення порушень не надано"}),
            "copy": (X + "COPY_TO_OWNER", self.examiner, None),
            "copy_refusal": (X + "COPY_REFUSAL_TO_OWNER", self.examiner, None),
            "ministry": (X + "SEND_TO_MINISTRY", self.examiner, None),
            "exclude": (X + "EXCLUDE", self.ministry, {"wipoAlertRemovedOn": None}),
            "not_consider": (X + "NOT_CONSIDER", self.examiner, None),
        }
        for n, name in enumerate(steps, 1):
            code, who, data = acts[name]
            case = await self.step(case, day + dt.timedelta(days=2 * n), code, who, data)
        return case

    async def run(self) -> int:
        self.firm = await self.party("АО «Шевченко і партнери»", "UA", "office@law.example")
        self.owner_party = await self.party("Site Owner Holdings Ltd", "CY",
                                            "admin@site-owner.example")
        for n in range(5):
            person = samples.person(n)
            self.holders.append(await self.party(
                person["name"], person["country"], person["email"],
                "natural" if person["kind"] == "NATURAL" else "legal"))
        listed = []
        start = DEMO_TODAY - dt.timedelta(days=600)
        for n in range(LISTED):
            listed.append(await self.listed(start + dt.timedelta(days=9 * n)))
        await self.exclusions(listed)
        await self.appeals()
        await self.users()
        return len(listed) + self.i - LISTED

    async def exclusions(self, listed: list[Any]) -> None:
        day = DEMO_TODAY - dt.timedelta(days=40)
        every = [[], ["notify"], ["notify", "explain"], ["notify", "explain", "grant"],
                 ["notify", "explain", "refuse"], ["notify", "explain", "refuse", "copy_refusal"],
                 ["notify", "explain", "grant", "copy", "ministry"]]
        for k, steps in enumerate(every):
            await self.exclusion(listed[k].object_id, day + dt.timedelta(days=k), steps)
        # Excluded twice on REMEDIED (2025 and 2026), listed again, then barred (IV.4 ¶2).
        site = listed[10].object_id
        for year_day in (dt.date(2025, 12, 1), DEMO_TODAY - dt.timedelta(days=90)):
            await self.exclusion(site, year_day, ["notify", "explain", "grant", "copy",
                                                  "ministry", "exclude"])
            again = await self.listed(year_day + dt.timedelta(days=20),
                                      site=samples.domain(10 % LISTED))
            assert again.object_id == site
        await self.exclusion(site, DEMO_TODAY - dt.timedelta(days=3), ["not_consider"])
        # IV.6: a court decision in force; one excluded, one received (T17 running).
        for k, exclude in ((20, True), (21, False)):
            self.clock.at(DEMO_TODAY - dt.timedelta(days=25))
            case = await self.open("UAW.COURT", self.ministry, {"decision": {
                "court": "Господарський суд міста Києва", "caseNumber": f"910/{k}/26",
                "date": "2026-09-01", "inForceOn": "2026-10-01",
                "holdsNoGroundsForInclusion": True}}, object_id=listed[k].object_id)
            if exclude:
                await self.step(case, DEMO_TODAY - dt.timedelta(days=5), "UAW.COURT.EXCLUDE",
                                self.ministry)

    async def appeals(self) -> None:
        """An appeal in every state, with limits due (running), met and missed."""
        day = DEMO_TODAY
        await self.appeal(day - dt.timedelta(days=2))                        # T01, T05 due
        review, _ = await self.appeal(day - dt.timedelta(days=20))           # T01 missed
        await self.step(review, day - dt.timedelta(days=19), A + "REGISTER", self.examiner)
        noticed, _ = await self.appeal(day - dt.timedelta(days=8))
        await self.step(noticed, day - dt.timedelta(days=7), A + "REGISTER", self.examiner)
        await self.step(noticed, day - dt.timedelta(days=6), A + "OWNER_NOTICE", self.examiner,
                        {"owner": {"name": "Site Owner Holdings Ltd",
                                   "email": "admin@site-owner.example", "country": "CY"}})
        waiting, _ = await self.appeal(day - dt.timedelta(days=10))          # T02 due
        await self.step(waiting, day - dt.timedelta(days=9), A + "REGISTER", self.examiner)
        await self.step(waiting, day - dt.timedelta(days=5), A + "REQUEST", self.examiner,
                        {"kind": "DEFICIENCIES", "items": ["Переклад ліцензійного договору"]})
        lapsing, _ = await self.appeal(day - dt.timedelta(days=40))          # T02 missed
        await self.step(lapsing, day - dt.timedelta(days=39), A + "REGISTER", self.examiner)
        await self.step(lapsing, day - dt.timedelta(days=30), A + "REQUEST", self.examiner,
                        {"kind": "INFORMATION", "items": ["Докази фіксації порушень"]})
        answered, who = await self.appeal(day - dt.timedelta(days=25))       # T02 met
        await self.step(answered, day - dt.timedelta(days=24), A + "REGISTER", self.examiner)
        await self.step(answered, day - dt.timedelta(days=20), A + "REQUEST", self.examiner,
                        {"kind": "INFORMATION", "items": ["Скріншоти сторінок"]})
        await self.step(answered, day - dt.timedelta(days=12), A + "ANSWER", who,
                        {"documents": ["Скріншоти від 01.11.2026"]})
        await self.step(answered, day - dt.timedelta(days=11), A + "NO_OWNER_NOTICE",
                        self.examiner, {"reason": "AGGRESSOR_LINK",
                                        "basis": "Реєстрант і хостинг у м. Москва (WHOIS)"})
        await self.step(answered, day - dt.timedelta(days=10), A + "AMEND", who,
                        {"note": "Додано ще два посилання на порушення"})
        withdrawn, who = await self.appeal(day - dt.timedelta(days=30))
        await self.step(withdrawn, day - dt.timedelta(days=28), A + "WITHDRAW", who)
        absent, _ = await self.appeal(day - dt.timedelta(days=50))
        await self.step(absent, day - dt.timedelta(days=49), A + "REGISTER", self.examiner)
        await self.step(absent, day - dt.timedelta(days=45), A + "NO_OWNER_NOTICE",
                        self.examiner, {"reason": "UNIDENTIFIED"})
        await self.step(absent, day - dt.timedelta(days=25), A + "CONCLUDE_ABSENT",
                        self.examiner, {"findings": findings(OTHER_NONCOMPLIANCE=True),
                                        "reasons": "Порушення не доведено (II.2.4)"})
        present, who = await self.appeal(day - dt.timedelta(days=45))       # T07 missed
        await self.step(present, day - dt.timedelta(days=44), A + "REGISTER", self.examiner)
        await self.step(present, day - dt.timedelta(days=30), A + "CONCLUDE_PRESENT",
                        self.examiner, {"findings": findings()})
        await self.step(present, day - dt.timedelta(days=29), A + "COURT", who, {"challenge": {
            "court": "Окружний адміністративний суд", "caseNumber": "640/77/26",
            "subject": "Строк надіслання висновку"}})
        sent, _ = await self.appeal(day - dt.timedelta(days=40))             # T08 due
        await self.step(sent, day - dt.timedelta(days=39), A + "REGISTER", self.examiner)
        await self.step(sent, day - dt.timedelta(days=20), A + "CONCLUDE_PRESENT",
                        self.examiner, {"findings": findings()})
        await self.step(sent, day - dt.timedelta(days=15), A + "SEND_TO_MINISTRY",
                        self.examiner)
        self.clock.at(day - dt.timedelta(days=1))
        await self.open("UAW.COPY", self.owner(), {"caseNumber": sent.number},
                        transition="UAW.COPY.REQUEST_OWNER")
        self.clock.at(day)

    async def users(self) -> None:
        holder = self.holders[0]
        await create_user(self.session, "ua-representative", "Attorney of a right holder "
                          "(Order 2945 II.1)", self.firm,
                          [Grant("representative", J, holder), Grant("right_holder", J, holder)])
        await create_user(self.session, "ua-right-holder", "Right holder (Order 2945 I.2 ¶5)",
                          holder, [Grant("applicant", J, holder), Grant("right_holder", J, holder)])
        await create_user(self.session, "ua-website-owner", "Website owner (Order 2945 I.2 ¶3)",
                          self.owner_party, [Grant("website_owner", J, self.owner_party)])
        await create_user(self.session, "ua-ukrnoivi-examiner", "Examiner of UKRNOIVI", None,
                          [Grant("ukrnoivi_examiner", J)])
        await create_user(self.session, "ua-ministry-officer", "Officer of the Ministry of "
                          "Economy", None, [Grant("ministry_officer", J)])


async def load_demo(session: AsyncSession, rng: Random) -> int:
    """Hook ``ipreg_register_demo_loaders``: returns the number of IP objects added."""
    runtime = Runtime.create(Settings.from_env())
    clock = DemoClock(DEMO_TODAY)
    runtime.clock = clock
    demo = Demo(session, ProcedureEngine(runtime), clock)
    added = await demo.run()
    clock.at(DEMO_TODAY)
    return added


__all__ = ["DEMO_TODAY", "load_demo"]
