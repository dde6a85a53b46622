"""The folio page: windows, postings and balances, and the cashier's actions through it."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frontoffice.folios.models import Folio, Posting
from frontoffice.folios.selectors import folio_balance
from frontoffice.folios.services import folio_post_charge, folio_post_payment, folio_reverse_posting
from frontoffice.reservations.tests.factories import make_user
from frontoffice.reservations.tests.services.test_booking import book

D = Decimal


def url(res, name="folio", *args):
    return reverse(f"folios:{name}", args=[res.confirmation, *args])


def charge(client, res, code="FB", amount="12.50", quantity=1, window=1, **extra):
    data = {"charge-window": window, "charge-transaction_code": code, "charge-quantity": quantity}
    data |= {"charge-unit_amount": amount, "charge-description": "", "charge-reference": ""}
    return client.post(url(res, "charge"), data | {f"charge-{k}": v for k, v in extra.items()})


def test_the_page_shows_the_postings_and_the_balance(client_as, agent, reservation, folio, codes):
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D("30"), quantity=2)
    folio_post_payment(folio=folio, actor=agent, method="card", amount=D("20"), card_brand="Visa", card_last4="4242")
    resp = client_as(agent).get(url(reservation))
    assert resp.status_code == 200
    page = resp.text
    assert reservation.confirmation in page and reservation.guest.full_name in page
    assert "Window 1" in page
    assert "Food and beverage" in page and "60.00" in page and "54.55" in page and "5.45" in page
    assert "Visa •••• 4242" in page
    assert 'id="total-balance"' in page and "40.00 EUR" in page
    assert reverse("folios:charge", args=[reservation.confirmation]) in page
    assert reverse("folios:payment", args=[reservation.confirmation]) in page
    assert reverse("folios:refund", args=[reservation.confirmation]) not in page  # agents do not refund


def test_looking_at_the_folio_opens_nothing(client_as, agent, reservation, codes):
    resp = client_as(agent).get(url(reservation))
    assert resp.status_code == 200
    assert "No postings yet." in resp.text
    assert not Folio.objects.filter(reservation=reservation).exists()


def test_the_reservation_detail_links_to_the_folio(client_as, agent, reservation):
    page = client_as(agent).get(reverse("reservations:detail", args=[reservation.confirmation])).text
    assert url(reservation) in page


def test_posting_a_charge_adds_it_to_the_ledger_and_redirects_back(client_as, agent, reservation, codes):
    client = client_as(agent)
    resp = charge(client, reservation, code="MINI", amount="4.50", quantity=2, description="Two waters")
    assert resp.status_code == 302
    assert resp["Location"].startswith(url(reservation))
    posting = Posting.objects.get(folio__reservation=reservation)
    assert posting.transaction_code.code == "MINI" and posting.gross == D("9.00") and posting.actor == agent
    assert posting.description == "Two waters"
    page = client.get(resp["Location"]).text
    assert "Charge posted: Two waters, 9.00 EUR." in page
    assert "Two waters" in page


def test_a_charge_form_with_bad_input_is_shown_again_with_422(client_as, agent, reservation, codes):
    resp = charge(client_as(agent), reservation, amount="abc")
    assert resp.status_code == 422
    assert "Please correct the highlighted fields." in resp.text
    assert not Posting.objects.exists()


def test_a_card_number_typed_anywhere_is_refused_with_the_services_message(client_as, agent, reservation, codes):
    resp = charge(client_as(agent), reservation, reference="4111 1111 1111 1111")
    assert resp.status_code == 422
    assert "Card numbers must not be stored" in resp.text
    assert not Posting.objects.exists()


def test_taking_a_payment_lowers_the_balance(client_as, agent, folio, reservation, codes):
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D("50"))
    client = client_as(agent)
    data = {"payment-window": 1, "payment-method": "card", "payment-amount": "50.00", "payment-card_brand": "Visa"}
    data |= {"payment-card_last4": "1234", "payment-card_token": "tok_abc", "payment-reference": ""}
    resp = client.post(url(reservation, "payment"), data, follow=True)
    assert resp.status_code == 200
    assert "Payment taken: 50.00 EUR by Card." in resp.text
    assert folio_balance(folio=folio) == D("0.00")
    payment = Posting.objects.get(payment_method="card")
    assert (payment.card_brand, payment.card_last4, payment.card_token) == ("Visa", "1234", "tok_abc")


def test_a_manager_refunds_what_was_paid(client_as, agent, manager, folio, reservation, codes, on_shift):
    folio_post_payment(folio=folio, actor=agent, method="cash", amount=D("80"))
    client = client_as(manager)
    data = {"refund-window": 1, "refund-method": "cash", "refund-amount": "30", "refund-reason": "Early departure"}
    resp = client.post(url(reservation, "refund"), data)
    assert resp.status_code == 302
    refund = Posting.objects.get(transaction_code__code="REFUND-CASH")
    assert refund.gross == D("30.00") and refund.reason == "Early departure"
    assert folio_balance(folio=folio) == D("-50.00")
    assert "Refund posted: 30.00 EUR by Cash." in client.get(resp["Location"]).text


def test_a_refund_beyond_what_was_paid_is_refused_with_the_reason_and_changes_nothing(
    client_as, agent, manager, folio, reservation, codes, on_shift
):
    folio_post_payment(folio=folio, actor=agent, method="cash", amount=D("20"))
    before = Posting.objects.count()
    data = {"refund-window": 1, "refund-method": "cash", "refund-amount": "25", "refund-reason": "Too much"}
    resp = client_as(manager).post(url(reservation, "refund"), data)
    assert resp.status_code == 409
    assert "At most 20.00 can be refunded by Cash on this folio." in resp.text
    assert 'value="Too much"' in resp.text  # the form keeps what was typed
    assert Posting.objects.count() == before


def test_an_agent_cannot_refund_even_by_posting_directly(client_as, agent, folio, reservation, codes, on_shift):
    folio_post_payment(folio=folio, actor=agent, method="cash", amount=D("20"))
    data = {"refund-window": 1, "refund-method": "cash", "refund-amount": "5", "refund-reason": "x"}
    assert client_as(agent).post(url(reservation, "refund"), data).status_code == 403
    assert not Posting.objects.filter(transaction_code__code="REFUND-CASH").exists()


def test_reversing_a_posting_links_the_pair_and_nets_to_zero(client_as, agent, folio, reservation, codes):
    posting = folio_post_charge(folio=folio, actor=agent, transaction_code=codes["PARK"], unit_amount=D("15"))
    client = client_as(agent)
    actions = reverse("folios:posting_actions", args=[posting.pk])
    assert actions in client.get(url(reservation)).text
    assert url(reservation, "reverse", posting.pk) in client.get(actions, headers={"HX-Request": "true"}).text
    resp = client.post(url(reservation, "reverse", posting.pk), {"reason": "Wrong room"})
    assert resp.status_code == 302
    reversal = Posting.objects.get(reversal_of=posting)
    assert reversal.gross == -posting.gross and reversal.reason == "Wrong room"
    assert folio_balance(folio=folio) == D("0.00")
    page = client.get(resp["Location"]).text
    assert f"Posting {posting.pk} reversed." in page
    assert f'reversed by <a href="#posting-{reversal.pk}">' in page
    assert f'reverses <a href="#posting-{posting.pk}">' in page
    assert url(reservation, "reverse", posting.pk) not in client.get(actions).text  # once only
    assert actions not in page


def test_a_reversal_above_the_void_limit_needs_a_manager(client_as, agent, folio, reservation, codes):
    posting = folio_post_charge(folio=folio, actor=agent, transaction_code=codes["SPA"], unit_amount=D("120"))
    client = client_as(agent)
    assert "A manager may reverse this." in client.get(url(reservation)).text
    resp = client.post(url(reservation, "reverse", posting.pk), {"reason": "Oops"})
    assert resp.status_code == 403
    assert "Reversing more than 50.00 needs a manager." in resp.text
    assert not Posting.objects.filter(reversal_of=posting).exists()


def test_a_reversal_without_a_reason_is_refused(client_as, agent, folio, reservation, codes):
    posting = folio_post_charge(folio=folio, actor=agent, transaction_code=codes["PARK"], unit_amount=D("15"))
    resp = client_as(agent).post(url(reservation, "reverse", posting.pk), {"reason": ""})
    assert resp.status_code == 422
    assert not Posting.objects.filter(reversal_of=posting).exists()


def test_a_new_window_opens_and_takes_charges(client_as, agent, folio, reservation, codes):
    client = client_as(agent)
    resp = client.post(url(reservation, "open_window"))
    assert resp.status_code == 302
    assert list(Folio.objects.filter(reservation=reservation).values_list("window", flat=True)) == [1, 2]
    page = client.get(url(reservation)).text
    assert "Window 2" in page and 'name="charge-window"' in page
    assert charge(client, reservation, code="TEL", amount="3", window=2).status_code == 302
    assert Posting.objects.get().folio.window == 2


def test_a_porter_gets_403(client_as, hotel, reservation, codes):
    porter = make_user("porter", "porter", hotel.property)
    client = client_as(porter)
    assert client.get(url(reservation)).status_code == 403
    assert charge(client, reservation).status_code == 403
    assert not Posting.objects.exists()


def test_an_accountant_sees_the_folio_without_any_form(client_as, accountant, folio, reservation, codes):
    page = client_as(accountant).get(url(reservation)).text
    assert "Window 1" in page
    assert "charge-transaction_code" not in page and "payment-amount" not in page
    assert charge(client_as(accountant), reservation).status_code == 403


def test_another_propertys_reservation_is_not_found(client_as, agent, other_hotel, codes):
    (theirs,) = book(other_hotel, other_hotel.admin)
    client = client_as(agent)
    assert client.get(url(theirs)).status_code == 404
    assert charge(client, theirs).status_code == 404
    assert not Posting.objects.exists()


def test_a_posting_of_another_reservation_cannot_be_reversed_from_this_one(
    client_as, hotel, agent, folio, reservation, codes
):
    posting = folio_post_charge(folio=folio, actor=agent, transaction_code=codes["PARK"], unit_amount=D("15"))
    (other,) = book(hotel, hotel.admin)
    resp = client_as(agent).post(url(other, "reverse", posting.pk), {"reason": "x"})
    assert resp.status_code == 404
    assert not Posting.objects.filter(reversal_of=posting).exists()


def test_the_page_costs_the_same_queries_for_3_or_30_postings(
    client_as, agent, folio, reservation, codes, django_assert_num_queries, on_shift
):
    client = client_as(agent)
    for i in range(3):
        folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D(10 + i))
    with CaptureQueriesContext(connection) as with_3:
        page = client.get(url(reservation)).text
    assert page.count('id="posting-') == 3
    for _ in range(27):
        posting = folio_post_charge(folio=folio, actor=agent, transaction_code=codes["MINI"], unit_amount=D("2"))
    folio_post_payment(folio=folio, actor=agent, method="cash", amount=D("5"))
    folio_reverse_posting(posting=posting, actor=agent, reason="x")
    with django_assert_num_queries(len(with_3.captured_queries)):
        page = client.get(url(reservation)).text
    assert page.count('id="posting-') == 32


def test_the_page_speaks_spanish_after_switching_language(client_as, agent, folio, reservation, codes):
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D("10"))
    client = client_as(agent)
    assert client.post(reverse("core:switch_language"), {"language": "es"}).status_code == 302
    page = client.get(url(reservation)).text
    assert "Ventana 1" in page and "Saldo" in page and "Registrar un cargo" in page and "Cobrar un pago" in page
    assert "FB · Alimentos y bebidas" in page
    resp = charge(client, reservation, amount="5")
    assert "Cargo registrado" in client.get(resp["Location"]).text


def test_a_refused_reversal_shows_its_form_again_in_the_row(client_as, agent, folio, reservation, codes):
    posting = folio_post_charge(folio=folio, actor=agent, transaction_code=codes["PARK"], unit_amount=D("15"))
    resp = client_as(agent).post(url(reservation, "reverse", posting.pk), {"reason": "x" * 201})
    assert resp.status_code == 422
    assert f'id="posting-actions-{posting.pk}"' in resp.text and url(reservation, "reverse", posting.pk) in resp.text


def test_another_propertys_posting_actions_are_not_found(client_as, other_hotel, folio, agent, codes):
    posting = folio_post_charge(folio=folio, actor=agent, transaction_code=codes["PARK"], unit_amount=D("15"))
    outsider = client_as(make_user("outsider", "front_office_manager", other_hotel.property))
    assert outsider.get(reverse("folios:posting_actions", args=[posting.pk])).status_code == 404
