from django.urls import path

from .views import dashboards, reminders, runs, summary

urlpatterns = [
    path("", runs.national_report_home, name="national_report_home"),
    path("<int:year>/", runs.national_report, name="national_report"),
    path("<int:year>/build/", runs.national_report_build, name="national_report_build"),
    path("<int:year>/runs/<int:pk>/", runs.national_report_run, name="national_report_run"),
    path(
        "<int:year>/runs/<int:pk>/progress/",
        runs.national_report_run_progress,
        name="national_report_run_progress",
    ),
    path(
        "<int:year>/runs/<int:pk>/<slug:kind>/",
        runs.national_report_file,
        name="national_report_file",
    ),
    path("<int:year>/reminders/", reminders.reminder_list, name="reminder_list"),
    path("<int:year>/reminders/send/", reminders.reminders_send, name="reminders_send"),
    path("dashboard/", dashboards.current_dashboard, name="dashboard_current"),
    path("<int:year>/dashboard/", dashboards.dashboard, name="dashboard"),
    path("<int:year>/summary/", summary.national_summary, name="national_summary"),
    path(
        "<int:year>/summary/final/",
        summary.national_summary_finalise,
        name="national_summary_finalise",
    ),
    path(
        "<int:year>/summary/adopt/", summary.national_summary_adopt, name="national_summary_adopt"
    ),
    path(
        "<int:year>/summary/versions/<int:number>/",
        summary.national_summary_version,
        name="national_summary_version",
    ),
]
