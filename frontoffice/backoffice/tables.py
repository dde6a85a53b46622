"""A report's rows as a download: CSV (point decimals, ISO dates) or an Excel workbook."""

import csv
import datetime as dt
import io
from decimal import Decimal


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def table_csv(columns: list[str], rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue().encode("utf-8")


def table_xlsx(title: str, columns: list[str], rows: list[dict]) -> bytes:
    """One sheet, the header bold and frozen, numbers as numbers (two decimals for amounts)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        values = []
        for c in columns:
            v = row.get(c)
            values.append(float(v) if isinstance(v, Decimal) else v)
        sheet.append(values)
    for column_cells in sheet.iter_cols(min_row=2, max_row=sheet.max_row):
        for cell in column_cells:
            if isinstance(cell.value, float):
                cell.number_format = "0.00"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
