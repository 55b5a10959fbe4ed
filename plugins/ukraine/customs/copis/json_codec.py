"""The AFA as JSON (UTF-8, keys in the order of the form's boxes)."""

from __future__ import annotations

import json
from typing import Any

from ipreg.core.errors import BadUserInput


def dumps(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, default=str)


def loads(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BadUserInput(f"document: not JSON ({error.msg} at line {error.lineno}) "
                           "(Seed 000 COPIS)", argument="document") from None


__all__ = ["dumps", "loads"]
