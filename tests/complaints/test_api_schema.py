"""/api/schema/: the OpenAPI description of the hotline API, for anyone to read."""

import io

import pytest
import yaml
from django.core.management import call_command
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def schema(**query):
    response = APIClient().get("/api/schema/", {"lang": "en", **query})
    assert response.status_code == 200
    return response


def test_it_passes_validation_without_a_warning():
    out = io.StringIO()

    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)

    assert "/api/v1/complaints/" in out.getvalue()


def test_it_is_served_without_a_token_as_yaml_and_as_json():
    document = yaml.safe_load(schema().content)

    assert schema(format="json").json() == document
    assert document["info"]["title"] == "12378 complaints API"


def test_it_describes_the_three_operations():
    paths = schema(format="json").json()["paths"]

    assert set(paths) == {"/api/v1/complaints/", "/api/v1/complaints/{reference}/"}
    assert set(paths["/api/v1/complaints/"]) == {"get", "post"}
    assert set(paths["/api/v1/complaints/{reference}/"]) == {"get"}


def test_registering_takes_the_input_and_an_idempotency_key():
    document = schema(format="json").json()
    post = document["paths"]["/api/v1/complaints/"]["post"]

    assert [(p["in"], p["name"]) for p in post["parameters"]] == [("header", "Idempotency-Key")]
    body = post["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/ComplaintInput"}
    assert set(post["responses"]) == {"201", "400", "401", "403"}
    fields = document["components"]["schemas"]["ComplaintInput"]
    assert set(fields["required"]) == {
        "channel",
        "received_at",
        "complainant_name",
        "complainant_phone",
        "province",
        "company",
        "category",
        "product_line",
        "description",
    }
    assert document["components"]["schemas"]["ChannelEnum"]["enum"] == [
        "letter",
        "visit",
        "phone",
        "web",
    ]


def test_reading_and_listing_answer_complaints_with_token_authentication():
    document = schema(format="json").json()
    read = document["paths"]["/api/v1/complaints/{reference}/"]["get"]
    listing = document["paths"]["/api/v1/complaints/"]["get"]

    complaint = {"$ref": "#/components/schemas/Complaint"}
    assert read["responses"]["200"]["content"]["application/json"]["schema"] == complaint
    assert {p["name"] for p in listing["parameters"]} == {"changed_since", "cursor"}
    page = document["components"]["schemas"]["PaginatedComplaintList"]
    assert page["properties"]["results"]["items"] == complaint
    assert read["security"] == listing["security"] == [{"tokenAuth": []}]
    assert document["components"]["securitySchemes"]["tokenAuth"]["in"] == "header"


def test_it_takes_no_post():
    assert APIClient().post("/api/schema/").status_code == 405
