"""Users, their grants, and the API keys of information systems.

A grant is a role scoped to a jurisdiction (``NULL`` = every one) and to an
organisation (a party; ``NULL`` = none, or for the applicant-side roles the
party the holder acts as). An API key is stored only as a public lookup
``prefix`` and the SHA-256 of the whole key; the key itself is shown once, when
it is made (see :mod:`ipreg.core.auth.keys`).

These tables are not register data: nothing here goes to the change feed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ipreg.core.auth.principal import Grant
from ipreg.core.db.base import Base, BigId, core_table_args, utcnow


class AppUser(Base):
    """A person who logs in with a bearer token (``sub`` = this id)."""

    __tablename__ = "app_user"
    __table_args__ = core_table_args()

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    login: Mapped[str] = mapped_column(String(128), unique=True)
    display_name: Mapped[str] = mapped_column(Text)
    #: The party the user acts as (a person, or an employee's organisation).
    party_id: Mapped[int | None] = mapped_column(ForeignKey("party.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    grants: Mapped[list[UserGrant]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="raise",
        order_by="UserGrant.id",
    )


class UserGrant(Base):
    """A role a user holds, e.g. ``authorized_body`` in ``eaeu`` for party 12."""

    __tablename__ = "user_grant"
    __table_args__ = core_table_args()

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("app_user.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(64))
    jurisdiction: Mapped[str | None] = mapped_column(String(32))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("party.id"), index=True)

    user: Mapped[AppUser] = relationship(back_populates="grants", lazy="raise")

    def to_grant(self) -> Grant:
        return Grant(self.role, self.jurisdiction, self.organisation_id)


class ApiKey(Base):
    """The key of an information system: ``ipreg_<prefix>_<secret>``, hashed at rest."""

    __tablename__ = "api_key"
    __table_args__ = core_table_args()

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    #: Public, unique, the lookup handle; printed by ``ipreg keys list``.
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    #: Hex SHA-256 of the whole key; the key itself is never stored.
    key_hash: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    #: The organisation that owns the key and the system acts as.
    party_id: Mapped[int | None] = mapped_column(ForeignKey("party.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None]
    last_used_at: Mapped[dt.datetime | None]

    grants: Mapped[list[ApiKeyGrant]] = relationship(
        back_populates="api_key", cascade="all, delete-orphan", lazy="raise",
        order_by="ApiKeyGrant.id",
    )


class ApiKeyGrant(Base):
    """A role an API key holds; the same shape as :class:`UserGrant`."""

    __tablename__ = "api_key_grant"
    __table_args__ = core_table_args()

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    api_key_id: Mapped[int] = mapped_column(
        ForeignKey("api_key.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(64))
    jurisdiction: Mapped[str | None] = mapped_column(String(32))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("party.id"), index=True)

    api_key: Mapped[ApiKey] = relationship(back_populates="grants", lazy="raise")

    def to_grant(self) -> Grant:
        return Grant(self.role, self.jurisdiction, self.organisation_id)
