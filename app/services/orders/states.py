"""Order states as people read them (the codes are in ``app.models.orders.ORDER_STATES``)."""

from __future__ import annotations

from app.i18n import N_, _

STATE_LABELS: dict[str, str] = {
    "received": N_("received"), "in_review": N_("in review"), "exception": N_("exception"),
    "on_hold": N_("on hold"), "allocated": N_("allocated"), "picking": N_("picking"), "picked": N_("picked"),
    "qc_passed": N_("QC passed"), "qc_failed": N_("QC failed"), "packed": N_("packed"), "shipped": N_("shipped"),
    "delivered": N_("delivered"), "cancelled": N_("cancelled"),
}


def state_label(code: str) -> str:
    return _(STATE_LABELS[code]) if code in STATE_LABELS else code
