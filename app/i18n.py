"""Translation helper for user-visible text produced by the core.

The UI uses Qt's ``tr()``; the core cannot, so it marks strings with ``_()``
and looks them up in a JSON catalogue (English msgid -> translation) under
``resources/translations/core_<lang>.json``. Format placeholders *after*
translating: ``_("Unknown SKU {sku}").format(sku=sku)``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

_TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"
_language = "en"


def set_language(language: str) -> None:
    """Select the language for core messages ("en" or "zh_CN")."""
    global _language
    _language = language or "en"


def current_language() -> str:
    return _language


@lru_cache(maxsize=8)
def _catalogue(language: str) -> dict[str, str]:
    path = _TRANSLATIONS_DIR / f"core_{language}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def _(message: str) -> str:
    """Return ``message`` translated into the current language."""
    if _language == "en":
        return message
    return _catalogue(_language).get(message, message)


def N_(message: str) -> str:
    """Mark a string for translation without translating it now."""
    return message
