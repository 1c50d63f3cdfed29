from django.conf import settings
from django.http import FileResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Chinese unless the user chose English with the portal's language switch.

    Django would also follow the browser's Accept-Language; an office PC's browser language
    is not a choice made for this portal, and the portal's working language is Chinese.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = dict(settings.LANGUAGES)
        translation.activate(chosen if chosen in supported else settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()


class PrivateNoStoreMiddleware:
    """`Cache-Control: private, no-store` on what a logged-in user is sent and on every file
    download, unless the view chose its own caching. Static files are served before this
    (by whitenoise or the development server) and keep theirs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response  # the view decided
        user = getattr(request, "user", None)
        logged_in = user is not None and user.is_authenticated
        is_download = isinstance(response, FileResponse) or response.has_header(
            "Content-Disposition"
        )
        if logged_in or is_download:
            response["Cache-Control"] = "private, no-store"
        return response
