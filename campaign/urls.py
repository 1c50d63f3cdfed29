from django.urls import path

from .views import campaigns, organisations

urlpatterns = [
    path("", campaigns.home, name="home"),
    path("campaigns/", campaigns.campaign_list, name="campaign_list"),
    path("campaigns/<int:year>/", campaigns.campaign_detail, name="campaign_detail"),
    path("organisations/", organisations.organisation_list, name="organisation_list"),
    path("organisations/new/", organisations.organisation_create, name="organisation_create"),
    path(
        "organisations/<slug:code>/edit/",
        organisations.organisation_edit,
        name="organisation_edit",
    ),
]
