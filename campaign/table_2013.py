"""Reference data: the 2013 statistics table (情况统计表, SPEC §2.1) and its rules.

``services.tables.install_default_table(campaign)`` puts it on a campaign: seed_demo gives
it to the 2013 campaign, and a new campaign with no earlier one to copy starts from it.
Kept as code, not in a migration, because it belongs to a campaign that is created later.
A change here reaches only campaigns installed from now on: a campaign that already exists
gets it from a data migration (0013_table_2013_corrections added D05, E13, E14, E15 and the
D02/D03 limits, renamed E06 and widened E01-SUM), which tests/campaign/
test_migration_table_2013.py checks against this definition.
"""

SECTIONS = [
    ("A", "组织投入", "Organisation and resources"),
    ("B", "保险知识普及", "Spreading insurance knowledge"),
    ("C", "公开服务承诺", "Publishing service commitments"),
    ("D", "宣传服务典型", "Promoting service exemplars"),
    ("E", "畅通投诉渠道", "Keeping complaint channels open"),
    ("F", "监管部门活动", "Regulator activities"),
    ("G", "新闻宣传", "Media coverage"),
]

RCA, RC, R = "RCA", "RC", "R"

# code, Chinese name, English name, Chinese unit, English unit,
# kinds that fill it (R bureau, C company system, A association), in table order. Codes
# stay with their line: a line added later takes the next free code of its section and
# its place in the list (D05 after D03, E13 after E05, E14 after E06, E15 after E12).
INDICATORS = [
    ("A01", "参与活动人员", "Staff taking part", "人次", "person-times", RCA),
    ("A02", "投入经费", "Funds spent", "万元", "10,000 yuan", RCA),
    (
        "A03",
        "联合政府部门及相关行业开展活动",
        "Joint activities with government and related sectors",
        "次",
        "times",
        RCA,
    ),
    ("B01", "进学校活动", "Events in schools", "场", "events", RCA),
    ("B02", "进学校受众", "Audience in schools", "人次", "person-times", RCA),
    ("B03", "进农村活动", "Events in villages", "场", "events", RCA),
    ("B04", "进农村受众", "Audience in villages", "人次", "person-times", RCA),
    ("B05", "进社区活动", "Events in communities", "场", "events", RCA),
    ("B06", "进社区受众", "Audience in communities", "人次", "person-times", RCA),
    ("B07", "进机关活动", "Events in government offices", "场", "events", RCA),
    ("B08", "进机关受众", "Audience in government offices", "人次", "person-times", RCA),
    ("B09", "进企业活动", "Events in enterprises", "场", "events", RCA),
    ("B10", "进企业受众", "Audience in enterprises", "人次", "person-times", RCA),
    ("B11", "发放宣传手册", "Leaflets handed out", "份", "copies", RCA),
    ("B12", "制作宣传展板", "Display boards made", "块", "boards", RCA),
    ("B13", "设置保险咨询台", "Advice desks set up", "个", "desks", RCA),
    ("B14", "接受现场咨询", "On-site enquiries answered", "人次", "person-times", RCA),
    (
        "B15",
        "网络、微博发布保险知识",
        "Insurance knowledge posted online and on microblogs",
        "条",
        "posts",
        RCA,
    ),
    ("B16", "报刊、广播、电视专栏", "Columns in press, radio and television", "个", "columns", RCA),
    (
        "C01",
        "公开服务承诺的机构",
        "Institutions publishing service commitments",
        "家",
        "institutions",
        RCA,
    ),
    ("C02", "销售环节承诺事项", "Sales-stage commitments", "项", "items", RC),
    ("C03", "售后环节承诺事项", "After-sales commitments", "项", "items", RC),
    ("C04", "理赔环节承诺事项", "Claims-stage commitments", "项", "items", RC),
    ("D01", "召开表彰大会", "Award ceremonies held", "场", "events", RCA),
    ("D02", "表彰优秀服务标兵", "Outstanding service staff honoured", "人", "persons", RCA),
    ("D03", "表彰优质服务窗口", "Quality service counters honoured", "个", "counters", RCA),
    # 公示名单事迹: the notice's second way of publicising the 双十佳, between the ceremony
    # and the talks as it lists them.
    ("D05", "公示名单事迹", "Lists and deeds of exemplars made public", "次", "times", RCA),
    ("D04", "组织事迹宣讲", "Talks on exemplary deeds", "场", "events", RCA),
    ("E01", "接收投诉", "Complaints received", "件", "cases", RCA),
    ("E02", "其中：来信", "of which: letters", "件", "cases", RCA),
    ("E03", "其中：来访", "of which: visits", "件", "cases", RCA),
    ("E04", "其中：来电", "of which: calls", "件", "cases", RCA),
    ("E05", "其中：网络", "of which: online", "件", "cases", RCA),
    # Complaints forwarded (转办) by the regulator, 信访 offices or other bodies reach every
    # kind of unit (a bureau gets them from CIRC and the local 信访 office) and fit none of
    # 信/访/电/网: without this part E01 = E02 + … + E05 could not hold.
    (
        "E13",
        "其中：其他渠道（含转办）",
        "of which: other channels (incl. forwarded)",
        "件",
        "cases",
        RCA,
    ),
    (
        "E06",
        "12378热线实际接听来电",
        "12378 hotline calls actually answered",
        "个",
        "calls",
        R,
    ),
    # 三(二): insurers and the associations 安排专人接听消费者咨询投诉; bureaus staff 12378.
    (
        "E14",
        "安排专人接听消费者咨询投诉",
        "Staff assigned to answer consumer enquiries and complaints",
        "人",
        "persons",
        "CA",
    ),
    ("E07", "办结投诉", "Complaints concluded", "件", "cases", RCA),
    ("E08", "调解处理纠纷", "Disputes mediated", "件", "cases", RCA),
    ("E09", "排查化解重大问题", "Major problems found and resolved", "个", "problems", RCA),
    ("E10", "群访群诉事件", "Group visits or group complaints", "起", "incidents", RCA),
    (
        "E11",
        "越级上访、集体进京上访",
        "Petitions bypassing levels or collective petitions to Beijing",
        "起",
        "incidents",
        RCA,
    ),
    (
        "E12",
        "启动重大投诉应急预案",
        "Major-complaint emergency plans activated",
        "次",
        "times",
        RCA,
    ),
    # Made or revised (健全完善) during the campaign, asked of every unit. A count, not yes/no:
    # a company system reports for its head office and branches, each with its own plan, so
    # the figure sums over a system and nationally as every other line does; a yes/no would
    # need a 0/1 line that the national total cannot add up meaningfully.
    (
        "E15",
        "制定或修订重大投诉事项应急预案",
        "Major-complaint emergency plans made or revised",
        "件",
        "plans",
        RCA,
    ),
    ("F01", "召开社会监督员座谈会", "Meetings with public supervisors", "场", "meetings", R),
    ("F02", "局长接待日", "Director's reception days", "次", "days", R),
    (
        "F03",
        "局长接待日接待消费者",
        "Consumers received on reception days",
        "人次",
        "person-times",
        R,
    ),
    ("G01", "新闻报道", "News reports", "篇", "articles", RCA),
    ("G02", "开辟专栏", "Special columns opened", "个", "columns", RCA),
]
MONEY = {"A02"}

