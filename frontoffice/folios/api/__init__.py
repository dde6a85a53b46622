"""The folios REST API: one router, with the operations of each area in its own module."""

from ninja import Router

from frontoffice.folios.api import deposits, invoices, postings
from frontoffice.folios.api import receivables as receivables_api
from frontoffice.folios.api import shifts as shifts_api
from frontoffice.folios.api import transfers as transfers_api

router = Router(tags=["folios"])
router.add_router("", postings.router)
router.add_router("", invoices.router, tags=["invoices"])
router.add_router("", deposits.router, tags=["deposits"])
router.add_router("", receivables_api.router, tags=["receivables"])
router.add_router("", transfers_api.router, tags=["transfers"])
router.add_router("", shifts_api.router, tags=["cashier shifts"])
