"""Putting a complaint in a state of its workflow through the services, for the tests of the
complaint's page and its steps."""

from complaints.services import workflow


def put_in_state(complaint, state, *, bureau, company):
    """Take ``complaint`` (registered) to ``state`` the shortest way; returns it."""
    take = {
        "registered": [],
        "awaiting_material": [(workflow.request_material, bureau, {"note": "请补充保单。"})],
        "accepted": [(workflow.accept_complaint, bureau, {})],
        "not_accepted": [(workflow.refuse_complaint, bureau, {"note": "不属于受理范围。"})],
        "forwarded": [
            (workflow.accept_complaint, bureau, {}),
            (workflow.forward_complaint, bureau, {"complexity": "simple"}),
        ],
        "closed": [
            (workflow.accept_complaint, bureau, {}),
            (workflow.close_complaint, bureau, {"resolved": True, "consumer_satisfied": True}),
        ],
    }
    take["answered"] = [
        *take["forwarded"],
        (workflow.answer_complaint, company, {"note": "已按合同赔付。"}),
    ]
    take["mediation"] = [
        *take["answered"],
        (workflow.start_mediation, bureau, {"note": "投诉人不同意。"}),
    ]
    take["reopened"] = [*take["closed"], (workflow.reopen_complaint, bureau, {"note": "再核实。"})]
    for step, actor, fields in take[state]:
        complaint = step(actor=actor, complaint=complaint, **fields)
    return complaint
