"""Bring the translation files up to date with the source code.

    python resources/translations/update_translations.py [--check]

1. Core (``app/``): every string literal passed directly to ``_()`` or ``N_()``
   (``app.i18n``) is collected with the ``ast`` module and merged into
   ``core_<lang>.json`` (msgid -> translation): existing translations are kept,
   new msgids get an empty value, msgids no longer in the code are dropped and
   the keys are sorted. Calls whose argument is not a literal cannot be
   extracted; they are listed (mark the literal itself with ``N_()`` instead).
2. UI (``ui/``): ``pyside6-lupdate`` collects the ``tr()`` /
   ``QCoreApplication.translate()`` strings into ``freshflow_<lang>.ts``
   (``-no-obsolete``), then ``pyside6-lrelease`` compiles ``freshflow_<lang>.qm``.

Afterwards translate the new entries: empty values in the JSON file, and the
``type="unfinished"`` messages in the .ts file (Qt Linguist, or by hand), and
run this script again so that the .qm file is rebuilt.

``--check`` changes nothing and exits with status 1 if the core catalogue is
missing msgids or still has obsolete ones.
"""

from __future__ import annotations

import argparse
import ast
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
TRANSLATIONS_DIR = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)
MARKERS = frozenset({"_", "N_"})
CORE_DIRS = ("app", "printers")
UI_DIRS = ("ui",)


@dataclass(frozen=True)
class Message:
    msgid: str
    path: Path
    line: int


@dataclass(frozen=True)
class Unextractable:
    path: Path
    line: int
    code: str


def _python_files(directories: tuple[str, ...], root: Path = ROOT) -> list[Path]:
    files: list[Path] = []
    for directory in directories:
        files.extend(path for path in (root / directory).rglob("*.py") if "__pycache__" not in path.parts)
    return sorted(files)


def _marker_name(func: ast.expr) -> str | None:
    """``_`` / ``N_`` for ``_(...)``, ``N_(...)``, ``i18n._(...)``; else None."""
    if isinstance(func, ast.Name) and func.id in MARKERS:
        return func.id
    if isinstance(func, ast.Attribute) and func.attr in MARKERS:
        return func.attr
    return None


def extract_file(path: Path, root: Path = ROOT) -> tuple[list[Message], list[Unextractable]]:
    """The ``_()``/``N_()`` literals in one file, and the calls whose argument is not a literal."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(path))
    relative = path.relative_to(root) if path.is_relative_to(root) else path
    messages: list[Message] = []
    problems: list[Unextractable] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _marker_name(node.func) is None:
            continue
        argument = node.args[0] if len(node.args) == 1 and not node.keywords else None
        # implicit concatenation ("a" "b") is already a single Constant in the AST
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            messages.append(Message(argument.value, relative, node.lineno))
        else:
            problems.append(Unextractable(relative, node.lineno,
                                          ast.get_source_segment(source, node) or ast.dump(node)))
    return messages, problems


def extract_core(root: Path = ROOT) -> tuple[dict[str, list[Message]], list[Unextractable]]:
    """msgid -> where it is used, for every ``_()``/``N_()`` literal in ``app/``; plus the non-literal calls."""
    found: dict[str, list[Message]] = {}
    problems: list[Unextractable] = []
    for path in _python_files(CORE_DIRS, root):
        messages, unextractable = extract_file(path, root)
        for message in messages:
            found.setdefault(message.msgid, []).append(message)
        problems.extend(unextractable)
    return found, problems


def merge_catalogue(existing: dict[str, str], msgids: set[str]) -> tuple[dict[str, str], list[str], list[str]]:
    """(new catalogue, added msgids, dropped msgids): keeps translations, sorts keys."""
    merged = {msgid: existing.get(msgid, "") for msgid in sorted(msgids)}
    added = sorted(msgids - existing.keys())
    dropped = sorted(existing.keys() - msgids)
    return merged, added, dropped


def catalogue_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"core_{language}.json"


def ts_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"freshflow_{language}.ts"


def qm_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"freshflow_{language}.qm"


def load_catalogue(path: Path) -> dict[str, str]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def write_catalogue(path: Path, catalogue: dict[str, str]) -> None:
    path.write_text(json.dumps(catalogue, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def find_tool(name: str) -> str:
    """``pyside6-lupdate`` / ``pyside6-lrelease``: next to this Python first (a virtualenv), then on PATH."""
    directory = Path(sys.executable).parent
    for candidate in (directory / name, directory / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found (install PySide6 in this Python environment)")
    return found


def ui_sources(root: Path = ROOT) -> list[str]:
    """The ui/ Python files as paths relative to ``root`` (lupdate is run from there)."""
    return [path.relative_to(root).as_posix() for path in _python_files(UI_DIRS, root)]


def run_lupdate(ts_file: Path, language: str, root: Path = ROOT, extra: tuple[str, ...] = ()) -> str:
    command = [find_tool("pyside6-lupdate"), *ui_sources(root), "-ts", str(ts_file),
               "-target-language", language, "-no-obsolete", *extra]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=True)
    return done.stdout + done.stderr


def run_lrelease(ts_file: Path, qm_file: Path) -> str:
    command = [find_tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return done.stdout + done.stderr


def update_core(language: str, check: bool) -> bool:
    found, problems = extract_core()
    path = catalogue_path(language)
    existing = load_catalogue(path)
    merged, added, dropped = merge_catalogue(existing, set(found))
    untranslated = [msgid for msgid, text in merged.items() if not text]
    for problem in problems:
        print(f"{problem.path}:{problem.line}: argument is not a string literal, not extracted (fine if the value was marked with N_()): {problem.code}")
    print(f"{path.relative_to(ROOT)}: {len(merged)} msgids ({len(added)} new, {len(dropped)} obsolete "
          f"{'found' if check else 'dropped'}, {len(untranslated)} untranslated)")
    for msgid in added:
        first = found[msgid][0]
        print(f"  new: {msgid!r} ({first.path}:{first.line})")
    for msgid in dropped:
        print(f"  obsolete: {msgid!r}")
    if not check:
        write_catalogue(path, merged)
    return not added and not dropped


def update_ui(language: str) -> None:
    ts_file, qm_file = ts_path(language), qm_path(language)
    print(run_lupdate(ts_file, language).rstrip())
    print(run_lrelease(ts_file, qm_file).rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only report; exit 1 if the core catalogue is out of date")
    parser.add_argument("--core-only", action="store_true", help="skip lupdate/lrelease")
    args = parser.parse_args(argv)
    up_to_date = True
    for language in LANGUAGES:
        up_to_date &= update_core(language, args.check)
        if not args.check and not args.core_only:
            update_ui(language)
    return 1 if args.check and not up_to_date else 0


if __name__ == "__main__":
    raise SystemExit(main())
