"""The commitments' figures for the statistics form (portal.prefill): C01 the institutions
publishing service commitments in the campaign, C02–C04 their published items by stage.

Only versions published now count (not drafts, nor versions superseded or withdrawn). An
insurer reports its own (C01 is 1 or 0); a bureau the commitments that apply where it
supervises (portal.access's region rule), C01 the companies behind them; the association
every company's. One query, counted by the database.
"""

from django.db.models import Count, Q

from campaign.models import Organisation
from portal import access, prefill

from .models import ServiceCommitment, Stage

STAGE_INDICATOR = {Stage.SALES: "C02", Stage.AFTER_SALES: "C03", Stage.CLAIMS: "C04"}
INSTITUTIONS = "C01"


@prefill.register(INSTITUTIONS, *STAGE_INDICATOR.values())
def commitments_published(campaign, organisation):
    commitments = ServiceCommitment.objects.filter(
        campaign=campaign, status=ServiceCommitment.Status.PUBLISHED
    )
    if organisation.kind == Organisation.Kind.INSURER:
        commitments = commitments.filter(company=organisation)
    elif organisation.kind == Organisation.Kind.BUREAU:
        commitments = access.commitments_applying_in_regions_of(organisation, commitments)
    elif organisation.kind != Organisation.Kind.ASSOCIATION:
        return {}
    return commitments.aggregate(
        **{INSTITUTIONS: Count("company", distinct=True)},
        **{
            code: Count("pk", filter=Q(kind__stage=stage))
            for stage, code in STAGE_INDICATOR.items()
        },
    )
