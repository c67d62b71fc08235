"""Deterministic demo data: catalogue, warehouses, users, customers (and later orders, stock)."""
