"""The anonymous contract walk: every field of every type an anonymous caller can reach.

:func:`anonymous_schema_walk` reads the live schema by introspection and builds
its queries from it, so it follows the schema wherever it changes (a new
field, a node id, a connection's ``edges`` or ``last``): for each root
``Query`` field an anonymous caller may call it selects every scalar and enum
field and recurses into every object, interface and union field (inline
fragments on every possible type) as deep as the server's depth limit allows,
a type's fields expanded once on each path. Pages are small; a query the
server's limits (depth, aliases, cost: :mod:`ipreg.schema.limits`) would refuse
is split into several that each select part of it. Root connections are
walked page by page to the end, so every object of the register is shown
once at least. Required arguments are filled from what the walk already saw
(an argument takes the values of the field of the same name of the type the
root field returns: ``node(id:)`` every ``id`` of a node, ``nodes(ids:)`` all of
them, ``codeList(id:)`` every code list's ``id``), from ``sources`` (an
argument -> a ``Type.field`` whose values it takes) or from ``values``.

It asserts what a client generated from the SDL relies on: no answer has an
error, and no field the schema declares non-null is null (GraphQL would have
nulled the parent instead, and with it the whole answer). A field the law
does not publish must therefore be nullable, or empty, for anonymous callers.

The root fields in ``signed_in_only`` are not walked: each must refuse an
anonymous caller with ``UNAUTHENTICATED`` or ``FORBIDDEN`` and nothing else, and
its description must name that code (what a generated client's docs show).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLError,
    GraphQLField,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    build_client_schema,
    get_introspection_query,
    get_named_type,
    is_abstract_type,
    is_leaf_type,
    parse,
    print_ast,
    validate,
)
from graphql.pyutils import Undefined as _UNDEFINED
from graphql.utilities import ast_from_value

from ipreg.core.config import Settings
from ipreg.schema.limits import QueryLimits, measure

#: Posts a document with variables, returns the JSON answer (``GraphQLClient.query``).
Query = Callable[[str, dict[str, Any] | None], Awaitable[dict[str, Any]]]
#: How a signed-in only query may refuse an anonymous caller.
REFUSALS = frozenset({"UNAUTHENTICATED", "FORBIDDEN"})
#: Core query fields that answer only signed-in callers (UNAUTHENTICATED otherwise).
CORE_SIGNED_IN_ONLY = frozenset({"cases", "changes", "inbox", "auditRecords",
                                 "overdueTimeLimits"})
#: Arguments of core query fields filled from values the walk saw.
CORE_SOURCES: Mapping[str, str] = {"search.text": "IPObject.name"}


# ---------------------------------------------------------------- selections


@dataclass
class Item:
    """One selection: a field (``name``), or an inline fragment (``on``)."""

    key: str
    name: str = ""
    arguments: str = ""
    type: Any = None  # the field's GraphQL output type
    parent: str = ""
    on: str = ""
    sub: Sel | None = None

    def render(self) -> str:
        inner = f" {{ {self.sub.render()} }}" if self.sub is not None else ""
        if self.on:
            return f"... on {self.on}{inner}"
        alias = f"{self.key}: " if self.key != self.name else ""
        return f"{alias}{self.name}{self.arguments}{inner}"


@dataclass
class Sel:
    """A selection set (``__typename`` is always part of it)."""

    items: dict[str, Item] = field(default_factory=dict)

    def render(self) -> str:
        return " ".join(["__typename", *(i.render() for i in self.items.values())])

    def leaves(self) -> Sel:
        return Sel({k: i for k, i in self.items.items() if i.sub is None})

    def composites(self) -> list[Item]:
        return [i for i in self.items.values() if i.sub is not None]


def _literal(value: Any, gtype: GraphQLInputType) -> str:
    node = ast_from_value(value, gtype)
    if node is None:
        raise AssertionError(f"cannot write {value!r} as {gtype}")
    return print_ast(node)


def _arguments(values: Mapping[str, Any], gfield: GraphQLField) -> str:
    if not values:
        return ""
    parts = [f"{name}: {_literal(v, gfield.args[name].type)}" for name, v in values.items()]
    return f"({', '.join(parts)})"


def _required(gfield: GraphQLField) -> list[str]:
    """The arguments a query must give: non-null, without a default (graphql-core 3.3
    keeps an introspected default in ``default``, 3.2 in ``default_value``)."""
    return [n for n, a in gfield.args.items()
            if isinstance(a.type, GraphQLNonNull) and a.default_value is _UNDEFINED
            and getattr(a, "default", None) is None]


def _enum_or_bool(arg_type: GraphQLInputType) -> list[Any] | None:
    """Every value of a required enum or Boolean argument (they are few)."""
    named = get_named_type(arg_type)
    if isinstance(named, GraphQLEnumType):
        return list(named.values)
    if isinstance(named, GraphQLScalarType) and named.name == "Boolean":
        return [False, True]
    return None


@dataclass
class _Builder:
    schema: GraphQLSchema
    nested_page_size: int
    #: Type.field -> why it was not selected (a required argument nobody gave).
    unselected: dict[str, str] = field(default_factory=dict)
    selected: set[str] = field(default_factory=set)

    def selection(self, named: GraphQLNamedType, budget: int, path: frozenset[str]) -> Sel:
        """Every field of ``named``; composites while ``budget`` (depth) lasts, each
        type expanded once per path (below that: ``__typename`` only)."""
        sel = Sel()
        if is_abstract_type(named):
            for possible in sorted(self.schema.get_possible_types(named),
                                   key=lambda t: t.name):
                sel.items[f"... on {possible.name}"] = Item(
                    key=f"... on {possible.name}", on=possible.name,
                    sub=self.selection(possible, budget, path))
            self._alias_conflicts(sel)
            return sel
        assert isinstance(named, GraphQLObjectType | GraphQLInterfaceType)
        if named.name in path:
            return sel
        path = path | {named.name}
        for name, gfield in named.fields.items():
            if _required(gfield):
                values = {n: _enum_or_bool(gfield.args[n].type) for n in _required(gfield)}
                if any(v is None for v in values.values()):
                    self.unselected[f"{named.name}.{name}"] = "a required argument"
                    continue
                given = {n: v[0] for n, v in values.items() if v}
            else:
                given = {}
            if "first" in gfield.args:
                given["first"] = self.nested_page_size
            inner = get_named_type(gfield.type)
            item = Item(key=name, name=name, arguments=_arguments(given, gfield),
                        type=gfield.type, parent=named.name)
            if not is_leaf_type(inner):
                if budget < 1:
                    self.unselected.setdefault(f"{named.name}.{name}", "too deep")
                    continue
                item.sub = self.selection(inner, budget - 1, path)
            self.selected.add(f"{named.name}.{name}")
            self.unselected.pop(f"{named.name}.{name}", None)
            sel.items[name] = item
        return sel

    @staticmethod
    def _alias_conflicts(sel: Sel) -> None:
        """Fields of the same name with different types in sibling fragments cannot be
        merged (OverlappingFieldsCanBeMergedRule): alias them ``name_Type``."""
        seen: dict[str, str] = {}
        for fragment in sel.items.values():
            assert fragment.sub is not None
            renamed: dict[str, Item] = {}
            for key, item in fragment.sub.items.items():
                shape = str(item.type)
                if seen.setdefault(key, shape) != shape:
                    item.key = f"{key}_{fragment.on}"
                renamed[item.key] = item
            fragment.sub.items = renamed


# ---------------------------------------------------------------- checking answers


@dataclass
class AnonymousWalk:
    """What :func:`anonymous_schema_walk` did: requests made, ``Type.field`` selected
    and answered with a value (``shown``) or null/empty (``empty``), root fields walked
    and refused, and the values seen of each scalar field."""

    requests: int = 0
    walked: dict[str, int] = field(default_factory=dict)
    refused: dict[str, set[str]] = field(default_factory=dict)
    selected: set[str] = field(default_factory=set)
    unselected: dict[str, str] = field(default_factory=dict)
    shown: set[str] = field(default_factory=set)
    empty: set[str] = field(default_factory=set)
    seen: dict[str, list[Any]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def values(self, schema: GraphQLSchema, path: str) -> list[list[Any]]:
        """Values seen of ``Type.field``; for an interface or union, of each of its
        possible types."""
        type_name, name = path.split(".", 1)
        named = schema.get_type(type_name)
        names = [type_name]
        if named is not None and is_abstract_type(named):
            names += sorted(t.name for t in schema.get_possible_types(named))
        return [self.seen[f"{n}.{name}"] for n in names if self.seen.get(f"{n}.{name}")]

    def check(self, value: Any, gtype: GraphQLOutputType, sel: Sel | None, where: str) -> None:
        """Nulls only where the schema allows them; record what was shown and seen."""
        if value is None:
            if isinstance(gtype, GraphQLNonNull):
                self.problems.append(f"{where} is null but declared {gtype}")
            return
        if isinstance(gtype, GraphQLNonNull):
            gtype = gtype.of_type
        if isinstance(gtype, GraphQLList):
            for i, element in enumerate(value):
                self.check(element, gtype.of_type, sel, f"{where}[{i}]")
            return
        if sel is None:
            return
        typename = value["__typename"]
        self._items(value, typename, sel, where)

    def _items(self, value: dict[str, Any], typename: str, sel: Sel, where: str) -> None:
        for item in sel.items.values():
            if item.on:
                if item.on == typename and item.sub is not None:
                    self._items(value, typename, item.sub, where)
                continue
            found = value[item.key]
            path = f"{typename}.{item.name}"
            (self.shown if found not in (None, []) else self.empty).add(path)
            if item.sub is None and found is not None:
                seen = self.seen.setdefault(path, [])
                for v in found if isinstance(found, list) else [found]:
                    if len(seen) < 10_000 and v not in seen:
                        seen.append(v)
            self.check(found, item.type, item.sub, f"{where}.{item.key}")


_PLACEHOLDERS: dict[str, Any] = {"Int": 1, "Float": 1.0, "Boolean": True}


def _codes(answer: Mapping[str, Any]) -> set[str]:
    return {(e.get("extensions") or {}).get("code") or "" for e in answer.get("errors") or []}


# ---------------------------------------------------------------- the walk


def _is_connection(gfield: GraphQLField) -> bool:
    named = get_named_type(gfield.type)
    if "after" not in gfield.args or "first" not in gfield.args:
        return False
    if not isinstance(named, GraphQLObjectType) or "pageInfo" not in named.fields:
        return False
    page_info = get_named_type(named.fields["pageInfo"].type)
    return isinstance(page_info, GraphQLObjectType) and {
        "hasNextPage", "endCursor"} <= set(page_info.fields)


def _spread(values: list[Any], count: int) -> list[Any]:
    """Up to ``count`` of ``values``, evenly spread (first and last included)."""
    if len(values) <= count:
        return values
    step = (len(values) - 1) / (count - 1) if count > 1 else 0
    return [values[i] for i in sorted({round(i * step) for i in range(count)})]


class _Walker:
    def __init__(self, query: Query, schema: GraphQLSchema, limits: QueryLimits, *,
                 page_size: int, nested_page_size: int, samples: int,
                 max_tokens: int = Settings.max_tokens) -> None:
        self.max_tokens = max_tokens
        self.query = query
        self.schema = schema
        self.limits = limits
        self.page_size = page_size
        self.samples = samples
        self.builder = _Builder(schema, nested_page_size)
        self.report = AnonymousWalk()

    def fits(self, document: str) -> bool:
        """Within the server's depth, alias, cost and token limits (IPREG_MAX_TOKENS: a
        document of more tokens is refused before it is parsed)."""
        try:
            parsed = parse(document, max_tokens=self.max_tokens)
        except GraphQLError:
            return False
        errors = validate(self.schema, parsed)
        assert not errors, f"the walk wrote an invalid query: {errors[0]}\n{document}"
        [(_, sizes)] = measure(self.schema, parsed, self.limits)
        return (sizes.depth <= self.limits.max_depth and sizes.aliases <= self.limits.max_aliases
                and sizes.cost <= self.limits.max_cost)

    def pieces(self, sel: Sel, wrap: Callable[[Sel], str]) -> list[Sel]:
        """``sel`` split into selections that each fit the limits (in ``wrap``), and
        together select every field of it."""
        if self.fits(wrap(sel)):
            return [sel]
        leaves = sel.leaves()
        assert self.fits(wrap(leaves)), f"even the scalars do not fit the limits: {wrap(leaves)}"
        out = [leaves] if leaves.items or not sel.composites() else []
        for item in sel.composites():
            assert item.sub is not None

            def inner(sub: Sel, item: Item = item) -> str:
                return wrap(Sel({item.key: _with(item, sub)}))

            out += [Sel({item.key: _with(item, piece)}) for piece in self.pieces(item.sub, inner)]
        return out

    async def ask(self, document: str, where: str) -> dict[str, Any] | None:
        self.report.requests += 1
        answer = await self.query(document, None)
        if answer.get("errors"):
            said = "; ".join(
                f"{(e.get('extensions') or {}).get('code')} at "
                f"{'.'.join(str(p) for p in e.get('path') or [])}: {e.get('message')}"
                for e in answer["errors"][:3])
            self.report.problems.append(f"{where}: {said}\n  query: {document[:500]}")
            return None
        data: dict[str, Any] | None = answer.get("data")
        if data is None:
            self.report.problems.append(f"{where}: data is null\n  query: {document[:500]}")
        return data

    async def walk_root(self, name: str, arguments: Mapping[str, Any]) -> None:
        assert self.schema.query_type is not None
        gfield = self.schema.query_type.fields[name]
        given = dict(arguments)
        connection = _is_connection(gfield)
        if connection or "first" in gfield.args:
            given.setdefault("first", self.page_size)
        named = get_named_type(gfield.type)
        item = Item(key=name, name=name, type=gfield.type, parent="Query")
        where = f"{name}{_arguments(given, gfield)}"
        cursors: list[Any] = [given.get("after")]
        if connection:
            while True:
                args = _arguments({**given, "after": cursors[-1]}, gfield)
                data = await self.ask(
                    f"{{ {name}{args} {{ pageInfo {{ hasNextPage endCursor }} }} }}", where)
                if data is None:
                    return
                info = data[name]["pageInfo"]
                if not info["hasNextPage"]:
                    break
                cursors.append(info["endCursor"])
        self.report.walked[name] = self.report.walked.get(name, 0) + len(cursors)
        sel = Sel() if is_leaf_type(named) else self.builder.selection(
            named, self.limits.max_depth - 1, frozenset())
        for cursor in cursors:
            page = {**given, "after": cursor} if connection else given
            item.arguments = _arguments(page, gfield)

            def wrap(sub: Sel, item: Item = item) -> str:
                return f"{{ {_with(item, sub).render()} }}"

            if is_leaf_type(named):
                pieces: list[Sel | None] = [None]
            else:
                pieces = list(self.pieces(sel, wrap))
            for piece in pieces:
                document = f"{{ {_with(item, piece).render()} }}"
                data = await self.ask(document, where)
                if data is not None:
                    self.report.check(data[name], gfield.type, piece, f"{where}")

    def fill(self, name: str, sources: Mapping[str, str],
             values: Mapping[str, Iterable[Any]]) -> list[dict[str, Any]]:
        """Argument sets for the required arguments of root field ``name``."""
        assert self.schema.query_type is not None
        gfield = self.schema.query_type.fields[name]
        named = get_named_type(gfield.type)
        sets: list[dict[str, Any]] = [{}]
        for arg in _required(gfield):
            path = f"{name}.{arg}"
            arg_type = gfield.args[arg].type
            listed = isinstance(getattr(arg_type, "of_type", arg_type), GraphQLList)
            fixed = _enum_or_bool(arg_type)
            groups: list[list[Any]]
            if path in values:
                groups = [list(values[path])]
            elif path in sources:
                groups = self.report.values(self.schema, sources[path])
            elif fixed is not None:
                groups = [fixed]
            else:
                field_name = arg[:-1] if listed and arg.endswith("s") else arg
                groups = self.report.values(self.schema, f"{named.name}.{field_name}")
            if not any(groups):
                raise AssertionError(
                    f"no value for the required argument {path}: walk a query that shows "
                    "one first, or give it in sources= or values=")
            options: list[Any]
            if listed:  # pages of values, each mixing every type's
                mixed = [v for row in zip_longest(*groups) for v in row if v is not None]
                chunk = self.page_size
                options = _spread([mixed[i:i + chunk] for i in range(0, len(mixed), chunk)],
                                  self.samples)
            else:  # a few of each type's values
                options = [v for group in groups for v in _spread(group, self.samples)]
            sets = [{**s, arg: o} for s in sets for o in options]
        return sets

    async def refuse(self, name: str, sources: Mapping[str, str],
                     values: Mapping[str, Iterable[Any]]) -> None:
        assert self.schema.query_type is not None
        gfield = self.schema.query_type.fields[name]
        try:
            arguments = self.fill(name, sources, values)[0]
        except AssertionError:
            # A value of the argument's type: the refusal comes before the lookup.
            arguments = {a: _PLACEHOLDERS.get(get_named_type(gfield.args[a].type).name, "1")
                         for a in _required(gfield)}
        selection = "" if is_leaf_type(get_named_type(gfield.type)) else " { __typename }"
        document = f"{{ {name}{_arguments(arguments, gfield)}{selection} }}"
        self.report.requests += 1
        answer = await self.query(document, None)
        codes = _codes(answer)
        self.report.refused[name] = codes
        if not codes or not codes <= REFUSALS or (answer.get("data") or {}).get(name):
            self.report.problems.append(
                f"{name} is signed-in only, yet answered an anonymous caller {answer}")
        undocumented = sorted(c for c in codes if c not in (gfield.description or ""))
        if undocumented:
            self.report.problems.append(
                f"{name} refuses anonymous callers with {', '.join(undocumented)}: say so in "
                f"its description (it says {gfield.description!r})")


def _with(item: Item, sub: Sel | None) -> Item:
    return Item(key=item.key, name=item.name, arguments=item.arguments, type=item.type,
                parent=item.parent, on=item.on, sub=sub)


async def introspect(query: Query) -> GraphQLSchema:
    """The live schema, as a client reads it."""
    answer = await query(get_introspection_query(descriptions=True), None)
    assert not answer.get("errors"), answer["errors"]
    return build_client_schema(answer["data"])


async def anonymous_schema_walk(
    query: Query,
    limits: QueryLimits | Settings | None = None,
    *,
    signed_in_only: Collection[str] = CORE_SIGNED_IN_ONLY,
    sources: Mapping[str, str] | None = None,
    values: Mapping[str, Iterable[Any]] | None = None,
    variants: Mapping[str, Iterable[Mapping[str, Any]]] | None = None,
    page_size: int = 10,
    nested_page_size: int = 2,
    samples: int = 5,
) -> AnonymousWalk:
    """Walk every root query an anonymous caller may call; fail on an error or a null
    where the schema promises a value (see the module's docstring).

    ``query`` posts as an anonymous caller (``GraphQLClient.query``); ``limits`` are
    the server's query limits, or its settings (``runtime.settings``; default: the
    default limits). ``sources`` and
    ``values`` give required arguments (``"search.text"``) a ``Type.field`` whose
    values they take, or values; ``variants`` more argument sets to walk a root
    field with (``{"eaeuEntries": [{"asOf": "2025-01-01"}]}``). Returns what was
    walked, for further assertions (that the walk showed something of each type).
    """
    max_tokens = limits.max_tokens if isinstance(limits, Settings) else Settings.max_tokens
    if not isinstance(limits, QueryLimits):
        limits = QueryLimits.from_settings(limits) if limits is not None else QueryLimits()
    schema = await introspect(query)
    walker = _Walker(query, schema, limits, page_size=page_size,
                     nested_page_size=nested_page_size, samples=samples,
                     max_tokens=max_tokens)
    sources = {**CORE_SOURCES, **(sources or {})}
    values = values or {}
    assert schema.query_type is not None
    roots = schema.query_type.fields
    unknown = set(signed_in_only) - set(roots)
    assert not unknown, f"signed_in_only names no query field: {sorted(unknown)}"
    # Those that need no argument first: they show the values the others take.
    order = sorted((n for n in roots if n not in signed_in_only),
                   key=lambda n: (bool(_required(roots[n])), n in ("node", "nodes"), n))
    for name in order:
        try:
            argument_sets = walker.fill(name, sources, values)
        except AssertionError as error:  # reported with what broke before it
            walker.report.problems.append(str(error))
            continue
        for arguments in argument_sets:
            await walker.walk_root(name, arguments)
        for variant in (variants or {}).get(name, ()):
            await walker.walk_root(name, variant)
    for name in sorted(signed_in_only):
        await walker.refuse(name, sources, values)
    report = walker.report
    report.selected = walker.builder.selected
    report.unselected = walker.builder.unselected
    problems = report.problems
    assert not problems, (
        f"{len(problems)} anonymous answers broke the schema's promises:\n"
        + "\n".join(p[:1500] for p in problems[:20]))
    return report


__all__ = ["CORE_SIGNED_IN_ONLY", "AnonymousWalk", "anonymous_schema_walk", "introspect"]
