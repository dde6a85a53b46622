"""Documents of the desk: the registration card to sign (PDF, in the guest's language) and the
guest registry export (CSV) of every traveller checked in over a period."""

import csv
import datetime as dt
import io

from django.template.loader import render_to_string
from django.utils import translation

from frontoffice.core.models import Property
from frontoffice.frontdesk.models import StayEvent, StayRecord, Traveller
from frontoffice.reservations.models import Reservation

REGISTRY_COLUMNS = [
    "check_in_date",
    "confirmation",
    "room",
    "arrival",
    "departure",
    "main_guest",
    "first_name",
    "last_name",
    "document_type",
    "document_number",
    "document_country",
    "document_expiry",
    "nationality",
    "birth_date",
    "address",
]


def registration_card_html(res: Reservation) -> str:
    language = res.guest.language if res.guest.language in ("es", "en") else res.property.default_language
    travellers = list(Traveller.objects.filter(reservation=res))
    context = {"res": res, "property": res.property, "travellers": travellers, "language": language}
    with translation.override(language):
        return render_to_string("frontdesk/registration_card.html", context)


def registration_card_pdf(res: Reservation) -> bytes:
    from weasyprint import HTML

    return HTML(string=registration_card_html(res)).write_pdf()


def guest_registry_rows(prop: Property, date_from: dt.date, date_to: dt.date) -> list[list]:
    """One row per traveller of every stay checked in between the dates (inclusive) and not
    reverted since, in check-in order."""
    records = StayRecord.objects.filter(
        property=prop, event__in=[StayEvent.CHECK_IN, StayEvent.CHECK_IN_REVERTED]
    ).order_by("reservation_id", "at", "id")
    latest: dict[int, StayRecord] = {}
    for record in records.select_related("reservation__room"):
        latest[record.reservation_id] = record
    checked_in = {
        rid: r for rid, r in latest.items() if r.event == StayEvent.CHECK_IN and date_from <= r.business_date <= date_to
    }
    travellers = Traveller.objects.filter(reservation_id__in=checked_in).order_by("reservation_id", "-is_main", "id")
    rows = []
    for t in travellers:
        record = checked_in[t.reservation_id]
        res = record.reservation
        rows.append(
            [
                record.business_date.isoformat(),
                res.confirmation,
                res.room.number if res.room_id else "",
                res.arrival.isoformat(),
                res.departure.isoformat(),
                "yes" if t.is_main else "no",
                t.first_name,
                t.last_name,
                t.document_type,
                t.document_number,
                t.document_country,
                t.document_expiry.isoformat() if t.document_expiry else "",
                t.nationality,
                t.birth_date.isoformat(),
                t.address.replace("\n", ", "),
            ]
        )
    rows.sort(key=lambda row: (row[0], row[1]))
    return rows


def guest_registry_csv(prop: Property, date_from: dt.date, date_to: dt.date) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(REGISTRY_COLUMNS)
    writer.writerows(guest_registry_rows(prop, date_from, date_to))
    return out.getvalue().encode("utf-8")
