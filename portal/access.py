"""Who may do what to which object, and which rows they may see: the one place that answers it.

Views, selectors, templates (the ``may`` tag), the API and tasks ask here; nothing
re-derives a permission inline. The answers depend on the user, their organisation and
their role only, so this module imports no feature app: an object rule reads the
organisation that owns the object (``obj.organisation_id``), ``obj.is_published`` for what
head office prepares before anyone else sees it and, for a campaign's form, whether the
campaign expects the user's unit (``campaign.expects(organisation_id)``,
``report.unit_is_expected``); row scoping narrows the feature's own queryset. Whether an
object's workflow state allows a step is the feature's transition table's answer, not this
module's.

Fetch-and-check helpers built on ``scoped_to`` answer 404 for what the user may not see, so
another organisation's records are not even confirmed to exist; ``require`` answers 403
for a visible record the user may not change.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from .roles import REPORTING_KINDS, OrganisationKind, Role


def organisation_kind(user):
    """The kind of the user's organisation; None for anyone who may not work in the portal,
    including the people of an organisation head office has deactivated."""
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return None
    if not user.organisation.is_active:
        return None
    return user.organisation.kind


def is_portal_user(user):
    return organisation_kind(user) is not None


def is_head_office(user):
    """Head-office staff and reviewers (hotline seats belong to head office but only take calls)."""
    return organisation_kind(user) == OrganisationKind.HEAD_OFFICE and user.role != Role.HOTLINE


def is_head_office_reviewer(user):
    return is_head_office(user) and user.role == Role.REVIEWER


def is_reporting_unit_member(user):
    """Staff of a bureau, an insurer or the association: they fill in a statistics form."""
    return organisation_kind(user) in REPORTING_KINDS and user.role != Role.HOTLINE


def is_hotline_operator(user):
    """A 12378 seat: takes calls and registers complaints, and sees the ones it registered."""
    return organisation_kind(user) == OrganisationKind.HEAD_OFFICE and user.role == Role.HOTLINE


def _is_member_of(user, kind, organisation_id):
    return (
        organisation_kind(user) == kind
        and user.role != Role.HOTLINE
        and organisation_id == user.organisation_id
    )


def _register_complaints(user, obj=None):
    """The hotline takes calls, bureaus enter letters and visits, head office may do either."""
    return (
        is_hotline_operator(user)
        or is_head_office(user)
        or (organisation_kind(user) == OrganisationKind.BUREAU and user.role != Role.HOTLINE)
    )


def _handle_complaint(user, complaint):
    """The bureau a complaint is routed to accepts, forwards, mediates, closes, re-routes."""
    return _is_member_of(user, OrganisationKind.BUREAU, complaint.bureau_id)


def _answer_complaint(user, complaint):
    """The company complained about answers once the bureau has forwarded it."""
    return (
        _is_member_of(user, OrganisationKind.INSURER, complaint.company_id)
        and complaint.forwarded_at is not None
    )


def _record_claim_timeline(user, complaint):
    """The claim's dates: the company complained about records them once the complaint is
    forwarded to it, the handling bureau too (when it checks them)."""
    return _handle_complaint(user, complaint) or _answer_complaint(user, complaint)


def _view_complaint(user, complaint=None):
    """Without ``complaint``: whether the user has complaints to see at all (the list)."""
    if complaint is None:
        return organisation_kind(user) in (
            OrganisationKind.HEAD_OFFICE,
            OrganisationKind.BUREAU,
            OrganisationKind.INSURER,
        )
    return (
        is_head_office(user)
        or _handle_complaint(user, complaint)
        or _answer_complaint(user, complaint)
        or (is_hotline_operator(user) and complaint.registered_by_id == user.pk)
    )


def _take_calls(user, obj=None):
    """A 12378 seat: its home is the call form, with the complaints it registered."""
    return is_hotline_operator(user)


def _incidents(user, complaint=None):
    """Head office follows every incident; a bureau records the steps of its own."""
    if complaint is None:
        return is_head_office(user) or organisation_kind(user) == OrganisationKind.BUREAU
    return is_head_office(user) or _handle_complaint(user, complaint)


def _draft_commitments(user, commitment=None):
    """A company's staff draft, publish, amend and withdraw its own commitments."""
    if commitment is None:
        return organisation_kind(user) == OrganisationKind.INSURER and user.role != Role.HOTLINE
    return _is_member_of(user, OrganisationKind.INSURER, commitment.organisation_id)


def _comment_on_commitment(user, commitment=None):
    """A bureau comments on the commitments that apply in its region: nationwide, its own
    region's and, for a city's bureau (大连), its province's; without ``commitment``, whether
    the user comments on any (a bureau's review list)."""
    if organisation_kind(user) != OrganisationKind.BUREAU or user.role == Role.HOTLINE:
        return False
    return (
        commitment is None
        or commitment.region_id is None
        or user.organisation.regions.filter(
            Q(pk=commitment.region_id) | Q(parent_id=commitment.region_id)
        ).exists()
    )


