from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frontoffice.core.access import properties_for
from frontoffice.core.models import ApiToken, UserProfile
from frontoffice.core.tokens import api_token_create, api_token_revoke
from frontoffice.core.web import staff_view


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    redirect_authenticated_user = True


def _back(request, fallback="/"):
    target = request.POST.get("next") or request.META.get("HTTP_REFERER") or fallback
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = fallback
    return redirect(target)


@login_required
def home(request):
    # Whoever checks guests in starts the day at the front desk; reservations agents at availability.
    if request.user.has_perm("core.check_in") and request.user.has_perm("core.view_reservations"):
        return redirect("frontdesk:dashboard")
    if request.user.has_perm("core.view_rates"):
        return redirect("reservations:availability")
    if request.user.has_perm("core.view_reservations"):
        return redirect("reservations:list")
    return redirect("core:profile")


@require_POST
@login_required
def switch_property(request):
    code = request.POST.get("property", "")
    if not properties_for(request.user).filter(code=code).exists():
        return HttpResponseBadRequest(_("You do not work in that property."))
    request.session["property_code"] = code
    return _back(request)


@require_POST
def switch_language(request):
    lang = request.POST.get("language", "")
    if lang not in {"en", "es"}:
        return HttpResponseBadRequest(_("Unknown language."))
    request.session["ui_language"] = lang
    translation.activate(lang)
    if request.user.is_authenticated:
        UserProfile.objects.update_or_create(user=request.user, defaults={"language": lang})
    return _back(request)


@staff_view()
def profile(request):
    new_token = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            _token, new_token = api_token_create(
                user=request.user, name=request.POST.get("name", "").strip() or "token"
            )
            messages.success(request, _("Token created. Copy it now: it will not be shown again."))
        elif action == "revoke":
            try:
                api_token_revoke(user=request.user, token_id=int(request.POST.get("token", "0")))
            except ValueError:
                return HttpResponseBadRequest(_("Unknown token."))
            messages.success(request, _("Token revoked."))
            return redirect("core:profile")
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    groups = list(request.user.groups.values_list("name", flat=True))
    return render(
        request,
        "core/profile.html",
        {"tokens": tokens, "new_token": new_token, "roles": groups},
    )
