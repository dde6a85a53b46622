"""``manage.py install_transaction_codes [--property CODE]``: the default chart of transaction codes.

Adds the codes a property lacks (room, F&B, minibar, parking, laundry, telephone, spa,
miscellaneous, city tax, cancellation, no-show and late check-out fees, balance transfers, payments
and refunds by method) with their ledger accounts;
codes already there are left as they are. Without ``--property``, every property.
"""

from django.core.management.base import BaseCommand, CommandError

from frontoffice.core.models import Property
from frontoffice.folios.services import transaction_codes_install


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--property", help="property code (default: every property)")

    def handle(self, *args, **options):
        properties = Property.objects.all()
        if options["property"]:
            properties = properties.filter(code=options["property"])
            if not properties.exists():
                raise CommandError(f"No property {options['property']!r}.")
        for prop in properties:
            created = transaction_codes_install(property=prop)
            self.stdout.write(f"{prop.code}: {created} transaction codes added")