def _follow_commitment(user, commitment):
    """Its company, head office and the bureaus that may comment read a commitment's steps
    and remarks; other companies and the public read only what was published."""
    return (
        _draft_commitments(user, commitment)
        or is_head_office(user)
        or _comment_on_commitment(user, commitment)
    )


def commitments_commented_on_by(user, commitments):
    """Narrow ``commitments`` to those ``user`` may comment on: for a bureau, those that apply
    nationwide, in a region it covers or in the province of a city it covers; none for anyone
    else."""
    if not _comment_on_commitment(user):
        return commitments.none()
    return commitments_applying_in_regions_of(user.organisation, commitments)


def commitments_applying_in_regions_of(bureau, commitments):
    """Narrow ``commitments`` to those that apply where ``bureau`` supervises: nationwide, in
    a region it covers, or in the province of a city it covers (subqueries: no query of its
    own)."""
    regions = bureau.regions
    return commitments.filter(
        Q(region__isnull=True)
        | Q(region__in=regions.values("pk"))
        | Q(region__in=regions.filter(parent__isnull=False).values("parent"))
    )


def commitments_scoped_to(user, commitments):
    """Narrow ``commitments`` (a queryset) to those ``user`` may read: head office every one,
    a company its own drafts too, everyone else (the public included) what has been
    published, whether still current, superseded or withdrawn."""
    if is_head_office(user):
        return commitments
    public = ~Q(status="draft")
    if organisation_kind(user) == OrganisationKind.INSURER and user.role != Role.HOTLINE:
        return commitments.filter(public | Q(company_id=user.organisation_id))
    return commitments.filter(public)


def _record_activities(user, obj=None):
    """A reporting unit logs its own campaign events and media reports; without ``obj``,
    whether the user logs any."""
    return is_reporting_unit_member(user) and (
        obj is None or obj.organisation_id == user.organisation_id
    )


def _view_activities(user, obj=None):
    """Head office follows every unit's events (the national calendar); a unit its own."""
    return is_head_office(user) or _record_activities(user, obj)


def _list_exemplars(user, exemplar=None):
    """A bureau or the association drafts and publishes 双十佳 lists, each its own entries."""
    if (
        organisation_kind(user)
        not in (
            OrganisationKind.BUREAU,
            OrganisationKind.ASSOCIATION,
        )
        or user.role == Role.HOTLINE
    ):
        return False
    return exemplar is None or exemplar.organisation_id == user.organisation_id


def exemplar_regions_for(user, regions):
    """Narrow ``regions`` to those whose 双十佳 list ``user`` may add to: a bureau the regions
    it covers, the association any region, anyone else none."""
    kind = organisation_kind(user)
    if kind == OrganisationKind.BUREAU and _list_exemplars(user):
        return regions.filter(pk__in=user.organisation.regions.values("pk"))
    if kind == OrganisationKind.ASSOCIATION and _list_exemplars(user):
        return regions
    return regions.none()


def _publish_articles(user, article=None):
    """Head office and the association write and publish knowledge articles; each changes its
    own, head office any."""
    if is_head_office(user):
        return True
    if article is None:
        return organisation_kind(user) == OrganisationKind.ASSOCIATION and user.role != Role.HOTLINE
    return _is_member_of(user, OrganisationKind.ASSOCIATION, article.organisation_id)


def _published_for(user, obj):
    return obj is None or obj.is_published or is_head_office(user)


def _view_published(user, obj=None):
    return is_portal_user(user) and _published_for(user, obj)


def _head_office_only(user, obj=None):
    return is_head_office(user)


def _reviewer_only(user, obj=None):
    # Whether the object's state allows the step now is the workflow's answer, shown as a
    # message (a colleague may have decided first).
    return is_head_office_reviewer(user)


def _reporting_unit(user, obj=None):
    return is_reporting_unit_member(user) and _published_for(user, obj)


def _own_unit(user, obj):
    return is_reporting_unit_member(user) and obj.organisation_id == user.organisation_id


def _fill_statistics(user, campaign=None):
    """A reporting unit fills in the form of a campaign that expects a report from it (head
    office keeps each campaign's list); without ``campaign``, whether it fills in forms at all."""
    return _reporting_unit(user, campaign) and (
        campaign is None or campaign.expects(user.organisation_id)
    )


def _edit_report(user, report):
    """Its own unit changes a report while the campaign expects the unit: a unit taken off
    the list keeps its report, which head office still sees, but no longer changes it."""
    return _own_unit(user, report) and report.unit_is_expected


def _dashboard(user, campaign=None):
    """Head office sees the national dashboard; a reporting unit its own figures beside the
    national average of its kind."""
    return (is_head_office(user) or is_reporting_unit_member(user)) and _published_for(
        user, campaign
    )


def is_organisation_admin(user):
    """An organisation's administrator: manages the accounts of their own organisation."""
    return is_portal_user(user) and user.role == Role.ADMIN


