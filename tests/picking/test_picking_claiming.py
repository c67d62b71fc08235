"""Claiming pick lists: never one list to two pickers, a picker's own unfinished list comes back, and a claim left
by a crashed station expires and is then taken over or released by a supervisor (never by another picker)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, text, update

from app.errors import ConflictError, PermissionDenied, ValidationError
from app.models import PickList, utcnow
from app.permissions import Role
from app.services.picking import claiming, planning, views
from tests.picking.conftest import APPLE_GTIN, Station, bin_code, order_draft, place_orders
from tests.picking.snapshots import assert_clean, order_state, state


def _three_lists(db, system, shop, supervisor) -> list[int]:
    place_orders(db, system, *[order_draft(f"k-{k}", ("APL-1", k)) for k in range(1, 4)])
    return [p.id for p in planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)]


def _expire(db, list_id: int) -> None:
    """The claim ran out (the picker's station crashed and nobody scanned for CLAIM_MINUTES)."""
    db.transaction(lambda s: s.execute(update(PickList).where(PickList.id == list_id)
                                       .values(claimed_until=utcnow() - timedelta(seconds=1))))


def test_two_pickers_get_different_lists_and_their_own_back(db, system, shop, supervisor, login_as):
    lists = _three_lists(db, system, shop, supervisor)
    first, second = (Station(login.database, login.actor, f"pick-{k}") for k, login in
                     enumerate((login_as(Role.PICKER), login_as(Role.PICKER)), 1))
    a, b = first.take_next(shop.warehouse.id), second.take_next(shop.warehouse.id)
    assert [a.id, b.id] == lists[:2]                         # the oldest first, each to one picker
    assert (a.claimed_by, a.claimed_station, a.state) == (first.actor.username, "pick-1", "claimed")
    assert a.claimed_until > utcnow() + timedelta(minutes=9)
    # asking again gives the picker their own unfinished list, not the next one, even from another station
    assert first.take_next(shop.warehouse.id).id == a.id
    assert claiming.take_next(first.db, first.actor, shop.warehouse.id, "pick-9").claimed_station == "pick-9"
    assert second.take_next(shop.warehouse.id).id == b.id
    third = Station(*(lambda login: (login.database, login.actor))(login_as(Role.PICKER)), "pick-3")
    assert third.take_next(shop.warehouse.id).id == lists[2]
    fourth = Station(*(lambda login: (login.database, login.actor))(login_as(Role.PICKER)), "pick-4")
    assert fourth.take_next(shop.warehouse.id) is None     # nothing left
    with pytest.raises(ValidationError):
        claiming.take_next(first.db, first.actor, shop.warehouse.id, "")
    assert_clean(db)


def test_pickers_asking_at_the_same_moment_never_share_a_list(db, system, shop, supervisor, login_as):
    lists = _three_lists(db, system, shop, supervisor)
    logins = [login_as(Role.PICKER) for _ in range(4)]
    barrier, got = threading.Barrier(len(logins)), {}

    def take(k: int) -> None:
        barrier.wait(timeout=20)
        try:
            view = claiming.take_next(logins[k].database, logins[k].actor, shop.warehouse.id, f"pick-{k}")
            got[k] = view.id if view else None
        except Exception as error:  # noqa: BLE001 - reported below
            got[k] = error

    threads = [threading.Thread(target=take, args=(k,)) for k in range(len(logins))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not [v for v in got.values() if isinstance(v, Exception)], got
    taken = [v for v in got.values() if v is not None]
    assert sorted(taken) == sorted(lists) and list(got.values()).count(None) == 1
    holders = db.read(lambda s: dict(s.execute(select(PickList.id, PickList.claimed_by)).all()))
    assert sorted(holders.values()) == sorted(logins[k].actor.username for k, v in got.items() if v is not None)
    assert_clean(db)


def test_a_list_locked_by_another_claim_is_skipped_without_waiting(db, system, shop, supervisor, picker):
    if not db.is_postgres:
        pytest.skip("SQLite serialises claims with its write lock; SKIP LOCKED is PostgreSQL's")
    lists = _three_lists(db, system, shop, supervisor)
    with db.engine.connect() as holder:
        transaction = holder.begin()
        holder.execute(text("SELECT id FROM pick_lists WHERE id = :id FOR UPDATE"), {"id": lists[0]})
        started = utcnow()
        view = claiming.take_next(picker.database, picker.actor, shop.warehouse.id, "pick-1")
        assert view.id == lists[1]
        assert utcnow() - started < timedelta(seconds=3)     # no wait for the lock (lock_timeout is 10 s)
        transaction.rollback()
    assert_clean(db)


def test_expired_claim_is_taken_over_by_a_supervisor_only(db, system, shop, supervisor, login_as, station):
    lists = _three_lists(db, system, shop, supervisor)
    assert station.take_next(shop.warehouse.id).id == lists[0]
    assert station.scan(bin_code("SH-A-01")).accepted and station.scan(APPLE_GTIN).code == "list_done"
    # k-1 had one apple; k-2 has two
    list_id = station.take_next(shop.warehouse.id).id
    assert list_id == lists[1]
    assert station.scan(bin_code("SH-A-01")).accepted and station.scan(APPLE_GTIN).accepted   # 1 of 2 picked
    other = login_as(Role.PICKER)
    with pytest.raises(PermissionDenied):
        claiming.take_over(other.database, other.actor, list_id, "pick-2", "station crashed")
    with pytest.raises(ConflictError) as early:
        claiming.take_over(supervisor.database, supervisor.actor, list_id, "pick-2", "station crashed")
    assert station.actor.username in str(early.value) and "taken over" in str(early.value)
    with pytest.raises(ValidationError):
        claiming.take_over(supervisor.database, supervisor.actor, list_id, "pick-2", "")
    _expire(db, list_id)
    with pytest.raises(PermissionDenied):
        claiming.take_over(other.database, other.actor, list_id, "pick-2", "station crashed")
    with pytest.raises(PermissionDenied):           # nor release it for anyone
        claiming.release_claim(other.database, other.actor, list_id, "station crashed")
    taken = claiming.take_over(supervisor.database, supervisor.actor, list_id, "pick-2", "station crashed")
    assert (taken.claimed_by, taken.claimed_station, taken.state) == (supervisor.actor.username, "pick-2", "claimed")
    assert taken.at_bin_id is None and taken.current.picked_quantity == 1   # what was picked stays picked
    # the crashed station comes back: the list is not its picker's any more, and nothing changes
    before = state(db)
    refused = station.scan(APPLE_GTIN)
    assert (refused.accepted, refused.code) == (False, "not_yours")
    assert supervisor.actor.username in refused.message
    assert state(db) == before
    assert station.take_next(shop.warehouse.id).id == lists[2]      # its picker goes on with the next list
    # the supervisor finishes the list
    boss = Station(supervisor.database, supervisor.actor, "pick-2")
    boss.list_id = list_id
    assert boss.scan(bin_code("SH-A-01")).accepted
    assert boss.scan(APPLE_GTIN).code == "list_done"
    assert_clean(db)


def test_release_claim_own_at_any_time_another_picker_s_once_expired(db, system, shop, supervisor, login_as,
                                                                     station):
    [list_id, *_rest] = _three_lists(db, system, shop, supervisor)
    assert station.take_next(shop.warehouse.id).id == list_id
    assert station.scan(bin_code("SH-A-01")).accepted
    claiming.release_claim(station.db, station.actor, list_id)           # end of shift: no reason needed
    view = views.pick_list(station.db, station.actor, list_id)
    assert (view.state, view.claimed_by, view.at_bin_id, view.claimed_until) == ("open", "", None, None)
    with pytest.raises(ValidationError):                                  # not claimed any more
        claiming.release_claim(station.db, station.actor, list_id)
    assert station.take_next(shop.warehouse.id).id == list_id            # the oldest open one: this one again
    with pytest.raises(ConflictError):                                    # not before the claim expired
        claiming.release_claim(supervisor.database, supervisor.actor, list_id, "station crashed")
    _expire(db, list_id)
    with pytest.raises(ValidationError):
        claiming.release_claim(supervisor.database, supervisor.actor, list_id, " ")
    claiming.release_claim(supervisor.database, supervisor.actor, list_id, "station crashed")
    other = Station(*(lambda login: (login.database, login.actor))(login_as(Role.PICKER)), "pick-2")
    view = other.take_next(shop.warehouse.id)
    assert view.id == list_id and view.claimed_by == other.actor.username
    assert other.scan(bin_code("SH-A-01")).accepted and other.scan(APPLE_GTIN).code == "list_done"
    # the first picker's station still thinks it has the list
    late = station.scan(APPLE_GTIN)
    assert (late.accepted, late.code) == (False, "list_done")
    assert_clean(db)


def test_picker_cannot_take_over_in_sql_either(db, system, shop, supervisor, login_as, station):
    """Row-level security on PostgreSQL: a picker's UPDATE of another picker's list changes nothing, and a picker
    cannot claim a list for someone else."""
    if not db.is_postgres:
        pytest.skip("row-level security is PostgreSQL's")
    [list_id, second, _third] = _three_lists(db, system, shop, supervisor)
    assert station.take_next(shop.warehouse.id).id == list_id
    _expire(db, list_id)
    other = login_as(Role.PICKER)
    with other.database.engine.connect() as connection:
        changed = connection.execute(text("UPDATE pick_lists SET claimed_by = session_user WHERE id = :id"),
                                     {"id": list_id}).rowcount
        connection.commit()
    assert changed == 0
    with other.database.engine.connect() as connection:
        with pytest.raises(Exception) as refused:
            connection.execute(text("UPDATE pick_lists SET state = 'claimed', claimed_by = :who WHERE id = :id"),
                               {"id": second, "who": station.actor.username})
        assert getattr(refused.value.orig, "sqlstate", None) == "42501"
    assert db.read(lambda s: s.get(PickList, list_id).claimed_by) == station.actor.username
    assert order_state(db, db.read(lambda s: s.execute(text(
        "SELECT number FROM orders ORDER BY id LIMIT 1")).scalar_one())) == "picking"
    assert_clean(db)


def test_take_over_waits_for_a_scan_in_progress_which_renews_the_claim(db, system, shop, supervisor, station,
                                                                       monkeypatch):
    from app.services.picking import scanning

    [list_id, *_rest] = _three_lists(db, system, shop, supervisor)
    station.take_next(shop.warehouse.id)
    _expire(db, list_id)                     # the picker was away for a while, and now scans again
    inside, release, original = threading.Event(), threading.Event(), scanning.build_view

    def slow_view(session, pick_list_id):    # the scan is saving: its transaction is still open
        if threading.current_thread().name == "scan":
            inside.set()
            release.wait(10)
        return original(session, pick_list_id)

    monkeypatch.setattr(scanning, "build_view", slow_view)
    scanned, taken = {}, {}
    scan = threading.Thread(name="scan", target=lambda: scanned.setdefault("outcome", station.scan(
        bin_code("SH-A-01"))))
    scan.start()
    assert inside.wait(10)

    def take_over() -> None:
        try:
            taken["result"] = claiming.take_over(supervisor.database, supervisor.actor, list_id, "pick-2", "gone")
        except Exception as error:  # noqa: BLE001 - checked below
            taken["result"] = error

    boss = threading.Thread(target=take_over)
    boss.start()
    boss.join(timeout=0.5)
    assert boss.is_alive()                   # waiting for the scan (SQLite: for the write lock)
    release.set()
    scan.join(timeout=20)
    boss.join(timeout=20)
    assert scanned["outcome"].accepted
    assert isinstance(taken["result"], ConflictError), taken["result"]
    assert db.read(lambda s: s.get(PickList, list_id).claimed_by) == station.actor.username
    assert_clean(db)
