"""How the Ukrainian registers declare their acts: names in English and Ukrainian, and
a transition with its legal basis (every register's ``procedures/`` builds its
``Transition`` objects with :func:`transition`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ipreg.core.procedures import Transition


def names(en: str, uk: str) -> dict[str, str]:
    """A name in English and Ukrainian."""
    return {"en": en, "uk": uk}


def transition(code: str, en: str, uk: str, source: Iterable[str], target: str | None,
               roles: Iterable[str], basis: str, **kw: Any) -> Transition:
    """The act ``code`` from the states ``source`` to ``target`` (``None``: the act decides),
    performed by ``roles``, under the legal point ``basis``; ``kw`` as ``Transition``
    takes them (inputs, guards, effects, limits, notices)."""
    return Transition(code, names(en, uk), frozenset(source), target, frozenset(roles),
                      legal_basis=basis, **kw)


__all__ = ["names", "transition"]
