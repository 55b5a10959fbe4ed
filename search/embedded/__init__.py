"""The embedded search backend: an inverted index in a SQLite file, no server."""

from __future__ import annotations

from .backend import EmbeddedBackend, default_path

__all__ = ["EmbeddedBackend", "default_path"]
