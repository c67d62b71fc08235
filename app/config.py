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
class Settings:
    database_url: str = ""          # empty: embedded SQLite in data_dir()
    station: str = ""               # empty: full main window with a tab per view
    language: str = "en"            # en or zh_CN
    devices: DeviceSettings = field(default_factory=DeviceSettings)

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
        known = {f.name for f in fields(DeviceSettings)}
        devices = DeviceSettings(**{k: v for k, v in (raw.get("devices") or {}).items() if k in known})
        return cls(
            database_url=str(raw.get("database_url") or ""),
            station=str(raw.get("station") or ""),
            language=str(raw.get("language") or "en"),
            devices=devices,
        )

    def save(self) -> None:
        path = self.path()
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)


def resolve_database_url(cli_url: str | None = None, settings: Settings | None = None) -> str:
    """--db, else FRESHFLOW_DB_URL, else the settings file, else embedded SQLite."""
    if cli_url:
        return cli_url
    env = os.environ.get(ENV_DB_URL)
    if env:
        return env
    settings = settings if settings is not None else Settings.load()
    return settings.database_url or default_sqlite_url()
