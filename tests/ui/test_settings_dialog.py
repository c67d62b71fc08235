"""The settings dialog: shows and saves the settings file, tests connections off the UI thread."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from app.config import DeviceSettings, Settings
from ui.dialogs.settings_dialog import SettingsDialog


@pytest.fixture
def open_dialog(qtbot):
    def _open(settings: Settings, **kwargs) -> SettingsDialog:
        dialog = SettingsDialog(settings, **kwargs)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return _open


def test_shows_the_current_settings(open_dialog):
    settings = Settings(database_url="sqlite:////data/ff.db", station="packing", language="zh_CN",
                        devices=DeviceSettings(scanner_port="/dev/ttyUSB0", scanner_baud=19200, scanner_suffix="CRLF",
                                               scale_port="/dev/ttyUSB1", scale_baud=4800,
                                               label_printer="tcp://10.0.0.5:9100", sound_muted=True))
    dialog = open_dialog(settings)
    assert dialog.url_edit.text() == "sqlite:////data/ff.db"
    assert dialog.station_combo.currentData() == "packing"
    assert dialog.language_combo.currentText() == "简体中文"
    assert dialog.scanner_port.text() == "/dev/ttyUSB0"
    assert dialog.scanner_baud.currentData() == 19200
    assert dialog.scanner_suffix.currentData() == "CRLF"
    assert dialog.scale_baud.currentData() == 4800
    assert dialog.label_printer.currentText() == "tcp://10.0.0.5:9100"
    assert dialog.sound_muted.isChecked()
    assert dialog.edited_settings() == settings


def test_saving_writes_the_settings_file(open_dialog):
    dialog = open_dialog(Settings())
    dialog.url_edit.setText("postgresql://db.local/freshflow")
    dialog.station_combo.setCurrentIndex(dialog.station_combo.findData("admin"))
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_CN"))
    dialog.scanner_port.setText("COM3")
    dialog.scanner_suffix.setCurrentIndex(dialog.scanner_suffix.findData("LF"))
    dialog.sound_muted.setChecked(True)
    dialog.buttons.accepted.emit()

    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    saved = Settings.load()
    assert saved == dialog.saved_settings
    assert (saved.database_url, saved.station, saved.language) == ("postgresql://db.local/freshflow", "admin", "zh_CN")
    assert (saved.devices.scanner_port, saved.devices.scanner_suffix, saved.devices.sound_muted) == ("COM3", "LF", True)


def test_the_station_list_offers_all_stations_and_all_views(open_dialog):
    dialog = open_dialog(Settings())
    names = [dialog.station_combo.itemData(i) for i in range(dialog.station_combo.count())]
    assert names[0] == ""
    assert {"review", "stock", "picking", "qc", "packing", "shipments", "aftersales", "orders", "dashboard",
            "admin"} <= set(names)


def test_a_malformed_url_is_not_saved(open_dialog):
    dialog = open_dialog(Settings())
    dialog.url_edit.setText("not a url")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and dialog.saved_settings is None
    assert "is not a database URL" in dialog.test_result.text()
    assert not Settings.path().exists()


def test_the_note_says_when_changes_apply(open_dialog):
    dialog = open_dialog(Settings())
    notes = " ".join(label.text() for label in dialog.findChildren(QLabel, "settingsNote"))
    assert "next log-in" in notes and "restarted" in notes


def test_test_connection_reports_success(qtbot, ui_db, open_dialog):
    dialog = open_dialog(Settings())
    dialog.url_edit.setText(str(ui_db.url))
    dialog.test_button.click()
    assert not dialog.test_button.isEnabled()  # running in the background
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=5000)
    assert dialog.test_result.text() == "✔ Connected."


def test_test_connection_reports_an_unreachable_server(qtbot, open_dialog):
    dialog = open_dialog(Settings())
    dialog.url_edit.setText("postgresql://ff:pw@127.0.0.1:1/freshflow")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=10_000)
    assert dialog.test_result.text().startswith("✖ ")
    assert "cannot be reached" in dialog.test_result.text()
    assert "pw@" not in dialog.test_result.text()


def test_test_connection_does_not_create_a_missing_sqlite_file(qtbot, tmp_path, open_dialog):
    missing = tmp_path / "missing.db"
    dialog = open_dialog(Settings())
    dialog.url_edit.setText(f"sqlite:///{missing}")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=5000)
    assert "does not exist" in dialog.test_result.text()
    assert not missing.exists()


def test_the_command_line_database_is_mentioned(open_dialog):
    dialog = open_dialog(Settings(), overridden_url="postgresql://db.local/ff")
    notes = " ".join(label.text() for label in dialog.findChildren(QLabel, "settingsNote"))
    assert "postgresql://db.local/ff" in notes and "FRESHFLOW_DB_URL" in notes
