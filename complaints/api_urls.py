from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny

from .api import ComplaintViewSet

urlpatterns = [
    path(
        "v1/complaints/",
        ComplaintViewSet.as_view({"get": "list", "post": "create"}),
        name="api_complaints",
    ),
    path(
        "v1/complaints/<str:reference>/",
        ComplaintViewSet.as_view({"get": "retrieve"}),
        name="api_complaint",
    ),
    # The schema documents the API and holds no data: anyone may read it, token or not.
    path(
        "schema/",
        SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[AllowAny]),
        name="api_schema",
    ),
]
