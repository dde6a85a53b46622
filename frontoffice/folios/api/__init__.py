"""The folios REST API: one router, with the operations of each area in its own module."""

from ninja import Router

from frontoffice.folios.api import postings

router = Router(tags=["folios"])
router.add_router("", postings.router)
