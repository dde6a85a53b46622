"""Plain-Python rules shared by every app: errors and money."""
