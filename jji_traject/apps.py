from django.apps import AppConfig


class JjiTrajectConfig(AppConfig):
    """The project package as an app, for its plumbing only: the security log listens to
    Django's sign-in signals, and the outbox of background jobs (its one model and tasks)."""

    name = "jji_traject"
    verbose_name = "jji-traject"

    def ready(self) -> None:
        from django.contrib.auth import signals

        from . import beveiliging, tasks  # noqa: F401 - the outbox's tasks, registered with Celery

        signals.user_logged_in.connect(beveiliging.aangemeld, dispatch_uid="beveiliging.aangemeld")
        signals.user_login_failed.connect(beveiliging.aanmelding_mislukt, dispatch_uid="beveiliging.mislukt")
        signals.user_logged_out.connect(beveiliging.afgemeld, dispatch_uid="beveiliging.afgemeld")
