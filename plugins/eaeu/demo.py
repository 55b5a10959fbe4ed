"""Demo data of the EAEU register: 300 entries and cases in every state of every procedure.

Entries are imported with their register data (numbers, protection periods,
status history) from realistic registration forms (:mod:`ipreg.plugins.eaeu.samples`):
marks in Russian, Kazakh, Armenian, Belarusian, Kyrgyz and Latin script, several
right holders and representatives, goods with real CN FEA (HS) subheadings and
Nice classes, and full goods-turnover data. The cases are then driven through the
procedure engine itself, acting as the applicants, the Commission, the authorized
bodies and the system, on a fixed calendar ending on :data:`DEMO_TODAY`, so the
demo is the same on every machine.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from collections.abc import Callable
from random import Random
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.auth import SYSTEM, Grant, Principal
from ipreg.core.config import Settings
from ipreg.core.demo import DemoActs, DemoClock
from ipreg.core.files import FileStore
from ipreg.core.procedures import ProcedureEngine, add_months
from ipreg.core.runtime import Runtime
from ipreg.core.services.numbering import raise_counter
from ipreg.plugins.eaeu import samples
from ipreg.plugins.eaeu.codes import MEMBER_STATE_CODES
from ipreg.plugins.eaeu.forms import FormParser, parse_form
from ipreg.plugins.eaeu.numbering import SCOPE
from ipreg.plugins.eaeu.store import (
    FILE_RULES,
    Declaration,
    PartyStore,
    authorities,
    import_entries,
)

#: The demo's "today": cases run on the calendar up to this day (a Monday).
DEMO_TODAY = dt.date(2026, 11, 16)
#: Entries imported with their register history (the cases add more).
IMPORTED = 300
FIRST_INCLUSION = dt.date(2019, 3, 1)

SECURITY = {"security": {"kind": "insurance_contract", "number": "СД-2026/118",
                         "amount": "2500000", "currency": "RUB", "certifiedCopy": True,
                         "document": {"kindName": "Договор страхования ответственности",
                                      "number": "СД-2026/118", "date": "2026-06-01"}}}


def _person(subject: str, party: int | None, role: str, organisation: int | None = None
            ) -> Principal:
    return Principal(kind="user", subject=subject, party_id=party,
                     grants=frozenset({Grant(role, "eaeu", organisation)}))


def _status_plan(i: int, included: dt.date) -> list[tuple[str, dt.date]]:
    """A plausible history: some entries changed, prolonged (every two years), excluded."""
    plan: list[tuple[str, dt.date]] = []
    if i % 11 == 3:
        plan.append(("changed", included + dt.timedelta(days=150)))
    end = add_months(included, 24) - dt.timedelta(days=1)
    while i % 5 == 1 and end - dt.timedelta(days=30) < DEMO_TODAY:
        plan.append(("prolonged", end - dt.timedelta(days=30)))
        end = add_months(end + dt.timedelta(days=1), 24) - dt.timedelta(days=1)
    plan.sort(key=lambda item: item[1])
    if i % 13 == 7:
        plan.append(("excluded", (plan[-1][1] if plan else included) + dt.timedelta(days=200)))
    return [(s, d) for s, d in plan if d < DEMO_TODAY]


def mark_images(names: list[str]) -> list[bytes]:
    """A small JPEG of each mark, 420 x 180 pixels at 300 dpi (R174 A1 T1 5.4: JPEG or
    TIFF, at least 300 dpi): its name framed, in DejaVu Sans (Cyrillic, Armenian,
    Kazakh) where installed (fonts-dejavu-core, as for extracts). The same name gives
    the same bytes, so ``ipreg demo`` stores the same files each time. CPU work: run it
    in a worker thread."""
    from PIL import Image, ImageDraw, ImageFont

    from ipreg.core.errors import ConfigurationError
    from ipreg.plugins.eaeu.extract import font_path

    try:
        font: Any = ImageFont.truetype(str(font_path()), 24)
    except ConfigurationError:  # no DejaVu Sans: Pillow's own font (Latin only)
        font = ImageFont.load_default(24)
    out = []
    for k, name in enumerate(names):
        ink = INKS[k % len(INKS)]
        image = Image.new("RGB", (420, 180), (250, 247, 240))
        draw = ImageDraw.Draw(image)
        draw.rectangle((6, 6, 413, 173), outline=ink, width=4)
        draw.text((210, 90), name, fill=ink, font=font, anchor="mm")
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=85, dpi=(300, 300))
        out.append(buffer.getvalue())
    return out


#: The colours of the demo's mark images.
INKS = [(128, 24, 40), (20, 70, 130), (30, 100, 50), (110, 60, 10)]


async def _store_images(session: AsyncSession, files: FileStore, names: list[str]
                        ) -> list[str]:
    """Store an image of each mark (:func:`mark_images`) through the core's file store, as
    an upload for ``eaeu_object_image`` is: their sha256, for the forms' ``images``."""
    images = await asyncio.to_thread(mark_images, names)
    out = []
    for k, data in enumerate(images):
        row = await files.put_stream(session, io.BytesIO(data),
                                     original_name=f"mark-{k + 1:05d}.jpg",
                                     purpose=FILE_RULES["object_image"],
                                     path=f"entries[{k}].images[0]")
        out.append(row.sha256)
    return out


