"""The order table models pass Qt's model tester; the queue's proxy filters and sorts without
losing rows or the selection."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from app.services.orders import queries
from ui.models.orders import (
    OrderLineTableModel, OrderTableModel, QueueFilterProxyModel, QueueTableModel, ReservationTableModel,
    ReviewLinesTableModel, TimelineTableModel, format_age, prepare_queue,
)
from ui.models.row_table_model import ROW_ROLE

from .conftest import actor


@pytest.fixture
def order_rows(orders_db, seed_orders):
    admin = actor(orders_db, "admin")
    good = queries.get_order(orders_db, admin, number=seed_orders.good)
    return {
        QueueTableModel: queries.review_queue(orders_db, admin),
        OrderTableModel: queries.search_orders(orders_db, admin),
        OrderLineTableModel: list(good.lines),
        ReservationTableModel: list(good.reservations),
        TimelineTableModel: list(good.timeline),
        ReviewLinesTableModel: list(good.lines),
    }


@pytest.mark.parametrize("model_class", [QueueTableModel, OrderTableModel, OrderLineTableModel,
                                         ReservationTableModel, TimelineTableModel, ReviewLinesTableModel])
def test_model_passes_qtmodeltester(qtmodeltester, order_rows, model_class):
    rows = order_rows[model_class]
    assert rows
    model = model_class()
    model.set_rows(rows)
    qtmodeltester.check(model)
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 0).data(ROW_ROLE) == rows[0]
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert sorted(model.rows(), key=id) == sorted(rows, key=id)
    model.set_rows([])
    qtmodeltester.check(model, force_py=True)


def test_queue_proxy_passes_qtmodeltester_while_filtering(qtmodeltester, order_rows, seed_orders):
    model = QueueTableModel(me="super")
    proxy = QueueFilterProxyModel()
    proxy.setSourceModel(model)
    model.set_snapshot(prepare_queue(order_rows[QueueTableModel]))
    qtmodeltester.check(proxy, force_py=True)
    proxy.set_filter_text("PHONE")  # case does not matter
    assert [proxy.index(r, 0).data(ROW_ROLE).number for r in range(proxy.rowCount())] == [seed_orders.bad_phone]
    proxy.set_filter_text("exception 2026")  # every word must appear
    assert proxy.rowCount() == 4
    proxy.set_filter_text("")
    qtmodeltester.check(proxy, force_py=True)


def test_sorting_through_the_proxy_keeps_the_selected_row(qapp, order_rows):
    from PySide6.QtWidgets import QTableView

    model = QueueTableModel(me="super")
    proxy = QueueFilterProxyModel()
    proxy.setSourceModel(model)
    model.set_rows(order_rows[QueueTableModel])
    table = QTableView()
    table.setModel(proxy)
    chosen = proxy.index(1, 0).data(ROW_ROLE)
    table.selectionModel().setCurrentIndex(proxy.index(1, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                           | QItemSelectionModel.SelectionFlag.Rows)
    for column in range(model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            proxy.sort(column, order)
            assert table.selectionModel().currentIndex().data(ROW_ROLE) == chosen
            assert [index.data(ROW_ROLE) for index in table.selectionModel().selectedRows()] == [chosen]
    # a reload keeps the person's sort
    proxy.sort(QueueTableModel.COL_NUMBER, Qt.SortOrder.DescendingOrder)
    model.set_rows(order_rows[QueueTableModel])
    numbers = [proxy.index(r, 0).data(ROW_ROLE).number for r in range(proxy.rowCount())]
    assert numbers == sorted(numbers, reverse=True)


def test_review_lines_edit_sku_and_quantity(qtbot, order_rows):
    model = ReviewLinesTableModel()
    model.set_lines(order_rows[ReviewLinesTableModel], {1: ["Unknown SKU"]})
    sku, quantity = model.index(0, model.COL_SKU), model.index(0, model.COL_QUANTITY)
    assert not model.flags(sku) & Qt.ItemFlag.ItemIsEditable  # read-only until the order is claimed
    assert not model.setData(sku, "VEG-0002")
    model.set_editable(True)
    with qtbot.waitSignal(model.edited):
        assert model.setData(sku, " veg-0002 ")
    assert not model.setData(quantity, 0) and not model.setData(quantity, "two")
    assert model.setData(quantity, 5)
    assert model.is_edited()
    line = order_rows[ReviewLinesTableModel][0]
    assert model.line_values()[0] == (line.line_no, "VEG-0002", 5)
    assert sku.data() == "VEG-0002" and sku.data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0, model.COL_PROBLEM).data() == "Unknown SKU"
    model.setData(sku, line.sku)
    model.setData(quantity, line.quantity)
    assert not model.is_edited()  # back to what is stored


@pytest.mark.parametrize("seconds, text", [(20, "just now"), (35 * 60, "35 min"), (2 * 3600 + 600, "2 h 10 min"),
                                           (3 * 86400 + 4 * 3600 + 59, "3 d 4 h")])
def test_age_texts(seconds, text):
    assert format_age(seconds) == text
