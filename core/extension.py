"""Value types that plugins return from hooks (see :mod:`ipreg.core.hookspecs`)."""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ipreg.core.model import ChangeEvent

#: Languages every code list should carry where it has them.
LANGUAGES = ("en", "uk", "ru", "kk", "hy", "be", "ky")


def localized(names: Mapping[str, str], lang: str | None, fallback: str) -> str:
    """Pick a name in ``lang``, else English, else ``fallback``."""
    if lang:
        for candidate in (lang, lang.split("-")[0].lower()):
            if candidate in names:
                return names[candidate]
    return names.get("en", fallback)


@dataclass(frozen=True)
class Code:
    """One entry of a code list."""

    code: str
    names: Mapping[str, str]
    #: Extra attributes (e.g. the alpha-3 of a country, the authority of a state).
    attributes: Mapping[str, str] = field(default_factory=dict)

    def name(self, lang: str | None) -> str:
        return localized(self.names, lang, self.code)


@dataclass(frozen=True)
class CodeList:
    """Reference data: a named list of codes with multilingual names."""

    id: str
    names: Mapping[str, str]
    codes: Sequence[Code]
    #: Where the list comes from (a classifier, a table of a regulation, ...).
    source: str = ""
    #: True when only a real subset of an official list is loaded.
    partial: bool = False

    def get(self, code: str) -> Code | None:
        for entry in self.codes:
            if entry.code == code:
                return entry
        return None


@dataclass(frozen=True)
class Jurisdiction:
    """A register kept by some authority: the unit a plugin implements."""

    code: str
    names: Mapping[str, str]
    plugin: str


@dataclass(frozen=True)
class Role:
    """A role a grant can carry; ``official`` roles read their jurisdiction's
    non-public data (see :mod:`ipreg.core.auth.permissions`)."""

    code: str
    names: Mapping[str, str]
    official: bool = False


@dataclass(frozen=True)
class ObjectKind:
    """A kind of IP object (trademark, geographical indication, website, ...)."""

    code: str
    names: Mapping[str, str]


@dataclass(frozen=True)
class ObjectTypeBinding:
    """Shows the IP objects of ``jurisdiction`` as GraphQL type ``graphql_type``."""

    jurisdiction: str
    graphql_type: type[Any]
    #: The register's own change-feed entities whose entity id is one of its IP
    #: objects (``eaeu_entry``): the feed names them by the object's global ID.
    feed_entities: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchField:
    """A field that search indexes and may filter on."""

    name: str
    #: Extracts the field's strings from an object's index document.
    extract: Callable[[Mapping[str, Any]], Sequence[str]]
    #: May anonymous callers match on it?
    public: bool = False
    #: The forms of the caller's search text this field is matched against
    #: *exactly*, e.g. a URL's host and its parent domains; ``None``: the field is
    #: matched like the others. Called once per search on the text as typed: it must
    #: be cheap and pure (no I/O) and return ``[]`` for text it does not read. A form
    #: matches a value of the field equal to it as a whole, up to letter case, Unicode
    #: normalisation (NFKC) and runs of whitespace (``ipreg.search.matching.exact_key``;
    #: punctuation counts); such hits are OR'd with the normal text matching, rank as
    #: an exact name and say ``matchedAs: "queryForm"`` with the field and the form.
    #: ``public`` applies as to any hit in the field.
    query_forms: Callable[[str], Sequence[str]] | None = None


@dataclass(frozen=True)
class EventSubscriber:
    """A consumer of the change feed, with its own stored cursor."""

    name: str
    handle: Callable[[Sequence[ChangeEvent]], Awaitable[None]]


#: The fields of the core ``IPObject`` GraphQL interface, as a publication rule names them.
CORE_OBJECT_FIELDS: frozenset[str] = frozenset({
    "id", "jurisdiction", "kind", "kindName", "name", "description", "registerNumber",
    "status", "statusDate", "statusHistory", "version", "updatedAt", "keywords",
    "keywordDetails", "holders", "representatives", "goods", "rightTerms",
})
#: Fields every rule publishes: they identify an object, and search lets everyone match
#: on them (``ipreg.search.documents.PUBLIC_CORE_FIELDS``) and lists them.
ALWAYS_PUBLISHED: frozenset[str] = frozenset(
    {"id", "jurisdiction", "name", "registerNumber", "holders"})


