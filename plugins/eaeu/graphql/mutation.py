"""Root mutation fields of the EAEU plugin: they only call the procedure engine.

Every rule (who may act, in which state, with which input, within which time
limit) lives in the declared procedures (:mod:`ipreg.plugins.eaeu.procedures`);
the resolvers translate GraphQL into the core's resolver logic
(:func:`ipreg.schema.cases.open_case`, :func:`~ipreg.schema.cases.perform_transition`)
and back.

Every input is typed: the registration form (``EaeuRegistrationFormInput``) is
generated from the declared forms (:mod:`ipreg.plugins.eaeu.forms`, which give the
import JSON Schema too), and an act (``EaeuActInput``, ``EaeuOpeningActInput``: one
field per act, ``@oneOf``) from the inputs its transition declares
(:mod:`ipreg.schema.inputs`). What GraphQL parsed goes back to the same dict the
parser and the engine read, so each semantic problem keeps its path and legal point.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from ipreg.plugins.eaeu.forms import REGISTRATION_FORM
from ipreg.plugins.eaeu.graphql.cases import EaeuCase
from ipreg.plugins.eaeu.graphql.query import EaeuExtract, entitled_to_extracts
from ipreg.plugins.eaeu.graphql.visibility import JURISDICTION
from ipreg.plugins.eaeu.procedures import procedures
from ipreg.schema.cases import (
    ObjectArgument,
    case_result,
    open_case,
    register_act_mutation,
    register_opening_mutation,
)
from ipreg.schema.context import Context
from ipreg.schema.inputs import InputTypes, input_data

Info = strawberry.Info[Context, Any]

_PROCEDURES = procedures()
INPUTS = InputTypes("Eaeu", _PROCEDURES)
EaeuRegistrationFormInput = INPUTS.of(REGISTRATION_FORM)
EaeuActInput = INPUTS.act_input(
    "EaeuActInput", "An act on an EAEU case: give exactly one field, the act, with its "
    "input (`true` for an act without input). Fields are the acts' legal codes without "
    "`P.SP.01.` (`opr013` is P.SP.01.OPR.013); each act's description names it and its "
    "legal basis.", _PROCEDURES)
EaeuOpeningActInput = INPUTS.act_input(
    "EaeuOpeningActInput", "The act that opens an EAEU case (and so its procedure): give "
    "exactly one field with its input (`true` for an act without input).", _PROCEDURES,
    opening=True)


@strawberry.type(description="The result of an act in an EAEU case.")
class EaeuActResult:
    case: EaeuCase = strawberry.field(description="The case after the act.")
    replayed: bool = strawberry.field(description="True when the idempotency key had been used "
                                      "before: the first result is returned, nothing is done "
                                      "again.")


_result = case_result(EaeuActResult, EaeuCase)


@strawberry.type
class EaeuMutation:
    @strawberry.mutation(description="P.SP.01.OPR.001: submit an application for inclusion "
                         "with its registration forms (one per IP object, R174 Appendix 1 "
                         "table 1, the same form as in docs/eaeu-import.schema.json). Applicants "
                         "and representatives only.")
    async def eaeu_submit_application(
        self, info: Info,
        forms: Annotated[list[EaeuRegistrationFormInput], strawberry.argument(  # type: ignore[valid-type]
            description="The registration forms, one per IP object (R174 A1 T1 5.8).")],
        idempotency_key: Annotated[str | None, strawberry.argument(
            description="Send the same key again to get the first result back.")] = None,
    ) -> EaeuActResult:
        return _result(await open_case(info, "P.SP.01.PRC.001", {"forms": input_data(forms)},
                                       transition="P.SP.01.OPR.001", jurisdiction=JURISDICTION,
                                       idempotency_key=idempotency_key))

    eaeu_open_case = register_opening_mutation(
        INPUTS, EaeuOpeningActInput, EaeuActResult, _result, procedures=_PROCEDURES,
        jurisdiction=JURISDICTION, description="Open a case under an EAEU procedure "
        "(PRC.001-007) with its opening act, which names the procedure.",
        ip_object=ObjectArgument("object_id", "Global ID of the register entry concerned (an "
                                 "`EaeuRegisterEntry`)."))
    eaeu_perform = register_act_mutation(
        INPUTS, EaeuActInput, EaeuActResult, _result, jurisdiction=JURISDICTION,
        description="Perform an act (a transaction P.SP.01.OPR.* or a step of PRC.002-007) on "
        "an EAEU case.", case_description="Global ID of the case (as `EaeuCase` or `Case`).",
        act_description="The act with its typed input, e.g. `{opr013: {memberState: \"KZ\", "
        "results: [...]}}`.")

    @strawberry.mutation(description="P.SP.01.PRC.011: issue an extract of an entry, for the "
                         "entry's own right holders, representative and applicant and for "
                         "officials (R148 p.18): FORBIDDEN for others. Each call issues a new "
                         "numbered extract and records it (number, date, entry, content hash) "
                         "for its public verification; `eaeuExtracts` lists those issued.")
    async def eaeu_issue_extract(
        self, info: Info,
        registration_number: Annotated[str, strawberry.argument(
            description="e.g. 00042/TZ/0007.")],
        language: Annotated[str, strawberry.argument(
            description="The language of the document: `ru` or `en`.")] = "ru",
    ) -> EaeuExtract:
        from ipreg.plugins.eaeu.extract import ExtractSettings, check_language, issue_extract

        check_language(language)
        await entitled_to_extracts(info, registration_number)
        runtime = info.context.runtime
        settings = ExtractSettings.from_env()
        request = info.context.request
        base_url = settings.public_url or (str(request.base_url) if request is not None
                                           and hasattr(request, "base_url")
                                           else "http://127.0.0.1:8000")
        async with runtime.sessionmaker() as session:
            made = await issue_extract(
                session, runtime.settings.secret, registration_number, runtime.clock(),
                base_url=base_url, language=language, issuer=settings.issuer,
                issued_to=info.context.viewer.subject)
            await session.commit()
        return EaeuExtract.of(made)
