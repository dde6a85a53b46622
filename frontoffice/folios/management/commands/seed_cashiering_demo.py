"""``manage.py seed_cashiering_demo``: money in the demo hotels' folios, ledger and drawers.

Run by ``make demo`` and ``frontoffice demo`` after ``seed_demo`` and
``install_transaction_codes``. For each demo property (CITY, MOTEL) it works through the
folio services, exactly as the desk would, so every posting is audited and the ledger stays
append-only:

- the transaction codes the property lacks, and its legal name, tax id and address on
  invoices when they are blank;
- a cashier shift already closed with a small cash variance, and a desk agent's shift open
  with a float (cash is only taken in an open shift);
- for every guest in house: the room and the city tax of each night already stayed (on its own
  business date, by the night audit's step), some
  restaurant, minibar and parking charges, a card payment on some, cash on a few;
- deposits taken by card for some arrivals of the next three weeks on a deposit rate plan;
- company accounts in the city ledger (credit limit, 30-day terms); a few company guests who
  left lately are invoiced to their company and their balance transferred to its account
  (one invoice is corrected with a credit note and issued again), and one account has
  received a bank transfer allocated to its oldest item;
- a simplified invoice for a short private stay that left lately, paid by card.

The room and city tax of the nights the guests in house have stayed are posted by the night
audit's step on their own business dates. Everything else (extras, parking, payments, shifts,
open items, and the nights of the few guests who left lately and are invoiced) takes today's
business date, so every open item is current in the aging report.

Idempotent: a property that already has postings, cashier shifts or company accounts is left
alone. Deterministic: a fixed random seed.
"""

import datetime as dt
import random
import time
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from frontoffice.core.audit import audit_record
from frontoffice.core.domain.money import money
from frontoffice.core.models import Property
from frontoffice.folios.domain.card import looks_like_card_number
from frontoffice.folios.models import CashierShift, Folio, Invoice, Posting, ReceivableAccount, TransactionCode
from frontoffice.folios.selectors import folio_balance
from frontoffice.folios.services import (
    cashier_shift_close,
    cashier_shift_open,
    deposit_take,
    folio_close,
    folio_for_reservation,
    folio_post_charge,
    folio_post_payment,
    folio_transfer_to_account,
    invoice_credit,
    invoice_issue,
    receivable_account_create,
    receivable_payment_record,
    transaction_codes_install,
)
from frontoffice.folios.services.nightly import nightly_charges_post
from frontoffice.guests.models import Company
from frontoffice.reservations.models import Reservation

SEED = 2025
CARD_BRANDS = ["Visa", "Mastercard", "Visa", "Amex"]

# Per property: who does what, and what the invoices say about the hotel.
PLANS = {
    "CITY": {
        "legal_name": "Hoteles Demo Madrid SL",
        "tax_id": "B87654323",
        "address": "Calle de Alcalá 123, 28009 Madrid, España",
        "desk": "desk1",  # the shift open now
        "early_desk": "desk2",  # the morning shift, closed with a variance
        "manager": "manager",
        "accountant": "accountant",
        "accounts": 3,
        "credit_limits": [Decimal("6000"), Decimal("10000"), Decimal("4000")],
        "deposits": 8,
    },
    "MOTEL": {
        "legal_name": "Hostelería Demo La Mancha SL",
        "tax_id": "B13456785",
        "address": "Autovía A-4, km 199, 13300 Valdepeñas (Ciudad Real), España",
        "desk": "motel",
        "early_desk": "motel",
        "manager": "motel",
        "accountant": "motel",
        "accounts": 1,
        "credit_limits": [Decimal("1500")],
        "deposits": 3,
    },
}