@dataclass(frozen=True)
class PublicationRule:
    """What a jurisdiction's law publishes to every caller (anonymous interested persons).

    ``unpublished`` maps each field of the core ``IPObject`` interface
    (:data:`CORE_OBJECT_FIELDS`) that is *not* published to where the law says so
    (``"R174 A1 T1 8.1 status (not published)"``); every other field is published.
    The core applies the rule wherever its own queries could reveal such a field to
    a caller who may not read the jurisdiction's unpublished data: ``ipObjects``
    refuses a filter on it, ``search`` neither filters nor counts facets by it.

    ``public_party_roles``: the roles (``ip_object_party.role``) in which a party
    of a *published* object is itself published; ``node(id:)`` shows a party to
    callers who are not officials only if some rule publishes it (or they act for it).

    A jurisdiction without a rule publishes every field of its published objects
    and their holders and representatives.
    """

    jurisdiction: str
    unpublished: Mapping[str, str] = field(default_factory=dict)
    public_party_roles: frozenset[str] = frozenset({"holder", "representative"})
    #: The roles (``ip_object_document.role``) in which the file of a document of a
    #: *published* object is itself published: ``GET /files/{sha256}`` serves it to
    #: everyone. Other files are served to the jurisdiction's officials, the object's
    #: own parties and the uploader only.
    public_document_roles: frozenset[str] = frozenset({"image"})

    def publishes(self, field_name: str) -> bool:
        """Is ``field_name`` (an ``IPObject`` field) published?"""
        return field_name not in self.unpublished

    def basis(self, field_name: str) -> str:
        """Where the law withholds ``field_name`` (empty if it is published)."""
        return self.unpublished.get(field_name, "")


@dataclass(frozen=True)
class FilePurpose:
    """What an uploaded file is for, and the rule its bytes must meet (hook
    ``ipreg_register_file_purposes``).

    ``uploadFile(file:, purpose: "<code>")`` checks the upload against it before
    anything is stored (:func:`ipreg.core.files.purpose_problems`), and a register
    checks a file its forms reference against the same purpose. ``rule`` is what
    a problem message says is expected, citing ``legal_point``
    (``"JPEG or TIFF, at most 5 MB, at least 300 dpi (R174 A1 T1 5.4)"``);
    ``min_dpi``: the least resolution of an image, in dots per inch;
    ``content_problems``: a check of the content itself (``path`` of the received
    file → ``(code, message)`` pairs, e.g. a PDF that is encrypted), run in the
    upload's worker thread once type and size pass, before the file is stored.
    """

    code: str
    media_types: frozenset[str]
    max_bytes: int
    rule: str
    legal_point: str = ""
    min_dpi: int | None = None
    content_problems: Callable[[Any], list[tuple[str, str]]] | None = None


@dataclass(frozen=True)
class RegisterPackage:
    """The hook values a register plugin takes from its own package, by the layout of
    docs/plugins.md ("Layout"), so that no two plugins write the same hook bodies.

    ``module`` is the plugin module's ``__name__`` (``ipreg.plugins.ukraine.gi.plugin``);
    its package holds ``models.py`` (``MODELS``), ``migrations/``, ``procedures/``
    (``procedures()``), ``legal_points.toml`` and ``demo.py`` (``load_demo``). Each
    method imports what it returns when the hook is called, not before, and a hook
    implementation in ``plugin.py`` stays a plain function that returns it::

        PACKAGE = RegisterPackage(__name__, "ua_gi", country="UA", timezone="Europe/Kyiv")

        @hookimpl
        def ipreg_register_legal_points():
            return PACKAGE.legal_points()

    ``country`` and ``timezone``: the official working-day calendar of the country,
    where the authority's days end (:func:`ipreg.core.procedures.country_calendar`),
    for :meth:`calendars`.
    """

    module: str
    jurisdiction: str
    country: str | None = None
    timezone: str | None = None

    @property
    def package(self) -> str:
        """The register's package: the plugin module's parent."""
        package = self.module.rpartition(".")[0]
        if not package:
            raise ValueError(f"{self.module!r} is not a module of a register's package")
        return package

    @property
    def directory(self) -> Path:
        """Where the register's package lies."""
        where = _import(self.package).__file__
        if where is None:
            raise ValueError(f"{self.package} is a namespace package: give it an __init__.py")
        return Path(where).parent

    def models(self) -> list[type[Any]]:
        """``ipreg_register_models``: ``MODELS`` of the package's ``models``."""
        return list(_import(f"{self.package}.models").MODELS)

    def migration_locations(self) -> list[str]:
        """``ipreg_migration_locations``: the package's ``migrations/``."""
        return [str(self.directory / "migrations")]

    def procedures(self) -> list[Any]:
        """``ipreg_register_procedures``: ``procedures()`` of the package's ``procedures``."""
        return list(_import(f"{self.package}.procedures").procedures())

    def calendars(self) -> list[Any]:
        """``ipreg_register_calendars``: the official calendar of ``country`` under the
        register's jurisdiction, days ending in ``timezone``, built now (the deployment's
        settings are read when the registry is built)."""
        from ipreg.core.procedures import country_calendar

        if self.country is None:
            raise ValueError(f"{self.jurisdiction}: RegisterPackage(country=...) is not set")
        return [country_calendar(self.country, jurisdiction=self.jurisdiction,
                                 timezone=self.timezone)]

    def legal_points(self) -> list[Any]:
        """``ipreg_register_legal_points``: the package's ``legal_points.toml``
        (:func:`ipreg.core.compliance.load_legal_points`)."""
        from ipreg.core.compliance import load_legal_points

        return [load_legal_points(self.directory / "legal_points.toml")]

    def demo_loaders(self) -> list[Callable[..., Awaitable[int]]]:
        """``ipreg_register_demo_loaders``: ``load_demo`` of the package's ``demo``."""
        return [_import(f"{self.package}.demo").load_demo]


def _import(name: str) -> Any:
    return importlib.import_module(name)
