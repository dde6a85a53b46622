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
