"""The workflow services called directly: every step of TRANSITIONS from its states, refused
from the others, refused to the wrong party; the clock each step leaves behind."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from complaints.models import Complaint, ComplaintTransition
from complaints.services import workflow
from tests.factories import complaint as register_complaint

Status = Complaint.Status

# 2013-04-03 is the Wednesday before 清明 (4–6 April off, Sunday 7 April worked).
BEFORE_QINGMING = datetime.datetime(2013, 4, 3, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def complaint(bureau_a, company_x):
    return register_complaint(company=company_x.organisation, province="北京")


def forwarded(complaint, bureau_a, complexity="simple"):
    complaint = workflow.accept_complaint(actor=bureau_a, complaint=complaint)
    return workflow.forward_complaint(actor=bureau_a, complaint=complaint, complexity=complexity)


def test_the_full_path_records_every_step_with_its_actor(complaint, bureau_a, company_x):
    complaint = forwarded(complaint, bureau_a)
    complaint = workflow.answer_complaint(actor=company_x, complaint=complaint, note="已赔付。")
    complaint = workflow.start_mediation(actor=bureau_a, complaint=complaint, note="不同意。")
    complaint = workflow.close_complaint(
        actor=bureau_a, complaint=complaint, resolved=True, consumer_satisfied=True
    )
    complaint = workflow.reopen_complaint(actor=bureau_a, complaint=complaint, note="再核实。")
    assert complaint.status == Status.REOPENED
    assert complaint.outcome == ""
    steps = list(complaint.transitions.values_list("action", "to_status", "actor__username"))
    assert steps == [
        ("register", "registered", None),
        ("accept", "accepted", "beijing"),
        ("forward", "forwarded", "beijing"),
        ("answer", "answered", "demo-life"),
        ("mediate", "mediation", "beijing"),
        ("close", "closed", "beijing"),
        ("reopen", "reopened", "beijing"),
    ]


def _services(other):
    """Each step's service function with valid input, ``other`` a second complaint."""
    return {
        "request_material": (workflow.request_material, {"note": "请补充。"}),
        "receive_material": (workflow.receive_material, {}),
        "accept": (workflow.accept_complaint, {}),
        "refuse": (workflow.refuse_complaint, {"note": "不予受理。"}),
        "forward": (workflow.forward_complaint, {"complexity": "simple"}),
        "company_accept": (workflow.accept_by_company, {}),
        "extend": (workflow.extend_deadline, {"days": 10, "note": "需调查。"}),
        "answer": (workflow.answer_complaint, {"note": "已答复。"}),
        "mediate": (workflow.start_mediation, {"note": "调解。"}),
        "close": (workflow.close_complaint, {"resolved": True, "consumer_satisfied": None}),
        "reopen": (workflow.reopen_complaint, {"note": "再核实。"}),
        "reroute": (
            workflow.reroute_complaint,
            {"region": other.region, "note": "转交。"},
        ),
        "merge": (
            lambda *, actor, complaint, **fields: workflow.merge_complaints(
                actor=actor, duplicate=complaint, **fields
            ),
            {"into": other},
        ),
    }


@pytest.mark.parametrize("action", sorted(workflow.TRANSITIONS))
def test_every_step_is_refused_to_another_bureau(action, complaint, bureau_b, company_x):
    other = register_complaint(company=company_x.organisation, province="上海")
    step, fields = _services(other)[action]
    assert action not in dict(workflow.actions_open_to(bureau_b, complaint))
    with pytest.raises(PermissionDenied):
        step(actor=bureau_b, complaint=complaint, **fields)
    assert complaint.transitions.count() == 1


def test_a_step_from_a_state_that_no_longer_allows_it_changes_nothing(complaint, bureau_a, english):
    complaint = workflow.accept_complaint(actor=bureau_a, complaint=complaint)
    with pytest.raises(ValidationError, match="no longer possible"):
        workflow.accept_complaint(actor=bureau_a, complaint=complaint)
    assert complaint.transitions.filter(action="accept").count() == 1


