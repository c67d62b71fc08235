"""The main window: a tab per view the actor's role may use, or one station's view.

The window only hosts. Which views exist and who may open them is the
registry's business (``ui.views.registry``); each view gets the
``ViewContext`` and does its own work through the context's runner; views
learn about changes (here or at another station) from the context's
notifier, fed by the ``ChangeFeedBridge`` this window starts and stops.
A view is built when its tab is first shown and loads its data itself;
F5 asks the current view to ``refresh()``. The window remembers its
geometry and last tab per station.
"""

from __future__ import annotations

import logging
import platform
from collections.abc import Sequence

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot, qVersion
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from app.permissions import Role
from ui.change_feed_bridge import ChangeFeedBridge
from ui.scanning.station_devices import StationDevices
from ui.context import ViewContext
from ui.dialogs.settings_dialog import SettingsDialog
from ui.status_bar import BusyIndicator, ConnectionIndicator, ConnectionMonitor
from ui.version import app_version
from ui.views.registry import (
    FULL_SCREEN_STATIONS, VIEWS, StationStatus, ViewSpec, no_views_message, resolve_station, role_title,
    station_message, station_title, views_for,
)

log = logging.getLogger(__name__)


def _settings_group(station: str) -> str:
    return f"mainWindow/{station or 'all'}"


