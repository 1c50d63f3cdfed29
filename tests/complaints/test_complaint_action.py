"""POST /complaints/<reference>/<action>/: every step of TRANSITIONS through the web, from
the state it is taken in, by the party who takes it; refused from other states (a message,
nothing changed), to a party who sees the complaint but does not take the step (403) and to
another bureau (404)."""

import pytest

from campaign.models import Region
from complaints.models import Complaint
from complaints.services import workflow
from complaints.views.handling import ACTIONS
from tests.factories import complaint as register_complaint

from .handling import put_in_state

# action: (the state it is taken from, who takes it, what is posted, the state it leads to)
STEPS = {
    "request_material": ("registered", "bureau_a", {"note": "请补充保单。"}, "awaiting_material"),
    "receive_material": ("awaiting_material", "bureau_a", {}, "registered"),
    "accept": ("registered", "bureau_a", {}, "accepted"),
    "refuse": ("registered", "bureau_a", {"note": "不属于受理范围。"}, "not_accepted"),
    "forward": ("accepted", "bureau_a", {"complexity": "simple"}, "forwarded"),
    "company_accept": ("forwarded", "company_x", {"note": "已立案。"}, "forwarded"),
    "extend": ("forwarded", "company_x", {"days": "10", "note": "需调查。"}, "forwarded"),
    "answer": ("forwarded", "company_x", {"note": "已赔付。"}, "answered"),
    "mediate": ("answered", "bureau_a", {"note": "投诉人不同意。"}, "mediation"),
    "close": (
        "mediation",
        "bureau_a",
        {"resolved": "yes", "consumer_satisfied": "no", "note": "调解不成。"},
        "closed",
    ),
    "reopen": ("closed", "bureau_a", {"note": "再核实。"}, "reopened"),
    "reroute": ("registered", "bureau_a", {"region": "shanghai", "note": "投诉人在上海。"}, None),
    "merge": ("registered", "bureau_a", {"into": "other", "note": "同一事项。"}, "closed"),
}
# A state each step is not taken from.
WRONG_STATE = {action: "closed" for action in STEPS} | {"reopen": "registered"}


@pytest.fixture
def complaint(bureau_a, company_x):
    return register_complaint(company=company_x.organisation, province="北京")


def _data(action, bureau_a, company_x):
    data = dict(STEPS[action][2])
    if data.get("region") == "shanghai":
        data["region"] = Region.objects.get(name_zh__startswith="上海").pk
    if data.get("into") == "other":
        data["into"] = register_complaint(company=company_x.organisation, province="北京").reference
    return data


def test_there_is_one_form_and_service_for_every_step():
    assert set(ACTIONS) == set(workflow.TRANSITIONS) == set(STEPS)


@pytest.mark.parametrize("action", sorted(STEPS))
def test_each_step_is_taken_through_the_web(
    action, client, as_persona, complaint, bureau_a, company_x
):
    state, persona, _, after = STEPS[action]
    complaint = put_in_state(complaint, state, bureau=bureau_a, company=company_x)
    data = _data(action, bureau_a, company_x)
    actor = as_persona(persona)
    response = client.post(f"/complaints/{complaint.reference}/{action}/", data)
    assert response.status_code == 302
    assert response["Location"] == f"/complaints/{complaint.reference}/"
    complaint.refresh_from_db()
    if after:
        assert complaint.status == after
    step = complaint.transitions.last()
    assert (step.action, step.actor) == (action, actor)


@pytest.mark.parametrize(
    "action", sorted(action for action, step in STEPS.items() if step[1] == "bureau_a")
)
def test_a_step_the_state_no_longer_allows_is_refused_with_a_message(
    action, client, as_persona, complaint, bureau_a, company_x, english
):
    _state, persona, _, _after = STEPS[action]
    complaint = put_in_state(complaint, WRONG_STATE[action], bureau=bureau_a, company=company_x)
    data = _data(action, bureau_a, company_x)
    steps = complaint.transitions.count()
    as_persona(persona)
    response = client.post(f"/complaints/{complaint.reference}/{action}/", data, follow=True)
    assert "is no longer possible" in response.content.decode()
    assert complaint.transitions.count() == steps
    assert Complaint.objects.get(pk=complaint.pk).status == complaint.status


