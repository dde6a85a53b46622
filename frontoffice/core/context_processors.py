from frontoffice.core.access import properties_for


def current_property(request):
    """The property the signed-in user is working in, and the ones they may switch to."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    props = list(properties_for(user).only("code", "name"))
    code = request.session.get("property_code")
    current = next((p for p in props if p.code == code), props[0] if props else None)
    return {"current_property": current, "my_properties": props}
