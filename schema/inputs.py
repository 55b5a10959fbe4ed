"""Typed GraphQL inputs generated from declared forms and acts.

A register declares the shape of its input once: its forms as
:class:`~ipreg.core.services.validation.FormSpec` (which also give the JSON Schema
of its import files, :func:`~ipreg.core.services.validation.json_schema`) and the
input of each act of its procedures as
:class:`~ipreg.core.procedures.InputField` (with a ``form`` for structured items).
:class:`InputTypes` turns them into strawberry input types at schema build, so a
generated client (GraphQL Code Generator + ``tsc``) refuses a misspelled field, and
:func:`input_data` turns what GraphQL parsed back into the plain dict the register's
:class:`~ipreg.core.services.validation.FieldReader` and the procedure engine read,
so every semantic problem keeps its path and legal point::

    types = InputTypes("Eaeu", procedures)
    FormInput = types.of(REGISTRATION_FORM)          # EaeuRegistrationFormInput
    ActInput = types.act_input("EaeuActInput", "…", procedures)   # @oneOf, a field per act

    code, data = types.chosen(act)                  # in the resolver
    await perform_transition(info, case_id, code, data)

An act's field name is its legal code without the segments every act of the register
shares, in camelCase (``P.SP.01.OPR.019.SECURITY`` -> ``opr019Security``); an act
without input takes ``true``. Acts only the system performs (an expired limit's
consequence) are left out.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types.base import get_object_definition, has_object_definition

from ipreg.core.errors import BadUserInput
from ipreg.core.procedures import SYSTEM_ROLE, InputField, Procedure, Transition
from ipreg.core.services.validation import SCALARS, FieldSpec, FormSpec

_PYTHON: dict[str, Any] = {"String": str, "Int": int, "Boolean": bool, "ID": strawberry.ID}
#: GraphQL type of each scalar type of an act's input (:data:`ipreg.core.procedures.INPUT_TYPES`).
_ACT_SCALARS: dict[str, Any] = {"string": str, "int": int, "date": str, "bool": bool,
                                "id": strawberry.ID}


def _pascal(name: str) -> str:
    return name[:1].upper() + name[1:]


def _python_name(name: str) -> str:
    out = re.sub(r"\W", "_", name)
    return f"{out}_" if keyword.iskeyword(out) else out


def act_field_name(code: str, shared: int = 0) -> str:
    """``P.SP.01.OPR.019.SECURITY`` (``shared=3``) -> ``opr019Security``."""
    parts = [p for p in re.split(r"[^0-9A-Za-z]+", ".".join(code.split(".")[shared:])) if p]
    head, *rest = parts or [code]
    name = head.lower() + "".join(p[:1].upper() + p[1:].lower() for p in rest)
    return f"act{_pascal(name)}" if name[:1].isdigit() else name


def shared_segments(codes: Iterable[str]) -> int:
    """How many leading dot-separated segments all ``codes`` share (keeping at least one
    segment of each)."""
    split = [c.split(".") for c in codes]
    if not split:
        return 0
    n = 0
    while all(len(s) > n + 1 for s in split) and len({s[n] for s in split}) == 1:
        n += 1
    return n


@dataclass(frozen=True)
class _Field:
    python: str
    graphql: str
    annotation: Any
    description: str
    required: bool


def _input_class(name: str, description: str, fields: Sequence[_Field], *,
                 one_of: bool = False) -> type:
    namespace: dict[str, Any] = {"__annotations__": {}, "__module__": __name__}
    for f in fields:
        namespace["__annotations__"][f.python] = f.annotation
        if f.required:
            namespace[f.python] = strawberry.field(name=f.graphql, description=f.description)
        else:
            namespace[f.python] = strawberry.field(name=f.graphql, description=f.description,
                                                   default=strawberry.UNSET)
    cls = type(name, (), namespace)
    return strawberry.input(cls, name=name, description=description, one_of=one_of or None)


class InputTypes:
    """The strawberry input types of one register, named ``<prefix><Form name>Input``."""

    def __init__(self, prefix: str, procedures: Iterable[Procedure] = ()) -> None:
        self.prefix = prefix
        #: Leading code segments every act of the register's ``procedures`` shares: act
        #: names leave them out.
        self.shared = shared_segments(c for p in procedures for c in p.transitions)
        self.types: dict[str, type] = {}
        #: For each act input type: its field's python name -> the transition code.
        self.acts: dict[str, dict[str, str]] = {}

    def name(self, form: FormSpec) -> str:
        return f"{self.prefix}{_pascal(form.name)}Input"

    def of(self, form: FormSpec) -> type:
        """The input type of ``form`` (made once; nested forms become their own types)."""
        name = self.name(form)
        if name not in self.types:
            fields = [_Field(_python_name(f.name), f.name, self._annotation(f),
                             f.documentation(), f.required) for f in form.fields]
            self.types[name] = _input_class(name, form.description, fields)
        return self.types[name]

    def _annotation(self, spec: FieldSpec) -> Any:
        one: Any = self.of(spec.type) if isinstance(spec.type, FormSpec) else \
            _PYTHON[SCALARS[spec.type][1]]
        if spec.many:
            one = list[one]
        return one if spec.required else one | None

    def act_fields(self, transition: Transition) -> type | None:
        """The input type of one act (``None`` for an act without input)."""
        if not transition.inputs:
            return None
        name = f"{self.prefix}{_pascal(act_field_name(transition.code, self.shared))}Input"
        if name not in self.types:
            fields = [_Field(_python_name(i.name), i.name, self._act_annotation(i),
                             self._act_description(i), i.required) for i in transition.inputs]
            self.types[name] = _input_class(
                name, f"The input of {transition.code} ({transition.names.get('en', '')}).",
                fields)
        return self.types[name]

    def _act_annotation(self, item: InputField) -> Any:
        if item.form is not None:
            one: Any = self.of(item.form)
        elif item.type in ("json", "list"):
            one = JSON if item.type == "json" else str
        else:
            one = _ACT_SCALARS[item.type]
        if item.type == "list":
            one = list[one]
        return one if item.required else one | None

    @staticmethod
    def _act_description(item: InputField) -> str:
        text = item.description or item.name
        if item.type == "date":
            text += " (YYYY-MM-DD)"
        return text if text.endswith(".") else f"{text}."

    def act_input(self, name: str, description: str, procedures: Iterable[Procedure], *,
                  opening: bool = False) -> type:
        """A ``@oneOf`` input with one field per act of ``procedures`` a user may perform
        on a case (with ``opening``: per act that opens a case): the field is the act,
        its value the act's typed input (``true`` for an act without input)."""
        chosen = [t for p in procedures for t in p.transitions.values()
                  if t.roles - {SYSTEM_ROLE} and t.opens_case == opening]
        fields = []
        mapping: dict[str, str] = {}
        for t in chosen:
            field_name = act_field_name(t.code, self.shared)
            if field_name in mapping.values() or _python_name(field_name) in mapping:
                raise ValueError(f"{name}: two acts are named {field_name}")
            inputs = self.act_fields(t)
            annotation = (inputs if inputs is not None else bool) | None
            note = "" if inputs is not None else " Takes no input: give `true`."
            basis = f" [{t.legal_basis}]" if t.legal_basis else ""
            fields.append(_Field(_python_name(field_name), field_name, annotation,
                                 f"{t.code}: {t.names.get('en', '')}.{note}{basis}", False))
            mapping[_python_name(field_name)] = t.code
        cls = _input_class(name, description, fields, one_of=True)
        self.types[name] = cls
        self.acts[name] = mapping
        return cls

    def chosen(self, act: Any) -> tuple[str, dict[str, Any] | None]:
        """The act a ``@oneOf`` value names and its input as the engine reads it."""
        mapping = self.acts[get_object_definition(type(act), strict=True).name]
        given = [(code, getattr(act, python)) for python, code in mapping.items()
                 if getattr(act, python) not in (None, strawberry.UNSET)]
        if len(given) != 1:  # the @oneOf rule of GraphQL already refuses this
            raise ValueError("exactly one act")
        code, value = given[0]
        if value is False:
            raise BadUserInput(f"{code} takes no input: give `true` to perform it",
                               argument="act")
        data = input_data(value)
        return code, data if isinstance(data, dict) else None


def input_data(value: Any) -> Any:
    """A parsed GraphQL input as the plain JSON-like data the readers take: objects as
    dicts keyed by their GraphQL field names, fields not given left out."""
    if isinstance(value, list):
        return [input_data(v) for v in value]
    if has_object_definition(value):
        definition = get_object_definition(type(value), strict=True)
        out = {}
        for f in definition.fields:
            item = getattr(value, f.python_name)
            if item is not strawberry.UNSET:
                out[f.graphql_name or f.python_name] = input_data(item)
        return out
    return value


__all__ = ["InputTypes", "act_field_name", "input_data", "shared_segments"]
