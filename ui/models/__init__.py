"""Qt table models: one ``QAbstractTableModel`` per entity over frozen rows."""
