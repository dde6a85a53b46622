"""Writes for folios, one module per area: postings (charges, payments, refunds, reversals),
transfers and routing, deposits, invoices, cashier shifts and receivables (city ledger).

Everything a caller needs is re-exported here: ``from frontoffice.folios.services import …``.
"""

from frontoffice.folios.services.postings import (  # noqa: F401
    DEFAULT_CODES,
    KIND_PERMISSION,
    folio_for_reservation,
    folio_post_charge,
    folio_post_payment,
    folio_refund,
    folio_reverse_posting,
    transaction_codes_install,
)
