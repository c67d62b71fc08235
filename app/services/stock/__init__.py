"""Stock use cases: receiving, the FEFO reservation engine, transfers, write-offs,
quarantine, cycle counts, queries and the ledger check.

Every quantity change goes through ``ledger.change_quant``: one conditional
UPDATE of the quant (checked by row count, never read-then-write) and one
ledger row with the same deltas, in the caller's transaction.
"""
