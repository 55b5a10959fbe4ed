"""Named sequences of the registers: record numbers, decision numbers, list positions."""

from __future__ import annotations

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from ipreg.core.db.base import Base, core_table_args


class Counter(Base):
    """The last value given of a sequence ``name`` of ``scope`` (a jurisdiction).

    Values are taken with ``UPDATE ... SET value = value + 1 RETURNING value``
    (:mod:`ipreg.core.services.numbering`): the row stays locked until commit, so
    concurrent transactions take consecutive values and a rolled-back one gives
    its value back.
    """

    __tablename__ = "counter"
    __table_args__ = core_table_args()

    scope: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
