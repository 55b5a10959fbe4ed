"""The national list of websites raising IP concerns (Order 2945), as the ipreg plugin
``ukraine_websites`` (jurisdiction ``ua_websites``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ipreg import hookimpl
from ipreg.core.extension import Jurisdiction, ObjectTypeBinding, PublicationRule, Role
from ipreg.plugins.ukraine.common.package import ukraine_package

JURISDICTION = "ua_websites"
PACKAGE = ukraine_package(__name__, JURISDICTION)


@hookimpl
def ipreg_register_jurisdictions() -> Iterable[Jurisdiction]:
    return [Jurisdiction(JURISDICTION, {
        "en": "Ukraine: national list of websites raising concerns about compliance with "
              "IP rights",
        "uk": "Національний перелік вебсайтів, що викликають занепокоєння щодо дотримання "
              "прав інтелектуальної власності"}, plugin="ukraine_websites")]


@hookimpl
def ipreg_register_roles() -> Iterable[Role]:
    """Digest §8.3: the examiners of UKRNOIVI and the Ministry's officers (officials), the
    website owner and the right holder on another's case (not officials); the
    representative and the applicant are the core's."""
    from ipreg.plugins.ukraine.common.roles import MINISTRY_OFFICER, UKRNOIVI_EXAMINER

    return [UKRNOIVI_EXAMINER, MINISTRY_OFFICER,
            Role("website_owner", {"en": "Website owner or its representative (Order 2945 "
                                   "I.2 ¶3, IV.2 ¶1)",
                                   "uk": "Власник вебсайту або його представник"}),
            Role("right_holder", {"en": "Right holder of an appeal, or its representative of "
                                  "record, on the owner's application (Order 2945 IV.3)",
                                  "uk": "Заявник (суб'єкт прав) або його представник"})]


@hookimpl
def ipreg_register_models() -> Iterable[type[Any]]:
    return PACKAGE.models()


@hookimpl
def ipreg_migration_locations() -> Iterable[str]:
    return PACKAGE.migration_locations()


@hookimpl
def ipreg_register_calendars() -> Iterable[Any]:
    return PACKAGE.calendars()


@hookimpl
def ipreg_register_procedures() -> Iterable[Any]:
    return PACKAGE.procedures()


@hookimpl
def ipreg_register_legal_points() -> Iterable[Any]:
    """The points of digest ukraine-websites.md (``ipreg compliance``)."""
    return PACKAGE.legal_points()


@hookimpl
def ipreg_register_object_types() -> Iterable[ObjectTypeBinding]:
    from ipreg.plugins.ukraine.websites.graphql.types import UaWebsiteEntry

    return [ObjectTypeBinding(JURISDICTION, UaWebsiteEntry, feed_entities=("ua_website_entry",))]


@hookimpl
def ipreg_register_publication_rules() -> Iterable[PublicationRule]:
    """Digest §8.2 (A-27): what of a listed website the core may show everyone."""
    from ipreg.plugins.ukraine.websites.publication import UA_WEBSITES

    return [UA_WEBSITES.rule]


@hookimpl
def ipreg_register_query_fields() -> Iterable[type[Any]]:
    from ipreg.plugins.ukraine.websites.graphql.query import UaWebsitesQuery

    return [UaWebsitesQuery]


@hookimpl
def ipreg_register_mutation_fields() -> Iterable[type[Any]]:
    from ipreg.plugins.ukraine.websites.graphql.mutation import UaWebsitesMutation

    return [UaWebsitesMutation]


@hookimpl
def ipreg_register_routes() -> Iterable[Any]:
    """III.9, V.1: the public list as CSV/XLSX and the WIPO ALERT file."""
    from ipreg.plugins.ukraine.websites.exports import routes

    return routes()


@hookimpl
def ipreg_register_demo_loaders() -> Iterable[Any]:
    return PACKAGE.demo_loaders()


@hookimpl
def ipreg_register_search_fields() -> Iterable[Any]:
    """II.2.1 ¶3: the website's address in every form (search.py)."""
    from ipreg.plugins.ukraine.websites.search import FIELDS

    return FIELDS


@hookimpl
def ipreg_register_file_purposes() -> Iterable[Any]:
    """II.2.2: what an appeal's files may be (A-02: the seed's list is missing)."""
    from ipreg.plugins.ukraine.websites.procedures.appeal import EVIDENCE

    return [EVIDENCE]
