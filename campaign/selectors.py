from django.db.models import Case, Count, FilteredRelation, Prefetch, Q, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from portal import access, lockout

from . import validation
from .models import (
    Campaign,
    Indicator,
    IndicatorValue,
    Organisation,
    ReportTransition,
    StatisticsReport,
    User,
)

# Rows a user may see, and fetch-and-check by URL: 404 for what the user may not see.


def campaigns_visible_to(user):
    """Every portal user sees the campaigns head office has opened; head office its drafts too."""
    return access.scoped_to(
        user, Campaign.objects.all(), owner=None, unpublished=Q(status=Campaign.Status.DRAFT)
    )


def reports_visible_to(user):
    """Head office sees every unit's report; a unit sees its own, whatever its status."""
    return access.scoped_to(
        user,
        StatisticsReport.objects.select_related("campaign", "organisation"),
        unpublished=Q(campaign__status=Campaign.Status.DRAFT),
    )


def organisations_manageable_by(user):
    if not access.may(user, "manage_organisations"):
        return Organisation.objects.none()
    # Head office itself is reference data, kept in the admin (OrganisationForm offers no
    # head-office kind): edited here, it could be deactivated with everyone in it.
    return Organisation.objects.exclude(kind=Organisation.Kind.HEAD_OFFICE)


def campaign_for_user(user, year):
    return get_object_or_404(campaigns_visible_to(user), year=year)


def campaign_for_manager(user, year):
    """The ``year`` campaign for head office's set-up pages: 404 when the user may not see
    it, 403 when they see it but may not manage campaigns."""
    campaign = campaign_for_user(user, year)
    access.require(user, "manage_campaigns", campaign)
    return campaign


def report_for_user(user, year, code):
    """The report of unit ``code`` in campaign ``year``, or 404 (also while none exists)."""
    return get_object_or_404(reports_visible_to(user), campaign__year=year, organisation__code=code)


def report_for_reviewer(user, year, code):
    """A unit's report as head office reviews it, or 404 for everyone else: the unit
    itself works on its report at its own form page."""
    if not access.may(user, "review_statistics"):
        raise Http404
    return report_for_user(user, year, code)


def organisation_for_manager(user, code):
    return get_object_or_404(organisations_manageable_by(user), code=code)


def current_campaign_for(user):
    """The campaign a user lands on: the latest open one, else the latest they may see."""
    campaigns = campaigns_visible_to(user)
    return (
        campaigns.filter(status=Campaign.Status.OPEN).order_by("-year").first()
        or campaigns.order_by("-year").first()
    )


def campaign_with_contacts(user, year):
    campaign = campaign_for_user(user, year)
    campaign.contact_list = list(campaign.contacts.all())
    return campaign


def organisation_search(user, *, query="", kind=""):
    organisations = organisations_manageable_by(user).prefetch_related("regions")
    if kind:
        organisations = organisations.filter(kind=kind)
    if query:
        organisations = organisations.filter(
            Q(code__icontains=query) | Q(name_zh__icontains=query) | Q(name_en__icontains=query)
        )
    return organisations.order_by("kind", "position", "code")


def statistics_form(report, *, values=None, complete=False):
    """Everything the unit's form page shows, in a fixed number of queries.

    ``values`` (code → value) replaces the stored values when checking, for input that
    has not been saved yet; ``complete`` checks as a submission does (empty is an error).
    """
    indicators = indicators_for(report)
    stored = values_of(report)
    findings = findings_for(report, values=stored if values is None else values, complete=complete)
    notes = {ack.key: ack.note for ack in report.acknowledgements.all()}
    last_return = (
        report.transitions.filter(action=ReportTransition.Action.RETURN)
        .prefetch_related("indicator_comments__indicator")
        .order_by("at", "id")
        .last()
    )
    pinned = (
        {c.indicator.code: c.text for c in last_return.indicator_comments.all()}
        if last_return and report.status == StatisticsReport.Status.RETURNED
        else {}
    )
    sections = []
    for indicator in indicators:
        if not sections or sections[-1]["section"].pk != indicator.section_id:
            sections.append({"section": indicator.section, "rows": []})
        sections[-1]["rows"].append(
            {
                "indicator": indicator,
                "findings": [f for f in findings if f.code == indicator.code],
                "comment": pinned.get(indicator.code, ""),
            }
        )
    return {
        "indicators": indicators,
        "stored_values": stored,
        "sections": sections,
        "findings": findings,
        "errors": [f for f in findings if f.is_error],
        "warnings": [f for f in findings if not f.is_error],
        "notes": notes,
        "last_return": last_return if report.status == StatisticsReport.Status.RETURNED else None,
        "attachments": list(report.attachments.select_related("uploaded_by")),
    }


