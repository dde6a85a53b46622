"""The journal as files: CSV (one row per line, debit and credit columns) and Beancount text."""

import csv
import io

from frontoffice.backoffice.domain.journal import Entry, beancount_text
from frontoffice.core.models import Property

CSV_HEADER = ["date", "entry", "account", "debit", "credit", "narration"]


def journal_csv(entries: list[Entry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for e in entries:
        for line in e.lines:
            writer.writerow(
                [
                    e.date.isoformat(),
                    e.ref,
                    line.account,
                    f"{line.debit:.2f}" if line.debit else "",
                    f"{line.credit:.2f}" if line.credit else "",
                    e.narration,
                ]
            )
    return out.getvalue()


def journal_beancount(property: Property, entries: list[Entry]) -> str:
    return beancount_text(entries, currency=property.currency, title=f"{property.name} ({property.code})")
