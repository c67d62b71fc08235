"""Delivering outbox messages by SMTP (smtplib), one connection per batch.

``SmtpTransport(settings).session()`` connects (plain, STARTTLS or implicit
TLS), logs in when a user name is set, and sends each message as a UTF-8
``EmailMessage`` with From, To, Subject (RFC 2047 encoded when it is not
ASCII), Date, Message-ID, Content-Language and ``Auto-Submitted:
auto-generated`` (so vacation replies are not sent back).

Errors become ``TransportError`` (see ``app.notifications.transport``):

- permanent: the server refuses the recipient or the message with a 5xx code,
  the recipient is not an address, or the address needs SMTPUTF8 the server
  lacks. These go to ``failed`` at once (a supervisor can put them back with
  ``outbox.retry_failed`` once the address is fixed). Note a misconfigured
  relay that answers "550 relaying denied" therefore fails messages at once;
  they are kept and can be retried.
- temporary: 4xx answers, and everything about the connection: refused,
  time-out, dropped, TLS failure, login refused, sender refused (these are
  ``connection=True``: the whole batch waits for the next attempt).
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from functools import lru_cache

from app.config import SmtpSettings
from app.i18n import _
from app.notifications.templates import is_chinese
from app.notifications.transport import OutgoingMessage, Transport, TransportError

__all__ = ["SmtpTransport", "Transport", "TransportError", "build_email"]

SECURITY_MODES = ("none", "starttls", "ssl")


@lru_cache(maxsize=1)
def _local_hostname() -> str:
    """Our name in EHLO (smtplib would look it up for every connection)."""
    try:
        return socket.getfqdn() or "localhost"
    except OSError:  # pragma: no cover
        return "localhost"


def _address(text: str) -> str:
    """The bare address of ``"Name <a@b>"`` or ``"a@b"``; "" when it is not one."""
    address = parseaddr(text or "")[1]
    if "@" not in address or address.startswith("@") or address.endswith("@"):
        return ""
    return address


def build_email(settings: SmtpSettings, message: OutgoingMessage, *, now: datetime | None = None) -> EmailMessage:
    """The MIME message for one outbox message; ``ValueError`` for a header that cannot be written."""
    sender = _address(settings.from_address)
    email = EmailMessage()
    email["From"] = settings.from_address
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Date"] = format_datetime(now or datetime.now(timezone.utc))
    email["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "freshflow.invalid")
    email["Auto-Submitted"] = "auto-generated"
    body = message.body if message.body.endswith("\n") else message.body + "\n"
    # base64 for non-ASCII text: safe through servers without 8BITMIME
    email.set_content(body, charset="utf-8", cte="7bit" if body.isascii() else "base64")
    email["Content-Language"] = "zh-CN" if is_chinese(message.language or "") else "en"  # after set_content
    return email


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {' '.join(str(text).split())}".strip()


def _classify(error: Exception, settings: SmtpSettings) -> TransportError:
    """An smtplib/socket error as a ``TransportError``, permanent or temporary."""
    server = f"{settings.host}:{settings.port}"
    if isinstance(error, TransportError):
        return error
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()), (0, b""))
        return TransportError(_("The mail server refused the recipient: {reply}").format(reply=_reply(code, text)),
                              permanent=500 <= code < 600)
    if isinstance(error, smtplib.SMTPSenderRefused):
        return TransportError(_("The mail server refused the sender address {sender}: {reply}").format(
            sender=error.sender, reply=_reply(error.smtp_code, error.smtp_error)), connection=True)
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return TransportError(_("The mail server {server} refused the login: {reply}").format(
            server=server, reply=_reply(error.smtp_code, error.smtp_error)), connection=True)
    if isinstance(error, smtplib.SMTPConnectError):
        return TransportError(_("The mail server {server} would not accept a connection: {reply}").format(
            server=server, reply=_reply(error.smtp_code, error.smtp_error)), connection=True)
    if isinstance(error, smtplib.SMTPDataError | smtplib.SMTPHeloError):
        permanent = isinstance(error, smtplib.SMTPDataError) and 500 <= error.smtp_code < 600
        return TransportError(_("The mail server refused the message: {reply}").format(
            reply=_reply(error.smtp_code, error.smtp_error)), permanent=permanent,
            connection=isinstance(error, smtplib.SMTPHeloError))
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return TransportError(_("The mail server {server} closed the connection: {detail}").format(
            server=server, detail=str(error) or "-"), connection=True)
    if isinstance(error, smtplib.SMTPResponseException):
        return TransportError(_("The mail server answered: {reply}").format(
            reply=_reply(error.smtp_code, error.smtp_error)), permanent=500 <= error.smtp_code < 600)
    if isinstance(error, smtplib.SMTPException):  # SMTPException is an OSError: before OSError
        return TransportError(_("Sending by mail failed: {detail}").format(detail=str(error)), connection=True)
    if isinstance(error, ssl.SSLError | ssl.CertificateError):
        return TransportError(_("Secure connection to the mail server {server} failed: {detail}").format(
            server=server, detail=str(error)), connection=True)
    if isinstance(error, TimeoutError | socket.timeout):
        return TransportError(_("The mail server {server} did not answer in time ({seconds} s).").format(
            server=server, seconds=settings.timeout_s), connection=True)
    if isinstance(error, OSError):
        return TransportError(_("Cannot reach the mail server {server}: {detail}").format(
            server=server, detail=error.strerror or str(error) or type(error).__name__), connection=True)
    raise error


class _SmtpChannel:
    """One open SMTP connection; ``send`` reconnects once when the server dropped an idle connection."""

    def __init__(self, transport: "SmtpTransport") -> None:
        self._transport = transport
        self._smtp: smtplib.SMTP | None = None

    def open(self) -> None:
        settings = self._transport.settings
        try:
            self._smtp = self._transport._connect()
        except Exception as error:  # classified, or re-raised when not an SMTP/socket error
            raise _classify(error, settings) from error

    def send(self, message: OutgoingMessage) -> None:
        settings = self._transport.settings
        recipient = _address(message.recipient)
        if not recipient:
            raise TransportError(_("{recipient!r} is not an email address.").format(recipient=message.recipient),
                                 permanent=True)
        try:
            email = build_email(settings, message)
        except (ValueError, TypeError) as error:
            raise TransportError(_("The message cannot be written as an email: {detail}").format(detail=error),
                                 permanent=True) from error
        sender = _address(settings.from_address)
        for attempt in (1, 2):
            if self._smtp is None:
                self.open()
            try:
                self._smtp.send_message(email, from_addr=sender, to_addrs=[recipient])
                return
            except smtplib.SMTPServerDisconnected as error:
                self._drop()
                if attempt == 2:
                    raise _classify(error, settings) from error
            except smtplib.SMTPNotSupportedError as error:  # the address needs SMTPUTF8 and the server lacks it
                raise TransportError(_("The mail server cannot deliver to {recipient}: {detail}").format(
                    recipient=recipient, detail=error), permanent=True) from error
            except (smtplib.SMTPException, OSError) as error:
                classified = _classify(error, settings)
                if classified.connection:
                    self._drop()
                raise classified from error

    def _drop(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.close()
            finally:
                self._smtp = None

    def close(self) -> None:
        if self._smtp is None:
            return
        try:
            self._smtp.quit()
        except (smtplib.SMTPException, OSError):
            pass
        finally:
            self._drop()


class SmtpTransport:
    """Sends outbox messages through the SMTP server in ``settings``."""

    def __init__(self, settings: SmtpSettings) -> None:
        if settings.security not in SECURITY_MODES:
            raise TransportError(_("Unknown SMTP security {value!r}; use none, starttls or ssl.").format(
                value=settings.security), connection=True)
        self.settings = settings

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        timeout = s.timeout_s if s.timeout_s and s.timeout_s > 0 else 20
        if not _address(s.from_address):
            raise TransportError(_("The sender address {value!r} (smtp.from_address) is not an email address.")
                                 .format(value=s.from_address), connection=True)
        if s.security == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(s.host, s.port, local_hostname=_local_hostname(), timeout=timeout,
                                                  context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(s.host, s.port, local_hostname=_local_hostname(), timeout=timeout)
        try:
            smtp.ehlo()
            if s.security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if s.username:
                smtp.login(s.username, s.password)
        except BaseException:
            smtp.close()
            raise
        return smtp

    @contextmanager
    def session(self) -> Iterator[_SmtpChannel]:
        """One connection for a batch: ``with transport.session() as channel: channel.send(m)``."""
        channel = _SmtpChannel(self)
        channel.open()
        try:
            yield channel
        finally:
            channel.close()

    def send(self, message: OutgoingMessage) -> None:
        """Send one message on its own connection."""
        with self.session() as channel:
            channel.send(message)
