"""The demo's fictitious insurers and people: one account per organisation."""

from ..models import User

# Never real company names: demo complaints will name these.
DEMO_INSURERS = [
    ("demo-life", "示例人寿保险股份有限公司", "Demo Life Insurance Co., Ltd."),
    ("demo-pc", "示例财产保险股份有限公司", "Demo Property & Casualty Insurance Co., Ltd."),
    ("demo-health", "样板健康保险股份有限公司", "Sample Health Insurance Co., Ltd."),
    ("demo-pension", "样板养老保险股份有限公司", "Sample Pension Insurance Co., Ltd."),
    ("demo-auto", "演示汽车保险股份有限公司", "Showcase Motor Insurance Co., Ltd."),
    ("demo-agri", "演示农业保险股份有限公司", "Showcase Agricultural Insurance Co., Ltd."),
    ("demo-mutual", "模拟相互人寿保险社", "Mock Mutual Life Insurance Society"),
    ("demo-marine", "模拟航运财产保险股份有限公司", "Mock Marine Property Insurance Co., Ltd."),
]


# Licensed this year: created after the campaigns, so no campaign expects it until head
# office adds it to the current one.
NEWLY_LICENSED = ("demo-new", "示例新设人寿保险股份有限公司", "Demo Newly Licensed Life Co., Ltd.")


HOTLINE_USERNAME = "hotline"


REVIEWER_USERNAME = "hq"


def role_for(organisation):
    return User.Role.REVIEWER if organisation.is_head_office else User.Role.STAFF


# Fictitious people: a common surname and given name, picked by the account's place in the
# list, so every run names the same account the same way.
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


GIVEN_NAMES = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明"]


def demo_person_name(index):
    return SURNAMES[index % len(SURNAMES)] + GIVEN_NAMES[index * 5 % len(GIVEN_NAMES)]


def ensure_user(username, organisation, role, password_hash, index):
    return User.objects.get_or_create(
        username=username,
        defaults={
            "organisation": organisation,
            "role": role,
            "password": password_hash,
            "full_name": demo_person_name(index),
            # A reserved domain: the demo's e-mails are printed, never delivered.
            "email": f"{username}@demo.example",
        },
    )


def users_by_code():
    return {user.username: user for user in User.objects.select_related("organisation")}