def test_a_step_that_needs_a_note_is_refused_without_one(complaint, bureau_a):
    with pytest.raises(ValidationError) as refusal:
        workflow.refuse_complaint(actor=bureau_a, complaint=complaint, note="  ")
    assert "note" in refusal.value.error_dict
    assert Complaint.objects.get(pk=complaint.pk).status == Status.REGISTERED


def test_asking_for_material_pauses_the_clock_and_receiving_it_restarts_acceptance(
    bureau_a, company_x
):
    with time_machine.travel(BEFORE_QINGMING - datetime.timedelta(days=2), tick=False):
        complaint = register_complaint(company=company_x.organisation, province="北京")
        complaint = workflow.request_material(
            actor=bureau_a, complaint=complaint, note="请补充保单复印件。"
        )
    assert complaint.due_on is None
    assert complaint.paused_reason == "请补充保单复印件。"
    with time_machine.travel(BEFORE_QINGMING, tick=False):
        complaint = workflow.receive_material(actor=bureau_a, complaint=complaint)
    assert complaint.status == Status.REGISTERED
    assert complaint.paused_reason == ""
    assert complaint.material_complete_on == datetime.date(2013, 4, 3)
    # 7 working days after Wednesday 3 April: 7 (worked Sunday), 8, 9, 10, 11, 12, 15 April.
    assert complaint.due_on == datetime.date(2013, 4, 15)


def test_a_simple_case_forwarded_is_due_in_ten_working_days(bureau_a, company_x):
    with time_machine.travel(BEFORE_QINGMING, tick=False):
        complaint = register_complaint(company=company_x.organisation, province="北京")
        complaint = forwarded(complaint, bureau_a)
    # 7, 8, 9, 10, 11, 12, 15, 16, 17, 18 April.
    assert complaint.due_on == datetime.date(2013, 4, 18)


def test_the_company_extends_once_with_a_reason_by_at_most_thirty_days(
    complaint, bureau_a, company_x, english
):
    complaint = forwarded(complaint, bureau_a, complexity="other")
    due = complaint.due_on
    with pytest.raises(ValidationError) as too_long:
        workflow.extend_deadline(actor=company_x, complaint=complaint, days=31, note="复杂。")
    assert "days" in too_long.value.error_dict
    with pytest.raises(ValidationError) as no_reason:
        workflow.extend_deadline(actor=company_x, complaint=complaint, days=10, note="")
    assert "note" in no_reason.value.error_dict
    complaint = workflow.extend_deadline(
        actor=company_x, complaint=complaint, days=30, note="需调查取证。"
    )
    assert complaint.due_on == due + datetime.timedelta(days=30)
    assert ("extend", None) not in workflow.actions_open_to(company_x, complaint)
    assert "extend" not in dict(workflow.actions_open_to(company_x, complaint))
    with pytest.raises(ValidationError, match="once already"):
        workflow.extend_deadline(actor=company_x, complaint=complaint, days=5, note="再延。")


def test_an_extension_does_not_carry_over_to_the_next_forwarding(complaint, bureau_a, company_x):
    complaint = forwarded(complaint, bureau_a)
    complaint = workflow.extend_deadline(
        actor=company_x, complaint=complaint, days=20, note="需调查取证。"
    )
    complaint = workflow.answer_complaint(actor=company_x, complaint=complaint, note="已处理。")
    complaint = workflow.close_complaint(
        actor=bureau_a, complaint=complaint, resolved=False, consumer_satisfied=None
    )
    complaint = workflow.reopen_complaint(actor=bureau_a, complaint=complaint, note="再核实。")
    complaint = workflow.forward_complaint(actor=bureau_a, complaint=complaint, complexity="simple")
    assert complaint.extension_days == 0
    assert "extend" in dict(workflow.actions_open_to(company_x, complaint))


def test_a_merged_complaint_is_not_reopened(bureau_a, company_x, english):
    first = register_complaint(company=company_x.organisation, province="北京")
    second = register_complaint(company=company_x.organisation, province="北京")
    second = workflow.merge_complaints(actor=bureau_a, duplicate=second, into=first)
    assert "reopen" not in dict(workflow.actions_open_to(bureau_a, second))
    with pytest.raises(ValidationError, match="merged"):
        workflow.reopen_complaint(actor=bureau_a, complaint=second, note="误合并。")
    assert Complaint.objects.get(pk=second.pk).status == Status.CLOSED


