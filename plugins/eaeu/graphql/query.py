"""Root query fields of the EAEU plugin (prefixed ``eaeu``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import strawberry
from sqlalchemy import and_, func, literal, select
from strawberry import relay
from strawberry.scalars import JSON

from ipreg.core.extension import localized
from ipreg.core.model import Case as CaseRow
from ipreg.core.model import (
    ChangeEvent,
)
from ipreg.core.model import IPObject as ObjectRow
from ipreg.plugins.eaeu.graphql.cases import OBJECT_TYPE, EaeuCase
from ipreg.plugins.eaeu.graphql.types import EaeuRegisterEntry
from ipreg.plugins.eaeu.graphql.visibility import is_official
from ipreg.plugins.eaeu.http import EXPORT
from ipreg.plugins.eaeu.models import EaeuEntry
from ipreg.plugins.eaeu.numbering import parse_number
from ipreg.plugins.eaeu.register_query import (
    PARAMETERS,
    EntryFilter,
    EntrySort,
    build,
    caller_parties,
    caller_scope,
    order_by,
)
from ipreg.plugins.eaeu.terms import (
    CCA_SYNC_INTERVAL_HOURS,
    SILENCE_POLICIES,
    on_cca_silence,
    terms,
)
from ipreg.schema.context import Context
from ipreg.schema.loaders import OBJECT_COLUMNS
from ipreg.schema.types.connection import (
    Connection,
    check_feed_page,
    keyset_page,
    offset_page,
    page_sizes,
)
from ipreg.schema.types.ids import database_id_of, global_id
from ipreg.schema.types.ipobject import object_fields

Info = strawberry.Info[Context, Any]
ENTRY_CURSOR = "eaeu-entry"
CASE_CURSOR = "eaeu-case"
EXTRACT_CURSOR = "eaeu-extract"
ENTRY_OFFSET_CURSOR = "eaeu-entry-at"


def _viewer_parties(info: Info) -> set[int]:
    return caller_parties(info.context.viewer)


def _entry_visibility(info: Info) -> Any:
    """Published entries; all for officials; plus the caller's own entries."""
    return caller_scope(info.context.viewer)[0]


def _page_sizes(info: Info, first: int | None, last: int | None) -> tuple[int | None, int | None]:
    return page_sizes(info.context.runtime.settings, first, last)


def _entry(row: Any, *, as_of: dt.date | None = None, status: str | None = None,
           status_date: dt.date | None = None) -> EaeuRegisterEntry:
    fields = object_fields(row)
    if as_of is not None:
        fields.update(status=status, status_date=status_date)
    return EaeuRegisterEntry(**fields, _as_of=as_of)


@strawberry.type(name="EaeuEntryConnection", description="A page of the EAEU register.")
class EaeuEntryConnection(Connection[EaeuRegisterEntry]):
    export_query: strawberry.Private[str] = ""

    @strawberry.field(description="P.SP.01.PRC.012: the path (on this server) of the whole "
                      "result set, every page, as a CSV file (UTF-8 with a byte-order mark; "
                      "published items of Appendix 1 as columns), streamed. Send the same "
                      "credentials.")
    def csv_url(self) -> str:
        return EXPORT.url("csv", self.export_query)

    @strawberry.field(description="P.SP.01.PRC.012: the path of the whole result set as an "
                      "XLSX workbook (published items of Appendix 1 as columns).")
    def xlsx_url(self) -> str:
        return EXPORT.url("xlsx", self.export_query)


@strawberry.input(description="P.SP.01.PRC.012: filters of the register; every item given "
                  "must hold. Text items match a part of the value, case-insensitively (on "
                  "SQLite in Latin script only; the `search` field matches across scripts "
                  "and with typos).")
