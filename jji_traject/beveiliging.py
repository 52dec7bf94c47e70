"""The security log: one JSON line per security event on the logger ``jji_traject.beveiliging``,
for a SIEM to take in (see the README). Never a password, code, token or category content:
only who (the username as typed, the user's id), what (the event), when, from where (IP)
and which request (its id, as in the raadplegingen log).

Today's events come from Django's sign-in signals (connected in ``apps.py``); later ones
(lockouts, second factors, account requests) call :func:`vastleggen` with their own name.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

LOGGER = "jji_traject.beveiliging"
logger = logging.getLogger(LOGGER)

# Fields an event may carry besides the fixed ones. A field outside this list is a
# programming error: it could be a password or a code that must never reach a log.
EXTRA_VELDEN = frozenset({"user_id", "reason", "target_username", "target_user_id", "device", "until", "mfa"})
MAX_LENGTE = 150  # a username (Django's maximum); longer input is cut, not logged whole


def _kort(waarde: object) -> object:
    if isinstance(waarde, str):
        return waarde[:MAX_LENGTE]
    return waarde


def vastleggen(event: str, *, request=None, username: str | None = None, **extra: object) -> None:
    """Write one security event. ``request`` gives the IP and the request id."""
    onbekend = set(extra) - EXTRA_VELDEN
    if onbekend:
        raise ValueError(f"security log: unknown field(s) {sorted(onbekend)}")
    regel = {
        "event": event,
        "username": _kort(username),
        "ip": (request.META.get("REMOTE_ADDR") or None) if request is not None else None,
        "request_id": getattr(request, "verzoek_id", None),
        **{k: _kort(v) for k, v in extra.items()},
    }
    logger.info(event, extra={"beveiliging": regel})


class JsonRegel(logging.Formatter):
    """Formats a record of the security logger as one JSON object with a UTC timestamp.
    json.dumps escapes newlines and quotes, so input cannot forge a second line."""

    def format(self, record: logging.LogRecord) -> str:
        velden = getattr(record, "beveiliging", None) or {"event": record.getMessage()}
        regel = {
            "timestamp": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "logger": record.name,
            "level": record.levelname,
            **velden,
        }
        return json.dumps(regel, ensure_ascii=False, default=str)


# Receivers of Django's authentication signals (connected in JjiTrajectConfig.ready).


def aangemeld(sender, request, user, **kwargs) -> None:
    vastleggen("login_success", request=request, username=user.get_username(), user_id=user.pk)


def aanmelding_mislukt(sender, credentials, request=None, **kwargs) -> None:
    # Django has already replaced the password in ``credentials``; only the username is read.
    vastleggen("login_failure", request=request, username=credentials.get("username"))


def afgemeld(sender, request, user, **kwargs) -> None:
    if user is None:  # signing out without a session: nothing to record about a person
        vastleggen("logout", request=request)
        return
    vastleggen("logout", request=request, username=user.get_username(), user_id=user.pk)