def test_merging_keeps_both_histories(bureau_a, company_x):
    first = register_complaint(company=company_x.organisation, province="北京")
    second = register_complaint(company=company_x.organisation, province="北京")
    workflow.merge_complaints(actor=bureau_a, duplicate=second, into=first, note="同一事项。")
    second.refresh_from_db()
    assert second.merged_into == first
    assert second.outcome == Complaint.Outcome.MERGED
    assert set(ComplaintTransition.objects.values_list("complaint_id", "action")) == {
        (first.pk, "register"),
        (second.pk, "register"),
        (second.pk, "merge"),
        (first.pk, "merged_in"),
    }


def test_the_company_cannot_take_the_bureaus_steps(complaint, bureau_a, company_x):
    complaint = forwarded(complaint, bureau_a)
    with pytest.raises(PermissionDenied):
        workflow.close_complaint(
            actor=company_x, complaint=complaint, resolved=True, consumer_satisfied=True
        )


def test_a_merge_reads_the_other_complaint_as_it_is_now(bureau_a, company_x):
    first = register_complaint(company=company_x.organisation, province="北京")
    second = register_complaint(company=company_x.organisation, province="北京")
    third = register_complaint(company=company_x.organisation, province="北京")
    stale_first = Complaint.objects.get(pk=first.pk)
    # A colleague merged ``first`` into ``third`` after this page was loaded.
    workflow.merge_complaints(actor=bureau_a, duplicate=first, into=third)
    with pytest.raises(ValidationError):
        workflow.merge_complaints(actor=bureau_a, duplicate=second, into=stale_first)
    assert Complaint.objects.get(pk=second.pk).merged_into is None


@pytest.mark.parametrize(
    ("step", "fields"),
    [
        (workflow.extend_deadline, {"days": 99, "note": "x"}),
        (workflow.forward_complaint, {"complexity": "nonsense"}),
    ],
)
def test_who_may_take_a_step_is_asked_before_its_input_is_checked(
    step, fields, complaint, bureau_a, head_office
):
    complaint = forwarded(complaint, bureau_a)
    with pytest.raises(PermissionDenied):
        step(actor=head_office, complaint=complaint, **fields)


def test_rerouting_asks_who_may_before_the_region(complaint, head_office):
    from campaign.models import Region

    beijing = Region.objects.get(name_zh__startswith="北京")
    with pytest.raises(PermissionDenied):
        workflow.reroute_complaint(actor=head_office, complaint=complaint, region=beijing, note="x")


def _shanghai():
    from campaign.models import Region

    return Region.objects.get(name_zh__startswith="上海")


def test_a_step_on_a_copy_read_before_a_colleague_rerouted_it_is_refused(complaint, bureau_a):
    stale = Complaint.objects.get(pk=complaint.pk)
    workflow.reroute_complaint(
        actor=bureau_a, complaint=complaint, region=_shanghai(), note="属上海辖区。"
    )
    for step, fields in [
        (workflow.accept_complaint, {}),
        (workflow.reroute_complaint, {"region": _shanghai(), "note": "又一次。"}),
    ]:
        with pytest.raises(PermissionDenied):
            step(actor=bureau_a, complaint=stale, **fields)
    assert list(complaint.transitions.values_list("action", flat=True)) == [
        "register",
        "reroute",
    ]
    assert Complaint.objects.get(pk=complaint.pk).status == Status.REGISTERED


def test_a_merge_into_a_complaint_rerouted_meanwhile_is_refused(bureau_a, company_x):
    kept = register_complaint(company=company_x.organisation, province="北京")
    duplicate = register_complaint(company=company_x.organisation, province="北京")
    stale_kept = Complaint.objects.get(pk=kept.pk)
    workflow.reroute_complaint(actor=bureau_a, complaint=kept, region=_shanghai(), note="上海。")

    with pytest.raises(PermissionDenied):
        workflow.merge_complaints(actor=bureau_a, duplicate=duplicate, into=stale_kept)
    assert Complaint.objects.get(pk=duplicate.pk).merged_into is None
