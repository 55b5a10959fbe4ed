# mypy: disable-error-code="empty-body"
"""The contract between the ipreg core and its plugins.

Every hook is named ``ipreg_<verb>_<noun>``; ``ipreg_register_*`` hooks return
contributions that the core collects once, at start-up, into a
:class:`ipreg.core.plugins.Registry`. Hooks are grouped by the phase of the
application's life in which the core calls them. A plugin implements any subset
of them with ``from ipreg import hookimpl``.

Each hook's docstring says what it is for, when it is called, and what it must
return. ``tests/test_hookspecs_documented.py`` keeps these docstrings and
``docs/plugins.md`` in step with the code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable
    from random import Random

    import click
    from sqlalchemy.ext.asyncio import AsyncSession

    from ipreg.core.compliance import LegalPoints
    from ipreg.core.extension import (
        CodeList,
        EventSubscriber,
        FilePurpose,
        Jurisdiction,
        ObjectKind,
        ObjectTypeBinding,
        PublicationRule,
        Role,
        SearchField,
    )

hookspec = pluggy.HookspecMarker("ipreg")
hookimpl = pluggy.HookimplMarker("ipreg")

# --------------------------------------------------------------------------
# Phase 1: what the plugin brings (called once while the registry is built)
# --------------------------------------------------------------------------


@hookspec
def ipreg_register_jurisdictions() -> Iterable[Jurisdiction]:
    """Declare the jurisdictions (registers) this plugin implements.

    Called once at start-up. Return an iterable of
    :class:`ipreg.core.extension.Jurisdiction`: a code such as ``"eaeu"``, its
    names in several languages, and the plugin that owns it. Two plugins may not
    declare the same code: the registry refuses to start.
    """


@hookspec
def ipreg_register_object_kinds() -> Iterable[ObjectKind]:
    """Declare kinds of IP objects in addition to the core ones.

    Called once at start-up. Return an iterable of
    :class:`ipreg.core.extension.ObjectKind`. The core already knows
    ``trademark``, ``copyright_object``, ``related_rights_object``,
    ``geographical_indication`` and ``website``; a duplicate code is an error.
    """


@hookspec
def ipreg_register_roles() -> Iterable[Role]:
    """Declare the roles the plugin's procedures and visibility rules use.

    Called once at start-up. Return :class:`ipreg.core.extension.Role` values; an
    ``official`` role reads the non-public data of the jurisdictions its grants
    cover, like the core's ``official``, ``examiner`` or ``supervisor``.
    """


@hookspec
def ipreg_register_models() -> Iterable[type[Any]]:
    """Return the SQLAlchemy model classes the plugin adds to the database.

    Called once at start-up, before migrations run and before the schema is
    built. The models must derive from :class:`ipreg.core.db.Base` so they share
    the core's metadata and naming convention and may reference core tables by
    foreign key. Only the tables returned here (plus the core's) are compared
    against the migrations by the drift check.
    """


@hookspec
def ipreg_migration_locations() -> Iterable[str]:
    """Return directories holding this plugin's Alembic revisions.

    Called whenever migrations are run. Each plugin's revisions form one Alembic
    branch: the first revision carries ``branch_labels = ("<plugin>",)`` and
    ``depends_on = "core"``, so ``ipreg db upgrade`` applies the core first and
    then every installed plugin, and ``ipreg db downgrade`` takes them back.
    """


@hookspec
def ipreg_register_code_lists() -> Iterable[CodeList]:
    """Return reference data (code lists) with names in several languages.

    Called once at start-up. Return :class:`ipreg.core.extension.CodeList`
    objects; each code's ``names`` maps a language code (``en``, ``uk``, ``ru``,
    ``kk``, ``hy``, ``be``, ``ky``) to the name. The API answers in the language
    a caller asks for and falls back to English, then to the code itself.
    A list id already registered by the core or another plugin is an error.
    """


@hookspec
def ipreg_register_search_fields() -> Iterable[SearchField]:
    """Return extra searchable fields and filters for IP objects.

    Called once at start-up. Each :class:`ipreg.core.extension.SearchField`
    names a field, says whether anonymous callers may match on it (``public``)
    and gives a function that extracts its text from an object's indexed
    document. Both search backends index the same fields.
    """


@hookspec
def ipreg_register_file_purposes() -> Iterable[FilePurpose]:
    """Declare what applicants upload files for, and the rule each file must meet.

    Called once at start-up. Return :class:`ipreg.core.extension.FilePurpose`
    values with codes unique across plugins (prefix them with the plugin's name,
    ``eaeu_object_image``); ``uploadFile(purpose:)`` takes the code.
    """


@hookspec
def ipreg_register_publication_rules() -> Iterable[PublicationRule]:
    """Declare what the law of each of the plugin's jurisdictions publishes.

    Called once at start-up. Return :class:`ipreg.core.extension.PublicationRule`
    values, at most one per jurisdiction, each for a jurisdiction this plugin
    declares: the fields of the core ``IPObject`` interface that are not published
    (with the legal point that says so) and the roles in which the parties of a
    published object are published. The core applies the rule to what its own
    queries show callers who may not read the jurisdiction's unpublished data:
    ``node(id:)`` of parties, ``ipObjects`` filters, ``search`` filters and facets.
    The plugin's own types still decide field by field what they show. A rule may
    not withhold ``id``, ``jurisdiction``, ``name``, ``registerNumber`` or
    ``holders`` (and publishes holders as parties), and a rule that withholds
    anything needs the jurisdiction's own object type
    (``ipreg_register_object_types``): start-up stops otherwise.
    """


@hookspec
def ipreg_register_event_subscribers() -> Iterable[EventSubscriber]:
    """Return subscribers to the change feed.

    Called once at start-up. Each :class:`ipreg.core.extension.EventSubscriber`
    has a stable name (its cursor is stored under that name) and an async
    callable that receives committed :class:`ipreg.core.model.ChangeEvent` rows
    in commit order, at least once; it must be idempotent.
    """


@hookspec
def ipreg_register_procedures() -> Iterable[Any]:
    """Declare the legal procedures this plugin runs on the procedure engine.

    Called once at start-up. Return :class:`ipreg.core.procedures.Procedure`
    declarations: states, transitions (each with its legal code such as
    ``P.SP.01.OPR.017``, the roles allowed to perform it, its guard, required
    input and effects) and time limits. A procedure code declared twice is an
    error. No procedure logic belongs in GraphQL resolvers.
    """


@hookspec
def ipreg_register_calendars() -> Iterable[Any]:
    """Return working-day calendars for the plugin's jurisdictions.

    Called once at start-up (each time a registry is built). Return
    :class:`ipreg.core.procedures.WorkCalendar` objects keyed by their ``jurisdiction``:
    the time zone where the authority's days end, the weekend, days off and working
    weekend days (transfers). Time limits counted in working days, and limits in calendar
    days that end on a day off, use them. For a country's official calendar build one with
    ``country_calendar("RU", jurisdiction=..., timezone=...)`` (AM, BY, KG, KZ, RU, UA:
    the ``holidays`` package, the carry-over rules it leaves out, Ukraine's martial law
    and the deployment's transfers of ``IPREG_CALENDAR_TRANSFERS``; docs/calendars.md);
    build it inside the hook, so that the settings are read when the registry is built.
    """


@hookspec
def ipreg_register_notification_channels() -> Iterable[Any]:
    """Return delivery channels for notifications (e-mail, webhook, inbox, ...).

    Called once at start-up. Return objects with a ``name`` and an async
    ``deliver(notification, runtime)`` method that raises
    ``ipreg.core.notify.channels.DeliveryError(retryable=...)`` when delivery fails
    (see :mod:`ipreg.core.notify.channels`). The dispatcher picks the channel
    named by each notification's ``channel``.
    """


@hookspec
def ipreg_register_legal_points() -> Iterable[LegalPoints]:
    """Declare the legal points of the plugin's digests, for legal traceability.

    Called by ``ipreg compliance`` (not at start-up). Return
    :class:`ipreg.core.compliance.LegalPoints`, one per digest in ``shared/spec/``
    (usually ``load_legal_points(Path(__file__).parent / "legal_points.toml")``):
    every point the plugin knows of, with its title, digest section and status
    (``implemented``, ``pending`` or ``not_applicable`` with a reason). Every
    ``implemented`` point must be cited by the plugin's code and proved by a test
    marked ``@pytest.mark.legal("<code>")``, or ``ipreg compliance`` fails.
    """


# --------------------------------------------------------------------------
# Phase 2: the GraphQL schema (called once when the schema is assembled)
# --------------------------------------------------------------------------


@hookspec
def ipreg_register_object_types() -> Iterable[ObjectTypeBinding]:
    """Bind a jurisdiction's IP objects to the GraphQL type that shows them.

    Called once when the schema is assembled. Return
    :class:`ipreg.core.extension.ObjectTypeBinding` values: a jurisdiction code
    and a strawberry type implementing the ``IPObject`` interface. Objects of a
    jurisdiction without a binding are shown as ``GenericIPObject``.
    """


@hookspec
def ipreg_register_query_fields() -> Iterable[type[Any]]:
    """Return strawberry types whose fields are added to ``Query``.

    Called once when the schema is assembled. Each returned class is a
    ``@strawberry.type`` whose fields are merged into the root ``Query``. A field
    name already contributed by the core or another plugin stops start-up with
    an error naming both contributors: prefix plugin fields (``eaeuEntries``).
    """


@hookspec
def ipreg_register_mutation_fields() -> Iterable[type[Any]]:
    """Return strawberry types whose fields are added to ``Mutation``.

    Called once when the schema is assembled. Same rules as
    :func:`ipreg_register_query_fields`; with no contribution at all the schema
    has no ``Mutation`` type.
    """


@hookspec
def ipreg_register_routes() -> Iterable[Any]:
    """Return HTTP routes (``starlette.routing.Route``) served beside ``/graphql``.

    For what GraphQL answers badly: file downloads streamed from the database
    (exports), callbacks of other systems. Called once when the application is
    built. Paths must start with ``/<plugin name>/``; a path served twice, or
    one of the core's (``/graphql``, ``/health``, ``/``), stops start-up. In the
    endpoint, :func:`ipreg.schema.routes.caller` gives the authenticated
    principal (invalid credentials answer 401, as on ``/graphql``),
    :func:`ipreg.schema.routes.runtime` the runtime, and
    :func:`ipreg.schema.routes.error_response` turns an ``IpregError`` into the
    JSON error body with its ``extensions.code``.
    """


# --------------------------------------------------------------------------
# Phase 3: demo data and the command line
# --------------------------------------------------------------------------


@hookspec
def ipreg_register_demo_loaders() -> Iterable[Callable[[AsyncSession, Random], Awaitable[int]]]:
    """Return async functions that add this plugin's demo data.

    Called by ``ipreg demo`` after the database is migrated. Each function gets an
    open session (commit is the caller's) and a seeded ``random.Random``, so the
    demo is the same on every machine; it returns how many IP objects it added.
    """


# --------------------------------------------------------------------------
# The command line
# --------------------------------------------------------------------------


@hookspec
def ipreg_register_commands(cli: click.Group) -> None:
    """Add commands or command groups to the ``ipreg`` command line.

    Called once when the CLI starts, with the root ``click.Group``; add to it
    with ``cli.add_command(...)`` or the ``@cli.command()`` decorator. Return
    nothing.
    """
