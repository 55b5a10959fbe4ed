"""The plugin's own table, referencing a core table."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from ipreg.core.db import Base, owned_table_args


class ExampleNote(Base):
    __tablename__ = "example_note"
    __table_args__ = owned_table_args("example")

    id: Mapped[int] = mapped_column(primary_key=True)
    object_id: Mapped[int] = mapped_column(ForeignKey("ip_object.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