class EaeuEntryFilter:
    registration_number: str | None = strawberry.field(
        default=None, description="Part of the registration number (T1 5.1), e.g. "
        "`00042/TZ` (Latin or Cyrillic kind code).")
    kind: str | None = strawberry.field(
        default=None, description="АП/СП/ТЗ, AP/SP/TZ or trademark/copyright_object/... "
        "(T1 5.1.2).")
    name: str | None = strawberry.field(
        default=None, description="Part of the name of the IP object (T1 5.2).")
    keyword: str | None = strawberry.field(
        default=None, description="Part of a keyword or its transliteration (T1 5.3; not "
        "published: finds only entries whose keywords the caller may read).")
    holder: str | None = strawberry.field(
        default=None, description="Part of the name of a right holder (T1 3).")
    holder_country: str | None = strawberry.field(
        default=None, description="Country of a right holder, ISO 3166 alpha-2 (T2 1).")
    representative: str | None = strawberry.field(
        default=None, description="Part of the name of the representative (T1 4).")
    cn_fea: str | None = strawberry.field(
        default=None, description="Start of a CN FEA EAEU code (T1 6.2).")
    nice_class: int | None = strawberry.field(
        default=None, description="A Nice class (T1 6.3.1).")
    status: str | None = strawberry.field(
        default=None, description="Current status (with `asOf`: the status on that day). T1 8 "
        "is not published: finds only entries whose status the caller may read.")
    included_from: dt.date | None = strawberry.field(
        default=None, description="Included on or after this day (T1 5.1.4).")
    included_to: dt.date | None = strawberry.field(
        default=None, description="Included on or before this day (T1 5.1.4).")
    expires_from: dt.date | None = strawberry.field(
        default=None, description="The last protection period (T1 5.9.2) ends on or after "
        "this day.")
    expires_to: dt.date | None = strawberry.field(
        default=None, description="The last protection period (T1 5.9.2) ends on or before "
        "this day.")
    protected_on: dt.date | None = strawberry.field(
        default=None, description="A protection period (T1 5.9) covers this day.")

    def value(self) -> EntryFilter:
        return EntryFilter(**{name: getattr(self, name) for name in EntryFilter.__dataclass_fields__
                              if name != "as_of"})


EaeuEntrySort = strawberry.enum(
    EntrySort, name="EaeuEntrySort",
    description="Sort orders of the register; each ends with the record number. Entries "
                "without an expiry date (no protection period) come last.")


@strawberry.type(name="EaeuCaseConnection", description="A page of EAEU cases, newest first.")
class EaeuCaseConnection(Connection[EaeuCase]):
    pass


@strawberry.type(description="A configured time limit of the EAEU procedures (digest §3.5).")
class EaeuTerm:
    key: str = strawberry.field(description="Key of the term (IPREG_EAEU_TERMS).")
    duration: str = strawberry.field(description="E.g. `10 working days`.")
    legal_basis: str = strawberry.field(description="The rule that sets it (mostly the "
                                        "Regulations, EEC Board Decision No. 35).")
    applies_to: str = strawberry.field(description="The transactions it governs.")
    source: str = strawberry.field(description="Where the value comes from: the seeds, a "
                                   "public source outside them, or a provisional default.")
    _names: strawberry.Private[dict[str, str]]

    @strawberry.field(description="Name in the requested language.")
    def name(self, info: Info, lang: str | None = None) -> str:
        return localized(self._names, info.context.language(lang), self.key)


@strawberry.type(description="What the Commission may decide when the Regs item 25 term "
                 "expired and an authorized body did not answer (digest §2.2.3 [Gap]); "
                 "chosen with IPREG_EAEU_ON_CCA_SILENCE.")
class EaeuSilencePolicy:
    key: str = strawberry.field(description="Value of IPREG_EAEU_ON_CCA_SILENCE.")
    in_force: bool = strawberry.field(description="The policy configured now (a case keeps "
                                      "the one in force when its term expired, "
                                      "`data.silencePolicy`).")
    allows: list[str] = strawberry.field(description="The decisions it allows: "
                                         "`P.SP.01.OPR.017` refusal, `P.SP.01.OPR.018` "
                                         "inclusion possible.")
    description: str = strawberry.field(description="What it means.")
    legal_basis: str = strawberry.field(description="The rules it fills the gap of.")
    source: str = strawberry.field(description="Why it is configuration (provisional).")


@strawberry.type(description="Date and time of the last update of the register and of the "
                 "goods-turnover data (P.SP.01.PRC.008).")
class EaeuUpdateTimes:
    register_updated_at: dt.datetime | None = strawberry.field(
        description="Last change of the register (inclusion, change, prolongation, exclusion).")
    turnover_updated_at: dt.datetime | None = strawberry.field(
        description="Last change of goods-turnover data.")
    register_position: int = strawberry.field(description="Change-feed position of the last "
                                              "register change (for PRC.009).")
    turnover_position: int = strawberry.field(description="Change-feed position of the last "
                                              "turnover change (for PRC.010).")
    sync_interval_hours: int = strawberry.field(description="An authorized body asks for "
                                                "changes at least this often (R174 p.13(3)).")


