"""The task table and the words a task is shown with (no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt

from app.services.picking.views import TaskView
from ui.models.picking import (CURRENT, DONE, SHORT, PickTaskFilterProxyModel, PickTaskTableModel, amount_to_pick,
                               left_text, nominal_text, picked_text, temperature_colours, temperature_label)

APPLES = TaskView(1, 1, "open", 7, "SO-1", 1, "", 3, "SH-A-01", 11, "APL-1", "Fuji apple", "富士苹果", "piece",
                  "ambient", None, "A-1", date(2030, 1, 2), 3, 3, 1, 1)
SALMON = TaskView(2, 2, "open", 7, "SO-1", 2, "TOTE-1", 4, "SH-C-01", 12, "FSH-1", "Salmon fillet", "", "weighed",
                  "chilled", 250, "S-1", date(2030, 1, 3), 500, 2, 262, 1)


def test_piece_and_weighed_quantities_read_as_pickers_count():
    assert (amount_to_pick(APPLES), left_text(APPLES), picked_text(APPLES), nominal_text(APPLES)) == (
        "3", "2", "1 / 3", "")
    assert (amount_to_pick(SALMON), left_text(SALMON), picked_text(SALMON), nominal_text(SALMON)) == (
        "2 pieces", "1 piece", "1 / 2 (262 g)", "about 250 g each")


def test_temperature_tags_say_the_class_in_words_and_colour():
    assert [temperature_label(c) for c in ("frozen", "chilled", "ambient")] == ["Frozen", "Chilled", "Ambient"]
    assert len({temperature_colours(c) for c in ("frozen", "chilled", "ambient")}) == 3


def test_the_table_marks_the_current_task_and_keeps_rows_on_updates(qtbot):
    model = PickTaskTableModel()
    model.set_tasks([APPLES, SALMON], current_task_id=1)
    assert model.index(0, model.COL_STATE).data() == "▶ now"
    assert model.index(0, model.COL_STATE).data(Qt.ItemDataRole.BackgroundRole) == CURRENT
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, model.COL_PICKED).data() == "1 / 2 (262 g)"
    resets, changes = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda *args: changes.append(1))
    model.set_tasks([replace(APPLES, state="done", picked_quantity=3, picked_pieces=3), SALMON], current_task_id=2)
    assert not resets and changes  # the same tasks: cells change, no reset (the scroll position stays)
    assert model.index(0, model.COL_STATE).data() == "picked"
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) == DONE
    assert model.current_row() == 1
    model.set_tasks([SALMON, replace(APPLES, id=3, state="short")], current_task_id=2)
    assert resets == [1] and model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) == SHORT


def test_the_filter_hides_finished_tasks(qtbot):
    model = PickTaskTableModel()
    proxy = PickTaskFilterProxyModel()
    proxy.setSourceModel(model)
    model.set_tasks([replace(APPLES, state="done"), SALMON], current_task_id=2)
    assert proxy.rowCount() == 2
    proxy.set_open_only(True)
    assert proxy.rowCount() == 1 and proxy.index(0, model.COL_SKU).data() == "FSH-1"
    model.set_tasks([replace(APPLES, state="done"), replace(SALMON, state="done")], current_task_id=None)
    assert proxy.rowCount() == 0  # follows the data as it changes
