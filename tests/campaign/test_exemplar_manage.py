"""The staff's 双十佳 page: a bureau's lists of the regions it covers and the association's
of any region, each with its places taken; only they draft, in the regions they may."""

import pytest

from campaign.models import Exemplar

from .exemplars import BEIJING, PERSON, SHANGHAI, draft, fill, region, words

MANAGE = "/exemplars/manage/2013/"
NEW = "/exemplars/manage/2013/new/"


def new_entry(code=BEIJING):
    data = words(PERSON) | {"region": region(code).pk, "kind": PERSON}
    data["company"] = data["company"].pk
    return data


def test_a_bureau_sees_its_regions_lists_with_the_places_taken(
    client, campaign, bureau_a, association
):
    fill(bureau_a, campaign, 9)
    draft(association, campaign, number=10)
    client.force_login(bureau_a)

    response = client.get(MANAGE)

    (group,) = response.context["groups"]
    persons, counters = group.lists
    assert group.region.code == BEIJING
    assert (persons.taken, len(persons.own), persons.is_full) == (10, 9, True)
    assert (counters.taken, counters.own) == (0, [])
    page = response.content.decode()
    assert "10/10" in page and "0/10" in page
    assert "王芳10" not in page  # the association's entry is the association's to show


def test_the_association_sees_the_regions_it_has_listed_in(client, campaign, association):
    draft(association, campaign, code=SHANGHAI)
    client.force_login(association)

    response = client.get(MANAGE)

    assert [g.region.code for g in response.context["groups"]] == [SHANGHAI]


def test_the_nav_links_to_the_lists_for_bureaus_and_the_association(
    client, campaign, bureau_a, company_x
):
    client.force_login(bureau_a)
    assert 'href="/exemplars/manage/"' in client.get("/campaigns/").content.decode()
    client.force_login(company_x)
    assert 'href="/exemplars/manage/"' not in client.get("/campaigns/").content.decode()


def test_the_new_entrys_regions_are_those_the_bureau_covers(client, campaign, bureau_a):
    client.force_login(bureau_a)

    response = client.get(NEW)

    assert [r.code for r in response.context["form"].fields["region"].queryset] == [BEIJING]


def test_a_bureau_cannot_list_in_another_bureaus_region(client, campaign, bureau_a):
    client.force_login(bureau_a)

    response = client.post(NEW, new_entry(SHANGHAI))

    assert response.status_code == 200
    assert "region" in response.context["form"].errors
    assert not Exemplar.objects.exists()


def test_the_association_lists_in_any_region(client, campaign, association):
    client.force_login(association)

    assert client.post(NEW, new_entry(SHANGHAI)).status_code == 302
    assert client.post(NEW, new_entry(BEIJING)).status_code == 302
    assert Exemplar.objects.filter(organisation=association.organisation).count() == 2


def test_the_eleventh_is_refused_at_the_top_of_the_form(english, client, campaign, bureau_a):
    fill(bureau_a, campaign, 10)
    client.force_login(bureau_a)

    response = client.post(NEW, new_entry())

    assert response.context["form"].non_field_errors() == [
        "Beijing's 2013 list of excellent service persons is full with 10: "
        "each region lists at most 10."
    ]
    assert "is full with 10" in response.content.decode()
    assert Exemplar.objects.count() == 10


@pytest.mark.parametrize("persona", ["company_x", "hotline", "head_office"])
def test_others_are_refused(client, as_persona, campaign, persona):
    as_persona(persona)

    assert client.get(MANAGE).status_code == 403
    assert client.post(NEW, new_entry()).status_code == 403
    assert not Exemplar.objects.exists()


def test_anonymous_is_sent_to_log_in(client, campaign):
    assert client.get(MANAGE)["Location"].startswith("/accounts/login/")


def test_another_bureaus_entry_is_not_found(client, campaign, bureau_a, bureau_b):
    entry = draft(bureau_b, campaign, code=SHANGHAI)
    client.force_login(bureau_a)

    assert client.get(f"/exemplars/manage/2013/{entry.pk}/edit/").status_code == 404
    assert client.post(f"/exemplars/manage/2013/{entry.pk}/publish/").status_code == 404


def test_the_association_cannot_change_the_bureaus_entry_in_its_region(
    client, campaign, bureau_a, association
):
    entry = draft(bureau_a, campaign)
    client.force_login(association)

    assert client.get(f"/exemplars/manage/2013/{entry.pk}/edit/").status_code == 404


def test_the_list_page_takes_the_same_queries_however_many_entries(
    client, campaign, bureau_a, django_assert_max_num_queries
):
    client.force_login(bureau_a)
    client.get(MANAGE)
    fill(bureau_a, campaign, 10)
    with django_assert_max_num_queries(14) as few:
        client.get(MANAGE)
    fill(bureau_a, campaign, 10, kind="counter")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(MANAGE)
