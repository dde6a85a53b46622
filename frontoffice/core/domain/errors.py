"""Domain errors: every business refusal is one of these, with a stable code.

The API maps them to HTTP (see ``frontoffice.config.api``); views show ``detail``.
"""


class DomainError(Exception):
    """A business rule refused the request. ``status`` is the HTTP status it maps to."""

    code = "domain_error"
    status = 409

    def __init__(self, detail: str, *, code: str | None = None, errors: list | None = None):
        super().__init__(detail)
        self.detail = detail
        if code:
            self.code = code
        self.errors = errors or []


class InvalidInput(DomainError):
    code = "invalid"
    status = 422


class PermissionDenied(DomainError):
    code = "permission_denied"
    status = 403


class NotFound(DomainError):
    code = "not_found"
    status = 404


class Conflict(DomainError):
    code = "conflict"
    status = 409


class IllegalTransition(DomainError):
    code = "illegal_transition"
    status = 409
