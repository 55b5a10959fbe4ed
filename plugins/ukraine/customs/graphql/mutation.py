"""Root mutation fields of the customs register: they only call the procedure engine.

Every rule lives in the declared procedures (:mod:`ipreg.plugins.ukraine.customs.
procedures`); the act inputs are typed (``UaCustomsActInput``,
``UaCustomsOpeningActInput``: one field per act, ``@oneOf``), generated from the inputs
each transition declares, the recordal form included (Order 282 electronic: all exchange
with right holders is electronic; Seed 000 goal 2: the exchange moves to electronic form,
each act answered by notices through the core channels).
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from ipreg.plugins.ukraine.customs.copis import json_codec, xml_codec
from ipreg.plugins.ukraine.customs.copis.afa import form_of_afa
from ipreg.plugins.ukraine.customs.graphql.query import UaCustomsAfaFormat
from ipreg.plugins.ukraine.customs.graphql.types import UaCustomsCase
from ipreg.plugins.ukraine.customs.procedures import procedures
from ipreg.plugins.ukraine.customs.publication import JURISDICTION
from ipreg.schema.cases import (
    case_result,
    open_case,
    register_act_mutation,
    register_opening_mutation,
)
from ipreg.schema.context import Context
from ipreg.schema.inputs import InputTypes

Info = strawberry.Info[Context, Any]

_PROCEDURES = procedures()
INPUTS = InputTypes("UaCustoms", _PROCEDURES)
UaCustomsActInput = INPUTS.act_input(
    "UaCustomsActInput", "An act on a customs register case: exactly one field, the act, "
    "with its input (`true` for an act without input). Fields are the acts' codes without "
    "`UAC.` (`rec03` is UAC.REC.03).", _PROCEDURES)
UaCustomsOpeningActInput = INPUTS.act_input(
    "UaCustomsOpeningActInput", "The act that opens a customs register case: `rec01` files "
    "a recordal (right holders), `sus01` records a register hit (customs officers), `apl01` "
    "files an official importer's appeal (authorised operators).", _PROCEDURES,
    opening=True)


@strawberry.type(description="The result of an act in a customs register case.")
class UaCustomsActResult:
    case: UaCustomsCase = strawberry.field(description="The case after the act.")
    replayed: bool = strawberry.field(description="True when the idempotency key had been "
                                      "used before: the first result, nothing done again.")


_result = case_result(UaCustomsActResult, UaCustomsCase)


@strawberry.type
class UaCustomsMutation:
    ua_customs_open_case = register_opening_mutation(
        INPUTS, UaCustomsOpeningActInput, UaCustomsActResult, _result, procedures=_PROCEDURES,
        jurisdiction=JURISDICTION,
        description="Open a customs register case with its opening act.")
    ua_customs_perform = register_act_mutation(
        INPUTS, UaCustomsActInput, UaCustomsActResult, _result, jurisdiction=JURISDICTION,
        description="Perform an act on a customs register case.",
        case_description="Global ID of the case (`UaCustomsCase` or `Case`).",
        act_description="The act with its typed input, e.g. `{rec04: {reasons: \"...\"}}`.")

    @strawberry.mutation(description="Seed 000 COPIS: import an EU application for action "
                         "(JSON or XML, docs/ukraine-customs.md) as a recordal (UAC.REC.13), "
                         "for the register official. Codes Ukraine does not use are refused "
                         "with BAD_USER_INPUT, one problem per field.")
    async def ua_customs_import_afa(
        self, info: Info,
        document: Annotated[str, strawberry.argument(description="The AFA document.")],
        format: UaCustomsAfaFormat = UaCustomsAfaFormat.JSON,
        idempotency_key: Annotated[str | None, strawberry.argument(
            description="Send the same key again to get the first result back.")] = None,
    ) -> UaCustomsActResult:
        afa = xml_codec.loads(document) if format is UaCustomsAfaFormat.XML else \
            json_codec.loads(document)
        runtime = info.context.runtime
        today = runtime.procedures.calendar(JURISDICTION).today(runtime.clock())
        form = form_of_afa(afa, today)
        reference = afa.get("reference") if isinstance(afa, dict) else None
        return _result(await open_case(
            info, "UAC.REC", {"recordal": form, "afaReference": reference},
            transition="UAC.REC.13", jurisdiction=JURISDICTION,
            idempotency_key=idempotency_key))


__all__ = ["UaCustomsMutation"]
