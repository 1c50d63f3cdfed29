from django.http import Http404


def hotline_home(request, **kwargs):  # TODO(helper): replace
    raise Http404


def complaint_register(request, **kwargs):  # TODO(helper): replace
    raise Http404
