"""The public list of every current commitment (/commitments/): no login, searchable and
filtered, paginated, in a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.models import Region
from commitments.selectors.public import PAGE_SIZE

from .public import Status, commitment, insurer, table_rows

URL = "/commitments/"


def listed(response):
    """(company, kind, time limit, scope) of each row."""
    return [
        (row[0], row[2], row[3], row[5]) for row in table_rows(response, "commitment-table")
    ]


@pytest.fixture
def companies(db):
    return insurer("pingan", "示例平安财产保险"), insurer("renshou", "示例人寿保险")


def test_anyone_reads_the_current_commitments_without_logging_in(client, companies, kinds):
    pingan, _renshou = companies
    commitment(pingan, kinds["claim_payment"], limit_value=5, limit_unit="days")

    response = client.get(URL)

    assert response.status_code == 200
    assert listed(response) == [("示例平安财产保险", "赔款支付", "5 days", "Nationwide · every product line")]
    assert "/commitments/companies/pingan/" in [
        link for link in Element_links(response)
    ]


def Element_links(response):
    from tests.html import Element

    return Element.by_id(response, "commitment-table").links