@pytest.mark.parametrize("action", ["extend", "answer"])
def test_the_companys_steps_are_refused_once_it_has_answered(
    action, client, as_persona, complaint, bureau_a, company_x, english
):
    complaint = put_in_state(complaint, "answered", bureau=bureau_a, company=company_x)
    as_persona("company_x")
    response = client.post(
        f"/complaints/{complaint.reference}/{action}/",
        {"days": "5", "note": "再答复。"},
        follow=True,
    )
    assert "is no longer possible" in response.content.decode()
    assert Complaint.objects.get(pk=complaint.pk).status == "answered"


@pytest.mark.parametrize("action", sorted(STEPS))
def test_a_visible_complaint_refuses_the_step_to_a_party_who_does_not_take_it(
    action, client, as_persona, complaint, bureau_a, company_x
):
    state, persona, _, _after = STEPS[action]
    complaint = put_in_state(complaint, state, bureau=bureau_a, company=company_x)
    data = _data(action, bureau_a, company_x)
    # Head office sees every complaint but handles none; the bureau does not answer.
    as_persona("bureau_a" if persona == "company_x" else "head_office")
    response = client.post(f"/complaints/{complaint.reference}/{action}/", data)
    assert response.status_code == 403
    assert Complaint.objects.get(pk=complaint.pk).status == state


@pytest.mark.parametrize("action", sorted(STEPS))
def test_another_bureaus_complaint_is_not_found(
    action, client, as_persona, complaint, bureau_a, company_x
):
    state, _persona, _, _after = STEPS[action]
    complaint = put_in_state(complaint, state, bureau=bureau_a, company=company_x)
    as_persona("bureau_b")
    response = client.post(
        f"/complaints/{complaint.reference}/{action}/", _data(action, bureau_a, company_x)
    )
    assert response.status_code == 404


def test_an_unknown_step_is_not_found(client, as_persona, complaint):
    as_persona("bureau_a")
    assert client.post(f"/complaints/{complaint.reference}/approve/").status_code == 404


def test_it_rejects_get(client, as_persona, complaint):
    as_persona("bureau_a")
    assert client.get(f"/complaints/{complaint.reference}/accept/").status_code == 405


def test_a_missing_note_is_shown_next_to_the_field(client, as_persona, complaint, english):
    as_persona("bureau_a")
    response = client.post(f"/complaints/{complaint.reference}/refuse/", {"note": ""})
    assert response.status_code == 200
    form = dict((action, form) for action, _t, form in response.context["step_forms"])["refuse"]
    assert form.errors["note"] == ["Say why: this step needs a note."]
    assert 'id="id_refuse_note"' in response.content.decode()
    assert Complaint.objects.get(pk=complaint.pk).status == "registered"


def test_the_full_path_through_the_web(client, as_persona, complaint, english):
    url = f"/complaints/{complaint.reference}/"
    for persona, action, data in [
        ("bureau_a", "accept", {}),
        ("bureau_a", "forward", {"complexity": "other"}),
        ("company_x", "answer", {"note": "已赔付。"}),
        ("bureau_a", "mediate", {"note": "投诉人不同意。"}),
        ("bureau_a", "close", {"resolved": "no", "consumer_satisfied": "unknown"}),
        ("bureau_a", "reopen", {"note": "投诉人再次来访。"}),
    ]:
        as_persona(persona)
        assert client.post(f"{url}{action}/", data).status_code == 302, action
    complaint.refresh_from_db()
    assert complaint.status == "reopened"
    page = client.get(url).content.decode()
    for label in ("Accept", "Forward to the company", "Answer", "Close", "Reopen"):
        assert label in page
