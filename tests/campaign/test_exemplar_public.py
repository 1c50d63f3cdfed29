"""The public's 双十佳 pages (no login): the newest campaign with published lists and every
bureau's region in CIRC's order; a region's published persons and counters, and nothing
else; constant queries; a title and a description for search engines."""

from campaign.models import Organisation
from campaign.services import exemplars
from tests.factories import CampaignFactory

from .exemplars import COUNTER, SHANGHAI, draft, fill

REGION = "/exemplars/2013/110000/"


def published(actor, campaign, **options):
    entry = draft(actor, campaign, **options)
    return exemplars.publish_exemplar(actor=actor, exemplar=entry)


def test_the_first_page_shows_the_newest_campaign_with_published_lists(client, campaign, bureau_a):
    published(bureau_a, campaign)
    CampaignFactory(year=2014)  # nothing published yet

    response = client.get("/exemplars/")

    assert response.status_code == 200
    assert response.context["campaign"] == campaign


def test_the_regions_come_in_circs_order_with_what_each_published(client, campaign, bureau_a):
    published(bureau_a, campaign)
    published(bureau_a, campaign, kind=COUNTER)

    regions = list(client.get("/exemplars/").context["regions"])

    bureaus = Organisation.objects.filter(kind=Organisation.Kind.BUREAU, is_active=True)
    assert len(regions) == bureaus.count() == 36
    assert [r.name_zh for r in regions[:2]] == ["北京市", "天津市"]
    assert [r.name_zh for r in regions[-5:]] == ["大连市", "宁波市", "厦门市", "青岛市", "深圳市"]
    assert (regions[0].persons, regions[0].counters, regions[1].persons) == (1, 1, 0)


def test_nothing_published_says_so(client, campaign, bureau_a):
    draft(bureau_a, campaign)

    response = client.get("/exemplars/")

    assert response.context["campaign"] is None
    assert 'id="nothing-published"' in response.content.decode()


def test_a_region_shows_only_its_published_entries(client, campaign, bureau_a, bureau_b):
    published(bureau_a, campaign, number=1)
    draft(bureau_a, campaign, number=2)
    published(bureau_a, campaign, kind=COUNTER, number=3)
    published(bureau_b, campaign, code=SHANGHAI, number=4)

    response = client.get(REGION)

    page = response.content.decode()
    assert [e.name for e in response.context["persons"]] == ["王芳1"]
    assert [e.name for e in response.context["counters"]] == ["朝阳营业部3"]
    assert "王芳2" not in page and "王芳4" not in page
    assert "理赔查勘员" in page and "朝阳区建国路1号" in page and "示例人寿保险股份有限公司" in page


def test_a_region_page_has_a_title_a_description_and_headings(client, campaign, bureau_a):
    published(bureau_a, campaign)

    page = client.get(REGION).content.decode()

    assert "<title>北京市" in page
    assert '<meta name="description"' in page
    assert page.count("<h1") == 1 and page.count("<h2") >= 2 and "<h3" in page


def test_a_campaign_without_published_lists_is_not_found(client, campaign, bureau_a):
    draft(bureau_a, campaign)

    assert client.get(REGION).status_code == 404
    assert client.get("/exemplars/2013/").status_code == 404


def test_a_region_without_a_bureau_is_not_found(client, campaign, bureau_a):
    published(bureau_a, campaign)

    assert client.get("/exemplars/2013/999999/").status_code == 404


def test_the_pages_take_the_same_queries_however_many_entries(
    client, campaign, bureau_a, django_assert_num_queries
):
    published(bureau_a, campaign)
    client.get(REGION)
    # The campaign, the region, its entries, and every region for the picker.
    with django_assert_num_queries(4) as counted:
        client.get(REGION)
    # The campaign, the campaigns with lists, and the regions with their counts.
    with django_assert_num_queries(3):
        client.get("/exemplars/")
    for entry in fill(bureau_a, campaign, 9):
        exemplars.publish_exemplar(actor=bureau_a, exemplar=entry)
    for entry in fill(bureau_a, campaign, 10, kind=COUNTER):
        exemplars.publish_exemplar(actor=bureau_a, exemplar=entry)
    with django_assert_num_queries(len(counted.captured_queries)):
        client.get(REGION)
    with django_assert_num_queries(3):
        client.get("/exemplars/")