def report_timeline(report):
    return list(
        report.transitions.select_related("actor__organisation").prefetch_related(
            "indicator_comments__indicator"
        )
    )


def value_history(report):
    """Every change of a value, newest first: (entry, old value, new value) as text."""
    entries = (
        IndicatorValue.history.filter(report_id=report.pk)
        .select_related("indicator", "history_user")
        .order_by("indicator_id", "history_date", "history_id")
    )
    changes, previous = [], {}
    for entry in entries:
        before = previous.get(entry.indicator_id)
        after = validation.format_value(entry.indicator, entry.value)
        previous[entry.indicator_id] = after
        changes.append((entry, before or "", after))
    changes.sort(key=lambda change: (change[0].history_date, change[0].history_id), reverse=True)
    return changes


# Head office's review (SPEC §2): every reporting unit of a campaign, then one report.

# Status filter values beyond the report statuses: no report yet, and submitted or resubmitted.
NOT_STARTED = "not_started"
AWAITING_REVIEW = "awaiting"


def _reporting_units(campaign):
    """Active bureaus, insurers and associations (and any unit with a report in ``campaign``),
    each joined to its report there as ``report`` (NULL when not started)."""
    return (
        Organisation.objects.filter(kind__in=Organisation.REPORTING_KINDS)
        .annotate(
            report=FilteredRelation(
                "statistics_reports", condition=Q(statistics_reports__campaign=campaign)
            )
        )
        .filter(Q(is_active=True) | Q(report__isnull=False))
    )


def review_table(user, campaign, *, kind="", status="", late=False, alerts=False, query=""):
    """The units of ``campaign`` as head office reviews them: awaiting review first, then
    bureaus, insurers and associations by code. Each unit carries ``campaign_reports``: its
    report in a one-item list, or an empty one when not started. A fixed number of queries."""
    if not access.may(user, "review_statistics"):
        return Organisation.objects.none()
    units = _reporting_units(campaign)
    if kind:
        units = units.filter(kind=kind)
    if status == NOT_STARTED:
        units = units.filter(report__isnull=True)
    elif status == AWAITING_REVIEW:
        units = units.filter(report__status__in=StatisticsReport.AWAITING_REVIEW)
    elif status:
        units = units.filter(report__status=status)
    if late:
        units = units.filter(report__is_late=True)
    if alerts:
        units = units.filter(report__has_alert=True)
    if query:
        units = units.filter(
            Q(code__icontains=query) | Q(name_zh__icontains=query) | Q(name_en__icontains=query)
        )
    awaiting_first = Case(
        When(report__status__in=StatisticsReport.AWAITING_REVIEW, then=Value(0)), default=Value(1)
    )
    kind_order = Case(
        *[When(kind=k, then=Value(i)) for i, k in enumerate(Organisation.REPORTING_KINDS)]
    )
    reports = (
        reports_visible_to(user).filter(campaign=campaign).select_related(None).defer("summary")
    )
    return units.prefetch_related(
        Prefetch("statistics_reports", queryset=reports, to_attr="campaign_reports")
    ).order_by(awaiting_first, kind_order, "position", "code")


def review_summary(user, campaign):
    """How far the campaign's units are, counted in the database: units, submitted at least
    once, and per stage (awaiting review, returned, approved, drafting, not started) — the
    stages add up to the units — plus late and alerting reports."""
    if not access.may(user, "review_statistics"):
        return {}
    Status = StatisticsReport.Status
    return _reporting_units(campaign).aggregate(
        units=Count("pk"),
        submitted=Count("pk", filter=Q(report__submitted_at__isnull=False)),
        awaiting=Count("pk", filter=Q(report__status__in=StatisticsReport.AWAITING_REVIEW)),
        returned=Count("pk", filter=Q(report__status=Status.RETURNED)),
        approved=Count("pk", filter=Q(report__status=Status.APPROVED)),
        drafting=Count("pk", filter=Q(report__status__in=(Status.DRAFT, Status.REOPENED))),
        not_started=Count("pk", filter=Q(report__isnull=True)),
        late=Count("pk", filter=Q(report__is_late=True)),
        alerts=Count("pk", filter=Q(report__has_alert=True)),
    )


