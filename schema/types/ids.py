"""Global IDs: how an argument or a field names an entity of the API.

Every entity a client can address is a ``Node`` and is named by its global ID
everywhere, in arguments and in fields: base64 of ``Type:<database id>``
(strawberry.relay), where ``Type`` is the GraphQL type that shows it, so
``node(id:)`` answers with that type. A case shown by the core's ``Case`` and
by its register's own type (``EaeuCase``) has an ID of each type; an argument
that names a case accepts either (:func:`database_id_of` with the interface
``RegisterCase``), and an argument that names an IP object accepts the ID of any
``IPObject`` type.

:func:`database_id_of` turns an argument's global ID into the database id, with
``BAD_USER_INPUT`` naming the argument when it names another kind of entity
(the syntax of every ``ID`` argument is checked before, by
:mod:`ipreg.schema.arguments`); :func:`global_id` makes a field's value.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLInterfaceType, GraphQLObjectType
from strawberry import relay

from ipreg.core.checks import database_id
from ipreg.core.errors import BadUserInput


def global_id(type_name: str, database_id: int | str) -> relay.GlobalID:
    """The global ID of the entity ``database_id`` shown as ``type_name``."""
    return relay.GlobalID(type_name=type_name, node_id=str(database_id))


def names(schema: Any, type_name: str, of: str) -> bool:
    """Is ``type_name`` the GraphQL type ``of``, or a type implementing the interface ``of``?"""
    if type_name == of:
        return True
    graphql_schema = getattr(schema, "_schema", schema)
    found = graphql_schema.get_type(type_name)
    if not isinstance(found, GraphQLObjectType | GraphQLInterfaceType):
        return False
    return any(interface.name == of for interface in found.interfaces)


def database_id_of(info: Any, value: relay.GlobalID, of: str, argument: str) -> int:
    """The database id named by the global ID ``value`` of the argument ``argument``,
    which must name a ``of`` (a type, or any type implementing the interface ``of``):
    ``BAD_USER_INPUT`` with ``extensions.argument`` = ``argument`` otherwise."""
    found = database_id(value.node_id) if names(info.schema, value.type_name, of) else None
    if found is None:
        raise BadUserInput(
            f"{argument}: {str(value)!r} is the global ID of a {value.type_name}, not of "
            f"a {of}", argument=argument)
    return found


#: Entity kinds (of the change feed and the audit trail) shown as one core node type.
ENTITY_NODE_TYPES = {"case": "Case", "notification": "Notification", "party": "Party"}
#: The entity kind of a node, by the type or interface it is (inverse of the above).
NODE_ENTITIES = (("IPObject", "ip_object"), ("RegisterCase", "case"),
                 ("Notification", "notification"), ("Party", "party"))


def party_id(value: int | None) -> relay.GlobalID | None:
    """The global ID of party ``value`` (a database id), or None."""
    return None if value is None else global_id("Party", value)


def entity_node_id(registry: Any, entity: str, entity_id: Any,
                   jurisdiction: str | None) -> relay.GlobalID | None:
    """The global ID of an entity of the change feed or the audit trail: an
    ``ip_object`` (or an entity a register binds to its objects,
    ``ObjectTypeBinding.feed_entities``) as its register's object type, a ``case``,
    ``notification`` or ``party`` as the core's type; None for any other entity (an
    API key, an export) or an id that is no database id."""
    if database_id(str(entity_id)) is None:
        return None
    type_name = ENTITY_NODE_TYPES.get(entity)
    if entity == "ip_object":
        binding = registry.object_types.get(jurisdiction or "")
        type_name = binding.graphql_type.__strawberry_definition__.name if binding else (
            "GenericIPObject")
    elif type_name is None:
        for binding in registry.object_types.values():
            if entity in binding.feed_entities:
                type_name = binding.graphql_type.__strawberry_definition__.name
    return global_id(type_name, entity_id) if type_name is not None else None


def node_entity(info: Any, value: relay.GlobalID, argument: str) -> tuple[str, int]:
    """The entity kind and database id a global ID names (``ip_object``, ``case``,
    ``notification``, ``party``), for filters on the audit trail: ``BAD_USER_INPUT``
    naming ``argument`` for a node of no such kind."""
    for of, entity in NODE_ENTITIES:
        if names(info.schema, value.type_name, of):
            return entity, database_id_of(info, value, of, argument)
    raise BadUserInput(f"{argument}: {str(value)!r} names a {value.type_name}, which the "
                       "audit trail does not record", argument=argument)


__all__ = ["database_id_of", "entity_node_id", "global_id", "names", "node_entity",
           "party_id"]
