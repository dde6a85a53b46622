"""``{% folio_transfers res windows as tx %}``: what the folio page shows for moving money
between folios (targets, routing instructions and their form, who may close or reopen)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def folio_transfers(context, res, windows):
    from frontoffice.folios.views.transfers import transfer_context

    if "tx" in context:  # a page that built it already (a house folio)
        return context["tx"]
    folios = [w["folio"] for w in windows if w.get("folio") is not None]
    return transfer_context(context["request"], res, folios)
