"""A hypothesis state machine over the stock services against a plain in-memory model.

Steps: receive, reserve (FEFO: one line, or a whole order of lines in one transaction), release, pick,
move a reservation, write off, transfer, adjust, cycle count (create → count → submit → approve, or cancel
when the approval is refused), quarantine on and off, and a bin taken out of use and back. The model predicts every outcome, including which lots and bins FEFO takes
and which operations are refused. After every step the database must equal the model (quantities per
bin × lot, active reservations per reference), ``verify`` must find no difference, nothing is negative
and reserved ≤ on hand.

Each example builds its own warehouse (three bins of zone A) and product in one database per test, so
the examples never see each other's stock; ``verify`` checks the whole database every time.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule, \
    run_state_machine_as_test
from sqlalchemy import select

from app.errors import ConflictError, ValidationError
from app.models import Lot, StockQuant
from app.services.stock import counts, operations
from app.services.stock.reservations import (LineRequest, consume_in_session, move_reservation,
                                             release_reference, reserve_line, reserve_order_in_session)
from tests.stock_reliability.helpers import (TODAY, active_by_reference, assert_stock_consistent, day, make_world,
                                             receive_lot, set_bin_active)

#: lot number → (expiry, day of its receipts), in days from TODAY. EXP is expired today, TDY expires today;
#: C1, C2 and C3 tie on expiry: C2 arrived first (so it goes first), C1 and C3 tie on arrival too (then the
#: lot created first goes first, then the pick path).
LOTS = {"EXP": (-2, -4), "TDY": (0, -3), "C1": (2, -1), "C2": (2, -3), "C3": (2, -1), "E5": (5, -2), "F9": (9, 0)}
BINS = 3
PICK_SEQUENCE = [10, 20, 30]  # make_world's pick path: bin i has sequence 10 * (i + 1)

SETTINGS = {
    "sqlite": settings(max_examples=30, stateful_step_count=30, deadline=None,
                       suppress_health_check=[HealthCheck.too_slow]),
    "postgresql": settings(max_examples=8, stateful_step_count=25, deadline=None,
                           suppress_health_check=[HealthCheck.too_slow]),
}


class LedgerModel(RuleBasedStateMachine):
    def __init__(self, db, actor) -> None:
        super().__init__()
        self.db, self.actor = db, actor
        self.world = None
        self.lots: dict[str, dict] = {}  # name → expiry, received, order, quarantined, id
        self.quants: dict[tuple[int, str], list[int]] = {}  # (bin index, lot) → [on hand, reserved]
        self.quant_ids: dict[tuple[int, str], int] = {}
        self.reservations: dict[str, dict[int, list]] = {}  # reference → {reservation id: [key, quantity]}
        self.bin_active = [True] * BINS
        self.numbers = itertools.count(1)

    # -- helpers ------------------------------------------------------------------------------------------
    def _quant(self, key) -> list[int]:
        return self.quants.setdefault(key, [0, 0])

    def _free(self, key) -> int:
        on_hand, reserved = self.quants.get(key, (0, 0))
        return on_hand - reserved

    def _bin_index(self, bin_id: int) -> int:
        return self.world.bin_ids.index(bin_id)

    def _active(self) -> list[tuple[str, int]]:
        return sorted((ref, rid) for ref, parts in self.reservations.items() for rid in parts)

    def _stocked(self) -> list[tuple[int, str]]:
        return sorted(key for key, (on_hand, _r) in self.quants.items() if on_hand > 0)

    def _end(self, ref: str, rid: int) -> int:
        key, quantity = self.reservations[ref].pop(rid)
        self.quants[key][1] -= quantity
        return quantity

    # -- set-up ---------------------------------------------------------------------------------------------
    @initialize(min_remaining=st.sampled_from([0, 1, 3]), receipts=st.lists(st.tuples(
        st.integers(0, BINS - 1), st.sampled_from(sorted(LOTS)), st.integers(1, 20), st.booleans()),
        min_size=3, max_size=8))
    def setup(self, min_remaining, receipts):
        self.world = make_world(self.db, self.actor, bins=BINS, min_remaining=min_remaining)
        self.min_remaining = min_remaining
        for receipt in receipts:  # start with some stock, so the other rules have something to work on
            self.receive(*receipt)

    # -- rules ----------------------------------------------------------------------------------------------
    @rule(bin_index=st.integers(0, BINS - 1), lot=st.sampled_from(sorted(LOTS)), quantity=st.integers(1, 20),
          today=st.booleans())
    def receive(self, bin_index, lot, quantity, today):
        """A delivery of ``lot`` on its usual day, or (``today``) on TODAY, when EXP is refused as expired."""
        expiry, received = day(LOTS[lot][0]), 0 if today else LOTS[lot][1]
        if expiry < day(received) or not self.bin_active[bin_index]:
            with pytest.raises(ValidationError):
                receive_lot(self.db, self.actor, self.world, lot, expiry, quantity, bin_index=bin_index,
                            received=day(received))
            event("receive refused")
            return
        row = receive_lot(self.db, self.actor, self.world, lot, expiry, quantity, bin_index=bin_index,
                          received=day(received))
        if lot not in self.lots:
            self.lots[lot] = {"expiry": expiry, "received": day(received), "order": len(self.lots),
                              "quarantined": False, "id": row.lot_id}
        self._quant((bin_index, lot))[0] += quantity
        self.quant_ids[(bin_index, lot)] = row.quant_id

    def _fefo(self, quantity: int, delivery: int) -> tuple[list, int]:
        """What FEFO should take for one line now: [(key, quantity)] in order, and what stays short."""
        earliest = day(delivery + self.min_remaining)
        candidates = sorted(
            (key for key, (on_hand, reserved) in self.quants.items()
             if on_hand > reserved and self.bin_active[key[0]] and not self.lots[key[1]]["quarantined"]
             and self.lots[key[1]]["expiry"] >= max(TODAY, earliest)),
            key=lambda k: (self.lots[k[1]]["expiry"], self.lots[k[1]]["received"], self.lots[k[1]]["order"],
                           PICK_SEQUENCE[k[0]]))
        expected, need = [], quantity
        for key in candidates:
            if need == 0:
                break
            take = min(need, self._free(key))
            expected.append((key, take))
            need -= take
        return expected, need

    def _record(self, result, expected: list, short: int) -> None:
        """Check one line's result against the prediction and book it into the model."""
        got = [((self._bin_index(p.bin_id), p.lot_number), p.quantity) for p in result.parts]
        assert got == expected
        assert (result.requested - result.reserved, result.short) == (short, short)
        self.reservations[result.reference] = {}
        for part in result.parts:
            key = (self._bin_index(part.bin_id), part.lot_number)
            assert part.quant_id == self.quant_ids[key]
            self.reservations[result.reference][part.reservation_id] = [key, part.quantity]
            self.quants[key][1] += part.quantity
        event(f"reserve: {len(result.parts)} part(s){', short' if short else ''}")

    @rule(quantity=st.integers(1, 12), delivery=st.integers(0, 3))
    def reserve(self, quantity, delivery):
        """One line in its own transaction (``reserve_line``)."""
        expected, short = self._fefo(quantity, delivery)
        result = reserve_line(self.db, self.actor, warehouse_id=self.world.warehouse_id,
                              product_id=self.world.product_id, quantity=quantity, delivery_date=day(delivery),
                              reference=f"P{self.world.product_id}/R{next(self.numbers)}", today=TODAY)
        self._record(result, expected, short)

    @rule(quantities=st.lists(st.integers(1, 8), min_size=2, max_size=4), delivery=st.integers(0, 3))
    def reserve_order(self, quantities, delivery):
        """Several lines of the product in one transaction: each line sees what the earlier ones took."""
        predictions = []
        for quantity in quantities:
            expected, short = self._fefo(quantity, delivery)
            for key, take in expected:  # provisionally, for the next line's prediction
                self.quants[key][1] += take
            predictions.append((expected, short))
        for expected, _short in predictions:
            for key, take in expected:
                self.quants[key][1] -= take
        lines = [LineRequest(self.world.product_id, quantity, f"P{self.world.product_id}/R{next(self.numbers)}")
                 for quantity in quantities]
        results = self.db.transaction(lambda s: reserve_order_in_session(
            s, self.actor, warehouse_id=self.world.warehouse_id, lines=lines, delivery_date=day(delivery),
            today=TODAY))
        assert [r.reference for r in results] == [line.reference for line in lines]
        for result, (expected, short) in zip(results, predictions, strict=True):
            self._record(result, expected, short)

    @precondition(lambda self: self.reservations)
    @rule(data=st.data())
    def release(self, data):
        reference = data.draw(st.sampled_from(sorted(self.reservations)))
        expected = sum(self._end(reference, rid) for rid in list(self.reservations[reference]))
        assert release_reference(self.db, self.actor, reference, "cancelled") == expected

    @precondition(lambda self: self._active())
    @rule(data=st.data())
    def pick(self, data):
        reference, rid = data.draw(st.sampled_from(self._active()))
        key, reserved = self.reservations[reference][rid]
        quantity = data.draw(st.integers(1, reserved))
        left = self.db.transaction(lambda s: consume_in_session(s, self.actor, rid, quantity, reference=reference,
                                                                today=TODAY))
        assert left == reserved - quantity
        self.quants[key][0] -= quantity
        self.quants[key][1] -= quantity
        if left:
            self.reservations[reference][rid][1] = left
        else:
            del self.reservations[reference][rid]

    @precondition(lambda self: self._active())
    @rule(data=st.data())
    def move(self, data):
        reference, rid = data.draw(st.sampled_from(self._active()))
        key, quantity = self.reservations[reference][rid]
        delivery = data.draw(st.none() | st.integers(0, 4))

        def eligible(target) -> bool:
            lot = self.lots[target[1]]
            return (target != key and self.bin_active[target[0]] and not lot["quarantined"]
                    and lot["expiry"] >= TODAY
                    and (delivery is None or lot["expiry"] >= day(delivery + self.min_remaining)))

        fitting = [t for t in sorted(self.quant_ids) if eligible(t) and self._free(t) >= quantity]
        if fitting and data.draw(st.booleans(), label="to a target that fits"):
            target = data.draw(st.sampled_from(fitting))
        else:
            target = data.draw(st.sampled_from(sorted(self.quant_ids)))
        refused = None
        if not eligible(target):
            refused = ValidationError
        elif self._free(target) < quantity:
            refused = ConflictError
        call = lambda: move_reservation(self.db, self.actor, rid, self.quant_ids[target], "not found",  # noqa: E731
                                        today=TODAY, delivery_date=None if delivery is None else day(delivery))
        event(f"move: {refused.__name__ if refused else 'moved'}")
        if refused:
            with pytest.raises(refused):
                call()
            return
        moved = call()
        assert (moved.quant_id, moved.quantity) == (self.quant_ids[target], quantity)
        self._end(reference, rid)
        self.reservations[reference][moved.reservation_id] = [target, quantity]
        self.quants[target][1] += quantity

    @precondition(lambda self: self._stocked())
    @rule(data=st.data())
    def write_off(self, data):
        key = data.draw(st.sampled_from(self._stocked()))
        quantity = data.draw(st.integers(1, self.quants[key][0]))
        event(f"write-off: {'refused' if quantity > self._free(key) else 'done'}")
        if quantity > self._free(key):
            with pytest.raises(ConflictError):
                operations.write_off(self.db, self.actor, self.quant_ids[key], quantity, "spoiled")
            return
        row = operations.write_off(self.db, self.actor, self.quant_ids[key], quantity, "spoiled")
        self.quants[key][0] -= quantity
        assert row.on_hand_after == self.quants[key][0]

    @precondition(lambda self: self._stocked())
    @rule(data=st.data())
    def transfer(self, data):
        key = data.draw(st.sampled_from(self._stocked()))
        to_bin = data.draw(st.integers(0, BINS - 1))
        quantity = data.draw(st.integers(1, self.quants[key][0]))
        call = lambda: operations.transfer(self.db, self.actor, self.quant_ids[key],  # noqa: E731
                                           self.world.bin_ids[to_bin], quantity, "tidy up")
        if to_bin == key[0] or not self.bin_active[to_bin]:
            with pytest.raises(ValidationError):
                call()
            return
        if quantity > self._free(key):
            with pytest.raises(ConflictError):
                call()
            return
        event("transfer: done")
        row = call()
        target = (to_bin, key[1])
        self.quants[key][0] -= quantity
        self._quant(target)[0] += quantity
        self.quant_ids[target] = row.to_quant_id
        assert (row.from_on_hand_after, row.to_on_hand_after) == (self.quants[key][0], self.quants[target][0])

    @precondition(lambda self: self.quant_ids)
    @rule(data=st.data())
    def adjust(self, data):
        key = data.draw(st.sampled_from(sorted(self.quant_ids)))
        on_hand, reserved = self.quants[key]
        new_on_hand = data.draw(st.integers(0, on_hand + 5))
        call = lambda: operations.adjust(self.db, self.actor, self.quant_ids[key], new_on_hand,  # noqa: E731
                                         "found on the shelf")
        if new_on_hand == on_hand:
            with pytest.raises(ValidationError):
                call()
        elif new_on_hand < reserved:
            with pytest.raises(ConflictError):
                call()
        else:
            call()
            self.quants[key][0] = new_on_hand

    @precondition(lambda self: self._stocked())
    @rule(data=st.data())
    def count(self, data):
        sheet = counts.create_count_sheet(self.db, self.actor, self.world.warehouse_id, "A")
        lines = counts.sheet_for_counter(self.db, self.actor, sheet.id).lines
        assert sorted((self._bin_index(line.bin_id), line.lot_number) for line in lines) == self._stocked()
        counted = {}
        for line in lines:
            key = (self._bin_index(line.bin_id), line.lot_number)
            counted[key] = max(0, self.quants[key][0] + data.draw(st.integers(-3, 3), label=f"variance {key}"))
            counts.record_count(self.db, self.actor, sheet.id, line.line_id, counted[key])
        counts.submit_count_sheet(self.db, self.actor, sheet.id)
        if any(counted[key] < self.quants[key][1] for key in counted):
            with pytest.raises(ConflictError):  # would leave less than is reserved: nothing applied
                counts.approve_count_sheet(self.db, self.actor, sheet.id)
            counts.cancel_count_sheet(self.db, self.actor, sheet.id, "recount")
            event("count: approval refused")
            return
        approval = counts.approve_count_sheet(self.db, self.actor, sheet.id)
        event("count: approved")
        assert approval.adjusted_lines == sum(1 for key, n in counted.items() if n != self.quants[key][0])
        for key, n in counted.items():
            self.quants[key][0] = n

    @precondition(lambda self: self.lots)
    @rule(data=st.data())
    def quarantine(self, data):
        name = data.draw(st.sampled_from(sorted(self.lots)))
        lot = self.lots[name]
        row = operations.set_quarantine(self.db, self.actor, lot["id"], not lot["quarantined"], "temperature")
        lot["quarantined"] = not lot["quarantined"]
        expected = []
        if lot["quarantined"]:  # its reservations end and go back to the orders
            for reference, rid in self._active():
                if self.reservations[reference][rid][0][1] == name:
                    expected.append((rid, reference, self._end(reference, rid)))
        assert sorted((r.reservation_id, r.reference, r.quantity) for r in row.released) == sorted(expected)
        event(f"quarantine: {'on, reservations released' if expected else 'on' if lot['quarantined'] else 'off'}")

    @rule(bin_index=st.integers(0, BINS - 1))
    def toggle_bin(self, bin_index):
        self.bin_active[bin_index] = not self.bin_active[bin_index]
        set_bin_active(self.db, self.actor, self.world.bin_ids[bin_index], self.bin_active[bin_index])

    # -- the database equals the model --------------------------------------------------------------------
    @invariant()
    def database_equals_model(self):
        if self.world is None:
            return
        stored = {(self._bin_index(r.bin_id), r.lot_number): (r.on_hand, r.reserved)
                  for r in self.db.read(lambda s: s.execute(
                      select(StockQuant.bin_id, Lot.lot_number, StockQuant.on_hand, StockQuant.reserved)
                      .join(Lot, Lot.id == StockQuant.lot_id)
                      .where(StockQuant.product_id == self.world.product_id)).all())}
        assert {k: v for k, v in stored.items() if v != (0, 0)} == {
            k: tuple(v) for k, v in self.quants.items() if v != [0, 0]}
        assert active_by_reference(self.db, product_id=self.world.product_id) == {
            ref: {rid: (self.quant_ids[key], quantity) for rid, (key, quantity) in parts.items()}
            for ref, parts in self.reservations.items() if parts}
        assert_stock_consistent(self.db, self.actor)


def test_ledger_state_machine(db, system, engine_name):
    run_state_machine_as_test(lambda: LedgerModel(db, system), settings=SETTINGS[engine_name])
