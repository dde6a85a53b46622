from django.db.models import Q

from frontoffice.core.models import Property
from frontoffice.guests.models import Company, Guest


def guest_list(*, property: Property, text: str = ""):
    qs = Guest.objects.filter(property=property)
    text = text.strip()
    if text:
        qs = qs.filter(
            Q(last_name__icontains=text)
            | Q(first_name__icontains=text)
            | Q(email__iexact=text)
            | Q(document_number=text.upper())
        )
    return qs.order_by("last_name", "first_name", "id")


def company_list(*, property: Property, text: str = ""):
    qs = Company.objects.filter(property=property).prefetch_related("negotiated_rate_plans")
    if text.strip():
        qs = qs.filter(Q(name__icontains=text.strip()) | Q(tax_id__iexact=text.strip()))
    return qs.order_by("name", "id")
