"""UKRNOIVI's own electronic documents (GI rules IV.7 ¶3): a notice, conclusion or decision
sent to a personal cabinet is signed by the official with a QES or AdES-QC, and its
signature is checked before sending.

What the register models, and what it assumes (no signing service is configured in ipreg):

* the signing official is the official who performs the act (an examiner, the head of the
  unit, the intake clerk, the ICS, the Appeals Chamber's recorder); for a consequence the
  office draws itself (an expired limit, ``system``) or a notice an applicant's act
  produces, the examiner assigned to the application (V.1.1-1.2) signs; an act of the
  ICS performed by the engine itself (III.2.5-2.6) is sealed by the ICS;
* the register records, for every outgoing item to a personal cabinet, the official, the
  time and the SHA-256 of the notice as recorded (case, seq, kind, date, channel, summary):
  the QES/AdES-QC itself is applied and checked by UKRNOIVI's signing service outside the
  register, as an applicant's signature is checked before its filing reaches the register
  (:mod:`ipreg.plugins.ukraine.common.signature`);
* a notice no official can sign (none acts and none is assigned) is not sent: the act is
  refused (``PRECONDITION_FAILED``, reason ``UA_GI_UNSIGNED_NOTICE``) and nothing changes.

The records are kept in the sending case's ``officeSignatures``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ipreg.core.errors import PreconditionFailed
from ipreg.core.procedures import TransitionContext

RULE = "GI rules IV.7"
UNSIGNED = "UA_GI_UNSIGNED_NOTICE"
KEY = "officeSignatures"
#: Roles whose holders sign the office's documents (digest §7.6).
OFFICIAL_ROLES = ("examiner", "ua_gi_head", "ua_gi_clerk", "ua_gi_ics",
                  "ua_gi_appeals_recorder")
#: What the record says of the signature itself (see the module's assumptions).
SIGNATURE_KIND = "QES/AdES-QC of the official, applied and checked by UKRNOIVI's signing service"


def signing_official(ctx: TransitionContext, examiner: str | None) -> tuple[str, str] | None:
    """The official who signs a notice the act sends: ``(subject, role)``, or None."""
    roles = ctx.principal.roles("ua_gi")
    if ctx.principal.subject and ctx.principal.kind != "system":
        for role in OFFICIAL_ROLES:
            if role in roles:
                return ctx.principal.subject, role
    if examiner:
        return examiner, "examiner"
    if "ua_gi_ics" in ctx.transition.roles and ctx.principal.kind == "system":
        return "system", "ua_gi_ics"          # the ICS's own automatic act (III.2.5-2.6)
    return None


def content_sha256(case_number: str, item: Any) -> str:
    """The digest of the notice as the file records it."""
    content = {"case": case_number, "seq": item.seq, "kind": item.kind,
               "datedOn": item.dated_on.isoformat(), "channel": item.channel,
               "summary": item.summary}
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True)
                          .encode()).hexdigest()


async def sign(ctx: TransitionContext, item: Any, *, examiner: str | None,
               case_number: str) -> dict[str, Any]:
    """GI rules IV.7 ¶3: the signature record of an outgoing e-document, kept in the case's
    ``officeSignatures``; refuses the act when no official can sign it."""
    official = signing_official(ctx, examiner)
    if official is None:
        raise PreconditionFailed(
            f"{ctx.transition.code}: the notice '{item.kind}' to the personal cabinet has no "
            "official to sign it (no examiner is assigned): UKRNOIVI's e-documents are signed "
            f"by the official before sending ({RULE})", reason=UNSIGNED, rule=RULE)
    record = {"caseId": item.case_id, "seq": item.seq, "kind": item.kind,
              "official": official[0], "role": official[1], "signedAt": ctx.now.isoformat(),
              "contentSha256": content_sha256(case_number, item), "signature": SIGNATURE_KIND}
    ctx.put(**{KEY: [*(ctx.data.get(KEY) or []), record]})
    return record


__all__ = ["KEY", "OFFICIAL_ROLES", "RULE", "UNSIGNED", "content_sha256", "sign",
           "signing_official"]
