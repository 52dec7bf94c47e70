"""Helpers for the tests that cause faults for real (``tests/jji_traject/test_storingen.py``,
``tests/jji_traject/test_werker_gedood.py``): a free port, a private redis-server on it, and
Celery handing jobs to that broker instead of running them eagerly."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time

from jji_traject.celery import app

from .omgeving import overslaan_of_falen


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def redis_server(poort: int):
    """A private redis-server on ``poort`` for the duration of the block."""
    programma = shutil.which("redis-server")
    if programma is None:
        overslaan_of_falen("redis-server ontbreekt")
    proces = subprocess.Popen(  # noqa: S603 - our own fixed command
        [programma, "--port", str(poort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        einde = time.monotonic() + 10
        while time.monotonic() < einde:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", poort)) == 0:
                    break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{poort}/0"
    finally:
        proces.terminate()
        proces.wait(timeout=10)


@contextlib.contextmanager
def broker(url: str):
    """Celery hands jobs to this broker (not eagerly) for the duration of the block."""
    oud = (app.conf.broker_url, app.conf.task_always_eager, app.conf.broker_transport_options)
    app.conf.broker_url, app.conf.task_always_eager = url, False
    app.conf.broker_transport_options = {"socket_timeout": 1, "socket_connect_timeout": 1, "max_retries": 0}
    app.conf.task_publish_retry = False
    app._pool, app.amqp._producer_pool = None, None
    try:
        yield
    finally:
        app.pool.force_close_all()
        app._pool, app.amqp._producer_pool = None, None
        app.conf.broker_url, app.conf.task_always_eager, app.conf.broker_transport_options = oud
        app.conf.task_publish_retry = True


def wachtrij_lengte(url: str) -> int:
    import redis

    return redis.Redis.from_url(url).llen("celery")
