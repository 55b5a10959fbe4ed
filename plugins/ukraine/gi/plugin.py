"""ua_gi: applications for registration of a geographical indication before UKRNOIVI
(digest ukraine-gi.md), as an ipreg plugin: hook implementations only."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ipreg import hookimpl
from ipreg.core.extension import Jurisdiction, Role
from ipreg.plugins.ukraine.common.package import ukraine_package

JURISDICTION = "ua_gi"
PACKAGE = ukraine_package(__name__, JURISDICTION)


@hookimpl
def ipreg_register_jurisdictions() -> Iterable[Jurisdiction]:
    return [Jurisdiction(JURISDICTION, {
        "en": "Ukraine: applications for registration of geographical indications (UKRNOIVI)",
        "uk": "Україна: заявки на реєстрацію географічних зазначень (УКРНОІВІ)",
    }, plugin="ukraine_gi")]


@hookimpl
def ipreg_register_roles() -> Iterable[Role]:
    """The actors of digest §7.6 beside the core's applicant, representative and examiner
    (opponents act as the applicant of their own opposition case, GI rules V.7.1)."""
    from ipreg.plugins.ukraine.gi.procedures.common import ROLES

    return ROLES


@hookimpl
def ipreg_register_models() -> Iterable[type[Any]]:
    from ipreg.plugins.ukraine.gi.models import MODELS
    from ipreg.plugins.ukraine.gi.sources.models import MODELS as SOURCE_MODELS

    return [*MODELS, *SOURCE_MODELS]


@hookimpl
def ipreg_migration_locations() -> Iterable[str]:
    return PACKAGE.migration_locations()


@hookimpl
def ipreg_register_calendars() -> Iterable[Any]:
    """GI rules IV.11: the Civil Code counting on Ukraine's working days (Kyiv)."""
    return PACKAGE.calendars()


@hookimpl
def ipreg_register_procedures() -> Iterable[Any]:
    return PACKAGE.procedures()


@hookimpl
def ipreg_register_legal_points() -> Iterable[Any]:
    """The points of digest ukraine-gi.md (``ipreg compliance --plugin ukraine_gi``)."""
    return PACKAGE.legal_points()


@hookimpl
def ipreg_register_object_types() -> Iterable[Any]:
    from ipreg.core.extension import ObjectTypeBinding
    from ipreg.plugins.ukraine.gi.graphql.types import UaGiApplication

    return [ObjectTypeBinding(JURISDICTION, UaGiApplication)]


@hookimpl
def ipreg_register_publication_rules() -> Iterable[Any]:
    """GI rules V.6.2 (digest §4.7): what of an application everyone reads."""
    from ipreg.plugins.ukraine.gi.publication import UA_GI

    return [UA_GI.rule]


@hookimpl
def ipreg_register_query_fields() -> Iterable[type[Any]]:
    from ipreg.plugins.ukraine.gi.graphql.query import UaGiQuery
    from ipreg.plugins.ukraine.gi.graphql.sources import UaGiSourcesQuery

    return [UaGiQuery, UaGiSourcesQuery]


@hookimpl
def ipreg_register_mutation_fields() -> Iterable[type[Any]]:
    from ipreg.plugins.ukraine.gi.graphql.mutation import UaGiMutation

    return [UaGiMutation]


@hookimpl
def ipreg_register_routes() -> Iterable[Any]:
    """The public list as CSV and XLSX: ``/ukraine_gi/applications.csv`` and ``.xlsx``."""
    from ipreg.plugins.ukraine.gi.list_query import EXPORT

    return EXPORT.routes()


@hookimpl
def ipreg_register_search_fields() -> Iterable[Any]:
    """Product name, area, product class and applicant (digest §4.7)."""
    from ipreg.plugins.ukraine.gi.search import FIELDS

    return FIELDS


@hookimpl
def ipreg_register_commands(cli: Any) -> None:
    """``ipreg ua-gi sources load|list|lookup``: the official sources of V.8.4-8.5."""
    from ipreg.plugins.ukraine.gi.sources.cli import register

    register(cli)


@hookimpl
def ipreg_register_file_purposes() -> Iterable[Any]:
    """GI rules II.2.3: the application's documents as PDF files (``ua_gi_document``)."""
    from ipreg.plugins.ukraine.gi.documents import PURPOSE

    return [PURPOSE]


@hookimpl
def ipreg_register_demo_loaders() -> Iterable[Any]:
    return PACKAGE.demo_loaders()
