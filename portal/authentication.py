"""The API's token authentication (settings.REST_FRAMEWORK)."""

from rest_framework import authentication
from rest_framework.authtoken.models import Token


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's, fetching the client's organisation with its token: every request asks
    portal.access about it, which would otherwise cost a query of its own."""

    def authenticate_credentials(self, key):
        token = Token.objects.select_related("user__organisation").filter(key=key).first()
        if token is None or not token.user.is_active:
            return super().authenticate_credentials(key)  # refused in DRF's own words
        return token.user, token
