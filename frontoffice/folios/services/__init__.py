"""Writes for folios, one module per area: postings (charges, payments, refunds, reversals),
transfers and routing, deposits, invoices, cashier shifts and receivables (city ledger).

Everything a caller needs is re-exported here: ``from frontoffice.folios.services import …``.
"""

from frontoffice.folios.services.deposits import (  # noqa: F401, E402
    deposit_apply,
    deposit_folio_for,
    deposit_held,
    deposit_return,
    deposit_schedule,
    deposit_schedule_set,
    deposit_take,
    reservation_fee_post,
)
from frontoffice.folios.services.invoices import (  # noqa: F401, E402
    InvoicePreview,
    invoice_credit,
    invoice_issue,
    invoice_payer_defaults,
    invoice_preview,
)
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
from frontoffice.folios.services.receivables import (  # noqa: F401, E402
    folio_transfer_to_account,
    receivable_account_create,
    receivable_account_update,
    receivable_payment_allocate,
    receivable_payment_record,
)
from frontoffice.folios.services.shifts import (  # noqa: F401, E402
    cashier_shift_close,
    cashier_shift_open,
)
from frontoffice.folios.services.transfers import (  # noqa: F401, E402
    folio_close,
    folio_open_house,
    folio_reopen,
    folio_set_credit_limit,
    folio_set_payer,
    folio_transfer_balance,
    posting_transfer,
    routing_instruction_create,
    routing_instruction_end,
)
