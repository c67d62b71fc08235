"""Label and document rendering (reportlab, python-barcode, ZPL) and printer back ends.

Never imports ``ui`` or Qt (enforced by import-linter)."""
