"""The hotline API against inputs generated from its own OpenAPI schema (schemathesis): whatever
a call-centre system sends, the API answers without a server error and as its schema says
(status codes, content types, bodies).

Run against the WSGI application as deployed, with a hotline user's token, a bounded number of
examples per operation so that it stays a test of the default suite."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks

from ..complaints.api import client_for, payload

pytestmark = pytest.mark.django_db


# Read when the module is collected: the schema is built from the code and needs no database.
# (schemathesis.pytest.from_fixture would read it in a fixture, but sets a node attribute
# that pytest 9 no longer has.)
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
# A query parameter the API does not know is ignored, as HTTP APIs do, not refused.
schema.config.generation.update(allow_extra_parameters=False)


@pytest.fixture(autouse=True)
def connection_kept_open():
    """A real server closes the database connection after each request, which here would end
    the test's transaction: as Django's test client does, it stays open."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(hotline):
    """The hotline's token; the complaint it registered is there to be read and listed, and
    the company and categories it names to be drawn."""
    client = client_for(hotline)
    assert client.post("/api/v1/complaints/", payload(), format="json").status_code == 201
    return client._credentials["HTTP_AUTHORIZATION"]


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_every_generated_request_as_its_schema_says(case, token):
    # Every check but "input the schema allows is accepted": the schema gives a complaint's
    # shape, while which companies, provinces and codes exist is the database's to answer,
    # with the 400 the schema documents.
    case.call_and_validate(
        headers={"Authorization": token}, excluded_checks=[checks.positive_data_acceptance]
    )