# code, severity, operator, left, right, factor, alerts head office, kinds it is checked for
RULES = [
    ("E01-SUM", "error", "eq_sum", "E01", "E02,E03,E04,E05,E13", None, False, RCA),
    *[
        (f"{audience}-AUDIENCE", "warning", "ge", audience, event, None, False, RCA)
        for event, audience in [
            ("B01", "B02"),
            ("B03", "B04"),
            ("B05", "B06"),
            ("B07", "B08"),
            ("B09", "B10"),
        ]
    ],
    ("E07-MAX", "warning", "le", "E07", "E01", None, False, RCA),
    ("E08-MAX", "warning", "le", "E08", "E01", None, False, RCA),
    ("F03-MIN", "warning", "ge", "F03", "F02", None, False, RCA),
    ("E10-ALERT", "warning", "zero", "E10", "", None, True, RCA),
    ("E11-ALERT", "warning", "zero", "E11", "", None, True, RCA),
    ("E12-ALERT", "warning", "zero", "E12", "", None, True, RCA),
    ("OUTLIER", "warning", "outlier", "", "", "3", False, RCA),
    # The notice's 双十佳 are ten per region: a bureau reports for one region; a company
    # system or the association adds up many, so the limit is a bureau's only.
    ("D02-LIMIT", "warning", "le_number", "D02", "", "10", False, R),
    ("D03-LIMIT", "warning", "le_number", "D03", "", "10", False, R),
]
