"""Fictitious data for trying the portal out: insurers, users and two campaigns.

- **2013**, as the notice set it up (保监厅发〔2013〕11号): closed, every reporting unit
  reported and was approved (a few late, two after a return), dated in 2013.
- **The current campaign**, the year whose 10 April is the next one on or after today: open,
  its table and its list of units copied from 2013, about a third of the units under way,
  `beijing` left empty, Shanghai and one insurer reporting an incident (E10–E12). One demo
  insurer, licensed "this year", is not on its list yet: head office adds it on the
  campaign's page of units expected to report.
- **Campaign work**: a few units' events, media reports and 双十佳 lists in both campaigns,
  and the knowledge articles.

Reference data (bureaus, head office, the association) comes from migrations; this module
only adds what is made up, and can run any number of times: what exists is left as it is.
Every step goes through the services, so the history and the transitions are real ones.
"""

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from ..models import Organisation, User
from .activities import (
    EXEMPLAR_REGIONS_CURRENT,
    MEDIA_REPORT_UNITS,
    seed_exemplars,
    seed_media_reports,
)
from .articles import seed_articles
from .clock import BEIJING, dated
from .statistics import current_campaign_year, seed_2013, seed_current
from .units import (
    DEMO_INSURERS,
    HOTLINE_USERNAME,
    NEWLY_LICENSED,
    ensure_user,
    role_for,
    users_by_code,
)


@transaction.atomic
def seed_demo(*, password):
    """Create what is missing; returns [(user, created)]."""
    for code, name_zh, name_en in DEMO_INSURERS:
        Organisation.objects.get_or_create(
            code=code,
            defaults={"kind": Organisation.Kind.INSURER, "name_zh": name_zh, "name_en": name_en},
        )
    # One hash for all demo accounts: hashing is deliberately slow, and they share a password.
    password_hash = make_password(password)
    accounts = []
    organisations = (
        Organisation.objects.filter(is_active=True)
        .exclude(code=NEWLY_LICENSED[0])
        .order_by("kind", "code")
    )
    for index, organisation in enumerate(organisations):
        role = role_for(organisation)
        accounts.append(ensure_user(organisation.code, organisation, role, password_hash, index))
    head_office = Organisation.objects.get(kind=Organisation.Kind.HEAD_OFFICE)
    accounts.append(
        ensure_user(HOTLINE_USERNAME, head_office, User.Role.HOTLINE, password_hash, len(accounts))
    )

    campaign_2013 = seed_2013()
    current = seed_current(campaign_2013, current_campaign_year(timezone.localdate()))
    if current.is_open:
        users = users_by_code()
        seed_exemplars(current, users, EXEMPLAR_REGIONS_CURRENT)
        seed_media_reports(current, users, MEDIA_REPORT_UNITS, timezone.localdate())
    seed_articles()

    code, name_zh, name_en = NEWLY_LICENSED
    newcomer, _created = Organisation.objects.get_or_create(
        code=code,
        defaults={"kind": Organisation.Kind.INSURER, "name_zh": name_zh, "name_en": name_en},
    )
    role = role_for(newcomer)
    accounts.append(ensure_user(code, newcomer, role, password_hash, len(accounts)))
    return accounts


# What the other apps' demo data builds on.
__all__ = [
    "BEIJING",
    "DEMO_INSURERS",
    "HOTLINE_USERNAME",
    "current_campaign_year",
    "dated",
    "seed_demo",
]
