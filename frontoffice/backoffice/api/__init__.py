"""The back office over the API: the journal for the accounting system, KPIs and the forecast."""

from ninja import Router

from frontoffice.backoffice.api.journal import router as journal_router
from frontoffice.backoffice.api.reports import router as reports_router

router = Router(tags=["back office"])
router.add_router("", journal_router)
router.add_router("", reports_router)
