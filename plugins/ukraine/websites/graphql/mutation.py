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
from ipreg.schema.cases import (
    ObjectArgument,
    case_result,
    register_act_mutation,
    register_opening_mutation,
)
from ipreg.schema.context import Context
from ipreg.schema.inputs import InputTypes
from ipreg.schema.types.ids import database_id_of
from ipreg.schema.types.ipobject import object_fields

Info = strawberry.Info[Context, Any]
JURISDICTION = "ua_websites"

_PROCEDURES = procedures()
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


_result = case_result(UaWebsiteActResult, UaWebsiteCase)


@strawberry.type
class UaWebsitesMutation:
    ua_websites_open_case = register_opening_mutation(
        INPUTS, UaWebsiteOpeningActInput, UaWebsiteActResult, _result, procedures=_PROCEDURES,
        jurisdiction=JURISDICTION, description="Open a case of the national list with its "
        "opening act (an appeal by the applicant's representative, II.1; an owner's "
        "application, IV.1; a court decision by the Ministry, IV.6; a copy request, III.6 ¶4 "
        "/ IV.4 ¶4).", ip_object=ObjectArgument(
            "website_id", "Global ID of the listed website (`UaWebsiteEntry`): exclusion and "
            "court decision."))
    ua_websites_perform = register_act_mutation(
        INPUTS, UaWebsiteActInput, UaWebsiteActResult, _result, jurisdiction=JURISDICTION,
        description="Perform an act on a case of the national list (its code names the point "
        "of Order 2945 it performs).",
        case_description="Global ID of the case (`UaWebsiteCase` or `Case`).")

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
