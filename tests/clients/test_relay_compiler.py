"""relay-compiler accepts the committed SDL: every connection pages both ways, every node refetches.

The documents are generated from schema/schema.graphql, so a new connection or node
type is covered without touching this test: for every field whose type is a
``*Connection``, a fragment pages it forward (``first``/``after``) and one backward
(``last``/``before``) with ``@connection``; for every type implementing ``Node``, a
fragment is ``@refetchable`` (relay's refetch query is ``node(id:)``). relay-compiler
(npm ``relay-compiler``, tests/clients/relay/package.json) compiles them in a
temporary project and must succeed: it refuses ``@connection`` on a list without
``edges { cursor node }``, ``pageInfo`` and the paging arguments, and
``@refetchable`` on a type without ``id: ID!`` or without ``Query.node(id:)``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    Undefined,
    build_schema,
    get_named_type,
    is_non_null_type,
)

ROOT = Path(__file__).resolve().parents[2]
SDL = ROOT / "schema" / "schema.graphql"
RELAY_DIR = Path(__file__).resolve().parent / "relay"
DIRECTIONS = {"Forward": ("first", "after"), "Backward": ("last", "before")}


def _unavailable(reason: str) -> None:
    """Skip on a developer machine; in CI (``CI=true``) relay-compiler is required."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def relay_compiler() -> Path:
    """relay-compiler, installed by ``npm ci`` in tests/clients/relay."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        _unavailable("the relay-compiler check needs Node.js and npm on PATH")
    binary = RELAY_DIR / "node_modules" / ".bin" / "relay-compiler"
    if not binary.exists():
        done = subprocess.run([str(npm), "ci", "--no-audit", "--no-fund"], cwd=RELAY_DIR,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"npm ci failed in {RELAY_DIR}:\n{done.stdout}\n{done.stderr}"
    return binary


def _connection_fields(schema: GraphQLSchema) -> list[tuple[GraphQLObjectType, str, GraphQLField]]:
    """Every field of an object type whose type is a ``*Connection``."""
    found = []
    for type_ in schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__"):
            continue
        for name, field in type_.fields.items():
            if get_named_type(field.type).name.endswith("Connection"):
                found.append((type_, name, field))
    return found


def _node_types(schema: GraphQLSchema) -> list[str]:
    """Every object type and interface implementing ``Node``."""
    return sorted(
        t.name for t in schema.type_map.values()
        if isinstance(t, GraphQLObjectType | GraphQLInterfaceType)
        and any(i.name == "Node" for i in t.interfaces)
    )


def _implements_node(type_: GraphQLObjectType) -> bool:
    return any(i.name == "Node" for i in type_.interfaces)


def connection_fragments(schema: GraphQLSchema) -> list[str]:
    """A forward and a backward ``@connection`` fragment of every connection field."""
    fragments = []
    for parent, name, field in _connection_fields(schema):
        for direction, (size, cursor) in DIRECTIONS.items():
            fragment = f"Ipreg{parent.name}{name[0].upper()}{name[1:]}{direction}"
            definitions = {size: "Int", cursor: "String"}
            for arg_name, arg in field.args.items():  # the field's required arguments
                if (arg_name not in ("first", "after", "last", "before")
                        and is_non_null_type(arg.type) and arg.default_value is Undefined):
                    definitions[arg_name] = str(arg.type)
            arguments = ", ".join(f"{a}: ${a}" for a in definitions)
            declared = ", ".join(f'{a}: {{type: "{t}"}}' for a, t in definitions.items())
            refetch = (f' @refetchable(queryName: "{fragment}Query")'
                       if parent is schema.query_type or _implements_node(parent) else "")
            fragments.append(
                f"fragment {fragment} on {parent.name}{refetch} "
                f"@argumentDefinitions({declared}) {{\n"
                f'  {name}({arguments}) @connection(key: "{fragment}_{name}") {{\n'
                "    edges { cursor node { __typename } }\n"
                "  }\n}")
    return fragments


def refetchable_fragments(schema: GraphQLSchema) -> list[str]:
    """A ``@refetchable`` fragment on every ``Node`` type."""
    return [f'fragment Ipreg{name}Node on {name} @refetchable(queryName: "Ipreg{name}Refetch")'
            " { id }" for name in _node_types(schema)]


def test_the_generated_documents_cover_every_connection_and_node() -> None:
    schema = build_schema(SDL.read_text(encoding="utf-8"))
    connections = {f"{p.name}.{n}" for p, n, _ in _connection_fields(schema)}
    assert {"Query.ipObjects", "Query.search", "Query.cases", "Query.inbox",
            "Query.auditRecords", "Query.eaeuEntries", "Query.eaeuCases"} <= connections
    assert len(connection_fragments(schema)) == 2 * len(connections)
    assert {"Case", "EaeuCase", "EaeuRegisterEntry", "IPObject", "Notification",
            "Party"} <= set(_node_types(schema))


def test_relay_compiler_compiles_connections_and_refetchable_nodes(
        relay_compiler: Path, tmp_path: Path) -> None:
    schema = build_schema(SDL.read_text(encoding="utf-8"))
    (tmp_path / "src").mkdir()
    (tmp_path / "__generated__").mkdir()
    shutil.copy(SDL, tmp_path / "schema.graphql")
    (tmp_path / "relay.config.json").write_text(
        '{"src": "./src", "schema": "./schema.graphql", "language": "typescript", '
        '"artifactDirectory": "./__generated__"}', encoding="utf-8")
    documents = connection_fragments(schema) + refetchable_fragments(schema)
    source = 'import { graphql } from "react-relay";\n\n' + "".join(
        f"graphql`\n{document}\n`;\n\n" for document in documents)
    (tmp_path / "src" / "Ipreg.ts").write_text(source, encoding="utf-8")
    done = subprocess.run([str(relay_compiler)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, f"relay-compiler failed:\n{done.stdout}\n{done.stderr}"
    generated = {p.name for p in (tmp_path / "__generated__").iterdir()}
    for name in _node_types(schema):
        assert f"Ipreg{name}Refetch.graphql.ts" in generated, name
