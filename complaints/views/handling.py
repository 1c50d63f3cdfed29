from django.http import Http404


def complaint_detail(request, **kwargs):  # TODO(helper): replace
    raise Http404


def complaint_personal_data(request, **kwargs):  # TODO(helper): replace
    raise Http404


def complaint_attachment(request, **kwargs):  # TODO(helper): replace
    raise Http404


def complaint_action(request, **kwargs):  # TODO(helper): replace
    raise Http404
