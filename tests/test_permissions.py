"""Every URL of the portal as every persona: who gets the page, who is refused.

Each new page joins this table. 302 for anonymous means "sent to the login page";
404 means the record is not even confirmed to exist for that persona.
"""

import pytest

from .conftest import PERSONAS

OK, LOGIN, FORBIDDEN, MISSING = 200, 302, 403, 404
ALL_USERS = {p: OK for p in PERSONAS if p != "anonymous"}


def only_head_office(ok=OK):
    return {p: (ok if p == "head_office" else FORBIDDEN) for p in PERSONAS if p != "anonymous"}


MATRIX = [
    ("/healthz/", {p: OK for p in PERSONAS}),
    ("/accounts/login/", {p: OK for p in PERSONAS}),
    ("/", {"anonymous": LOGIN, **{p: 302 for p in ALL_USERS}}),
    ("/campaigns/", {"anonymous": LOGIN, **ALL_USERS}),
    ("/campaigns/2013/", {"anonymous": LOGIN, **ALL_USERS}),
    ("/campaigns/2099/", {"anonymous": LOGIN, **{p: MISSING for p in ALL_USERS}}),
    ("/accounts/password/", {"anonymous": LOGIN, **ALL_USERS}),
    ("/organisations/", {"anonymous": LOGIN, **only_head_office()}),
    ("/organisations/new/", {"anonymous": LOGIN, **only_head_office()}),
    (
        "/organisations/beijing/edit/",
        {"anonymous": LOGIN, **{p: MISSING for p in ALL_USERS}, "head_office": OK},
    ),
    ("/admin/", {"anonymous": LOGIN, **{p: LOGIN for p in ALL_USERS}}),
]


@pytest.mark.parametrize(
    ("url", "persona", "expected"),
    [(url, persona, expected[persona]) for url, expected in MATRIX for persona in PERSONAS],
)
def test_permission_matrix(client, as_persona, campaign, url, persona, expected):
    as_persona(persona)
    response = client.get(url)
    assert response.status_code == expected, f"{persona} GET {url}"
    if expected == LOGIN and persona == "anonymous":
        assert response["Location"].startswith(("/accounts/login/", "/admin/login/"))