def report_review(report):
    """Everything head office's review page shows of a report, in a fixed number of queries:
    values by section beside last campaign's, findings with the unit's notes, what changed
    since head office returned it, the timeline and the attachments."""
    indicators = indicators_for(report)
    values = values_of(report)
    previous = previous_values(report)
    findings = findings_for(report, values=values)
    notes = {ack.key: ack.note for ack in report.acknowledgements.all()}
    timeline = report_timeline(report)
    # Compare with the version head office returned, unless it approved and reopened since.
    handed_back = [
        step
        for step in timeline
        if step.action in (ReportTransition.Action.RETURN, ReportTransition.Action.REOPEN)
    ]
    last_return = (
        handed_back[-1]
        if handed_back and handed_back[-1].action == ReportTransition.Action.RETURN
        else None
    )
    changes = changes_since_return(report) if last_return else []
    returned_values = {indicator.code: before for indicator, before, _after in changes}
    sections = []
    for indicator in indicators:
        if not sections or sections[-1]["section"].pk != indicator.section_id:
            sections.append({"section": indicator.section, "rows": []})
        value, before = values.get(indicator.code), previous.get(indicator.code)
        sections[-1]["rows"].append(
            {
                "indicator": indicator,
                "value": validation.format_value(indicator, value),
                "previous": validation.format_value(indicator, before),
                "difference": _difference(indicator, value, before),
                "changed": indicator.code in returned_values,
                "returned_value": returned_values.get(indicator.code, ""),
                "findings": [f for f in findings if f.code == indicator.code],
            }
        )
    return {
        "indicators": indicators,
        "sections": sections,
        "has_previous": bool(previous),
        "errors": [f for f in findings if f.is_error],
        # Each warning with the unit's note on it ("" when it has none).
        "warnings": [(f, notes.get(f.key, "")) for f in findings if not f.is_error],
        "timeline": timeline,
        "last_return": last_return,
        "changes_since_return": changes,
        "attachments": list(report.attachments.all()),
    }


def _difference(indicator, value, before):
    """``value`` minus last campaign's, signed ("+5", "-3.50", "0"); empty when either is."""
    if value is None or before is None:
        return ""
    difference = value - before
    text = validation.format_value(indicator, abs(difference))
    return f"+{text}" if difference > 0 else f"-{text}" if difference < 0 else text


def campaign_table(campaign):
    """The campaign's statistics table for head office's editor, in three queries.

    Returns (sections, rules): each section with ``indicator_list`` in table order, each
    indicator with ``value_count`` (values entered for it, retired or not); each rule with
    ``check``, the rule in words ("E01 = E02 + E03 + E04 + E05").
    """
    sections = list(campaign.sections.order_by("position", "code"))
    by_pk = {section.pk: section for section in sections}
    for section in sections:
        section.indicator_list = []
    indicators = campaign.indicators.annotate(value_count=Count("values")).order_by(
        "section__position", "section__code", "position", "code"
    )
    for indicator in indicators:
        by_pk[indicator.section_id].indicator_list.append(indicator)
    rules = list(campaign.rules.order_by("position", "code"))
    for rule in rules:
        rule.check = rule_in_words(rule)
    return sections, rules


def rule_in_words(rule):
    operator = rule.Operator
    right = " + ".join(rule.right_codes)
    if rule.operator == operator.EQUALS_SUM:
        return f"{rule.left} = {right}"
    if rule.operator == operator.AT_MOST:
        return f"{rule.left} ≤ {right}"
    if rule.operator == operator.AT_LEAST:
        return f"{rule.left} ≥ {right}"
    if rule.operator == operator.ZERO_EXPECTED:
        return f"{rule.left} = 0"
    if rule.operator == operator.OUTLIER:
        return _("%(codes)s ≤ %(factor)s × the same unit's value last campaign") % {
            "codes": rule.left or _("every indicator"),
            "factor": f"{rule.factor.normalize():f}" if rule.factor is not None else "",
        }
    return rule.get_operator_display()


def indicator_for_editing(campaign, code):
    """The indicator ``code`` of the campaign's table with its ``value_count``, or 404."""
    return get_object_or_404(
        campaign.indicators.select_related("section").annotate(value_count=Count("values")),
        code=code,
    )


def latest_campaign_contacts(user):
    """The contacts of the latest campaign the user sees, as initial rows of a new campaign."""
    latest = campaigns_visible_to(user).order_by("-year").first()
    if latest is None:
        return []
    return [{"name": c.name, "phone": c.phone} for c in latest.contacts.all()]


# Reads of one report, shared by the pages, the services and the Excel files.


