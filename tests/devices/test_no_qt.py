"""app/devices must stay Qt-free (import-linter enforces it for the whole app; this
catches it early and also covers indirect imports)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_device_modules_import_without_qt():
    code = (
        "import sys\n"
        "import app.devices, app.devices.fake_scale, app.devices.pty_device\n"
        "qt = ('PySide6', 'shiboken6', 'ui', 'printers')\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in qt)\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
