"""Sub-commands of ``freshflow``. Each handler returns an exit code."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from dataclasses import asdict

from app.config import resolve_database_url
from app.db import migrate
from app.db.database import Database
from app.errors import ValidationError
from app.i18n import N_, _
from app.permissions import Role
from app.services import users
from app.services.context import Actor


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    db = sub.add_parser("db", parents=[common], help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION")
    db_sub.required = True
    upgrade = db_sub.add_parser("upgrade", parents=[common], help="upgrade the schema to the newest version")
    upgrade.set_defaults(handler=cmd_db_upgrade)

    demo = sub.add_parser("demo", parents=[common], help="fill an empty database with demo data")
    demo.add_argument("--seed", type=int, default=1, help="same seed, same data (default 1)")
    demo.add_argument("--orders", type=int, default=300, help="demo orders to import (default 300)")
    demo.set_defaults(handler=cmd_demo)

    user = sub.add_parser("user", parents=[common], help="manage users")
    user_sub = user.add_subparsers(dest="user_command", metavar="ACTION")
    user_sub.required = True
    add = user_sub.add_parser("add", parents=[common], help="add a user; the password is read from stdin")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--full-name", default="")
    add.set_defaults(handler=cmd_user_add)

    stock = sub.add_parser("stock", parents=[common], help="stock on hand and the ledger check")
    stock_sub = stock.add_subparsers(dest="stock_command", metavar="ACTION")
    stock_sub.required = True
    show = stock_sub.add_parser("show", parents=[common],
                                help="on hand / reserved / available per warehouse, lot and bin")
    show.add_argument("sku")
    show.set_defaults(handler=cmd_stock_show)
    verify = stock_sub.add_parser("verify", parents=[common],
                                  help="check that the quantities agree with the ledger (exit 1 if not)")
    verify.set_defaults(handler=cmd_stock_verify)

    barcode = sub.add_parser("barcode", parents=[common], help="barcode tools")
    barcode_sub = barcode.add_subparsers(dest="barcode_command", metavar="ACTION")
    barcode_sub.required = True
    parse = barcode_sub.add_parser("parse", parents=[common],
                                   help="parse scans (GS1, EAN/UPC, variable measure, FreshFlow codes)")
    parse.add_argument("texts", nargs="+", metavar="TEXT", help="scan data; - reads one input per line from stdin")
    parse.set_defaults(handler=cmd_barcode_parse)

    from app.cli import notify_commands, order_commands, picking_commands

    order_commands.register(sub, common)
    picking_commands.register(sub, common)
    notify_commands.register(sub, common)


def open_db(args: argparse.Namespace, *, upgrade: bool = False) -> Database:
    database = Database(resolve_database_url(args.db), application_name="freshflow:cli")
    database.ping()
    if upgrade:
        migrate.upgrade(database)
    elif not migrate.is_up_to_date(database):
        raise ValidationError(_("The database schema is out of date; run: freshflow db upgrade"))
    return database


def emit(args: argparse.Namespace, data: dict, text: str) -> None:
    if args.json:
        print(json.dumps(data, ensure_ascii=False, default=str))
    else:
        print(text)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    database = Database(resolve_database_url(args.db), application_name="freshflow:cli")
    database.ping()
    before = migrate.current_revision(database)
    after = migrate.upgrade(database)
    emit(args, {"database": database.display_url, "from": before, "to": after},
         _("Database {url} is at revision {rev}.").format(url=database.display_url, rev=after))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from app.demo.generate import generate_demo

    database = open_db(args, upgrade=True)
    summary = generate_demo(database, seed=args.seed, orders=max(0, args.orders))
    from app.demo.catalog_data import DEMO_USERS

    text = _("Demo data created in {url}: {products} products, {warehouses} warehouses, {bins} bins, "
             "{customers} customers, {lots} stock lots in {quants} bins, {orders} orders.").format(url=database.display_url,
                                                                                 **asdict(summary))
    text += "\n" + _("Demo users (user / password):") + "\n" + "\n".join(
        f"  {u.username:<8} {u.password:<12} {u.role}" for u in DEMO_USERS)
    emit(args, asdict(summary) | {"users": [{"username": u.username, "role": u.role} for u in DEMO_USERS]}, text)
    return 0


def read_password(prompt: str) -> str:
    """One line from stdin (scripts), or an invisible prompt at a terminal."""
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


def cmd_user_add(args: argparse.Namespace) -> int:
    password = read_password(_("Password: "))
    if not password:
        raise ValidationError(_("No password given on stdin."), "password")
    database = open_db(args, upgrade=True)
    row = users.create_user(database, Actor.system(), args.name, args.role, password, args.full_name)
    emit(args, {"id": row.id, "username": row.username, "role": row.role.value},
         _("User {name} added with role {role}.").format(name=row.username, role=row.role.value))
    return 0


def _scan_inputs(texts: list[str]):
    for text in texts:
        if text == "-":
            for line in sys.stdin:
                # only the line ending goes: GS (0x1D) and spaces are data
                yield line.rstrip("\r\n")
        else:
            yield text


def cmd_barcode_parse(args: argparse.Namespace) -> int:
    """One result per input, in order; exit 1 when any input was invalid."""
    from app.barcodes import BarcodeError, format_scan_human, parse_scan, scan_to_json

    failed = False
    for text in _scan_inputs(args.texts):
        if args.json:
            result = scan_to_json(text, extended=True)
            failed |= "error" in result
            print(json.dumps(result, ensure_ascii=False), flush=False)
            continue
        printable = text.replace("\x1d", "<GS>")
        try:
            print(f"{printable}\t{format_scan_human(parse_scan(text))}")
        except BarcodeError as error:
            failed = True
            print(f"{printable}\t" + _("error: {message}").format(message=error))
    sys.stdout.flush()
    return 1 if failed else 0


_STATUS_LABELS = {"ok": N_("ok"), "near": N_("near expiry"), "expired": N_("expired"),
                  "quarantined": N_("quarantined")}


def cmd_stock_show(args: argparse.Namespace) -> int:
    """The product's stock per warehouse, then per lot and bin, FEFO order."""
    from app.services.stock.operations import format_quantity
    from app.services.stock.queries import stock_for_product

    database = open_db(args)
    sku = args.sku.strip(" ").upper()
    rows = stock_for_product(database, Actor.system(), sku)
    warehouses: dict[str, list] = {}
    for row in rows:
        warehouses.setdefault(row.warehouse_code, []).append(row)

    def status(row) -> str:
        return "quarantined" if row.quarantined else row.expiry_status

    if args.json:
        print(json.dumps({
            "sku": sku, "unit": rows[0].unit if rows else None, "name_en": rows[0].name_en if rows else None,
            "on_hand": sum(r.on_hand for r in rows), "reserved": sum(r.reserved for r in rows),
            "available": sum(r.available for r in rows),
            "warehouses": [{
                "warehouse": code, "on_hand": sum(r.on_hand for r in lots), "reserved": sum(r.reserved for r in lots),
                "available": sum(r.available for r in lots),
                "lots": [{"lot": r.lot_number, "bin": r.bin_code, "zone": r.zone, "expiry": r.expiry_date.isoformat(),
                          "days_left": r.days_left, "status": status(r), "quarantined": r.quarantined,
                          "on_hand": r.on_hand, "reserved": r.reserved, "available": r.available} for r in lots],
            } for code, lots in warehouses.items()],
        }, ensure_ascii=False))
        return 0
    if not rows:
        print(_("No stock of {sku}.").format(sku=sku))
        return 0
    unit = rows[0].unit
    qty = lambda n: format_quantity(unit, n)  # noqa: E731
    print(f"{sku}  {rows[0].name_en}  {rows[0].name_zh}".rstrip())
    header = (_("warehouse"), _("lot"), _("bin"), _("expiry"), _("days"), _("on hand"), _("reserved"),
              _("available"), _("status"))
    table = [header]
    for code, lots in warehouses.items():
        for r in lots:
            table.append((code, r.lot_number, r.bin_code, r.expiry_date.isoformat(), str(r.days_left), qty(r.on_hand),
                          qty(r.reserved), qty(r.available), _(_STATUS_LABELS[status(r)])))
        table.append((code, _("total"), "", "", "", qty(sum(r.on_hand for r in lots)),
                       qty(sum(r.reserved for r in lots)), qty(sum(r.available for r in lots)), ""))
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    numeric = {4, 5, 6, 7}
    for line in table:
        print("  ".join(cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
                        for i, cell in enumerate(line)).rstrip())
    return 0


def cmd_stock_verify(args: argparse.Namespace) -> int:
    """OK and exit 0 when every stock record equals its ledger rows and reservations; else the differences, exit 1."""
    from sqlalchemy import func, select

    from app.models import StockQuant
    from app.services.stock.queries import verify

    database = open_db(args)
    differences = verify(database, Actor.system())
    records = database.read(lambda session: session.scalar(select(func.count()).select_from(StockQuant)))
    if args.json:
        print(json.dumps({"ok": not differences, "stock_records": records, "differences": [
            asdict(d) | {"message": d.describe()} for d in differences]}, ensure_ascii=False))
    elif differences:
        print(_("{n} difference(s) between the stock records and the ledger:").format(n=len(differences)))
        for difference in differences:
            print("  " + difference.describe())
    else:
        print(_("OK: {n} stock records agree with the ledger").format(n=records))
    if differences:
        print(_("freshflow: stock verify found {n} difference(s)").format(n=len(differences)), file=sys.stderr)
        return 1
    return 0
