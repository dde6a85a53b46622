"""The ledger's refusals (``domain.ledger.Refusal``) as sentences in the reader's language."""

from django.utils.translation import gettext as _

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
    if refusal is Refusal.FOLIO_CLOSED:
        return _("This folio is closed.")
    raise ValueError(refusal)
