"""HTML pages of cashiering, one module per area."""