async def _import_entries(session: AsyncSession, rng: Random, files: FileStore
                          ) -> list[tuple[int, int]]:
    """The register as it stands: (object id, holder party id) of each entry imported,
    each with an image of its mark (5.4)."""
    span = (DEMO_TODAY - FIRST_INCLUSION).days - 60
    decision = 0
    forms: list[tuple[dict[str, Any], dt.date]] = []
    for i in range(IMPORTED):
        if i % 3 == 0:
            decision += 1  # an inclusion decision covers one to three objects
        included = FIRST_INCLUSION + dt.timedelta(days=span * i // IMPORTED)
        form = samples.form(i, rng, representative=rng.random() < 0.7)
        if i % 9 == 4:  # several right holders
            form["rightHolders"].append(samples.holder_party(i + 5, rng))
        form["register"] = samples.register_data(i, i + 1, decision, included, rng,
                                                 _status_plan(i, included))
        forms.append((form, included))
    images = await _store_images(session, files, [form["name"] for form, _ in forms])
    batch: list[Declaration] = []
    for (form, included), image in zip(forms, images, strict=True):
        form["images"] = [image]
        batch.append(Declaration(
            parse_form(form, with_register=True), form["register"]["applicationNumber"],
            dt.date.fromisoformat(form["register"]["applicationDate"]),
            now=dt.datetime.combine(included, dt.time(9), tzinfo=dt.UTC)))
    out = await import_entries(session, batch)
    for name, value in (("record", IMPORTED), ("decision", decision)):
        await raise_counter(session, SCOPE, name, value)
    return out


async def load_demo(session: AsyncSession, rng: Random) -> int:
    """Hook ``ipreg_register_demo_loaders``: returns the number of IP objects added."""
    found = await authorities(session)
    runtime = Runtime.create(Settings.from_env())
    entries = await _import_entries(session, rng, runtime.files)
    clock = DemoClock(DEMO_TODAY, dt.time(7, 0))
    runtime.clock = clock
    engine = ProcedureEngine(runtime)
    cases = DemoCases(session, engine, clock, rng, found, entries)
    added = await cases.run()
    await _demo_users(session, found)
    return len(entries) + added


async def _demo_users(session: AsyncSession, authorities_by_state: dict[str, int]) -> None:
    """People for every role of the EAEU procedures, so a frontend can act as each."""
    from sqlalchemy import select

    from ipreg.core.auth import create_user
    from ipreg.core.model import Case

    await create_user(session, "eec-officer", "Officer of the Commission (EEC)", None,
                      [Grant("commission_official", "eaeu")])
    await create_user(session, "eaeu-supervisor", "Supervisor of the EAEU register", None,
                      [Grant("supervisor", "eaeu")])
    for state, party in sorted(authorities_by_state.items()):
        await create_user(session, f"cca-{state.lower()}",
                          f"Authorized body (central customs authority) of {state}", party,
                          [Grant("authorized_body", "eaeu", party)])
    applicant = await session.scalar(
        select(Case.applicant_id).where(Case.procedure == "P.SP.01.PRC.001",
                                        Case.applicant_id.is_not(None))
        .order_by(Case.id).limit(1))
    if applicant is not None:
        await create_user(session, "eaeu-applicant", "Right holder applying to the register",
                          applicant, [Grant("applicant", "eaeu", applicant)])


class DemoCases(DemoActs):
    """Drives the procedures through the engine into every state."""

    def __init__(self, session: AsyncSession, engine: ProcedureEngine, clock: DemoClock,
                 rng: Random, found: dict[str, int], entries: list[tuple[int, int]]) -> None:
        self.session, self.engine, self.clock, self.rng = session, engine, clock, rng
        self.entries = entries
        self.commission = _person("demo:eec-officer", None, "commission_official")
        self.ccas = {c: _person(f"demo:cca-{c.lower()}", p, "authorized_body", p)
                     for c, p in found.items()}
        self.declared = 0
        self.form_index = IMPORTED

    def applicant(self, holder: int) -> Principal:
        return _person(f"demo:holder-{holder}", holder, "applicant", holder)

    async def _holder(self) -> int:
        rows = FormParser().party(samples.holder_party(self.form_index, self.rng), "holder")
        assert rows is not None
        party = await PartyStore(self.session).get(rows)
        await self.session.flush()
        return party.id

    # ------------------------------------------------------------ PRC.001

    async def application(self, day: dt.date, steps: list[str], *, forms: int = 1) -> Any:
        """A new application taken through ``steps`` (one day apart, from ``day``)."""
        self.clock.at(day)
        holder = await self._holder()
        who = self.applicant(holder)
        data = []
        for _ in range(forms):
            data.append(samples.form(self.form_index, self.rng, holder=holder,
                                     representative=self.rng.random() < 0.5))
            self.form_index += 1
        case = await self.open("P.SP.01.PRC.001", who, {"forms": data})
        self.declared += forms
        objects = list(case.data["objects"])
        actions: dict[str, Callable[[], Any]] = {
            "complete": lambda: self.act(case, "P.SP.01.OPR.004", self.commission),
            "missing": lambda: self.act(case, "P.SP.01.OPR.003", self.commission,
                                        {"missing": ["Доверенность представителя",
                                                     "Изображение товарного знака"]}),
            "answer": lambda: self.act(case, "P.SP.01.OPR.004.SUBMIT", who, {"documents": [
                {"kindName": "Доверенность", "number": "77 АА 1234567",
                 "date": day.isoformat()}]}),
            "refuse_consideration": lambda: self.act(
                case, "P.SP.01.OPR.002", self.commission,
                {"reasons": "Заявление не соответствует требованиям раздела II Регламента"}),
            "dispatch": lambda: self.act(case, "P.SP.01.OPR.006", self.commission),
            "possible": lambda: self.act(case, "P.SP.01.OPR.018", self.commission),
            "refuse": lambda: self.act(case, "P.SP.01.OPR.017", self.commission),
            "security": lambda: self.act(case, "P.SP.01.OPR.019.SECURITY", who, SECURITY),
            "include": lambda: self.act(case, "P.SP.01.OPR.021", self.commission),
            "refuse_inclusion": lambda: self.act(case, "P.SP.01.OPR.020", self.commission,
                                                 {"reasons": "Обеспечение не представлено"}),
            "withdraw": lambda: self.act(case, "P.SP.01.OPR.009", who,
                                         {"reason": "Правообладатель отозвал заявление"}),
            "term_expired": lambda: self.act(case, "P.SP.01.OPR.016", SYSTEM),
            "security_expired": lambda: self.act(case, "P.SP.01.OPR.019.EXPIRED", SYSTEM),
        }
        for step in steps:
            self.clock.at(self.clock.now.date() + dt.timedelta(days=1))
            if step in ("verify", "verify_refused", "verify_some", "verify_processed"):
                states = MEMBER_STATE_CODES[:3] if step == "verify_some" else MEMBER_STATE_CODES
                await self.verify(case, objects, states, refuse=step == "verify_refused",
                                  processed=step == "verify_processed")
            elif step == "acknowledge":
                for country in MEMBER_STATE_CODES:
                    await self.act(case, "P.SP.01.OPR.024", self.ccas[country],
                                   {"memberState": country})
            else:
                case = await actions[step]()
        return case

    async def verify(self, case: Any, objects: list[int], states: tuple[str, ...],
                     refuse: bool, processed: bool = False) -> None:
        for country in states:
            cca = self.ccas[country]
            await self.act(case, "P.SP.01.OPR.007", cca, {"memberState": country})
            refused = refuse and country == "KZ"
            await self.act(case, "P.SP.01.OPR.013", cca, {"memberState": country, "results": [
                {"objectId": samples.entry_id(o), "result": "refused" if refused else "possible",
                 "grounds": "Товарный знак не зарегистрирован в Республике Казахстан"
                 if refused else None} for o in objects]})
            if processed:  # OPR.015 (the CCA processed the Commission's notification)
                await self.act(case, "P.SP.01.OPR.015", cca, {"memberState": country})

    # ------------------------------------------------------------ PRC.002-007

    def entry(self, k: int) -> tuple[int, int]:
        """A recent entry in force (not excluded, its protection period still running)."""
        candidates = [e for i, e in enumerate(self.entries) if i % 13 != 7 and i % 5 != 1]
        return candidates[-1 - k % len(candidates)]

    async def request(self, procedure: str, k: int, data: dict[str, Any] | None,
                      steps: list[tuple[str, Any, dict[str, Any] | None]], day: dt.date,
                      *, commission_opens: bool = False, transition: str | None = None) -> Any:
        self.clock.at(day)
        object_id, holder = self.entry(k)
        who = self.commission if commission_opens else self.applicant(holder)
        case = await self.open(procedure, who, data, object_id=object_id,
                               transition=transition)
        for code, actor, input_ in steps:
            self.clock.at(self.clock.now.date() + dt.timedelta(days=2))
            performer = self.applicant(case.applicant_id or holder) if (
                actor == "applicant") else actor
            case = await self.act(case, code, performer, input_)
        return case

    async def run(self) -> int:
        d = DEMO_TODAY
        days = dt.timedelta
        # P.SP.01.PRC.001: one application in each state (and a few more)
        await self.application(d - days(3), [])                                # formal_check
        await self.application(d - days(10), ["missing"])                      # awaiting docs
        await self.application(d - days(20), ["missing", "answer"])            # completeness
        await self.application(d - days(40), ["refuse_consideration"])         # refused
        await self.application(d - days(14), ["complete", "dispatch", "verify_some"],
                               forms=2)                                        # in review
        await self.application(d - days(60), ["complete", "dispatch", "verify_some",
                                              "term_expired"])                 # term expired
        await self.application(d - days(25), ["complete", "dispatch", "verify", "possible"])
        await self.application(d - days(30), ["complete", "dispatch", "verify", "possible",
                                              "security"])                     # decision due
        await self.application(d - days(90), ["complete", "dispatch", "verify_refused",
                                              "refuse"])                       # refused
        await self.application(d - days(120), ["complete", "dispatch", "verify", "possible",
                                               "security_expired", "refuse_inclusion"])
        await self.application(d - days(70), ["complete", "dispatch", "verify_processed",
                                              "possible", "security", "include",
                                              "acknowledge"], forms=2)
        await self.application(d - days(50), ["complete", "dispatch", "verify", "possible",
                                              "security", "include"])          # acks pending
        await self.application(d - days(35), ["complete", "dispatch", "withdraw"])
        await self.application(d - days(5), ["withdraw"])
        # P.SP.01.PRC.002 and PRC.003
        c = self.commission
        change = {"changes": {"description": "Комбинированное обозначение в цветовом "
                              "сочетании: красный, белый"}}
        await self.request("P.SP.01.PRC.002", 1, change, [], d - days(4))
        await self.request("P.SP.01.PRC.002", 2, change,
                           [("P.SP.01.PRC.002.APPROVE", c, None)], d - days(30))
        await self.request("P.SP.01.PRC.002", 3, {"changes": {"name": "Новое обозначение"}},
                           [("P.SP.01.PRC.002.REFUSE", c, {"reasons": "Изменение "
                                                           "обозначения не допускается"})],
                           d - days(45))
        await self.request("P.SP.01.PRC.003", 4, {"changes": {"registrationFormNumber":
                                                              "РФ-00005-И"},
                                                  "reason": "Опечатка в номере формы"},
                           [], d - days(15), commission_opens=True,
                           transition="P.SP.01.PRC.003.TECHNICAL")
        # P.SP.01.PRC.004
        self.clock.at(d)
        await self.request("P.SP.01.PRC.004", 5, {"requestedEnd": "2028-12-31"}, [],
                           d - days(6))
        await self.request("P.SP.01.PRC.004", 6, {"requestedEnd": "2028-12-31"},
                           [("P.SP.01.PRC.004.GRANT", c, None)], d - days(40))
        await self.request("P.SP.01.PRC.004", 7, {"requestedEnd": "2029-06-30"},
                           [("P.SP.01.PRC.004.REFUSE", c, {"reasons": "Срок превышает срок "
                                                           "действия права"})], d - days(33))
        # P.SP.01.PRC.005
        await self.request("P.SP.01.PRC.005", 8, {"reason": "Товар снят с производства"}, [],
                           d - days(2))
        await self.request("P.SP.01.PRC.005", 9, None,
                           [("P.SP.01.PRC.005.EXCLUDE", c, None)], d - days(28))
        # P.SP.01.PRC.006
        grounds = {"grounds": "Прекращена правовая охрана товарного знака в одном из "
                              "государств-членов (пункт 46 Регламента)"}
        ask = ("P.SP.01.PRC.006.REQUEST_EVIDENCE", c, None)
        answer = ("P.SP.01.PRC.006.SUBMIT_EVIDENCE", "applicant",
                  {"documents": [{"kindName": "Выписка из реестра товарных знаков"}]})
        await self.request("P.SP.01.PRC.006", 10, grounds, [], d - days(3),
                           commission_opens=True)
        await self.request("P.SP.01.PRC.006", 11, grounds, [ask], d - days(9),
                           commission_opens=True)
        await self.request("P.SP.01.PRC.006", 12, grounds, [ask, answer], d - days(18),
                           commission_opens=True)
        await self.request("P.SP.01.PRC.006", 13, grounds,
                           [ask, ("P.SP.01.PRC.006.EVIDENCE_EXPIRED", SYSTEM, None)],
                           d - days(80), commission_opens=True)
        await self.request("P.SP.01.PRC.006", 14, grounds,
                           [ask, answer, ("P.SP.01.PRC.006.EXCLUDE", c, None)], d - days(60),
                           commission_opens=True)
        await self.request("P.SP.01.PRC.006", 15, grounds,
                           [ask, answer, ("P.SP.01.PRC.006.DISMISS", c,
                                          {"reasons": "Охрана восстановлена"})], d - days(65),
                           commission_opens=True)
        # P.SP.01.PRC.007
        new = {"goods": [{"goods": 0, "turnover": [samples.turnover(1, self.rng, "Demo"),
                                                   samples.turnover(0, self.rng, "Demo")]}]}
        await self.request("P.SP.01.PRC.007", 16, new, [], d - days(1))
        self.clock.at(d)
        return self.declared
