"""How a message leaves dondoc: e-mail over SMTP, a signed webhook. (The in-app bell is
written in the database by `reminders`, in the same transaction that marks it sent.)

A channel either delivers a message or raises `DeliveryError` with a one-line reason in
English (recorded on the message, shown to the office); it never half-delivers in a way
it can see. Every attempt of one message carries the same id (`Message-ID`, the
webhook's `X-Dondoc-Id`), so that a receiver can drop a copy sent again after a crash
between its delivery and its record.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import smtplib
import ssl
import time
from dataclasses import dataclass
from email.header import Header
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr
from typing import Any, Protocol

import httpx

from dondoc import __version__
from dondoc.config import Settings


class DeliveryError(Exception):
    """A message that did not go out; `permanent` when trying again cannot help."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.permanent = permanent


@dataclass(frozen=True)
class Outgoing:
    message_id: str
    address: str  # e-mail address or URL
    recipient_name: str
    subject: str
    body: str
    payload: dict[str, Any]


class Channel(Protocol):
    name: str

    def send(self, message: Outgoing) -> None: ...


class EmailChannel:
    name = "email"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def send(self, message: Outgoing) -> None:
        s = self.settings
        # the compat32 message and Header: the default policy folds a long Vietnamese
        # subject into encoded words and drops the space at the fold ("nhiệmvụ")
        mail = MIMEText(message.body, "plain", "utf-8")
        mail["From"] = s.smtp_from
        mail["To"] = formataddr((message.recipient_name, message.address), charset="utf-8")
        mail["Subject"] = Header(message.subject, "utf-8")  # type: ignore[assignment]  # compat32 takes a Header
        mail["Message-ID"] = message.message_id
        mail["Date"] = format_datetime(_utc_now())
        mail["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies to a reminder
        try:
            if s.smtp_security == "tls":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    s.smtp_host,
                    s.smtp_port,
                    timeout=s.smtp_timeout_seconds,
                    context=ssl.create_default_context(),
                )
            else:
                smtp = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout_seconds)
            with smtp:
                if s.smtp_security == "starttls":
                    smtp.starttls(context=ssl.create_default_context())
                if s.smtp_user:
                    smtp.login(s.smtp_user, s.smtp_password)
                smtp.send_message(mail)
        except smtplib.SMTPRecipientsRefused as exc:
            raise DeliveryError(
                f"the mail server refused {message.address}: {exc.recipients}", permanent=True
            ) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"SMTP {s.smtp_host}:{s.smtp_port}: {_one_line(exc)}") from exc


class WebhookChannel:
    """POST the digest as JSON; `X-Dondoc-Signature: sha256=<hex>` is the HMAC-SHA256 of
    the exact body under the shared secret, `X-Dondoc-Timestamp` the sending time (a
    receiver refuses old ones). Retried with exponential backoff on a connection error,
    a 429 or a 5xx; a 4xx is permanent."""

    name = "webhook"

    def __init__(self, settings: Settings, *, sleep: Any = time.sleep) -> None:
        self.settings = settings
        self.sleep = sleep

    def send(self, message: Outgoing) -> None:
        s = self.settings
        if not s.webhook_secret:
            # an unsigned call is one anybody could forge: the receiver could not tell
            raise DeliveryError("DONDOC_WEBHOOK_SECRET is not set: the webhook is not called", permanent=True)
        body = json.dumps(message.payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
        last = ""
        for attempt in range(max(1, s.delivery_attempts)):
            if attempt:
                self.sleep(s.delivery_backoff_seconds * 2 ** (attempt - 1))
            stamp = str(int(time.time()))
            headers = {
                "Content-Type": "application/json; charset=utf-8",
                "User-Agent": f"dondoc/{__version__}",
                "X-Dondoc-Id": message.message_id,
                "X-Dondoc-Timestamp": stamp,
                "X-Dondoc-Signature": "sha256=" + sign(s.webhook_secret, stamp, body),
            }
            try:
                response = httpx.post(message.address, content=body, headers=headers, timeout=15.0)
            except httpx.HTTPError as exc:
                last = _one_line(exc) or type(exc).__name__
                continue
            if 200 <= response.status_code < 300:
                return
            last = f"HTTP {response.status_code}"
            if response.status_code != 429 and response.status_code < 500:
                raise DeliveryError(f"the webhook answered {last}", permanent=True)
        raise DeliveryError(f"the webhook failed: {last}")


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature a receiver recomputes: HMAC-SHA256 over "<timestamp>.<body>"."""
    return hmac.new(
        secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256
    ).hexdigest()


def _utc_now() -> Any:
    import datetime as dt

    return dt.datetime.now(dt.UTC)


def _one_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:300]
