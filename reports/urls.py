from django.urls import path

from .views import dashboards

urlpatterns = [
    path("dashboard/", dashboards.current_dashboard, name="dashboard_current"),
    path("<int:year>/dashboard/", dashboards.dashboard, name="dashboard"),
]
