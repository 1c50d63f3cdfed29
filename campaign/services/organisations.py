import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

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


def check_regions(*, kind, regions, is_active, organisation=None):
    """ValidationError on ``regions`` unless they suit an organisation of ``kind``: a regional
    bureau covers at least one province or city, and no region already covered by another
    active bureau; other kinds cover none. ``organisation`` is the one being changed."""
    is_bureau = kind == Organisation.Kind.BUREAU
    if is_bureau and not regions:
        raise ValidationError(
            {"regions": _("A regional bureau must cover at least one province or city.")}
        )
    if not is_bureau and regions:
        raise ValidationError({"regions": _("Only a regional bureau covers regions.")})
    if is_bureau and is_active:
        taken = (
            Organisation.objects.filter(
                kind=Organisation.Kind.BUREAU, is_active=True, regions__in=regions
            )
            .exclude(pk=organisation.pk if organisation else None)
            .distinct()
        )
        if taken:
            raise ValidationError(
                {
                    "regions": _("Already covered by %(names)s.")
                    % {"names": "、".join(str(o) for o in taken)}
                }
            )


@transaction.atomic
def create_organisation(*, actor, code, kind, name_zh, name_en="", is_active=True, regions=()):
    """Create an organisation; ValidationError (by field) when its code or regions break a
    rule."""
    _check_code(code)
    check_regions(kind=kind, regions=regions, is_active=is_active)
    organisation = Organisation(
        code=code, kind=kind, name_zh=name_zh, name_en=name_en, is_active=is_active
    )
    organisation._history_user = actor
    organisation.save()
    organisation.regions.set(regions)
    logger.info("organisation %s created by %s", organisation.code, actor.username)
    return organisation


@transaction.atomic
def update_organisation(*, actor, organisation, regions=None, **fields):
    """Save only the fields that changed; returns the names of what changed. ValidationError
    (by field) when the organisation's regions would break a rule; nothing is saved then."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    check_regions(
        kind=fields.get("kind", organisation.kind),
        regions=list(organisation.regions.all()) if regions is None else regions,
        is_active=fields.get("is_active", organisation.is_active),
        organisation=organisation,
    )
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
        organisation._history_user = actor
        organisation.save(update_fields=[*changed, "updated_at"])
    if regions is not None and set(organisation.regions.all()) != set(regions):
        organisation.regions.set(regions)
        changed.append("regions")
    if changed:
        logger.info("organisation %s changed by %s: %s", organisation.code, actor.username, changed)
    return changed
