from django.http import Http404


def complaint_new(request, **kwargs):  # TODO(helper): replace
    raise Http404


def complaint_filed(request, **kwargs):  # TODO(helper): replace
    raise Http404


def complaint_track(request, **kwargs):  # TODO(helper): replace
    raise Http404
