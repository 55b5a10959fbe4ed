"""The State Customs Service register of IP objects (``ua_customs``) as an ipreg plugin."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ipreg import hookimpl
from ipreg.core.extension import (
    FilePurpose,
    Jurisdiction,
    ObjectTypeBinding,
    PublicationRule,
    Role,
    SearchField,
)
from ipreg.plugins.ukraine.common.package import ukraine_package

PACKAGE = ukraine_package(__name__, "ua_customs")


@hookimpl
def ipreg_register_jurisdictions() -> Iterable[Jurisdiction]:
    return [Jurisdiction("ua_customs", {
        "en": "Customs register of IP objects (State Customs Service of Ukraine)",
        "uk": "Митний реєстр об'єктів права інтелектуальної власності (Держмитслужба)",
        "ru": "Таможенный реестр объектов интеллектуальной собственности (Гостаможслужба "
              "Украины)"}, plugin="ukraine_customs")]


@hookimpl
def ipreg_register_roles() -> Iterable[Role]:
    """The actors of the register and its border measures (issue 18): the right holder
    and its representative are the core's ``applicant`` and ``representative``."""
    from ipreg.plugins.ukraine.customs.procedures.common import ROLES

    return ROLES


@hookimpl
def ipreg_register_models() -> Iterable[type[Any]]:
    return PACKAGE.models()


@hookimpl
def ipreg_migration_locations() -> Iterable[str]:
    return PACKAGE.migration_locations()


@hookimpl
def ipreg_register_calendars() -> Iterable[Any]:
    """Kyiv working days (CC Art. 399 counts the suspension in working days)."""
    return PACKAGE.calendars()


@hookimpl
def ipreg_register_code_lists() -> Iterable[Any]:
    from ipreg.plugins.ukraine.customs.codes import code_lists

    return code_lists()


@hookimpl
def ipreg_register_procedures() -> Iterable[Any]:
    return PACKAGE.procedures()


@hookimpl
def ipreg_register_file_purposes() -> Iterable[FilePurpose]:
    """Order 282: photos of original products and images of the objects."""
    from ipreg.plugins.ukraine.customs.forms import IMAGE

    return [IMAGE]


@hookimpl
def ipreg_register_object_types() -> Iterable[ObjectTypeBinding]:
    from ipreg.plugins.ukraine.customs.graphql.types import UaCustomsEntry

    return [ObjectTypeBinding("ua_customs", UaCustomsEntry)]


@hookimpl
def ipreg_register_publication_rules() -> Iterable[PublicationRule]:
    """The weekly list (digest §2.1): number, object name, dates, owner and details."""
    from ipreg.plugins.ukraine.customs.publication import UA_CUSTOMS

    return [UA_CUSTOMS.rule]


@hookimpl
def ipreg_register_search_fields() -> Iterable[SearchField]:
    from ipreg.plugins.ukraine.customs.search import search_fields

    return search_fields()


@hookimpl
def ipreg_register_query_fields() -> Iterable[type[Any]]:
    from ipreg.plugins.ukraine.customs.graphql.query import UaCustomsQuery

    return [UaCustomsQuery]


@hookimpl
def ipreg_register_mutation_fields() -> Iterable[type[Any]]:
    from ipreg.plugins.ukraine.customs.graphql.mutation import UaCustomsMutation

    return [UaCustomsMutation]


@hookimpl
def ipreg_register_routes() -> Iterable[Any]:
    """The public weekly list as CSV and XLSX."""
    from ipreg.plugins.ukraine.customs.list_query import EXPORT

    return EXPORT.routes()


@hookimpl
def ipreg_register_demo_loaders() -> Iterable[Any]:
    return PACKAGE.demo_loaders()


@hookimpl
def ipreg_register_legal_points() -> Iterable[Any]:
    """The points of digest ukraine-customs.md (``ipreg compliance``)."""
    return PACKAGE.legal_points()
