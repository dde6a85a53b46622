from django.urls import path

from frontoffice.folios.views import deposits, invoices, postings
from frontoffice.folios.views import receivables as receivables_views
from frontoffice.folios.views import shifts as shifts_views
from frontoffice.folios.views import transfers as transfers_views

app_name = "folios"
urlpatterns = [
    path("reservations/<str:confirmation>/folio/", postings.folio_page, name="folio"),
    path("reservations/<str:confirmation>/folio/charges/", postings.post_charge, name="charge"),
    path("reservations/<str:confirmation>/folio/payments/", postings.take_payment, name="payment"),
    path("reservations/<str:confirmation>/folio/refunds/", postings.refund, name="refund"),
    path("reservations/<str:confirmation>/folio/windows/", postings.open_window, name="open_window"),
    path(
        "reservations/<str:confirmation>/folio/postings/<int:posting_id>/reverse/",
        postings.reverse_posting,
        name="reverse",
    ),
    path("reservations/<str:confirmation>/folio/deposits/", deposits.take_deposit, name="take_deposit"),
    path("folios/postings/<int:posting_id>/actions/", postings.posting_actions, name="posting_actions"),
    path("folios/<int:folio_id>/invoice/", invoices.issue, name="issue_invoice"),
    path("invoices/", invoices.invoice_list_page, name="invoices"),
    path("invoices/<int:invoice_id>/", invoices.invoice_page, name="invoice"),
    path("invoices/<int:invoice_id>/pdf/", invoices.invoice_pdf_view, name="invoice_pdf"),
    path("invoices/<int:invoice_id>/credit-note/", invoices.credit, name="credit_invoice"),
]

# The city ledger (receivables) and transferring a folio's balance to a company account.
urlpatterns += [
    path("receivables/", receivables_views.accounts_page, name="receivables"),
    path("receivables/new/", receivables_views.account_create, name="receivable_account_create"),
    path("receivables/<int:pk>/", receivables_views.account_page, name="receivable_account"),
    path("receivables/<int:pk>/edit/", receivables_views.account_edit, name="receivable_account_edit"),
    path("receivables/<int:pk>/payments/", receivables_views.account_payment, name="receivable_payment"),
    path("receivables/<int:pk>/statement/", receivables_views.statement_page, name="receivable_statement"),
    path("receivables/<int:pk>/statement.csv", receivables_views.statement_csv, name="receivable_statement_csv"),
    path("receivables/payments/<int:pk>/allocate/", receivables_views.payment_allocate, name="receivable_allocate"),
    path("folios/<int:folio_id>/transfer-to-account/", receivables_views.folio_transfer, name="transfer_to_account"),
]

# Moving money between folios: moves, balance transfers, routing, closing, credit limits, house folios.
urlpatterns += [
    path("folios/postings/<int:posting_id>/move/", transfers_views.move_posting, name="move"),
    path("folios/<int:folio_id>/transfer-balance/", transfers_views.transfer_balance, name="transfer_balance"),
    path("folios/<int:folio_id>/close/", transfers_views.close, name="close"),
    path("folios/<int:folio_id>/reopen/", transfers_views.reopen, name="reopen"),
    path("folios/<int:folio_id>/credit-limit/", transfers_views.credit_limit, name="credit_limit"),
    path("folios/<int:folio_id>/payer/", transfers_views.set_payer, name="set_payer"),
    path("reservations/<str:confirmation>/folio/routing/", transfers_views.add_routing, name="add_routing"),
    path("folios/routing/<int:instruction_id>/end/", transfers_views.end_routing, name="end_routing"),
    path("folios/house/", transfers_views.house_list, name="house_list"),
    path("folios/house/new/", transfers_views.house_open, name="house_open"),
    path("folios/house/<int:folio_id>/", transfers_views.house_folio, name="house_folio"),
    path("folios/house/<int:folio_id>/charges/", transfers_views.house_charge, name="house_charge"),
    path("folios/house/<int:folio_id>/payments/", transfers_views.house_payment, name="house_payment"),
    path(
        "folios/house/<int:folio_id>/postings/<int:posting_id>/reverse/",
        transfers_views.house_reverse,
        name="house_reverse",
    ),
]

# Cashier shifts: the cashier's own drawer, the close report, and every shift for managers.
urlpatterns += [
    path("cashier/shift/", shifts_views.my_shift, name="my_shift"),
    path("cashier/shift/open/", shifts_views.open_shift, name="open_shift"),
    path("cashier/shifts/", shifts_views.shift_list, name="shift_list"),
    path("cashier/shifts/<int:shift_id>/", shifts_views.shift_report, name="shift_report"),
    path("cashier/shifts/<int:shift_id>/close/", shifts_views.close_shift, name="close_shift"),
]
