"""Limits on a GraphQL document: depth, aliases and an estimated cost (issue 12 §2).

Every limit is computed in one pass over the document, in time linear in its
size: each fragment definition is measured once (its depth, its aliases and its
cost, which do not depend on where it is spread, since its fields are looked up
on its own type condition) and a spread adds the fragment's measures. Repeated
spreads therefore count as often as they appear in the *expanded* document
(``...F1 ...F1`` is twice F1), yet nothing is expanded: the counts are added
and multiplied, and saturate at :data:`SATURATED`. The rules this replaces
(strawberry's ``QueryDepthLimiter`` and ``MaxAliasesLimiter``) expanded every
spread again, so a 900-byte document of 21 fragments each spreading the next
twice took seconds.

Measures, per operation (each operation of a document is checked, although one
request runs only one of them):

* **depth**: a leaf field counts 0, a field with a selection 1 + the depth of
  its selection; the operation's depth is its deepest root field. This is the
  depth strawberry's ``QueryDepthLimiter`` measured (``{ a { b { c } } }`` is 2),
  except that introspection fields (``__schema``, ``__type``) count too. Only
  ``__Type.ofType`` does not deepen: it unwraps a type reference (``[Int!]!``),
  which ends after a few levels whatever is asked, and the standard
  introspection queries nest it 7 (graphql-js, GraphiQL) to 9 (graphql-core)
  times; the nesting of ``fields``/``interfaces``/``possibleTypes`` is bounded
  by graphql-core's ``MaxIntrospectionDepthRule`` as well.
* **aliases**: aliased fields in the expanded document.
* **cost**: each field costs 1 plus its selection's cost times the field's
  multiplier. A page (a field with a ``first`` or ``last`` argument) multiplies
  by the page size asked for: a literal; with a variable, ``IPREG_MAX_PAGE_SIZE``
  (or the argument's default if larger); left out, the argument's default,
  else ``IPREG_DEFAULT_PAGE_SIZE``. A list asked for by a list argument
  (``nodes(ids: [...])``) multiplies by the literal list's length, or by
  ``IPREG_MAX_PAGE_SIZE`` for a variable. Any other list (an entry's goods, a case's history,
  the items of a page) counts its selection once: it holds what one entity
  has, and counting it as a page would refuse ordinary queries (a page of 50
  register entries with every field, as ``tests/eaeu/test_sync_replica.py``
  reads them, estimates 17,551 so; 98,301 with such lists counted twice and
  2,037,939,501 counted as default pages). It is an estimate of the work, meant
  to refuse the absurd (fragments spread 2^21 times, 30 aliased pages of 100
  entries), not to bill.
* **schema reads**: the ``__schema`` fields of the expanded document; an operation
  reads the schema **once**. What one read costs is bounded by the schema the
  server was deployed with, not by the caller (graphql-core's
  ``MaxIntrospectionDepthRule`` bounds the nesting of its lists), so inside it
  ``types`` counts its selection once, as any list of what one entity has.
  Measured (schema of the four registers, 381 types, 1,989 fields, this 2-core
  machine): the standard introspection query (graphql-core, with descriptions)
  runs in 200-330 ms; with ``types`` multiplied by the number of types it was
  estimated at 65,200, over the default limit, so adding a register would have
  refused every GraphQL tool's introspection. Repeating the read (aliases,
  fragments) is what could multiply that work, and is refused.

A document this module cannot make sense of (an unknown field or fragment, a
fragment cycle) is measured as best it can, never loops, and is left for
graphql-core's own rules to refuse.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from graphql import (
    ArgumentNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLCompositeType,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    NamedTypeNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_composite_type,
)
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef, TypeNameMetaFieldDef

from ipreg.core.config import Settings

QUERY_TOO_DEEP = "QUERY_TOO_DEEP"
TOO_MANY_ALIASES = "TOO_MANY_ALIASES"
QUERY_TOO_COSTLY = "QUERY_TOO_COSTLY"

#: Counts stop growing here: far above any limit, small enough for cheap arithmetic.
SATURATED = 1 << 62

PAGE_ARGUMENTS = ("first", "last")


class Measures(NamedTuple):
    """What a selection (or a whole operation) measures."""

    depth: int
    aliases: int
    cost: int
    #: ``__schema`` fields (fragments expanded).
    schema_reads: int = 0


NOTHING = Measures(0, 0, 0)


@dataclass(frozen=True)
class QueryLimits:
    max_depth: int = 12
    max_aliases: int = 30
    max_cost: int = 50_000
    default_page_size: int = 20
    max_page_size: int = 100

    @classmethod
    def from_settings(cls, settings: Settings) -> QueryLimits:
        return cls(
            max_depth=settings.max_query_depth,
            max_aliases=settings.max_aliases,
            max_cost=settings.max_query_cost,
            default_page_size=settings.default_page_size,
            max_page_size=settings.max_page_size,
        )


def _cap(value: int) -> int:
    return value if value < SATURATED else SATURATED


class _Measurer:
    """Measures the operations of one document; each fragment is measured once."""

    def __init__(self, schema: GraphQLSchema, document: DocumentNode,
                 limits: QueryLimits) -> None:
        self.schema = schema
        self.limits = limits
        self.fragments: dict[str, FragmentDefinitionNode] = {}
        for definition in document.definitions:
            if isinstance(definition, FragmentDefinitionNode):
                # A repeated name is refused by UniqueFragmentNamesRule; the first counts here.
                self.fragments.setdefault(definition.name.value, definition)
        self.measured: dict[str, Measures] = {}

    def operations(self, document: DocumentNode
                   ) -> list[tuple[OperationDefinitionNode, Measures]]:
        self._measure_fragments()
        measured = []
        for definition in document.definitions:
            if isinstance(definition, OperationDefinitionNode):
                root = self.schema.get_root_type(definition.operation)
                measured.append((definition, self._selection_set(definition.selection_set, root)))
        return measured

    # -------------------------------------------------------------- fragments

    def _measure_fragments(self) -> None:
        """Measure every fragment, those it spreads first, without recursion.

        A spread that closes a cycle (refused by NoFragmentCyclesRule) is not
        followed: its fragment is still being measured, and counts as nothing.
        """
        for root in self.fragments:
            if root in self.measured:
                continue
            path: list[tuple[str, Iterator[str]]] = [(root, self._spreads(root))]
            on_path = {root}
            while path:
                name, spreads = path[-1]
                for spread in spreads:
                    if spread in self.fragments and spread not in self.measured \
                            and spread not in on_path:
                        path.append((spread, self._spreads(spread)))
                        on_path.add(spread)
                        break
                else:
                    path.pop()
                    on_path.discard(name)
                    fragment = self.fragments[name]
                    self.measured[name] = self._selection_set(
                        fragment.selection_set, self._condition(fragment.type_condition, None))

    def _spreads(self, name: str) -> Iterator[str]:
        """The names of the fragments a fragment spreads (inside its own definition)."""
        stack = [self.fragments[name].selection_set]
        while stack:
            for selection in stack.pop().selections:
                if isinstance(selection, FragmentSpreadNode):
                    yield selection.name.value
                elif selection.selection_set is not None:  # type: ignore[attr-defined]
                    stack.append(selection.selection_set)  # type: ignore[attr-defined]

    def _condition(self, condition: NamedTypeNode | None,
                   parent: GraphQLCompositeType | None) -> GraphQLCompositeType | None:
        if condition is None:
            return parent
        found = self.schema.get_type(condition.name.value)
        return found if is_composite_type(found) else None

    # -------------------------------------------------------------- selections

    def _selection_set(self, selection_set: SelectionSetNode,
                       parent: GraphQLCompositeType | None) -> Measures:
        """The measures of a selection set. The nesting within one definition is
        bounded by the parser (graphql-core's MAX_NESTING_DEPTH), so this recursion is."""
        depth = aliases = cost = reads = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                aliases += 1 if selection.alias is not None else 0
                if selection.name.value == "__schema" and parent is self.schema.query_type:
                    reads += 1
                if selection.selection_set is None:
                    cost += 1
                    continue
                field = self._field(parent, selection.name.value)
                child = get_named_type(field.type) if field is not None else None
                inner = self._selection_set(
                    selection.selection_set,
                    child if is_composite_type(child) else None,
                )
                unwraps = parent is not None and parent.name == "__Type" \
                    and selection.name.value == "ofType"
                depth = max(depth, inner.depth + (0 if unwraps else 1))
                aliases += inner.aliases
                reads += inner.schema_reads
                cost += 1 + _cap(self._multiplier(parent, field, selection) * inner.cost)
            elif isinstance(selection, InlineFragmentNode):
                inner = self._selection_set(
                    selection.selection_set, self._condition(selection.type_condition, parent))
                depth = max(depth, inner.depth)
                aliases += inner.aliases
                cost += inner.cost
                reads += inner.schema_reads
            elif isinstance(selection, FragmentSpreadNode):
                inner = self.measured.get(selection.name.value, NOTHING)
                depth = max(depth, inner.depth)
                aliases += inner.aliases
                cost += inner.cost
                reads += inner.schema_reads
            aliases = _cap(aliases)
            cost = _cap(cost)
            reads = _cap(reads)
        return Measures(depth, aliases, cost, reads)

    def _field(self, parent: GraphQLCompositeType | None, name: str) -> GraphQLField | None:
        if parent is None:
            return None
        if name == "__typename":
            return TypeNameMetaFieldDef
        if parent is self.schema.query_type:
            if name == "__schema":
                return SchemaMetaFieldDef
            if name == "__type":
                return TypeMetaFieldDef
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return parent.fields.get(name)
        return None  # a union has no fields but __typename

    def _multiplier(self, parent: GraphQLCompositeType | None, field: GraphQLField | None,
                    node: FieldNode) -> int:
        """How many times a field's selection counts (see the module's docstring)."""
        if field is None:
            return 1
        limits = self.limits
        paged = [name for name in PAGE_ARGUMENTS if name in field.args]
        if paged:
            given = {a.name.value: a for a in node.arguments or ()}
            sizes = [self._page_size(field, name, given.get(name)) for name in paged
                     if name in given or _int_default(field, name) is not None]
            return max(sizes) if sizes else limits.default_page_size
        if not isinstance(get_nullable_type(field.type), GraphQLList):
            return 1
        for argument in node.arguments or ():
            definition = field.args.get(argument.name.value)
            if definition is None or not isinstance(
                    get_nullable_type(definition.type), GraphQLList):
                continue
            if isinstance(argument.value, ListValueNode):
                return len(argument.value.values)
            if isinstance(argument.value, VariableNode):
                return limits.max_page_size
            return 1  # a single value, coerced to a list of one
        return 1

    def _page_size(self, field: GraphQLField, name: str, given: ArgumentNode | None) -> int:
        default = _int_default(field, name)
        if given is None:
            return default if default is not None else self.limits.default_page_size
        if isinstance(given.value, IntValueNode):
            digits = given.value.value  # may be thousands of digits, over int()'s limit
            return SATURATED if len(digits) > 18 else max(0, int(digits))
        if isinstance(given.value, VariableNode):
            return max(self.limits.max_page_size, default or 0)
        return self.limits.default_page_size  # not an Int: refused by ValuesOfCorrectTypeRule


def _int_default(field: GraphQLField, name: str) -> int | None:
    """The argument's default when it is an Int: set as a Python value (strawberry's
    ``default_value``) or, in graphql-core 3.3, as a ``GraphQLDefaultInput`` (SDL)."""
    argument = field.args[name]
    candidates: list[Any] = [argument.default_value]
    default = getattr(argument, "default", None)
    if default is not None:
        candidates.append(getattr(default, "value", None))
        literal = getattr(default, "literal", None)
        if isinstance(literal, IntValueNode) and len(literal.value) <= 18:
            candidates.append(int(literal.value))
    for value in candidates:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


def measure(schema: GraphQLSchema, document: DocumentNode,
            limits: QueryLimits) -> list[tuple[OperationDefinitionNode, Measures]]:
    """Each operation of the document with its measures."""
    return _Measurer(schema, document, limits).operations(document)


def check_limits(schema: GraphQLSchema, document: DocumentNode,
                 limits: QueryLimits) -> list[GraphQLError]:
    """An error (with its ``extensions.code``) for each limit an operation exceeds."""
    errors = []
    for operation, sizes in measure(schema, document, limits):
        name = f"Operation '{operation.name.value}'" if operation.name else "The operation"
        if sizes.depth > limits.max_depth:
            errors.append(GraphQLError(
                f"{name} is {sizes.depth} deep; the limit is {limits.max_depth} "
                "(IPREG_MAX_QUERY_DEPTH).",
                operation, extensions={"code": QUERY_TOO_DEEP}))
        if sizes.aliases > limits.max_aliases:
            errors.append(GraphQLError(
                f"{name} has {_count(sizes.aliases)} aliases (fragments expanded); the "
                f"limit is {limits.max_aliases} (IPREG_MAX_ALIASES).",
                operation, extensions={"code": TOO_MANY_ALIASES}))
        if sizes.cost > limits.max_cost:
            errors.append(GraphQLError(
                f"{name} has an estimated cost of {_count(sizes.cost)} (fragments expanded, "
                f"lists counted by their page size); the limit is {limits.max_cost} "
                "(IPREG_MAX_QUERY_COST). Ask for smaller pages or fewer fields.",
                operation, extensions={"code": QUERY_TOO_COSTLY}))
        if sizes.schema_reads > 1:
            errors.append(GraphQLError(
                f"{name} reads `__schema` {_count(sizes.schema_reads)} times (aliases and "
                "fragments expanded); an operation reads the schema once.",
                operation, extensions={"code": QUERY_TOO_COSTLY}))
    return errors


def _count(value: int) -> str:
    return f"more than {SATURATED - 1}" if value >= SATURATED else str(value)
