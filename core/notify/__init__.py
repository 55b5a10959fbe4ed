"""Notifications: an outbox written with each transition, delivered by a dispatcher.

* :func:`enqueue` adds a notification in the caller's transaction;
* :class:`Dispatcher` claims due notifications exactly once across replicas and
  delivers them through channels (:mod:`ipreg.core.notify.channels`: the
  GraphQL inbox, HMAC-signed webhooks, e-mail over SMTP, and any a plugin
  registers with ``ipreg_register_notification_channels``), retrying with
  back-off;
* :func:`confirm_receipt` records the addressee's confirmation of receipt.
"""

from ipreg.core.notify.channels import (
    Channel,
    DeliveryError,
    InboxChannel,
    SmtpChannel,
    WebhookChannel,
    WebhookEndpoint,
    builtin_channels,
    sign,
    verify_signature,
)
from ipreg.core.notify.dispatcher import Dispatcher, DispatchReport
from ipreg.core.notify.outbox import (
    FAILED,
    PENDING,
    SENDING,
    SENT,
    addressable_parties,
    confirm_receipt,
    enqueue,
    snapshot,
)
from ipreg.core.notify.settings import DispatchSettings

__all__ = [
    "FAILED",
    "PENDING",
    "SENDING",
    "SENT",
    "Channel",
    "DeliveryError",
    "DispatchReport",
    "DispatchSettings",
    "Dispatcher",
    "InboxChannel",
    "SmtpChannel",
    "WebhookChannel",
    "WebhookEndpoint",
    "addressable_parties",
    "builtin_channels",
    "confirm_receipt",
    "enqueue",
    "sign",
    "snapshot",
    "verify_signature",
]
