"""Edit the settings file: database, station, language, devices.

The settings are the JSON file of ``app.config.Settings`` (shared with the
command line); QSettings keeps only window state. "Test connection" pings the
database off the UI thread. Database, station and language changes apply at
the next log-in or start, which the dialog says.
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from app.config import DeviceSettings, Settings, default_sqlite_url
from app.db.database import Database
from app.db.engine import normalize_url
from app.errors import DatabaseUnavailable, DomainError
from ui.operations import OperationRunner
from ui.views.registry import station_names, station_title

log = logging.getLogger(__name__)

BAUD_RATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
SUFFIXES = ("CR", "LF", "CRLF")
LANGUAGES = (("en", "English"), ("zh_CN", "简体中文"))


def check_connection(url: str) -> str:
    """Ping ``url`` (worker thread); returns a note, raises ``DatabaseUnavailable`` when unreachable."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database or ""
        if path and path != ":memory:" and not Path(path).exists():
            if not Path(path).parent.is_dir():
                raise DatabaseUnavailable(QCoreApplication.translate(
                    "SettingsDialog", "The folder {folder} does not exist.").format(folder=Path(path).parent))
            if normalize_url(default_sqlite_url()) == parsed:
                return QCoreApplication.translate(
                    "SettingsDialog", "The file does not exist yet; FreshFlow creates a demo database there "
                                      "at the next start.")
            raise DatabaseUnavailable(QCoreApplication.translate(
                "SettingsDialog", "The database file {path} does not exist.").format(path=path))
    database = Database(parsed, application_name="freshflow:settings")
    try:
        database.ping()
    finally:
        database.dispose()
    return QCoreApplication.translate("SettingsDialog", "Connected.")