@strawberry.type(description="A change of the register or of turnover data (PRC.009/010).")
class EaeuChange:
    position: int = strawberry.field(description="Position in the change feed: gap-free, "
                                     "commit order; pass the last one as `after`.")
    committed_at: dt.datetime = strawberry.field(description="When it was committed (UTC).")
    object_id: relay.GlobalID = strawberry.field(
        description="Global ID of the IP object, an `EaeuRegisterEntry` (`replicaRows` key "
        "their rows by the database id it holds).")
    data: JSON = strawberry.field(description="The change: registration number, status, "
                                  "periods (register) or the goods items (turnover).")


@strawberry.type(description="A page of register or turnover changes.")
class EaeuChangePage:
    changes: list[EaeuChange] = strawberry.field(description="Changes, in commit order.")
    end_position: int = strawberry.field(description="Pass as `after` for the next page.")
    has_more: bool = strawberry.field(description="Are there more changes after this page?")

    @strawberry.field(description="For exact replicas (`ipreg eaeu sync`, PRC.009/010): the "
                      "current rows of every entry changed in this page, read after the "
                      "changes — the IP object with its keywords, parties, goods, right terms, "
                      "documents and status history, the parties, documents and file metadata "
                      "it refers to, the entry, protection periods and turnover data — as "
                      "`{format, objectIds, removed, tables: {table: [row]}}`; `removed` are "
                      "ids no longer in the register. Applying them replaces a copy's rows of "
                      "those entries, so applying a page twice changes nothing.")
    async def replica_rows(self, info: Info) -> JSON:
        from ipreg.plugins.eaeu.replica import collect

        return JSON(await collect(info.context.reader.rows,
                                  [int(change.object_id.node_id) for change in self.changes]))


async def _changes(info: Info, entity: str, after: int, first: int) -> EaeuChangePage:
    if not is_official(info.context.viewer):
        from ipreg.core.errors import Forbidden

        raise Forbidden("the change sets are for the authorized bodies and the Commission "
                        "(R174 p.12(9), p.13(3))")
    check_feed_page(after, first)
    rows = await info.context.reader.rows(
        select(ChangeEvent.position, ChangeEvent.committed_at, ChangeEvent.entity_id,
               ChangeEvent.payload)
        .where(ChangeEvent.entity == entity, ChangeEvent.position > after)
        .order_by(ChangeEvent.position).limit(first + 1))
    page = rows[:first]
    return EaeuChangePage(
        changes=[EaeuChange(position=r.position, committed_at=r.committed_at,
                            object_id=global_id(OBJECT_TYPE, r.entity_id),
                            data=JSON(r.payload)) for r in page],
        end_position=page[-1].position if page else after, has_more=len(rows) > first)


@strawberry.type(description="An issued extract from the register (P.SP.01.PRC.011): a "
                 "numbered document with its issuing body, a QR code of its public "
                 "verification URL, and a PAdES signature when the server has a signing key.")
class EaeuExtract:
    number: str = strawberry.field(description="The extract's number (`2026-000042`: year "
                                   "and sequence).")
    verification_code: str = strawberry.field(description="HMAC of the content: printed on "
                                              "the extract; the public verification URL "
                                              "and `ipreg eaeu verify-extract` check it.")
    generated_at: dt.datetime = strawberry.field(description="When it was issued (UTC, to "
                                                 "the second).")
    verify_url: str = strawberry.field(description="The public verification URL (in the QR "
                                       "code): anyone may open it to learn whether this "
                                       "extract was issued and what it certified.")
    pdf_url: str = strawberry.field(description="Where the PDF can be downloaded (GET, for "
                                    "those who may read `eaeuExtracts` of the entry).")
    content: JSON = strawberry.field(description="The extract as JSON (full record, status "
                                     "history, names in the document's language).")
    _pdf: strawberry.Private[Any]

    @classmethod
    def of(cls, made: Any) -> EaeuExtract:
        """The extract ``made`` (:class:`ipreg.plugins.eaeu.extract.Extract`, issued: with
        its number and verification page)."""
        assert made.number is not None and made.verify_url is not None
        page = made.payload["verification"]["page"]
        return cls(number=made.number, verification_code=made.code,
                   content=JSON(made.as_json()),
                   generated_at=dt.datetime.fromisoformat(made.payload["issuedAt"]),
                   verify_url=made.verify_url,
                   pdf_url=f"{page.removesuffix('/verify')}.pdf", _pdf=made)

    @strawberry.field(description="The extract as PDF, base64-encoded (signed when the "
                      "server has a signing key).")
    async def pdf_base64(self) -> str:
        import asyncio
        import base64

        from ipreg.plugins.eaeu.extract import ExtractSettings, PdfSigner, render_document

        signer = await asyncio.to_thread(PdfSigner.load, ExtractSettings.from_env())
        pdf = await asyncio.to_thread(render_document, self._pdf, signer)
        return base64.b64encode(pdf).decode()


