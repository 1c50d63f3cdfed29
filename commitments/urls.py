from django.urls import path

from .views import year_over_year

urlpatterns = [
    # The public's (no login): /commitments/, /commitments/compare/, a company's page.
    path(
        "commitments/companies/<slug:code>/year-over-year/",
        year_over_year.commitment_year_over_year,
        name="commitment_year_over_year",
    ),
    # Company, bureau and head office staff: drafting, publishing, remarks.
]