class SettingsDialog(QDialog):
    """Edits a copy of ``settings``; on OK validates, saves and keeps it in ``saved_settings``."""

    def __init__(self, settings: Settings, runner: OperationRunner | None = None, parent: QWidget | None = None,
                 *, overridden_url: str | None = None) -> None:
        super().__init__(parent)
        self._original = settings
        self._runner = runner or OperationRunner(self)
        self.saved_settings: Settings | None = None
        self.setWindowTitle(self.tr("FreshFlow — Settings"))
        self.setMinimumWidth(640)

        # -- database and station ---------------------------------------------------
        self.url_edit = QLineEdit(settings.database_url, objectName="settingsDatabaseUrl")
        self.url_edit.setPlaceholderText(self.tr("empty: the embedded database"))
        self.url_edit.setToolTip(self.tr("For example postgresql://server/freshflow or sqlite:////path/file.db.\n"
                                         "Empty: the embedded database {url}").format(url=default_sqlite_url()))
        self.test_button = QPushButton(self.tr("&Test connection"), objectName="settingsTestConnection")
        self.test_button.clicked.connect(self._test_connection)
        self.test_result = QLabel(objectName="settingsTestResult")
        self.test_result.setWordWrap(True)
        self.test_result.hide()
        url_row = QHBoxLayout()
        url_row.addWidget(self.url_edit, 1)
        url_row.addWidget(self.test_button)

        self.station_combo = QComboBox(objectName="settingsStation")
        self.station_combo.addItem(self.tr("All views (no station)"), "")
        for name in station_names():
            self.station_combo.addItem(f"{station_title(name)} ({name})", name)
        self._select(self.station_combo, settings.station)

        self.language_combo = QComboBox(objectName="settingsLanguage")
        for code, label in LANGUAGES:
            self.language_combo.addItem(label, code)
        self._select(self.language_combo, settings.language)

        general = QGroupBox(self.tr("General"))
        general_form = QFormLayout(general)
        url_label = QLabel(self.tr("&Database:"))
        url_label.setBuddy(self.url_edit)
        general_form.addRow(url_label, url_row)
        general_form.addRow("", self.test_result)
        general_form.addRow(self.tr("&Station:"), self.station_combo)
        general_form.addRow(self.tr("&Language:"), self.language_combo)
        if overridden_url:
            override = QLabel(self.tr("This session uses {url}, given by --db or FRESHFLOW_DB_URL; "
                                      "that takes precedence over the setting above.").format(url=overridden_url),
                              objectName="settingsNote")
            override.setWordWrap(True)
            general_form.addRow("", override)

        # -- devices ------------------------------------------------------------------
        devices = settings.devices
        self.scanner_port = QLineEdit(devices.scanner_port, objectName="settingsScannerPort")
        self.scanner_port.setPlaceholderText(self.tr("empty: keyboard-wedge scanner; e.g. /dev/ttyUSB0 or COM3"))
        self.scanner_baud = self._baud_combo(devices.scanner_baud, "settingsScannerBaud")
        self.scanner_suffix = QComboBox(objectName="settingsScannerSuffix")
        for suffix in SUFFIXES:
            self.scanner_suffix.addItem(suffix, suffix)
        self._select(self.scanner_suffix, devices.scanner_suffix)
        self.scale_port = QLineEdit(devices.scale_port, objectName="settingsScalePort")
        self.scale_port.setPlaceholderText(self.tr("empty: no scale; e.g. /dev/ttyUSB1 or COM4"))
        self.scale_baud = self._baud_combo(devices.scale_baud, "settingsScaleBaud")
        self.label_printer = QComboBox(objectName="settingsLabelPrinter")
        self.label_printer.setEditable(True)
        self.label_printer.addItem("pdf")
        self.label_printer.addItem("system")
        self.label_printer.setCurrentText(devices.label_printer)
        self.label_printer.setToolTip(self.tr("pdf, system, tcp://host:9100 or a serial port"))
        self.sound_muted = QCheckBox(self.tr("&Mute scan sounds"), objectName="settingsMuteSounds")
        self.sound_muted.setChecked(devices.sound_muted)

        device_box = QGroupBox(self.tr("Devices at this station"))
        device_form = QFormLayout(device_box)
        device_form.addRow(self.tr("Scanner &port:"), self.scanner_port)
        device_form.addRow(self.tr("Scanner &baud rate:"), self.scanner_baud)
        device_form.addRow(self.tr("Scanner line &end:"), self.scanner_suffix)
        device_form.addRow(self.tr("Scale p&ort:"), self.scale_port)
        device_form.addRow(self.tr("Scale ba&ud rate:"), self.scale_baud)
        device_form.addRow(self.tr("Label &printer:"), self.label_printer)
        device_form.addRow("", self.sound_muted)

        note = QLabel(self.tr("Changes to the database or the station apply at the next log-in; "
                              "a language change applies when FreshFlow is restarted."), objectName="settingsNote")
        note.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addWidget(device_box)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

    # -- helpers ------------------------------------------------------------------
    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    def _baud_combo(self, value: int, name: str) -> QComboBox:
        combo = QComboBox(objectName=name)
        rates = sorted(set(BAUD_RATES) | {int(value)})
        for rate in rates:
            combo.addItem(str(rate), rate)
        combo.setCurrentIndex(combo.findData(int(value)))
        return combo

    def edited_settings(self) -> Settings:
        """The settings as currently entered (not validated, not saved)."""
        result = copy.deepcopy(self._original)
        result.database_url = self.url_edit.text().strip()
        result.station = self.station_combo.currentData() or ""
        result.language = self.language_combo.currentData() or "en"
        result.devices = DeviceSettings(
            scanner_port=self.scanner_port.text().strip(),
            scanner_baud=int(self.scanner_baud.currentData()),
            scanner_suffix=self.scanner_suffix.currentData(),
            scale_port=self.scale_port.text().strip(),
            scale_baud=int(self.scale_baud.currentData()),
            label_printer=self.label_printer.currentText().strip() or "pdf",
            sound_muted=self.sound_muted.isChecked(),
        )
        return result

    def _url_problem(self, url: str) -> str | None:
        if not url:
            return None
        try:
            parsed = normalize_url(url)
        except Exception:  # sqlalchemy.exc.ArgumentError and friends
            return self.tr("“{url}” is not a database URL. Use postgresql://user@host/name "
                           "or sqlite:////path/to/file.db.").format(url=url)
        if parsed.get_backend_name() not in ("sqlite", "postgresql"):
            return self.tr("FreshFlow works with PostgreSQL or SQLite, not {backend}.").format(
                backend=parsed.get_backend_name())
        return None

    # -- actions --------------------------------------------------------------
    def _test_connection(self) -> None:
        url = self.url_edit.text().strip()
        problem = self._url_problem(url)
        if problem:
            self._show_test_result(problem, ok=False)
            return
        url = url or default_sqlite_url()
        self.test_button.setEnabled(False)
        self._show_test_result(self.tr("Connecting…"), ok=None)
        self._runner.run(lambda: check_connection(url), self._test_passed, self._test_failed,
                         key="settings-test-connection")

    def _test_passed(self, note: str) -> None:
        self.test_button.setEnabled(True)
        self._show_test_result(note, ok=True)

    def _test_failed(self, error: BaseException) -> None:
        self.test_button.setEnabled(True)
        if not isinstance(error, DomainError):
            log.info("connection test failed", exc_info=error)
        text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        self._show_test_result(text, ok=False)

    def _show_test_result(self, text: str, ok: bool | None) -> None:
        self.test_result.setText(("✔ " if ok else "✖ " if ok is False else "") + text)
        self.test_result.show()
        colour = {True: "#1b5e20", False: "#b3261e", None: "#5f6368"}[ok]
        self.test_result.setStyleSheet(f"color: {colour};")
        self.test_result.setProperty("ok", ok)

    def accept(self) -> None:
        problem = self._url_problem(self.url_edit.text().strip())
        if problem:
            self._show_test_result(problem, ok=False)
            self.url_edit.setFocus()
            return
        settings = self.edited_settings()
        try:
            settings.save()
        except OSError as error:
            QMessageBox.warning(self, self.tr("Settings not saved"),
                                self.tr("The settings could not be saved to {path}: {error}").format(
                                    path=Settings.path(), error=error.strerror or error))
            return
        self.saved_settings = settings
        super().accept()


__all__ = ["SettingsDialog", "check_connection"]
