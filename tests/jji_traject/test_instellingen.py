"""Settings that keep youth data on the server: Django's messages live in the session, never in a cookie."""

import pytest

pytestmark = pytest.mark.django_db


def test_messages_do_not_travel_in_a_cookie(client, demo, settings):
    assert settings.MESSAGE_STORAGE.endswith("SessionStorage")
