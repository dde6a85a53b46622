"""The demo database: a city hotel and a roadside motel with a year of bookings.

``seed.seed_demo`` builds it (``manage.py seed_demo`` calls it); ``benchmarks/run.py``
reuses the booking planner, the bulk insert and the inventory recount for its own data.

Modules, each with one purpose:

- ``logins``: the demo's users, one per role, and their printed passwords;
- ``people``: plausible guests (names by nationality, contact details, documents);
- ``seasons``: Madrid's holidays and the seasons that drive prices and demand;
- ``offer``: what a property has to sell, per night, in the planner's terms;
- ``demand``: how a property sells (segments, stay lengths, occupancy targets);
- ``planner``: the booking planner, in memory, never over the inventory;
- ``bulk``: rows inserted straight through the database driver;
- ``writing``: a plan written to the database, and inventory ``sold`` recounted;
- ``history``: the audit trail of the seeded reservations;
- ``building``: configuration helpers shared by the properties (types, plans, prices);
- ``city`` and ``motel``: the two properties;
- ``housekeeping``: room conditions the morning after the audit;
- ``bookings``: one property's bookings, planned and written;
- ``seed``: the whole demo.
"""
