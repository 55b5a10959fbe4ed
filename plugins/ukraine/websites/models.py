"""The website list's own tables (Order 2945 III.9, IV.6, V.1; digest §8).

A website of an appeal is a core ``IPObject`` (jurisdiction ``ua_websites``, kind
``website``; its name is the domain in Unicode, or the IP address; its register number
the list number once listed; ``published`` once the Ministry lists it). Beside it:

* ``ua_website``: its identifiers (domain in Unicode and punycode, IP address, URLs),
  what it is (III.7 ¶3), its list status and dates, its WIPO ALERT placement (III.9);
* ``ua_website_episode``: every inclusion and exclusion with its basis (a UKRNOIVI
  conclusion or a court decision) and, for exclusions, the owner's ground: the IV.4 ¶2
  bar counts them.

Appeals and applications are core cases; their forms are the case's data.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ipreg.core.db import Base, BigId, Json, owned_table_args, utcnow

OWNER = "ukraine_websites"
STATUSES = ("APPEALED", "LISTED", "EXCLUSION_PENDING", "EXCLUDED")
WIPO_STATUSES = ("PENDING", "UPLOADED", "REMOVED")


class UaWebsite(Base):
    """A website named by an appeal, and its place in the national list (digest §8.2)."""

    __tablename__ = "ua_website"
    __table_args__ = owned_table_args(
        OWNER,
        CheckConstraint("status in ('APPEALED', 'LISTED', 'EXCLUSION_PENDING', 'EXCLUDED')",
                        name="status"),
        CheckConstraint("wipo_status is null or wipo_status in ('PENDING', 'UPLOADED', "
                        "'REMOVED')", name="wipo_status"),
        Index("ix_ua_website_entry_number", "entry_number", unique=True),
        Index("ix_ua_website_status", "status"),
    )

    object_id: Mapped[int] = mapped_column(
        ForeignKey("ip_object.id", ondelete="CASCADE"), primary_key=True)
    #: The website's key: its ASCII host, else its IP address (domains.key_of).
    key: Mapped[str] = mapped_column(String(253), unique=True)
    #: II.2.1 ¶3: the domain name in Unicode and in punycode.
    domain: Mapped[str | None] = mapped_column(Text)
    domain_ascii: Mapped[str | None] = mapped_column(String(253))
    ip_address: Mapped[str | None] = mapped_column(String(45))
    urls: Mapped[list[str]] = mapped_column(Json, default=list)
    #: III.7 ¶3: video-sharing platform, media (and registration under the Law "On Media").
    platform_type: Mapped[str] = mapped_column(String(32), default="OTHER")
    media_registered: Mapped[bool] = mapped_column(default=False)
    #: The list number (entry_id of digest §8.2), given on inclusion.
    entry_number: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(24), default="APPEALED")
    included_on: Mapped[dt.date | None]
    published_on: Mapped[dt.date | None]
    excluded_on: Mapped[dt.date | None]
    #: III.9, IV.6: the placement on WIPO ALERT.
    wipo_status: Mapped[str | None] = mapped_column(String(16))
    wipo_uploaded_on: Mapped[dt.date | None]
    wipo_removed_on: Mapped[dt.date | None]
    #: The website owner as identified (I.2 ¶3; III.4): never public.
    owner_party_id: Mapped[int | None] = mapped_column(
        ForeignKey("party.id", ondelete="SET NULL"))
    #: Grows with each change of the entry (its change-feed events carry it).
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class UaWebsiteEpisode(Base):
    """One inclusion or exclusion of a website with its basis (III.9; IV.6; digest §6.3)."""

    __tablename__ = "ua_website_episode"
    __table_args__ = owned_table_args(
        OWNER,
        CheckConstraint("kind in ('inclusion', 'exclusion')", name="kind"),
        CheckConstraint("basis in ('UKRNOIVI_CONCLUSION', 'COURT_DECISION')", name="basis"),
        Index("ix_ua_website_episode_object", "object_id", "on"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    object_id: Mapped[int] = mapped_column(ForeignKey("ip_object.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    on: Mapped[dt.date]
    basis: Mapped[str] = mapped_column(String(24))
    conclusion_number: Mapped[str | None] = mapped_column(String(32))
    conclusion_date: Mapped[dt.date | None]
    #: When the Ministry received the conclusion copy or the court decision (T08, T17).
    received_on: Mapped[dt.date | None]
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id", ondelete="SET NULL"))
    #: Exclusion: the grounds of the owner's application (IV.1), comma-separated.
    grounds: Mapped[str | None] = mapped_column(String(100))
    court: Mapped[dict[str, Any] | None] = mapped_column(Json)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


MODELS: list[type[Base]] = [UaWebsite, UaWebsiteEpisode]

__all__ = ["MODELS", "OWNER", "STATUSES", "WIPO_STATUSES", "UaWebsite", "UaWebsiteEpisode"]
