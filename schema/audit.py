"""GraphQL over the audit trail: ``auditRecords`` for supervisors.

The query logic (who may read what, filters, paging) is
:func:`ipreg.core.audit.search_audit`; this module only maps it to types.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from ipreg.core.audit.query import (
    AuditEntry,
    AuditFilter,
    AuditPage,
    audit_scope,
    search_audit,
)
from ipreg.core.errors import BadUserInput
from ipreg.schema.context import Context
from ipreg.schema.types.connection import (
    Connection,
    Edge,
    decode_cursor,
    encode_cursor,
    page_info,
)
from ipreg.schema.types.ids import entity_node_id, node_entity, party_id

Info = strawberry.Info[Context, Any]
CURSOR_KIND = "audit"


@strawberry.type(description="Who performed an audited action, and in which capacity.")
class AuditActor:
    subject: str | None = strawberry.field(
        description="The user name, API key name or `system`; null for anonymous callers."
    )
    kind: str = strawberry.field(
        description="`user`, `api_key` (an information system), `system` or `anonymous`."
    )
    party_id: relay.GlobalID | None = strawberry.field(
        description="Global ID of the party acting (a `Party`)."
    )
    on_behalf_of: relay.GlobalID | None = strawberry.field(
        description="Global ID of the party represented, when acting for someone else."
    )
    roles: list[str] = strawberry.field(
        description="The roles the actor held in the record's jurisdiction."
    )


@strawberry.type(description="One entry of the append-only, hash-chained audit trail.")
class AuditRecord:
    seq: int = strawberry.field(
        description="Position in the trail: gap-free, in commit order, starting at 1."
    )
    at: dt.datetime = strawberry.field(description="When the action was committed (UTC).")
    action: str = strawberry.field(
        description="Action code: a transition's legal code, `login`, `export`, `read`, ..."
    )
    entity: str = strawberry.field(description="Kind of object acted on, e.g. `case`.")
    entity_id: relay.GlobalID | None = strawberry.field(
        description="Global ID of the object acted on (`node(id:)` resolves it while the "
        "caller may see it); null when it is no node (an API key, an export)."
    )
    database_id: str | None = strawberry.field(
        description="The database id (or other key) of the object acted on, as the trail "
        "stores it: the only name of objects that are no node."
    )
    jurisdiction: str | None = strawberry.field(
        description="Jurisdiction of the action; null for actions outside any register."
    )
    actor: AuditActor = strawberry.field(description="Who acted.")
    diff: JSON = strawberry.field(
        description="What changed: `{field: {before, after}}` for each changed field only."
    )
    request_id: str | None = strawberry.field(
        description="Id of the request that performed the action."
    )
    note: str | None = strawberry.field(description="Free-text remark recorded with the action.")
    prev_hash: str = strawberry.field(
        description="Hash of the previous record (64 zeros for the first)."
    )
    hash: str = strawberry.field(
        description="SHA-256 of `prevHash` and the record's canonical content (hex)."
    )

    @classmethod
    def from_entry(cls, entry: AuditEntry, registry: Any) -> AuditRecord:
        return cls(
            seq=entry.seq,
            at=entry.at,
            action=entry.action,
            entity=entry.entity,
            entity_id=None if entry.entity_id is None else entity_node_id(
                registry, entry.entity, entry.entity_id, entry.jurisdiction),
            database_id=entry.entity_id,
            jurisdiction=entry.jurisdiction,
            actor=AuditActor(
                subject=entry.actor.subject,
                kind=entry.actor.kind,
                party_id=party_id(entry.actor.party_id),
                on_behalf_of=party_id(entry.actor.on_behalf_of),
                roles=list(entry.actor.roles),
            ),
            diff=entry.diff,
            request_id=entry.request_id,
            note=entry.note,
            prev_hash=entry.prev_hash,
            hash=entry.hash,
        )


@strawberry.type(name="AuditRecordConnection", description="A page of audit records, oldest first.")
class AuditRecordConnection(Connection[AuditRecord]):
    pass


def connection_from_page(page: AuditPage, registry: Any) -> AuditRecordConnection:
    edges = [
        Edge(cursor=encode_cursor(CURSOR_KIND, e.seq),
                        node=AuditRecord.from_entry(e, registry))
        for e in page.entries
    ]
    return AuditRecordConnection(
        edges=edges,
        page_info=page_info([e.cursor for e in edges], has_next=page.has_next,
                            has_previous=page.has_previous),
        _count=page.total_count,
    )


@strawberry.type
class AuditQuery:
    @strawberry.field(
        description="The audit trail, oldest first, filtered; for supervisors only "
        "(role `supervisor` or `admin` of the jurisdiction): FORBIDDEN otherwise, "
        "UNAUTHENTICATED without signing in."
    )
    async def audit_records(
        self,
        info: Info,
        first: Annotated[
            int | None,
            strawberry.argument(
                description="Page size (default 50; at most IPREG_MAX_PAGE_SIZE, 100 by default)."
            ),
        ] = None,
        after: Annotated[
            str | None,
            strawberry.argument(description="Cursor of the last record of the previous page."),
        ] = None,
        last: Annotated[
            int | None,
            strawberry.argument(description="Backward: page size (at most IPREG_MAX_PAGE_SIZE)."),
        ] = None,
        before: Annotated[
            str | None,
            strawberry.argument(description="Backward: cursor of the first record of the next "
                                "page."),
        ] = None,
        action: Annotated[
            str | None, strawberry.argument(description="Only records of this action code.")
        ] = None,
        entity: Annotated[
            str | None, strawberry.argument(description="Only records about this kind of object.")
        ] = None,
        entity_id: Annotated[
            relay.GlobalID | None,
            strawberry.argument(description="Only records about the object with this global "
                                "ID (sets `entity`)."),
        ] = None,
        database_id: Annotated[
            str | None,
            strawberry.argument(description="Only records about the object with this "
                                "database id (with `entity`: for objects that are no node)."),
        ] = None,
        jurisdiction: Annotated[
            str | None, strawberry.argument(description="Only records of this jurisdiction.")
        ] = None,
        actor: Annotated[
            str | None, strawberry.argument(description="Only records of this actor (subject).")
        ] = None,
        since: Annotated[
            dt.datetime | None,
            strawberry.argument(description="Only records at or after this time (UTC if no zone)."),
        ] = None,
        until: Annotated[
            dt.datetime | None,
            strawberry.argument(description="Only records before this time (UTC if no zone)."),
        ] = None,
    ) -> AuditRecordConnection:
        context = info.context
        audit_scope(context.viewer)  # who may not read gets FORBIDDEN before any input error
        if first is not None and last is not None:
            raise BadUserInput("give first (forward) or last (backward), not both",
                               argument="last")
        raw_id = database_id
        if entity_id is not None:
            if database_id is not None:
                raise BadUserInput("give entityId (a global ID) or databaseId, not both",
                                   argument="databaseId")
            kind, number = node_entity(info, entity_id, "entityId")
            entity, raw_id = entity or kind, str(number)
        page = await search_audit(
            context.reader.rows,
            context.viewer,
            AuditFilter(
                action=action,
                entity=entity,
                entity_id=raw_id,
                jurisdiction=jurisdiction,
                actor=actor,
                since=since,
                until=until,
            ),
            first=first,
            after=decode_cursor(CURSOR_KIND, after) if after else None,
            last=last,
            before=decode_cursor(CURSOR_KIND, before, "before") if before else None,
            max_first=context.runtime.settings.max_page_size,
        )
        return connection_from_page(page, context.runtime.registry)


__all__ = ["AuditActor", "AuditQuery", "AuditRecord", "AuditRecordConnection"]
