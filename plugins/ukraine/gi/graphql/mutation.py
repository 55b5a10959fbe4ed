"""GI mutations: filing an application (GI rules III.1), filing an opposition (V.7.1) and
every other act of the two procedures, typed from their declarations; each act is one
transaction as the caller, refused with a stable code and nothing changed."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from ipreg.core.errors import BadUserInput
from ipreg.core.model import Case as CaseRow
from ipreg.plugins.ukraine.common.signature import SIGNATURE
from ipreg.plugins.ukraine.gi.forms.application import APPLICATION
from ipreg.plugins.ukraine.gi.forms.opposition import OPPOSITION
from ipreg.plugins.ukraine.gi.graphql.types import UaGiApplicationCase, UaGiOppositionCase
from ipreg.plugins.ukraine.gi.procedures import contract_procedures, procedures
from ipreg.plugins.ukraine.gi.procedures.common import SIGNATURE_ONLY_ACTS
from ipreg.plugins.ukraine.gi.publication import JURISDICTION
from ipreg.schema.cases import Argument, open_case, register_act_mutation
from ipreg.schema.context import Context
from ipreg.schema.inputs import InputTypes, input_data

Info = strawberry.Info[Context, Any]

INPUTS = InputTypes("UaGi", procedures())
UaGiFilingInput = INPUTS.of(APPLICATION)
UaGiOppositionInput = INPUTS.of(OPPOSITION)
UaGiActInput = INPUTS.act_input(
    "UaGiActInput", "An act on a GI application or opposition case (digest §7.2-7.3, §5-6), "
    "with its typed input; exactly one.", contract_procedures())
UaGiSignatureInput = INPUTS.of(SIGNATURE)


@strawberry.type(name="UaGiActResult", description="The case after an act.")
class UaGiActResult:
    application: UaGiApplicationCase | None = strawberry.field(
        description="The application case (procedure UA.GI.APP), when the act was on one.")
    opposition: UaGiOppositionCase | None = strawberry.field(
        description="The opposition case (procedure UA.GI.OPP), when the act was on one.")
    replayed: bool = strawberry.field(
        description="True when the idempotency key returned an earlier result.")


def _result(opened: tuple[CaseRow, bool]) -> UaGiActResult:
    case, replayed = opened
    if case.procedure == "UA.GI.OPP":
        return UaGiActResult(application=None, opposition=UaGiOppositionCase.from_row(case),
                             replayed=replayed)
    return UaGiActResult(application=UaGiApplicationCase.from_row(case), opposition=None,
                         replayed=replayed)


def _with_signature(code: str, data: dict[str, Any] | None, signature: Any = None
                    ) -> dict[str, Any] | None:
    """GI rules IV.7: an act without input files its signature beside it."""
    if signature is None:
        return data
    if code not in SIGNATURE_ONLY_ACTS:
        raise BadUserInput(f"signature: {code} takes its signature in its own input "
                           "(GI rules IV.7)", argument="signature", rule="GI rules IV.7")
    return {**(data or {}), "signature": input_data(signature)}


KEY = Annotated[str | None, strawberry.argument(
    description="Send the same key again to get the first result back.")]


@strawberry.type
class UaGiMutation:
    @strawberry.mutation(description="GI rules III.1 (transitions 1-2): file an application "
                         "for registration of a GI; `channel` electronic is filed through the "
                         "ICS with a qualified signature and awaits the technical check "
                         "(III.2.5), paper is registered at once (III.2.1-2.4). Every rule of "
                         "digest §8.1-8.2 is checked: BAD_USER_INPUT lists each problem with "
                         "its path and rule. Applicants, representatives and the intake "
                         "clerk (`ua_gi_clerk`).")
    async def ua_gi_file_application(
        self, info: Info,
        filing: Annotated[UaGiFilingInput, strawberry.argument(  # type: ignore[valid-type]
            description="The application (II.1): request, specification or foreign "
            "documents, single document, agreement, signature.")],
        received_on: Annotated[str | None, strawberry.argument(
            description="Paper: date of receipt stamped by the clerk (III.2.1), "
            "YYYY-MM-DD; today by default.")] = None,
        idempotency_key: KEY = None,
    ) -> UaGiActResult:
        data = input_data(filing)
        electronic = data.get("channel") == "electronic"
        payload: dict[str, Any] = {"filing": data}
        if received_on is not None and not electronic:
            payload["receivedOn"] = received_on
        return _result(await open_case(
            info, "UA.GI.APP", payload, transition="UA.GI.T02" if electronic else "UA.GI.T01",
            jurisdiction=JURISDICTION, idempotency_key=idempotency_key))

    @strawberry.mutation(description="GI rules V.7.1-7.5 (O1): file an opposition against a "
                         "published application, named by its number and filing date (VO-03). "
                         "Any person signed in as the applicant side of its own party.")
    async def ua_gi_file_opposition(
        self, info: Info,
        opposition: Annotated[UaGiOppositionInput, strawberry.argument(  # type: ignore[valid-type]
            description="The opposition (V.7.3-7.5).")],
        idempotency_key: KEY = None,
    ) -> UaGiActResult:
        return _result(await open_case(
            info, "UA.GI.OPP", {"opposition": input_data(opposition)},
            transition="UA.GI.T26", jurisdiction=JURISDICTION,
            idempotency_key=idempotency_key))

    ua_gi_perform = register_act_mutation(
        INPUTS, UaGiActInput, UaGiActResult, _result, jurisdiction=JURISDICTION,
        description="Perform an act on a GI application or opposition case, e.g. `{t16: "
        "{deficiencies: [...]}}` (examiner) or `{t11: {limit: \"formal_deficiencies\", months: "
        "2, feePaidOn: \"2026-03-02\"}}` (applicant). Refusals: FORBIDDEN / UNAUTHENTICATED "
        "(role), INVALID_TRANSITION (state), PRECONDITION_FAILED (the rule named), "
        "TIME_LIMIT_EXPIRED, BAD_USER_INPUT; nothing changes.",
        case_description="Global ID of the case (`UaGiApplicationCase`, `UaGiOppositionCase` "
        "or `Case`).", arguments=[Argument(
            "signature", UaGiSignatureInput, "GI rules IV.7: the QES data of the document an "
            "act without input files (the withdrawal `t39`, the copies request `copy`): "
            "required when the application is electronic, refused with the field's path "
            "otherwise; other acts take theirs in their own input.")],
        prepare=_with_signature)


__all__ = ["INPUTS", "UaGiActResult", "UaGiMutation"]
