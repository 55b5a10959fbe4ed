"""Root mutations of the national list: they only call the procedure engine (every rule is
in :mod:`ipreg.plugins.ukraine.websites.procedures`), with typed inputs generated from
the declared forms and acts (``UaWebsiteOpeningActInput``, ``UaWebsiteActInput``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import strawberry
from strawberry import relay

from ipreg.core.errors import BadUserInput, Forbidden
from ipreg.plugins.ukraine.websites import register
from ipreg.plugins.ukraine.websites.graphql.types import UaWebsiteCase, UaWebsiteEntry
from ipreg.plugins.ukraine.websites.procedures import procedures
from ipreg.schema.cases import open_case, perform_transition
from ipreg.schema.context import Context
from ipreg.schema.inputs import InputTypes
from ipreg.schema.types.ids import database_id_of
from ipreg.schema.types.ipobject import object_fields

Info = strawberry.Info[Context, Any]
JURISDICTION = "ua_websites"

_PROCEDURES = procedures()
_OWNER = {t.code: p.code for p in _PROCEDURES for t in p.transitions.values()}
INPUTS = InputTypes("UaWebsite", _PROCEDURES)
UaWebsiteActInput = INPUTS.act_input(
    "UaWebsiteActInput", "An act on a case of the national list: exactly one field, the act, "
    "with its input (`true` for an act without input). Fields are the acts' codes without "
    "`UAW.` (`appealRequest` is UAW.APPEAL.REQUEST).", _PROCEDURES)
UaWebsiteOpeningActInput = INPUTS.act_input(
    "UaWebsiteOpeningActInput", "The act that opens a case of the national list: "
    "`appealFile` (II), `exclusionFile` (IV.1-IV.2), `courtReceive` (IV.6), "
    "`copyRequestOwner` (III.6 ¶4) or `copyPetitionRepresentative` (IV.4 ¶4).",
    _PROCEDURES, opening=True)


@strawberry.type(description="The result of an act in a case of the national list.")
class UaWebsiteActResult:
    case: UaWebsiteCase = strawberry.field(description="The case after the act.")
    replayed: bool = strawberry.field(description="True when the idempotency key was used "
                                      "before: the first result is returned, nothing is done "
                                      "again.")


def _result(done: tuple[Any, bool]) -> UaWebsiteActResult:
    case, replayed = done
    return UaWebsiteActResult(case=UaWebsiteCase.from_row(case), replayed=replayed)


@strawberry.type
class UaWebsitesMutation:
    @strawberry.mutation(description="Open a case of the national list with its opening act "
                         "(an appeal by the applicant's representative, II.1; an owner's "
                         "application, IV.1; a court decision by the Ministry, IV.6; a copy "
                         "request, III.6 ¶4 / IV.4 ¶4).")
    async def ua_websites_open_case(
        self, info: Info,
        act: Annotated[UaWebsiteOpeningActInput, strawberry.argument(  # type: ignore[valid-type]
            description="The opening act with its typed input.")],
        website_id: Annotated[relay.GlobalID | None, strawberry.argument(
            description="Global ID of the listed website (`UaWebsiteEntry`): exclusion and "
            "court decision.")] = None,
        idempotency_key: Annotated[str | None, strawberry.argument(
            description="Send the same key again to get the first result back.")] = None,
    ) -> UaWebsiteActResult:
        code, data = INPUTS.chosen(act)
        object_id = None if website_id is None else database_id_of(
            info, website_id, "IPObject", "websiteId")
        return _result(await open_case(info, _OWNER[code], data, transition=code,
                                       object_id=object_id, jurisdiction=JURISDICTION,
                                       idempotency_key=idempotency_key))

    @strawberry.mutation(description="Perform an act on a case of the national list (its code "
                         "names the point of Order 2945 it performs).")
    async def ua_websites_perform(
        self, info: Info,
        case_id: Annotated[relay.GlobalID, strawberry.argument(
            description="Global ID of the case (`UaWebsiteCase` or `Case`).")],
        act: Annotated[UaWebsiteActInput, strawberry.argument(  # type: ignore[valid-type]
            description="The act with its typed input.")],
        expected_version: Annotated[int | None, strawberry.argument(
            description="Refuse with CONFLICT unless the case is at this version.")] = None,
        idempotency_key: Annotated[str | None, strawberry.argument(
            description="Send the same key again to get the first result back.")] = None,
    ) -> UaWebsiteActResult:
        code, data = INPUTS.chosen(act)
        return _result(await perform_transition(
            info, database_id_of(info, case_id, "RegisterCase", "caseId"), code, data,
            expected_version=expected_version, idempotency_key=idempotency_key,
            jurisdiction=JURISDICTION))

    @strawberry.mutation(description="III.9, IV.6, V.1: the Ministry records that it placed a "
                         "listed website on WIPO ALERT (UPLOADED) or removed it (REMOVED). "
                         "Ministry officers only: FORBIDDEN for others.")
    async def ua_websites_record_wipo_alert(
        self, info: Info,
        website_id: Annotated[relay.GlobalID, strawberry.argument(
            description="Global ID of the entry (`UaWebsiteEntry`).")],
        status: Annotated[str, strawberry.argument(description="UPLOADED or REMOVED.")],
        on: Annotated[dt.date, strawberry.argument(description="When.")],
    ) -> UaWebsiteEntry:
        viewer = info.context.viewer
        if "ministry_officer" not in viewer.roles(JURISDICTION):
            raise Forbidden("the Ministry places the list on WIPO ALERT (Order 2945 III.9)")
        if status not in ("UPLOADED", "REMOVED"):
            raise BadUserInput("status: UPLOADED or REMOVED", argument="status")
        runtime = info.context.runtime
        object_id = database_id_of(info, website_id, "IPObject", "websiteId")
        async with runtime.sessionmaker() as session:
            await register.record_wipo_alert(session, object_id, status, on, runtime.clock())
            from ipreg.core.model import IPObject

            obj = await session.get(IPObject, object_id)
            assert obj is not None
            await session.commit()
            return UaWebsiteEntry(**object_fields(obj))


__all__ = ["UaWebsitesMutation"]
