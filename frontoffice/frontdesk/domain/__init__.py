"""Front-desk rules as plain Python: room choice, check-in and check-out refusals, room status."""
