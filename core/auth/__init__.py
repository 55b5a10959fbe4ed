"""Who is calling: principals, grants, tokens and API keys."""

from typing import TYPE_CHECKING, Any

from ipreg.core.auth.principal import ANONYMOUS, SYSTEM, Grant, Principal

if TYPE_CHECKING:
    from ipreg.core.auth.store import create_user


def __getattr__(name: str) -> Any:
    # The store imports the model, which imports Grant from this package: loaded on use.
    if name == "create_user":
        from ipreg.core.auth.store import create_user

        return create_user
    raise AttributeError(name)


__all__ = ["ANONYMOUS", "SYSTEM", "Grant", "Principal", "create_user"]
