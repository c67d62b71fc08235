"""The Qt binding in use must not leak references to None/True/False.

PySide6 6.12.0 on Python 3.11 drops a reference to None/True/False on every
call returning them and every signal emit, and the interpreter aborts within
minutes ("none_dealloc"); pyproject.toml therefore excludes it. This test
runs the pattern in a subprocess so a regression fails here instead of
crashing a station.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication, QLineEdit
    app = QApplication([])
    field = QLineEdit()
    class Emitter(QObject):
        fired = Signal(str)
    emitter = Emitter()
    before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    for _ in range(20000):
        field.setText("x")
        field.hasFocus()
        emitter.fired.emit("y")
    after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    print(*(a - b for a, b in zip(after, before)))
""")


def test_qt_calls_and_signals_keep_none_true_false_alive():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""}, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    deltas = [int(x) for x in result.stdout.split()]
    assert all(abs(d) < 100 for d in deltas), deltas
