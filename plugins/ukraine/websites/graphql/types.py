"""GraphQL types of the national list: ``UaWebsiteEntry`` (a website, an ``IPObject``),
its WIPO ALERT placement and episodes, and ``UaWebsiteCase`` (an appeal, an exclusion
application, a court exclusion or a copy request: a ``RegisterCase``).

Visibility follows :mod:`ipreg.plugins.ukraine.websites.publication`: anonymous callers
see the public projection of digest §8.2; the bases, what the site is and the owner's
data are null or empty for them (silent private fields). A case is read by officials
and its own applicant only; its personal data (of the applicant, the representative,
the owner) is a separate field whose read by an official is audited.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from ipreg.plugins.ukraine.websites.graphql.loaders import (
    EpisodesByObjectLoader,
    WebsiteByObjectLoader,
)
from ipreg.plugins.ukraine.websites.publication import (
    JURISDICTION,
    UA_WEBSITES,
    audit_personal_read,
    is_official,
)
from ipreg.schema.context import Context
from ipreg.schema.publication import acts_for
from ipreg.schema.types.cases import CaseByIdLoader, CaseHistoryStep, Deadline, RegisterCase
from ipreg.schema.types.ids import global_id
from ipreg.schema.types.ipobject import IPObject
from ipreg.schema.types.values import StatusRecord
from ipreg.schema.types.variants import variant

Info = strawberry.Info[Context, Any]
OBJECT_TYPE = "UaWebsiteEntry"


@strawberry.type(description="The entry's placement on WIPO ALERT (Order 2945 III.9, IV.6).")
class UaWebsiteWipoAlert:
    status: str | None = strawberry.field(description="PENDING (to be placed), UPLOADED or "
                                          "REMOVED; null if never placed.")
    uploaded_on: dt.date | None = strawberry.field(description="When it was placed.")
    removed_on: dt.date | None = strawberry.field(description="When it was removed.")


@strawberry.type(description="An inclusion or exclusion of a website with its basis "
                 "(Order 2945 III.9, IV.6; not published).")
class UaWebsiteEpisode:
    kind: str = strawberry.field(description="`inclusion` or `exclusion`.")
    on: dt.date = strawberry.field(description="Its date.")
    basis: str = strawberry.field(description="UKRNOIVI_CONCLUSION or COURT_DECISION.")
    conclusion_number: str | None = strawberry.field(description="UKRNOIVI's conclusion.")
    conclusion_date: dt.date | None = strawberry.field(description="Its date.")
    received_on: dt.date | None = strawberry.field(description="When the Ministry received "
                                                   "the conclusion or the court decision.")
    grounds: list[str] = strawberry.field(description="Exclusion: the owner's grounds (IV.1).")
    court: JSON | None = strawberry.field(description="Exclusion on a court decision: the "
                                          "decision (court, case number, dates).")


@strawberry.type(description="The website owner as identified (Order 2945 I.2 ¶3, III.4): "
                 "personal data, never published; an official's read is audited.")
class UaWebsiteOwner:
    id: relay.GlobalID = strawberry.field(description="Global ID of the owner's `Party`.")
    name: str = strawberry.field(description="Name or legal name.")
    country: str = strawberry.field(description="Country.")
    party_type: str = strawberry.field(description="`natural` or `legal`.")


@strawberry.type(name=OBJECT_TYPE, description="A website of the national list of websites "
                 "raising concerns about compliance with IP rights (Order 2945 III.9, V.1): "
                 "the public projection of digest §8.2 for everyone, the bases and the owner "
                 "for officials.")
class UaWebsiteEntry(IPObject):
    async def _row(self, info: Info) -> Any:
        return await info.context.loaders.get(WebsiteByObjectLoader).load(self.id)

    @strawberry.field(description="V.1: the list number (null before inclusion).")
    async def entry_number(self, info: Info) -> str | None:
        row = await self._row(info)
        return row.entry_number if row else None

    @strawberry.field(description="II.2.1 ¶3: the domain name in Unicode (an IDN as read).")
    async def domain(self, info: Info) -> str | None:
        row = await self._row(info)
        return row.domain if row else None

    @strawberry.field(description="II.2.1 ¶3: the domain name in ASCII (punycode).")
    async def domain_ascii(self, info: Info) -> str | None:
        row = await self._row(info)
        return row.domain_ascii if row else None

    @strawberry.field(description="II.2.1 ¶3: the IP address.")
    async def ip_address(self, info: Info) -> str | None:
        row = await self._row(info)
        return row.ip_address if row else None

    @strawberry.field(description="II.2.1 ¶3: URLs of the website named by appeals.")
    async def urls(self, info: Info) -> list[str]:
        row = await self._row(info)
        return list(row.urls or []) if row else []

    @strawberry.field(description="V.1: APPEALED (not yet listed; officials only), LISTED, "
                      "EXCLUSION_PENDING or EXCLUDED.")
    async def list_status(self, info: Info) -> str | None:
        row = await self._row(info)
        return row.status if row else None

    @strawberry.field(description="III.9: when the Ministry entered it in the list.")
    async def included_on(self, info: Info) -> dt.date | None:
        row = await self._row(info)
        return row.included_on if row else None

    @strawberry.field(description="III.9: when it was published on the Ministry's website.")
    async def published_on(self, info: Info) -> dt.date | None:
        row = await self._row(info)
        return row.published_on if row else None

    @strawberry.field(description="IV.6: when it was excluded (null while listed).")
    async def excluded_on(self, info: Info) -> dt.date | None:
        row = await self._row(info)
        return row.excluded_on if row else None

    @strawberry.field(description="III.9, IV.6: its placement on WIPO ALERT.")
    async def wipo_alert(self, info: Info) -> UaWebsiteWipoAlert | None:
        row = await self._row(info)
        if row is None:
            return None
        return UaWebsiteWipoAlert(status=row.wipo_status, uploaded_on=row.wipo_uploaded_on,
                                  removed_on=row.wipo_removed_on)

    @strawberry.field(description="III.8-III.9, IV.6: status history with the conclusions "
                      "and court decisions (not published: empty for others).")
    async def status_history(self, info: Info) -> list[StatusRecord]:
        if not await UA_WEBSITES.sees_private(info, self.id):
            return []
        rows = await info.context.loaders.status_history.load(self.id)
        return [StatusRecord(status=r.status, date=r.date, basis_number=r.basis_number,
                             basis_date=r.basis_date) for r in rows]

    @strawberry.field(description="III.9, IV.6: every inclusion and exclusion with its basis "
                      "(not published, digest §8.2: empty for others).")
    async def episodes(self, info: Info) -> list[UaWebsiteEpisode]:
        if not await UA_WEBSITES.sees_private(info, self.id):
            return []
        rows = await info.context.loaders.get(EpisodesByObjectLoader).load(self.id)
        return [UaWebsiteEpisode(kind=r.kind, on=r.on, basis=r.basis,
                                 conclusion_number=r.conclusion_number,
                                 conclusion_date=r.conclusion_date, received_on=r.received_on,
                                 grounds=[g for g in (r.grounds or "").split(",") if g],
                                 court=JSON(r.court) if r.court else None) for r in rows]

    @strawberry.field(description="III.7 ¶3: VIDEO_SHARING_PLATFORM, AUDIOVISUAL_MEDIA, "
                      "PRINT_MEDIA, ONLINE_MEDIA or OTHER (not published: null for others).")
    async def platform_type(self, info: Info) -> str | None:
        row = await self._row(info)
        if row is None or not await UA_WEBSITES.sees_private(info, self.id):
            return None
        return str(row.platform_type)

    @strawberry.field(description="I.2 ¶3, III.4: the website owner as identified (personal "
                      "data, not published: null for others; an official's read is audited).")
    async def owner(self, info: Info) -> UaWebsiteOwner | None:
        row = await self._row(info)
        if row is None or row.owner_party_id is None:
            return None
        if not await UA_WEBSITES.sees_private(info, self.id):
            return None
        party = await info.context.loaders.party_by_id.load(row.owner_party_id)
        if party is None:
            return None
        if party.party_type == "natural":
            await audit_personal_read(info, "party", party.id,
                                      f"owner of {self.name} ({OBJECT_TYPE})")
        return UaWebsiteOwner(id=global_id("Party", party.id), name=party.name,
                              country=party.country, party_type=party.party_type)


# ---------------------------------------------------------------- cases

#: The keys of a case's data that hold persons' data (digest §8.2: never public).
PERSONAL = ("applicant", "representative", "owner")


def _without_personal(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    for key in ("appeal", "application"):
        if isinstance(out.get(key), dict):
            out[key] = {k: v for k, v in out[key].items() if k not in PERSONAL}
    for key in ("ownerNotice",):
        if isinstance(out.get(key), dict):
            out[key] = {k: v for k, v in out[key].items()
                        if k not in ("email", "postalAddress")}
    for key in ("rightHolderEmail", "representativeEmail"):
        out.pop(key, None)
    if isinstance(out.get("rightHolderNotice"), dict):
        out["rightHolderNotice"] = {k: v for k, v in out["rightHolderNotice"].items()
                                    if k != "emails"}
    return out


def _personal(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("appeal", "application"):
        if isinstance(data.get(key), dict):
            out.update({k: v for k, v in data[key].items() if k in PERSONAL and v})
    notice = data.get("ownerNotice") or {}
    if notice.get("email") or notice.get("postalAddress"):
        out["ownerContact"] = {"email": notice.get("email"),
                               "postalAddress": notice.get("postalAddress")}
    for key in ("rightHolderEmail", "representativeEmail"):
        if data.get(key):
            out[key] = data[key]
    return out


def can_read_case(viewer: Any, applicant_id: int | None) -> bool:
    """Officials of ``ua_websites`` and the case's own applicant (or who acts for it)."""
    return is_official(viewer) or acts_for(viewer, [applicant_id], JURISDICTION) or (
        applicant_id is not None and applicant_id in viewer.organisations())


