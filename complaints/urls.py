from django.urls import path, register_converter

from .converters import ReferenceConverter
from .views import handling, incidents, intake, lists, public

register_converter(ReferenceConverter, "reference")

urlpatterns = [
    # The public's: no login.
    path("complaints/new/", public.complaint_new, name="complaint_new"),
    path("complaints/new/done/", public.complaint_filed, name="complaint_filed"),
    path("complaints/track/", public.complaint_track, name="complaint_track"),
    # Staff.
    path("hotline/", intake.hotline_home, name="hotline_home"),
    path("complaints/", lists.complaint_list, name="complaint_list"),
    path("complaints/register/", intake.complaint_register, name="complaint_register"),
    path("complaints/<reference:reference>/", handling.complaint_detail, name="complaint_detail"),
    path(
        "complaints/<reference:reference>/personal-data/",
        handling.complaint_personal_data,
        name="complaint_personal_data",
    ),
    path(
        "complaints/<reference:reference>/attachments/<slug:token>/",
        handling.complaint_attachment,
        name="complaint_attachment",
    ),
    path(
        "complaints/<reference:reference>/claim-timeline/",
        handling.complaint_claim_timeline,
        name="complaint_claim_timeline",
    ),
    path(
        "complaints/<reference:reference>/<slug:action>/",
        handling.complaint_action,
        name="complaint_action",
    ),
    path("incidents/", incidents.incident_list, name="incident_list"),
    path("incidents/<reference:reference>/", incidents.incident_detail, name="incident_detail"),
    path("incidents/<reference:reference>/steps/", incidents.incident_step, name="incident_step"),
]
