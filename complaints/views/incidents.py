from django.http import Http404


def incident_list(request, **kwargs):  # TODO(helper): replace
    raise Http404


def incident_detail(request, **kwargs):  # TODO(helper): replace
    raise Http404


def incident_step(request, **kwargs):  # TODO(helper): replace
    raise Http404
