"""The bell and the list page: /notifications/, opening one, marking all read."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.models import Notification
from portal.notifications import notify

URL = "/notifications/"


def note(user, verb, *, link="/campaigns/", read=False):
    return Notification.objects.create(
        recipient=user, verb=verb, link=link, read_at=timezone.now() if read else None
    )


def notification_queries(queries):
    return [q["sql"] for q in queries if "portal_notification" in q["sql"]]


def test_the_list_shows_the_users_own_notifications_newest_first(
    client, bureau_a, bureau_b, time_machine
):
    time_machine.move_to("2013-04-09 10:00", tick=False)
    note(bureau_a, "报表已退回")
    time_machine.shift(60)
    note(bureau_a, "报表已通过")
    note(bureau_b, "上海的通知")
    client.force_login(bureau_a)

    response = client.get(URL)

    assert [n.verb for n in response.context["page"]] == ["报表已通过", "报表已退回"]
    assert "上海的通知" not in response.content.decode()


def test_unread_notifications_are_highlighted(client, bureau_a):
    note(bureau_a, "未读的通知")
    note(bureau_a, "已读的通知", read=True)
    client.force_login(bureau_a)

    page = client.get(URL).content.decode()

    unread = page[page.index("未读的通知") - 600 : page.index("未读的通知")]
    read = page[page.index("已读的通知") - 600 : page.index("已读的通知")]
    assert "portal-notification-unread" in unread
    assert "portal-notification-unread" not in read


def test_the_list_is_paginated(client, bureau_a):
    Notification.objects.bulk_create(
        Notification(recipient=bureau_a, verb=f"通知{i}") for i in range(30)
    )
    client.force_login(bureau_a)

    first = client.get(URL)
    second = client.get(URL, {"page": 2})

    assert len(first.context["page"]) == 25
    assert len(second.context["page"]) == 5


def test_the_list_takes_the_same_number_of_queries_for_many_notifications(client, bureau_a):
    client.force_login(bureau_a)
    client.get(URL)  # session and user caches warm
    Notification.objects.bulk_create(
        Notification(recipient=bureau_a, verb=f"通知{i}", link="/campaigns/") for i in range(40)
    )
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    Notification.objects.bulk_create(
        Notification(recipient=bureau_a, verb=f"更多{i}") for i in range(40)
    )
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many) == len(few)
    # The page, the paginator's count and the bell's count.
    assert len(notification_queries(many.captured_queries)) == 3


def test_the_bell_shows_the_unread_count_on_every_page(client, bureau_a):
    note(bureau_a, "一")
    note(bureau_a, "二")
    note(bureau_a, "三", read=True)
    client.force_login(bureau_a)

    page = client.get("/campaigns/").content.decode()

    bell = page[page.index("portal-bell") :]
    bell = bell[: bell.index("</a>")]
    assert 'href="/notifications/"' in page
    assert ">2<" in bell.replace(" ", "").replace("\n", "")


def test_the_bell_costs_one_query(client, bureau_a):
    note(bureau_a, "一")
    client.force_login(bureau_a)
    with CaptureQueriesContext(connection) as queries:
        client.get("/campaigns/")
    [count] = notification_queries(queries.captured_queries)
    assert "COUNT" in count.upper()


def test_the_bell_shows_no_count_when_everything_is_read(client, bureau_a):
    note(bureau_a, "一", read=True)
    client.force_login(bureau_a)
    page = client.get("/campaigns/").content.decode()
    assert "portal-bell-count" not in page


def test_anonymous_pages_have_no_bell_and_no_query(client, db):
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/accounts/login/").content.decode()
    assert "portal-bell" not in page
    assert notification_queries(queries.captured_queries) == []


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, bureau_a):
    notification = note(bureau_a, "报表已退回", link="/statistics/2013/beijing/")
    client.force_login(bureau_a)

    response = client.get(f"/notifications/{notification.pk}/")

    assert response.status_code == 302
    assert response["Location"] == "/statistics/2013/beijing/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_opening_it_again_keeps_the_first_reading_time(client, bureau_a):
    notification = note(bureau_a, "报表已退回", read=True)
    first = notification.read_at
    client.force_login(bureau_a)
    client.get(f"/notifications/{notification.pk}/")
    notification.refresh_from_db()
    assert notification.read_at == first


@pytest.mark.parametrize(
    "link",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"],
)
def test_a_link_that_leaves_the_portal_is_not_followed(client, bureau_a, link):
    notification = note(bureau_a, "可疑链接", link=link)
    client.force_login(bureau_a)

    response = client.get(f"/notifications/{notification.pk}/")

    assert response.status_code == 302
    assert response["Location"] == URL


@pytest.mark.parametrize("link", ["https://evil.example/", "//evil.example/x"])
def test_notify_refuses_a_link_to_another_site(bureau_a, link):
    with pytest.raises(ValueError):
        notify(recipients=[bureau_a], verb="通知", link=link)
    assert not Notification.objects.exists()


def test_another_users_notification_is_not_found_and_stays_unread(client, bureau_a, bureau_b):
    theirs = note(bureau_b, "上海的通知")
    client.force_login(bureau_a)

    response = client.get(f"/notifications/{theirs.pk}/")

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_marks_only_the_users_own(client, bureau_a, bureau_b):
    note(bureau_a, "一")
    note(bureau_a, "二")
    theirs = note(bureau_b, "上海的通知")
    client.force_login(bureau_a)

    response = client.post("/notifications/read/")

    assert response.status_code == 302
    assert response["Location"] == URL
    assert not Notification.objects.filter(recipient=bureau_a, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert "portal-bell-count" not in client.get(URL).content.decode()


def test_mark_all_read_rejects_get(client, bureau_a):
    note(bureau_a, "一")
    client.force_login(bureau_a)
    assert client.get("/notifications/read/").status_code == 405
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_mark_all_read_needs_a_login(client, bureau_a):
    note(bureau_a, "一")
    response = client.post("/notifications/read/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_text_from_users_is_shown_as_text(client, bureau_a):
    Notification.objects.create(
        recipient=bureau_a, verb="<b>退回</b>", body="<script>alert(1)</script>\n第二行"
    )
    client.force_login(bureau_a)
    page = client.get(URL).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "&lt;b&gt;退回" in page
    assert "<br>第二行" in page


def test_each_reader_reads_a_notification_in_their_own_language(
    client, head_office, bureau_a, campaign
):
    from campaign.services import statistics as statistics_services

    from ..factories import statistics_report, valid_values

    report = statistics_report(campaign, "beijing")
    statistics_services.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    statistics_services.submit_report(actor=bureau_a, report=report)
    statistics_services.return_report(actor=head_office, report=report, comment="请核实E01。")
    client.force_login(bureau_a)

    chinese = client.get(URL).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(URL).content.decode()

    assert "保监会已退回你单位2013年情况统计表" in chinese
    assert "Head office returned your 2013 statistics for changes" in english
    assert "退回你单位" not in english
    assert "请核实E01。" in english  # what head office wrote stays as written
