"""Reference data: regions, the 36 regional bureaus of 2013, head office and the association.

Kept here (not in a fixture) so the rows are what this migration's models expect.
Bureaus open and close over the years: later changes are made in the admin.
"""

from django.db import migrations

PROVINCES = [
    ("110000", "北京市", "Beijing"),
    ("120000", "天津市", "Tianjin"),
    ("130000", "河北省", "Hebei"),
    ("140000", "山西省", "Shanxi"),
    ("150000", "内蒙古自治区", "Inner Mongolia"),
    ("210000", "辽宁省", "Liaoning"),
    ("220000", "吉林省", "Jilin"),
    ("230000", "黑龙江省", "Heilongjiang"),
    ("310000", "上海市", "Shanghai"),
    ("320000", "江苏省", "Jiangsu"),
    ("330000", "浙江省", "Zhejiang"),
    ("340000", "安徽省", "Anhui"),
    ("350000", "福建省", "Fujian"),
    ("360000", "江西省", "Jiangxi"),
    ("370000", "山东省", "Shandong"),
    ("410000", "河南省", "Henan"),
    ("420000", "湖北省", "Hubei"),
    ("430000", "湖南省", "Hunan"),
    ("440000", "广东省", "Guangdong"),
    ("450000", "广西壮族自治区", "Guangxi"),
    ("460000", "海南省", "Hainan"),
    ("500000", "重庆市", "Chongqing"),
    ("510000", "四川省", "Sichuan"),
    ("520000", "贵州省", "Guizhou"),
    ("530000", "云南省", "Yunnan"),
    ("540000", "西藏自治区", "Tibet"),
    ("610000", "陕西省", "Shaanxi"),
    ("620000", "甘肃省", "Gansu"),
    ("630000", "青海省", "Qinghai"),
    ("640000", "宁夏回族自治区", "Ningxia"),
    ("650000", "新疆维吾尔自治区", "Xinjiang"),
]

# Cities specifically designated in the state plan, each with a bureau of its own.
CITIES = [
    ("210200", "210000", "大连市", "Dalian"),
    ("330200", "330000", "宁波市", "Ningbo"),
    ("350200", "350000", "厦门市", "Xiamen"),
    ("370200", "370000", "青岛市", "Qingdao"),
    ("440300", "440000", "深圳市", "Shenzhen"),
]

# (code, Chinese short name, English name, region code), each city after its province.
BUREAUS = [
    ("beijing", "北京", "Beijing", "110000"),
    ("tianjin", "天津", "Tianjin", "120000"),
    ("hebei", "河北", "Hebei", "130000"),
    ("shanxi", "山西", "Shanxi", "140000"),
    ("neimenggu", "内蒙古", "Inner Mongolia", "150000"),
    ("liaoning", "辽宁", "Liaoning", "210000"),
    ("dalian", "大连", "Dalian", "210200"),
    ("jilin", "吉林", "Jilin", "220000"),
    ("heilongjiang", "黑龙江", "Heilongjiang", "230000"),
    ("shanghai", "上海", "Shanghai", "310000"),
    ("jiangsu", "江苏", "Jiangsu", "320000"),
    ("zhejiang", "浙江", "Zhejiang", "330000"),
    ("ningbo", "宁波", "Ningbo", "330200"),
    ("anhui", "安徽", "Anhui", "340000"),
    ("fujian", "福建", "Fujian", "350000"),
    ("xiamen", "厦门", "Xiamen", "350200"),
    ("jiangxi", "江西", "Jiangxi", "360000"),
    ("shandong", "山东", "Shandong", "370000"),
    ("qingdao", "青岛", "Qingdao", "370200"),
    ("henan", "河南", "Henan", "410000"),
    ("hubei", "湖北", "Hubei", "420000"),
    ("hunan", "湖南", "Hunan", "430000"),
    ("guangdong", "广东", "Guangdong", "440000"),
    ("shenzhen", "深圳", "Shenzhen", "440300"),
    ("guangxi", "广西", "Guangxi", "450000"),
    ("hainan", "海南", "Hainan", "460000"),
    ("chongqing", "重庆", "Chongqing", "500000"),
    ("sichuan", "四川", "Sichuan", "510000"),
    ("guizhou", "贵州", "Guizhou", "520000"),
    ("yunnan", "云南", "Yunnan", "530000"),
    ("xizang", "西藏", "Tibet", "540000"),
    ("shaanxi", "陕西", "Shaanxi", "610000"),
    ("gansu", "甘肃", "Gansu", "620000"),
    ("qinghai", "青海", "Qinghai", "630000"),
    ("ningxia", "宁夏", "Ningxia", "640000"),
    ("xinjiang", "新疆", "Xinjiang", "650000"),
]

OTHERS = [
    ("hq", "head_office", "中国保监会保险消费者权益保护局", "CIRC Consumer Protection Bureau"),
    ("iac", "association", "中国保险行业协会", "Insurance Association of China"),
]


def load(apps, schema_editor):
    Region = apps.get_model("campaign", "Region")
    Organisation = apps.get_model("campaign", "Organisation")
    regions = {}
    for code, name_zh, name_en in PROVINCES:
        regions[code] = Region.objects.create(code=code, name_zh=name_zh, name_en=name_en)
    for code, parent, name_zh, name_en in CITIES:
        regions[code] = Region.objects.create(
            code=code, parent=regions[parent], name_zh=name_zh, name_en=name_en
        )
    for code, short_zh, name_en, region in BUREAUS:
        bureau = Organisation.objects.create(
            code=code,
            kind="bureau",
            name_zh=f"{short_zh}保监局",
            name_en=f"CIRC {name_en} Bureau",
        )
        bureau.regions.add(regions[region])
    for code, kind, name_zh, name_en in OTHERS:
        Organisation.objects.create(code=code, kind=kind, name_zh=name_zh, name_en=name_en)


def unload(apps, schema_editor):
    codes = [b[0] for b in BUREAUS] + [o[0] for o in OTHERS]
    apps.get_model("campaign", "Organisation").objects.filter(code__in=codes).delete()
    apps.get_model("campaign", "Region").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("campaign", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
