"""The browser journeys run the app as it runs in production: the live server's requests
connect to the test database as the app role ``jji_app`` (README, "Database roles"), while the
tests themselves set up and flush the database as the superuser (tests/databaserollen.py)."""

from __future__ import annotations

import os

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections

from ..databaserollen import app_instellingen


class AlsAppServer(ThreadedWSGIServer):
    """Each request thread gets its own connection as the app role (closed after the request,
    as Django's live server closes every connection of the thread)."""

    def process_request_thread(self, request, client_address):
        if connections.settings["default"]["ENGINE"].endswith("postgresql"):
            wrapper = type(connections["default"])
            connections["default"] = wrapper(app_instellingen(connections.settings["default"]), "default")
        super().process_request_thread(request, client_address)


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, serving as the app role."""
    from pytest_django.live_server_helper import LiveServer

    adres = request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    server = LiveServer(adres, start=False)
    server.thread.server_class = AlsAppServer
    server.start()
    yield server
    server.stop()