class MainWindow(QMainWindow):
    # the window closed; ``True`` when the person logged out (show the login again)
    closed = Signal(bool)

    def __init__(self, context: ViewContext, station: str | None = None, *,
                 registry: Sequence[ViewSpec] = VIEWS, change_feed: bool = True,
                 database_overridden: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._context = context
        self._registry = list(registry)
        self._database_overridden = database_overridden
        self._logging_out = False
        self._shut_down = False
        self.station_notice: QMessageBox | None = None

        role = Role(context.actor.role)
        choice = resolve_station(station, role, self._registry)
        self.station_choice = choice
        # why the requested station did not open ("" when it did, or none was asked for)
        self.station_message = station_message(choice, role, self._registry) if choice.problem else ""
        # the station this window shows ("" = all the role's views)
        self.station = choice.name if choice.status is StationStatus.OPEN else ""

        # -- central widget: the views ------------------------------------------
        # A tab's view is built when the tab is first shown (the first one at once), so start-up
        # does not pay for views nobody opens yet.
        self.tabs = QTabWidget(objectName="mainTabs")
        self.tabs.setDocumentMode(True)
        self.views: dict[str, QWidget] = {}
        if self.station and choice.spec:
            self._specs = list(choice.specs or (choice.spec,))  # a station may have several views (tabs)
        else:
            self._specs = views_for(role, self._registry)
        specs = self._specs
        for spec in specs:
            page = QWidget(objectName=f"page_{spec.view_id}")
            page.setLayout(QVBoxLayout())
            page.layout().setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(page, spec.display_title())
        if self.station and len(specs) == 1:
            self.tabs.tabBar().hide()
        remembered = QSettings().value(f"{_settings_group(self.station)}/view", "")
        start_index = next((i for i, spec in enumerate(specs) if spec.view_id == remembered), 0)
        if specs:
            self.tabs.setCurrentIndex(start_index)
            self.view(specs[start_index].view_id)
        self.tabs.currentChanged.connect(self._tab_changed)

        if specs:
            self.setCentralWidget(self.tabs)
            self.no_views_label = None
        else:
            self.no_views_label = QLabel(no_views_message(role), objectName="noViewsMessage")
            self.no_views_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.no_views_label.setWordWrap(True)
            self.setCentralWidget(self.no_views_label)

        actor = context.actor
        if self.station:
            self.setWindowTitle(self.tr("FreshFlow — {station} — {user}").format(
                station=station_title(self.station, self._registry), user=actor.full_name or actor.username))
        else:
            self.setWindowTitle(self.tr("FreshFlow — {user}").format(user=actor.full_name or actor.username))

        self._build_menus()
        self._build_status_bar()

        # -- background machinery -----------------------------------------------
        if context.devices is None:
            context.devices = StationDevices(context.settings.devices, self)
        self.devices = context.devices
        self.devices.status_text_changed.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.devices.start()
        self.feed = ChangeFeedBridge(context.database, context.notifier, self) if change_feed else None
        if self.feed is not None:
            try:
                self.feed.start()
            except Exception:  # the window still works; views refresh on their own actions
                log.exception("the change feed did not start")
        self.monitor.start()
        self._restored = self._restore_geometry()

    # -- views --------------------------------------------------------------------
    def view(self, view_id: str) -> QWidget:
        """The view with ``view_id``, built now if its tab has not been shown yet."""
        if view_id in self.views:
            return self.views[view_id]
        index = next(i for i, spec in enumerate(self._specs) if spec.view_id == view_id)
        widget = self._create_view(self._specs[index])
        if self.station:
            widget.setProperty("station", True)
        self.views[view_id] = widget
        page = self.tabs.widget(index)
        page.layout().addWidget(widget)
        badge = getattr(widget, "badge_changed", None)
        if badge is not None:  # a view that counts what waits for the person shows the count in its tab title
            spec = self._specs[index]
            badge.connect(lambda count, page=page, spec=spec: self._show_badge(page, spec, count))
        if page.isVisible():
            widget.show()
        return widget

    def _show_badge(self, page: QWidget, spec: ViewSpec, count: int) -> None:
        index = self.tabs.indexOf(page)
        if index >= 0:
            title = spec.display_title()
            self.tabs.setTabText(index, self.tr("{title} ({count})").format(title=title, count=count)
                                 if count else title)

    def current_view(self) -> QWidget | None:
        index = self.tabs.currentIndex()
        return self.view(self._specs[index].view_id) if index >= 0 and self._specs else None

    @Slot(int)
    def _tab_changed(self, index: int) -> None:
        if index >= 0:
            self.view(self._specs[index].view_id)

    def _create_view(self, spec: ViewSpec) -> QWidget:
        try:
            return spec.factory(self._context)
        except Exception as error:  # shown in the tab, not as a crash at start
            log.exception("view %s could not be created", spec.view_id)
            label = QLabel(self.tr("The {title} view could not be opened.\n\n{error}").format(
                title=spec.display_title(), error=error), objectName="viewLoadError")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            return label

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        self.logout_action = QAction(self.tr("&Log out"), self)
        self.logout_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_L))
        self.logout_action.triggered.connect(self.log_out)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.logout_action)
        file_menu.addAction(self.quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.refresh_current_view)
        self.next_tab_action = QAction(self.tr("&Next tab"), self)
        self.next_tab_action.setShortcuts([QKeySequence("Ctrl+Tab"), QKeySequence("Ctrl+PgDown")])
        self.next_tab_action.triggered.connect(lambda: self._step_tab(+1))
        self.previous_tab_action = QAction(self.tr("&Previous tab"), self)
        self.previous_tab_action.setShortcuts([QKeySequence("Ctrl+Shift+Tab"), QKeySequence("Ctrl+PgUp")])
        self.previous_tab_action.triggered.connect(lambda: self._step_tab(-1))
        self.full_screen_action = QAction(self.tr("&Full screen"), self)
        self.full_screen_action.setCheckable(True)
        self.full_screen_action.setShortcut(QKeySequence.StandardKey.FullScreen)
        self.full_screen_action.toggled.connect(self._set_full_screen)
        for action in (self.refresh_action, self.next_tab_action, self.previous_tab_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.full_screen_action)
        self.next_tab_action.setEnabled(self.tabs.count() > 1)
        self.previous_tab_action.setEnabled(self.tabs.count() > 1)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = QAction(self.tr("&About FreshFlow"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        actor, database = self._context.actor, self._context.database
        bar = self.statusBar()
        self.user_label = QLabel(self.tr("{name} · {role}").format(
            name=actor.full_name or actor.username, role=role_title(Role(actor.role))), objectName="statusUser")
        self.user_label.setToolTip(self.tr("Logged in as {username}").format(username=actor.username))
        station_text = (self.tr("Station: {name}").format(name=station_title(self.station, self._registry))
                        if self.station else self.tr("Station: all views"))
        self.station_label = QLabel(station_text, objectName="statusStation")
        self.database_label = QLabel(database.display_url, objectName="statusDatabase")
        self.database_label.setToolTip(self.tr("Database"))
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy_indicator = BusyIndicator(self)
        self.connection_indicator = ConnectionIndicator(self)
        bar.addWidget(self.user_label)
        bar.addWidget(self.station_label)
        bar.addWidget(self.database_label, 1)
        bar.addPermanentWidget(self.busy_indicator)
        bar.addPermanentWidget(self.connection_indicator)
        self._context.runner.busy_changed.connect(self.busy_indicator.set_busy)
        self.monitor = ConnectionMonitor(database, self)
        self.monitor.status_changed.connect(self.connection_indicator.set_status)

    # -- showing ------------------------------------------------------------------
    def present(self) -> None:
        """Show the window as it was last time at this station (a station view at least maximised; the
        stations of ``FULL_SCREEN_STATIONS`` full screen)."""
        if self.station in FULL_SCREEN_STATIONS:
            self.showFullScreen()
        elif self._restored:
            self.show()
        elif self.station:
            self.showMaximized()
        else:
            self.resize(1200, 780)
            self.show()
        self.full_screen_action.setChecked(self.isFullScreen())
        if self.station_message:
            QTimer.singleShot(0, self._show_station_notice)

    def _show_station_notice(self) -> None:
        titles = {
            StationStatus.NOT_AVAILABLE: self.tr("Station not available"),
            StationStatus.UNKNOWN: self.tr("Unknown station"),
            StationStatus.FORBIDDEN: self.tr("Station not allowed"),
        }
        box = QMessageBox(QMessageBox.Icon.Information, titles.get(self.station_choice.status, "FreshFlow"),
                          self.station_message, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("stationNotice")
        self.station_notice = box
        box.open()

    @Slot()
    def refresh_current_view(self) -> None:
        refresh = getattr(self.current_view(), "refresh", None)
        if callable(refresh):
            refresh()

    def _step_tab(self, step: int) -> None:
        if self.tabs.count() > 1:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())
            self.current_view().setFocus()

    @Slot(bool)
    def _set_full_screen(self, on: bool) -> None:
        if on and not self.isFullScreen():
            self.showFullScreen()
        elif not on and self.isFullScreen():
            self.showMaximized() if self.station else self.showNormal()

    # -- menu actions ---------------------------------------------------------------
    @Slot()
    def open_settings(self) -> None:
        dialog = SettingsDialog(self._context.settings, parent=self,
                                overridden_url=self._context.database.display_url if self._database_overridden
                                else None)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted and dialog.saved_settings is not None:
            # devices apply from now on; database, station and language at the next log-in
            self._context.settings.devices = dialog.saved_settings.devices
        dialog.deleteLater()

    @Slot()
    def log_out(self) -> None:
        self._logging_out = True
        if not self.close():
            self._logging_out = False

    @Slot()
    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About FreshFlow"), self.tr(
            "<h3>FreshFlow {version}</h3>"
            "<p>Back office for a fresh-produce web shop: orders, stock, picking, QC, packing and after-sales.</p>"
            "<p>Database: {database}<br>Qt {qt} · PySide6 {pyside} · Python {python}</p>").format(
            version=app_version(), database=self._context.database.display_url, qt=qVersion(),
            pyside=pyside_version, python=platform.python_version()))

    # -- closing ------------------------------------------------------------------
    def _restore_geometry(self) -> bool:
        settings = QSettings()
        group = _settings_group(self.station)
        geometry = settings.value(f"{group}/geometry")
        state = settings.value(f"{group}/state")
        restored = bool(geometry) and self.restoreGeometry(geometry)
        if state:
            self.restoreState(state)
        return restored

    def save_geometry(self) -> None:
        settings = QSettings()
        group = _settings_group(self.station)
        settings.setValue(f"{group}/geometry", self.saveGeometry())
        settings.setValue(f"{group}/state", self.saveState())
        if self._specs and self.tabs.currentIndex() >= 0:
            settings.setValue(f"{group}/view", self._specs[self.tabs.currentIndex()].view_id)

    def shutdown(self) -> None:
        """Stop the change feed, the connection checks and wait for queued work (idempotent)."""
        if self._shut_down:
            return
        self._shut_down = True
        if self.feed is not None:
            self.feed.stop()
        self.devices.stop()
        self.monitor.stop()
        self._context.runner.wait_idle(10_000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_geometry()
        self.shutdown()
        super().closeEvent(event)
        self.closed.emit(self._logging_out)
