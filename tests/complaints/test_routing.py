import pytest

from complaints.routing import UnknownRegion, route

pytestmark = pytest.mark.postgresql


@pytest.mark.parametrize(
    ("province", "city", "bureau"),
    [
        ("辽宁省", "大连市", "dalian"),
        ("浙江", "宁波", "ningbo"),
        ("福建省", "厦门市", "xiamen"),
        ("山东", "青岛市", "qingdao"),
        ("广东省", "深圳", "shenzhen"),
    ],
)
def test_separately_planned_cities_go_to_their_own_bureau(db, province, city, bureau):
    assert route(province, city).bureau.code == bureau


@pytest.mark.parametrize(
    ("province", "city", "bureau"),
    [
        ("辽宁", "沈阳市", "liaoning"),
        ("浙江省", "杭州", "zhejiang"),
        ("福建", "", "fujian"),
        ("山东省", "济南市", "shandong"),
        ("广东", "广州市", "guangdong"),
    ],
)
def test_the_rest_of_their_provinces_goes_to_the_provincial_bureau(db, province, city, bureau):
    assert route(province, city).bureau.code == bureau


@pytest.mark.parametrize(
    ("province", "bureau"),
    [
        ("北京", "beijing"),
        ("北京市", "beijing"),
        ("内蒙古自治区", "neimenggu"),
        ("广西壮族自治区", "guangxi"),
        ("广西", "guangxi"),
        ("新疆维吾尔自治区", "xinjiang"),
    ],
)
def test_province_names_are_read_with_or_without_their_suffix(db, province, bureau):
    assert route(province).bureau.code == bureau


def test_a_separately_planned_city_given_as_the_province_is_routed_to_its_bureau(db):
    destination = route("大连市")

    assert destination.bureau.code == "dalian"
    assert destination.region.name_zh == "大连市"


def test_the_region_recorded_is_the_city_when_it_has_its_own_bureau(db):
    assert route("辽宁", "大连").region.code == "210200"
    assert route("辽宁", "沈阳").region.code == "210000"


@pytest.mark.parametrize("province", ["火星", "", "台北"])
def test_an_unknown_province_is_refused(db, province):
    with pytest.raises(UnknownRegion):
        route(province)
