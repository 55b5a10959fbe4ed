"""The EAEU unified customs register of IP objects, as an ipreg plugin."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import click

from ipreg import hookimpl
from ipreg.core.extension import (
    FilePurpose,
    Jurisdiction,
    ObjectTypeBinding,
    PublicationRule,
    RegisterPackage,
    Role,
)

#: The calendar is the Commission's own (workdays.py).
PACKAGE = RegisterPackage(__name__, "eaeu")


@hookimpl
def ipreg_register_jurisdictions() -> Iterable[Jurisdiction]:
    return [
        Jurisdiction(
            "eaeu",
            {
                "en": "EAEU unified customs register of IP objects",
                "ru": "Единый таможенный реестр объектов интеллектуальной собственности ЕАЭС",
                "uk": "Єдиний митний реєстр об'єктів інтелектуальної власності ЄАЕС",
                "kk": "ЕАЭО зияткерлік меншік объектілерінің бірыңғай кедендік тізілімі",
            },
            plugin="eaeu",
        )
    ]


@hookimpl
def ipreg_register_models() -> Iterable[type[Any]]:
    return PACKAGE.models()


@hookimpl
def ipreg_migration_locations() -> Iterable[str]:
    return PACKAGE.migration_locations()


@hookimpl
def ipreg_register_demo_loaders() -> Iterable[Any]:
    return PACKAGE.demo_loaders()


@hookimpl
def ipreg_register_code_lists() -> Iterable[Any]:
    from ipreg.plugins.eaeu.codes import code_lists

    return code_lists()


@hookimpl
def ipreg_register_procedures() -> Iterable[Any]:
    return PACKAGE.procedures()


@hookimpl
def ipreg_register_calendars() -> Iterable[Any]:
    from ipreg.plugins.eaeu.workdays import calendar

    return [calendar()]


@hookimpl
def ipreg_register_object_types() -> Iterable[ObjectTypeBinding]:
    from ipreg.plugins.eaeu.graphql.types import EaeuRegisterEntry

    return [ObjectTypeBinding("eaeu", EaeuRegisterEntry,
                              feed_entities=("eaeu_entry", "eaeu_turnover"))]


@hookimpl
def ipreg_register_publication_rules() -> Iterable[PublicationRule]:
    """R174 Appendix 1 (digest §4.12): what of an entry the core may show everyone."""
    from ipreg.plugins.eaeu.graphql.visibility import PUBLICATION_RULE

    return [PUBLICATION_RULE]


@hookimpl
def ipreg_register_file_purposes() -> Iterable[FilePurpose]:
    """What applicants upload: R174 A1 T1 5.4 images, table 10 images and media."""
    from ipreg.plugins.eaeu.store import FILE_RULES

    return list(FILE_RULES.values())


@hookimpl
def ipreg_register_query_fields() -> Iterable[type[Any]]:
    from ipreg.plugins.eaeu.graphql.exchange import EaeuExchangeQuery
    from ipreg.plugins.eaeu.graphql.query import EaeuQuery

    return [EaeuQuery, EaeuExchangeQuery]


@hookimpl
def ipreg_register_mutation_fields() -> Iterable[type[Any]]:
    from ipreg.plugins.eaeu.graphql.exchange import EaeuExchangeMutation
    from ipreg.plugins.eaeu.graphql.mutation import EaeuMutation

    return [EaeuMutation, EaeuExchangeMutation]


@hookimpl
def ipreg_register_routes() -> Iterable[Any]:
    """PRC.012 exports of any result set: ``/eaeu/export.csv``, ``/eaeu/export.xlsx``."""
    from ipreg.plugins.eaeu.http import ROUTES

    return ROUTES


@hookimpl
def ipreg_register_commands(cli: click.Group) -> None:
    from ipreg.plugins.eaeu.cli import register

    register(cli)


@hookimpl
def ipreg_register_legal_points() -> Iterable[Any]:
    """The points of digest eaeu-register.md the plugin knows of (``ipreg compliance``)."""
    return PACKAGE.legal_points()


@hookimpl
def ipreg_register_roles() -> Iterable[Role]:
    """The participants of R174 p.10: the Commission's officials and the authorized bodies
    (the member states' central customs authorities) read the register's non-public data."""
    return [
        Role("authorized_body",
             {"en": "Authorized body of a member state (central customs authority)",
              "ru": "Уполномоченный орган государства-члена (центральный таможенный орган)"},
             official=True),
        Role("commission_official", {"en": "Official of the Eurasian Economic Commission",
                                     "ru": "Должностное лицо Евразийской экономической комиссии"},
             official=True),
    ]
