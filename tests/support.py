"""Helpers the tests share (importable because pytest puts tests/ on the path).

The generic ones live in :mod:`ipreg.testing`, where plugins' tests find them too;
they are re-exported here for the tests that import them from ``support``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ipreg.testing import BACKENDS, Cast, Clock, DatabaseFactory, postgres_url

REPO = Path(__file__).resolve().parent.parent


def shared_file(*parts: str) -> Path:
    """A file of the project's shared/ folder (beside the repository, or IPREG_SHARED_DIR)."""
    root = Path(os.environ.get("IPREG_SHARED_DIR") or REPO.parent / "shared")
    return root.joinpath(*parts)


def require_file(path: Path) -> bool:
    """True if ``path`` exists; in CI (``CI=true``) a missing file is an error, not a skip."""
    if path.exists():
        return True
    if os.environ.get("CI"):
        raise FileNotFoundError(f"{path} is required in CI (set IPREG_SHARED_DIR)")
    return False


#: Read once at import, as before (the fixtures read the variable when they run).
POSTGRES_URL = postgres_url()


def sample_object(i: int, jurisdiction: str = "eaeu", **overrides: Any) -> dict[str, Any]:
    """An IP object in the import JSON form, with every relation filled."""
    data: dict[str, Any] = {
        "jurisdiction": jurisdiction,
        "kind": "trademark",
        "name": f"ЗЕЛЕНА МАРКА {i}",
        "status": "included",
        "registerNumber": f"{i:05d}/TZ/{i:04d}",
        "keywords": [f"zelena marka {i}", f"зелена {i}"],
        "holders": [
            {"name": f"ТОВ Зелена {i % 3}", "country": "UA"},
            {"name": "Green Mark GmbH", "country": "DE"},
        ],
        "representatives": [{"name": "Патентне бюро", "country": "UA"}],
        "goods": [
            {"description": "Чай", "hsCodes": ["090210"], "niceClasses": [30]},
            {"description": "Кава", "hsCodes": ["090111", "090112"], "niceClasses": [30, 43]},
        ],
        "statusHistory": [
            {"status": "filed", "date": "2024-01-10"},
            {"status": "included", "date": "2024-03-01", "basisNumber": f"{i:04d}"},
        ],
        "rightTerms": [{"country": "KZ", "expiresOn": "2030-01-01"}],
    }
    data.update(overrides)
    return data


__all__ = [
    "BACKENDS",
    "POSTGRES_URL",
    "REPO",
    "Cast",
    "Clock",
    "DatabaseFactory",
    "require_file",
    "sample_object",
    "shared_file",
]
