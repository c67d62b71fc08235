"""Layering rules, enforced by import-linter so they cannot rot."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _lint_imports() -> str:
    return shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")


def test_layers_are_respected():
    result = subprocess.run([_lint_imports(), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_checker_catches_qt_in_the_core(tmp_path):
    """The contract really fires: a copy of the tree with Qt imported in app/ fails."""
    copy = tmp_path / "tree"
    for package in ("app", "ui", "printers"):
        shutil.copytree(ROOT / package, copy / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    (copy / "app" / "sneaky.py").write_text(textwrap.dedent("from PySide6 import QtCore\n"))
    result = subprocess.run([_lint_imports(), "--config", str(copy / "pyproject.toml"), "--no-cache"],
                            cwd=copy, capture_output=True, text=True, env={"PYTHONPATH": str(copy), "PATH": ""})
    assert result.returncode != 0
    assert "app.sneaky" in result.stdout
