"""``freshflow import-orders``, ``orders list`` / ``orders show`` and ``inbox run``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.commands import emit, open_db
from app.i18n import _
from app.models.orders import ORDER_STATES
from app.services.context import Actor


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    importer = sub.add_parser("import-orders", parents=[common],
                              help="import order files (native JSON/JSON Lines, CSV, Shopify, WooCommerce)")
    importer.add_argument("paths", nargs="+", metavar="PATH")
    importer.add_argument("--format", default="auto", choices=["auto", "native", "csv", "shopify", "woocommerce"])
    importer.set_defaults(handler=cmd_import_orders)

    orders = sub.add_parser("orders", parents=[common], help="list and show orders")
    orders_sub = orders.add_subparsers(dest="orders_command", metavar="ACTION")
    orders_sub.required = True
    listing = orders_sub.add_parser("list", parents=[common], help="orders, newest first")
    listing.add_argument("--state", choices=ORDER_STATES)
    listing.add_argument("--search", default="", help="number, external id, customer, phone or email")
    listing.add_argument("--limit", type=int, default=200)
    listing.set_defaults(handler=cmd_orders_list)
    show = orders_sub.add_parser("show", parents=[common], help="one order: lines, reservations, history")
    show.add_argument("number")
    show.set_defaults(handler=cmd_orders_show)

    rules = sub.add_parser("review-settings", parents=[common],
                           help="show or change the order review rules and intake settings (shared by all stations)")
    rules.add_argument("--set", action="append", default=[], metavar="KEY=JSON",
                       help='e.g. --set max_line_quantity=80 --set enabled.email=false --set cutoff_time=\'"21:00"\' '
                            '--set intake.delivery_date_fields=\'["Delivery Date"]\'')
    rules.set_defaults(handler=cmd_review_settings)

    inbox = sub.add_parser("inbox", parents=[common], help="import files dropped in the inbox folder")
    inbox_sub = inbox.add_subparsers(dest="inbox_command", metavar="ACTION")
    inbox_sub.required = True
    run = inbox_sub.add_parser("run", parents=[common], help="import what is in the inbox (once, or --watch)")
    run.add_argument("--folder", help="inbox folder (default: inbox.folder in the settings)")
    run.add_argument("--watch", action="store_true", help="keep watching until interrupted")
    run.set_defaults(handler=cmd_inbox_run)


def cmd_import_orders(args: argparse.Namespace) -> int:
    """Each file: imported (counts), or rejected whole with the reason; exit 1 if a file or an order was rejected."""
    from app.services.orders.intake import FileRejected, import_file

    database = open_db(args)
    failed = False
    results = []
    for path in args.paths:
        try:
            report = import_file(database, Actor.system(), Path(path), args.format)
        except FileRejected as error:
            failed = True
            results.append({"file": path, "error": error.problem})
            if not args.json:
                print(_("{file}: rejected: {problem}").format(file=path, problem=error.problem))
            continue
        failed |= bool(report.rejected)
        data = report.to_json()
        results.append(data)
        if not args.json:
            print(describe_report(path, data))
    if args.json:
        print(json.dumps(results[0] if len(results) == 1 else {"files": results}, ensure_ascii=False))
    return 1 if failed else 0


def describe_report(path: str, data: dict) -> str:
    lines = [_("{file} ({format}): {imported} imported, {duplicates} already imported, {rejected} rejected").format(
        file=path, format=data["format"], imported=data["imported"], duplicates=data["duplicates"],
        rejected=len(data["rejected"]))]
    if data["states"]:
        lines.append("  " + ", ".join(f"{state}: {n}" for state, n in data["states"].items()))
    if data["exceptions_by_reason"]:
        lines.append("  " + _("exceptions by reason:") + " " + ", ".join(
            f"{rule}: {n}" for rule, n in data["exceptions_by_reason"].items()))
    for item in data["rejected"][:50]:
        lines.append("  " + _("order {position} ({external_id}): {reason}").format(
            position=item["position"], external_id=item["external_id"] or "?", reason=item["reason"]))
    if len(data["rejected"]) > 50:
        lines.append("  " + _("… and {n} more").format(n=len(data["rejected"]) - 50))
    if data["first_number"]:
        lines.append("  " + _("numbers {first} … {last}").format(first=data["first_number"],
                                                                 last=data["last_number"]))
    return "\n".join(lines)


def cmd_orders_list(args: argparse.Namespace) -> int:
    from app.services.orders.queries import search_orders

    database = open_db(args)
    rows = search_orders(database, Actor.system(), args.search, args.state, limit=max(1, args.limit))
    if args.json:
        print(json.dumps([{
            "number": r.number, "channel": r.channel, "external_id": r.external_id, "state": r.state,
            "customer": r.customer_name, "phone": r.phone, "postal_code": r.postal_code,
            "delivery_date": r.delivery_date.isoformat() if r.delivery_date else None, "slot": r.delivery_slot,
            "warehouse": r.warehouse_code or None, "received_at": r.received_at.isoformat(), "lines": r.line_count,
        } for r in rows], ensure_ascii=False))
        return 0
    for r in rows:
        print("  ".join((r.number, r.state.ljust(10), (r.delivery_date.isoformat() if r.delivery_date else "-"),
                         r.delivery_slot.ljust(11), (r.warehouse_code or "-").ljust(4), r.customer_name)))
    print(_("{n} order(s)").format(n=len(rows)), file=sys.stderr)
    return 0


def cmd_orders_show(args: argparse.Namespace) -> int:
    from app.services.orders.queries import get_order

    database = open_db(args)
    order = get_order(database, Actor.system(), number=args.number)
    data = {
        "number": order.number, "channel": order.channel, "external_id": order.external_id, "state": order.state,
        "state_reason": order.state_reason,
        "reasons": [finding.to_json() for finding in order.reasons],
        "customer": {"name": order.customer_name, "phone": order.phone, "email": order.email,
                     "language": order.language},
        "shipping_address": {"line1": order.address_line1, "line2": order.address_line2, "city": order.city,
                             "province": order.province, "postal_code": order.postal_code,
                             "country": order.country} if order.has_address else None,
        "delivery": {"date": order.delivery_date.isoformat() if order.delivery_date else None,
                     "slot": order.delivery_slot, "assigned_by_freshflow": order.slot_assigned},
        "warehouse": order.warehouse_code or None, "payment_status": order.payment_status,
        "total_cents": order.total_cents, "currency": order.currency, "partial_allowed": order.partial_allowed,
        "received_at": order.received_at.isoformat(),
        "lines": [{"line_no": line.line_no, "sku": line.sku, "name": line.name, "quantity": line.quantity,
                   "unit": line.unit, "base_quantity": line.base_quantity, "reserved": line.reserved_quantity,
                   "unit_price_cents": line.unit_price_cents, "state": line.state} for line in order.lines],
        "reservations": [{"line_no": r.line_no, "warehouse": r.warehouse_code, "bin": r.bin_code, "lot": r.lot_number,
                          "expiry": r.expiry_date.isoformat(), "quantity": r.quantity, "status": r.status}
                         for r in order.reservations],
        "history": [{"at": t.at.isoformat(), "user": t.username, "action": t.action, "from": t.from_state,
                     "to": t.to_state, "reason": t.reason} for t in order.timeline],
    }
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return 0
    out = [f"{order.number}  {order.state}  ({order.channel} {order.external_id})",
           f"{order.customer_name}  {order.phone}  {order.email}",
           ", ".join(p for p in (order.address_line1, order.address_line2, order.city, order.province,
                                 order.postal_code, order.country) if p) or _("(no shipping address)"),
           _("delivery {date} {slot}, warehouse {warehouse}").format(
               date=data["delivery"]["date"] or "-", slot=order.delivery_slot, warehouse=order.warehouse_code or "-")]
    for finding in order.reasons:
        out.append("  ! " + finding.message)
    out.append(_("lines:"))
    for line in order.lines:
        out.append(f"  {line.line_no:>3} {line.sku:<14} {line.quantity:>4} × {line.name}  "
                   + _("reserved {n}").format(n=line.reserved_quantity) + ("" if line.state == "open" else
                                                                           f"  [{line.state}]"))
    if order.reservations:
        out.append(_("reservations:"))
        for r in order.reservations:
            out.append(f"  {r.line_no:>3} {r.warehouse_code} {r.bin_code} {r.lot_number} {r.expiry_date} "
                       f"{r.quantity} {r.status}")
    out.append(_("history:"))
    for t in order.timeline:
        out.append(f"  {t.at:%Y-%m-%d %H:%M} {t.username} {t.action} {t.from_state or ''}→{t.to_state or ''} "
                   f"{t.reason}".rstrip())
    print("\n".join(out))
    return 0


def cmd_inbox_run(args: argparse.Namespace) -> int:
    from app.config import Settings
    from app.errors import ValidationError
    from app.services.orders.inbox import process_inbox, watch_inbox

    settings = Settings.load()
    folder = args.folder or settings.inbox.folder
    if not folder:
        raise ValidationError(_("No inbox folder: pass --folder or set inbox.folder in {path}").format(
            path=Settings.path()), "folder")
    database = open_db(args)
    if args.watch:
        watch_inbox(database, Actor.system("inbox"), Path(folder), settings.inbox.poll_seconds,
                    on_file=lambda result: emit(args, result.to_json(), result.describe()))
        return 0
    results = process_inbox(database, Actor.system("inbox"), Path(folder))
    if args.json:
        print(json.dumps([result.to_json() for result in results], ensure_ascii=False))
    else:
        for result in results:
            print(result.describe())
        if not results:
            print(_("The inbox {folder} is empty.").format(folder=folder))
    return 1 if any(result.rejected for result in results) else 0


def cmd_review_settings(args: argparse.Namespace) -> int:
    """Print the review and intake settings; with --set, change them (validated, audited) first."""
    from dataclasses import replace

    from app.errors import ValidationError
    from app.services.orders import shared_settings
    from app.services.orders.review_settings import ReviewSettings

    database = open_db(args)
    actor = Actor.system()
    review = shared_settings.load_review_settings(database, actor).to_json()
    intake = shared_settings.load_intake_settings(database, actor).to_json()
    for assignment in args.set:
        key, sep, raw = assignment.partition("=")
        if not sep:
            raise ValidationError(_("--set needs KEY=VALUE, got {text}").format(text=assignment), "set")
        try:
            value = json.loads(raw)
        except ValueError:
            value = raw  # a bare word is a string
        target, name = (intake, key[len("intake."):]) if key.startswith("intake.") else (review, key)
        if name.startswith("enabled."):
            target.setdefault("enabled", {})[name[len("enabled."):]] = value
        elif name in target:
            target[name] = value
        else:
            raise ValidationError(_("Unknown setting {key}. Known: {known}").format(
                key=key, known=", ".join(sorted(review) + [f"intake.{k}" for k in sorted(intake)])), "set")
    if args.set:
        new_review = ReviewSettings.from_json(review)
        if new_review.to_json() != review:
            changed = [k for k in review if new_review.to_json().get(k) != review[k]]
            raise ValidationError(_("Invalid value for {keys}.").format(keys=", ".join(changed)), "set")
        shared_settings.save_review_settings(database, actor, new_review)
        shared_settings.save_intake_settings(database, actor, replace(
            shared_settings.IntakeSettings.from_json(intake)))
    emit(args, {"review": review, "intake": intake},
         json.dumps({"review": review, "intake": intake}, ensure_ascii=False, indent=2))
    return 0
