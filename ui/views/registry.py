"""Which views exist, which role may open them, and what ``--station NAME`` means.

The main window asks this registry instead of knowing the views itself: one
``ViewSpec`` per implemented view, imported lazily by its factory so that the
main window (and the login) start without loading every view, and so a
missing module fails with a clear message instead of an import error at start.

Stations are the names of DESIGN.md §1. A station is *implemented* when a
view with that ``view_id`` is registered; the others are known but planned.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from app.permissions import ROLE_LABELS, Action, Role, allowed
from app.i18n import _
from ui.context import ViewContext

class ViewUnavailable(RuntimeError):
    """A registered view's module or class cannot be loaded (the message says which)."""


@dataclass(frozen=True)
class ViewSpec:
    view_id: str
    # English source text; ``display_title()`` translates it
    title: str
    factory: Callable[[ViewContext], QWidget]
    visible: Callable[[Role], bool]

    def display_title(self) -> str:
        return QCoreApplication.translate("ViewRegistry", self.title)  # marked with QT_TRANSLATE_NOOP below


def lazy_view(module: str, class_name: str) -> Callable[[ViewContext], QWidget]:
    """A factory that imports ``module.class_name`` only when the view is opened."""

    def factory(context: ViewContext) -> QWidget:
        try:
            view_class = getattr(importlib.import_module(module), class_name)
        except (ImportError, AttributeError) as error:
            raise ViewUnavailable(
                QCoreApplication.translate("ViewRegistry", "The view {name} cannot be loaded: {error}").format(
                    name=f"{module}.{class_name}", error=error)
            ) from error
        return view_class(context)

    factory.__qualname__ = f"lazy_view({module}.{class_name})"
    return factory


def _may(*actions: Action) -> Callable[[Role], bool]:
    return lambda role: any(allowed(role, action) for action in actions)


VIEWS: list[ViewSpec] = [
    ViewSpec("catalog", QT_TRANSLATE_NOOP("ViewRegistry", "Catalogue"),
             lazy_view("ui.views.catalog_view", "CatalogView"), _may(Action.CATALOG_VIEW)),
    ViewSpec("stock", QT_TRANSLATE_NOOP("ViewRegistry", "Stock"),
             lazy_view("ui.views.stock_view", "StockView"), _may(Action.STOCK_VIEW)),
    ViewSpec("customers", QT_TRANSLATE_NOOP("ViewRegistry", "Customers"),
             lazy_view("ui.views.customers_view", "CustomersView"), _may(Action.CUSTOMER_VIEW)),
    ViewSpec("review", QT_TRANSLATE_NOOP("ViewRegistry", "Review queue"),
             lazy_view("ui.views.review_view", "ReviewView"), _may(Action.ORDER_REVIEW)),
    ViewSpec("orders", QT_TRANSLATE_NOOP("ViewRegistry", "Orders"),
             lazy_view("ui.views.orders_view", "OrdersView"), _may(Action.ORDER_VIEW)),
    ViewSpec("goods_in", QT_TRANSLATE_NOOP("ViewRegistry", "Goods-in"),
             lazy_view("ui.views.goods_in_view", "GoodsInView"), _may(Action.STOCK_RECEIVE)),
    ViewSpec("counts", QT_TRANSLATE_NOOP("ViewRegistry", "Stock counts"),
             lazy_view("ui.views.counts_view", "CountsView"), _may(Action.STOCK_COUNT)),
    ViewSpec("picking", QT_TRANSLATE_NOOP("ViewRegistry", "Picking"),
             lazy_view("ui.views.picking_view", "PickingView"), _may(Action.PICK)),
    ViewSpec("pick_lists", QT_TRANSLATE_NOOP("ViewRegistry", "Pick lists"),
             lazy_view("ui.views.pick_lists_view", "PickListsView"), _may(Action.PICK_PLAN)),
    ViewSpec("admin", QT_TRANSLATE_NOOP("ViewRegistry", "Administration"),
             lazy_view("ui.views.admin_view", "AdminView"),
             _may(Action.WAREHOUSE_EDIT, Action.USER_VIEW, Action.AUDIT_VIEW)),
]

# The stations of DESIGN.md §1, in the order a person would look for them.
STATIONS: dict[str, str] = {
    "review": QT_TRANSLATE_NOOP("ViewRegistry", "Review desk"),
    "stock": QT_TRANSLATE_NOOP("ViewRegistry", "Goods-in"),
    "picking": QT_TRANSLATE_NOOP("ViewRegistry", "Picking"),
    "qc": QT_TRANSLATE_NOOP("ViewRegistry", "QC bench"),
    "packing": QT_TRANSLATE_NOOP("ViewRegistry", "Packing bench"),
    "shipments": QT_TRANSLATE_NOOP("ViewRegistry", "Shipments"),
    "aftersales": QT_TRANSLATE_NOOP("ViewRegistry", "Customer service"),
    "orders": QT_TRANSLATE_NOOP("ViewRegistry", "Orders"),
    "dashboard": QT_TRANSLATE_NOOP("ViewRegistry", "Dashboard"),
    "admin": QT_TRANSLATE_NOOP("ViewRegistry", "Administration"),
}

