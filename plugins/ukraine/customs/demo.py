"""The demo loader of the customs register (filled in by samples.py)."""

from __future__ import annotations

import random

from sqlalchemy.ext.asyncio import AsyncSession


async def load_demo(session: AsyncSession, rng: random.Random) -> int:
    from ipreg.plugins.ukraine.customs.samples import load

    return await load(session, rng)
