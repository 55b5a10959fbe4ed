"""Who is calling: principals, grants, tokens and API keys."""

from ipreg.core.auth.principal import ANONYMOUS, SYSTEM, Grant, Principal

__all__ = ["ANONYMOUS", "SYSTEM", "Grant", "Principal"]
