"""Script a company, a bureau or head office writes into a commitment — its words, its reason
for loosening or withdrawing, a remark — is shown as words on the public and staff pages."""

import pytest

from commitments.services.commitments import publish_commitment, withdraw_commitment
from commitments.services.remarks import comment_on_commitment, flag_for_correction
from tests.security.test_xss import PAYLOADS

WORDS = " ".join(PAYLOADS)


@pytest.fixture
def hostile(company_x, bureau_a, head_office, draft_of):
    draft = draft_of(company_x, "claim_payment", text=WORDS, loosening_reason=WORDS)
    published = publish_commitment(actor=company_x, commitment=draft)
    comment_on_commitment(actor=bureau_a, commitment=published, text=WORDS)
    flag_for_correction(actor=head_office, commitment=published, text=WORDS)
    withdrawn = publish_commitment(
        actor=company_x, commitment=draft_of(company_x, "return_visit", text=WORDS)
    )
    withdraw_commitment(actor=company_x, commitment=withdrawn, reason=WORDS)
    return published, withdrawn


@pytest.mark.parametrize("persona", ["anonymous", "bureau_a", "company_x", "head_office"])
def test_script_in_a_commitment_is_shown_as_words(client, as_persona, hostile, persona):
    published, withdrawn = hostile
    as_persona(persona)
    pages = [
        f"/commitments/{published.pk}/",
        f"/commitments/{withdrawn.pk}/",
        "/commitments/",
        "/commitments/companies/demo-life/",
        "/commitments/compare/?company=demo-life",
        "/commitments/companies/demo-life/year-over-year/",
    ]
    if persona != "anonymous":
        pages += ["/commitments/manage/", "/notifications/"]
    for url in pages:
        page = client.get(url).content.decode()
        for payload in PAYLOADS:
            assert payload not in page, (url, payload)
    assert "&lt;script&gt;" in client.get(f"/commitments/{published.pk}/").content.decode()
