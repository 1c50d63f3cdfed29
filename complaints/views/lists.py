from django.http import Http404


def complaint_list(request, **kwargs):  # TODO(helper): replace
    raise Http404
