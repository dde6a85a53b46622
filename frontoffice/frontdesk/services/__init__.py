"""Writes at the desk, one module per area: room assignment and moves, check-in and check-out,
room status. Everything a caller needs is re-exported here."""
