"""The portal's URLs plus the floor of any intake (bench/intake.py): a minimal view that
inserts one complaint row with raw SQL, through the same gunicorn and middleware as the API."""

from django.db import connection
from django.http import JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

FLOOR_DESCRIPTION = "bench floor"

# The columns and values of the first complaint (the benchmark registers it through the API
# before the floor is measured), read once per worker process.
_template = {}


def _template_row():
    if not _template:
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM complaints_complaint ORDER BY id LIMIT 1")
            columns = [column.name for column in cursor.description]
            row = dict(zip(columns, cursor.fetchone(), strict=True))
        del row["id"]
        row["description"] = FLOOR_DESCRIPTION
        _template.update(row)
    return _template


@csrf_exempt
@require_POST
def insert_complaint_row(request):
    row = _template_row()
    columns = ", ".join(row)
    placeholders = ", ".join(["%s"] * len(row))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO complaints_complaint ({columns}) VALUES ({placeholders}) RETURNING id",  # noqa: S608
            list(row.values()),
        )
        (pk,) = cursor.fetchone()
    return JsonResponse({"id": pk}, status=201)


urlpatterns = [
    path("bench/floor/", insert_complaint_row),
    path("", include("portal.urls")),
]
