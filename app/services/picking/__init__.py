"""Picking: plan pick lists and waves, claim them, and turn each scan at a station into stock moves.

``planning`` makes pick lists from allocated orders, ``claiming`` hands them
to pickers (never the same one to two), ``scanning`` handles every scan and
key action (one transaction each, idempotent on station and sequence),
``shortage`` re-reserves or substitutes what a picker cannot find,
``completion`` closes tasks, lines, orders and lists, ``views`` reads what a
station shows.
"""
