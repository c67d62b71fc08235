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
from app.i18n import _
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
    demo.set_defaults(handler=cmd_demo)

    user = sub.add_parser("user", parents=[common], help="manage users")
    user_sub = user.add_subparsers(dest="user_command", metavar="ACTION")
    user_sub.required = True
    add = user_sub.add_parser("add", parents=[common], help="add a user; the password is read from stdin")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--full-name", default="")
    add.set_defaults(handler=cmd_user_add)

    barcode = sub.add_parser("barcode", parents=[common], help="barcode tools")
    barcode_sub = barcode.add_subparsers(dest="barcode_command", metavar="ACTION")
    barcode_sub.required = True
    parse = barcode_sub.add_parser("parse", parents=[common],
                                   help="parse scans (GS1, EAN/UPC, variable measure, FreshFlow codes)")
    parse.add_argument("texts", nargs="+", metavar="TEXT", help="scan data; - reads one input per line from stdin")
    parse.set_defaults(handler=cmd_barcode_parse)


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
    summary = generate_demo(database, seed=args.seed)
    from app.demo.catalog_data import DEMO_USERS

    text = _("Demo data created in {url}: {products} products, {warehouses} warehouses, {bins} bins, "
             "{customers} customers.").format(url=database.display_url, **asdict(summary))
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