class Command(BaseCommand):
    help = (
        "Fill the demo properties' cashiering through the folio services: charges and payments on "
        "in-house folios, deposits, cashier shifts, company accounts, invoices and a credit note. "
        "Skips a property that already has postings."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")

    def handle(self, *args, **options):
        started = time.monotonic()
        done, skipped = [], []
        for prop in Property.objects.filter(code__in=PLANS).order_by("code"):
            if _has_cashiering(prop):
                skipped.append(prop.code)
                continue
            with transaction.atomic():
                figures = DemoCashier(prop, PLANS[prop.code], random.Random(f"{options['seed']}-{prop.code}")).run()
            done.append(
                f"{prop.code}: {figures['postings']} postings on {figures['folios']} folios, "
                f"{figures['deposits']} deposits, {figures['accounts']} company accounts, "
                f"{figures['invoices']} invoices"
            )
        seconds = time.monotonic() - started
        parts = done + ([f"skipped {', '.join(skipped)} (already has cashiering)"] if skipped else [])
        self.stdout.write(f"Cashiering demo: {'; '.join(parts) or 'no demo property'} ({seconds:.1f} s).")


def _has_cashiering(prop: Property) -> bool:
    return (
        Posting.objects.filter(property=prop).exists()
        or CashierShift.objects.filter(property=prop).exists()
        or ReceivableAccount.objects.filter(property=prop).exists()
    )


def _user(username: str) -> User:
    return User.objects.get(username=username)  # fresh, so that permissions are not cached stale


class DemoCashier:
    """What one property's front office did with money, replayed through the services."""

    def __init__(self, prop: Property, plan: dict, rng: random.Random):
        self.prop = prop
        self.plan = plan
        self.rng = rng
        self.desk = _user(plan["desk"])
        self.early_desk = _user(plan["early_desk"])
        self.manager = _user(plan["manager"])
        self.accountant = _user(plan["accountant"])
        self.today = prop.business_date
        self.codes: dict[str, TransactionCode] = {}

    def run(self) -> dict:
        transaction_codes_install(property=self.prop)
        self.codes = {c.code: c for c in TransactionCode.objects.filter(property=self.prop)}
        self._legal_details()
        in_house = list(
            Reservation.objects.filter(property=self.prop, status="in_house", arrival__lt=self.today)
            .select_related("room", "guest", "rate_plan")
            .prefetch_related("nights_priced")
            .order_by("confirmation")
        )
        self._nights_stayed(in_house)
        self._closed_shift(in_house[:2])
        cashier_shift_open(property=self.prop, actor=self.desk, opening_float=Decimal("200.00"))
        for res in in_house:
            self._in_house(res)
        deposits = self._deposits()
        accounts = self._company_accounts()
        self._simplified_invoice()
        return {
            "postings": Posting.objects.filter(property=self.prop).count(),
            "folios": Folio.objects.filter(property=self.prop).count(),
            "deposits": deposits,
            "accounts": accounts,
            "invoices": Invoice.objects.filter(property=self.prop).count(),
        }

    # The hotel on its invoices.

    def _legal_details(self) -> None:
        """Fill what invoices print about the hotel, where it is blank. There is no service
        for a property's settings (they are edited in the admin), so the same guarded update
        the admin would make, recorded in the audit trail."""
        changes = {
            field: self.plan[field] for field in ("legal_name", "tax_id", "address") if not getattr(self.prop, field)
        }
        if not changes:
            return
        Property.objects.filter(pk=self.prop.pk).update(**changes)
        for field, value in changes.items():
            setattr(self.prop, field, value)
        audit_record(
            property=self.prop,
            entity="property",
            entity_id=self.prop.code,
            action="update",
            actor=_user("admin"),
            changes=changes,
            reason=_("Demo data"),
        )

    # Charges of the nights stayed.

    def _charge(self, folio: Folio, code: str, amount: Decimal, *, quantity: int = 1, description: str = "") -> None:
        folio_post_charge(
            folio=folio,
            actor=self.desk,
            transaction_code=self.codes[code],
            unit_amount=money(amount),
            quantity=quantity,
            description=description,
        )

    def _nights_stayed(self, in_house: list[Reservation]) -> None:
        """Room and city tax of every night the guests in house have stayed, each on its own
        business date, posted by the night audit's own step: the hotel's date is taken back to
        each night in turn (inside this seed's transaction) and brought back to today."""
        if not in_house:
            return
        auditor = User.objects.filter(username="nightaudit").first()
        day = min(res.arrival for res in in_house)
        while day < self.today:
            Property.objects.filter(pk=self.prop.pk).update(business_date=day)
            self.prop.business_date = day
            nightly_charges_post(property=self.prop, actor=auditor)
            day += dt.timedelta(days=1)
        Property.objects.filter(pk=self.prop.pk).update(business_date=self.today)
        self.prop.business_date = self.today

    def _stay(self, res: Reservation, folio: Folio, *, until: dt.date) -> None:
        """A guest who has left: room and city tax of each night before ``until``, posted today
        (their description names the night), and parking."""
        taxed = res.adults + sum(
            1 for age in res.children_ages or [] if age is None or age >= self.prop.city_tax_exempt_under_age
        )
        nights = sorted((n for n in res.nights_priced.all() if n.date < until), key=lambda n: n.date)
        room = res.room.number if res.room_id else "—"
        for i, night in enumerate(nights):
            when = night.date.strftime("%d/%m")
            if night.price > 0:
                self._charge(
                    folio,
                    "ROOM",
                    night.price,
                    description=_("Room %(room)s, night of %(date)s") % {"room": room, "date": when},
                )
            if self.prop.city_tax_per_night > 0 and i < self.prop.city_tax_max_nights and taxed:
                self._charge(
                    folio,
                    "CITYTAX",
                    self.prop.city_tax_per_night,
                    quantity=taxed,
                    description=_("City tax, night of %(date)s") % {"date": when},
                )
        self._parking(res, folio, until=until)

    def _parking(self, res: Reservation, folio: Folio, *, until: dt.date) -> None:
        nights = [n for n in res.nights_priced.all() if n.date < until]
        if res.parking and nights:
            self._charge(folio, "PARK", Decimal("22.00"), quantity=len(nights), description=_("Garage parking"))

    def _extras(self, folio: Folio) -> None:
        rng = self.rng
        if rng.random() < 0.45:
            what = rng.choice([_("Dinner, restaurant"), _("Lunch, restaurant"), _("Bar"), _("Room service")])
            self._charge(folio, "FB", Decimal(rng.randrange(1200, 9600)) / 100, description=what)
        if rng.random() < 0.3:
            self._charge(folio, "MINI", Decimal(rng.choice([450, 650, 900, 1250, 1800])) / 100)
        if rng.random() < 0.1:
            self._charge(folio, "LAUN", Decimal(rng.choice([1500, 2400, 3200])) / 100)

    def _card(self) -> dict:
        return {
            "card_brand": self.rng.choice(CARD_BRANDS),
            "card_last4": f"{self.rng.randrange(10000):04d}",
            "card_token": f"demo_tok_{self.rng.randrange(16**10):010x}",
        }

    def _in_house(self, res: Reservation) -> None:
        folio = folio_for_reservation(reservation=res, actor=self.desk)
        self._parking(res, folio, until=self.today)
        self._extras(folio)
        balance = folio_balance(folio=folio)
        if balance > 0 and self.rng.random() < 0.35:
            # Settled so far, or a round amount on account.
            amount = (
                balance if self.rng.random() < 0.5 else min(balance, Decimal(self.rng.choice([100, 150, 200, 300])))
            )
            if self.rng.random() < 0.2:
                folio_post_payment(folio=folio, actor=self.desk, method="cash", amount=amount)
            else:
                folio_post_payment(folio=folio, actor=self.desk, method="card", amount=amount, **self._card())

    # Cashier shifts.

    def _closed_shift(self, reservations: list[Reservation]) -> None:
        """The morning shift: a float, cash from one or two guests, counted 5.00 short."""
        shift = cashier_shift_open(property=self.prop, actor=self.early_desk, opening_float=Decimal("150.00"))
        taken = Decimal("0")
        for res, amount in zip(reservations, [Decimal("60.00"), Decimal("45.50")], strict=False):
            folio = folio_for_reservation(reservation=res, actor=self.early_desk)
            folio_post_payment(folio=folio, actor=self.early_desk, method="cash", amount=amount)
            taken += amount
        counted = shift.opening_float + taken - Decimal("5.00")
        cashier_shift_close(
            shift=shift,
            actor=self.early_desk,
            counted={"cash": counted},
            note=_("Cash 5.00 short at the count; reported to the front office manager."),
        )

    # Deposits.

    def _deposits(self) -> int:
        arrivals = (
            Reservation.objects.filter(
                property=self.prop,
                status="confirmed",
                arrival__gt=self.today,
                arrival__lte=self.today + dt.timedelta(days=21),
                rate_plan__guarantee="deposit",
                total__gt=0,
            )
            .select_related("rate_plan")
            .order_by("arrival", "confirmation")
        )
        taken = 0
        for res in arrivals:
            if taken >= self.plan["deposits"]:
                break
            if self.rng.random() < 0.4:
                continue  # not paid yet: the deposit list shows it due
            amount = res.deposit_due if res.deposit_due > 0 else money(res.total * res.rate_plan.deposit_percent / 100)
            if amount <= 0:
                continue
            deposit_take(reservation=res, actor=self.desk, method="card", amount=amount, **self._card())
            taken += 1
        return taken

    # The city ledger.

    def _departed(self, **filters):
        return (
            Reservation.objects.filter(
                property=self.prop,
                status="checked_out",
                departure__lte=self.today,
                departure__gte=self.today - dt.timedelta(days=14),
                **filters,
            )
            .select_related("room", "guest", "company")
            .prefetch_related("nights_priced")
            .order_by("-departure", "confirmation")
        )

    def _company_accounts(self) -> int:
        """Company guests who left lately: invoiced to the company, billed to its account."""
        stays, seen = [], set()
        for res in self._departed(company__kind=Company.Kind.COMPANY, total__gt=0):
            # Some foreign VAT numbers (e.g. a Swedish SE + 12 digits) pass the card-number check
            # that guards every text field, so an invoice to them is refused: bill another company.
            if res.company_id not in seen and not looks_like_card_number(res.company.tax_id):
                seen.add(res.company_id)
                stays.append(res)
            if len(stays) >= self.plan["accounts"]:
                break
        items = []
        for i, res in enumerate(stays):
            company = res.company
            account = receivable_account_create(
                property=self.prop,
                actor=self.manager,
                company=company,
                number=f"CL-{self.prop.code}-{i + 1:03d}",
                credit_limit=self.plan["credit_limits"][i % len(self.plan["credit_limits"])],
                payment_terms_days=30,
            )
            folio = folio_for_reservation(reservation=res, actor=self.desk)
            self._stay(res, folio, until=res.departure)
            if folio_balance(folio=folio) <= 0:
                continue
            payer = {"payer_name": company.name, "payer_tax_id": company.tax_id, "payer_address": company.address}
            invoice = invoice_issue(folio=folio, actor=self.desk, **payer)
            if i == 0:
                # Issued with the company's short address; corrected and issued again.
                invoice_credit(
                    invoice=invoice,
                    actor=self.manager,
                    reason=_("The company asked for its full registered address on the invoice."),
                )
                full_address = f"{company.address}, {self.prop.address.rsplit(',', 1)[-1].strip()}"
                invoice_issue(folio=folio, actor=self.desk, **{**payer, "payer_address": full_address})
            items.append(folio_transfer_to_account(folio=folio, account=account, actor=self.desk))
            folio_close(folio=folio, actor=self.desk)
        if items:
            # One company has paid: its item in full, or half of it when it is the only item,
            # so that the aging report still shows money owed.
            first = items[0]
            paid = first.amount if len(items) > 1 else money(first.amount / 2)
            receivable_payment_record(
                account=first.account,
                actor=self.accountant,
                amount=paid,
                method="bank_transfer",
                reference=_("Bank transfer %(ref)s") % {"ref": f"{self.rng.randrange(10**8):08d}"},
                allocations=[(first, paid)],
            )
        return len(stays)

    def _simplified_invoice(self) -> None:
        """A short private stay that left lately, paid by card, with a simplified invoice."""
        limit = self.prop.simplified_invoice_limit
        for res in self._departed(company__isnull=True, total__gt=0, total__lte=limit * Decimal("0.8")):
            folio = folio_for_reservation(reservation=res, actor=self.desk)
            self._stay(res, folio, until=res.departure)
            balance = folio_balance(folio=folio)
            if balance <= 0 or balance > limit:
                continue
            folio_post_payment(folio=folio, actor=self.desk, method="card", amount=balance, **self._card())
            invoice_issue(folio=folio, actor=self.desk, simplified=True)
            folio_close(folio=folio, actor=self.desk)
            return
