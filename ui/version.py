"""The application version, for the About box and the window's metadata."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import metadata
from pathlib import Path

_PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


@lru_cache(maxsize=1)
def app_version() -> str:
    """The version in pyproject.toml when running from a checkout, else the installed distribution's."""
    try:
        text = _PYPROJECT.read_text(encoding="utf-8")
    except OSError:
        text = ""
    match = re.search(r'^version\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if match:
        return match.group(1)
    try:
        return metadata.version("freshflow")
    except metadata.PackageNotFoundError:
        return "0.0.0"