async def entitled_to_extracts(info: Info, registration_number: str) -> int:
    """The object of entry ``registration_number`` (NOT_FOUND if none), if the caller
    may receive its extracts (R148 p.18: the entry's own applicant, right holders and
    representative, and officials); FORBIDDEN otherwise."""
    from ipreg.core.errors import Forbidden
    from ipreg.plugins.eaeu.extract import entry_object_id
    from ipreg.plugins.eaeu.graphql.visibility import sees_private

    async with info.context.runtime.sessionmaker() as session:
        object_id = await entry_object_id(session, parse_number(registration_number))
    if not await sees_private(info, object_id):
        raise Forbidden("an extract is for the entry's own applicant, right holders and "
                        "representative, and for officials (R148 p.18)")
    return object_id


def _extract_position(row: Any) -> int:
    """The cursor value of an extract: its number ``2026-000042`` as 2026000042."""
    return int(str(row.number).replace("-", ""))


def _extract_number(position: int) -> str:
    """The number of the extract at cursor value ``position`` (2026000042 -> 2026-000042)."""
    text = str(position)
    return f"{text[:-6]}-{text[-6:]}"


@strawberry.type(name="EaeuExtractConnection",
                 description="A page of the issued extracts of an entry, newest first.")
class EaeuExtractConnection(Connection[EaeuExtract]):
    pass


