from urllib.parse import unquote_to_bytes

from django.http import JsonResponse
from django.utils import translation


class UserLanguageMiddleware:
    """Use the language saved on the user's profile (set before LocaleMiddleware runs).

    The session and cookie set by the language switcher win; otherwise the profile's
    language is applied for signed-in staff.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lang = request.session.get("ui_language")
        if lang in {"en", "es"}:
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
            request.META["HTTP_ACCEPT_LANGUAGE"] = lang
        return self.get_response(request)


class RejectNullCharacters:
    """Refuse API requests carrying NUL characters (PostgreSQL cannot store them) with a 422.

    HTML forms already refuse them (Django's form fields do); this covers the JSON API's query
    strings and bodies, whether the NUL is raw or escaped as ``\\u0000``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/") and self._has_nul(request):
            return JsonResponse(
                {"code": "invalid", "detail": "Text cannot contain NUL characters.", "errors": []}, status=422
            )
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        query = unquote_to_bytes(request.META.get("QUERY_STRING", ""))
        if b"\x00" in query:
            return True
        if request.method in {"POST", "PUT", "PATCH"}:
            body = request.body
            return b"\x00" in body or b"\\u0000" in body.lower()
        return False
