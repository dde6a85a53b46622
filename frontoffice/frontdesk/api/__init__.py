"""The front-desk REST API: one router, with the operations of each area in its own module."""

from ninja import Router

router = Router(tags=["front desk"])
