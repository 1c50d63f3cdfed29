import logging

from django.core.exceptions import ValidationError
from django.db import transaction

from portal.addresses import validate_not_an_address_word

from ..models import Organisation

logger = logging.getLogger(__name__)

ORGANISATION_FIELDS = ("code", "kind", "name_zh", "name_en", "is_active")


def _check_code(code):
    """The model's rule, also for callers that skip the form (commands, the shell)."""
    try:
        validate_not_an_address_word(code)
    except ValidationError as error:
        raise ValidationError({"code": error.error_list}) from None


@transaction.atomic
def create_organisation(*, actor, code, kind, name_zh, name_en="", is_active=True, regions=()):
    _check_code(code)
    organisation = Organisation.objects.create(
        code=code, kind=kind, name_zh=name_zh, name_en=name_en, is_active=is_active
    )
    organisation.regions.set(regions)
    logger.info("organisation %s created by %s", organisation.code, actor.username)
    return organisation


@transaction.atomic
def update_organisation(*, actor, organisation, regions=None, **fields):
    """Save only the fields that changed; returns the names of what changed."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    changed = [
        name
        for name in ORGANISATION_FIELDS
        if name in fields and getattr(organisation, name) != fields[name]
    ]
    if "code" in changed:
        _check_code(fields["code"])
    for name in changed:
        setattr(organisation, name, fields[name])
    if changed:
        organisation.save(update_fields=[*changed, "updated_at"])
    if regions is not None and set(organisation.regions.all()) != set(regions):
        organisation.regions.set(regions)
        changed.append("regions")
    if changed:
        logger.info("organisation %s changed by %s: %s", organisation.code, actor.username, changed)
    return changed
