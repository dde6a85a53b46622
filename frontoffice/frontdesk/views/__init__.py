"""HTML pages of the front desk, one module per area."""
