"""The embedded index: an inverted index of precomputed terms in one SQLite file.

Why not FTS5: the search forms are computed in Python already (folded,
romanised, skeletons), so a tokenizer has nothing left to do; and FTS5 cannot
count or facet a very common word quickly (``ORDER BY rank`` over a common
term took 559 ms at a million rows) nor restrict a match to the fields a caller
may see. This index stores, per term, the set of document numbers per field,
as a sorted ``uint32`` array or a bitmap (:mod:`.bits`), and evaluates a query
with C-speed set algebra: a very common word costs a few bitmap operations,
and ``total`` and facets are exact.

Layout (``<g>``: the index generation, so a rebuild writes new tables and
switches ``meta.active`` in one transaction):

``meta(key, value)``
    ``schema``, ``active`` (the generation searches use), ``generation`` (a
    counter bumped by every write, so readers know when cached facets are stale);
``doc_<g>(docno, object_id, version, deleted, jurisdiction, kind, status, published,
public, stored)``
    one row per object (``docno``: a dense number for the bitmaps; a deleted
    object keeps a tombstone so an older version is never written over it);
``term_<g>(key, gen, post)``
    a word term, ``\\x02`` + a value term or ``\\x01`` + a skeleton term -> per field code, the
    set of document numbers, and the write generation that last changed it
    (readers cache large decoded postings by it; a Cyrillic or Armenian skeleton that is one of the
    same field's words is not stored twice: a phonetic look-up of such a
    skeleton reads the word's postings too);
``fuzzy_<g>(hash, skel)``
    each Latin skeleton term and its deletions of one letter after the first
    (two letters from six letters on), hashed (64 bits), for typo look-ups:
    symmetric deletion, as in SymSpell: a query word's own deletions meet the
    stored ones whenever the two are within the allowed edits (the rules of
    both backends: :mod:`ipreg.search.typos`);
``facet_<g>(name, gen, bits)``
    bitmaps: ``live``, ``j:<jurisdiction>``, ``k:<kind>``, ``s:<status>`` and
    ``p:<field>`` (published objects whose ``<field>`` is public); readers keep
    them in memory and reload the rows whose ``gen`` moved;
``field_<g>(code, name)``
    field names to the small codes used in postings.

Connections: the stdlib ``sqlite3``, one per thread, every statement of a search
in one read transaction (WAL: readers never wait for the writer). Writes go
through ``BEGIN IMMEDIATE``, so two writers (two indexers, an indexer and a
rebuild) take turns and each re-reads the stored versions it compares against.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import struct
import threading
import time
import zlib
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import orjson

from ipreg.search import typos
from ipreg.search.backend import IndexDocument, SearchQuery, SearchResult
from ipreg.search.matching import (
    CANDIDATES,
    MAX_PREFIX_EXPANSIONS,
    MAX_WINDOW,
    NAME,
    STORED_VERSION,
    Candidate,
    FieldTerms,
    QueryPlan,
    StoredForms,
    filter_terms,
    index_terms,
    plan_query,
    rank,
    stored_forms,
    visible_fields,
)

from . import bits
from .bits import EMPTY, AnySet, Bits

SCHEMA: Final = "1"
SKELETON_PREFIX: Final = "\x01"
VALUE_PREFIX: Final = "\x02"
PAGE_SIZE: Final = 8192
#: Bound parameters per statement (SQLite's default limit is 32766; stay modest).
CHUNK: Final = 500
FACET_KINDS: Final = (("jurisdiction", "j:"), ("kind", "k:"), ("status", "s:"))
_HEADER: Final = struct.Struct("<HBI")
_TOP: Final = "\U0010ffff"


def variant_hash(variant: str) -> int:
    """A stable signed 64-bit hash (Python's ``hash`` of a string changes per process)."""
    digest = hashlib.blake2b(variant.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def fuzzy_rows(skel: str) -> list[tuple[int, str]]:
    """The ``fuzzy`` rows of one skeleton term: its typo-dictionary entries
    (:func:`ipreg.search.typos.entries`; none unless Latin and of fuzzy length), hashed."""
    if not typos.has_entries(skel):
        return []
    return [(variant_hash(v), skel) for v in typos.entries(skel)]


def _pack(stored: StoredForms) -> bytes:
    raw = orjson.dumps(stored)
    if len(raw) > 200:
        return b"z" + zlib.compress(raw, 1)
    return b"j" + raw


def _unpack(blob: bytes) -> StoredForms:
    if blob[:1] == b"z":
        data: StoredForms = orjson.loads(zlib.decompress(blob[1:]))
    else:
        data = orjson.loads(blob[1:])
    return data


def encode_post(fields: Mapping[int, Iterable[int]], universe: int) -> bytes:
    out = bytearray()
    for code in sorted(fields):
        encoding, data = bits.encode(fields[code], universe)
        if not data:
            continue
        out += _HEADER.pack(code, encoding, len(data))
        out += data
    return bytes(out)


def decode_post(blob: bytes | None) -> dict[int, AnySet]:
    fields: dict[int, AnySet] = {}
    if not blob:
        return fields
    offset = 0
    view = memoryview(blob)
    while offset < len(blob):
        code, encoding, length = _HEADER.unpack_from(blob, offset)
        offset += _HEADER.size
        fields[code] = bits.decode(encoding, bytes(view[offset : offset + length]))
        offset += length
    return fields


@dataclass(frozen=True)
class Tables:
    """The table names of one index generation."""

    generation: int

    @property
    def doc(self) -> str:
        return f"doc_{self.generation}"

    @property
    def term(self) -> str:
        return f"term_{self.generation}"

    @property
    def fuzzy(self) -> str:
        return f"fuzzy_{self.generation}"

    @property
    def facet(self) -> str:
        return f"facet_{self.generation}"

    @property
    def field(self) -> str:
        return f"field_{self.generation}"

    def create(self, conn: sqlite3.Connection) -> None:
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {self.doc} (docno INTEGER PRIMARY KEY, "
            "object_id INTEGER NOT NULL UNIQUE, version INTEGER NOT NULL, "
            "deleted INTEGER NOT NULL DEFAULT 0, jurisdiction TEXT, kind TEXT, status TEXT, "
            "published INTEGER, public TEXT, stored BLOB)"
        )
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {self.term} (key TEXT PRIMARY KEY, "
            "gen INTEGER NOT NULL DEFAULT 0, post BLOB NOT NULL) WITHOUT ROWID"
        )
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {self.fuzzy} (hash INTEGER NOT NULL, skel TEXT NOT NULL, "
            "PRIMARY KEY (hash, skel)) WITHOUT ROWID"
        )
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {self.facet} (name TEXT PRIMARY KEY, "
            "gen INTEGER NOT NULL, bits BLOB NOT NULL)"
        )
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {self.field} (code INTEGER PRIMARY KEY, "
            "name TEXT NOT NULL UNIQUE)"
        )

    def drop(self, conn: sqlite3.Connection) -> None:
        for name in (self.doc, self.term, self.fuzzy, self.facet, self.field):
            conn.execute(f"DROP TABLE IF EXISTS {name}")


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


@dataclass
class _Snapshot:
    """What a reader caches of one index generation: facets and field codes."""

    active: int
    generation: int
    facets: dict[str, Bits]
    fields: dict[str, int]

    @property
    def tables(self) -> Tables:
        return Tables(self.active)


@dataclass
class _DocRow:
    docno: int
    object_id: int
    version: int
    deleted: bool
    jurisdiction: str | None
    kind: str | None
    status: str | None
    published: bool
    public: tuple[str, ...]
    stored: StoredForms | None


@dataclass
class _Prepared:
    doc: IndexDocument
    stored: StoredForms
    terms: dict[str, tuple[set[str], set[str]]]
    public: tuple[str, ...] = field(default_factory=tuple)


def prepare_document(doc: IndexDocument) -> _Prepared:
    """Stored forms and terms of one document (the CPU-heavy part of indexing)."""
    stored = stored_forms(doc)
    terms = {name: _keys(t) for name, t in index_terms(stored).items()}
    return _Prepared(doc, stored, terms, tuple(sorted(doc.public_fields)))


def _keys(terms: FieldTerms) -> tuple[set[str], set[str]]:
    """The term keys of one field: words and values, and the skeletons not stored
    as words."""
    skeletons = {
        SKELETON_PREFIX + s
        for s in terms.skeletons
        if s.isascii() or s not in terms.words
    }
    return terms.words | {VALUE_PREFIX + v for v in terms.values}, skeletons


def _facet_names(
    jurisdiction: str | None,
    kind: str | None,
    status: str | None,
    published: bool,
    public: Iterable[str],
) -> set[str]:
    names = {"live", f"j:{jurisdiction}", f"k:{kind}", f"s:{status}"}
    if published:
        names.update(f"p:{name}" for name in public)
    return names


class EmbeddedIndex:
    """The synchronous index over one SQLite file (see the module docstring)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._snapshot: _Snapshot | None = None
        self._connections: list[sqlite3.Connection] = []
        self._stored = StoredCache()
        self._postings = PostingsCache()

    # ------------------------------------------------------------ connections

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                self.path, timeout=60.0, isolation_level=None, check_same_thread=False
            )
            conn.execute(f"PRAGMA page_size={PAGE_SIZE}")  # takes effect in a new file only
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA busy_timeout=60000")
            conn.execute("PRAGMA cache_size=-65536")
            conn.execute("PRAGMA mmap_size=268435456")
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    @contextlib.contextmanager
    def _read(self) -> Iterator[tuple[sqlite3.Connection, _Snapshot]]:
        conn = self._conn()
        conn.execute("BEGIN")
        try:
            yield conn, self._current(conn)
        finally:
            conn.execute("COMMIT")

    @contextlib.contextmanager
    def _write(self) -> Iterator[tuple[sqlite3.Connection, Tables, int]]:
        """A write transaction on the active tables; yields the new write generation."""
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            active, generation = self._meta(conn)
            generation += 1
            conn.execute(
                "UPDATE meta SET value = ? WHERE key = 'generation'", (str(generation),)
            )
            yield conn, Tables(active), generation
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            connections, self._connections = self._connections, []
        for conn in connections:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
        self._local = threading.local()
        self._snapshot = None

    # ------------------------------------------------------------ schema

    def prepare(self, check_schema: bool = True) -> None:
        """Create the file and the first generation's tables if missing.

        An index written by another layout version (``meta.schema``) cannot be
        read: that is an error unless ``check_schema`` is false (a rebuild, which
        replaces it).
        """
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            have = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            if check_schema and have.get("schema") not in (None, SCHEMA):
                raise RuntimeError(
                    f"{self.path} holds a search index of layout {have['schema']}, "
                    f"this version reads {SCHEMA}: run `ipreg search reindex`"
                )
            if "active" not in have:
                conn.executemany(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                    [("schema", SCHEMA), ("active", "1"), ("generation", "1")],
                )
                Tables(1).create(conn)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @staticmethod
    def _meta(conn: sqlite3.Connection) -> tuple[int, int]:
        rows = dict(
            conn.execute(
                "SELECT key, value FROM meta WHERE key IN ('active', 'generation')"
            ).fetchall()
        )
        if "active" not in rows:
            raise RuntimeError("the search index is not prepared")
        return int(rows["active"]), int(rows["generation"])

    def _current(self, conn: sqlite3.Connection) -> _Snapshot:
        """The facets and fields as of the read transaction's snapshot."""
        active, generation = self._meta(conn)
        cached = self._snapshot
        if cached is not None and cached.active == active and cached.generation == generation:
            return cached
        tables = Tables(active)
        if cached is not None and cached.active == active and cached.generation < generation:
            facets = dict(cached.facets)
            rows = conn.execute(
                f"SELECT name, bits FROM {tables.facet} WHERE gen > ?", (cached.generation,)
            )
        else:
            facets = {}
            rows = conn.execute(f"SELECT name, bits FROM {tables.facet}")
        for name, blob in rows:
            facets[name] = Bits(int.from_bytes(blob, "little"))
        fields = dict(conn.execute(f"SELECT name, code FROM {tables.field}").fetchall())
        snapshot = _Snapshot(active, generation, facets, fields)
        with self._lock:
            current = self._snapshot
            if current is None or (current.active, current.generation) < (active, generation):
                self._snapshot = snapshot
        return snapshot

    # ------------------------------------------------------------ writing

    def _field_codes(self, conn: sqlite3.Connection, tables: Tables, names: Iterable[str]) -> (
        dict[str, int]
    ):
        codes = dict(conn.execute(f"SELECT name, code FROM {tables.field}").fetchall())
        for name in sorted(set(names) - set(codes)):
            code = max(codes.values(), default=0) + 1
            conn.execute(f"INSERT INTO {tables.field} (code, name) VALUES (?, ?)", (code, name))
            codes[name] = code
        return codes

    @staticmethod
    def _doc_rows(
        conn: sqlite3.Connection, tables: Tables, ids: Sequence[int], with_stored: bool = True
    ) -> dict[int, _DocRow]:
        out: dict[int, _DocRow] = {}
        stored_column = "stored" if with_stored else "NULL"
        for chunk in _chunks(list(ids)):
            rows = conn.execute(
                f"SELECT docno, object_id, version, deleted, jurisdiction, kind, status, "
                f"published, public, {stored_column} FROM {tables.doc} "
                f"WHERE object_id IN ({_marks(len(chunk))})",
                chunk,
            )
            for row in rows:
                out[row[1]] = _DocRow(
                    docno=row[0],
                    object_id=row[1],
                    version=row[2],
                    deleted=bool(row[3]),
                    jurisdiction=row[4],
                    kind=row[5],
                    status=row[6],
                    published=bool(row[7]),
                    public=tuple(row[8].split(",")) if row[8] else (),
                    stored=_unpack(row[9]) if row[9] else None,
                )
        return out

    def upsert(self, documents: Sequence[IndexDocument]) -> int:
        """Write documents whose version is newer than the stored one; returns how many."""
        latest: dict[int, IndexDocument] = {}
        for doc in documents:
            known = latest.get(doc.id)
            if known is None or doc.version > known.version:
                latest[doc.id] = doc
        if not latest:
            return 0
        prepared = [prepare_document(doc) for doc in latest.values()]
        with self._write() as (conn, tables, generation):
            existing = self._doc_rows(conn, tables, list(latest))
            changes = [
                p for p in prepared
                if (row := existing.get(p.doc.id)) is None or row.version < p.doc.version
            ]
            if not changes:
                return 0
            codes = self._field_codes(
                conn, tables, {name for p in changes for name in p.terms}
            )
            term_delta: dict[str, dict[int, tuple[set[int], set[int]]]] = {}
            facet_delta: dict[str, tuple[set[int], set[int]]] = {}
            universe = self._universe(conn, tables)
            for p in changes:
                doc = p.doc
                row = existing.get(doc.id)
                packed = _pack(p.stored)
                values = (
                    doc.version, doc.jurisdiction, doc.kind, doc.status, int(doc.published),
                    ",".join(p.public), packed,
                )
                if row is None:
                    cursor = conn.execute(
                        f"INSERT INTO {tables.doc} (object_id, version, deleted, jurisdiction, "
                        "kind, status, published, public, stored) "
                        "VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)",
                        (doc.id, *values),
                    )
                    docno = int(cursor.lastrowid or 0)
                    universe = max(universe, docno + 1)
                else:
                    docno = row.docno
                    conn.execute(
                        f"UPDATE {tables.doc} SET version = ?, deleted = 0, jurisdiction = ?, "
                        "kind = ?, status = ?, published = ?, public = ?, stored = ? "
                        "WHERE docno = ?",
                        (*values, docno),
                    )
                    self._forget(row, codes, term_delta, facet_delta)
                for name, (words, skels) in p.terms.items():
                    code = codes[name]
                    for key in (*words, *skels):
                        term_delta.setdefault(key, {}).setdefault(code, (set(), set()))[0].add(
                            docno
                        )
                for facet_name in _facet_names(
                    doc.jurisdiction, doc.kind, doc.status, doc.published, p.public
                ):
                    facet_delta.setdefault(facet_name, (set(), set()))[0].add(docno)
            self._apply_terms(conn, tables, term_delta, universe, generation)
            self._apply_facets(conn, tables, facet_delta, generation, universe)
            return len(changes)

    def delete(self, versions: Mapping[int, int]) -> int:
        """Remove objects (id -> version of the deletion) stored at that version or older."""
        if not versions:
            return 0
        with self._write() as (conn, tables, generation):
            existing = self._doc_rows(conn, tables, list(versions))
            term_delta: dict[str, dict[int, tuple[set[int], set[int]]]] = {}
            facet_delta: dict[str, tuple[set[int], set[int]]] = {}
            codes = self._field_codes(conn, tables, ())
            removed = 0
            for object_id, version in versions.items():
                row = existing.get(object_id)
                if row is None:
                    conn.execute(
                        f"INSERT INTO {tables.doc} (object_id, version, deleted) VALUES (?, ?, 1)",
                        (object_id, version),
                    )
                    continue
                if row.version > version or (row.deleted and row.version >= version):
                    continue
                if not row.deleted:
                    self._forget(row, codes, term_delta, facet_delta)
                    removed += 1
                conn.execute(
                    f"UPDATE {tables.doc} SET version = ?, deleted = 1, stored = NULL, "
                    "public = NULL WHERE docno = ?",
                    (version, row.docno),
                )
            universe = self._universe(conn, tables)
            self._apply_terms(conn, tables, term_delta, universe, generation)
            self._apply_facets(conn, tables, facet_delta, generation, universe)
            return removed

    @staticmethod
    def _forget(
        row: _DocRow,
        codes: dict[str, int],
        term_delta: dict[str, dict[int, tuple[set[int], set[int]]]],
        facet_delta: dict[str, tuple[set[int], set[int]]],
    ) -> None:
        """Record the removal of a stored document's terms and facets."""
        if row.deleted:
            return
        if row.stored is not None:
            for name, terms in index_terms(row.stored).items():
                code = codes.get(name)
                if code is None:
                    continue
                words, skeletons = _keys(terms)
                for key in (*words, *skeletons):
                    term_delta.setdefault(key, {}).setdefault(code, (set(), set()))[1].add(
                        row.docno
                    )
        for facet_name in _facet_names(
            row.jurisdiction, row.kind, row.status, row.published, row.public
        ):
            facet_delta.setdefault(facet_name, (set(), set()))[1].add(row.docno)

    @staticmethod
    def _universe(conn: sqlite3.Connection, tables: Tables) -> int:
        top = conn.execute(f"SELECT max(docno) FROM {tables.doc}").fetchone()[0]
        return int(top or 0) + 1

    @staticmethod
    def _apply_terms(
        conn: sqlite3.Connection,
        tables: Tables,
        delta: dict[str, dict[int, tuple[set[int], set[int]]]],
        universe: int,
        generation: int,
    ) -> None:
        keys = sorted(delta)
        new_skeletons: list[str] = []
        gone_skeletons: list[str] = []
        for chunk in _chunks(keys):
            stored = dict(
                conn.execute(
                    f"SELECT key, post FROM {tables.term} WHERE key IN ({_marks(len(chunk))})",
                    chunk,
                ).fetchall()
            )
            writes: list[tuple[str, int, bytes]] = []
            drops: list[tuple[str]] = []
            for key in chunk:
                before = stored.get(key)
                fields = decode_post(before)
                for code, (add, remove) in delta[key].items():
                    docs = bits.minus(fields.get(code, EMPTY), remove - add)
                    docs = bits.or_(docs, add)
                    if docs:
                        fields[code] = docs
                    else:
                        fields.pop(code, None)
                if fields:
                    writes.append((key, generation, encode_post(fields, universe)))
                else:
                    drops.append((key,))
                if key.startswith(SKELETON_PREFIX):
                    if before is None and fields:
                        new_skeletons.append(key[1:])
                    elif before is not None and not fields:
                        gone_skeletons.append(key[1:])
            if writes:
                conn.executemany(
                    f"INSERT OR REPLACE INTO {tables.term} (key, gen, post) VALUES (?, ?, ?)",
                    writes,
                )
            if drops:
                conn.executemany(f"DELETE FROM {tables.term} WHERE key = ?", drops)
        fuzzy_add = [row for s in new_skeletons for row in fuzzy_rows(s)]
        if fuzzy_add:
            conn.executemany(
                f"INSERT OR IGNORE INTO {tables.fuzzy} (hash, skel) VALUES (?, ?)", fuzzy_add
            )
        fuzzy_drop = [row for s in gone_skeletons for row in fuzzy_rows(s)]
        if fuzzy_drop:
            conn.executemany(
                f"DELETE FROM {tables.fuzzy} WHERE hash = ? AND skel = ?", fuzzy_drop
            )

    @staticmethod
    def _apply_facets(
        conn: sqlite3.Connection,
        tables: Tables,
        delta: dict[str, tuple[set[int], set[int]]],
        generation: int,
        universe: int,
    ) -> None:
        names = sorted(delta)
        if not names:
            return
        stored = dict(
            conn.execute(
                f"SELECT name, bits FROM {tables.facet} WHERE name IN ({_marks(len(names))})",
                names,
            ).fetchall()
        )
        writes = []
        for name in names:
            add, remove = delta[name]
            value = int.from_bytes(stored.get(name, b""), "little")
            value &= ~bits.to_int(remove - add)
            value |= bits.to_int(add)
            raw = value.to_bytes((value.bit_length() + 7) // 8, "little")
            writes.append((name, generation, raw))
        conn.executemany(
            f"INSERT OR REPLACE INTO {tables.facet} (name, gen, bits) VALUES (?, ?, ?)", writes
        )

    # ------------------------------------------------------------ reading

    def stored_versions(self, ids: Sequence[int]) -> dict[int, int]:
        """Live object id -> version held, for the ids given."""
        with self._read() as (conn, snapshot):
            rows = self._doc_rows(conn, snapshot.tables, list(ids), with_stored=False)
        return {i: row.version for i, row in rows.items() if not row.deleted}

    def all_versions(self) -> dict[int, int]:
        """Every live object id -> version (for consistency checks and tests)."""
        with self._read() as (conn, snapshot):
            rows = conn.execute(
                f"SELECT object_id, version FROM {snapshot.tables.doc} WHERE deleted = 0"
            ).fetchall()
        return dict(rows)

    def health(self) -> None:
        with self._read() as (conn, snapshot):
            conn.execute(f"SELECT 1 FROM {snapshot.tables.doc} LIMIT 1").fetchall()

    def search(self, query: SearchQuery) -> SearchResult:
        plan = plan_query(query.text, query.field_forms)
        if not plan:
            return SearchResult(0, (), _empty_facets())
        window = min(max(query.offset + query.first, 0), MAX_WINDOW)
        with self._read() as (conn, snapshot):
            return _Search(
                conn, snapshot, query, plan, max(CANDIDATES, window), self._stored,
                self._postings,
            ).run()

    # ------------------------------------------------------------ rebuilding

    def begin_rebuild(self) -> Rebuild:
        """Start building a complete new generation (see :class:`Rebuild`)."""
        return Rebuild(self)


def _empty_facets() -> dict[str, dict[str, int]]:
    return {name: {} for name, _ in FACET_KINDS}


#: Postings at least this long (bytes) are cached decoded.
CACHE_MIN: Final = 4096


class PostingsCache:
    """Decoded large postings (bitmaps of common terms) by (generation, key, write
    generation of the term), least recently used first out, within a byte budget:
    a common word is read and inflated once, not once per search."""

    def __init__(self, budget: int = 96 << 20) -> None:
        self.budget = budget
        self.used = 0
        self._items: OrderedDict[tuple[int, str, int], tuple[dict[int, AnySet], int]] = (
            OrderedDict()
        )
        self._lock = threading.Lock()

    def get(self, key: tuple[int, str, int]) -> dict[int, AnySet] | None:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                return None
            self._items.move_to_end(key)
            return found[0]

    def put(self, key: tuple[int, str, int], fields: dict[int, AnySet], size: int) -> None:
        cost = sum(
            len(d.raw) if isinstance(d, Bits) else 60 * len(d) for d in fields.values()
        ) + size
        with self._lock:
            if key in self._items:
                return
            self._items[key] = (fields, cost)
            self.used += cost
            while self.used > self.budget and self._items:
                _, (_, old) = self._items.popitem(last=False)
                self.used -= old


class StoredCache:
    """Decoded stored forms of recently scored documents, by (generation, docno,
    version): a popular document is decoded once, not once per search.

    Kept as nested tuples of strings, which the garbage collector stops
    tracking: a cache of decoded JSON lists would make every full collection
    walk it (measured: 200 ms pauses).
    """

    def __init__(self, limit: int = 20_000) -> None:
        self.limit = limit
        self._items: dict[tuple[int, int, int], tuple[Any, ...]] = {}

    def get(self, generation: int, docno: int, version: int, blob: bytes) -> StoredForms:
        key = (generation, docno, version)
        found = self._items.get(key)
        if found is None:
            if len(self._items) >= self.limit:
                self._items.clear()
            found = self._items[key] = tuple(
                (field_name, text, tuple(tuple(form) for form in forms))
                for field_name, text, forms in _unpack(blob)["values"]
            )
        return {"v": STORED_VERSION, "values": found}


class _Search:
    """One search inside one read transaction."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        snapshot: _Snapshot,
        query: SearchQuery,
        plan: QueryPlan,
        limit: int,
        cache: StoredCache,
        postings_cache: PostingsCache,
    ) -> None:
        self.cache = cache
        self.postings_cache = postings_cache
        self.conn = conn
        self.snapshot = snapshot
        self.tables = snapshot.tables
        self.query = query
        self.plan = plan
        self.limit = limit
        self.code_names = {code: name for name, code in snapshot.fields.items()}
        self.name_code = snapshot.fields.get(NAME)
        self._visible: dict[int, AnySet | None] = {}

    def facet(self, name: str) -> AnySet:
        return self.snapshot.facets.get(name) or EMPTY

    def visible(self, code: int) -> AnySet | None:
        """Documents whose field ``code`` the caller may match (``None``: all)."""
        if code in self._visible:
            return self._visible[code]
        query = self.query
        result: AnySet | None
        if query.official_everywhere:
            result = None
        else:
            name = self.code_names.get(code, "")
            parts = [self.facet(f"p:{name}")]
            parts.extend(self.facet(f"j:{j}") for j in sorted(query.official_in))
            result = bits.union(parts)
        self._visible[code] = result
        return result

    def postings(self, keys: Iterable[str]) -> dict[str, dict[int, AnySet]]:
        keys = sorted(set(keys))
        found: list[tuple[str, int, int]] = []
        for chunk in _chunks(keys):
            found.extend(
                self.conn.execute(
                    f"SELECT key, gen, length(post) FROM {self.tables.term} "
                    f"WHERE key IN ({_marks(len(chunk))})",
                    chunk,
                )
            )
        return self._load(found)

    def prefixed(self, prefix: str) -> dict[str, dict[int, AnySet]]:
        rows = self.conn.execute(
            f"SELECT key, gen, length(post) FROM {self.tables.term} WHERE key >= ? AND key < ? "
            "ORDER BY key LIMIT ?",
            (prefix, prefix + _TOP, MAX_PREFIX_EXPANSIONS),
        ).fetchall()
        return self._load(rows)

    def _load(self, rows: Sequence[tuple[str, int, int]]) -> dict[str, dict[int, AnySet]]:
        """Decoded postings of ``(key, gen, size)`` rows: large ones from the cache
        when the term has not changed since, the rest read and decoded."""
        out: dict[str, dict[int, AnySet]] = {}
        missing: list[str] = []
        sizes: dict[str, tuple[int, int]] = {}
        active = self.snapshot.active
        for key, gen, size in rows:
            cached = self.postings_cache.get((active, key, gen)) if size >= CACHE_MIN else None
            if cached is not None:
                out[key] = cached
            else:
                missing.append(key)
                sizes[key] = (gen, size)
        for chunk in _chunks(missing):
            for key, blob in self.conn.execute(
                f"SELECT key, post FROM {self.tables.term} WHERE key IN ({_marks(len(chunk))})",
                chunk,
            ):
                fields = out[key] = decode_post(blob)
                gen, size = sizes[key]
                if size >= CACHE_MIN:
                    self.postings_cache.put((active, key, gen), fields, size)
        return out

    def fuzzy_skeletons(self) -> dict[str, list[str]]:
        """Query word -> skeleton terms within its allowed edits (nearest first).

        The variants looked up are :func:`ipreg.search.typos.query_variants`. A
        stored row matched through a variant ``v`` is ``len(skel) - len(v)``
        deletions from its skeleton: rows further than the word's allowed edits
        are dropped before any distance is computed (a word allowed one typo
        never pays for the two-letter deletions stored for others).
        """
        wanted: dict[int, list[tuple[str, int]]] = {}
        for w, variants in typos.query_variants(self.plan).items():
            for variant in variants:
                wanted.setdefault(variant_hash(variant), []).append((w, len(variant)))
        every = sorted(wanted)
        near: dict[str, set[str]] = {}
        for chunk in _chunks(every):
            for h, skel in self.conn.execute(
                f"SELECT hash, skel FROM {self.tables.fuzzy} "
                f"WHERE hash IN ({_marks(len(chunk))})",
                chunk,
            ):
                for w, size in wanted[h]:
                    if len(skel) - size <= self.plan.words[w].edits:
                        near.setdefault(w, set()).add(skel)
        return {w: typos.nearest(self.plan, w, skeletons) for w, skeletons in near.items()}

    def docs_of(self, posts: Iterable[dict[int, AnySet]], name_hits: list[AnySet]) -> AnySet:
        """Documents of these postings the caller may match; name-field ones go to
        ``name_hits`` as well."""
        by_field: dict[int, list[AnySet]] = {}
        for fields in posts:
            for code, docs in fields.items():
                by_field.setdefault(code, []).append(docs)
        parts: list[AnySet] = []
        for code, sets in by_field.items():
            docs = sets[0] if len(sets) == 1 else bits.union(sets)
            mask = self.visible(code)
            seen = docs if mask is None else bits.and_(docs, mask)
            if seen:
                parts.append(seen)
                if code == self.name_code:
                    name_hits.append(seen)
        return bits.union(parts)

    def run(self) -> SearchResult:
        plan = self.plan
        words = plan.words
        # A word of a multi-word form meets single-word values as a word term
        # already; value terms matter for one-word forms (spacing: ``cocacola``).
        alone = {qf.words[0] for qf in plan.forms if len(qf.words) == 1}
        exact = self.postings([*words, *(VALUE_PREFIX + w for w in alone)])
        whole = self.postings(VALUE_PREFIX + qf.compact for qf in plan.forms)
        phonetic = self.postings(
            key
            for qw in words.values()
            if qw.phonetic
            for key in (SKELETON_PREFIX + qw.skel, *(() if qw.skel.isascii() else (qw.skel,)))
        )
        prefixes = {
            w: {**self.prefixed(w), **(self.prefixed(VALUE_PREFIX + w) if w in alone else {})}
            for w, qw in words.items()
            if qw.prefix
        }
        fuzzy_terms = self.fuzzy_skeletons()
        fuzzy_posts = self.postings(
            SKELETON_PREFIX + s for terms in fuzzy_terms.values() for s in terms
        )
        name_hits: list[AnySet] = []
        e: dict[str, AnySet] = {}
        ph: dict[str, AnySet] = {}
        pr: dict[str, AnySet] = {}
        fz: dict[str, AnySet] = {}
        for w, qw in words.items():
            e[w] = self.docs_of(
                [exact[key] for key in (w, VALUE_PREFIX + w) if key in exact], name_hits
            )
            keys = (SKELETON_PREFIX + qw.skel, *(() if qw.skel.isascii() else (qw.skel,)))
            ph[w] = self.docs_of(
                [phonetic[key] for key in keys if qw.phonetic and key in phonetic], name_hits
            )
            pr[w] = self.docs_of(prefixes.get(w, {}).values(), name_hits)
            fz[w] = self.docs_of(
                [fuzzy_posts[SKELETON_PREFIX + s] for s in fuzzy_terms.get(w, ())
                 if SKELETON_PREFIX + s in fuzzy_posts],
                name_hits,
            )
        formed = self.field_form_docs()
        tiers: list[AnySet] = [bits.or_(self.docs_of(whole.values(), []), formed)]
        # What a word may hit through, per level (0: tokens; 1: + phonetic, and
        # prefixes for a last word; 2: + typos), each union computed once.
        options: dict[tuple[str, int, bool], AnySet] = {}

        def hits(w: str, level: int, last: bool) -> AnySet:
            key = (w, level, last)
            found = options.get(key)
            if found is None:
                if level == 0:
                    found = e[w]
                elif level == 1:
                    found = bits.union([e[w], ph[w], pr[w]] if last else [e[w], ph[w]])
                else:
                    found = bits.or_(hits(w, 1, last), fz[w])
                options[key] = found
            return found

        for level in range(3):
            per_form = []
            for qf in plan.forms:
                last = len(qf.words) - 1
                parts = [hits(w, level, i == last) for i, w in enumerate(qf.words)]
                parts.sort(key=bits.count)
                docs = parts[0]
                for other in parts[1:]:
                    if not docs:
                        break
                    docs = bits.and_(docs, other)
                per_form.append(docs)
            # A whole-value match counts at every level (``mak donalds`` meets the
            # value ``макдоналдс`` even where no word does).
            tiers.append(bits.union([tiers[0], *per_form]))
        restriction = self.filter_mask()
        if restriction is not None:
            tiers = [bits.and_(t, restriction) for t in tiers]
        matching = tiers[-1]
        total = bits.count(matching)
        names = bits.union(name_hits)
        if restriction is not None:
            formed = bits.and_(formed, restriction)
        order: list[AnySet] = [bits.and_(formed, names), formed]
        for tier in tiers:
            order.append(bits.and_(tier, names))
            order.append(tier)
        chosen: list[int] = []
        taken: set[int] = set()
        for bucket in order:
            if len(chosen) >= self.limit:
                break
            for docno in bits.ascending(bucket):
                if docno not in taken:
                    taken.add(docno)
                    chosen.append(docno)
                    if len(chosen) >= self.limit:
                        break
        rows = self.fetch(chosen)
        if total <= len(rows):
            facets = _empty_facets()
            for row in rows:
                for facet_name, column in (("jurisdiction", 1), ("kind", 2), ("status", 3)):
                    if row[1] in self.query.hidden(facet_name):
                        continue
                    counts = facets[facet_name]
                    counts[row[column]] = counts.get(row[column], 0) + 1
        else:
            facets = self.facet_counts(matching)
        cache = self.cache
        candidates = [
            Candidate(
                object_id=row[0],
                stored=cache.get(self.snapshot.active, row[7], row[8], row[6]),
                allowed=visible_fields(
                    self.query, row[1], bool(row[4]), row[5].split(",") if row[5] else ()
                ),
            )
            for row in rows
        ]
        page = rank(plan, candidates, self.query.offset, self.query.first)
        return SearchResult(total=total, hits=tuple(page), facets=facets)

    def field_form_docs(self) -> AnySet:
        """Documents with a value the caller may see of a field equal to one of that
        field's query forms (``SearchQuery.field_forms``)."""
        parts: list[AnySet] = []
        for field_name, terms in self.plan.field_terms.items():
            code = self.snapshot.fields.get(field_name)
            if code is None:
                continue
            posts = self.postings(VALUE_PREFIX + t for t in terms)
            docs = bits.union([p[code] for p in posts.values() if code in p])
            mask = self.visible(code)
            seen = docs if mask is None else bits.and_(docs, mask)
            if seen:
                parts.append(seen)
        return bits.union(parts)

    def hidden(self, facet_name: str) -> AnySet:
        """Documents whose ``facet_name`` the caller may not read (see ``SearchQuery.withheld``)."""
        return bits.union([self.facet(f"j:{j}") for j in sorted(self.query.hidden(facet_name))])

    def filter_mask(self) -> AnySet | None:
        f = self.query.filter
        masks = []
        for values, facet_name, prefix in (
            (f.jurisdictions, "jurisdiction", "j:"),
            (f.kinds, "kind", "k:"),
            (f.statuses, "status", "s:"),
        ):
            if values:
                wanted = bits.union([self.facet(prefix + v) for v in values])
                masks.append(bits.minus(wanted, self.hidden(facet_name)))
        for field_name, values in f.fields:
            code = self.snapshot.fields.get(field_name)
            keys = {VALUE_PREFIX + t for v in values for t in filter_terms(v)}
            passing: AnySet = EMPTY
            if code is not None and keys:
                posts = self.postings(keys)
                docs = bits.union([p[code] for p in posts.values() if code in p])
                mask = self.visible(code)
                passing = docs if mask is None else bits.and_(docs, mask)
            masks.append(passing)
        if not masks:
            return None
        masks.sort(key=bits.count)
        result = masks[0]
        for other in masks[1:]:
            result = bits.and_(result, other)
        return result

    def facet_counts(self, matching: AnySet) -> dict[str, dict[str, int]]:
        everything = bits.to_int(matching)
        out = _empty_facets()
        for facet_name, prefix in FACET_KINDS:
            hidden = self.hidden(facet_name)
            value = everything & ~bits.to_int(hidden) if hidden else everything
            counts = out[facet_name]
            for name, facet in self.snapshot.facets.items():
                if name.startswith(prefix):
                    n = (value & facet.value).bit_count()
                    if n:
                        counts[name[len(prefix) :]] = n
        return out

    def fetch(self, docnos: Sequence[int]) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = []
        for chunk in _chunks(list(docnos)):
            rows.extend(
                self.conn.execute(
                    f"SELECT object_id, jurisdiction, kind, status, published, public, stored, "
                    f"docno, version FROM {self.tables.doc} WHERE docno IN ({_marks(len(chunk))}) "
                    "AND deleted = 0",
                    chunk,
                ).fetchall()
            )
        return rows


def _generations(conn: sqlite3.Connection) -> list[int]:
    """The generations that have tables in the file."""
    return [
        int(name[4:])
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name LIKE 'doc\\_%' ESCAPE '\\'"
        )
        if name[4:].isdigit()
    ]


class Rebuild:
    """Builds a complete new generation next to the active one, then switches.

    Call :meth:`add` with batches of documents, then :meth:`finish` (or
    :meth:`abort`). Documents are numbered densely in the order given, their
    postings collected in memory (about 8 bytes per term occurrence) and
    written sorted at the end; the switch is one transaction that updates
    ``meta.active``, after which the old generation's tables are dropped.
    """

    def __init__(self, index: EmbeddedIndex) -> None:
        self.index = index
        conn = index._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            active, _ = index._meta(conn)
            self.tables = Tables(max([active, *_generations(conn)]) + 1)
            self.tables.drop(conn)
            self.tables.create(conn)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        self.count = 0
        self.next_docno = 1
        self.codes: dict[str, int] = {}
        self.postings: dict[str, array[int]] = {}
        self.facets: dict[str, bytearray] = {}
        self.seen: set[int] = set()
        self.started = time.monotonic()

    def add(self, documents: Sequence[IndexDocument]) -> None:
        prepared = [prepare_document(doc) for doc in documents if doc.id not in self.seen]
        rows = []
        for p in prepared:
            doc = p.doc
            self.seen.add(doc.id)
            docno = self.next_docno
            self.next_docno += 1
            rows.append(
                (docno, doc.id, doc.version, doc.jurisdiction, doc.kind, doc.status,
                 int(doc.published), ",".join(p.public), _pack(p.stored))
            )
            for name, (words, skels) in p.terms.items():
                code = self.codes.get(name)
                if code is None:
                    code = self.codes[name] = len(self.codes) + 1
                entry = docno << 8 | code
                for key in words:
                    self._post(key, entry)
                for key in skels:
                    self._post(key, entry)
            for facet_name in _facet_names(
                doc.jurisdiction, doc.kind, doc.status, doc.published, p.public
            ):
                buffer = self.facets.get(facet_name)
                if buffer is None:
                    buffer = self.facets[facet_name] = bytearray()
                index = docno >> 3
                if index >= len(buffer):
                    buffer.extend(bytes(index + 1 - len(buffer) + 4096))
                buffer[index] |= 1 << (docno & 7)
        conn = self.index._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany(
                f"INSERT INTO {self.tables.doc} (docno, object_id, version, deleted, "
                "jurisdiction, kind, status, published, public, stored) "
                "VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        self.count += len(rows)

    def _post(self, key: str, entry: int) -> None:
        found = self.postings.get(key)
        if found is None:
            self.postings[key] = array("Q", (entry,))
        else:
            found.append(entry)

    def finish(self) -> int:
        """Write the postings, facets and fields, then switch searches to the new tables."""
        conn = self.index._conn()
        universe = self.next_docno
        tables = self.tables
        keys = sorted(self.postings)
        stage = f"fuzzy_stage_{tables.generation}"
        conn.execute(f"DROP TABLE IF EXISTS {stage}")
        conn.execute(f"CREATE TABLE {stage} (hash INTEGER NOT NULL, skel TEXT NOT NULL)")
        for chunk in _chunks(keys, 20000):
            rows = []
            fuzzy: list[tuple[int, str]] = []
            for key in chunk:
                fields: dict[int, list[int]] = {}
                for entry in self.postings.pop(key):
                    fields.setdefault(entry & 0xFF, []).append(entry >> 8)
                rows.append((key, encode_post(fields, universe)))
                if key.startswith(SKELETON_PREFIX):
                    fuzzy.extend(fuzzy_rows(key[1:]))
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.executemany(f"INSERT INTO {tables.term} (key, post) VALUES (?, ?)", rows)
                conn.executemany(f"INSERT INTO {stage} (hash, skel) VALUES (?, ?)", fuzzy)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        # One sorted insert: SQLite's external sorter, not millions of random B-tree inserts.
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(
                f"INSERT OR IGNORE INTO {tables.fuzzy} (hash, skel) "
                f"SELECT hash, skel FROM {stage} ORDER BY hash, skel"
            )
            conn.execute(f"DROP TABLE {stage}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        with self.index._write() as (conn, old, generation):
            conn.executemany(
                f"INSERT INTO {tables.facet} (name, gen, bits) VALUES (?, ?, ?)",
                [(name, generation, bytes(buf).rstrip(b"\x00")) for name, buf in
                 self.facets.items()],
            )
            conn.executemany(
                f"INSERT INTO {tables.field} (code, name) VALUES (?, ?)",
                [(code, name) for name, code in self.codes.items()],
            )
            conn.execute(
                "UPDATE meta SET value = ? WHERE key = 'active'", (str(tables.generation),)
            )
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)", (SCHEMA,))
            old.drop(conn)
            for stale in _generations(conn):
                if stale < tables.generation:  # left by a rebuild that died
                    Tables(stale).drop(conn)
        self.index._snapshot = None
        return self.count

    def abort(self) -> None:
        conn = self.index._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            self.tables.drop(conn)
            conn.execute(f"DROP TABLE IF EXISTS fuzzy_stage_{self.tables.generation}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
