"""Undoing the piece that completed a weighed task: the grams its completion released (the piece was lighter than
reserved) are reserved for the line again, as far as they are still free. Each scenario ends with the ledger
verified."""

from __future__ import annotations

from sqlalchemy import select

from app.models import StockQuant
from app.services.picking import planning
from tests.picking.conftest import SALMON_GTIN, bin_code, gs1, order_draft, place_orders, receive
from tests.picking.snapshots import active_reservations, assert_clean, quant_of


def _ok(outcome, code: str | None = None):
    assert outcome.accepted, (outcome.code, outcome.message)
    if code is not None:
        assert outcome.code == code, (outcome.code, outcome.message)
    return outcome


def _reserved_in_bin(db, shop, number: str) -> list[int]:
    """The order's active reservations on the salmon in bin SH-C-01 (not those of the goods in the packing area)."""
    quant = db.read(lambda s: s.execute(select(StockQuant.id).where(StockQuant.bin_id == shop.bin_c1.id,
                                                                    StockQuant.product_id == shop.salmon.id))
                    .scalar_one())
    return [quantity for quantities in active_reservations(db, number + "/").values()
            for quant_id, quantity in quantities if quant_id == quant]


def _pick_one_light_piece(db, system, shop, supervisor, station) -> str:
    """Order one salmon piece (250 g reserved) and pick a 232 g one: the task is done, 18 g released."""
    [number] = place_orders(db, system, order_draft("w-1", ("FSH-1", 1)))
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    station.take_next(shop.warehouse.id)
    _ok(station.scan(bin_code("SH-C-01")))
    _ok(station.scan(gs1(SALMON_GTIN, weight_g=232)), "list_done")
    assert _reserved_in_bin(db, shop, number) == []
    return number


def test_undo_reserves_the_released_grams_again(db, system, shop, supervisor, station):
    number = _pick_one_light_piece(db, system, shop, supervisor, station)
    assert quant_of(db, shop.bin_c1.id, "S-1") == (5000 - 232, 0)
    undone = _ok(station.do("undo"), "undone")
    assert undone.view.state == "claimed" and undone.view.current.sku == "FSH-1"
    assert _reserved_in_bin(db, shop, number) == [250]
    assert quant_of(db, shop.bin_c1.id, "S-1") == (5000, 250)
    assert_clean(db)
    _ok(station.scan(gs1(SALMON_GTIN, weight_g=262)), "list_done")   # 250 g reserved, 12 g from free stock
    assert quant_of(db, shop.bin_c1.id, "S-1") == (5000 - 262, 0)
    assert_clean(db)


def test_undo_reserves_only_what_is_still_free(db, system, shop, supervisor, station):
    receive(db, system, shop.salmon.id, shop.bin_c1.id, "S-1", 4, 240)    # 5240 g in all
    number = _pick_one_light_piece(db, system, shop, supervisor, station)
    # another order reserves 20 pieces (5000 g) of the 5008 g left: 8 of the 18 g released are still free
    [other] = place_orders(db, system, order_draft("w-2", ("FSH-1", 20)))
    assert quant_of(db, shop.bin_c1.id, "S-1") == (5008, 5000)
    _ok(station.do("undo"), "undone")
    assert quant_of(db, shop.bin_c1.id, "S-1") == (5240, 5240)
    assert _reserved_in_bin(db, shop, number) == [240] and sum(_reserved_in_bin(db, shop, other)) == 5000
    assert_clean(db)
    # a heavier piece would need grams the other order holds; one within the reservation is taken
    heavy = station.scan(gs1(SALMON_GTIN, weight_g=262))
    assert (heavy.accepted, heavy.code) == (False, "no_stock")
    _ok(station.scan(gs1(SALMON_GTIN, weight_g=240)), "list_done")
    assert quant_of(db, shop.bin_c1.id, "S-1") == (5000, 5000)
    assert_clean(db)
