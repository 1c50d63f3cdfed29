"""Who reads and acts on commitments (portal/access.py): a company its own drafts, everyone
the published ones; a bureau comments on those that apply in its region or nationwide; head
office flags any for correction."""

import pytest
from django.contrib.auth.models import AnonymousUser

from campaign.models import Region
from commitments.models import ServiceCommitment
from commitments.services.commitments import draft_commitment, publish_commitment
from portal import access


@pytest.fixture
def commitments(company_x, company_y, year, kinds):
    def draft(user, **fields):
        return draft_commitment(
            actor=user,
            company=user.organisation,
            campaign=year,
            kind=kinds["information_security"],
            text="不泄露客户信息。",
            **fields,
        )

    x_draft = draft(company_x)
    x_published = publish_commitment(actor=company_x, commitment=draft(company_x))
    y_draft = draft(company_y)
    y_in_shanghai = publish_commitment(
        actor=company_y, commitment=draft(company_y, region=Region.objects.get(code="310000"))
    )
    return x_draft, x_published, y_draft, y_in_shanghai


def readable(user):
    return set(access.commitments_scoped_to(user, ServiceCommitment.objects.all()))


def test_a_company_reads_its_drafts_and_everyones_published(company_x, commitments):
    x_draft, x_published, _y_draft, y_in_shanghai = commitments
    assert readable(company_x) == {x_draft, x_published, y_in_shanghai}


@pytest.mark.parametrize("persona", ["bureau_a", "association", "hotline"])
def test_others_read_what_is_published(request, commitments, persona):
    _x_draft, x_published, _y_draft, y_in_shanghai = commitments
    assert readable(request.getfixturevalue(persona)) == {x_published, y_in_shanghai}


def test_the_public_reads_what_is_published(commitments):
    assert readable(AnonymousUser()) == {commitments[1], commitments[3]}


def test_head_office_reads_every_one_and_flags_them(head_office, commitments):
    assert readable(head_office) == set(commitments)
    assert access.may(head_office, "flag_commitment", commitments[1])


def test_a_bureau_comments_on_nationwide_ones_and_its_regions(bureau_a, bureau_b, commitments):
    _x_draft, nationwide, _y_draft, in_shanghai = commitments
    assert access.may(bureau_a, "comment_on_commitment", nationwide)
    assert not access.may(bureau_a, "comment_on_commitment", in_shanghai)
    assert access.may(bureau_b, "comment_on_commitment", in_shanghai)


@pytest.mark.parametrize("persona", ["company_x", "association", "hotline", "head_office"])
def test_no_one_else_comments(request, commitments, persona):
    assert not access.may(request.getfixturevalue(persona), "comment_on_commitment", commitments[1])
