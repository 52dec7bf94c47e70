"""The Celery app of a worker that a test starts as a process of its own and kills
(``celery -A tests.werker_app worker``; ``tests/werker.py`` starts it). It is the app's own
Celery app with its own settings; test-only is one stop, read from the environment:

- ``JJI_WERKER_STOP``: where a pool process stops, as ``dotted.path:N``: the N-th call of that
  function in the process (``overdracht.services.pdf_maken:1``; a method as
  ``module.Klasse.methode:N``);
- ``JJI_WERKER_MARKER``: a file. The process that gets there first writes its pid into it and
  waits until it is killed. Once the file exists no process stops again, so the job runs
  through when it is delivered anew.

The stop sits in front of the call: what it would have done has not happened when the process
is killed.
"""

from __future__ import annotations

import importlib
import itertools
import os
import time
from pathlib import Path

from celery.signals import worker_process_init

from jji_traject.celery import app

__all__ = ["app"]


def _houder_en_naam(pad: str):
    """The module or class that holds the function ``pad`` names, and its name there."""
    delen = pad.split(".")
    for lengte in range(len(delen) - 1, 0, -1):
        try:
            houder = importlib.import_module(".".join(delen[:lengte]))
        except ImportError:
            continue
        for naam in delen[lengte:-1]:
            houder = getattr(houder, naam)
        return houder, delen[-1]
    raise ImportError(pad)


@worker_process_init.connect(weak=False)
def _stop_inbouwen(**_kwargs) -> None:
    doel = os.environ.get("JJI_WERKER_STOP")
    if not doel:
        return
    pad, _dubbelepunt, nummer = doel.rpartition(":")
    marker = Path(os.environ["JJI_WERKER_MARKER"])
    houder, naam = _houder_en_naam(pad)
    origineel = getattr(houder, naam)
    tellen = itertools.count(1)

    def met_stop(*args, **kwargs):
        if next(tellen) == int(nummer) and not marker.exists():
            tijdelijk = marker.with_suffix(".tmp")
            tijdelijk.write_text(str(os.getpid()))
            tijdelijk.replace(marker)  # whole or not at all: the test reads the pid
            while True:
                time.sleep(1)
        return origineel(*args, **kwargs)

    setattr(houder, naam, met_stop)
