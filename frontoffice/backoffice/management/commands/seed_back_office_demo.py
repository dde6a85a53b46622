"""``manage.py seed_back_office_demo``: the demo hotels' past nights as statistics (see
``backoffice.history``), so that the manager's charts and the KPI reports have a history. Run by
``make demo`` and ``frontoffice demo`` after the other seeds; a night that has statistics is left
alone, so running it again adds nothing."""

from django.core.management.base import BaseCommand

from frontoffice.backoffice.history import history_statistics_seed
from frontoffice.core.models import Property


class Command(BaseCommand):
    help = "Reconstruct the demo hotels' past nights as statistics from their bookings."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=400)

    def handle(self, *args, **opts):
        for prop in Property.objects.filter(code__in=("CITY", "MOTEL")).order_by("code"):
            made = history_statistics_seed(property=prop, days=opts["days"])
            self.stdout.write(f"{prop.code}: {made} past nights of statistics")
