"""The complaints' forms: the public's (public.py), staff intake (intake.py), the list's
filters (lists.py) and the handling steps (handling.py)."""


def show_refusal(form, refusal):
    """Put a service's ValidationError next to the fields it names on ``form`` (above the
    form for a field the form does not have, or for a refusal of the whole)."""
    if not hasattr(refusal, "error_dict"):
        form.add_error(None, refusal)
        return
    for field, errors in refusal.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
