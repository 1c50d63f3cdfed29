from django.urls import path

from .views import summary

urlpatterns = [
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
