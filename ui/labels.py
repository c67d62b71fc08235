"""Translated labels for the codes the core stores (temperature classes, units, roles, languages)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.i18n import _
from app.permissions import ROLE_LABELS, Role

TEMPERATURE_CLASSES = ("ambient", "chilled", "frozen")
UNITS = ("piece", "weighed")
LANGUAGES = ("zh_CN", "en")


def _t(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def temperature_label(code: str) -> str:
    return {
        "ambient": _t("Ambient"),
        "chilled": _t("Chilled"),
        "frozen": _t("Frozen"),
    }.get(code, code)


def unit_label(code: str) -> str:
    return {"piece": _t("Piece"), "weighed": _t("By weight")}.get(code, code)


def language_label(code: str) -> str:
    return {"zh_CN": _t("Chinese (中文)"), "en": _t("English")}.get(code, code)


def role_label(role: Role | str) -> str:
    try:
        return _(ROLE_LABELS[Role(role)])
    except ValueError:
        return str(role)
