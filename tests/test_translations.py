"""English and Simplified Chinese: every user-visible string has a translation that keeps its placeholders.

The core marks strings with ``_()`` / ``N_()`` (``app.i18n``, catalogue
``core_zh_CN.json``); the UI uses Qt's ``tr()`` (``freshflow_zh_CN.ts``,
compiled to ``.qm``). ``resources/translations/update_translations.py``
refreshes both from the sources; these tests fail when someone adds a string
without running it and translating the new entries.
"""

from __future__ import annotations

import importlib.util
import json
import re
import string
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator

from app import i18n
from app.permissions import Action, Role, require

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
CATALOGUE = TRANSLATIONS / "core_zh_CN.json"
TS_FILE = TRANSLATIONS / "freshflow_zh_CN.ts"
QM_FILE = TRANSLATIONS / "freshflow_zh_CN.qm"
UPDATE_HINT = "run `python resources/translations/update_translations.py` and translate the new entries"


def _load_update_script():
    spec = importlib.util.spec_from_file_location("update_translations", TRANSLATIONS / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


update_translations = _load_update_script()


def _format_fields(text: str) -> Counter:
    """``{name}``, ``{name!r}``, ``{delay:.1f}`` … as (field, conversion, spec), with their counts."""
    return Counter((field, conversion, spec) for _literal, field, spec, conversion in string.Formatter().parse(text)
                   if field is not None)


_QT_ARG = re.compile(r"%(?:n|L?[1-9])")
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\s*/?>")


def _has_accelerator(text: str) -> bool:
    return re.search(r"&(?!&)\S", text.replace("&&", "")) is not None


# -- the core catalogue ------------------------------------------------------------------

@pytest.fixture(scope="module")
def core_msgids() -> dict:
    found, _problems = update_translations.extract_core()
    assert found, "no _()/N_() strings found in app/: is the extraction broken?"
    return found


@pytest.fixture(scope="module")
def catalogue() -> dict[str, str]:
    return json.loads(CATALOGUE.read_text(encoding="utf-8"))


def test_extraction_sees_literals_implicit_concatenation_and_reports_the_rest(tmp_path):
    module = tmp_path / "sample.py"
    module.write_text(
        "from app.i18n import N_, _\n"
        "A = _('plain {sku}')\n"
        "B = _('joined ' 'over lines')\n"
        "C = N_(\"marked\")\n"
        "D = _(A)\n"
        "E = i18n._('attribute')\n",
        encoding="utf-8")
    messages, problems = update_translations.extract_file(module, tmp_path)
    assert [m.msgid for m in sorted(messages, key=lambda m: m.line)] == [
        "plain {sku}", "joined over lines", "marked", "attribute"]
    assert [(p.line, p.code) for p in problems] == [(5, "_(A)")]


def test_merge_keeps_translations_adds_new_and_drops_obsolete():
    merged, added, dropped = update_translations.merge_catalogue({"b": "乙", "gone": "旧"}, {"b", "a"})
    assert merged == {"a": "", "b": "乙"} and list(merged) == ["a", "b"]
    assert added == ["a"] and dropped == ["gone"]


def test_every_core_message_has_a_chinese_translation(core_msgids, catalogue):
    missing = sorted(msgid for msgid in core_msgids if not catalogue.get(msgid, "").strip())
    assert not missing, (f"{len(missing)} core message(s) without a zh_CN translation in {CATALOGUE.name} "
                         f"({UPDATE_HINT}): {missing[:10]}")


def test_core_catalogue_has_no_obsolete_entries(core_msgids, catalogue):
    obsolete = sorted(set(catalogue) - set(core_msgids))
    assert not obsolete, f"{CATALOGUE.name} has msgids no longer in app/ ({UPDATE_HINT}): {obsolete[:10]}"


def test_core_translations_keep_their_placeholders(catalogue):
    wrong = [(msgid, text) for msgid, text in catalogue.items()
             if text and _format_fields(msgid) != _format_fields(text)]
    assert not wrong, f"translations whose {{placeholders}} differ from the English: {wrong[:5]}"


def test_core_translations_can_be_formatted(catalogue):
    for msgid, text in catalogue.items():
        fields = {field.split(".")[0].split("[")[0] for field, _conv, _spec in _format_fields(msgid)}
        values = {name: 1.5 for name in fields}
        assert text.format(**values)  # no stray braces, format specs valid for a number


@pytest.fixture
def chinese_core():
    i18n.set_language("zh_CN")
    try:
        yield
    finally:
        i18n.set_language("en")


def test_wrong_password_message_follows_the_language(login_as, db):
    from app.errors import AuthenticationFailed
    from app.services import users

    name = login_as(Role.PICKER).actor.username
    i18n.set_language("zh_CN")
    try:
        with pytest.raises(AuthenticationFailed) as chinese:
            users.login(db, name, "not-the-password")
    finally:
        i18n.set_language("en")
    assert str(chinese.value) == "用户名或密码错误。"
    with pytest.raises(AuthenticationFailed) as english:
        users.login(db, name, "not-the-password")
    assert str(english.value) == "Wrong user name or password."


def test_role_and_action_labels_are_translated_when_shown(chinese_core):
    from app.errors import PermissionDenied
    from app.services.context import Actor

    with pytest.raises(PermissionDenied) as denied:
        require(Actor(1, "pia", Role.PICKER), Action.USER_MANAGE)
    assert str(denied.value) == "您的角色（拣货员）无权管理用户。请联系主管。"


def test_set_language_en_restores_english():
    i18n.set_language("zh_CN")
    try:
        assert i18n._("Wrong user name or password.") == "用户名或密码错误。"
    finally:
        i18n.set_language("en")
    assert i18n._("Wrong user name or password.") == "Wrong user name or password."
    assert i18n.current_language() == "en"


# -- the Qt translation (.ts / .qm) -----------------------------------------------------

def _ts_messages(path: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [(context.findtext("name") or "", message)
            for context in root.iter("context") for message in context.iter("message")]


def _translations(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.findall("numerusform")]
    return [translation.text or ""]


@pytest.fixture(scope="module")
def ts_messages() -> list[tuple[str, ET.Element]]:
    messages = _ts_messages(TS_FILE)
    assert messages, f"{TS_FILE.name} holds no messages"
    return messages


def test_every_qt_message_is_translated(ts_messages):
    unfinished = []
    for context, message in ts_messages:
        kind = message.find("translation").get("type")
        texts = _translations(message)
        if kind in ("unfinished", "vanished", "obsolete") or not texts or not all(t.strip() for t in texts):
            unfinished.append((context, message.findtext("source")))
    assert not unfinished, f"{len(unfinished)} untranslated message(s) in {TS_FILE.name}: {unfinished[:10]}"


def test_chinese_plurals_have_one_form(ts_messages):
    for context, message in ts_messages:
        if message.get("numerus") == "yes":
            assert len(_translations(message)) == 1, (context, message.findtext("source"))


def test_qt_translations_keep_placeholders_markup_and_accelerators(ts_messages):
    wrong = []
    for context, message in ts_messages:
        source = message.findtext("source") or ""
        for text in _translations(message):
            if (Counter(_QT_ARG.findall(source)) != Counter(_QT_ARG.findall(text))
                    or _format_fields(source) != _format_fields(text)
                    or Counter(_TAG.findall(source)) != Counter(_TAG.findall(text))
                    or _has_accelerator(source) != _has_accelerator(text)):
                wrong.append((context, source, text))
    assert not wrong, f"translations that lost a %n/%1 or {{placeholder}}, a tag or a &-shortcut: {wrong[:5]}"


def test_ts_file_is_up_to_date_with_the_ui_sources(tmp_path, ts_messages):
    fresh = tmp_path / "fresh_zh_CN.ts"
    try:
        update_translations.run_lupdate(fresh, "zh_CN")
    except SystemExit as missing_tool:
        pytest.fail(str(missing_tool))
    found = {(context, message.findtext("source")) for context, message in _ts_messages(fresh)}
    assert len(found) > 100, "lupdate found almost nothing in ui/: is the extraction broken?"
    committed = {(context, message.findtext("source")) for context, message in ts_messages}
    new = sorted(found - committed)
    assert not new, (f"{len(new)} tr() string(s) in ui/ are not in {TS_FILE.name} ({UPDATE_HINT}): "
                     f"{new[:10]}")


@pytest.fixture(scope="module")
def qm_translator():
    assert QM_FILE.exists(), f"{QM_FILE.name} is missing ({UPDATE_HINT})"
    translator = QTranslator()
    assert translator.load(str(QM_FILE)), f"{QM_FILE.name} cannot be loaded"
    return translator


def test_qm_file_matches_the_ts_file(qm_translator, ts_messages):
    stale = []
    for context, message in ts_messages:
        source = message.findtext("source")
        numerus = message.get("numerus") == "yes"
        expected = _translations(message)[0]
        got = qm_translator.translate(context, source, None, 1 if numerus else -1)
        if got != expected:
            stale.append((context, source, got, expected))
    assert not stale, f"{QM_FILE.name} is older than {TS_FILE.name} ({UPDATE_HINT}): {stale[:5]}"


@pytest.mark.parametrize(("context", "source", "chinese"), [
    ("LoginDialog", "Log in", "登录"),
    ("LoginDialog", "&User name:", "用户名(&U)："),
    ("LoginDialog", "&Password:", "密码(&P)："),
    ("LoginDialog", "FreshFlow — Log in", "FreshFlow — 登录"),
    ("MainWindow", "&File", "文件(&F)"),
    ("ViewRegistry", "Catalogue", "商品目录"),
])
def test_qm_translates_known_strings(qm_translator, context, source, chinese):
    assert qm_translator.translate(context, source) == chinese


def test_installed_translation_reaches_widgets_and_models(qapp, qm_translator):
    from ui.labels import role_label, temperature_label
    from ui.models.admin import UserTableModel
    from ui.models.catalog import ProductTableModel

    assert qapp.installTranslator(qm_translator)
    i18n.set_language("zh_CN")
    try:
        assert QCoreApplication.translate("CatalogView", "%n product(s)", None, 3) == "3 个商品"
        products = ProductTableModel()
        headers = [products.headerData(c, Qt.Orientation.Horizontal) for c in range(products.columnCount())]
        assert headers[:2] == ["SKU", "英文名称"]
        assert UserTableModel().headerData(0, Qt.Orientation.Horizontal) == "用户名"
        assert temperature_label("chilled") == "冷藏"
        assert role_label(Role.QC_INSPECTOR) == "质检员"
    finally:
        qapp.removeTranslator(qm_translator)
        i18n.set_language("en")
    assert ProductTableModel().headerData(1, Qt.Orientation.Horizontal) == "English name"
    assert temperature_label("chilled") == "Chilled"