# Stations whose views have other ids than the station's name, in the order their tabs
# appear (the first one opens). The goods-in station is where the stock clerk receives,
# counts and looks stock up (DESIGN.md §1); a name not listed here opens the view with
# that id.
STATION_VIEWS: dict[str, tuple[str, ...]] = {
    "stock": ("goods_in", "counts", "stock"),
    "review": ("review", "orders"),
}

# Stations that open full screen after login: the picker works from a metre away, with a scanner, and
# nothing else on the screen (F11 / the View menu leaves full screen).
FULL_SCREEN_STATIONS: frozenset[str] = frozenset({"picking"})

# The stations each role works at (DESIGN.md §1), to say what comes later.
ROLE_STATIONS: dict[Role, tuple[str, ...]] = {
    Role.PICKER: ("picking",),
    Role.QC_INSPECTOR: ("qc",),
    Role.PACKER: ("packing", "shipments"),
    Role.STOCK_CLERK: ("stock",),
    Role.CS_REP: ("review", "aftersales"),
    Role.SUPERVISOR: ("review", "orders", "dashboard"),
    Role.ADMIN: ("orders", "dashboard", "admin"),
}


def views_for(role: Role, registry: Sequence[ViewSpec] = VIEWS) -> list[ViewSpec]:
    """The registered views ``role`` may open, in registry order."""
    return [spec for spec in registry if spec.visible(role)]


def station_names(registry: Sequence[ViewSpec] = VIEWS) -> list[str]:
    """Every name ``--station`` accepts: DESIGN.md's stations, then other registered views."""
    names = list(STATIONS)
    names += [spec.view_id for spec in registry if spec.view_id not in STATIONS and spec.view_id not in names]
    return names


def station_title(name: str, registry: Sequence[ViewSpec] = VIEWS) -> str:
    if name in STATIONS:
        return QCoreApplication.translate("ViewRegistry", STATIONS[name])
    spec = next((s for s in registry if s.view_id == name), None)
    return spec.display_title() if spec else name


def role_title(role: Role) -> str:
    return _(ROLE_LABELS[Role(role)])


class StationStatus(Enum):
    ALL_VIEWS = "all"          # no station asked for
    OPEN = "open"              # open just this view
    NOT_AVAILABLE = "planned"  # a DESIGN.md station without a view in this version
    UNKNOWN = "unknown"        # no such station
    FORBIDDEN = "forbidden"    # the role may not use it


@dataclass(frozen=True)
class StationChoice:
    status: StationStatus
    name: str = ""
    spec: ViewSpec | None = None  # the view the station opens with
    specs: tuple[ViewSpec, ...] = ()  # all the station's views the role may use (``spec`` first)

    @property
    def problem(self) -> bool:
        return self.status in (StationStatus.NOT_AVAILABLE, StationStatus.UNKNOWN, StationStatus.FORBIDDEN)


def resolve_station(name: str | None, role: Role, registry: Sequence[ViewSpec] = VIEWS) -> StationChoice:
    """Decide what ``--station name`` opens for ``role``."""
    name = (name or "").strip().lower()
    if not name:
        return StationChoice(StationStatus.ALL_VIEWS)
    view_ids = STATION_VIEWS.get(name, (name,))
    specs = [spec for view_id in view_ids for spec in registry if spec.view_id == view_id]
    if not specs:
        status = StationStatus.NOT_AVAILABLE if name in STATIONS else StationStatus.UNKNOWN
        return StationChoice(status, name)
    usable = tuple(spec for spec in specs if spec.visible(role))
    if not usable:
        return StationChoice(StationStatus.FORBIDDEN, name, specs[0])
    return StationChoice(StationStatus.OPEN, name, usable[0], usable)


def station_message(choice: StationChoice, role: Role, registry: Sequence[ViewSpec] = VIEWS) -> str:
    """The sentence telling the person why they see all views instead of the station they asked for."""
    if choice.status is StationStatus.NOT_AVAILABLE:
        return QCoreApplication.translate(
            "ViewRegistry", "The {name} station is not available in this version. "
                            "FreshFlow opens the views your role can use instead.").format(name=choice.name)
    if choice.status is StationStatus.UNKNOWN:
        return QCoreApplication.translate(
            "ViewRegistry", "There is no station named “{name}”. Known stations: {names}. "
                            "FreshFlow opens the views your role can use instead.").format(
            name=choice.name, names=", ".join(station_names(registry)))
    if choice.status is StationStatus.FORBIDDEN:
        return QCoreApplication.translate(
            "ViewRegistry", "Your role ({role}) may not use the {name} station. "
                            "FreshFlow opens the views your role can use instead.").format(
            role=role_title(role), name=choice.name)
    return ""


def no_views_message(role: Role) -> str:
    """Shown instead of tabs when a role has no view in this version."""
    planned = [station_title(name) for name in ROLE_STATIONS.get(Role(role), ()) if name in STATIONS]
    text = QCoreApplication.translate(
        "ViewRegistry", "There is nothing for the role {role} in this version of FreshFlow yet.").format(
        role=role_title(role))
    if planned:
        text += "\n\n" + QCoreApplication.translate("ViewRegistry", "Coming in a later version: {stations}.").format(
            stations=", ".join(planned))
    return text
