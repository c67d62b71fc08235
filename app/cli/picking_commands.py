"""``freshflow picking plan | list | show | print``: pick lists from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from app.cli.commands import open_db
from app.errors import NotFound, ValidationError
from app.i18n import _
from app.models.picking import PICK_LIST_STATES
from app.services.context import Actor

DEFAULT_STATES = ("open", "claimed")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a date (YYYY-MM-DD): {text}").format(text=text)) from None


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    picking = sub.add_parser("picking", parents=[common], help="plan, list, show and print pick lists")
    picking_sub = picking.add_subparsers(dest="picking_command", metavar="ACTION")
    picking_sub.required = True

    plan = picking_sub.add_parser("plan", parents=[common],
                                  help="pick lists for the allocated orders of a warehouse (one per order, or waves)")
    plan.add_argument("--warehouse", required=True, metavar="CODE")
    plan.add_argument("--wave", action="store_true",
                      help="one list per temperature class for the orders of --date and --slot (totes per order)")
    plan.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD", help="only orders for this delivery date")
    plan.add_argument("--slot", default="", metavar="HH:MM-HH:MM", help="delivery slot of the wave")
    plan.add_argument("--order", action="append", default=None, metavar="NUMBER", dest="orders",
                      help="only these orders (repeat the option); not with --wave")
    plan.add_argument("--limit", type=int, default=None, help="at most this many orders")
    plan.set_defaults(handler=cmd_picking_plan, parser=plan)

    listing = picking_sub.add_parser("list", parents=[common], help="pick lists, the oldest delivery first")
    listing.add_argument("--warehouse", metavar="CODE", help="only this warehouse")
    listing.add_argument("--state", action="append", choices=PICK_LIST_STATES, dest="states",
                         help="open, claimed, done or cancelled (repeat for several; default open and claimed)")
    listing.add_argument("--limit", type=int, default=500)
    listing.set_defaults(handler=cmd_picking_list)

    show = picking_sub.add_parser("show", parents=[common], help="one pick list: lines in pick-path order, scans")
    show.add_argument("id", metavar="ID", help="pick list id (12, PL-12 or PL:12)")
    show.set_defaults(handler=cmd_picking_show)

    _register_front_ends(picking_sub, common)


#: Entry-point group through which other packages add ``picking`` actions: ``print`` comes from printers/, which
#: the core may not import (its renderer depends on the core, not the other way round).
PICKING_COMMANDS_GROUP = "freshflow.picking_commands"


def _register_front_ends(picking_sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from importlib.metadata import entry_points

    for entry in sorted(entry_points(group=PICKING_COMMANDS_GROUP), key=lambda e: e.name):
        entry.load()(picking_sub, common)


def pick_list_id(text: str) -> int:
    """12, PL-12, PL:12 (what is printed on the list and in its barcode) -> 12."""
    value = text.strip().upper()
    for prefix in ("PL-", "PL:"):
        if value.startswith(prefix):
            value = value[len(prefix):]
    if not value.isdigit() or int(value) <= 0:
        raise ValidationError(_("{text} is not a pick list; give its number, e.g. 12 or PL-12.").format(text=text),
                              "id")
    return int(value)


def _warehouses(database, actor: Actor) -> list:
    from app.services import warehouses

    return warehouses.list_warehouses(database, actor)


def _warehouse(database, actor: Actor, code: str):
    rows = _warehouses(database, actor)
    wanted = code.strip().upper()
    found = next((row for row in rows if row.code.upper() == wanted), None)
    if found is None:
        raise NotFound(_("There is no warehouse {code}. Warehouses: {codes}.").format(
            code=code, codes=", ".join(row.code for row in rows) or _("none")))
    return found


def warehouse_label(row) -> str:
    return f"{row.code} {row.name}".strip() if row is not None else ""


def cmd_picking_plan(args: argparse.Namespace) -> int:
    from app.services.picking import planning

    if args.wave and (args.date is None or not args.slot.strip()):
        args.parser.error(_("--wave needs --date and --slot"))
    if args.wave and args.orders:
        args.parser.error(_("--order cannot be used with --wave"))
    if args.limit is not None and args.limit <= 0:
        args.parser.error(_("--limit must be at least 1"))
    database = open_db(args)
    actor = Actor.system()
    warehouse = _warehouse(database, actor, args.warehouse)
    if args.wave:
        planned = planning.plan_waves(database, actor, warehouse.id, args.date, args.slot.strip(), limit=args.limit)
    else:
        planned = planning.plan_order_lists(database, actor, warehouse.id, delivery_date=args.date,
                                            order_numbers=args.orders, limit=args.limit)
    if args.json:
        print(json.dumps({"warehouse": warehouse.code, "planned": [
            {"id": p.id, "code": f"PL-{p.id}", "kind": p.kind, "temperature_class": p.temperature_class or None,
             "orders": p.orders, "lines": p.tasks} for p in planned]}, ensure_ascii=False))
        return 0
    if not planned:
        print(_("No allocated orders to plan in {warehouse}{scope}.").format(
            warehouse=warehouse.code, scope=_scope(args)))
        return 0
    for p in planned:
        print(_("PL-{id}  {kind} {temperature}: {orders} order(s), {lines} line(s)").format(
            id=p.id, kind=p.kind, temperature=p.temperature_class or "-", orders=p.orders, lines=p.tasks))
    print(_("{n} pick list(s) planned in {warehouse}.").format(n=len(planned), warehouse=warehouse.code),
          file=sys.stderr)
    return 0


def _scope(args: argparse.Namespace) -> str:
    parts = []
    if args.date is not None:
        parts.append(args.date.isoformat())
    if args.slot:
        parts.append(args.slot)
    if args.orders:
        parts.append(", ".join(args.orders))
    return f" ({' '.join(parts)})" if parts else ""


def _when(value) -> str | None:
    return value.isoformat() if value is not None else None


def cmd_picking_list(args: argparse.Namespace) -> int:
    from app.services.picking import views

    database = open_db(args)
    actor = Actor.system()
    states = tuple(dict.fromkeys(args.states or DEFAULT_STATES))
    if args.warehouse:
        scope = [_warehouse(database, actor, args.warehouse)]
    else:
        scope = _warehouses(database, actor)
    rows = [(warehouse, row) for warehouse in scope
            for row in views.pick_lists(database, actor, warehouse.id, states=states, limit=max(1, args.limit))]
    if args.json:
        print(json.dumps([{
            "id": row.id, "code": f"PL-{row.id}", "warehouse": warehouse.code, "kind": row.kind, "state": row.state,
            "delivery_date": _when(row.delivery_date), "slot": row.delivery_slot,
            "temperature_class": row.temperature_class or None, "orders": row.orders, "lines": row.tasks,
            "open_lines": row.open_tasks, "claimed_by": row.claimed_by or None,
            "station": row.claimed_station or None, "claimed_until": _when(row.claimed_until),
        } for warehouse, row in rows], ensure_ascii=False))
        return 0
    for warehouse, row in rows:
        claim = f"{row.claimed_by}@{row.claimed_station}" if row.claimed_by else ""
        print("  ".join((f"PL-{row.id}".ljust(8), warehouse.code.ljust(4), row.kind.ljust(5), row.state.ljust(9),
                         _when(row.delivery_date) or "-", (row.delivery_slot or "-").ljust(11),
                         (row.temperature_class or "-").ljust(7),
                         _("{orders} order(s)").format(orders=row.orders).ljust(11),
                         _("{done}/{lines} lines done").format(done=row.tasks - row.open_tasks,
                                                               lines=row.tasks).ljust(16), claim)).rstrip())
    print(_("{n} pick list(s) ({states})").format(n=len(rows), states=", ".join(states)), file=sys.stderr)
    return 0


def _quantity(task) -> str:
    from app.services.stock.queries import format_quantity

    if task.weighed:
        return _("{pieces} × {weight} g").format(pieces=task.pieces, weight=task.nominal_weight_g or "?")
    return format_quantity(task.unit, task.quantity)


def cmd_picking_show(args: argparse.Namespace) -> int:
    from app.services.picking import views

    database = open_db(args)
    actor = Actor.system()
    view = views.pick_list(database, actor, pick_list_id(args.id))
    warehouse = next((row for row in _warehouses(database, actor) if row.id == view.warehouse_id), None)
    scans = views.scan_log(database, actor, view.id)
    data = {
        "id": view.id, "code": view.code, "kind": view.kind, "state": view.state,
        "warehouse": warehouse.code if warehouse else None, "delivery_date": _when(view.delivery_date),
        "slot": view.delivery_slot, "temperature_class": view.temperature_class or None,
        "claimed_by": view.claimed_by or None, "station": view.claimed_station or None,
        "claimed_until": _when(view.claimed_until), "current_line": view.current.position if view.current else None,
        "orders": [{"number": o.number, "position": o.position, "tote": o.tote_code or None, "state": o.state}
                   for o in view.orders],
        "lines": [{"position": t.position, "state": t.state, "bin": t.bin_code, "sku": t.sku, "name_en": t.name_en,
                   "name_zh": t.name_zh, "unit": t.unit, "quantity": t.quantity, "pieces": t.pieces,
                   "nominal_weight_g": t.nominal_weight_g, "picked_quantity": t.picked_quantity,
                   "picked_pieces": t.picked_pieces, "lot": t.lot_number, "expiry": t.expiry_date.isoformat(),
                   "order": t.order_number, "line_no": t.line_no, "tote": t.tote_code or None}
                  for t in view.tasks],
        "scans": [{"seq": s.seq, "at": s.at.isoformat(), "user": s.username, "action": s.action,
                   "outcome": s.outcome, "code": s.code, "message": s.message, "raw": s.raw, "quantity": s.quantity,
                   "pieces": s.pieces, "weight_g": s.weight_g, "undone": s.undone} for s in reversed(scans)],
    }
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return 0
    out = [f"{view.code}  {view.kind}  {view.state}  "
           + _("warehouse {warehouse}, delivery {date} {slot}, {temperature}").format(
               warehouse=warehouse.code if warehouse else "?", date=_when(view.delivery_date) or "-",
               slot=view.delivery_slot or "-", temperature=view.temperature_class or _("all temperatures"))]
    if view.state == "done" and view.claimed_by:
        out.append("  " + _("picked by {user} at {station}").format(user=view.claimed_by,
                                                                   station=view.claimed_station or "?"))
    elif view.claimed_by:
        out.append("  " + _("claimed by {user} at {station} until {time}").format(
            user=view.claimed_by, station=view.claimed_station or "?",
            time=view.claimed_until.astimezone().strftime("%Y-%m-%d %H:%M") if view.claimed_until else "-"))
    out.append(_("orders:"))
    for order in view.orders:
        tote = _("tote {tote}").format(tote=order.tote_code) if order.tote_code else ""
        out.append(f"  {order.position:>3} {order.number}  {order.state}  {tote}".rstrip())
    out.append(_("lines ({done} of {total} done):").format(done=view.done_tasks, total=len(view.tasks)))
    for task in view.tasks:
        marker = ">" if task.id == view.current_task_id else " "
        picked = ""
        if task.picked_pieces:
            picked = "  " + _("picked {n}").format(n=task.picked_pieces)
        out.append(f" {marker}{task.position:>3} {task.state:<5} {task.bin_code:<16} {task.sku:<10} "
                   f"{_quantity(task):>10}  {task.lot_number} {task.expiry_date}  {task.order_number}  "
                   f"{task.name_en} {task.name_zh}{picked}".rstrip())
    if scans:
        out.append(_("scans (newest last):"))
        for scan in reversed(scans):
            undone = "  " + _("(undone)") if scan.undone else ""
            out.append(f"  {scan.seq:>4} {scan.at.astimezone():%H:%M:%S} {scan.username:<8} {scan.outcome:<8} "
                       f"{scan.action:<10} {scan.code:<22} {scan.message}{undone}".rstrip())
    print("\n".join(out))
    return 0
