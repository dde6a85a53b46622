"""Shift hand-over log and procedures (pages).

Everyone working at the property writes and reads the hand-over log and reads and acknowledges
the procedures; the manager writes them and sees who has not acknowledged the current version.
Every action is a plain form POST followed by a redirect, so the pages work without JavaScript.
"""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from frontoffice.core.domain.errors import DomainError
from frontoffice.core.web import show_error
from frontoffice.reservations.views import desk_view
from frontoffice.staff.handover import (
    BODY_LIMIT,
    CODE_LIMIT,
    NOTE_LIMIT,
    PROCEDURE_PERMISSION,
    TITLE_LIMIT,
    handover_mark_read,
    handover_note_get,
    handover_note_write,
    handover_notes,
    handover_unread_count,
    in_language,
    procedure_acknowledge,
    procedure_detail,
    procedure_get,
    procedure_list,
    procedure_write,
    shift_choices,
)


def _add_domain_errors(form: forms.Form, exc: DomainError) -> None:
    for err in exc.errors or []:
        name = err.get("field")
        if name in form.fields:
            form.add_error(name, err.get("message") or exc.detail)


# --- hand-over log ---------------------------------------------------------------------------


class NoteForm(forms.Form):
    shift = forms.ChoiceField(label=gettext_lazy("Shift"), required=False)
    text = forms.CharField(
        label=gettext_lazy("Note for the next shift"),
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    important = forms.BooleanField(label=gettext_lazy("Important"), required=False)

    def __init__(self, *args, shifts: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shift"].choices = [("", "—"), *shifts]


@require_http_methods(["GET", "POST"])
@desk_view()
def handover(request):
    prop = request.property
    shifts = shift_choices(property=prop)
    status = 200
    if request.method == "POST":
        form = NoteForm(request.POST, shifts=shifts)
        if form.is_valid():
            try:
                handover_note_write(property=prop, actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                show_error(request, exc)
                _add_domain_errors(form, exc)
                status = exc.status
            else:
                messages.success(request, _("Note added to the hand-over log."))
                return redirect("staff:handover")
        else:
            status = 422
    else:
        form = NoteForm(shifts=shifts)
    context = {
        "form": form,
        "notes": handover_notes(property=prop, user=request.user, shifts=dict(shifts)),
        "unread": handover_unread_count(property=prop, user=request.user),
    }
    return render(request, "staff/handover/log.html", context, status=status)


@require_POST
@desk_view()
def handover_read(request, pk: int):
    note = handover_note_get(property=request.property, pk=pk)
    if note is None:
        raise Http404(_("No such note."))
    try:
        handover_mark_read(note=note, actor=request.user)
    except DomainError as exc:
        show_error(request, exc)
    return redirect(f"{reverse('staff:handover')}#note-{note.pk}")


# --- procedures ------------------------------------------------------------------------------


class ProcedureForm(forms.Form):
    code = forms.SlugField(
        label=gettext_lazy("Code"),
        max_length=CODE_LIMIT,
        help_text=gettext_lazy("Short id in the address, e.g. cash-handling"),
    )
    title_es = forms.CharField(label=gettext_lazy("Title (Spanish)"), max_length=TITLE_LIMIT)
    body_es = forms.CharField(
        label=gettext_lazy("Text (Spanish)"), max_length=BODY_LIMIT, widget=forms.Textarea(attrs={"rows": 12})
    )
    title_en = forms.CharField(label=gettext_lazy("Title (English)"), max_length=TITLE_LIMIT)
    body_en = forms.CharField(
        label=gettext_lazy("Text (English)"), max_length=BODY_LIMIT, widget=forms.Textarea(attrs={"rows": 12})
    )


def _is_manager(user) -> bool:
    return bool(user.has_perm(PROCEDURE_PERMISSION))


def _language() -> str:
    return "es" if (get_language() or "").lower().startswith("es") else "en"


@desk_view()
def procedures(request):
    manager = _is_manager(request.user)
    language = _language()
    rows = procedure_list(property=request.property, user=request.user, with_missing=manager)
    for row in rows:
        row.title = in_language(row.current, language)["title"]
    return render(request, "staff/procedures/list.html", {"rows": rows, "manager": manager})


def _procedure_or_404(request, code: str):
    procedure = procedure_get(property=request.property, code=code)
    if procedure is None:
        raise Http404(_("No such procedure."))
    return procedure


@desk_view()
def procedure(request, code: str):
    manager = _is_manager(request.user)
    detail = procedure_detail(procedure=_procedure_or_404(request, code), user=request.user, with_missing=manager)
    if detail is None:
        raise Http404(_("No such procedure."))
    language = _language()
    other = "en" if language == "es" else "es"
    context = {
        "detail": detail,
        "manager": manager,
        "text": in_language(detail.current, language),
        "other": in_language(detail.current, other),
        "show_other": request.GET.get("lang") == other,
    }
    return render(request, "staff/procedures/detail.html", context)


@require_POST
@desk_view()
def procedure_ack(request, code: str):
    procedure = _procedure_or_404(request, code)
    version = procedure.versions.filter(number=request.POST.get("version") or 0).first()
    if version is None:
        messages.error(request, _("No such version of this procedure."))
        return redirect("staff:procedure", code=procedure.code)
    try:
        procedure_acknowledge(version=version, actor=request.user)
    except DomainError as exc:
        show_error(request, exc)
    else:
        messages.success(request, _("You have read and accepted this procedure."))
    if request.POST.get("next") == "list":
        return redirect("staff:procedures")
    return redirect("staff:procedure", code=procedure.code)


def _write(request, procedure=None):
    """The procedure form: empty for a new one; for a new version, prefilled from the current one
    and with the code fixed (a procedure keeps its code from version to version)."""
    initial = {}
    if procedure is not None:
        initial["code"] = procedure.code
        current = procedure.versions.order_by("-number").first()
        if current is not None:
            initial.update(
                title_es=current.title_es, title_en=current.title_en, body_es=current.body_es, body_en=current.body_en
            )
    form = ProcedureForm(request.POST if request.method == "POST" else None, initial=initial)
    if procedure is not None:
        form.fields["code"].disabled = True
    status = 200
    if form.is_bound:
        if form.is_valid():
            try:
                version = procedure_write(property=request.property, actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                show_error(request, exc)
                _add_domain_errors(form, exc)
                status = exc.status
            else:
                messages.success(
                    request,
                    _("Version %(number)d of the procedure saved; everybody has to accept it again.")
                    % {"number": version.number},
                )
                return redirect("staff:procedure", code=version.procedure.code)
        else:
            status = 422
    return render(request, "staff/procedures/edit.html", {"form": form, "procedure": procedure}, status=status)


@require_http_methods(["GET", "POST"])
@desk_view(PROCEDURE_PERMISSION)
def procedure_new(request):
    return _write(request)


@require_http_methods(["GET", "POST"])
@desk_view(PROCEDURE_PERMISSION)
def procedure_edit(request, code: str):
    return _write(request, _procedure_or_404(request, code))


urlpatterns: list = [
    path("staff/handover/", handover, name="handover"),
    path("staff/handover/<int:pk>/read/", handover_read, name="handover_read"),
    path("staff/procedures/", procedures, name="procedures"),
    path("staff/procedures/new/", procedure_new, name="procedure_new"),
    path("staff/procedures/<slug:code>/", procedure, name="procedure"),
    path("staff/procedures/<slug:code>/edit/", procedure_edit, name="procedure_edit"),
    path("staff/procedures/<slug:code>/acknowledge/", procedure_ack, name="procedure_ack"),
]
