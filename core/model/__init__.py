"""The core model: parties, IP objects, documents, cases and the change feed."""

from ipreg.core.model.audit import AuditHead, AuditRecord
from ipreg.core.model.auth import ApiKey, ApiKeyGrant, AppUser, UserGrant
from ipreg.core.model.case import Case, Decision, Notification
from ipreg.core.model.documents import Document, FileUpload, StoredFile
from ipreg.core.model.events import ChangeEvent, FeedHead, SubscriberCursor
from ipreg.core.model.ipobject import (
    Goods,
    GoodsCode,
    IPObject,
    Keyword,
    NiceClass,
    ObjectDocument,
    ObjectParty,
    RightTerm,
    StatusRecord,
)
from ipreg.core.model.numbering import Counter
from ipreg.core.model.party import (
    Address,
    Contact,
    Employee,
    IdentityDocument,
    Party,
    PartyVersion,
)
from ipreg.core.model.procedures import CaseDeadline, CaseStep, IdempotencyKey

__all__ = [
    "Address",
    "ApiKey",
    "ApiKeyGrant",
    "AppUser",
    "AuditHead",
    "AuditRecord",
    "Case",
    "CaseDeadline",
    "CaseStep",
    "ChangeEvent",
    "Contact",
    "Counter",
    "Decision",
    "Document",
    "Employee",
    "FeedHead",
    "FileUpload",
    "Goods",
    "GoodsCode",
    "IPObject",
    "IdempotencyKey",
    "IdentityDocument",
    "Keyword",
    "NiceClass",
    "Notification",
    "ObjectDocument",
    "ObjectParty",
    "Party",
    "PartyVersion",
    "RightTerm",
    "StatusRecord",
    "StoredFile",
    "SubscriberCursor",
    "UserGrant",
]
