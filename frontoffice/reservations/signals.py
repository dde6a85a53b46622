"""Events other apps react to, sent inside the transaction that caused them (so a receiver's
writes commit or roll back with it). Cashiering, for one, posts the cancellation fee."""

from django.dispatch import Signal

# Sent with ``reservation`` (already cancelled, ``cancellation_fee`` set) and ``actor``.
reservation_cancelled = Signal()