@strawberry.type
class EaeuQuery:
    @strawberry.field(description="One entry of the EAEU register by its registration number "
                      "(`00042/TZ/0007`; the Cyrillic `00042/ТЗ/0007` works too); null if "
                      "there is none the caller may see.")
    async def eaeu_entry(
        self, info: Info,
        registration_number: Annotated[str, strawberry.argument(
            description="R174 A1 T1 5.1.1/5.1.2/5.1.3, e.g. 00042/TZ/0007.")],
    ) -> EaeuRegisterEntry | None:
        number = parse_number(registration_number)
        conditions = [EaeuEntry.sequence_number == number.sequence_number,
                      EaeuEntry.kind_code == number.kind,
                      EaeuEntry.decision_number == number.decision_number]
        visible = _entry_visibility(info)
        if visible is not None:
            conditions.append(visible)
        rows = await info.context.reader.rows(
            select(*OBJECT_COLUMNS).join(EaeuEntry, EaeuEntry.object_id == ObjectRow.id)
            .where(*conditions).limit(1))
        return _entry(rows[0]) if rows else None

    @strawberry.field(description="The EAEU register in pages (P.SP.01.PRC.012: search with "
                      "filters and sorting; `csvUrl`/`xlsxUrl` export the whole result set). "
                      "With `asOf`: the register on that day — the entries in force then, with "
                      "the status (from the status history, T1 8) and protection periods "
                      "(T1 5.9) of that day. Anonymous callers get published entries only; "
                      "right holders, representatives and applicants also their own.")
    async def eaeu_entries(
        self, info: Info,
        as_of: Annotated[dt.date | None, strawberry.argument(
            description="The day the register is shown as of.")] = None,
        filter: Annotated[EaeuEntryFilter | None, strawberry.argument(
            description="Filters (PRC.012).")] = None,
        sort: Annotated[EntrySort, strawberry.argument(
            description="Sort order.")] = EntrySort.REGISTRATION_NUMBER,
        descending: Annotated[bool, strawberry.argument(
            description="Reverse the sort order.")] = False,
        kind: Annotated[str | None, strawberry.argument(
            description="Shortcut for `filter: {kind}`.")] = None,
        name: Annotated[str | None, strawberry.argument(
            description="Shortcut for `filter: {name}`.")] = None,
        holder: Annotated[str | None, strawberry.argument(
            description="Shortcut for `filter: {holder}`.")] = None,
        cn_fea: Annotated[str | None, strawberry.argument(
            description="Shortcut for `filter: {cnFea}`.")] = None,
        nice_class: Annotated[int | None, strawberry.argument(
            description="Shortcut for `filter: {niceClass}`.")] = None,
        first: Annotated[int | None, strawberry.argument(
            description="Page size (default 20, at most 100).")] = None,
        after: Annotated[str | None, strawberry.argument(
            description="Cursor of the last entry of the previous page.")] = None,
        last: Annotated[int | None, strawberry.argument(
            description="Backward: page size (at most 100).")] = None,
        before: Annotated[str | None, strawberry.argument(
            description="Backward: cursor of the first entry of the next page.")] = None,
    ) -> EaeuEntryConnection:
        first, last = _page_sizes(info, first, last)
        entry_filter = (filter.value() if filter else EntryFilter()).merged(
            as_of=as_of, kind=kind, name=name, holder=holder, cn_fea=cn_fea,
            nice_class=nice_class)
        visible, readable = caller_scope(info.context.viewer)
        query = build(entry_filter, visible=visible, private_readable=readable)
        rows = (select(*OBJECT_COLUMNS, EaeuEntry.sequence_number,
                       query.status.label("as_of_status"), query.status_date.label("as_of_date"))
                .join(EaeuEntry, EaeuEntry.object_id == ObjectRow.id)
                .where(and_(*query.conditions)))
        reader = info.context.reader
        if sort is EntrySort.REGISTRATION_NUMBER:  # resumes at the record number
            number = EaeuEntry.sequence_number
            page = await keyset_page(
                reader, rows, kind=ENTRY_CURSOR, first=first, after=after, last=last,
                before=before, key=number, descending=descending,
                position=lambda r: int(r.sequence_number), key_value=lambda n: f"{n:05d}")
        else:
            page = await offset_page(reader, rows, kind=ENTRY_OFFSET_CURSOR, first=first,
                                     after=after, last=last, before=before,
                                     order_by=order_by(sort, descending))
        return EaeuEntryConnection.from_page(
            page, lambda r: _entry(r, as_of=entry_filter.as_of, status=r.as_of_status,
                                   status_date=_as_date(r.as_of_date)),
            export_query=PARAMETERS.query_string(entry_filter, sort, descending))

    @strawberry.field(description="One EAEU case, if the caller may see it (officials of "
                      "`eaeu`, the authorized bodies, the case's own applicant).")
    async def eaeu_case(self, info: Info,
                        id: Annotated[relay.GlobalID, strawberry.argument(
                            description="Global ID of the case (as `EaeuCase` or `Case`).")]
                        ) -> EaeuCase | None:
        case_id = database_id_of(info, id, "RegisterCase", "id")
        return (await EaeuCase.resolve_nodes(info=info, node_ids=[str(case_id)]))[0]

    @strawberry.field(description="EAEU cases the caller may see, newest first.")
    async def eaeu_cases(
        self, info: Info,
        procedure: Annotated[str | None, strawberry.argument(
            description="Procedure code, e.g. P.SP.01.PRC.001.")] = None,
        state: Annotated[str | None, strawberry.argument(description="State.")] = None,
        first: Annotated[int | None, strawberry.argument(
            description="Page size (default 20, at most 100).")] = None,
        after: Annotated[str | None, strawberry.argument(
            description="Cursor: `endCursor` of the previous page.")] = None,
        last: Annotated[int | None, strawberry.argument(
            description="Backward: page size (at most 100).")] = None,
        before: Annotated[str | None, strawberry.argument(
            description="Backward: `startCursor` of the next page.")] = None,
    ) -> EaeuCaseConnection:
        first, last = _page_sizes(info, first, last)
        conditions: list[Any] = [CaseRow.jurisdiction == "eaeu"]
        if not is_official(info.context.viewer):
            parties = _viewer_parties(info)
            if not parties:
                conditions.append(literal(False))
            else:
                conditions.append(CaseRow.applicant_id.in_(parties))
        if procedure:
            conditions.append(CaseRow.procedure == procedure)
        if state:
            conditions.append(CaseRow.state == state)
        page = await keyset_page(
            info.context.reader, select(CaseRow.__table__).where(and_(*conditions)),
            kind=CASE_CURSOR, first=first, after=after, last=last, before=before,
            key=CaseRow.id, descending=True)
        return EaeuCaseConnection.from_page(page, EaeuCase.from_row)

    @strawberry.field(description="P.SP.01.PRC.011: the extracts already issued of an "
                      "entry (`eaeuIssueExtract` issues one), newest first, for the entry's "
                      "own right holders, representative and applicant and for officials "
                      "(R148 p.18): FORBIDDEN for others. Reading them issues nothing.")
    async def eaeu_extracts(
        self, info: Info,
        registration_number: Annotated[str, strawberry.argument(
            description="e.g. 00042/TZ/0007.")],
        first: Annotated[int | None, strawberry.argument(
            description="Forward: page size (at most 100).")] = None,
        after: Annotated[str | None, strawberry.argument(
            description="Forward: `endCursor` of the previous page.")] = None,
        last: Annotated[int | None, strawberry.argument(
            description="Backward: page size (at most 100).")] = None,
        before: Annotated[str | None, strawberry.argument(
            description="Backward: `startCursor` of the next page.")] = None,
    ) -> EaeuExtractConnection:
        from ipreg.plugins.eaeu.extract import Extract
        from ipreg.plugins.eaeu.models import EaeuExtractRecord

        number = parse_number(registration_number)
        first, last = _page_sizes(info, first, last)
        await entitled_to_extracts(info, registration_number)
        page = await keyset_page(
            info.context.reader, select(EaeuExtractRecord.__table__).where(
                EaeuExtractRecord.registration_number == number.display),
            kind=EXTRACT_CURSOR, first=first, after=after, last=last, before=before,
            key=EaeuExtractRecord.number, descending=True, position=_extract_position,
            key_value=_extract_number)
        return EaeuExtractConnection.from_page(
            page, lambda row: EaeuExtract.of(Extract(row.content, row.verification_code)))

    @strawberry.field(description="The time limits of the EAEU procedures as configured, each "
                      "with its legal reference and where its value comes from.")
    def eaeu_terms(self) -> list[EaeuTerm]:
        return [EaeuTerm(key=t.key, duration=t.duration.describe(), legal_basis=t.legal_basis,
                         applies_to=t.applies_to, source=t.source,
                         _names=dict(t.names)) for t in terms().values()]

    @strawberry.field(description="The policies for an authorized body's silence after the "
                      "Regs item 25 term, with their legal reference; the default waits for "
                      "the Commission official's decision.")
    def eaeu_silence_policies(self) -> list[EaeuSilencePolicy]:
        current = on_cca_silence().key
        return [EaeuSilencePolicy(key=p.key, in_force=p.key == current, allows=sorted(p.allows),
                                  description=p.description, legal_basis=p.legal_basis,
                                  source=p.source) for p in SILENCE_POLICIES.values()]

    @strawberry.field(description="P.SP.01.PRC.008: date and time of the last update of the "
                      "register and of the turnover data, for officials and the authorized "
                      "bodies (R174 p.12(9)): FORBIDDEN for others.")
    async def eaeu_update_times(self, info: Info) -> EaeuUpdateTimes:
        if not is_official(info.context.viewer):
            from ipreg.core.errors import Forbidden

            raise Forbidden("for the authorized bodies and the Commission (R174 p.12(9))")
        rows = await info.context.reader.rows(
            select(ChangeEvent.entity, func.max(ChangeEvent.position).label("position"),
                   func.max(ChangeEvent.committed_at).label("at"))
            .where(ChangeEvent.entity.in_(("eaeu_entry", "eaeu_turnover")))
            .group_by(ChangeEvent.entity))
        found = {r.entity: r for r in rows}
        reg, turn = found.get("eaeu_entry"), found.get("eaeu_turnover")
        return EaeuUpdateTimes(
            register_updated_at=_as_datetime(reg.at) if reg else None,
            turnover_updated_at=_as_datetime(turn.at) if turn else None,
            register_position=reg.position if reg else 0,
            turnover_position=turn.position if turn else 0,
            sync_interval_hours=CCA_SYNC_INTERVAL_HOURS)

    @strawberry.field(description="P.SP.01.PRC.009: changes (additions) of the register after "
                      "a change-feed position, for the authorized bodies' copies (R174 p.12(9), "
                      "p.13(3)): FORBIDDEN for others.")
    async def eaeu_register_changes(
        self, info: Info,
        after: Annotated[int, strawberry.argument(description="Last position received.")] = 0,
        first: Annotated[int, strawberry.argument(description="At most 1000.")] = 100,
    ) -> EaeuChangePage:
        return await _changes(info, "eaeu_entry", after, first)

    @strawberry.field(description="P.SP.01.PRC.010: changes of the goods-turnover data after a "
                      "change-feed position, for the authorized bodies' copies (R174 p.12(9), "
                      "p.13(3)): FORBIDDEN for others.")
    async def eaeu_turnover_changes(
        self, info: Info,
        after: Annotated[int, strawberry.argument(description="Last position received.")] = 0,
        first: Annotated[int, strawberry.argument(description="At most 1000.")] = 100,
    ) -> EaeuChangePage:
        return await _changes(info, "eaeu_turnover", after, first)


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _as_datetime(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
