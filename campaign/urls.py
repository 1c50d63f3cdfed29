from django.urls import path

from .views import (
    activities,
    articles,
    campaigns,
    excel,
    exemplars,
    expected_units,
    media_reports,
    organisations,
    people,
    review,
    setup,
    statistics,
    tables,
)

urlpatterns = [
    path("", campaigns.home, name="home"),
    path("campaigns/", campaigns.campaign_list, name="campaign_list"),
    path("campaigns/<int:year>/", campaigns.campaign_detail, name="campaign_detail"),
    path("campaigns/new/", setup.campaign_create, name="campaign_create"),
    path("campaigns/<int:year>/open/", setup.campaign_open, name="campaign_open"),
    path("campaigns/<int:year>/close/", setup.campaign_close, name="campaign_close"),
    path("campaigns/<int:year>/table/", tables.campaign_table, name="campaign_table"),
    path(
        "campaigns/<int:year>/table/indicators/new/",
        tables.indicator_create,
        name="indicator_create",
    ),
    path(
        "campaigns/<int:year>/table/indicators/<slug:code>/edit/",
        tables.indicator_edit,
        name="indicator_edit",
    ),
    path(
        "campaigns/<int:year>/table/indicators/<slug:code>/retire/",
        tables.indicator_retire,
        name="indicator_retire",
    ),
    path(
        "campaigns/<int:year>/table/indicators/<slug:code>/restore/",
        tables.indicator_restore,
        name="indicator_restore",
    ),
    path(
        "campaigns/<int:year>/table/indicators/<slug:code>/move/",
        tables.indicator_move,
        name="indicator_move",
    ),
    path(
        "campaigns/<int:year>/units/", expected_units.expected_unit_list, name="expected_unit_list"
    ),
    path(
        "campaigns/<int:year>/units/add/",
        expected_units.expected_unit_add,
        name="expected_unit_add",
    ),
    path(
        "campaigns/<int:year>/units/<slug:code>/remove/",
        expected_units.expected_unit_remove,
        name="expected_unit_remove",
    ),
    path("organisations/", organisations.organisation_list, name="organisation_list"),
    path("organisations/new/", organisations.organisation_create, name="organisation_create"),
    path(
        "organisations/<slug:code>/edit/",
        organisations.organisation_edit,
        name="organisation_edit",
    ),
    path("statistics/", statistics.statistics_home, name="statistics_home"),
    # Before statistics_form, which would take "review" for a unit's code.
    path("statistics/<int:year>/review/", review.review_table, name="statistics_review"),
    path("statistics/<int:year>/<slug:code>/", statistics.statistics_form, name="statistics_form"),
    path(
        "statistics/<int:year>/<slug:code>/review/",
        review.review_report,
        name="statistics_review_report",
    ),
    path(
        "statistics/<int:year>/<slug:code>/approve/",
        review.approve_report,
        name="statistics_approve",
    ),
    path(
        "statistics/<int:year>/<slug:code>/return/",
        review.return_report,
        name="statistics_return",
    ),
    path(
        "statistics/<int:year>/<slug:code>/reopen/",
        review.reopen_report,
        name="statistics_reopen",
    ),
    path(
        "statistics/<int:year>/<slug:code>/history/",
        statistics.statistics_history,
        name="statistics_history",
    ),
    path(
        "statistics/<int:year>/<slug:code>/attachments/",
        statistics.attachment_add,
        name="statistics_attachment_add",
    ),
    path(
        "statistics/<int:year>/<slug:code>/attachments/<int:pk>/",
        statistics.attachment_download,
        name="statistics_attachment",
    ),
    path(
        "statistics/<int:year>/<slug:code>/attachments/<int:pk>/remove/",
        statistics.attachment_remove,
        name="statistics_attachment_remove",
    ),
    path(
        "statistics/<int:year>/<slug:code>/excel/", excel.statistics_excel, name="statistics_excel"
    ),
    path(
        "statistics/<int:year>/<slug:code>/excel/template.xlsx",
        excel.statistics_excel_template,
        name="statistics_excel_template",
    ),
    path(
        "statistics/<int:year>/<slug:code>/excel/uploads/<int:upload_id>/annotated.xlsx",
        excel.statistics_excel_annotated,
        name="statistics_excel_annotated",
    ),
    # Knowledge articles (保险知识大讲堂): the public's pages, then head office's and the
    # association's.
    path("knowledge/", articles.knowledge_list, name="knowledge_list"),
    path("knowledge/<int:pk>/", articles.knowledge_article, name="knowledge_article"),
    path("knowledge/manage/", articles.article_manage, name="article_manage"),
    path("knowledge/manage/new/", articles.article_new, name="article_new"),
    path("knowledge/manage/<int:pk>/edit/", articles.article_edit, name="article_edit"),
    path(
        "knowledge/manage/<int:pk>/<slug:action>/",
        articles.article_action,
        name="article_action",
    ),
    # The activity log (SPEC §2, issue 11 item 1).
    path("activities/", activities.activities_home, name="activities_home"),
    path("activities/<int:year>/", activities.activity_list, name="activity_list"),
    path("activities/<int:year>/new/", activities.activity_create, name="activity_create"),
    path("activities/<int:year>/calendar/", activities.activity_calendar, name="activity_calendar"),
    path("activities/<int:year>/<int:pk>/", activities.activity_detail, name="activity_detail"),
    path("activities/<int:year>/<int:pk>/edit/", activities.activity_edit, name="activity_edit"),
    path(
        "activities/<int:year>/<int:pk>/delete/",
        activities.activity_delete,
        name="activity_delete",
    ),
    path(
        "activities/<int:year>/<int:pk>/photos/",
        activities.activity_photo_add,
        name="activity_photo_add",
    ),
    path("activities/photos/<int:pk>/", activities.activity_photo, name="activity_photo"),
    path(
        "activities/photos/<int:pk>/thumbnail/",
        activities.activity_photo_thumbnail,
        name="activity_photo_thumbnail",
    ),
    path(
        "activities/photos/<int:pk>/delete/",
        activities.activity_photo_delete,
        name="activity_photo_delete",
    ),
    # People management (issue 6, item 7).
    path("people/", people.person_list, name="person_list"),
    path("people/new/", people.person_create, name="person_create"),
    path("people/<str:username>/edit/", people.person_edit, name="person_edit"),
    path("people/<str:username>/deactivate/", people.person_deactivate, name="person_deactivate"),
    path("people/<str:username>/activate/", people.person_activate, name="person_activate"),
    path("people/<str:username>/unlock/", people.person_unlock, name="person_unlock"),
    # 双十佳 (issue 11 item 2): bureaus' and the association's lists, and the public's.
    path("exemplars/", exemplars.exemplar_public, name="exemplar_public"),
    path("exemplars/<int:year>/", exemplars.exemplar_public, name="exemplar_public_year"),
    path(
        "exemplars/<int:year>/<slug:region_code>/",
        exemplars.exemplar_region,
        name="exemplar_region",
    ),
    path("exemplars/photos/<int:pk>/", exemplars.exemplar_photo, name="exemplar_photo"),
    path(
        "exemplars/photos/<int:pk>/small/",
        exemplars.exemplar_photo,
        {"small": True},
        name="exemplar_thumbnail",
    ),
    path("exemplars/manage/", exemplars.exemplar_manage_home, name="exemplar_manage_home"),
    path("exemplars/manage/<int:year>/", exemplars.exemplar_manage, name="exemplar_manage"),
    path("exemplars/manage/<int:year>/new/", exemplars.exemplar_new, name="exemplar_new"),
    path(
        "exemplars/manage/<int:year>/<int:pk>/edit/",
        exemplars.exemplar_edit,
        name="exemplar_edit",
    ),
    path(
        "exemplars/manage/<int:year>/<int:pk>/<slug:step>/",
        exemplars.exemplar_step,
        name="exemplar_step",
    ),
    # Media reports (issue 11 item 4).
    path("media-reports/", media_reports.media_report_home, name="media_report_home"),
    path("media-reports/<int:year>/", media_reports.media_report_list, name="media_report_list"),
    path("media-reports/<int:year>/new/", media_reports.media_report_new, name="media_report_new"),
    path(
        "media-reports/<int:year>/<int:pk>/edit/",
        media_reports.media_report_edit,
        name="media_report_edit",
    ),
    path(
        "media-reports/<int:year>/<int:pk>/delete/",
        media_reports.media_report_delete,
        name="media_report_delete",
    ),
]
