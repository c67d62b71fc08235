"""``freshflow picking print ID --out FILE.pdf``: the pick list as a PDF.

Registered into the ``picking`` command through the ``freshflow.picking_commands`` entry point (pyproject.toml),
so the command line in app/ never imports the printers.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.cli.commands import open_db
from app.cli.picking_commands import _warehouses, pick_list_id, warehouse_label
from app.errors import ValidationError
from app.i18n import _
from app.services.context import Actor
from app.services.picking import views
from printers.pick_list_pdf import page_count, render_pick_list


def register(picking_sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    printing = picking_sub.add_parser("print", parents=[common], help="the pick list as a PDF (A4, with barcodes)")
    printing.add_argument("id", metavar="ID", help="pick list id (12, PL-12 or PL:12)")
    printing.add_argument("--out", "-o", required=True, metavar="FILE.pdf")
    printing.set_defaults(handler=cmd_picking_print)


def cmd_picking_print(args: argparse.Namespace) -> int:
    database = open_db(args)
    actor = Actor.system()
    view = views.pick_list(database, actor, pick_list_id(args.id))
    warehouse = next((row for row in _warehouses(database, actor) if row.id == view.warehouse_id), None)
    data = render_pick_list(view, warehouse=warehouse_label(warehouse))
    out = Path(args.out)
    try:
        out.write_bytes(data)
    except OSError as error:
        raise ValidationError(_("Cannot write {file}: {reason}. Choose another file with --out.").format(
            file=out, reason=error.strerror or error), "out") from None
    pages = page_count(view)
    if args.json:
        print(json.dumps({"id": view.id, "code": view.code, "file": str(out), "pages": pages, "bytes": len(data)},
                         ensure_ascii=False))
    else:
        print(_("Pick list {code} written to {file} ({pages} page(s), {lines} line(s)).").format(
            code=view.code, file=out, pages=pages, lines=len(view.tasks)))
    return 0