def _manage_people(user, person=None):
    """Head office manages every account, an administrator their own organisation's; without
    ``person``, whether the user may open the people pages at all."""
    if person is not None and _is_admin_site_account(person) and not user.is_superuser:
        return False
    if is_head_office(user):
        return True
    return is_organisation_admin(user) and (
        person is None or person.organisation_id == user.organisation_id
    )


def _is_admin_site_account(person):
    # Whoever could change its e-mail could reset its password and have the admin site,
    # which bypasses every rule here: such accounts are the superusers' to manage.
    return person.is_staff or person.is_superuser


RULES = {
    "view_campaign": _view_published,
    "manage_campaigns": _head_office_only,
    "manage_organisations": _head_office_only,
    "fill_statistics": _fill_statistics,
    "edit_report": _edit_report,
    "review_statistics": _head_office_only,
    "decide_on_reports": _reviewer_only,
    # /healthz/'s details (worker hosts, database vendor, broker error) are head office's.
    "see_health_details": _head_office_only,
    # The national report: its builds, files and summary, and the reminders to units.
    "national_report": _head_office_only,
    "send_reminders": _head_office_only,
    "view_dashboard": _dashboard,
    "manage_people": _manage_people,
    # Complaints (12378). Everyone who may see a complaint may also see its personal data
    # unmasked, one logged view at a time: the bureau and the company need it to call back.
    "register_complaint": _register_complaints,
    "take_calls": _take_calls,
    "view_complaint": _view_complaint,
    "see_personal_data": _view_complaint,
    "handle_complaint": _handle_complaint,
    "answer_complaint": _answer_complaint,
    "record_claim_timeline": _record_claim_timeline,
    "follow_incidents": _incidents,
    "draft_commitments": _draft_commitments,
    "comment_on_commitment": _comment_on_commitment,
    "follow_commitment": _follow_commitment,
    "flag_commitment": _head_office_only,
    # Campaign work: events and media reports, 双十佳 lists, knowledge articles.
    "record_activities": _record_activities,
    "view_activities": _view_activities,
    "list_exemplars": _list_exemplars,
    "publish_articles": _publish_articles,
}


def may(user, action, obj=None):
    """True when ``user`` may perform ``action`` (a key of RULES) on ``obj``."""
    return RULES[action](user, obj)


def require(user, action, obj=None):
    """Raise PermissionDenied (403) unless ``user`` may do ``action``: for visible objects."""
    if not may(user, action, obj):
        raise PermissionDenied


def scoped_to(user, queryset, *, owner="organisation", unpublished=None):
    """The rows of ``queryset`` that ``user`` may see.

    Head office sees every row. Any other portal user sees the rows its own organisation
    owns (``owner``: the name, or names, of the foreign keys to the owning organisation;
    None for rows every portal user shares, such as campaigns), less those that
    ``unpublished`` (a Q) marks as head office's alone for now. Anyone else sees none.
    """
    if is_head_office(user):
        return queryset
    if not is_portal_user(user):
        return queryset.none()
    if unpublished is not None:
        queryset = queryset.exclude(unpublished)
    if owner is None:
        return queryset
    owners = (owner,) if isinstance(owner, str) else owner
    owned = Q()
    for field in owners:
        owned |= Q(**{f"{field}_id": user.organisation_id})
    return queryset.filter(owned)


def complaints_scoped_to(user, complaints):
    """Narrow ``complaints`` (a queryset) to those ``user`` may see: head office all, a bureau
    those routed to it, a company those forwarded to it, a hotline seat those it registered."""
    if is_head_office(user):
        return complaints
    if is_hotline_operator(user):
        return complaints.filter(registered_by_id=user.pk)
    kind = organisation_kind(user)
    if kind is None or user.role == Role.HOTLINE:
        # The hotline role anywhere but head office has no complaint work (_view_complaint).
        return complaints.none()
    if kind == OrganisationKind.BUREAU:
        return complaints.filter(bureau_id=user.organisation_id)
    if kind == OrganisationKind.INSURER:
        return complaints.filter(company_id=user.organisation_id, forwarded_at__isnull=False)
    return complaints.none()


def people_managed_by(user, people):
    """Narrow ``people`` (a queryset of users) to the accounts ``user`` manages."""
    if not may(user, "manage_people"):
        return people.none()
    if not user.is_superuser:
        people = people.exclude(Q(is_staff=True) | Q(is_superuser=True))
    return scoped_to(user, people)


def roles_grantable_by(user):
    """The roles ``user`` may give: reviewers and hotline seats are head office's to appoint."""
    if is_head_office(user):
        return list(Role)
    if is_organisation_admin(user):
        return [Role.STAFF, Role.ADMIN]
    return []


def organisations_staffed_by(user, organisations):
    """Narrow ``organisations`` to those ``user`` may add people to or move people into."""
    if is_head_office(user):
        return organisations
    if is_organisation_admin(user):
        return organisations.filter(pk=user.organisation_id)
    return organisations.none()
