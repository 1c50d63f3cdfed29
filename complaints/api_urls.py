urlpatterns = []  # TODO(api helper): /api/v1/complaints/, /api/schema/
