"""Events other apps react to, sent inside the transaction that caused them (so a receiver's
writes commit or roll back with it). Cashiering, for one, posts the cancellation fee."""

from django.dispatch import Signal

# Sent with ``reservation`` (already cancelled, ``cancellation_fee`` set) and ``actor``.
reservation_cancelled = Signal()

# Sent with ``reservation`` (already a no-show, its fee in ``cancellation_fee``) and ``actor``.
reservation_no_show_marked = Signal()
