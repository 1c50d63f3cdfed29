urlpatterns = [
    # The public's (no login): /commitments/, /commitments/compare/, a company's page.
    # Company, bureau and head office staff: drafting, publishing, remarks.
]
