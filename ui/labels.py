"""Translated labels for the codes the core stores (temperature classes, units, roles, languages)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.i18n import _
from app.permissions import ROLE_LABELS, Role

TEMPERATURE_CLASSES = ("ambient", "chilled", "frozen")
UNITS = ("piece", "weighed")
LANGUAGES = ("zh_CN", "en")


def temperature_label(code: str) -> str:
    return {
        "ambient": QCoreApplication.translate("labels", "Ambient"),
        "chilled": QCoreApplication.translate("labels", "Chilled"),
        "frozen": QCoreApplication.translate("labels", "Frozen"),
    }.get(code, code)


def unit_label(code: str) -> str:
    return {
        "piece": QCoreApplication.translate("labels", "Piece"),
        "weighed": QCoreApplication.translate("labels", "By weight"),
    }.get(code, code)


def language_label(code: str) -> str:
    return {
        "zh_CN": QCoreApplication.translate("labels", "Chinese (中文)"),
        "en": QCoreApplication.translate("labels", "English"),
    }.get(code, code)


def role_label(role: Role | str) -> str:
    try:
        return _(ROLE_LABELS[Role(role)])
    except ValueError:
        return str(role)
