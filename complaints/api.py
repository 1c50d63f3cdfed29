"""The hotline's API (/api/v1/): its call-centre system registers complaints, reads their
status and lists those changed since a time. Token authentication (settings.REST_FRAMEWORK);
``manage.py drf_create_token <username>`` gives a user its token.

The views parse, ask portal.access and call the same service and selectors the pages do.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error

from portal import access

from .models import IdempotencyKey
from .selectors.changes import complaints_changed_since, with_public_steps
from .selectors.complaints import complaint_for
from .serializers import ChangesQuerySerializer, ComplaintInputSerializer, ComplaintSerializer
from .services.intake import register_complaint

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="A key of the client's choosing, unique per complaint (a UUID, or the call's "
    "id). Sending the same key again, also while the first request is still running, answers "
    "with the complaint the first request registered (201, the same reference) instead of "
    "registering a second one. A repeat that is another complaint (its channel, time received, "
    "phone, company or description differ) is refused with 400 and registers nothing.",
)
REFERENCE = OpenApiParameter(
    "reference",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="The complaint's reference: 12378-2013-00012345.",
    pattern=r"^12378-\d{4}-\d{8,}$",
)
CHANGED_SINCE = OpenApiParameter(
    "changed_since",
    OpenApiTypes.DATETIME,
    OpenApiParameter.QUERY,
    description="ISO 8601 (URL-encode a “+” offset as %2B; without an offset, Beijing "
    "time): the complaints changed at or after it. Without it, every complaint the client "
    "may see.",
)
FIELD_ERRORS = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="Invalid input, nothing stored: {field: [message, …]}, or {detail: message} "
    "for a body that is not JSON.",
)
NO_TOKEN = OpenApiResponse(
    description="No token, or an unknown one: send “Authorization: Token …”."
)


class ChangesPagination(CursorPagination):
    # Oldest change first: a client keeps the last updated_at it saw and asks again from it.
    # The cursor holds its place when rows change meanwhile (a changed row comes again later).
    ordering = ("updated_at", "id")


class ComplaintViewSet(viewsets.GenericViewSet):
    serializer_class = ComplaintSerializer
    pagination_class = ChangesPagination
    parser_classes = [JSONParser]

    @extend_schema(
        summary="Register a complaint",
        request=ComplaintInputSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={
            201: ComplaintSerializer,
            400: FIELD_ERRORS,
            401: NO_TOKEN,
            403: OpenApiResponse(description="The client may not register complaints."),
        },
    )
    def create(self, request):
        if not access.may(request.user, "register_complaint"):
            raise PermissionDenied
        serializer = ComplaintInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            complaint = register_complaint(
                actor=request.user,
                idempotency_key=_idempotency_key(request),
                **serializer.validated_data,
            )
        except DjangoValidationError as error:
            errors = as_serializer_error(error)
            if "idempotency_key" in errors:
                # Named as the client sent it: a header.
                errors["Idempotency-Key"] = errors.pop("idempotency_key")
            raise ValidationError(errors) from error
        complaint = with_public_steps(complaint)
        return Response(ComplaintSerializer(complaint).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Read a complaint",
        parameters=[REFERENCE],
        responses={
            200: ComplaintSerializer,
            401: NO_TOKEN,
            404: OpenApiResponse(description="No such complaint, or not one the client sees."),
        },
    )
    def retrieve(self, request, reference):
        complaint = with_public_steps(complaint_for(request.user, reference))
        return Response(ComplaintSerializer(complaint).data)

    @extend_schema(
        summary="List the complaints changed since a time",
        parameters=[CHANGED_SINCE],
        responses={
            200: ComplaintSerializer(many=True),
            400: FIELD_ERRORS,
            401: NO_TOKEN,
            404: OpenApiResponse(
                description="A cursor that is not one a page gave (its next or previous)."
            ),
        },
    )
    def list(self, request):
        query = ChangesQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        complaints = complaints_changed_since(
            request.user, query.validated_data.get("changed_since")
        )
        page = self.paginate_queryset(complaints)
        return self.get_paginated_response(ComplaintSerializer(page, many=True).data)


def _idempotency_key(request):
    key = request.headers.get("Idempotency-Key", "").strip()
    limit = IdempotencyKey._meta.get_field("key").max_length
    if len(key) > limit:
        message = _("Use a key of at most %(limit)d characters.") % {"limit": limit}
        raise ValidationError({"Idempotency-Key": [message]})
    return key
