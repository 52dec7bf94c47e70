"""An API client as a partner system uses it: a knox token for a user, sent with every request."""

import datetime as dt

from knox.models import AuthToken
from rest_framework.test import APIClient


def token_voor(user, dagen=30):
    _instantie, token = AuthToken.objects.create(user=user, expiry=dt.timedelta(days=dagen))
    return token


def klant(user=None, token=None):
    client = APIClient()
    if user is not None or token is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {token or token_voor(user)}")
    return client


def json_fout(antwoord, code):
    """The API's one error shape, with this code; returns the body."""
    gegevens = antwoord.json()
    assert set(gegevens) == {"code", "message", "fields"}, gegevens
    assert gegevens["code"] == code, gegevens
    return gegevens
