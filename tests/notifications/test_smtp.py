"""SmtpTransport against a real SMTP server on 127.0.0.1: headers, encoding, one connection per batch,
and which failures are permanent (5xx for this message) or temporary (4xx, the connection)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.notifications.smtp import SmtpTransport
from app.notifications.transport import BatchTransport, TransportError


@dataclass(frozen=True)
class Mail:
    recipient: str
    subject: str
    body: str
    language: str = "zh_CN"


CHINESE = Mail("wang@example.cn", "您的订单 FF-20261128-0042 已确认", "王小明，您好！\n\n合计：¥128.50\n")


def test_chinese_message_arrives_encoded_and_decodes_back(smtp_server):
    transport = SmtpTransport(smtp_server.settings())
    assert isinstance(transport, BatchTransport)
    transport.send(CHINESE)
    [received] = smtp_server.handler.messages
    assert received.rcpt_tos == ["wang@example.cn"]
    assert received.mail_from == "orders@freshflow.example"
    raw_headers = received.raw.split(b"\r\n\r\n", 1)[0].decode("ascii")  # headers are pure ASCII on the wire
    assert "Subject: =?utf-8?" in raw_headers                            # RFC 2047
    email = received.email
    assert email["Subject"] == CHINESE.subject
    assert email["To"] == "wang@example.cn"
    assert email["From"] == "FreshFlow <orders@freshflow.example>"
    assert email["Message-ID"].startswith("<") and email["Message-ID"].endswith("@freshflow.example>")
    assert email["Date"] and email["Content-Language"] == "zh-CN"
    assert email["Auto-Submitted"] == "auto-generated"
    assert email.get_content_type() == "text/plain" and email.get_content_charset() == "utf-8"
    assert email.get_content() == CHINESE.body


def test_english_ascii_message_is_plain_7bit(smtp_server):
    SmtpTransport(smtp_server.settings()).send(Mail("ann@example.com", "Your order FF-1 is confirmed",
                                                    "Dear Ann,\n", "en"))
    email = smtp_server.handler.messages[0].email
    assert email["Content-Transfer-Encoding"] == "7bit" and email["Content-Language"] == "en"
    assert email.get_content().replace("\r\n", "\n") == "Dear Ann,\n"


def test_a_batch_uses_one_connection_and_distinct_message_ids(smtp_server):
    transport = SmtpTransport(smtp_server.settings())
    with transport.session() as channel:
        for n in range(3):
            channel.send(Mail(f"c{n}@example.com", f"S{n}", "b", "en"))
    messages = smtp_server.handler.messages
    assert [m.rcpt_tos for m in messages] == [["c0@example.com"], ["c1@example.com"], ["c2@example.com"]]
    assert smtp_server.handler.connections == 1
    assert len({m.email["Message-ID"] for m in messages}) == 3


def test_recipient_refused_5xx_is_permanent_and_the_connection_goes_on(smtp_server):
    smtp_server.handler.rcpt_answers[:] = ["550 5.1.1 No such user"]
    with SmtpTransport(smtp_server.settings()).session() as channel:
        with pytest.raises(TransportError) as refused:
            channel.send(Mail("gone@example.com", "S", "b", "en"))
        channel.send(Mail("here@example.com", "S", "b", "en"))
    assert refused.value.permanent and not refused.value.connection
    assert "550" in str(refused.value) and "No such user" in str(refused.value)
    assert [m.rcpt_tos for m in smtp_server.handler.messages] == [["here@example.com"]]


def test_4xx_answers_are_temporary(smtp_server):
    smtp_server.handler.rcpt_answers[:] = ["451 4.3.0 Try again later"]
    smtp_server.handler.data_answers[:] = ["452 4.3.1 Insufficient storage"]
    transport = SmtpTransport(smtp_server.settings())
    for _ in range(2):
        with pytest.raises(TransportError) as later:
            transport.send(Mail("a@example.com", "S", "b", "en"))
        assert not later.value.permanent and not later.value.connection
    transport.send(Mail("a@example.com", "S", "b", "en"))
    assert len(smtp_server.handler.messages) == 1


def test_message_refused_5xx_at_data_is_permanent(smtp_server):
    smtp_server.handler.data_answers[:] = ["554 5.6.0 Content rejected"]
    with pytest.raises(TransportError) as rejected:
        SmtpTransport(smtp_server.settings()).send(Mail("a@example.com", "S", "b", "en"))
    assert rejected.value.permanent and "554" in str(rejected.value)


@pytest.mark.parametrize("recipient", ["", "not-an-address", "@example.com", "a@"])
def test_not_an_address_is_permanent_without_asking_the_server(smtp_server, recipient):
    with pytest.raises(TransportError) as bad:
        SmtpTransport(smtp_server.settings()).send(Mail(recipient, "S", "b", "en"))
    assert bad.value.permanent
    assert smtp_server.handler.messages == []


def test_header_injection_is_refused_permanently(smtp_server):
    with pytest.raises(TransportError) as bad:
        SmtpTransport(smtp_server.settings()).send(Mail("a@example.com", "Hi\nBcc: victim@example.com", "b", "en"))
    assert bad.value.permanent
    assert smtp_server.handler.messages == []


def test_server_down_is_a_temporary_connection_error(closed_port, smtp_server):
    transport = SmtpTransport(smtp_server.settings(port=closed_port))
    with pytest.raises(TransportError) as down:
        transport.send(Mail("a@example.com", "S", "b", "en"))
    assert down.value.connection and not down.value.permanent
    assert f"127.0.0.1:{closed_port}" in str(down.value)


def test_starttls_against_a_server_without_it_is_a_temporary_connection_error(smtp_server):
    with pytest.raises(TransportError) as no_tls:
        SmtpTransport(smtp_server.settings(security="starttls")).send(Mail("a@example.com", "S", "b", "en"))
    assert no_tls.value.connection and not no_tls.value.permanent
    assert smtp_server.handler.messages == []


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_login_when_a_user_name_is_set(smtp_server_with_login):
    server = smtp_server_with_login
    SmtpTransport(server.settings(username="mailer", password="s3cret")).send(Mail("a@example.com", "S", "b", "en"))
    assert len(server.handler.messages) == 1
    with pytest.raises(TransportError) as refused:
        SmtpTransport(server.settings(username="mailer", password="wrong")).send(Mail("a@example.com", "S", "b"))
    assert refused.value.connection and not refused.value.permanent
    assert "login" in str(refused.value)
    with pytest.raises(TransportError) as anonymous:  # the server requires a login
        SmtpTransport(server.settings()).send(Mail("a@example.com", "S", "b"))
    assert not anonymous.value.permanent
    assert len(server.handler.messages) == 1


def test_unknown_security_mode_is_refused():
    from app.config import SmtpSettings

    with pytest.raises(TransportError) as bad:
        SmtpTransport(SmtpSettings(host="127.0.0.1", security="tls1.3"))
    assert "none, starttls or ssl" in str(bad.value)
