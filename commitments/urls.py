from django.urls import path

from .views import public

urlpatterns = [
    # The public's (no login): /commitments/, /commitments/compare/, a company's page.
    path("commitments/", public.commitment_list, name="commitment_list"),
    path("commitments/compare/", public.commitment_compare, name="commitment_compare"),
    path(
        "commitments/companies/<slug:code>/",
        public.commitment_company,
        name="commitment_company",
    ),
    # Company, bureau and head office staff: drafting, publishing, remarks.
]
