"""The ledger's refusals (``domain.ledger.Refusal``) as sentences in the reader's language."""

from django.utils.translation import gettext as _

from frontoffice.folios.domain.invoice import InvoiceRefusal
from frontoffice.folios.domain.ledger import MAX_AMOUNT, MAX_QUANTITY, MAX_WINDOWS, Refusal


def refusal_text(refusal: Refusal, **params) -> str:
    if refusal is Refusal.AMOUNT_NOT_POSITIVE:
        return _("The amount must be at least 0.01.")
    if refusal is Refusal.AMOUNT_TOO_LARGE:
        return _("The amount cannot exceed %(max)s.") % {"max": MAX_AMOUNT}
    if refusal is Refusal.QUANTITY_OUT_OF_RANGE:
        return _("The quantity goes from 1 to %(max)d.") % {"max": MAX_QUANTITY}
    if refusal is Refusal.WINDOW_OUT_OF_RANGE:
        return _("Folio windows go from 1 to %(max)d.") % {"max": MAX_WINDOWS}
    if refusal is Refusal.REVERSAL_OF_REVERSAL:
        return _("A reversal cannot be reversed; post the entry again instead.")
    if refusal is Refusal.ALREADY_REVERSED:
        return _("This posting has already been reversed.")
    if refusal is Refusal.PAYMENT_ALREADY_REFUNDED:
        return _("This payment has been refunded; reverse the refund first.")
    if refusal is Refusal.REFUND_METHOD_NOT_PAID:
        return _("Nothing was paid by %(method)s on this folio, so nothing can be refunded to it.") % params
    if refusal is Refusal.REFUND_EXCEEDS_PAID:
        return _("At most %(available)s can be refunded by %(method)s on this folio.") % params
    if refusal is Refusal.REFUND_EXCEEDS_CREDIT:
        return _("This folio holds only %(credit)s in the guest's favour; at most that can be refunded.") % params
    if refusal is Refusal.FOLIO_CLOSED:
        return _("This folio is closed.")
    raise ValueError(refusal)


def invoice_refusal_text(refusal, **params) -> str:
    """What the invoice rules refuse (``domain.invoice.InvoiceRefusal``), in the reader's language."""
    if refusal is InvoiceRefusal.NOTHING_TO_INVOICE:
        return _("Every charge on this window is already invoiced; there is nothing to invoice.")
    if refusal is InvoiceRefusal.TOTAL_NOT_POSITIVE:
        return _("The charges left to invoice do not add up to more than zero; correct them on the folio first.")
    if refusal is InvoiceRefusal.SIMPLIFIED_OVER_LIMIT:
        return _("A simplified invoice is allowed up to %(limit)s %(currency)s; issue a full invoice.") % params
    if refusal is InvoiceRefusal.PAYER_NAME_REQUIRED:
        return _("A full invoice needs the payer's name.")
    if refusal is InvoiceRefusal.PAYER_TAX_ID_REQUIRED:
        return _(
            "A full invoice needs the payer's tax id (for a private guest, the identity document number); "
            "or issue a simplified invoice."
        )
    if refusal is InvoiceRefusal.ALREADY_CREDITED:
        return _("Invoice %(number)s already has a credit note.") % params
    if refusal is InvoiceRefusal.CREDIT_OF_CREDIT_NOTE:
        return _("A credit note cannot be credited; issue a new invoice instead.")
    if refusal is InvoiceRefusal.POSTING_INVOICED:
        return _("This charge is on invoice %(number)s; issue a credit note for it first.") % params
    raise ValueError(refusal)
