"""The official information sources of GI rules V.8.4-8.5 (VR-46) as loadable reference
datasets: :mod:`.catalogue` (what each is), :mod:`.loader` (``ipreg ua-gi sources load``),
:mod:`.lookup` (cross-script, word-level), and sample editions in ``data/`` (invented
entries for tests and the demo, listed in ``data/manifest.json``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


def samples() -> list[dict[str, Any]]:
    """The sample editions: source, file (a path), edition, publishedOn, origin."""
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    return [{**e, "file": DATA / e["file"]} for e in manifest["editions"]]


async def load_samples(session: Any, principal: Any, now: dt.datetime) -> int:
    """Load every sample edition (tests, demo) in the caller's transaction; how many."""
    from ipreg.plugins.ukraine.gi.sources.loader import EditionInfo, load_edition

    for sample in samples():
        await load_edition(session, sample["source"], sample["file"].read_bytes(),
                           EditionInfo(sample["edition"], sample["origin"],
                                       dt.date.fromisoformat(sample["publishedOn"]),
                                       sample["file"].name), principal=principal, now=now)
    return len(samples())


__all__ = ["DATA", "load_samples", "samples"]
