"""People: creating, editing, deactivating, re-activating and unlocking accounts.

Who may call these for whom is portal.access's answer (``manage_people``); what an account
may be is decided here. Every function takes the acting user, runs in one transaction,
records the actor in the account's history and sends e-mail only once the change is saved.
"""

import logging
import secrets
import smtplib

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from portal import lockout

from ..models import Organisation, User

logger = logging.getLogger(__name__)

Role = User.Role

# Reviewers and hotline seats work at head office; a reporting unit has staff and administrators.
ROLES_BY_KIND = {
    Organisation.Kind.HEAD_OFFICE: tuple(Role),
    **{kind: (Role.STAFF, Role.ADMIN) for kind in Organisation.REPORTING_KINDS},
}

PERSON_FIELDS = ("full_name", "email", "phone", "organisation", "role")


class PersonError(Exception):
    """The change is refused; ``str()`` is the user's message, ``field`` the form field it
    belongs to (None for the whole form)."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def check_role(*, organisation, role):
    """Raise PersonError unless an account of ``organisation`` may have ``role``."""
    if role not in ROLES_BY_KIND.get(organisation.kind, ()):
        raise PersonError(
            _("%(role)s is a head-office role: %(organisation)s cannot have one.")
            % {"role": Role(role).label, "organisation": organisation},
            field="role",
        )


def create_person(*, actor, **fields):
    """Create an active account, then e-mail its owner a link to set a password. Nobody, the
    administrator included, ever knows the account's first password. Returns the person and
    whether the e-mail went: the account stands either way, and "Forgotten your password?"
    sends a link later."""
    person = _create_account(actor=actor, **fields)
    return person, send_set_password_email(person)


@transaction.atomic
def _create_account(*, actor, username, full_name, email, organisation, role, phone=""):
    check_role(organisation=organisation, role=role)
    if User.objects.filter(username__iexact=username).exists():
        raise PersonError(_("This login name is already taken."), field="username")
    if not email:
        raise PersonError(_("An e-mail address is needed to send the password link."), "email")
    person = User(
        username=username,
        full_name=full_name,
        email=User.objects.normalize_email(email),
        phone=phone,
        organisation=organisation,
        role=role,
    )
    # Usable but unknown, so that "Forgotten your password?" also works for a new account.
    person.set_password(secrets.token_urlsafe(32))
    person._history_user = actor
    person.save()
    logger.info(
        "account %s (%s, %s) created by %s", username, organisation.code, role, actor.username
    )
    return person


@transaction.atomic
def update_person(*, actor, person, **fields):
    """Save only what changed (of PERSON_FIELDS); returns the names of the changed fields."""
    person = User.objects.select_for_update().get(pk=person.pk)
    if "email" in fields:
        fields["email"] = User.objects.normalize_email(fields["email"])
    changed = [
        name for name in PERSON_FIELDS if name in fields and getattr(person, name) != fields[name]
    ]
    if not changed:
        return []
    check_role(
        organisation=fields.get("organisation", person.organisation),
        role=fields.get("role", person.role),
    )
    if not fields.get("email", person.email):
        raise PersonError(_("An e-mail address is needed to send the password link."), "email")
    if {"organisation", "role"} & set(changed):
        _keep_a_head_office_administrator(
            person,
            _(
                "%(name)s is head office's last active administrator: make someone else an "
                "administrator of head office before changing their role or organisation."
            ),
        )
    for name in changed:
        setattr(person, name, fields[name])
    person._history_user = actor
    person.save(update_fields=changed)
    logger.info("account %s changed by %s: %s", person.username, actor.username, changed)
    return changed


@transaction.atomic
def deactivate_person(*, actor, person, reason=""):
    """The person can no longer log in (their open sessions end at their next request).
    Returns False when the account was already inactive."""
    person = User.objects.select_for_update().get(pk=person.pk)
    if not person.is_active:
        return False
    if person.pk == actor.pk:
        raise PersonError(_("You cannot deactivate your own account."))
    _keep_a_head_office_administrator(
        person,
        _(
            "%(name)s is head office's last active administrator and cannot be deactivated: "
            "head office must always have one. Make someone else an administrator first."
        ),
    )
    return _set_active(actor, person, False, reason)


@transaction.atomic
def activate_person(*, actor, person, reason=""):
    """The person may log in again. Returns False when the account was already active."""
    person = User.objects.select_for_update().get(pk=person.pk)
    if person.is_active:
        return False
    return _set_active(actor, person, True, reason)


@transaction.atomic
def unlock_person(*, actor, person):
    """Lift the login lock-out of ``person`` (axes' own reset), recorded in their history.
    Returns False when there was nothing to lift."""
    if not lockout.unlock(person.username):
        return False
    User.history.bulk_history_create(
        [person], update=True, default_user=actor, default_change_reason=User.UNLOCKED
    )
    logger.info("account %s unlocked by %s", person.username, actor.username)
    return True


def send_set_password_email(person):
    """E-mail a new account's owner the link that lets them choose a password; the link is
    Django's password-reset token, valid for PASSWORD_RESET_TIMEOUT and used once. Returns
    False, having logged why, when the mail server refused or did not answer."""
    protocol, _sep, domain = settings.PORTAL_URL.partition("://")
    context = {
        "email": person.email,
        "domain": domain,
        "protocol": protocol,
        "uid": urlsafe_base64_encode(force_bytes(person.pk)),
        "user": person,
        "token": default_token_generator.make_token(person),
        "valid_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
    }
    # In the portal's language, whatever language the administrator works in.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("registration/account_created_subject.txt", context)
        body = render_to_string("registration/account_created_email.txt", context)
    # Not PasswordResetForm.send_mail: it logs a failure and returns as if the mail went.
    try:
        send_mail("".join(subject.splitlines()), body, None, [person.email])
    except (smtplib.SMTPException, OSError):
        logger.exception("the set-password e-mail to account %s was not sent", person.username)
        return False
    return True


def _set_active(actor, person, active, reason):
    person.is_active = active
    person._history_user = actor
    person._change_reason = reason[:100]
    person.save(update_fields=["is_active"])
    logger.info(
        "account %s %s by %s",
        person.username,
        "activated" if active else "deactivated",
        actor.username,
    )
    return True


def _keep_a_head_office_administrator(person, message):
    """Refuse (with ``message``) a change that would leave head office without an active
    administrator, the person answerable for the portal's accounts."""
    if not (
        person.is_active
        and person.role == Role.ADMIN
        and person.organisation_id is not None
        and person.organisation.is_head_office
    ):
        return
    # Two such changes at once would each count the other administrator as staying: one
    # waits here for the other to commit, then counts again.
    Organisation.objects.select_for_update().get(pk=person.organisation_id)
    others = User.objects.filter(
        organisation_id=person.organisation_id, role=Role.ADMIN, is_active=True
    ).exclude(pk=person.pk)
    if not others.exists():
        raise PersonError(message % {"name": person})
