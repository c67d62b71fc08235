"""``freshflow notify send|list`` against a real SMTP server, with the SMTP settings from settings.json in
FRESHFLOW_DATA_DIR; exit codes and one-line errors as for every command."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from app.cli import build_parser, commands, main, notify_commands
from app.config import Settings
from tests.notifications.conftest import message, queue


@pytest.fixture
def cli(monkeypatch):
    """``main(argv)`` with ``notify`` registered (also before the lead wires it into ``commands.register``)."""
    original = commands.register

    def register(sub, common):
        original(sub, common)
        if "notify" not in sub.choices:
            notify_commands.register(sub, common)

    monkeypatch.setattr(commands, "register", register)

    def run(*argv: str) -> int:
        try:
            return main(list(argv))
        except SystemExit as exit_:
            return exit_.code

    return run


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "ffdata"
    folder.mkdir()
    monkeypatch.setenv("FRESHFLOW_DATA_DIR", str(folder))
    return folder


def _configure_smtp(data_dir, port: int) -> None:
    (data_dir / "settings.json").write_text(json.dumps({"smtp": {
        "host": "127.0.0.1", "port": port, "security": "none", "from_address": "Shop <shop@freshflow.example>",
        "timeout_s": 5}}), encoding="utf-8")


def _url(db) -> str:
    return db.url.render_as_string(hide_password=False)


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_send_without_an_smtp_server_says_where_to_set_it(cli, odb, data_dir, capsys):
    queue(odb, message(1))
    assert cli("notify", "send", "--db", _url(odb)) == 1
    line = _one_line(capsys.readouterr().err)
    assert line == f"freshflow: No SMTP server configured; set smtp.host in {data_dir / 'settings.json'}"
    assert cli("notify", "send", "--db", _url(odb), "--json") == 1
    assert "No SMTP server configured" in json.loads(capsys.readouterr().out)["error"]
    assert Settings.path() == data_dir / "settings.json"


def test_send_delivers_and_list_shows_it(cli, odb, data_dir, smtp_server, capsys):
    _configure_smtp(data_dir, smtp_server.port)
    queue(odb, message(1, recipient="wang@example.cn", language="zh_CN", subject="您的订单 FF-7 已确认",
                       body="王小明，您好！\n"), *[message(n) for n in range(2, 6)])
    assert cli("notify", "send", "--db", _url(odb), "--json", "--batch", "2") == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["sent"], result["retried"], result["failed"]) == (5, 0, 0)
    assert result["outbox"] == {"pending": 0, "sent": 5, "failed": 0}
    received = smtp_server.handler.messages
    assert len(received) == 5 and {m.mail_from for m in received} == {"shop@freshflow.example"}
    chinese = next(m.email for m in received if m.rcpt_tos == ["wang@example.cn"])
    assert chinese["Subject"] == "您的订单 FF-7 已确认" and chinese.get_content() == "王小明，您好！\n"

    assert cli("notify", "list", "--db", _url(odb), "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [m["status"] for m in listed["messages"]] == ["sent"] * 5
    assert listed["messages"][-1]["subject"] == "您的订单 FF-7 已确认" and listed["messages"][-1]["sent_at"]

    assert cli("notify", "list", "--db", _url(odb), "--status", "sent") == 0
    text = capsys.readouterr().out
    assert "Outbox: 0 pending, 5 sent, 0 failed." in text and "您的订单 FF-7 已确认" in text

    assert cli("notify", "send", "--db", _url(odb)) == 0          # nothing due: nothing sent again
    assert "Sent 0" in capsys.readouterr().out
    assert len(smtp_server.handler.messages) == 5


def test_send_with_the_server_down_keeps_the_messages(cli, odb, data_dir, closed_port, capsys):
    _configure_smtp(data_dir, closed_port)
    queue(odb, message(1), message(2))
    assert cli("notify", "send", "--db", _url(odb)) == 0
    out = capsys.readouterr().out
    assert "Sent 0, to be retried 2, failed 0" in out and f"127.0.0.1:{closed_port}" in out
    assert cli("notify", "list", "--db", _url(odb), "--status", "pending", "--json") == 0
    pending = json.loads(capsys.readouterr().out)["messages"]
    assert [m["attempts"] for m in pending] == [1, 1]
    assert all("Cannot reach the mail server" in m["last_error"] for m in pending)


def test_send_loop_runs_rounds_until_interrupted(cli, odb, data_dir, smtp_server, capsys, monkeypatch):
    _configure_smtp(data_dir, smtp_server.port)
    queue(odb, message(1))
    naps = []

    def sleep(seconds):
        naps.append(seconds)
        if len(naps) == 1:
            queue(odb, message(2))        # arrives while the sender waits
            return
        raise KeyboardInterrupt

    monkeypatch.setattr(notify_commands.time, "sleep", sleep)
    assert cli("notify", "send", "--loop", "--interval", "0.5", "--json", "--db", _url(odb)) == 0
    rounds = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["sent"] for r in rounds] == [1, 1] and naps == [0.5, 0.5]
    assert len(smtp_server.handler.messages) == 2


def test_usage_errors_exit_2(cli, odb, capsys):
    assert cli("notify", "list", "--status", "lost", "--db", _url(odb)) == 2
    assert cli("notify", "--db", _url(odb)) == 2
    capsys.readouterr()


def test_the_console_script_in_a_real_process(odb, data_dir, smtp_server):
    """Runs once ``notify`` is wired into ``app.cli.commands.register`` (no import cycle, real exit codes)."""
    if "notify" not in build_parser()._subparsers._group_actions[0].choices:
        pytest.skip("freshflow notify is not registered in app.cli.commands yet")
    _configure_smtp(data_dir, smtp_server.port)
    queue(odb, message(1, language="zh_CN", subject="订单已确认"))
    env = {**os.environ, "FRESHFLOW_DATA_DIR": str(data_dir)}
    done = subprocess.run([sys.executable, "-m", "app.cli", "notify", "send", "--json", "--db", _url(odb)],
                          capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["sent"] == 1
    assert smtp_server.handler.messages[0].email["Subject"] == "订单已确认"
