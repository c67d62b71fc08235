"""Typed settings shared by the CLI and the desktop app.

Paths come from platformdirs; the database URL can be overridden by
``FRESHFLOW_DB_URL`` (and by ``--db`` on the command line). Settings live in a
JSON file so headless tools and the UI read the same values; QSettings holds
only window state.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import platformdirs

APP_NAME = "FreshFlow"
ENV_DB_URL = "FRESHFLOW_DB_URL"
ENV_DATA_DIR = "FRESHFLOW_DATA_DIR"


def data_dir() -> Path:
    """Directory for the embedded database and settings (overridable for tests)."""
    override = os.environ.get(ENV_DATA_DIR)
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_sqlite_url() -> str:
    return f"sqlite:///{data_dir() / 'freshflow.db'}"


@dataclass
class DeviceSettings:
    scanner_port: str = ""          # empty: keyboard-wedge scanner only
    scanner_baud: int = 9600
    scanner_suffix: str = "CR"      # CR, LF or CRLF
    scale_port: str = ""
    scale_baud: int = 9600
    label_printer: str = "pdf"      # pdf, system, tcp://host:9100, serial port
    sound_muted: bool = False


@dataclass
class SmtpSettings:
    """Where customer notifications are sent from (this machine's sender)."""

    host: str = ""                  # empty: notifications stay queued in the outbox
    port: int = 587
    security: str = "starttls"      # none, starttls or ssl
    username: str = ""
    password: str = ""
    from_address: str = "FreshFlow <orders@freshflow.example>"
    timeout_s: int = 20


@dataclass
class InboxSettings:
    """A folder this machine watches for order files (archive/ and rejected/ are made inside it)."""

    folder: str = ""                # empty: no inbox on this machine
    poll_seconds: int = 5


@dataclass
class Settings:
    database_url: str = ""          # empty: embedded SQLite in data_dir()
    station: str = ""               # empty: full main window with a tab per view
    language: str = "en"            # en or zh_CN
    devices: DeviceSettings = field(default_factory=DeviceSettings)
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    inbox: InboxSettings = field(default_factory=InboxSettings)

    @classmethod
    def path(cls) -> Path:
        return data_dir() / "settings.json"

    @classmethod
    def load(cls) -> "Settings":
        """Read the settings file; a missing or unreadable file gives defaults."""
        try:
            raw = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        return cls(
            database_url=str(raw.get("database_url") or ""),
            station=str(raw.get("station") or ""),
            language=str(raw.get("language") or "en"),
            devices=_section(DeviceSettings, raw.get("devices")),
            smtp=_section(SmtpSettings, raw.get("smtp")),
            inbox=_section(InboxSettings, raw.get("inbox")),
        )

    def save(self) -> None:
        path = self.path()
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)


def _section(kind, raw):
    """A settings section from its JSON object: unknown keys dropped, wrongly typed values defaulted."""
    if not isinstance(raw, dict):
        return kind()
    defaults = kind()
    values = {}
    for item in fields(kind):
        if item.name in raw:
            value, default = raw[item.name], getattr(defaults, item.name)
            if isinstance(value, type(default)) and not (isinstance(value, bool) and not isinstance(default, bool)):
                values[item.name] = value
    return kind(**values)


def resolve_database_url(cli_url: str | None = None, settings: Settings | None = None) -> str:
    """--db, else FRESHFLOW_DB_URL, else the settings file, else embedded SQLite."""
    if cli_url:
        return cli_url
    env = os.environ.get(ENV_DB_URL)
    if env:
        return env
    settings = settings if settings is not None else Settings.load()
    return settings.database_url or default_sqlite_url()
