from django.urls import path

from .views import detail, manage, public, year_over_year

urlpatterns = [
    # The public's (no login).
    path("commitments/", public.commitment_list, name="commitment_list"),
    path("commitments/compare/", public.commitment_compare, name="commitment_compare"),
    path(
        "commitments/companies/<slug:code>/",
        public.commitment_company,
        name="commitment_company",
    ),
    path(
        "commitments/companies/<slug:code>/year-over-year/",
        year_over_year.commitment_year_over_year,
        name="commitment_year_over_year",
    ),
    # Company, bureau and head office staff: drafting, publishing, remarks.
    path("commitments/manage/", manage.commitment_manage, name="commitment_manage"),
    path("commitments/manage/new/", manage.commitment_new, name="commitment_new"),
    # A published version is also the public's to read (without the staff's forms).
    path("commitments/<int:pk>/", detail.commitment_detail, name="commitment_detail"),
    path("commitments/<int:pk>/edit/", manage.commitment_edit, name="commitment_edit"),
    path("commitments/<int:pk>/<slug:action>/", detail.commitment_action, name="commitment_action"),
]
