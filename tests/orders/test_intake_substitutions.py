"""The intake stores each order's substitutions consent as its file gave it."""

from __future__ import annotations

import json

from sqlalchemy import select

from app.models import Order
from app.services.orders.intake import import_file


def _order(external_id: str, phone: str, **fields) -> dict:
    return {"external_id": external_id, "customer": {"name": "Li Lei", "email": "li@example.com", "phone": phone},
            "shipping_address": {"line1": "1 Nanjing Road", "city": "Shanghai", "province": "Shanghai",
                                 "postal_code": "200001", "country": "CN"},
            "payment_status": "paid", "lines": [{"sku": "VEG-1", "quantity": 1}], **fields}


def test_imported_orders_keep_their_substitutions_consent(db, system, shop, tmp_path):
    path = tmp_path / "orders.json"
    orders = [_order("SUB-YES", "13812345678", substitutions_allowed="yes"), _order("SUB-NONE", "13987654321")]
    path.write_text(json.dumps(orders), encoding="utf-8")  # other phones: not duplicates of each other
    report = import_file(db, system, path)
    assert report.imported == 2 and report.states["allocated"] == 2
    stored = db.read(lambda s: dict(s.execute(select(Order.external_id, Order.substitutions_allowed)).all()))
    assert stored == {"SUB-YES": True, "SUB-NONE": False}
