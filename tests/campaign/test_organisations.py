from campaign.models import Organisation, Region

from ..factories import InsurerFactory


def test_head_office_adds_an_insurer(client, head_office):
    client.force_login(head_office)
    response = client.post(
        "/organisations/new/",
        {
            "kind": "insurer",
            "code": "demo-new",
            "name_zh": "新示例保险股份有限公司",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    insurer = Organisation.objects.get(code="demo-new")
    assert insurer.kind == Organisation.Kind.INSURER
    assert insurer.name_zh == "新示例保险股份有限公司"


def test_a_duplicate_code_is_refused_next_to_the_field(client, head_office, company_x):
    client.force_login(head_office)
    response = client.post(
        "/organisations/new/", {"kind": "insurer", "code": "demo-life", "name_zh": "重复"}
    )
    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert Organisation.objects.filter(code="demo-life").count() == 1


def test_an_insurer_cannot_cover_regions(client, head_office):
    client.force_login(head_office)
    beijing = Region.objects.get(code="110000")
    response = client.post(
        "/organisations/new/",
        {"kind": "insurer", "code": "x-ins", "name_zh": "某保险", "regions": [beijing.pk]},
    )
    assert "regions" in response.context["form"].errors
    assert not Organisation.objects.filter(code="x-ins").exists()


def test_a_region_is_covered_by_one_active_bureau_only(client, head_office):
    client.force_login(head_office)
    beijing = Region.objects.get(code="110000")
    response = client.post(
        "/organisations/new/",
        {
            "kind": "bureau",
            "code": "beijing2",
            "name_zh": "第二北京局",
            "regions": [beijing.pk],
            "is_active": "on",
        },
    )
    assert "北京保监局" in str(response.context["form"].errors["regions"])
    assert not Organisation.objects.filter(code="beijing2").exists()


def test_head_office_deactivates_an_insurer(client, head_office):
    insurer = InsurerFactory(code="demo-gone", name_zh="将停用保险")
    client.force_login(head_office)
    response = client.post(
        "/organisations/demo-gone/edit/",
        {"kind": "insurer", "code": "demo-gone", "name_zh": "将停用保险", "name_en": ""},
    )
    assert response.status_code == 302
    insurer.refresh_from_db()
    assert insurer.is_active is False


def test_the_list_searches_by_name_and_filters_by_kind(client, head_office):
    InsurerFactory(code="demo-find", name_zh="可搜索保险股份有限公司")
    client.force_login(head_office)
    response = client.get("/organisations/", {"q": "可搜索"})
    assert [o.code for o in response.context["page"]] == ["demo-find"]
    response = client.get("/organisations/", {"kind": "bureau"})
    assert response.context["page"].paginator.count == 36


def test_the_list_runs_a_constant_number_of_queries(
    client, head_office, django_assert_max_num_queries
):
    client.force_login(head_office)
    with django_assert_max_num_queries(8):
        response = client.get("/organisations/", {"kind": "bureau"})
    assert len(response.context["page"]) == 25


def test_a_bureau_cannot_add_organisations(client, bureau_a):
    client.force_login(bureau_a)
    response = client.post(
        "/organisations/new/", {"kind": "insurer", "code": "sneaky", "name_zh": "x"}
    )
    assert response.status_code == 403
    assert not Organisation.objects.filter(code="sneaky").exists()


def test_a_bureau_cannot_edit_itself(client, bureau_a):
    client.force_login(bureau_a)
    response = client.post(
        "/organisations/beijing/edit/", {"kind": "bureau", "code": "beijing", "name_zh": "改名"}
    )
    assert response.status_code == 404
    assert Organisation.objects.get(code="beijing").name_zh == "北京保监局"


def test_people_of_a_deactivated_insurer_can_no_longer_work_in_the_portal(
    client, company_x, campaign
):
    company_x.organisation.is_active = False
    company_x.organisation.save()
    client.force_login(company_x)
    assert client.get("/statistics/2013/demo-life/").status_code == 404
    assert client.get("/campaigns/2013/").status_code == 404


def test_changes_to_an_organisation_are_kept_with_who_made_them(client, head_office):
    insurer = InsurerFactory(code="demo-renamed", name_zh="旧名称保险")
    client.force_login(head_office)
    client.post(
        "/organisations/demo-renamed/edit/",
        {"kind": "insurer", "code": "demo-renamed", "name_zh": "新名称保险", "is_active": "on"},
    )
    latest = insurer.history.latest()
    assert (latest.name_zh, latest.history_user.username) == ("新名称保险", "hq")
    assert latest.prev_record.name_zh == "旧名称保险"