@variant(name="UaWebsiteCaseStep", description="One act performed in a case of the list.")
class UaWebsiteCaseStep(CaseHistoryStep):
    pass


@variant(name="UaWebsiteDeadline", description="A time limit of a case of the list (T01-T20 "
         "of digest §7; see `uaWebsitesTerms`).")
class UaWebsiteDeadline(Deadline):
    pass


@strawberry.type(description="A warning of a filing (severity W of digest §9): never a refusal.")
class UaWebsiteWarning:
    path: str = strawberry.field(description="Where in the form.")
    message: str = strawberry.field(description="What it says, with its point.")
    rule: str = strawberry.field(description="The point of the Order and the digest's rule.")


@variant(name="UaWebsiteCase", description="A case of the national list: an appeal for "
         "inclusion (UAW.APPEAL), an owner's application for exclusion (UAW.EXCLUSION), an "
         "exclusion on a court decision (UAW.COURT) or a copy of a conclusion on request "
         "(UAW.COPY). `data` leaves out the persons' data; `personalData` has it.")
class UaWebsiteCase(relay.Node, RegisterCase):
    id: relay.NodeID[int]
    deadline_type = UaWebsiteDeadline

    @classmethod
    def row_values(cls, row: Any) -> dict[str, Any]:
        values = super().row_values(row)
        values["data"] = JSON(_without_personal(dict(row.data or {})))
        return {**values, "_full": dict(row.data or {})}

    _full: strawberry.Private[dict[str, Any]]

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[UaWebsiteCase | None]:
        rows = await info.context.loaders.get(CaseByIdLoader).load_many(
            [int(i) if i.isdigit() else -1 for i in node_ids])
        viewer = info.context.viewer
        return [cls.from_row(r) if r is not None and r.jurisdiction == JURISDICTION
                and can_read_case(viewer, r.applicant_id) else None for r in rows]

    @strawberry.field(description="The website concerned (`UaWebsiteEntry`).")
    async def website(self, info: Info) -> UaWebsiteEntry | None:
        if self._object_id is None:
            return None
        row = await info.context.loaders.object_by_id.load(self._object_id)
        if row is None:
            return None
        from ipreg.schema.types.ipobject import object_fields

        return UaWebsiteEntry(**object_fields(row))

    @strawberry.field(description="Warnings of the filing and of the review (digest §9, "
                      "severity W: VR-W09, VR-W16, VR-W17, VR-W23, VR-X04).")
    def warnings(self) -> list[UaWebsiteWarning]:
        return [UaWebsiteWarning(path=w.get("path", ""), message=w.get("message", ""),
                                 rule=w.get("rule", ""))
                for w in self._full.get("warnings", [])]

    @strawberry.field(description="The conclusion (III.6-III.7, IV.4-IV.5): number, kind, "
                      "date, the finding on every ground; null before it.")
    def conclusion(self) -> JSON | None:
        found = self._full.get("conclusion")
        return JSON(found) if found else None

    @strawberry.field(description="The persons' data of the filing (applicant, representative, "
                      "owner, their contacts: digest §8.2, never public). An official's read is "
                      "audited (action `read_personal_data`).")
    async def personal_data(self, info: Info) -> JSON | None:
        if not can_read_case(info.context.viewer, self._applicant_id):
            return None
        found = _personal(self._full)
        if found:
            await audit_personal_read(info, "case", self.id, f"personal data of {self.number}")
        return JSON(found)

    @strawberry.field(description="Every act performed, oldest first.")
    async def steps(self, info: Info) -> list[UaWebsiteCaseStep]:
        return [UaWebsiteCaseStep.from_row(r) for r in await self.load_steps(info)]

    @strawberry.field(description="Its time limits (T01-T20).")
    async def deadlines(self, info: Info) -> list[UaWebsiteDeadline]:
        return await self.load_deadlines(info)

    @strawberry.field(description="Codes of the acts the caller may perform now.")
    def available_transitions(self, info: Info) -> list[str]:
        return [t.code for t in self.performable(info)]


__all__ = ["OBJECT_TYPE", "UaWebsiteCase", "UaWebsiteEntry", "can_read_case"]
