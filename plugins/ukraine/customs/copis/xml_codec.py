"""The AFA as XML: one element per field, repeated ``item`` elements for lists, the
type of each value in ``t`` (``str``, ``int``, ``bool``, ``null``, ``list``, ``obj``),
so that reading back gives the same document. Documents with a DTD or entities are
refused before parsing (no entity expansion)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from ipreg.core.errors import BadUserInput

ROOT = "applicationForAction"
NAMESPACE = "urn:ipreg:ukraine-customs:afa:1"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def _put(parent: ET.Element, name: str, value: Any) -> None:
    element = ET.SubElement(parent, name)
    if value is None:
        element.set("t", "null")
    elif isinstance(value, bool):
        element.set("t", "bool")
        element.text = "true" if value else "false"
    elif isinstance(value, int):
        element.set("t", "int")
        element.text = str(value)
    elif isinstance(value, list):
        element.set("t", "list")
        for item in value:
            _put(element, "item", item)
    elif isinstance(value, dict):
        element.set("t", "obj")
        for key, item in value.items():
            if not _NAME.match(key):
                raise ValueError(f"{key!r} is not an XML name")
            _put(element, key, item)
    else:
        element.text = str(value)


def dumps(document: dict[str, Any]) -> str:
    root = ET.Element(ROOT, {"xmlns": NAMESPACE, "t": "obj"})
    for key, value in document.items():
        _put(root, key, value)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=False)


def _get(element: ET.Element) -> Any:
    kind = element.get("t", "str")
    if kind == "null":
        return None
    if kind == "bool":
        return element.text == "true"
    if kind == "int":
        return int(element.text or "0")
    if kind == "list":
        return [_get(child) for child in element]
    if kind == "obj":
        return {_local(child.tag): _get(child) for child in element}
    return element.text or ""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def loads(text: str) -> Any:
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise BadUserInput("document: a DTD or entity declaration is not accepted "
                           "(Seed 000 COPIS)", argument="document")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise BadUserInput(f"document: not XML ({error}) (Seed 000 COPIS)",
                           argument="document") from None
    if _local(root.tag) != ROOT:
        raise BadUserInput(f"document: the root element is {_local(root.tag)!r}, not {ROOT} "
                           "(Seed 000 COPIS)", argument="document")
    return {_local(child.tag): _get(child) for child in root}


__all__ = ["NAMESPACE", "ROOT", "dumps", "loads"]