def indicators_for(report):
    """The indicators the report's unit fills, in table order."""
    return list(
        Indicator.objects.filter(
            Indicator.filter_for_kind(report.organisation.kind), campaign_id=report.campaign_id
        )
        .select_related("section")
        .order_by("section__position", "position", "code")
    )


def values_of(report):
    """Indicator code → stored value (None for empty)."""
    return dict(
        IndicatorValue.objects.filter(report=report).values_list("indicator__code", "value")
    )


def previous_values(report):
    """The same unit's values in its latest earlier campaign, by indicator code."""
    earlier = (
        StatisticsReport.objects.filter(
            organisation_id=report.organisation_id, campaign__year__lt=report.campaign.year
        )
        .order_by("-campaign__year")
        .first()
    )
    return values_of(earlier) if earlier else {}


def findings_for(report, *, values=None, complete=False):
    values = values_of(report) if values is None else values
    return validation.check_report(
        indicators_for(report),
        values,
        list(report.campaign.rules.all()),
        previous=previous_values(report),
        complete=complete,
    )


def changes_since_return(report):
    """[(indicator, value when returned, value now)] for values changed since the last return."""
    returned = (
        report.transitions.filter(action=ReportTransition.Action.RETURN).order_by("at", "id").last()
    )
    if returned is None:
        return []
    now = values_of(report)
    changes = []
    for indicator in indicators_for(report):
        before = returned.values.get(indicator.code, "")
        after = validation.format_value(indicator, now.get(indicator.code))
        if before != after:
            changes.append((indicator, before, after))
    return changes


# People (issue 6, item 7): the people list and an account's history.


def people_search(user, *, query="", organisation=None, role="", active=None):
    """The accounts ``user`` manages, filtered; ``active`` True/False/None (all)."""
    people = access.people_managed_by(user, User.objects.select_related("organisation"))
    if query:
        people = people.filter(
            Q(full_name__icontains=query) | Q(username__icontains=query) | Q(email__icontains=query)
        )
    if organisation is not None:
        people = people.filter(organisation=organisation)
    if role:
        people = people.filter(role=role)
    if active is not None:
        people = people.filter(is_active=active)
    return people.order_by(
        "organisation__kind", "organisation__position", "organisation__code", "username"
    )


def person_for_manager(user, username):
    """The account ``username`` if ``user`` manages it, else 404."""
    people = access.people_managed_by(user, User.objects.select_related("organisation"))
    return get_object_or_404(people, username=username)


def organisations_for_people(user, person=None):
    """The organisations ``user`` may put people in: active ones, and ``person``'s own."""
    organisations = Organisation.objects.filter(is_active=True)
    if person is not None and person.organisation_id:
        organisations = Organisation.objects.filter(
            Q(is_active=True) | Q(pk=person.organisation_id)
        )
    return access.organisations_staffed_by(user, organisations).order_by("kind", "position", "code")


def locked_out(people):
    """The usernames among ``people`` that the login lock-out blocks right now."""
    return lockout.locked_usernames(person.username for person in people)


PERSON_HISTORY_FIELDS = ("username", "full_name", "email", "phone", "organisation", "role")


def person_history(person):
    """The account's history, newest first: one dict per entry with ``at``, ``by`` (a user
    or None), ``created``, ``unlocked``, ``reason`` and ``changes`` ([(label, old, new)])."""
    records = list(person.history.select_related("history_user").order_by("history_date"))
    names = {
        o.pk: str(o)
        for o in Organisation.objects.filter(pk__in={r.organisation_id for r in records})
    }

    def shown(name, record):
        if name == "organisation":
            return names.get(record.organisation_id, "")
        if name == "role":
            return User.Role(record.role).label if record.role in User.Role else record.role
        if name == "is_active":
            return _("Active") if record.is_active else _("Inactive")
        return getattr(record, name)

    entries, previous = [], None
    for record in records:
        changes = []
        if previous is not None:
            for name in (*PERSON_HISTORY_FIELDS, "is_active"):
                old, new = shown(name, previous), shown(name, record)
                if old != new:
                    changes.append((User._meta.get_field(name).verbose_name, old, new))
        unlocked = record.history_change_reason == User.UNLOCKED and not changes
        entries.append(
            {
                "at": record.history_date,
                "by": record.history_user,
                "created": record.history_type == "+",
                "unlocked": unlocked,
                "reason": "" if unlocked else (record.history_change_reason or ""),
                "changes": changes,
            }
        )
        previous = record
    return entries[::-1]
